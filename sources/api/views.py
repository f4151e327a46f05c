from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import viewsets

from core.api.ordering import StrictOrderingFilter
from core.api.renderers import RECORD_HEAD, RECORD_TAIL, CSVMixin, csv_column
from sources.api.serializers import SourceSerializer
from sources.filtersets import SourceFilterSet
from sources.models import Source


class SourceViewSet(CSVMixin, viewsets.ReadOnlyModelViewSet):
    """The published texts that records cite. Detail by slug."""

    serializer_class = SourceSerializer
    filterset_class = SourceFilterSet
    filter_backends = [DjangoFilterBackend, StrictOrderingFilter]
    ordering_fields = ["published_on", "title", "publisher", "updated_at"]
    lookup_field = "slug"
    csv_columns = [*RECORD_HEAD, *(csv_column(name) for name in (
        "publisher", "title", "author", "published_on", "published_precision", "kind", "language", "url")),
        *RECORD_TAIL]

    def get_queryset(self):
        return Source.objects.for_api()
