from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import viewsets

from events.api.ordering import StrictOrderingFilter
from events.api.renderers import CSVMixin
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

    def get_queryset(self):
        return Event.objects.for_api().visible_to(self.request.user)


class StatementViewSet(StatsMixin, CSVMixin, viewsets.ReadOnlyModelViewSet):
    """Verbatim statements by people and bodies, with speaker, event and citations. Detail by slug."""

    serializer_class = StatementSerializer
    filterset_class = StatementFilterSet
    filter_backends = [DjangoFilterBackend, StrictOrderingFilter]
    ordering_fields = ["date", "speaker__name", "updated_at"]
    lookup_field = "slug"

    def get_queryset(self):
        return Statement.objects.for_api().visible_to(self.request.user)


class ReactionViewSet(StatsMixin, CSVMixin, viewsets.ReadOnlyModelViewSet):
    """How states and international organizations reacted to events, with citations. Detail by slug."""

    serializer_class = ReactionSerializer
    filterset_class = ReactionFilterSet
    filter_backends = [DjangoFilterBackend, StrictOrderingFilter]
    ordering_fields = ["date", "actor__name", "updated_at"]
    lookup_field = "slug"

    def get_queryset(self):
        return Reaction.objects.for_api().visible_to(self.request.user)
