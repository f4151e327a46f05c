"""Seed data: load the YAML fixtures in seeds/ and check their citations against the article texts.

Fixtures use natural keys only (slugs, ISO country codes). Each record's state, including its
citations, participants or roles, is reduced to a canonical JSON form; its SHA-256 digest is kept in
``SeedRecord`` so a reload can tell a curator's edit (kept) from a record still as the loader left it.

The articles' texts are user data, never project files: when the citation corpus folder
(``CITATION_CORPUS``) is there, the loader archives each source's text from it (by ``corpus_name``)
before any citation is written, so every excerpt and quote is checked and placed as it is loaded.
"""

import datetime
import hashlib
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from actors.models import Actor, Role
from core.choices import ReviewStatus
from core.dates import DatePrecision
from events import quotes
from events.models import Event, EventActor, Reaction, Statement
from sources import verification
from sources.choices import TextOrigin
from sources.models import Citation, SeedRecord, Source
from sources.services import set_text

DEFAULT_DIRECTORY = Path(settings.BASE_DIR) / "seeds"


class SeedError(Exception):
    """A fixture is broken; the message names the file and the record."""


@dataclass(frozen=True)
class Spec:
    """How one fixture file maps onto a model."""

    file: str
    model: type
    fields: dict  # field name -> default when the fixture leaves it out
    fks: dict = field(default_factory=dict)  # field name -> model of the slug it holds
    dates: tuple = ()  # (date field, precision field) pairs
    reviewed: bool = False
    citations: bool = False
    participants: bool = False
    roles: bool = False


SPECS = [
    Spec("sources.yaml", Source,
         {"publisher": None, "title": None, "author": None, "kind": None, "language": "en", "url": None,
          "summary": None, "corpus_name": "", "published_on": None, "published_precision": None},
         dates=(("published_on", "published_precision"),)),
    Spec("actors.yaml", Actor,
         {"name": None, "kind": None, "country": "", "aliases": [], "description": ""}, reviewed=True,
         roles=True),
    Spec("events.yaml", Event,
         {"title": None, "place": "", "country": "", "description": None, "cameo_code": "",
          "certainty": "reported", "parent": None, "date": None, "date_precision": None},
         fks={"parent": Event}, dates=(("date", "date_precision"),), reviewed=True, citations=True,
         participants=True),
    Spec("reactions.yaml", Reaction,
         {"actor": None, "event": None, "kind": None, "stance": None, "description": None, "cameo_code": "",
          "certainty": "reported", "date": None, "date_precision": None},
         fks={"actor": Actor, "event": Event}, dates=(("date", "date_precision"),), reviewed=True,
         citations=True),
    Spec("statements.yaml", Statement,
         {"speaker": None, "on_behalf_of": None, "quote": None, "context": "", "event": None, "date": None,
          "date_precision": None},
         fks={"speaker": Actor, "on_behalf_of": Actor, "event": Event}, dates=(("date", "date_precision"),),
         reviewed=True, citations=True),
]
ROLE_FIELDS = {"title": None, "organization": None, "is_current": None, "start_date": None,
               "start_precision": None, "end_date": None, "end_precision": None}


@dataclass
class Summary:
    counts: dict = field(default_factory=dict)  # model label -> Counter of outcomes
    kept: list = field(default_factory=list)  # (label, slug, differing fields)

    def add(self, label, outcome):
        self.counts.setdefault(label, Counter())[outcome] += 1

    def lines(self):
        out = []
        for label, c in self.counts.items():
            missing = f", {c['missing']} not in the corpus" if c["missing"] else ""
            out.append(f"{label}: {c['created']} created, {c['updated']} updated, "
                       f"{c['unchanged']} unchanged, {c['kept']} kept curator edits{missing}")
        return out


# --- reading fixtures -------------------------------------------------------------------------------

