"""Query shape for each model, defined once: what the API needs in a constant number of queries."""

from django.db.models import Exists, OuterRef, Prefetch, Q

from core.querysets import ReviewedQuerySet

# Related models are reached through the querying model's own relations (``_related_model``), not
# imported: models.py imports this module, so importing models here would be a cycle.


def _related_model(queryset, relation: str):
    return queryset.model._meta.get_field(relation).related_model


def _cited_source_changed(queryset, target: str, since):
    Citation = _related_model(queryset, "citations")
    return Exists(Citation.objects.filter(**{target: OuterRef("pk")}, source__updated_at__gte=since))


# The columns the API shows (the serializers, and the CSV columns each viewset declares).
# Loading only these matters at scale: model instances are built column by column, and a reaction
# page also carried every search_text, description and timestamp of its actors and events.
ACTOR_BRIEF = ("slug", "name", "kind", "country")
EVENT_BRIEF = ("slug", "title", "date", "date_precision")
SOURCE_BRIEF = ("slug", "title", "publisher", "kind")
RECORD = ("public_id", "slug", "status", "date", "date_precision", "created_at", "updated_at")
PLOVER = ("plover_type", "plover_mode", "plover_contexts", "plover_hand_coded")


def _related(name, fields):
    return [f"{name}__{f}" for f in fields]


def _citations(queryset):
    Citation = _related_model(queryset, "citations")
    cited = Citation.objects.select_related("source").only(
        "excerpt", "excerpt_start", "excerpt_end", "reaction_id", "statement_id", "event_id",
        *_related("source", SOURCE_BRIEF))
    return Prefetch("citations", queryset=cited.order_by("id"))


class EventQuerySet(ReviewedQuerySet):
    def for_api(self):
        EventActor = _related_model(self, "participants")
        return self.select_related("parent").prefetch_related(
            Prefetch("participants", queryset=EventActor.objects.select_related("actor").order_by("id")),
            _citations(self),
        )

    def changed_since(self, since):
        """Events whose API representation may have changed at or after ``since``."""
        EventActor = _related_model(self, "participants")
        participant_changed = Exists(EventActor.objects.filter(event=OuterRef("pk"),
                                                                actor__updated_at__gte=since))
        return self.filter(Q(updated_at__gte=since) | Q(parent__updated_at__gte=since)
                           | participant_changed | _cited_source_changed(self, "event", since))


class StatementQuerySet(ReviewedQuerySet):
    def for_api(self):
        return self.select_related("speaker", "on_behalf_of", "event", "quote_source").only(
            *RECORD, "quote", "context", "quote_start", "quote_end", "quote_source__slug",
            *_related("speaker", ACTOR_BRIEF),
            *_related("on_behalf_of", ACTOR_BRIEF), *_related("event", EVENT_BRIEF),
        ).prefetch_related(_citations(self))

    def changed_since(self, since):
        """Statements whose API representation may have changed at or after ``since``: their own row,
        or an inlined speaker, represented actor, event or cited source."""
        return self.filter(Q(updated_at__gte=since) | Q(speaker__updated_at__gte=since)
                           | Q(on_behalf_of__updated_at__gte=since) | Q(event__updated_at__gte=since)
                           | _cited_source_changed(self, "statement", since))


class ReactionQuerySet(ReviewedQuerySet):
    def for_api(self):
        return self.select_related("actor", "event").only(
            *RECORD, "kind", "stance", "description", "cameo_code", *PLOVER, "certainty",
            *_related("actor", ACTOR_BRIEF), *_related("event", EVENT_BRIEF),
        ).prefetch_related(_citations(self))

    def changed_since(self, since):
        """Reactions whose API representation may have changed at or after ``since``."""
        return self.filter(Q(updated_at__gte=since) | Q(actor__updated_at__gte=since)
                           | Q(event__updated_at__gte=since)
                           | _cited_source_changed(self, "reaction", since))
