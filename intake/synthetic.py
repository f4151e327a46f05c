"""Deterministic synthetic data for scale tests and benchmarks (``manage.py generate_synthetic``).

Everything is made up and says so: slugs start with ``syn-``, names and texts say "Synthetic", and
sources have no URL. The same ``(reactions, seed)`` always gives the same rows, ids aside, on any
database. Rows are produced as plain tuples in table-column order and written with COPY on
PostgreSQL (psycopg 3 ``cursor.copy``) or ``executemany`` elsewhere, so derived columns
(``search_text``, ``public_id``, timestamps, the PLOVER coding of the CAMEO code) are filled here
exactly as ``save()`` would fill them, and every constraint and trigger (a reaction's actor is a state
or an IGO, a PLOVER mode fits its type) still runs in the database.
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import json
import random
import time
import uuid
from dataclasses import dataclass, field

from django.db import connection, models, transaction
from django_countries import countries

from actors.choices import ActorKind
from actors.models import Actor
from core.choices import ReviewStatus
from core.dates import DatePrecision
from core.text import fold
from events.choices import ActorRole, Certainty, ReactionKind, Stance
from events.models import Event, EventActor, Reaction, Statement
from events.plover import plover_for_cameo
from sources.choices import SourceKind
from sources.models import Citation, Source

PREFIX = "syn-"
BASE_TIME = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
FIRST_DAY = datetime.date(2015, 1, 1)
DAYS = 365 * 10

# Reaction kind -> (stance, CAMEO code) pairs that go together, most common first.
KIND_STANCE_CAMEO = {
    ReactionKind.CONDEMNATION: [(Stance.CONDEMNS, "111"), (Stance.CONDEMNS, "11")],
    ReactionKind.STATEMENT: [(Stance.NEUTRAL, "010"), (Stance.CONDEMNS, "012"), (Stance.SUPPORTS, "013")],
    ReactionKind.SUPPORT: [(Stance.SUPPORTS, "051"), (Stance.SUPPORTS, "05")],
    ReactionKind.CALL_FOR_MEETING: [(Stance.NEUTRAL, "026"), (Stance.NEUTRAL, "02")],
    ReactionKind.ABSTENTION: [(Stance.ABSTAINS, "")],
    ReactionKind.SEVERED_TIES: [(Stance.CONDEMNS, "161"), (Stance.CONDEMNS, "16")],
    ReactionKind.LEGAL_ACTION: [(Stance.CONDEMNS, "115"), (Stance.CONDEMNS, "0213"), (Stance.CONDEMNS, "")],
    ReactionKind.OTHER: [(Stance.NEUTRAL, "")],
}
KIND_WEIGHTS = [30, 30, 12, 10, 6, 4, 4, 4]
VERBS = {
    ReactionKind.CONDEMNATION: "condemned",
    ReactionKind.STATEMENT: "issued a statement on",
    ReactionKind.SUPPORT: "expressed support over",
    ReactionKind.CALL_FOR_MEETING: "called for a meeting about",
    ReactionKind.ABSTENTION: "abstained on",
    ReactionKind.SEVERED_TIES: "severed ties over",
    ReactionKind.LEGAL_ACTION: "took legal action over",
    ReactionKind.OTHER: "responded to",
}
TOPICS = ["embassy", "border", "election", "trade", "asylum", "sanctions", "summit", "treaty",
          "fisheries", "pipeline", "airspace", "refugees", "extradition", "tariffs", "vaccines",
          "mining", "drought", "cyberattack", "protest", "ceasefire"]
EVENT_CAMEO = ["010", "036", "111", "161", "17", "0213", "19", "040", "050", "112"]
ADJECTIVES = ["urgent", "bilateral", "regional", "disputed", "unexpected", "lengthy", "brief", "joint",
              "contested", "historic", "quiet", "formal"]


def _plover(cameo: str) -> dict:
    """PLOVER columns as save() fills them: the CAMEO code's default coding, not coded by hand."""
    coding = plover_for_cameo(cameo)
    return {"plover_type": coding.type, "plover_mode": coding.mode, "plover_contexts": list(coding.contexts),
            "plover_hand_coded": False}


def _check_cameo():
    from events.cameo import CAMEO_CODES

    codes = {c for pairs in KIND_STANCE_CAMEO.values() for _s, c in pairs if c} | set(EVENT_CAMEO)
    missing = codes - set(CAMEO_CODES)
    if missing:  # pragma: no cover - guards the tables above against a typo
        raise ValueError(f"Synthetic CAMEO codes not in events.cameo: {sorted(missing)}")