def _label(model) -> str:
    return model._meta.label_lower


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _parse_date(value, where):
    if value is None or isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError as exc:
        raise SeedError(f"{where}: {value!r} is not an ISO date (YYYY-MM-DD)") from exc


def _dates(record: dict, pairs, where) -> None:
    """Fill in and check date precision: 'day' when a date is given, 'unknown' when not."""
    for date_field, precision_field in pairs:
        date = _parse_date(record.get(date_field), f"{where}: {date_field}")
        precision = record.get(precision_field) or (DatePrecision.DAY if date else DatePrecision.UNKNOWN)
        if precision not in DatePrecision.values:
            raise SeedError(f"{where}: {precision_field} {precision!r} is not one of {DatePrecision.values}")
        if (date is None) != (precision == DatePrecision.UNKNOWN):
            raise SeedError(f"{where}: {date_field} must be given exactly when {precision_field} is not "
                            f"'unknown'")
        if date and ((precision == DatePrecision.MONTH and date.day != 1)
                     or (precision == DatePrecision.YEAR and (date.month, date.day) != (1, 1))):
            raise SeedError(f"{where}: a {precision}-precision {date_field} must be the period's first day")
        record[date_field] = date.isoformat() if date else None
        record[precision_field] = str(precision)


def _normalise(spec: Spec, raw, where: str) -> dict:
    """The fixture record in canonical form (the same shape as ``_state`` of a database row)."""
    if not isinstance(raw, dict) or not raw.get("slug"):
        raise SeedError(f"{where}: each record must be a mapping with a slug")
    allowed = set(spec.fields) | {"slug"}
    allowed |= {"citations"} if spec.citations else set()
    allowed |= {"participants"} if spec.participants else set()
    allowed |= {"roles"} if spec.roles else set()
    unknown = set(raw) - allowed
    if unknown:
        raise SeedError(f"{where}: unknown field(s) {sorted(unknown)}")
    record = {"slug": raw["slug"]}
    for name, default in spec.fields.items():
        value = _strip(raw.get(name, default))
        record[name] = list(value) if isinstance(value, list) else value
    _dates(record, spec.dates, where)
    if spec.reviewed:
        record["status"] = ReviewStatus.REVIEWED.value
    if spec.citations:
        cites = raw.get("citations") or []
        if not cites:
            raise SeedError(f"{where}: needs at least one citation")
        try:
            record["citations"] = sorted([c["source"], _strip(c["excerpt"])] for c in cites)
        except (KeyError, TypeError) as exc:
            raise SeedError(f"{where}: each citation needs a source and an excerpt") from exc
    if spec.participants:
        try:
            record["participants"] = sorted([p["actor"], p["role"]] for p in raw.get("participants") or [])
        except (KeyError, TypeError) as exc:
            raise SeedError(f"{where}: each participant needs an actor and a role") from exc
    if spec.roles:
        roles = []
        for i, role in enumerate(raw.get("roles") or []):
            role_where = f"{where}: roles[{i}]"
            if not isinstance(role, dict) or set(role) - set(ROLE_FIELDS):
                raise SeedError(f"{role_where}: fields must be among {sorted(ROLE_FIELDS)}")
            role = {k: _strip(role.get(k, d)) for k, d in ROLE_FIELDS.items()}
            _dates(role, (("start_date", "start_precision"), ("end_date", "end_precision")), role_where)
            roles.append(role)
        record["roles"] = sorted(roles, key=lambda r: (r["title"], r["organization"]))
    return record


