from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import viewsets

from actors.api.serializers import ActorSerializer
from actors.filtersets import ActorFilterSet
from actors.models import Actor
from events.api.ordering import StrictOrderingFilter
from events.api.renderers import CSVMixin


class ActorViewSet(CSVMixin, viewsets.ReadOnlyModelViewSet):
    """States, organizations, bodies and people, with aliases and roles. Detail by slug."""

    serializer_class = ActorSerializer
    filterset_class = ActorFilterSet
    filter_backends = [DjangoFilterBackend, StrictOrderingFilter]
    ordering_fields = ["name", "updated_at"]
    lookup_field = "slug"

    def get_queryset(self):
        return Actor.objects.for_api()
