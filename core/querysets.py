"""QuerySet bases shared by every public record type."""

from django.db import models

from core.choices import ReviewStatus


class PublicQuerySet(models.QuerySet):
    """Records keyed by slug in fixtures and backups (natural keys)."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class ReviewedQuerySet(PublicQuerySet):
    def reviewed(self):
        return self.filter(status=ReviewStatus.REVIEWED)

    def visible_to(self, user):
        """What ``user`` may see: staff everything, anyone else reviewed records only.

        The one place that decides what anonymous users see. A reviewed record points only at reviewed
        ones (``review_requires``; refused by the review services, by validation and by database
        triggers, core/review.py), so whatever a visible record inlines or is filtered by (its actor,
        event, parent, participants, roles) is visible too: the condition on the record's own indexed
        status is enough, with no join per relation on lists of a million rows.
        """
        if user is not None and user.is_authenticated and user.is_staff:
            return self
        return self.reviewed()
