"""CSV output for every list endpoint: ``?format=csv`` or ``Accept: text/csv``.

A list answers with ALL matching rows (the list filters apply, pagination does not), the rows of the
record type's reader (core/api/rows.py) in the list's order, streamed so memory stays flat however many
rows match. On PostgreSQL the database writes the CSV: one ``COPY (SELECT ...) TO STDOUT (FORMAT csv)``
of the list's query, each cell written in SQL as the Python writer would write it (core.api.rows.csv_sql;
tests/api/test_rows.py checks the two agree byte for byte). Elsewhere the reader's rows come through
``iterator(chunk_size=CSV_CHUNK_SIZE)`` and ``csv.writer``, with what a chunk needs beyond its columns
(cited sources, participants) in one query per chunk. The stream is gzipped when the client accepts it
(``Accept-Encoding: gzip``).

Columns are flat and fixed per record type (each viewset's ``csv_columns``); several values in one
cell (the slugs of the cited sources, an actor's aliases) are joined with ``|``.
"""

import csv
import io
import itertools
import zlib
from collections.abc import Callable, Iterable, Iterator

from django.db import connections, transaction
from django.http import Http404, StreamingHttpResponse
from django.utils.cache import patch_vary_headers
from rest_framework import renderers
from rest_framework.response import Response
from rest_framework.settings import api_settings

from core.api.rows import csv_sql

