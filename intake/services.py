"""Article intake: one article in, cited draft records out, and the curator's decisions on them.

Small keyword-only functions, each in one transaction (nothing half-written on error):

- ``import_article``: archive the text as a new source's text, run the engine (intake/proposals) with
  the database's actors, and store every proposal as a draft record with verbatim citations, or as an
  extra citation on a record that already exists (same actor, event and kind). The same text (same
  SHA-256) again creates nothing and says which source holds it.
- ``import_file`` / ``import_url``: a .txt or .html file (intake/extract.py), a fetched page
  (intake/fetch.py), then ``import_article``.
- ``accept_proposals``: marks the records reviewed (core.review: who and when, history kept). A record
  that names draft actors, or the draft event made at import, needs them reviewed first: accepting the
  record accepts them with it (and settles their actor proposals as accepted), so one click is enough.
- ``reject_proposals``: deletes the draft records and their citations (for an extra citation: only that
  citation); never a reviewed record; a draft actor only when no kept record still names it.
- ``merge_actor``: a draft actor that is someone already known: its records move to the known actor,
  its name becomes an alias, the draft is deleted.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.text import slugify

from actors.choices import REACTING_KINDS, ActorKind
from actors.models import Actor, Role
from core.choices import ReviewStatus
from core.dates import DatePrecision
from core.review import mark_reviewed
from events.cameo import CAMEO_CODES
from events.choices import ReactionKind, Stance
from events.models import Event, EventActor, Reaction, Statement
from events.services import cite, place_quote
from intake.choices import ImportOrigin, ProposalKind, ProposalStatus
from intake.directory import directory_from_database
from intake.errors import IntakeError
from intake.extract import page_title, text_from_file, text_from_page
from intake.fetch import fetch
from intake.models import ArticleImport, Proposal
from intake.proposals import Proposals, propose
from sources import verification
from sources.choices import SourceKind
from sources.models import Source, SourceText
from sources.services import add_citation, set_text

SLUG_LENGTH = 80  # of the readable part; a number is added when it is taken
SUMMARY_LENGTH = 300


@dataclass
class ImportResult:
    article_import: ArticleImport | None
    created: bool
    message: str
    source: Source | None = None
    # The engine's output (for evaluate_intake and the API summary); None for a duplicate.
    proposals: Proposals | None = None
    counts: dict = field(default_factory=dict)  # proposal kind -> number stored
    skipped: list[str] = field(default_factory=list)  # proposals the database refused, with why


# --- helpers ----------------------------------------------------------------------------------------

def unique_slug(model, base: str, *, taken: set | None = None) -> str:
    """A slug for ``model`` from ``base``, with -2, -3... when it is taken."""
    stem = slugify(base)[:SLUG_LENGTH].strip("-") or model._meta.model_name
    candidate, n = stem, 1
    while model._default_manager.filter(slug=candidate).exists() or (taken and candidate in taken):
        n += 1
        candidate = f"{stem}-{n}"
    return candidate


def _short(value: str, limit: int) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _messages(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _date(proposed) -> tuple[datetime.date | None, str]:
    if proposed is None or proposed.value is None or proposed.precision == DatePrecision.UNKNOWN:
        return None, DatePrecision.UNKNOWN
    return proposed.value, proposed.precision


def duplicate_of(sha256: str) -> ImportResult | None:
    """What already holds a text with this SHA-256, as a "nothing new" result; None when nothing."""
    existing = ArticleImport.objects.select_related("source").filter(sha256=sha256).first()
    if existing is not None:
        return ImportResult(existing, False, f"This article was already imported (import {existing.pk}, "
                                             f"source “{existing.source.title}”, {existing.source.slug}): "
                                             "nothing new was created.", source=existing.source)
    archived = SourceText.objects.select_related("source").filter(sha256=sha256).first()
    if archived is not None:
        return ImportResult(None, False, "This text is already archived as the text of source "
                                         f"“{archived.source.title}” ({archived.source.slug}): nothing new "
                                         "was created.", source=archived.source)
    return None


# --- import -----------------------------------------------------------------------------------------

def import_article(*, text: str | bytes, origin: str, origin_detail: str = "", event: Event | None = None,
                   new_event_title: str = "", publisher: str, title: str,
                   published: datetime.date | None = None, author: str | None = None, language: str = "en",
                   url: str | None = None, user=None) -> ImportResult:
    """Import one article; see the module docstring. Raises IntakeError for bad input, nothing saved."""
    try:
        text = verification.clean_text(text)
    except ValidationError as exc:
        raise IntakeError(_messages(exc), field="text", code=exc.error_list[0].code or "invalid") from exc
    if origin not in ImportOrigin.values:
        raise IntakeError(f"Unknown origin {origin!r}; one of {', '.join(ImportOrigin.values)}.",
                          field="origin")
    publisher, title, new_event_title = (publisher or "").strip(), (title or "").strip(), \
        (new_event_title or "").strip()
    if not publisher:
        raise IntakeError("The publisher is required (who published the article).", field="publisher")
    if not title:
        raise IntakeError("The title is required (the article's headline).", field="title")
    if event is None and not new_event_title:
        raise IntakeError("Choose the event the article is about, or give a title for a new one.",
                          field="event")
    if event is not None and new_event_title:
        raise IntakeError("Give either an existing event or a new event's title, not both.", field="event")
    if published is not None and published > timezone.localdate():
        raise IntakeError(f"The publication date {published.isoformat()} is in the future.",
                          field="published")
    duplicate = duplicate_of(verification.sha256(text))
    if duplicate is not None:
        return duplicate
    try:
        with transaction.atomic():
            return _import(text=text, origin=origin, origin_detail=origin_detail, event=event,
                           new_event_title=new_event_title, publisher=publisher, title=title,
                           published=published, author=author, language=language, url=url, user=user)
    except IntegrityError:
        # Another import of the same text won the race: report it like any duplicate.
        duplicate = duplicate_of(verification.sha256(text))
        if duplicate is None:
            raise
        return duplicate


def _import(*, text, origin, origin_detail, event, new_event_title, publisher, title, published, author,
            language, url, user) -> ImportResult:
    made_event = event is None
    if made_event:
        event = Event(title=new_event_title[:300], slug=unique_slug(Event, new_event_title),
                      description=f"Created at the import of “{_short(title, 200)}” ({publisher}); "
                                  "describe it in your own words.")
        event.full_clean()
        event.save()
    source = Source(slug=unique_slug(Source, title), publisher=publisher[:200], title=title[:400],
                    author=(author or None), published_on=published,
                    published_precision=DatePrecision.DAY if published else DatePrecision.UNKNOWN,
                    kind=SourceKind.NEWS_REPORT, language=language or "en", url=url or None,
                    summary=f"Imported by the article intake ({ImportOrigin(origin).label.lower()}); "
                            "summarise it in your own words.")
    try:
        source.full_clean()
    except ValidationError as exc:
        name = next(iter(exc.message_dict), None) if hasattr(exc, "error_dict") else None
        raise IntakeError(_messages(exc), field={"published_on": "published"}.get(name, name)) from exc
    source.save()
    archived = set_text(source=source, text=text, origin=origin, origin_detail=origin_detail[:500],
                        language=language)
    article_import = ArticleImport.objects.create(source=source, event=event, sha256=archived.sha256,
                                                  origin=origin, origin_detail=origin_detail[:500],
                                                  made_event=made_event, created_by=user)
    proposals = propose(archived.text, published=published, directory=directory_from_database())
    result = ImportResult(article_import, True, "", source=source, proposals=proposals)
    _Store(result, archived.text).run()
    counts = ", ".join(f"{n} {'extra citation' if kind == 'citation' else kind}{'' if n == 1 else 's'}"
                       for kind, n in result.counts.items() if n) or "no proposals"
    result.message = f"Imported “{title}”: {counts}."
    if result.skipped:
        result.message += f" {len(result.skipped)} proposal(s) were left out: " + "; ".join(result.skipped)
    return result


class _Store:
    """Stores one import's proposals: draft actors, then reactions, then statements."""

    def __init__(self, result: ImportResult, text: str):
        self.result, self.text = result, text
        self.article_import = result.article_import
        self.event, self.source = self.article_import.event, self.article_import.source
        self.actors: dict[str, Actor] = {}  # ActorRef.key -> Actor
        self.new_actor_proposals: dict[str, Proposal] = {}

    def run(self):
        proposals = self.result.proposals
        slugs = {r.actor.slug for r in proposals.reactions if r.actor.slug}
        slugs |= {ref.slug for s in proposals.statements for ref in (s.speaker, s.on_behalf_of)
                  if ref is not None and ref.slug}
        self.actors = {a.slug: a for a in Actor.objects.filter(slug__in=slugs)}
        for reaction in proposals.reactions:
            self._guarded(f"reaction of {reaction.actor}", self._reaction, reaction)
        for statement in proposals.statements:
            self._guarded(f"statement of {statement.speaker}", self._statement, statement)
        # Draft actors no stored proposal names are not kept (their proposals were refused).
        for key, proposal in self.new_actor_proposals.items():
            actor = self.actors[key]
            named = (actor.reactions.exists() or actor.statements.exists()
                     or actor.statements_made_for.exists())
            if not named:
                proposal.delete()
                actor.delete()
                self._count(ProposalKind.ACTOR, -1)

    def _count(self, kind, n=1):
        self.result.counts[kind.value] = self.result.counts.get(kind.value, 0) + n

    def _guarded(self, label, store, proposal):
        # A proposal the database refuses (the engine and the models disagree) is left out, the rest kept;
        # what it made is rolled back with it, draft actors included, so they are forgotten here too.
        actors, actor_proposals = dict(self.actors), dict(self.new_actor_proposals)
        counts = dict(self.result.counts)
        try:
            with transaction.atomic():
                store(proposal)
        except ValidationError as exc:
            self.actors, self.new_actor_proposals, self.result.counts = actors, actor_proposals, counts
            self.result.skipped.append(f"{label}: {_messages(exc)}")

    def _proposal(self, *, kind, span, rule, summary, **record) -> Proposal:
        self._count(kind)
        return Proposal.objects.create(article_import=self.article_import, kind=kind,
                                       start=span.start if span else None, end=span.end if span else None,
                                       rule=rule[:100], summary=_short(summary, SUMMARY_LENGTH), **record)

    def actor(self, ref) -> Actor:
        if ref.key in self.actors:
            return self.actors[ref.key]
        new = self.result.proposals.new_actor(ref.new)
        kind = new.kind
        if kind == ActorKind.STATE and not new.country:
            kind = ActorKind.OTHER_ORGANIZATION  # a state needs its country; the curator corrects the kind
        actor = Actor(name=new.name[:200], slug=unique_slug(Actor, new.name), kind=kind,
                      country=new.country or "", aliases=[a for a in new.aliases if a != new.name],
                      description=f"Proposed by the article intake from “{_short(self.source.title, 150)}”.")
        actor.full_clean()
        actor.save()
        self.actors[ref.key] = actor
        mention = new.mentions[0] if new.mentions else None
        self.new_actor_proposals[ref.key] = self._proposal(
            kind=ProposalKind.ACTOR, span=mention, rule="new actor", actor=actor,
            summary=f"New {actor.get_kind_display().lower()}: {actor.name}")
        return actor

    def cite(self, record, span):
        occurrence = verification.occurrence_of(self.text, span.text, span.start, span.end)
        if isinstance(record, Statement):
            return cite(record=record, source=self.source, excerpt=span.text, occurrence=occurrence)
        return add_citation(source=self.source, excerpt=span.text, occurrence=occurrence, reaction=record)

    def _reaction(self, proposal):
        actor = self.actor(proposal.actor)
        if actor.kind not in REACTING_KINDS:
            raise ValidationError(f"{actor.name} is a {actor.get_kind_display().lower()}: only a state or an "
                                  "international organization reacts.")
        kind, stance = ReactionKind(proposal.kind), Stance(proposal.stance)
        summary = f"{actor.name} — {kind.label.lower()} ({stance.label.lower()})"
        existing = Reaction.objects.filter(actor=actor, event=self.event, kind=kind).order_by("id").first()
        if existing is not None:
            for span in proposal.excerpts:
                citation = self.cite(existing, span)
                self._proposal(kind=ProposalKind.CITATION, span=span, rule=proposal.rule, reaction=existing,
                               citation=citation, summary=f"Extra citation: {summary}")
            return
        date, precision = _date(proposal.date)
        cameo = proposal.cameo_code if proposal.cameo_code in CAMEO_CODES else ""
        reaction = Reaction(slug=unique_slug(Reaction, f"{actor.slug}-{kind.value}-{self.event.slug}"),
                            actor=actor, event=self.event, kind=kind, stance=stance, cameo_code=cameo,
                            certainty=proposal.certainty, date=date, date_precision=precision,
                            description=f"Proposed by the article intake: {summary}, from "
                                        f"“{_short(self.source.title, 150)}”. Describe it in your own words.")
        reaction.full_clean()  # PLOVER fields follow from the CAMEO code, as for every record
        reaction.save()
        for span in proposal.excerpts:
            self.cite(reaction, span)
        self._proposal(kind=ProposalKind.REACTION, span=proposal.excerpt, rule=proposal.rule,
                       reaction=reaction,
                       summary=summary + (", alleged" if proposal.certainty == "alleged" else ""))

    def _statement(self, proposal):
        speaker = self.actor(proposal.speaker)
        on_behalf_of = self.actor(proposal.on_behalf_of) if proposal.on_behalf_of else None
        quote = proposal.quote.text
        summary = f"{speaker.name}" + (f" for {on_behalf_of.name}" if on_behalf_of else "") + \
            f": “{_short(quote, 120)}”"
        existing = (Statement.objects.filter(speaker=speaker, event=self.event, quote=quote)
                    .order_by("id").first())
        if existing is not None:
            citation = self.cite(existing, proposal.excerpt)
            self._proposal(kind=ProposalKind.CITATION, span=proposal.excerpt, rule=proposal.attribution,
                           statement=existing, citation=citation, summary=f"Extra citation: {summary}")
            return
        date, precision = _date(proposal.date)
        context = ("Alleged: the article gives no named source. " if proposal.certainty == "alleged" else "")
        statement = Statement(slug=unique_slug(Statement, f"{speaker.slug}-{quote[:40]}"), speaker=speaker,
                              on_behalf_of=on_behalf_of, quote=quote, event=self.event, date=date,
                              date_precision=precision, context=context)
        statement.full_clean()
        statement.save()
        self.cite(statement, proposal.excerpt)
        self._proposal(kind=ProposalKind.STATEMENT, span=proposal.excerpt, rule=proposal.attribution,
                       statement=statement, summary=summary)