def read_fixtures(*, directory: Path | str = DEFAULT_DIRECTORY) -> list[tuple[Spec, list[dict]]]:
    """Every fixture file, parsed and normalised, in load order."""
    directory = Path(directory)
    out = []
    for spec in SPECS:
        path = directory / spec.file
        if not path.exists():
            raise SeedError(f"{path}: fixture file missing")
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        except yaml.YAMLError as exc:
            raise SeedError(f"{path}: not valid YAML: {exc}") from exc
        if not isinstance(raw, list):
            raise SeedError(f"{path}: must be a list of records")
        records, seen = [], set()
        for i, item in enumerate(raw):
            where = f"{spec.file}: {item.get('slug') if isinstance(item, dict) else f'record {i}'}"
            record = _normalise(spec, item, where)
            if record["slug"] in seen:
                raise SeedError(f"{where}: duplicate slug")
            seen.add(record["slug"])
            records.append(record)
        out.append((spec, records))
    return out


# --- database state ---------------------------------------------------------------------------------

def _value(obj, name):
    value = getattr(obj, name)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if hasattr(value, "code"):  # django-countries Country
        return value.code or ""
    if isinstance(value, list):
        return list(value)
    return value


def _state(spec: Spec, obj) -> dict:
    """A database row (with its citations, participants or roles) in canonical form."""
    state = {"slug": obj.slug}
    for name in spec.fields:
        if name in spec.fks:
            related = getattr(obj, name)
            state[name] = related.slug if related else None
        else:
            state[name] = _value(obj, name)
    if spec.reviewed:
        state["status"] = obj.status
    if spec.citations:
        cites = obj.citations.select_related("source")
        state["citations"] = sorted([c.source.slug, c.excerpt] for c in cites)
    if spec.participants:
        people = obj.participants.select_related("actor")
        state["participants"] = sorted([p.actor.slug, p.role] for p in people)
    if spec.roles:
        state["roles"] = sorted(
            ({"title": r.title, "organization": r.organization.slug, "is_current": r.is_current,
              **{k: _value(r, k) for k in ("start_date", "start_precision", "end_date", "end_precision")}}
             for r in obj.roles.select_related("organization")),
            key=lambda r: (r["title"], r["organization"]))
    return state


