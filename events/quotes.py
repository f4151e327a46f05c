"""A statement's quote, checked against the archived texts of the sources it cites.

The quote must stand in the text of at least one cited source that has a text (typography aside, as
for excerpts: sources.verification). Its position is stored on the statement: ``quote_source`` and
``text[quote_start:quote_end]`` of that source's text. When no cited source has a text, all three
stay empty and the quote is unverified.

Used by the statement admin (its citation formset), ``load_seeds``, ``events.services.cite`` and,
through ``sources.services.register_text_dependent``, by every change of a source's text.
"""

from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.db.models import Q

from core.text import normalise_quote
from events.models import Statement
from sources import verification
from sources.services import Revision

QUOTE_FIELDS = ["quote_source", "quote_start", "quote_end"]


def cited_sources(statement) -> list:
    """The sources ``statement`` cites in the database, in citation order."""
    if statement.pk is None:
        return []
    return [c.source for c in statement.citations.select_related("source").order_by("id")]


def _with_texts(sources: Iterable, text_of: Callable) -> list[tuple]:
    pairs, seen = [], set()
    for source in sources:
        if source is None or source.pk in seen:
            continue
        seen.add(source.pk)
        text = text_of(source)
        if text is not None:
            pairs.append((source, text))
    return pairs


def placement(statement, *, sources: Iterable, text_of: Callable = verification.archived_text):
    """(source, start, end) for the quote among ``sources``' texts, None when none has a text.

    Keeps the stored position while it still holds the quote; otherwise the first cited source whose
    text holds it, at its first occurrence. Raises ValidationError naming the nearest passage when
    cited sources have texts and none holds the quote.
    """
    pairs = _with_texts(sources, text_of)
    if not pairs:
        return None
    quote = statement.quote or ""
    # The source the quote was placed in first: it stays there while its text holds the quote.
    pairs.sort(key=lambda pair: pair[0].pk != statement.quote_source_id)
    source, text = pairs[0]
    if source.pk == statement.quote_source_id and verification.matches_at(
            text, quote, statement.quote_start, statement.quote_end):
        return source, statement.quote_start, statement.quote_end
    for source, text in pairs:
        spans = verification.occurrences(text, quote)
        if spans:
            return source, *spans[0]
    if not normalise_quote(quote):
        raise ValidationError("The quote is empty.", code="empty")
    best = max(((source, text, verification.nearest(text, quote)) for source, text in pairs),
               key=lambda t: t[2].score if t[2] else -1)
    names = ", ".join(f"“{source}”" for source, _ in pairs)
    where = (f"the archived text of the source the statement cites ({names})" if len(pairs) == 1 else
             f"the archived text of any source the statement cites ({names})")
    message = f"The quote is not in {where}; typography aside, every word and mark must match."
    if best[2] is not None:
        message += f" Nearest passage, in “{best[0]}”: {verification.passage_quote(best[1], best[2])}"
    raise ValidationError(message, code="not_found")


def place_quote(statement, *, sources: Iterable | None = None) -> None:
    """Set the statement's quote position from ``sources`` (default: the sources it cites in the
    database), or raise ValidationError. Does not save."""
    found = placement(statement, sources=cited_sources(statement) if sources is None else sources)
    statement.quote_source, statement.quote_start, statement.quote_end = found or (None, None, None)


def revise_for_text(*, source, text) -> list[Revision]:
    """For sources.services.set_text: each statement citing ``source``, placed with its new ``text``."""
    statements = (Statement.objects.filter(Q(citations__source=source) | Q(quote_source=source))
                  .distinct().order_by("id"))

    def text_of(candidate):
        return text if candidate.pk == source.pk else verification.archived_text(candidate)

    revisions = []
    for statement in statements:
        label = f"statement {statement.slug}: quote"
        if statement.quote_source_id == source.pk:
            # Its stored offsets index the old text; find it afresh.
            statement.quote_start = statement.quote_end = None
        try:
            found = placement(statement, sources=cited_sources(statement), text_of=text_of)
        except ValidationError as exc:
            revisions.append(Revision(label, problem=f"{label}: {' '.join(exc.messages)}"))
            continue
        revisions.append(Revision(label, apply=_quote_setter(statement, found)))
    return revisions


def _quote_setter(statement, found):
    values = dict(zip(QUOTE_FIELDS, found or (None, None, None), strict=True))

    def apply():
        Statement.objects.filter(pk=statement.pk).update(**values)
    return apply
