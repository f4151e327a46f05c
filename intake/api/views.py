"""POST /api/intake/articles/: pipelines push an article; its proposals wait as drafts for review."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.views import MethodFirstMixin
from events.models import Event
from intake.api.serializers import ArticleIntakeSerializer, ImportAnswerSerializer
from intake.choices import ImportOrigin
from intake.errors import IntakeError
from intake.services import import_article, import_url

PERMISSION = "intake.add_articleimport"
# The error bodies every endpoint documents (core/api/schema.py).
ERROR = {"$ref": "#/components/schemas/Error"}
INVALID = {"oneOf": [{"$ref": "#/components/schemas/InvalidParameters"}, ERROR]}  # ERROR: malformed JSON
# IntakeError.field -> the request field to name in the 400.
FIELDS = {"file": "text", "origin": "text", None: "text"}


class CanImportArticles(BasePermission):
    """Staff with the permission to add article imports (curators have it: setup_curators)."""

    message = "Only staff allowed to import articles may use this endpoint."

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.is_staff and user.has_perm(PERMISSION))


def answer_body(result) -> dict:
    article_import = result.article_import
    proposals = []
    if article_import is not None and result.created:
        stored = article_import.proposals.select_related("reaction", "statement", "actor").order_by("id")
        for proposal in stored:
            record = proposal.record
            proposals.append({"id": proposal.pk, "kind": proposal.kind, "status": proposal.status,
                              "summary": proposal.summary, "record": getattr(record, "slug", None),
                              "start": proposal.start, "end": proposal.end, "rule": proposal.rule})
    return {"created": result.created, "message": result.message,
            "import_id": article_import.pk if article_import else None,
            "source": result.source.slug if result.source else None,
            "event": article_import.event.slug if article_import else None,
            "counts": dict(result.counts), "proposals": proposals}


class ArticleIntakeView(MethodFirstMixin, APIView):
    permission_classes = [CanImportArticles]
    parser_classes = [JSONParser]
    http_method_names = ["post", "options"]

    @extend_schema(
        operation_id="intake_articles_create",
        summary="Import an article for review (staff only)",
        description=(
            "Archives the article's text as a new source's text and stores what the intake proposes from "
            "it (reactions, statements, new actors) as drafts citing their passages verbatim, attached to "
            "the event given. Drafts stay invisible to anonymous users until a curator accepts them in the "
            "admin. A proposal matching an existing record (same actor, event and kind) is stored as an "
            "extra citation on it instead.\n\n"
            "Send `Authorization: Token <key>` of a staff user allowed to import articles. The same text "
            "(same SHA-256 once normalised) again is not an error: **200** with `created: false` and the "
            "import or source that holds it, nothing created. Bad input is a **400** naming the field."),
        request=ArticleIntakeSerializer,
        responses={
            201: OpenApiResponse(ImportAnswerSerializer, description="Imported: the proposals, all drafts."),
            200: OpenApiResponse(ImportAnswerSerializer, description="The same text was already there: "
                                                                     "nothing was created."),
            400: OpenApiResponse(INVALID, description='Refused input: field name -> messages, e.g. {"text": '
                                                      '["The text is empty."]}.'),
            401: OpenApiResponse(ERROR, description="No token, or an invalid one."),
            403: OpenApiResponse(ERROR, description="Not staff allowed to import articles."),
        },
        tags=["intake"],
    )
    def post(self, request):
        serializer = ArticleIntakeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        event = None
        if "event" in data:
            event = Event.objects.filter(slug=data["event"]).first()
            if event is None:
                raise ValidationError({"event": [f"No event has the slug {data['event']!r}."]})
        metadata = {"event": event, "new_event_title": data.get("new_event", ""),
                    "publisher": data.get("publisher", ""), "title": data.get("title", ""),
                    "published": data.get("published"), "author": data.get("author") or None,
                    "language": data.get("language") or "en", "user": request.user}
        try:
            if "url" in data:
                result = import_url(url=data["url"], **metadata)
            else:
                result = import_article(text=data["text"], origin=ImportOrigin.PASTED,
                                        url=data.get("article_url"), **metadata)
        except IntakeError as exc:
            raise ValidationError({FIELDS.get(exc.field, exc.field): exc.messages}) from exc
        code = status.HTTP_201_CREATED if result.created else status.HTTP_200_OK
        return Response(answer_body(result), status=code)