def digest(state: dict) -> str:
    return hashlib.sha256(json.dumps(state, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _lookup(model, slug, where, name):
    if slug is None:
        return None
    try:
        return model.objects.get(slug=slug)
    except model.DoesNotExist as exc:
        raise SeedError(f"{where}: {name} {slug!r} is not defined (earlier in the fixtures)") from exc


def _messages(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
    return " ".join(exc.messages)


def _clean_save(obj, where):
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise SeedError(f"{where}: {_messages(exc)}") from exc
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:  # a rule only the database sees (e.g. a reviewed record's draft actor)
        raise SeedError(f"{where}: {exc}") from exc


def _apply(spec: Spec, obj, desired: dict, where: str, now) -> None:
    """Write the fixture's values to ``obj`` and sync its citations, participants and roles."""
    for name in spec.fields:
        value = desired[name]
        if name in spec.fks:
            setattr(obj, name, _lookup(spec.fks[name], value, where, name))
        else:
            setattr(obj, name, "" if value is None and name == "country" else value)
    if spec.reviewed and (obj.status != ReviewStatus.REVIEWED or obj.reviewed_at is None):
        obj.status, obj.reviewed_at, obj.reviewed_by = ReviewStatus.REVIEWED, now, None
    _clean_save(obj, where)
    if spec.citations:
        wanted = {tuple(c) for c in desired["citations"]}
        for c in obj.citations.select_related("source"):
            if (c.source.slug, c.excerpt) not in wanted:
                c.delete()
            else:
                wanted.discard((c.source.slug, c.excerpt))
        target = {spec.model._meta.model_name: obj}
        for source, excerpt in sorted(wanted):
            _clean_save(Citation(source=_lookup(Source, source, where, "citation source"), excerpt=excerpt,
                                 **target), f"{where}: citation {excerpt[:40]!r}")
        if spec.model is Statement:
            try:
                quotes.place_quote(obj)
            except ValidationError as exc:
                raise SeedError(f"{where}: quote: {_messages(exc)}") from exc
            obj.save(update_fields=quotes.QUOTE_FIELDS)
    if spec.participants:
        wanted = {tuple(p) for p in desired["participants"]}
        for p in obj.participants.select_related("actor"):
            if (p.actor.slug, p.role) not in wanted:
                p.delete()
            else:
                wanted.discard((p.actor.slug, p.role))
        for actor, role in sorted(wanted):
            _clean_save(EventActor(event=obj, actor=_lookup(Actor, actor, where, "participant"), role=role),
                        f"{where}: participant {actor}")
    if spec.roles:
        wanted = [dict(r) for r in desired["roles"]]
        current = _state(spec, obj)["roles"]
        for role in obj.roles.select_related("organization"):
            as_dict = next(r for r in current if (r["title"], r["organization"]) ==
                           (role.title, role.organization.slug))
            if as_dict in wanted:
                wanted.remove(as_dict)
            else:
                role.delete()
        for role in wanted:
            org = _lookup(Actor, role.pop("organization"), where, "role organization")
            _clean_save(Role(person=obj, organization=org, **role), f"{where}: role {role['title']!r}")


def _attach_texts(records, corpus: Path | None, *, overwrite, summary, log) -> None:
    """Archive each seed source's text from the corpus folder, when it is there.

    A text a curator replaced (not from the seed corpus) is kept unless ``overwrite``; a changed
    corpus file replaces a seed text only if every citation of it still matches (sources.services).
    """
    label = "sources.sourcetext"
    if corpus is None:
        return
    if not corpus.is_dir():
        log(f"Citation corpus {corpus} not found: sources loaded without their texts "
            "(their citations stay unverified).")
        return
    for record in records:
        name, slug = record["corpus_name"], record["slug"]
        where = f"sources.yaml: {slug}: corpus file {name}"
        if not name:
            continue
        path = corpus / name
        if not path.is_file():
            log(f"{where} not found in {corpus}: no text archived")
            summary.add(label, "missing")
            continue
        try:
            text = verification.clean_text(path.read_bytes())
        except ValidationError as exc:
            raise SeedError(f"{where}: {_messages(exc)}") from exc
        source = Source.objects.get(slug=slug)
        archived = verification.archived_text(source)
        if archived is not None and archived.text == text:
            summary.add(label, "unchanged")
            continue
        if archived is not None and archived.origin != TextOrigin.SEED_CORPUS and not overwrite:
            log(f"{label} {slug}: kept the text a curator archived ({archived.get_origin_display()}); "
                "use --overwrite to replace it with the corpus file")
            summary.add(label, "kept")
            continue
        try:
            set_text(source=source, text=text, origin=TextOrigin.SEED_CORPUS, origin_detail=name)
        except ValidationError as exc:
            raise SeedError(f"{where}: {_messages(exc)}") from exc
        summary.add(label, "created" if archived is None else "updated")


@transaction.atomic
def load_seeds(*, directory: Path | str = DEFAULT_DIRECTORY, overwrite: bool = False,
               corpus: Path | str | None = None, log: Callable[[str], None] = lambda line: None) -> Summary:
    """Load every fixture idempotently in one transaction, keeping curators' edits unless ``overwrite``.

    ``corpus`` (default: the CITATION_CORPUS setting; "" for none) is the folder of the articles' texts.
    """
    summary = Summary()
    now = timezone.now()
    corpus = Path(settings.CITATION_CORPUS if corpus is None else corpus) if corpus != "" else None
    for spec, records in read_fixtures(directory=directory):
        label = _label(spec.model)
        bookkeeping = {r.key: r for r in SeedRecord.objects.filter(model=label)}
        for desired in records:
            slug = desired["slug"]
            where = f"{spec.file}: {slug}"
            wanted_digest = digest(desired)
            obj = spec.model.objects.filter(slug=slug).first()
            if obj is None:
                _apply(spec, spec.model(slug=slug), desired, where, now)
                outcome = "created"
            else:
                current = _state(spec, obj)
                record = bookkeeping.get(slug)
                if current == desired:
                    outcome = "unchanged"
                elif overwrite or (record is not None and digest(current) == record.digest):
                    _apply(spec, obj, desired, where, now)
                    outcome = "updated"
                else:
                    changed = sorted(k for k in desired if current.get(k) != desired[k])
                    summary.kept.append((label, slug, changed))
                    log(f"{label} {slug}: kept curator edits ({', '.join(changed)}); "
                        f"use --overwrite to replace them with the fixture")
                    outcome = "kept"
            summary.add(label, outcome)
            if outcome != "kept":
                record = bookkeeping.get(slug)
                if record is None:
                    SeedRecord.objects.create(model=label, key=slug, digest=wanted_digest, applied_at=now)
                elif record.digest != wanted_digest:
                    record.digest, record.applied_at = wanted_digest, now
                    record.save(update_fields=["digest", "applied_at"])
        if spec.model is Source:
            _attach_texts(records, corpus, overwrite=overwrite, summary=summary, log=log)
    for line in summary.lines():
        log(line)
    return summary


# --- citation checks --------------------------------------------------------------------------------
#
# Two checks, both with sources.verification's matching (the one every write path uses):
# - against the corpus folder (``--corpus``): the fixtures (CI, no database) or the database records;
# - against the archived texts (``--database`` alone): each citation's and quote's stored offsets.

@dataclass(frozen=True)
class Check:
    """One excerpt or quote that must appear verbatim in one of its sources' texts."""

    where: str  # e.g. "reactions.yaml: nicaragua-severs-ties" or "events.reaction nicaragua-severs-ties"
    what: str  # "excerpt" or "quote"
    text: str
    corpus_names: tuple  # the quote may be in any of these; an excerpt has exactly one


class CorpusReader:
    """The corpus folder's texts, read as load_seeds archives them, each in typographic form once."""

    def __init__(self, corpus: Path | str):
        self.corpus = Path(corpus)
        self._texts = {}

    def text(self, name: str):
        if name not in self._texts:
            path = self.corpus / name
            text = None
            if name and path.is_file():
                try:
                    text = verification.typographic(verification.clean_text(path.read_bytes()))
                except ValidationError as exc:
                    raise SeedError(f"{path}: {_messages(exc)}") from exc
            self._texts[name] = text
        return self._texts[name]


def _failures(checks, corpus) -> list[str]:
    reader = CorpusReader(corpus)
    failures = []
    for check in checks:
        texts = [(n, reader.text(n)) for n in check.corpus_names]
        missing = [n or "(no corpus_name)" for n, t in texts if t is None]
        if missing and len(missing) == len(texts):
            failures.append(f"{check.where}: source text {', '.join(missing)} not found in {corpus}")
            continue
        if not any(t is not None and verification.occurrences(t, check.text) for _, t in texts):
            failures.append(f"{check.where}: {check.what} not found verbatim in "
                            f"{', '.join(n for n, _ in texts)}: {check.text!r}")
    return failures


def fixture_checks(*, directory: Path | str = DEFAULT_DIRECTORY) -> list[Check]:
    fixtures = read_fixtures(directory=directory)
    corpus_of = {s["slug"]: s["corpus_name"] for spec, records in fixtures if spec.model is Source
                 for s in records}
    checks = []
    for spec, records in fixtures:
        for record in records:
            where = f"{spec.file}: {record['slug']}"
            for source, excerpt in record.get("citations", []):
                if source not in corpus_of:
                    raise SeedError(f"{where}: citation source {source!r} is not in sources.yaml")
                checks.append(Check(where, "excerpt", excerpt, (corpus_of[source],)))
            if spec.model is Statement:
                names = tuple(sorted({corpus_of[s] for s, _ in record["citations"]}))
                checks.append(Check(where, "quote", record["quote"], names))
    return checks


def database_checks() -> list[Check]:
    checks = []
    for c in Citation.objects.select_related("source", "reaction", "statement", "event"):
        target = c.target
        checks.append(Check(f"{_label(type(target))} {target.slug}", "excerpt", c.excerpt,
                            (c.source.corpus_name,)))
    for s in Statement.objects.prefetch_related("citations__source"):
        names = tuple(sorted({c.source.corpus_name for c in s.citations.all()}))
        if not names:
            checks.append(Check(f"events.statement {s.slug}", "quote (no citation)", s.quote, ("",)))
        else:
            checks.append(Check(f"events.statement {s.slug}", "quote", s.quote, names))
    return checks


def verify_citations(*, corpus: Path | str, database: bool = False,
                     directory: Path | str = DEFAULT_DIRECTORY) -> tuple[int, list[str]]:
    """Check every excerpt and quote against the corpus; returns (number checked, failure messages)."""
    checks = database_checks() if database else fixture_checks(directory=directory)
    return len(checks), _failures(checks, corpus)


@dataclass
class SourceTally:
    """How the excerpts and quotes placed in one source's archived text stand."""

    slug: str
    has_text: bool
    verified: int = 0
    unverified: int = 0
    broken: list = field(default_factory=list)  # one message per broken excerpt or quote

    def line(self) -> str:
        note = "" if self.has_text else " (no archived text)"
        return (f"{self.slug}: {self.verified} verified, {self.unverified} unverified, "
                f"{len(self.broken)} broken{note}")


def _tally(tally, label, text, needle, start, end, has_offsets_without_text):
    if text is None:
        if has_offsets_without_text:
            tally.broken.append(f"{label}: has a position but the source has no archived text")
        else:
            tally.unverified += 1
    elif verification.matches_at(text, needle, start, end):
        tally.verified += 1
    elif start is None:
        found = "it is in the text: save it again to place it" if verification.occurrences(text, needle) \
            else "it is not in the text"
        tally.broken.append(f"{label}: has no position in the archived text ({found})")
    else:
        tally.broken.append(f"{label}: the stored position {start}-{end} does not hold it")


def archived_text_report() -> list[SourceTally]:
    """Every citation excerpt and statement quote, checked at its stored position in the archived texts.

    Verified: the offsets hold it. Unverified: the source has no text. Broken: anything else (written
    around the checks: raw SQL, an edited backup). A quote counts under the source it is placed in, or
    else under the first source its statement cites.
    """
    sources = {s.pk: s for s in Source.objects.select_related("archived_text").order_by("slug")}
    tallies = {pk: SourceTally(s.slug, verification.archived_text(s) is not None)
               for pk, s in sources.items()}
    for c in Citation.objects.select_related("reaction", "statement", "event").order_by("id"):
        target = c.target
        label = f"{_label(type(target))} {target.slug}: excerpt"
        text = verification.archived_text(sources[c.source_id])
        _tally(tallies[c.source_id], label, text, c.excerpt, c.excerpt_start, c.excerpt_end,
               c.excerpt_start is not None)
    for statement in Statement.objects.prefetch_related("citations").order_by("id"):
        cited = [sources[c.source_id] for c in sorted(statement.citations.all(), key=lambda c: c.id)]
        home = sources.get(statement.quote_source_id) or (cited[0] if cited else None)
        if home is None:
            continue  # no citation at all: not about any source
        label = f"events.statement {statement.slug}: quote"
        with_text = [s.pk for s in cited if verification.archived_text(s) is not None]
        if with_text and statement.quote_source_id not in with_text:
            tallies[home.pk].broken.append(f"{label}: not placed in the text of a source it cites")
            continue
        _tally(tallies[home.pk], label, verification.archived_text(home) if with_text else None,
               statement.quote, statement.quote_start, statement.quote_end,
               statement.quote_source_id is not None)
    return list(tallies.values())
