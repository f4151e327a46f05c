"""Writes that change review state: small keyword-only functions, each in one transaction.

Each record is saved on its own (not a bulk ``.update()``) so django-simple-history records who
changed the review state and when, and the change history shows it.
"""

from django.db import transaction
from django.utils import timezone

from core.choices import ReviewStatus

_REVIEW_FIELDS = ["status", "reviewed_by", "reviewed_at", "updated_at"]


def _locked(queryset):
    """The rows of ``queryset``, locked for the transaction (PostgreSQL), without the caller's joins."""
    model = queryset.model
    pks = list(queryset.values_list("pk", flat=True))
    return model._default_manager.select_for_update().filter(pk__in=pks).order_by("pk")


def _set_review_state(queryset, *, user, status, reviewed_by, reviewed_at, reason) -> int:
    changed = 0
    for record in _locked(queryset).exclude(status=status):
        record.status = status
        record.reviewed_by = reviewed_by
        record.reviewed_at = reviewed_at
        record._history_user = user
        record._change_reason = reason
        record.save(update_fields=_REVIEW_FIELDS)
        changed += 1
    return changed


@transaction.atomic
def mark_reviewed(*, queryset, user, reason: str = "Marked as reviewed") -> int:
    """Mark the drafts among ``queryset`` as reviewed by ``user`` now. Returns how many changed.

    Records already reviewed keep their reviewer and time.
    """
    return _set_review_state(queryset, user=user, status=ReviewStatus.REVIEWED, reviewed_by=user,
                             reviewed_at=timezone.now(), reason=reason)


@transaction.atomic
def return_to_draft(*, queryset, user, reason: str = "Returned to draft") -> int:
    """Return the reviewed records among ``queryset`` to draft, hiding them from anonymous users.

    The reviewer and review time are cleared; the history keeps them. Returns how many changed.
    """
    return _set_review_state(queryset, user=user, status=ReviewStatus.DRAFT, reviewed_by=None,
                             reviewed_at=None, reason=reason)