def import_file(*, name: str, data: bytes, **metadata) -> ImportResult:
    """A .txt (UTF-8) or .html file: the article text (HTML without its boilerplate), then import it."""
    text = text_from_file(name=name, data=data)
    if not (metadata.get("title") or "").strip() and isinstance(text, str):
        metadata["title"] = page_title(data)
    return import_article(text=text, origin=ImportOrigin.FILE, origin_detail=name, **metadata)


def import_url(*, url: str, **metadata) -> ImportResult:
    """Fetch ``url`` within the INTAKE_FETCH_* limits, extract the article, then import it."""
    page = fetch(url)
    text = text_from_page(page.body, content_type=page.content_type, url=page.url)
    # What the page itself says, where the curator gave nothing: its title, its site's host name.
    if not (metadata.get("title") or "").strip():
        metadata["title"] = page_title(page.body) if isinstance(text, str) else ""
    if not (metadata.get("publisher") or "").strip():
        metadata["publisher"] = urlsplit(page.url).hostname or ""
    metadata["url"] = metadata.get("url") or page.url
    return import_article(text=text, origin=ImportOrigin.URL, origin_detail=page.url, **metadata)


# --- decisions --------------------------------------------------------------------------------------

def _pending(proposals) -> list[Proposal]:
    # Lock the proposals only: PostgreSQL locks no row of the nullable side of an outer join.
    return list(Proposal.objects.select_for_update(of=("self",)).filter(pk__in=proposals.values("pk"),
                                                            status=ProposalStatus.PENDING)
                .select_related("reaction", "statement", "actor", "citation").order_by("id"))


