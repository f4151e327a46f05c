from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import viewsets

from events.api.ordering import StrictOrderingFilter
from events.api.renderers import RECORD_HEAD, RECORD_TAIL, CSVMixin, csv_column, source_slugs
from events.api.serializers import EventSerializer, ReactionSerializer, StatementSerializer
from events.api.stats import StatsMixin
from events.filtersets import EventFilterSet, ReactionFilterSet, StatementFilterSet
from events.models import Event, Reaction, Statement


class EventViewSet(StatsMixin, CSVMixin, viewsets.ReadOnlyModelViewSet):
    """Events with their participants, parent event and citations. Detail by slug."""

    serializer_class = EventSerializer
    filterset_class = EventFilterSet
    filter_backends = [DjangoFilterBackend, StrictOrderingFilter]
    ordering_fields = ["date", "title", "updated_at"]
    lookup_field = "slug"
    csv_columns = [
        *RECORD_HEAD, csv_column("title"), csv_column("date"), csv_column("date_precision"),
        csv_column("place"), csv_column("country"), csv_column("cameo_code"), csv_column("certainty"),
        csv_column("parent_slug", "parent.slug"), csv_column("description"),
        csv_column("participants", lambda o: [f"{p.role}:{p.actor.slug}" for p in o.participants.all()]),
        csv_column("status"), csv_column("source_slugs", source_slugs), *RECORD_TAIL,
    ]

    def get_queryset(self):
        return Event.objects.for_api().visible_to(self.request.user)


class StatementViewSet(StatsMixin, CSVMixin, viewsets.ReadOnlyModelViewSet):
    """Verbatim statements by people and bodies, with speaker, event and citations. Detail by slug."""

    serializer_class = StatementSerializer
    filterset_class = StatementFilterSet
    filter_backends = [DjangoFilterBackend, StrictOrderingFilter]
    ordering_fields = ["date", "speaker__name", "updated_at"]
    lookup_field = "slug"
    csv_columns = [
        *RECORD_HEAD, csv_column("speaker_slug", "speaker.slug"), csv_column("speaker_name", "speaker.name"),
        csv_column("on_behalf_of_slug", "on_behalf_of.slug"),
        csv_column("on_behalf_of_name", "on_behalf_of.name"),
        # Whom the speaker speaks for, else the speaker's own country (as stats group_by=country).
        csv_column("country", lambda o: (o.on_behalf_of and o.on_behalf_of.country) or o.speaker.country),
        csv_column("event_slug", "event.slug"), csv_column("date"), csv_column("date_precision"),
        csv_column("quote"), csv_column("context"), csv_column("status"),
        csv_column("source_slugs", source_slugs), *RECORD_TAIL,
    ]

    def get_queryset(self):
        return Statement.objects.for_api().visible_to(self.request.user)


class ReactionViewSet(StatsMixin, CSVMixin, viewsets.ReadOnlyModelViewSet):
    """How states and international organizations reacted to events, with citations. Detail by slug."""

    serializer_class = ReactionSerializer
    filterset_class = ReactionFilterSet
    filter_backends = [DjangoFilterBackend, StrictOrderingFilter]
    ordering_fields = ["date", "actor__name", "updated_at"]
    lookup_field = "slug"
    csv_columns = [
        *RECORD_HEAD, csv_column("actor_slug", "actor.slug"), csv_column("actor_name", "actor.name"),
        csv_column("actor_kind", "actor.kind"), csv_column("country", "actor.country"),
        csv_column("event_slug", "event.slug"), csv_column("kind"), csv_column("stance"), csv_column("date"),
        csv_column("date_precision"), csv_column("certainty"), csv_column("cameo_code"),
        csv_column("description"), csv_column("status"), csv_column("source_slugs", source_slugs),
        *RECORD_TAIL,
    ]

    def get_queryset(self):
        return Reaction.objects.for_api().visible_to(self.request.user)
