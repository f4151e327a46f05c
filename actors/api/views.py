from actors.api.serializers import ActorSerializer
from actors.filtersets import ActorFilterSet
from actors.models import Actor
from core.api.renderers import RECORD_HEAD, RECORD_TAIL, csv_column
from core.api.views import RecordViewSet


class ActorViewSet(RecordViewSet):
    """States, organizations, bodies and people, with aliases and roles. Detail by slug."""

    serializer_class = ActorSerializer
    filterset_class = ActorFilterSet
    ordering_fields = {"name": "name", "updated_at": "updated_at"}
    csv_columns = [*RECORD_HEAD, csv_column("name"), csv_column("kind"), csv_column("country"),
                   csv_column("aliases"), csv_column("description"), csv_column("status"), *RECORD_TAIL]

    def get_queryset(self):
        return Actor.objects.for_api().visible_to(self.request.user)
