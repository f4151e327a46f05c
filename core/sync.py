"""Incremental sync: what a mirror needs to learn besides "what changed".

Changes come from each list endpoint's ``updated_after``; this module answers the other half:
which records vanished from a viewer's sight since a moment, because a curator deleted them, or
(for anonymous viewers) returned them to draft. Deletions are read from the change history that
django-simple-history already keeps, so every delete path (admin, shell, service) is covered.
"""

import datetime

from django.apps import apps
from django.db.models import CharField, Exists, F, OuterRef, Q, QuerySet, Value

from core.choices import ReviewStatus
from core.models import ReviewedRecord


def sync_types() -> dict:
    """Public type name -> model, for every model that declares ``sync_type`` (the feed's record types).

    Ordered by ``sync_order`` (the order the schema's enum lists them in).
    """
    declared = [m for m in apps.get_models() if getattr(m, "sync_type", None)]
    return {m.sync_type: m for m in sorted(declared, key=lambda m: (m.sync_order, m.sync_type))}


class RemovalReason:
    DELETED = "deleted"
    WITHDRAWN = "withdrawn"


def removals_since(*, since: datetime.datetime, user, types: list[str] | None = None) -> QuerySet:
    """Records removed from ``user``'s view at or after ``since``, oldest first.

    Rows are dicts: public_id, type, reason ("deleted" or "withdrawn"), removed_at. A record
    withdrawn and later reviewed again is not listed: it is visible, so ``updated_after`` has it.
    Anonymous users are told only of records they could once see (reviewed at some moment); staff,
    who see drafts, of every deletion.
    """
    staff = user is not None and user.is_authenticated and user.is_staff
    parts = []
    registered = sync_types()
    for name in types or list(registered):
        model = registered[name]
        history = model.history.model
        deleted = history.objects.filter(history_type="-", history_date__gte=since)
        reviewed = issubclass(model, ReviewedRecord)
        if reviewed and not staff:
            # Only what anonymous users could once see: a draft deleted before anyone reviewed it was
            # never public, and naming it would leak that it existed. History rows are matched on
            # public_id, not the database id, so this holds after a backup is restored (intake/backup.py).
            deleted = deleted.filter(Exists(was_public(history)))
        # Deleted, and not re-created under the same public_id since (simple-history never reuses).
        parts.append(
            deleted.annotate(
                type=Value(name, output_field=CharField()),
                reason=Value(RemovalReason.DELETED, output_field=CharField()),
                removed_at=F("history_date"),
            ).values("public_id", "type", "reason", "removed_at").order_by()
        )
        if reviewed and not staff:
            # Back to draft after having been public: anonymous mirrors must drop it.
            withdrawn = model.objects.filter(
                Q(status=ReviewStatus.DRAFT) & Q(updated_at__gte=since) & Exists(was_public(history))
            )
            parts.append(
                withdrawn.annotate(
                    type=Value(name, output_field=CharField()),
                    reason=Value(RemovalReason.WITHDRAWN, output_field=CharField()),
                    removed_at=F("updated_at"),
                ).values("public_id", "type", "reason", "removed_at").order_by()
            )
    first, *rest = parts
    combined = first.union(*rest, all=True) if rest else first
    return combined.order_by("removed_at", "public_id")


def was_public(history) -> QuerySet:
    """History rows showing the outer record (matched on public_id) reviewed at some moment."""
    return history.objects.filter(public_id=OuterRef("public_id"), status=ReviewStatus.REVIEWED)
