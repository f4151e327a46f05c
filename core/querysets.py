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
        """Anonymous users and non-staff see reviewed records only."""
        if user is not None and user.is_authenticated and user.is_staff:
            return self
        return self.reviewed()
