from core.api.renderers import RECORD_HEAD, RECORD_TAIL, csv_column
from core.api.views import RecordViewSet
from sources.api.serializers import SourceSerializer
from sources.filtersets import SourceFilterSet
from sources.models import Source


class SourceViewSet(RecordViewSet):
    """The published texts that records cite. Detail by slug."""

    serializer_class = SourceSerializer
    filterset_class = SourceFilterSet
    ordering_fields = {"published_on": "published_on", "title": "title", "publisher": "publisher",
                       "updated_at": "updated_at"}
    csv_columns = [*RECORD_HEAD, *(csv_column(name) for name in (
        "publisher", "title", "author", "published_on", "published_precision", "kind", "language", "url")),
        *RECORD_TAIL]

    def get_queryset(self):
        return Source.objects.for_api()