def _decide(items: Iterable[Proposal], status, user, now):
    pks = [p.pk for p in items]
    Proposal.objects.filter(pk__in=pks).update(status=status, decided_by=user, decided_at=now)


@transaction.atomic
def accept_proposals(*, proposals, user) -> int:
    """Accept the pending ones among ``proposals``: their records (and the draft actors and event they
    name) are marked reviewed by ``user``. Returns how many proposals were accepted. IntakeError, nothing
    changed, when a record needs another draft reviewed first (core.review names it)."""
    pending = _pending(proposals)
    if not pending:
        return 0
    actors, events, reactions, statements = set(), set(), set(), set()
    for proposal in pending:
        if proposal.kind == ProposalKind.REACTION:
            reactions.add(proposal.reaction_id)
            actors.add(proposal.reaction.actor_id)
            events.add(proposal.reaction.event_id)
        elif proposal.kind == ProposalKind.STATEMENT:
            statements.add(proposal.statement_id)
            actors |= {proposal.statement.speaker_id, proposal.statement.on_behalf_of_id} - {None}
            events.add(proposal.statement.event_id)
        elif proposal.kind == ProposalKind.ACTOR:
            actors.add(proposal.actor_id)
    # Import-made drafts only: a draft actor or event that came from elsewhere is the curator's call.
    own_actors = set(Proposal.objects.filter(kind=ProposalKind.ACTOR, actor__in=actors,
                                             actor__status=ReviewStatus.DRAFT)
                     .values_list("actor_id", flat=True))
    own_events = set(ArticleImport.objects.filter(event__in=events, made_event=True,
                                                  event__status=ReviewStatus.DRAFT)
                     .values_list("event_id", flat=True))
    reason = "Accepted at article intake review"
    try:
        mark_reviewed(queryset=Actor.objects.filter(pk__in=own_actors), user=user, reason=reason)
        mark_reviewed(queryset=Event.objects.filter(pk__in=own_events), user=user, reason=reason)
        mark_reviewed(queryset=Reaction.objects.filter(pk__in=reactions), user=user, reason=reason)
        mark_reviewed(queryset=Statement.objects.filter(pk__in=statements), user=user, reason=reason)
    except ValidationError as exc:
        raise IntakeError(_messages(exc), code="requires_review") from exc
    now = timezone.now()
    actor_proposals = list(Proposal.objects.filter(kind=ProposalKind.ACTOR, actor__in=own_actors,
                                                   status=ProposalStatus.PENDING)
                           .exclude(pk__in=[p.pk for p in pending]))
    _decide([*pending, *actor_proposals], ProposalStatus.ACCEPTED, user, now)
    return len(pending)


