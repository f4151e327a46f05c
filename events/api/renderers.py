"""CSV output for every list endpoint: ``?format=csv`` or ``Accept: text/csv``.

A list answers with ALL matching rows (the list filters apply, pagination does not), streamed from
``queryset.iterator(chunk_size=...)`` through ``csv.writer`` so memory stays flat however many rows
match. Prefetches (citations, participants) run once per chunk, never once per row.

Columns are flat and fixed per model (``CSV_COLUMNS``); several values in one cell (the slugs of the
cited sources, an actor's aliases) are joined with ``|``.
"""

import csv
from collections.abc import Callable, Iterable

from django.http import StreamingHttpResponse
from rest_framework import renderers
from rest_framework.settings import api_settings

CSV_CHUNK_SIZE = 2000
MULTI_SEPARATOR = "|"


class CSVRenderer(renderers.BaseRenderer):
    """Content negotiation entry for CSV; lists bypass it and stream (see ``CSVMixin``).

    ``render`` handles the small, already-serialized payloads that do not stream (stats): a list of
    flat dicts, or a dict whose ``results`` is one, becomes a header plus one row per item.
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        rows = data.get("results", [data]) if isinstance(data, dict) else list(data)
        header: list[str] = []
        for row in rows:
            for key in row:
                if key not in header:
                    header.append(key)
        buffer = _Echo()
        writer = csv.writer(buffer)
        lines = [writer.writerow(header)]
        lines += [writer.writerow([_cell(row.get(key)) for key in header]) for row in rows]
        return "".join(lines).encode(self.charset)


class _Echo:
    """A write-only file whose write() returns the line instead of storing it."""

    def write(self, value):
        return value


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return MULTI_SEPARATOR.join(str(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _source_slugs(obj):
    # Reads the prefetched citations (select_related source): no query per row.
    slugs = []
    for citation in obj.citations.all():
        if citation.source.slug not in slugs:
            slugs.append(citation.source.slug)
    return slugs


def _country(value):
    return value.code if value else ""


Column = tuple[str, Callable]

_RECORD_HEAD: list[Column] = [("public_id", lambda o: o.public_id), ("slug", lambda o: o.slug)]

CSV_COLUMNS: dict[str, list[Column]] = {
    "events.reaction": [
        *_RECORD_HEAD,
        ("actor_slug", lambda o: o.actor.slug),
        ("actor_name", lambda o: o.actor.name),
        ("actor_kind", lambda o: o.actor.kind),
        ("country", lambda o: _country(o.actor.country)),
        ("event_slug", lambda o: o.event.slug),
        ("kind", lambda o: o.kind),
        ("stance", lambda o: o.stance),
        ("date", lambda o: o.date),
        ("date_precision", lambda o: o.date_precision),
        ("certainty", lambda o: o.certainty),
        ("cameo_code", lambda o: o.cameo_code),
        ("description", lambda o: o.description),
        ("status", lambda o: o.status),
        ("source_slugs", _source_slugs),
        ("updated_at", lambda o: o.updated_at),
    ],
    "events.statement": [
        *_RECORD_HEAD,
        ("speaker_slug", lambda o: o.speaker.slug),
        ("speaker_name", lambda o: o.speaker.name),
        ("on_behalf_of_slug", lambda o: o.on_behalf_of.slug if o.on_behalf_of else ""),
        ("on_behalf_of_name", lambda o: o.on_behalf_of.name if o.on_behalf_of else ""),
        ("country", lambda o: _country(o.on_behalf_of.country if o.on_behalf_of else None)
         or _country(o.speaker.country)),
        ("event_slug", lambda o: o.event.slug),
        ("date", lambda o: o.date),
        ("date_precision", lambda o: o.date_precision),
        ("quote", lambda o: o.quote),
        ("context", lambda o: o.context),
        ("status", lambda o: o.status),
        ("source_slugs", _source_slugs),
        ("updated_at", lambda o: o.updated_at),
    ],
    "events.event": [
        *_RECORD_HEAD,
        ("title", lambda o: o.title),
        ("date", lambda o: o.date),
        ("date_precision", lambda o: o.date_precision),
        ("place", lambda o: o.place),
        ("country", lambda o: _country(o.country)),
        ("cameo_code", lambda o: o.cameo_code),
        ("certainty", lambda o: o.certainty),
        ("parent_slug", lambda o: o.parent.slug if o.parent else ""),
        ("description", lambda o: o.description),
        ("participants", lambda o: [f"{p.role}:{p.actor.slug}" for p in o.participants.all()]),
        ("status", lambda o: o.status),
        ("source_slugs", _source_slugs),
        ("updated_at", lambda o: o.updated_at),
    ],
    "actors.actor": [
        *_RECORD_HEAD,
        ("name", lambda o: o.name),
        ("kind", lambda o: o.kind),
        ("country", lambda o: _country(o.country)),
        ("aliases", lambda o: o.aliases or []),
        ("description", lambda o: o.description),
        ("updated_at", lambda o: o.updated_at),
    ],
    "sources.source": [
        *_RECORD_HEAD,
        ("publisher", lambda o: o.publisher),
        ("title", lambda o: o.title),
        ("author", lambda o: o.author),
        ("published_on", lambda o: o.published_on),
        ("published_precision", lambda o: o.published_precision),
        ("kind", lambda o: o.kind),
        ("language", lambda o: o.language),
        ("url", lambda o: o.url),
        ("updated_at", lambda o: o.updated_at),
    ],
}


def csv_columns_for(model) -> list[Column]:
    return CSV_COLUMNS[model._meta.label_lower]


def iter_csv_lines(objects: Iterable, columns: list[Column]):
    """Yield the header line, then one encoded CSV line per object."""
    writer = csv.writer(_Echo())
    yield writer.writerow([name for name, _ in columns])
    for obj in objects:
        yield writer.writerow([_cell(get(obj)) for _, get in columns])


def stream_csv(queryset, *, filename: str) -> StreamingHttpResponse:
    columns = csv_columns_for(queryset.model)
    response = StreamingHttpResponse(
        iter_csv_lines(queryset.iterator(chunk_size=CSV_CHUNK_SIZE), columns),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class CSVMixin:
    """Adds CSV to a read-only viewset; put it before the ViewSet class in the bases.

    Lists stream every matching row; a detail answers one row; errors stay JSON.
    """

    renderer_classes = [*api_settings.DEFAULT_RENDERER_CLASSES, CSVRenderer]

    def _wants_csv(self, request) -> bool:
        return isinstance(getattr(request, "accepted_renderer", None), CSVRenderer)

    def list(self, request, *args, **kwargs):
        if not self._wants_csv(request):
            return super().list(request, *args, **kwargs)
        queryset = self.filter_queryset(self.get_queryset())
        return stream_csv(queryset, filename=f"{self.basename}s.csv")

    def retrieve(self, request, *args, **kwargs):
        if not self._wants_csv(request):
            return super().retrieve(request, *args, **kwargs)
        obj = self.get_object()
        response = StreamingHttpResponse(iter_csv_lines([obj], csv_columns_for(type(obj))),
                                         content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.basename}-{obj.slug}.csv"'
        return response

    def handle_exception(self, exc):
        # A 400 for a bad filter or a 404 stays a JSON error the client can read, even when it asked
        # for CSV.
        request = self.request
        if self._wants_csv(request):
            json_renderer = api_settings.DEFAULT_RENDERER_CLASSES[0]
            request.accepted_renderer = json_renderer()
            request.accepted_media_type = json_renderer.media_type
        return super().handle_exception(exc)
