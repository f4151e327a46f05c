"""Query shape for each model, defined once: what the API needs in a constant number of queries."""

from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q

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


def _cited_source_changed(target: str, since):
    from sources.models import Citation

    return Exists(Citation.objects.filter(**{target: OuterRef("pk")}, source__updated_at__gte=since))


# The columns the API shows (the serializers, and the CSV columns each viewset declares).
# Loading only these matters at scale: model instances are built column by column, and a reaction
# page also carried every search_text, description and timestamp of its actors and events.
ACTOR_BRIEF = ("slug", "name", "kind", "country")
EVENT_BRIEF = ("slug", "title", "date", "date_precision")
SOURCE_BRIEF = ("slug", "title", "publisher", "kind")
RECORD = ("public_id", "slug", "status", "date", "date_precision", "created_at", "updated_at")


def _related(name, fields):
    return [f"{name}__{f}" for f in fields]


def _citations():
    from sources.models import Citation

    cited = Citation.objects.select_related("source").only(
        "excerpt", "reaction_id", "statement_id", "event_id", *_related("source", SOURCE_BRIEF))
    return Prefetch("citations", queryset=cited.order_by("id"))



class EventQuerySet(ReviewedQuerySet):
    def for_api(self):
        from events.models import EventActor

        return self.select_related("parent").prefetch_related(
            Prefetch("participants", queryset=EventActor.objects.select_related("actor").order_by("id")),
            _citations(),
        )

    def changed_since(self, since):
        """Events whose API representation may have changed at or after ``since``."""
        from events.models import EventActor

        participant_changed = Exists(EventActor.objects.filter(event=OuterRef("pk"),
                                                                actor__updated_at__gte=since))
        return self.filter(Q(updated_at__gte=since) | Q(parent__updated_at__gte=since)
                           | participant_changed | _cited_source_changed("event", since))


class StatementQuerySet(ReviewedQuerySet):
    def for_api(self):
        return self.select_related("speaker", "on_behalf_of", "event").only(
            *RECORD, "quote", "context", *_related("speaker", ACTOR_BRIEF),
            *_related("on_behalf_of", ACTOR_BRIEF), *_related("event", EVENT_BRIEF),
        ).prefetch_related(_citations())

    def changed_since(self, since):
        """Statements whose API representation may have changed at or after ``since``: their own row,
        or an inlined speaker, represented actor, event or cited source."""
        return self.filter(Q(updated_at__gte=since) | Q(speaker__updated_at__gte=since)
                           | Q(on_behalf_of__updated_at__gte=since) | Q(event__updated_at__gte=since)
                           | _cited_source_changed("statement", since))


class ReactionQuerySet(ReviewedQuerySet):
    def for_api(self):
        return self.select_related("actor", "event").only(
            *RECORD, "kind", "stance", "description", "cameo_code", "certainty",
            *_related("actor", ACTOR_BRIEF), *_related("event", EVENT_BRIEF),
        ).prefetch_related(_citations())

    def changed_since(self, since):
        """Reactions whose API representation may have changed at or after ``since``."""
        return self.filter(Q(updated_at__gte=since) | Q(actor__updated_at__gte=since)
                           | Q(event__updated_at__gte=since) | _cited_source_changed("reaction", since))