@dataclass
class Plan:
    """How many rows of each kind a run makes; everything scales with the number of reactions."""

    reactions: int
    seed: int = 42
    events: int = field(init=False)
    persons: int = field(init=False)
    igos: int = field(init=False)
    statements: int = field(init=False)
    sources: int = field(init=False)

    def __post_init__(self):
        n = self.reactions
        self.events = max(5, n // 200)
        self.persons = max(5, n // 500)
        self.igos = max(3, min(60, n // 10_000))
        self.statements = max(5, n // 10)
        self.sources = max(3, n // 1000)


class Clock:
    """Deterministic created_at/updated_at values, one second apart, in generation order."""

    def __init__(self):
        self.n = 0

    def next(self) -> datetime.datetime:
        self.n += 1
        return BASE_TIME + datetime.timedelta(seconds=self.n)


def _zipf_cumulative(n: int, s: float = 1.07) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank ** s) for rank in range(1, n + 1)))


def _pick(rng: random.Random, cumulative: list[float]) -> int:
    return bisect.bisect_left(cumulative, rng.random() * cumulative[-1])


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _columns(model) -> list:
    return [f for f in model._meta.concrete_fields]


class Writer:
    """Writes rows (dicts keyed by attname) to one table, buffering for executemany or streaming COPY."""

    def __init__(self, model, cursor, next_id: int):
        self.model = model
        self.fields = _columns(model)
        self.cursor = cursor
        self.next_id = next_id
        self.count = 0
        self.vendor = connection.vendor
        self._copy_cm = None
        self._copy = None
        self._buffer: list[tuple] = []
        cols = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        table = connection.ops.quote_name(model._meta.db_table)
        if self.vendor == "postgresql":
            self._copy_cm = cursor.cursor.copy(f"COPY {table} ({cols}) FROM STDIN")
            self._copy = self._copy_cm.__enter__()
        else:
            marks = ", ".join(["%s"] * len(self.fields))
            self._sql = f"INSERT INTO {table} ({cols}) VALUES ({marks})"

    def add(self, **values) -> int:
        pk = self.next_id
        self.next_id += 1
        values["id"] = pk
        row = []
        for f in self.fields:
            value = values[f.attname] if f.attname in values else f.get_default()
            if isinstance(f, models.JSONField):  # aliases, plover_contexts: JSON text for COPY and SQLite
                value = json.dumps(value)
            row.append(value)
        if self._copy is not None:
            self._copy.write_row(row)
        else:
            self._buffer.append(tuple(
                v if isinstance(f, models.JSONField) else f.get_db_prep_value(v, connection, prepared=False)
                for f, v in zip(self.fields, row, strict=True)))
            if len(self._buffer) >= 5000:
                self.flush()
        self.count += 1
        return pk

    def flush(self):
        if self._buffer:
            self.cursor.executemany(self._sql, self._buffer)
            self._buffer = []

    def close(self):
        if self._copy_cm is not None:
            self._copy_cm.__exit__(None, None, None)
            self._copy_cm = self._copy = None
        self.flush()


def existing_count() -> int:
    return Reaction.objects.filter(slug__startswith=PREFIX).count()


def fingerprint(reactions: int, seed: int) -> str:
    """Public id of the first synthetic reaction for (reactions, seed): identifies a finished run."""
    return str(_uuid(random.Random(f"{seed}:{reactions}:fingerprint")))


def present(reactions: int, seed: int) -> bool:
    """True when exactly this run's synthetic data is already in the database."""
    return (existing_count() == reactions
            and Reaction.objects.filter(slug=f"{PREFIX}reaction-0", public_id=fingerprint(reactions, seed))
            .exists())


def delete_existing(log=print):
    """Remove earlier synthetic rows (children first), leaving real data untouched."""
    t = time.perf_counter()
    with transaction.atomic():
        Citation.objects.filter(source__slug__startswith=PREFIX)._raw_delete(connection.alias)
        Reaction.objects.filter(slug__startswith=PREFIX)._raw_delete(connection.alias)
        Statement.objects.filter(slug__startswith=PREFIX)._raw_delete(connection.alias)
        EventActor.objects.filter(event__slug__startswith=PREFIX)._raw_delete(connection.alias)
        Event.objects.filter(slug__startswith=PREFIX)._raw_delete(connection.alias)
        Source.objects.filter(slug__startswith=PREFIX)._raw_delete(connection.alias)
        Actor.objects.filter(slug__startswith=PREFIX)._raw_delete(connection.alias)
    log(f"deleted earlier synthetic data in {time.perf_counter() - t:.1f}s")


def _next_ids(models) -> dict:
    from django.db.models import Max

    return {m: (m.objects.aggregate(m=Max("id"))["m"] or 0) + 1 for m in models}


def _reset_sequences(models):
    from django.core.management.color import no_style

    sql = connection.ops.sequence_reset_sql(no_style(), models)
    if sql:
        with connection.cursor() as cursor:
            for statement in sql:
                cursor.execute(statement)


def generate(reactions: int, seed: int = 42, log=print) -> dict:
    """Insert the synthetic data set; returns row counts per table and timings."""
    _check_cameo()
    plan = Plan(reactions=reactions, seed=seed)
    rng = random.Random(seed)
    clock = Clock()
    models = [Actor, Source, Event, EventActor, Statement, Reaction, Citation]
    ids = _next_ids(models)
    timings: dict[str, float] = {}
    counts: dict[str, int] = {}

    def stamped():
        ts = clock.next()
        return {"public_id": _uuid(rng), "created_at": ts, "updated_at": ts}

    def reviewed():
        row = stamped()
        row.update(status=ReviewStatus.REVIEWED, reviewed_at=row["created_at"], reviewed_by_id=None)
        return row

    start = time.perf_counter()
    if connection.vendor == "postgresql":
        # One COPY of a million rows, then VACUUM, run far past the statement timeout meant for requests
        # (DATABASE_STATEMENT_TIMEOUT); this session is a bulk load.
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")
    with transaction.atomic(), connection.cursor() as cursor:

        def table(model):
            return Writer(model, cursor, ids[model])

        def done(writer, label, t0):
            writer.close()
            timings[label] = time.perf_counter() - t0
            counts[label] = writer.count
            log(f"  {label:<12} {writer.count:>9} rows in {timings[label]:6.1f}s")

        # Actors: one state per country (ranked by a shuffled, seed-fixed order for the Zipf skew),
        # international organizations, and people who make statements.
        t0 = time.perf_counter()
        w = table(Actor)
        country_list = sorted(countries, key=lambda c: c.code)
        rng.shuffle(country_list)
        states = []
        for c in country_list:
            name = f"Synthetic {c.name}"
            aliases = [f"syn {c.code}"]
            states.append(w.add(name=name, slug=f"{PREFIX}state-{c.code.lower()}", kind=ActorKind.STATE,
                                country=c.code, aliases=aliases, description="Synthetic state.",
                                search_text=Actor.build_search_text(name, aliases), **reviewed()))
        igos = []
        for i in range(plan.igos):
            name = f"Synthetic Organization {i}"
            igos.append(w.add(name=name, slug=f"{PREFIX}igo-{i}", kind=ActorKind.INTERNATIONAL_ORGANIZATION,
                              country="", aliases=[], description="Synthetic organization.",
                              search_text=Actor.build_search_text(name, []), **reviewed()))
        persons = []
        for i in range(plan.persons):
            name = f"Synthetic Person {i}"
            country = country_list[i % len(country_list)].code
            persons.append(w.add(name=name, slug=f"{PREFIX}person-{i}", kind=ActorKind.PERSON,
                                 country=country, aliases=[], description="",
                                 search_text=Actor.build_search_text(name, []), **reviewed()))
        done(w, "actors", t0)

        t0 = time.perf_counter()
        w = table(Source)
        sources = []
        for i in range(plan.sources):
            day = FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS))
            sources.append(w.add(slug=f"{PREFIX}source-{i}", publisher=f"Synthetic Publisher {i % 97}",
                                 title=f"Synthetic report {i}", author=None, published_on=day,
                                 published_precision=DatePrecision.DAY, kind=SourceKind.NEWS_REPORT,
                                 language="en", url=None, summary="Synthetic source for scale tests.",
                                 corpus_name="", **stamped()))
        done(w, "sources", t0)

        # Events: dates spread over ten years; popular events (Zipf) draw most reactions.
        t0 = time.perf_counter()
        w = table(Event)
        ev_rows = []
        state_cum = _zipf_cumulative(len(states))
        for i in range(plan.events):
            day = FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS))
            c = country_list[_pick(rng, state_cum)]
            topic = rng.choice(TOPICS)
            title = f"Synthetic {rng.choice(ADJECTIVES)} {topic} dispute {i} in {c.name}"
            description = f"Synthetic event {i} about {topic}, made up for scale tests."
            place = f"Synthetic City {i % 500}"
            cameo = rng.choice(EVENT_CAMEO)
            pk = w.add(title=title, slug=f"{PREFIX}event-{i}", place=place, country=c.code,
                       description=description, cameo_code=cameo, **_plover(cameo),
                       certainty=Certainty.REPORTED, parent_id=None, date=day,
                       date_precision=DatePrecision.DAY,
                       search_text=fold(f"{title} {description} {place}"), **reviewed())
            ev_rows.append((pk, day, c.code, title))
        done(w, "events", t0)
        state_by_country = {c.code: states[i] for i, c in enumerate(country_list)}

        t0 = time.perf_counter()
        w = table(EventActor)
        for pk, _day, code, _title in ev_rows:
            w.add(event_id=pk, actor_id=state_by_country[code], role=ActorRole.TARGET)
            other = states[_pick(rng, state_cum)]
            if other != state_by_country[code]:
                w.add(event_id=pk, actor_id=other, role=ActorRole.INITIATOR)
        done(w, "eventactors", t0)
        event_cum = _zipf_cumulative(len(ev_rows), s=0.8)

        t0 = time.perf_counter()
        w = table(Statement)
        statements = []
        for i in range(plan.statements):
            ev_pk, ev_day, _code, ev_title = ev_rows[_pick(rng, event_cum)]
            speaker_index = rng.randrange(len(persons))
            day = ev_day + datetime.timedelta(days=rng.randrange(30))
            quote = f"Synthetic quote {i}: we are following the {rng.choice(TOPICS)} situation closely."
            context = f"Synthetic press conference about {ev_title}."
            statements.append(w.add(slug=f"{PREFIX}statement-{i}", speaker_id=persons[speaker_index],
                                    on_behalf_of_id=state_by_country[country_list[speaker_index % len(
                                        country_list)].code], quote=quote, context=context, event_id=ev_pk,
                                    date=day, date_precision=DatePrecision.DAY,
                                    search_text=fold(f"{quote} {context}"), **reviewed()))
        done(w, "statements", t0)

        # Reactions: the reacting actor is Zipf-skewed by country (a few countries react a lot), with
        # one in twenty from an international organization.
        t0 = time.perf_counter()
        w = table(Reaction)
        kinds = list(KIND_STANCE_CAMEO)
        kind_cum = list(itertools.accumulate(KIND_WEIGHTS))
        actor_names = {states[i]: f"Synthetic {c.name}" for i, c in enumerate(country_list)}
        actor_names.update({pk: f"Synthetic Organization {i}" for i, pk in enumerate(igos)})
        reactions_made = []
        fp = fingerprint(reactions, seed)
        for i in range(reactions):
            actor = igos[rng.randrange(len(igos))] if rng.random() < 0.05 else states[_pick(rng, state_cum)]
            ev_pk, ev_day, _code, ev_title = ev_rows[_pick(rng, event_cum)]
            kind = kinds[bisect.bisect_left(kind_cum, rng.random() * kind_cum[-1])]
            stance, cameo = rng.choice(KIND_STANCE_CAMEO[kind])
            precision = DatePrecision.DAY if rng.random() < 0.9 else DatePrecision.MONTH
            day = ev_day + datetime.timedelta(days=rng.randrange(60))
            if precision == DatePrecision.MONTH:
                day = day.replace(day=1)
            description = (f"Synthetic reaction {i}: {actor_names[actor]} {VERBS[kind]} the "
                           f"{rng.choice(ADJECTIVES)} {rng.choice(TOPICS)} dispute ({ev_title}).")
            row = reviewed()
            if i == 0:
                row["public_id"] = uuid.UUID(fp)
            certainty = Certainty.ALLEGED if rng.random() < 0.03 else Certainty.REPORTED
            reactions_made.append(w.add(slug=f"{PREFIX}reaction-{i}", actor_id=actor, event_id=ev_pk,
                                        kind=kind, stance=stance, description=description, cameo_code=cameo,
                                        **_plover(cameo),
                                        certainty=certainty,
                                        date=day, date_precision=precision, search_text=fold(description),
                                        **row))
        done(w, "reactions", t0)

        # Citations: every record cites one synthetic source (a fifth of reactions cite two).
        t0 = time.perf_counter()
        w = table(Citation)
        source_cum = _zipf_cumulative(len(sources), s=0.9)
        for target, pks in (("reaction_id", reactions_made), ("statement_id", statements),
                            ("event_id", [r[0] for r in ev_rows])):
            for n, pk in enumerate(pks):
                first = sources[_pick(rng, source_cum)]
                w.add(source_id=first, excerpt=f"Synthetic excerpt {n}.", **{target: pk})
                if target == "reaction_id" and rng.random() < 0.2:
                    second = sources[_pick(rng, source_cum)]
                    if second != first:
                        w.add(source_id=second, excerpt=f"Synthetic excerpt {n}, second source.",
                              **{target: pk})
        done(w, "citations", t0)
        w = None

    _reset_sequences(models)
    if connection.vendor == "postgresql":
        t0 = time.perf_counter()
        # VACUUM as well when we may (not inside a transaction): it sets the visibility map that
        # index-only scans need; without it every index entry costs a heap visit until autovacuum runs.
        command = "VACUUM (ANALYZE)" if connection.get_autocommit() else "ANALYZE"
        with connection.cursor() as cursor:
            for m in models:
                cursor.execute(f"{command} {connection.ops.quote_name(m._meta.db_table)}")
        timings["analyze"] = time.perf_counter() - t0
        log(f"  vacuum+analyze {timings['analyze']:9.1f}s")
    timings["total"] = time.perf_counter() - start
    return {"counts": counts, "timings": timings, "plan": plan}
