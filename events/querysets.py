"""Query shape for each model, defined once: what the API needs in a constant number of queries."""

from django.db import models
from django.db.models import Prefetch

from events.choices import ReviewStatus


class ReviewedQuerySet(models.QuerySet):
    def reviewed(self):
        return self.filter(status=ReviewStatus.REVIEWED)

    def visible_to(self, user):
        """Anonymous users and non-staff see reviewed records only."""
        if user is not None and user.is_authenticated and user.is_staff:
            return self
        return self.reviewed()

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


def _citations():
    from sources.models import Citation

    return Prefetch("citations", queryset=Citation.objects.select_related("source").order_by("id"))


class EventQuerySet(ReviewedQuerySet):
    def for_api(self):
        from events.models import EventActor

        return self.select_related("parent").prefetch_related(
            Prefetch("participants", queryset=EventActor.objects.select_related("actor").order_by("id")),
            _citations(),
        )


class StatementQuerySet(ReviewedQuerySet):
    def for_api(self):
        return self.select_related("speaker", "on_behalf_of", "event").prefetch_related(_citations())


class ReactionQuerySet(ReviewedQuerySet):
    def for_api(self):
        return self.select_related("actor", "event").prefetch_related(_citations())