@transaction.atomic
def reject_proposals(*, proposals, user) -> int:
    """Reject the pending ones among ``proposals``: delete their draft records with their citations (an
    extra citation: only it). Returns how many were rejected. IntakeError, nothing changed, for a
    reviewed record or a draft actor that records not rejected here still name."""
    pending = _pending(proposals)
    if not pending:
        return 0
    order = {ProposalKind.CITATION: 0, ProposalKind.REACTION: 1, ProposalKind.STATEMENT: 1,
             ProposalKind.ACTOR: 2}
    pending.sort(key=lambda p: (order[p.kind], p.pk))
    for proposal in pending:
        record = proposal.citation if proposal.kind == ProposalKind.CITATION else proposal.record
        if proposal.kind != ProposalKind.CITATION and record.status == ReviewStatus.REVIEWED:
            raise IntakeError(f"“{proposal.summary}”: its record was reviewed since; return it to draft in "
                              "its own admin page before rejecting it. Nothing was rejected.",
                              code="reviewed")
    _decide(pending, ProposalStatus.REJECTED, user, timezone.now())
    for proposal in pending:
        if proposal.kind == ProposalKind.CITATION:
            statement = proposal.citation.statement
            proposal.citation.delete()
            if statement is not None:
                place_quote(statement=statement)
        elif proposal.kind == ProposalKind.ACTOR:
            actor = proposal.actor
            try:
                with transaction.atomic():
                    actor.delete()
            except ProtectedError as exc:
                users = ", ".join(sorted({str(getattr(o, "slug", o)) for o in exc.protected_objects})[:5])
                raise IntakeError(f"The draft actor {actor.name} is still named by {users}: reject those "
                                  "proposals too, or merge the actor into a known one. Nothing was rejected.",
                                  code="in_use") from exc
        else:
            proposal.record.delete()  # its citations go with it (CASCADE)
    return len(pending)


