"""Writes that span models in ``sources``: archiving a source's text, citing a source.

Every text change goes through ``set_text``: in one transaction it re-checks every citation of the
source (and, through the hooks other apps register, every statement quote placed in it) against the
new text, and either updates all their offsets or refuses the change naming what would break.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sources import verification
from sources.choices import TextOrigin
from sources.models import Citation, Source, SourceText


@dataclass
class Revision:
    """What a text change means for one record placed in the text: a problem, or how to update it."""

    label: str  # e.g. "statement hakim-red-line: quote"
    problem: str | None = None
    apply: Callable[[], None] | None = None


# Other apps whose records are placed in source texts register a function here (in their
# AppConfig.ready): called with source= and text= (the new text's typographic form), it returns a
# Revision per record. events registers the statement quotes (events/quotes.py).
TEXT_DEPENDENTS: list[Callable[..., list[Revision]]] = []


def register_text_dependent(revise: Callable[..., list[Revision]]) -> None:
    if revise not in TEXT_DEPENDENTS:
        TEXT_DEPENDENTS.append(revise)


def citation_label(citation: Citation) -> str:
    target = citation.target
    kind = target._meta.verbose_name if target is not None else "citation"
    short = citation.excerpt if len(citation.excerpt) <= 60 else citation.excerpt[:57] + "..."
    return f"{kind} {getattr(target, 'slug', '?')}: excerpt “{short}”"


def revisions_for_text(*, source: Source, text: str) -> list[Revision]:
    """What replacing ``source``'s text by ``text`` (already cleaned) does to everything placed in it."""
    new = verification.typographic(text)
    old = verification.archived_text(source)
    revisions = []
    citations = source.citations.select_related("reaction", "statement", "event").order_by("id")
    for citation in citations:
        label = citation_label(citation)
        # The same occurrence as before when the new text still has that many, else the first.
        previous = verification.occurrence_of(old, citation.excerpt, citation.excerpt_start,
                                              citation.excerpt_end) if old is not None else None
        count = len(verification.occurrences(new, citation.excerpt))
        try:
            found = verification.locate(new, citation.excerpt, where="the new text",
                                        occurrence=previous if previous and previous <= count else None)
        except ValidationError as exc:
            revisions.append(Revision(label, problem=f"{label}: {' '.join(exc.messages)}"))
            continue
        revisions.append(Revision(label, apply=_offsets_setter(citation, found)))
    for revise in TEXT_DEPENDENTS:
        revisions += revise(source=source, text=new)
    return revisions


def _offsets_setter(citation, found):
    def apply():
        citation.excerpt_start, citation.excerpt_end = found.start, found.end
        Citation.objects.filter(pk=citation.pk).update(excerpt_start=found.start, excerpt_end=found.end)
    return apply


def problems_for_text(*, source: Source, text: str) -> list[str]:
    """The records that replacing ``source``'s text by ``text`` would break (empty: the change is safe)."""
    if source.pk is None:
        return []
    return [r.problem for r in revisions_for_text(source=source, text=text) if r.problem]


@transaction.atomic
def set_text(*, source: Source, text: str | bytes, origin: str, origin_detail: str = "",
             language: str = "", obtained_at: datetime.datetime | None = None) -> SourceText:
    """Archive ``text`` as ``source``'s text (new or replacing the old one) and re-place what cites it.

    Refuses (ValidationError, nothing changed) an empty, binary or over-size text, and a text that
    would leave any citation excerpt or statement quote of the source unmatched; the message lists them.
    """
    text = verification.clean_text(text)
    if origin not in TextOrigin.values:
        raise ValidationError(f"Unknown text origin {origin!r}; one of {', '.join(TextOrigin.values)}.")
    # Serialise text changes of one source: two curators replacing it at once must not both pass.
    Source.objects.select_for_update().filter(pk=source.pk).exists()
    archived = SourceText.objects.filter(source=source).first()
    if archived is not None and archived.text == text:
        return archived  # the same article again: its provenance stays as first recorded
    revisions = revisions_for_text(source=source, text=text)
    problems = [r.problem for r in revisions if r.problem]
    if problems:
        raise ValidationError([f"The text would no longer contain what {len(problems)} record(s) cite "
                               "(nothing was saved):", *problems], code="breaks_citations")
    archived = archived or SourceText(source=source)
    archived.text, archived.sha256 = text, verification.sha256(text)
    archived.origin, archived.origin_detail = origin, origin_detail
    archived.language = language or source.language
    archived.obtained_at = obtained_at or timezone.now()
    archived.full_clean()
    archived.save()
    source.archived_text = archived  # later checks in this request see the new text
    for revision in revisions:
        revision.apply()
    # The source's API output (has_text, text_sha256) and the offsets of the records citing it changed:
    # a mirror syncing with updated_after must see them (a cited source's change marks the record).
    Source.objects.filter(pk=source.pk).update(updated_at=timezone.now())
    return archived


@transaction.atomic
def add_citation(*, source: Source, excerpt: str, occurrence: int | None = None, **target) -> Citation:
    """Cite ``source`` for one record (reaction=, statement= or event=), the excerpt checked against
    the source's text (ValidationError naming the nearest passage when it is not there).

    A statement's quote depends on the sources it cites: cite statements with events.services.cite.
    """
    citation = Citation(source=source, excerpt=excerpt, **target)
    citation.occurrence = occurrence
    citation.full_clean()
    citation.save()
    return citation
