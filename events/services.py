"""Writes that span records: review state, citations and statement quotes. Small keyword-only
functions, each in one transaction.

The review rules live in core/review.py, shared by every reviewed record type (actors too):
``mark_reviewed`` refuses while a record points at drafts, naming them; ``return_to_draft`` also
withdraws the reviewed records that depend on what it withdraws, and reports them. Each record is saved
on its own (not a bulk ``.update()``) so django-simple-history records who changed the review state,
when and why.
"""

from django.db import transaction

from core.review import ReviewBlocked, Withdrawal, mark_reviewed, return_to_draft, withdrawal_plan
from events import quotes
from events.models import Event, Reaction, Statement
from sources.models import Citation
from sources.services import add_citation

__all__ = ["ReviewBlocked", "Withdrawal", "cite", "mark_reviewed", "place_quote", "return_to_draft",
           "withdrawal_plan"]

_TARGETS = {Reaction: "reaction", Statement: "statement", Event: "event"}


@transaction.atomic
def cite(*, record, source, excerpt: str, occurrence: int | None = None) -> Citation:
    """Cite ``source`` for a reaction, statement or event with a verbatim ``excerpt``.

    The excerpt must stand in the source's archived text when it has one (ValidationError naming the
    nearest passage otherwise; ``occurrence`` picks one of several). For a statement, its quote is then
    placed again among the sources it cites, and must stand in one of their texts.
    """
    citation = add_citation(source=source, excerpt=excerpt, occurrence=occurrence,
                            **{_TARGETS[type(record)]: record})
    if isinstance(record, Statement):
        place_quote(statement=record)
    return citation


@transaction.atomic
def place_quote(*, statement: Statement) -> Statement:
    """Check the statement's quote against the texts of the sources it cites and store its position
    (empty when none of them has a text). ValidationError, nothing saved, when no text holds it."""
    quotes.place_quote(statement)
    statement.save(update_fields=[*quotes.QUOTE_FIELDS, "updated_at"])
    return statement