@transaction.atomic
def merge_actor(*, draft: Actor, into: Actor, user) -> Actor:
    """The draft actor is ``into``: repoint its records, keep its name as an alias, delete it."""
    if draft.pk == into.pk:
        raise IntakeError("An actor cannot be merged into itself.", field="into")
    if draft.status != ReviewStatus.DRAFT:
        raise IntakeError(f"{draft.name} is reviewed: only a draft actor is merged away.", field="draft")
    if not into.can_react and draft.reactions.exists():
        raise IntakeError(f"{draft.name} has reactions and {into.name} is a "
                          f"{into.get_kind_display().lower()}: only a state or an international "
                          "organization reacts.", field="into")
    reason = f"Draft actor {draft.slug} merged into {into.slug}"
    for model, names in ((Reaction, ["actor"]), (Statement, ["speaker", "on_behalf_of"])):
        for name in names:
            for record in model.objects.filter(**{name: draft}).order_by("id"):
                setattr(record, name, into)
                record._history_user, record._change_reason = user, reason[:100]
                record.save(update_fields=[name, "updated_at"])
    for participation in EventActor.objects.filter(actor=draft):
        if EventActor.objects.filter(event=participation.event, actor=into, role=participation.role).exists():
            participation.delete()
        else:
            participation.actor = into
            participation.save(update_fields=["actor"])
    Role.objects.filter(person=draft).update(person=into)
    Role.objects.filter(organization=draft).update(organization=into)
    aliases = list(into.aliases or [])
    for name in (draft.name, *(draft.aliases or [])):
        if name and name != into.name and name not in aliases:
            aliases.append(name)
    into.aliases = aliases
    into._history_user, into._change_reason = user, reason[:100]
    into.save(update_fields=["aliases", "search_text", "updated_at"])
    now = timezone.now()
    for proposal in Proposal.objects.filter(actor=draft):
        proposal.actor = into
        if proposal.status == ProposalStatus.PENDING:
            proposal.status, proposal.decided_by, proposal.decided_at = ProposalStatus.ACCEPTED, user, now
        proposal.summary = _short(f"{proposal.summary} — merged into {into.name}", SUMMARY_LENGTH)
        proposal.save()
    draft.delete()
    return into


__all__ = ["ImportResult", "IntakeError", "accept_proposals", "duplicate_of", "import_article", "import_file",
           "import_url", "merge_actor", "reject_proposals", "unique_slug"]
