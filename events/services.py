"""Writes that change review state: small keyword-only functions, each in one transaction.

Each record is saved on its own (not a bulk ``.update()``) so django-simple-history records who
changed the review state and when, and the change history shows it.
"""

from django.db import transaction
from django.utils import timezone

from events.choices import ReviewStatus

_REVIEW_FIELDS = ["status", "reviewed_by", "reviewed_at", "updated_at"]


def _locked(queryset):
    """The rows of ``queryset``, locked for the transaction (PostgreSQL), without the caller's joins."""
    model = queryset.model
    pks = list(queryset.values_list("pk", flat=True))
    return model._default_manager.select_for_update().filter(pk__in=pks).order_by("pk")


@transaction.atomic
def mark_reviewed(*, queryset, user, reason: str = "Marked as reviewed") -> int:
    """Mark the drafts among ``queryset`` as reviewed by ``user`` now. Returns how many changed.

    Records already reviewed keep their reviewer and time.
    """
    now = timezone.now()
    changed = 0
    for record in _locked(queryset).exclude(status=ReviewStatus.REVIEWED):
        record.status = ReviewStatus.REVIEWED
        record.reviewed_by = user
        record.reviewed_at = now
        record._history_user = user
        record._change_reason = reason
        record.save(update_fields=_REVIEW_FIELDS)
        changed += 1
    return changed


@transaction.atomic
def return_to_draft(*, queryset, user, reason: str = "Returned to draft") -> int:
    """Return the reviewed records among ``queryset`` to draft, hiding them from anonymous users.

    The reviewer and review time are cleared; the history keeps them. Returns how many changed.
    """
    changed = 0
    for record in _locked(queryset).exclude(status=ReviewStatus.DRAFT):
        record.status = ReviewStatus.DRAFT
        record.reviewed_by = None
        record.reviewed_at = None
        record._history_user = user
        record._change_reason = reason
        record.save(update_fields=_REVIEW_FIELDS)
        changed += 1
    return changed
