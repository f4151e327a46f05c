from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import viewsets

from actors.api.serializers import ActorSerializer
from actors.filtersets import ActorFilterSet
from actors.models import Actor
from core.api.ordering import StrictOrderingFilter
from core.api.renderers import RECORD_HEAD, RECORD_TAIL, CSVMixin, csv_column


class ActorViewSet(CSVMixin, viewsets.ReadOnlyModelViewSet):
    """States, organizations, bodies and people, with aliases and roles. Detail by slug."""

    serializer_class = ActorSerializer
    filterset_class = ActorFilterSet
    filter_backends = [DjangoFilterBackend, StrictOrderingFilter]
    ordering_fields = ["name", "updated_at"]
    lookup_field = "slug"
    csv_columns = [*RECORD_HEAD, csv_column("name"), csv_column("kind"), csv_column("country"),
                   csv_column("aliases"), csv_column("description"), csv_column("status"), *RECORD_TAIL]

    def get_queryset(self):
        return Actor.objects.for_api().visible_to(self.request.user)
