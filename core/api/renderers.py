"""CSV output for every list endpoint: ``?format=csv`` or ``Accept: text/csv``.

A list answers with ALL matching rows (the list filters apply, pagination does not), streamed from
``queryset.iterator(chunk_size=...)`` through ``csv.writer`` so memory stays flat however many rows
match. Prefetches (citations, participants) run once per chunk, never once per row.

Columns are flat and fixed per record type (each viewset's ``csv_columns``); several values in one
cell (the slugs of the cited sources, an actor's aliases) are joined with ``|``.
"""

import csv
import itertools
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


def source_slugs(obj):
    """The distinct slugs of the sources ``obj`` cites, from the prefetched citations (no query per row)."""
    slugs = []
    for citation in obj.citations.all():
        if citation.source.slug not in slugs:
            slugs.append(citation.source.slug)
    return slugs


Column = tuple[str, Callable]


def csv_column(name: str, path: str | Callable | None = None) -> Column:
    """A CSV column: its header and how to read it from a record, as a dotted attribute path
    (``actor.slug``; a missing link reads as empty) or a function; the path defaults to the name."""
    if callable(path):
        return name, path
    parts = (path or name).split(".")

    def read(obj):
        for part in parts:
            if obj is None:
                return None
            obj = getattr(obj, part)
        return obj

    return name, read

# The first and last columns of every record type.
RECORD_HEAD: list[Column] = [csv_column("public_id"), csv_column("slug")]
RECORD_TAIL: list[Column] = [csv_column("updated_at")]


def iter_csv_lines(objects: Iterable, columns: list[Column]):
    """Yield the header line, then one encoded CSV line per object."""
    writer = csv.writer(_Echo())
    yield writer.writerow([name for name, _ in columns])
    for obj in objects:
        yield writer.writerow([_cell(get(obj)) for _, get in columns])


def stream_csv(queryset, *, columns: list[Column], filename: str) -> StreamingHttpResponse:
    rows = queryset.iterator(chunk_size=CSV_CHUNK_SIZE)
    # The first chunk is fetched here, in the view, before the status line goes out: a database that
    # is down or too slow then answers a JSON 503 (config/db_middleware.py) rather than a "200 text/csv"
    # whose stream breaks after the header. A failure later in a long stream can only cut it short.
    first = list(itertools.islice(rows, 1))
    response = StreamingHttpResponse(
        iter_csv_lines(itertools.chain(first, rows), columns),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class CSVMixin:
    """Adds CSV to a read-only viewset; put it before the ViewSet class in the bases.

    Lists stream every matching row; a detail answers one row; errors stay JSON.
    """

    renderer_classes = [*api_settings.DEFAULT_RENDERER_CLASSES, CSVRenderer]
    csv_columns: list[Column] = []  # each viewset lists its own, flat and fixed

    def _wants_csv(self, request) -> bool:
        return isinstance(getattr(request, "accepted_renderer", None), CSVRenderer)

    def list(self, request, *args, **kwargs):
        if not self._wants_csv(request):
            return super().list(request, *args, **kwargs)
        queryset = self.filter_queryset(self.get_queryset())
        paginator = getattr(self, "paginator", None)
        if paginator is not None:
            # CSV has every matching row, no pages; a malformed page or page_size is still a 400.
            paginator.get_page_size(request)
            paginator.get_page_number(request, None)
        return stream_csv(queryset, columns=self.csv_columns, filename=f"{self.basename}s.csv")

    def retrieve(self, request, *args, **kwargs):
        if not self._wants_csv(request):
            return super().retrieve(request, *args, **kwargs)
        obj = self.get_object()
        response = StreamingHttpResponse(iter_csv_lines([obj], self.csv_columns),
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