CSV_CHUNK_SIZE = 5000
CSV_COPY_ROWS = 5000  # rows per piece of the stream when PostgreSQL writes the CSV
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
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return MULTI_SEPARATOR.join(str(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


Column = tuple[str, Callable]


def csv_column(name: str, path: str | Callable | None = None) -> Column:
    """A CSV column: its header and how to read it from a row of the record type's reader, as a
    dotted path (``actor.slug``: the ``actor__slug`` column; a missing link reads as empty) or a
    function of the row; the path defaults to the name."""
    if callable(path):
        return name, path
    key = (path or name).replace(".", "__")

    def read(row):
        return row[key]

    read.key = key  # the values() column, for CSV written in SQL (core.api.rows.csv_sql)
    return name, read


# The first and last columns of every record type.
RECORD_HEAD: list[Column] = [csv_column("public_id"), csv_column("slug")]
RECORD_TAIL: list[Column] = [csv_column("updated_at")]


def _chunks(rows: Iterator, size: int) -> Iterator[list]:
    while chunk := list(itertools.islice(rows, size)):
        yield chunk


def iter_csv_lines(reader, chunks: Iterable[list[dict]], columns: list[Column]) -> Iterator[str]:
    """Yield the header line, then the CSV lines of each chunk of rows, one string per chunk."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([name for name, _ in columns])
    yield buffer.getvalue()
    getters = [get for _, get in columns]
    for chunk in chunks:
        extras = reader.csv_extras(chunk)
        buffer.seek(0)
        buffer.truncate()
        for row in chunk:
            row.update(reader.csv_extra(row, extras))
        writer.writerows([_cell(get(row)) for get in getters] for row in chunk)
        yield buffer.getvalue()


def gzipped(lines: Iterable[str], charset: str = "utf-8") -> Iterator[bytes]:
    """The lines encoded and gzipped as one stream, flushed once per chunk so it keeps flowing."""
    # Level 1: CSV still shrinks about 5x, and level 6 would halve the rows per second (bench/RESULTS.md).
    compressor = zlib.compressobj(1, zlib.DEFLATED, 31)  # wbits 31: a gzip header and trailer
    for text in lines:
        data = text if isinstance(text, bytes) else text.encode(charset)
        data = compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)
        if data:
            yield data
    yield compressor.flush()


def accepts_gzip(request) -> bool:
    return "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "").lower()


def iter_copy_csv(header: list[str], sql: str, params, using: str) -> Iterator[bytes]:
    """The header line, then what ``COPY (sql) TO STDOUT (FORMAT csv)`` sends, CSV_COPY_ROWS rows at a
    time. PostgreSQL quotes cells as csv.writer does (core.api.rows.csv_sql) but ends lines with \\n:
    each row comes as one message, so its last byte is the line end, made \\r\\n as csv.writer writes
    it (a line break inside a quoted cell stays as it is). One statement for the whole export, so the
    API's statement timeout (DATABASE_STATEMENT_TIMEOUT) is lifted for it, inside its transaction."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow(header)
    yield buffer.getvalue().encode()
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = 0")
        with cursor.cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT csv)", params) as copy:
            rows = []
            for row in copy:
                rows.append(bytes(row)[:-1])
                if len(rows) == CSV_COPY_ROWS:
                    yield b"\r\n".join(rows) + b"\r\n"
                    rows = []
            if rows:
                yield b"\r\n".join(rows) + b"\r\n"


def stream_csv(request, reader, *, columns: list[Column], filename: str) -> StreamingHttpResponse:
    using = reader.queryset.db
    in_sql = csv_sql(reader, columns) if connections[using].vendor == "postgresql" else None
    if in_sql is not None:
        lines = iter_copy_csv([name for name, _ in columns], *in_sql, using)
    else:
        rows = reader.queryset.iterator(chunk_size=CSV_CHUNK_SIZE)
        lines = iter_csv_lines(reader, _chunks(rows, CSV_CHUNK_SIZE), columns)
    # The header and first chunk are read here, in the view, before the status line goes out: a
    # database that is down or too slow then answers a JSON 503 (config/db_middleware.py) rather than a
    # "200 text/csv" whose stream breaks after the header. A later failure can only cut it short.
    first = list(itertools.islice(lines, 2))
    lines = itertools.chain(first, lines)
    if accepts_gzip(request):
        response = StreamingHttpResponse(gzipped(lines), content_type="text/csv; charset=utf-8")
        response["Content-Encoding"] = "gzip"
    else:
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    patch_vary_headers(response, ["Accept-Encoding"])
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

    def row_reader(self, queryset):
        """The record type's reader (core/api/rows.py) over ``queryset``, keeping the sort keys the
        pagination reads back for its cursors."""
        return queryset.api_reader(extra=dict(getattr(self, "ordering_fields", None) or {}).values())

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        reader = self.row_reader(queryset)
        paginator = getattr(self, "paginator", None)
        if self._wants_csv(request):
            if paginator is not None:
                # CSV has every matching row, no pages; a malformed page or page_size is still a 400.
                paginator.get_page_size(request)
                paginator.get_page_number(request, None)
            return stream_csv(request, reader, columns=self.csv_columns, filename=f"{self.basename}s.csv")
        if not self._rows_stand_in():
            return super().list(request, *args, **kwargs)
        if paginator is None:
            return Response(reader.represent(list(reader.queryset)))
        paginator.rows = reader.rows  # counts and keys on the queryset, the page's rows by the reader
        return self.get_paginated_response(reader.represent(self.paginate_queryset(queryset)))

    def get_row(self):
        """The detail's row, as ``get_object`` finds the instance (filters, lookup, 404, permissions)."""
        reader = self.row_reader(self.filter_queryset(self.get_queryset()))
        lookup_url_kwarg = self.lookup_url_kwarg or self.lookup_field
        rows = list(reader.queryset.filter(**{self.lookup_field: self.kwargs[lookup_url_kwarg]})[:2])
        if len(rows) != 1:
            raise Http404
        self.check_object_permissions(self.request, rows[0])
        return reader, rows[0]

    def _rows_stand_in(self) -> bool:
        """The reader stands in for the serializer it is tested equal to (tests/api/test_rows.py); a
        view given another serializer class (a subclass with its own representation) is served by it."""
        return self.get_serializer_class() is self.serializer_class

    def retrieve(self, request, *args, **kwargs):
        if not self._wants_csv(request) and not self._rows_stand_in():
            return super().retrieve(request, *args, **kwargs)
        reader, row = self.get_row()
        if not self._wants_csv(request):
            return Response(reader.represent([row])[0])
        lines = iter_csv_lines(reader, [[row]], self.csv_columns)
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.basename}-{row["slug"]}.csv"'
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
