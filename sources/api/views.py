from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.settings import api_settings

from core.api.renderers import RECORD_HEAD, RECORD_TAIL, csv_column
from core.api.views import RecordViewSet
from sources.api.serializers import SourceSerializer, SourceTextSerializer
from sources.filtersets import SourceFilterSet
from sources.models import Source, SourceText


class SourceViewSet(RecordViewSet):
    """The published texts that records cite. Detail by slug."""

    serializer_class = SourceSerializer
    filterset_class = SourceFilterSet
    ordering_fields = {"published_on": "published_on", "title": "title", "publisher": "publisher",
                       "updated_at": "updated_at"}
    csv_columns = [*RECORD_HEAD, *(csv_column(name) for name in (
        "publisher", "title", "author", "published_on", "published_precision", "kind", "language", "url")),
        csv_column("has_text", lambda row: row["text_sha256"] is not None), csv_column("text_sha256"),
        *RECORD_TAIL]

    def get_queryset(self):
        return Source.objects.for_api()

    @extend_schema(
        summary="A source's archived text (staff only)",
        description="The plain text the source was read from, as archived: every citation's "
                    "`excerpt_start`/`excerpt_end` index it. Served to staff only; anyone else gets 404, "
                    "as does a source without an archived text: news articles are copyrighted, so the "
                    "public API gives the excerpts, their positions and the text's SHA-256, not the text.",
        responses={200: SourceTextSerializer, 404: OpenApiResponse(description="Not staff, no such source, "
                                                                               "or no archived text.")},
        filters=False,
    )
    @action(detail=True, url_path="text", filter_backends=[], pagination_class=None,
            renderer_classes=api_settings.DEFAULT_RENDERER_CLASSES)
    def text(self, request, slug=None):
        # 404, not 403: an anonymous client learns nothing it could not see in the source list.
        if not (request.user.is_authenticated and request.user.is_staff):
            raise Http404
        archived = SourceText.objects.select_related("source").filter(source__slug=slug).first()
        if archived is None:
            raise Http404
        return Response(SourceTextSerializer(archived).data)
