"""Abstract bases shared by every public record type: identity, timestamps, review state, dates."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from core.choices import ReviewStatus
from core.dates import DatePrecision
from core.review import check_requirements


class PublicRecord(models.Model):
    """A record with a public identifier that never changes and is never reused, and timestamps.

    The slug is for people and may be corrected; mirrors key on ``public_id``.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False,
                                 help_text="Stable identifier; never changes or gets reused.")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True


class ReviewedRecord(PublicRecord):
    """A claim that a curator must review before anonymous users see it.

    ``review_requires`` names the relations (query paths) whose records the API shows with this one:
    those must be reviewed before this one may be, and stay reviewed while it is (core/review.py).
    """

    review_requires: tuple[str, ...] = ()

    status = models.CharField(max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT,
                              db_index=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
                                    on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        check_requirements(self)


class DatedMixin(models.Model):
    """A date and how much of it is known (see core.dates)."""

    date = models.DateField(null=True, blank=True, db_index=True,
                            help_text="First day of the known period; empty when unknown.")
    date_precision = models.CharField(max_length=10, choices=DatePrecision.choices,
                                      default=DatePrecision.UNKNOWN)

    class Meta:
        abstract = True


def offsets_constraint(start: str, end: str, name: str, what: str, *also: str) -> models.CheckConstraint:
    """Offsets into an archived text: all empty (unverified) or all set, start before end."""
    return models.CheckConstraint(
        condition=Q(**{f"{f}__isnull": True for f in (start, end, *also)})
        | Q(**{f"{f}__isnull": False for f in (start, end, *also)}, **{f"{end}__gt": F(start)}),
        name=name,
        violation_error_message=f"The {what} offsets are all empty or all set, the start before the end.",
    )
