"""Pagination for every list endpoint: numbered pages with a capped count, or a keyset cursor.

* ``?page=N`` (the default) answers ``count``, ``count_exact``, ``next``, ``previous``, ``results``.
  Counting is capped: the database stops counting after ``API_COUNT_LIMIT`` (1,000) matching rows
  (``SELECT COUNT(*) FROM (... LIMIT 1001)``), so a broad filter over a million rows costs the same
  as a narrow one. Past the cap ``count`` is the cap and ``count_exact`` is false; numbered pages stop
  there, and the last numbered page's ``next`` link continues in cursor mode, so nothing is lost.
* ``?cursor=`` (empty to start) switches to keyset pagination: ``next`` carries an opaque cursor
  holding the sort key of the last row, and the next page is ``WHERE (key) > (last key) ORDER BY key
  LIMIT n``, an index range scan. Page 20,000 costs what page 1 costs; there is no count. The sort
  key is the list's ordering (the ``ordering`` parameter or the default) plus ``id``; unknown values
  sort last in either direction, and a nullable leading field (an unknown date) is handled in two
  phases (dated rows, then undated ones) so both stay index scans. The cursor moves forward only.

Every page also carries, in the ``Data-Complete-Until`` header, the moment its data is complete up to:
every change committed before it is in the answer. On the primary that is when the request started; on a
read replica it is the replica's last replayed commit (config/db_routers.py sets
``request.data_complete_until`` before the view runs), which may be well behind the clock. A mirror that
takes its next ``updated_after`` / ``since`` from this (the smallest over the pages it read) instead of
its own clock never misses a change because a page came from a lagging replica or a cache. A header, not
a body field: the ETag hashes the body, which must not change with the clock.
"""

import base64
import binascii
import datetime
import json

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import InvalidPage
from django.core.paginator import Paginator as DjangoPaginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.functional import cached_property
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from core.api.ordering import field_at, order_expression, ordering_terms, with_id

COUNT_LIMIT = getattr(settings, "API_COUNT_LIMIT", 1_000)
CURSOR_PARAM = "cursor"
COMPLETE_UNTIL_HEADER = "Data-Complete-Until"


def data_complete_until(request):
    """The moment the data this request reads is complete up to (see the module docstring).

    Set by the database routing middleware before any query; without it (a view called directly) the
    request reads the primary, complete up to now.
    """
    moment = getattr(request, "data_complete_until", None)
    return moment if moment is not None else timezone.now()


def _keys_then_rows(queryset, start: int, stop: int, rows=None):
    """``rows`` turns the queryset into the one that reads the rows (a reader's ``values()``, with its
    joins); the keys come from the queryset as it is, so the key subquery joins nothing."""
    return (rows or _same)(queryset).filter(pk__in=queryset.values("pk")[start:stop])


def _same(queryset):
    return queryset


def _phase_order(model, terms: list[str]):
    """The ordering within one phase: the leading key plain (its nulls are filtered out, or it is null
    throughout), so an index on it serves either direction; later nullable keys still sort nulls last."""
    lead = F(terms[0].lstrip("-"))
    return [lead.desc() if terms[0].startswith("-") else lead.asc(),
            *(order_expression(model, term) for term in terms[1:])]


def page_rows(queryset, start: int, stop: int, rows=None):
    """Rows ``[start:stop]`` of ``queryset``: the page's keys first, then its rows by primary key.

    ``WHERE pk IN (SELECT pk ... ORDER BY ... LIMIT n)``: the inner query only needs the filter and
    sort columns, which an index covers (an index-only scan, no table visits), and only the page's
    rows are then read in full. As one query, PostgreSQL had to visit the table for every row it
    skipped: 19,000 visits (46 ms) to find the first page of a small country's reactions at 1M rows,
    0.6 ms this way (bench/README.md).

    When the leading sort key can be null (an unknown date), its nulls come last in either direction
    (core/api/ordering.py). ``ORDER BY date DESC NULLS LAST`` is an order no index provides, so the
    rows are taken in two phases, each an index scan: the dated rows, then, if the page reaches past
    them, the undated ones. Numbered pages stop at ``COUNT_LIMIT`` rows, so counting the dated rows
    before a page that starts among the undated ones is cheap.
    """
    if not isinstance(queryset, QuerySet) or queryset.query.combinator:
        return queryset[start:stop]  # a list, or a union (the deletions feed): slice as it is
    try:
        terms = ordering_terms(queryset)
        nullable_lead = bool(terms) and field_at(queryset.model, terms[0].lstrip("-")).null
    except ValueError:
        nullable_lead = False
    if not nullable_lead:
        return _keys_then_rows(queryset, start, stop, rows)
    lead = terms[0].lstrip("-")
    dated = queryset.filter(**{f"{lead}__isnull": False}).order_by(*_phase_order(queryset.model, terms))
    found = list(_keys_then_rows(dated, start, stop, rows))
    if len(found) == stop - start:
        return found
    dated_count = start + len(found) if found else dated.order_by()[:start].count()
    undated = queryset.filter(**{f"{lead}__isnull": True}).order_by(*_phase_order(queryset.model, terms))
    return found + list(_keys_then_rows(undated, max(0, start - dated_count), stop - dated_count, rows))


def _whole_number(raw: str) -> int | None:
    """ASCII digits only: int() would also take " 3", "1_0" and other scripts' digits."""
    return int(raw) if raw.isascii() and raw.isdigit() else None


class CappedPaginator(DjangoPaginator):
    """A Django paginator that stops counting at ``limit`` rows; pages past the cap do not exist.

    ``limit = None`` counts everything (``ExactPaginator``).
    """

    limit: int | None = COUNT_LIMIT
    rows = None  # how the page's rows are read (see _keys_then_rows); set by the pagination

    @cached_property
    def true_count_capped(self) -> int:
        if self.limit is None:
            return self.object_list.count()
        # Counting a sliced queryset counts a LIMITed subquery, which stops at limit + 1 rows. The
        # ordering is dropped first: with it, the database would sort every match before the LIMIT.
        return self.object_list.order_by()[: self.limit + 1].count()

    @cached_property
    def count(self) -> int:
        return self.true_count_capped if self.limit is None else min(self.true_count_capped, self.limit)

    @property
    def exact(self) -> bool:
        return self.limit is None or self.true_count_capped <= self.limit

    def page(self, number):
        # Django's Paginator.page, with the slice taken by page_rows.
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(page_rows(self.object_list, bottom, top, self.rows), number, self)


class ExactPaginator(CappedPaginator):
    limit = None


# ---------------------------------------------------------------------------------------------------
# Keyset cursor


class _Key:
    """One term of the sort key: a field path, its direction, and whether it can be null."""

    def __init__(self, model, term: str):
        self.descending = term.startswith("-")
        path = term.lstrip("-")
        self.path = "id" if path == "pk" else path
        field = field_at(model, self.path)
        if field.is_relation:
            raise ValueError(term)
        self.field = field
        self.nullable = field.null

    def value(self, obj):
        if isinstance(obj, dict):  # a row of the record type's reader (core/api/rows.py)
            return obj[self.path]
        for part in self.path.split("__"):
            obj = getattr(obj, part) if obj is not None else None
        return obj

    def equal(self, value) -> Q:
        return Q(**{f"{self.path}__isnull": True}) if value is None else Q(**{self.path: value})

    def after(self, value, *, nulls_possible: bool = True) -> Q:
        """Rows after ``value`` in this key alone; nulls sort last, so nothing comes after a null."""
        if value is None:
            return Q(pk__in=[])
        step = Q(**{f"{self.path}__{'lt' if self.descending else 'gt'}": value})
        if self.nullable and nulls_possible:
            step |= Q(**{f"{self.path}__isnull": True})
        return step


def _lexicographic_after(keys: list[_Key], values: list, *, lead_nulls_possible: bool = True) -> Q:
    """(k1, k2, ...) strictly after (v1, v2, ...) in the keys' directions, nulls last in each key."""
    condition = Q(pk__in=[])
    for i, key in enumerate(keys):
        step = key.after(values[i], nulls_possible=lead_nulls_possible or i > 0)
        for prev, value in zip(keys[:i], values[:i], strict=True):
            step &= prev.equal(value)
        condition |= step
    return condition


class KeysetPage:
    """Fetches one page after a cursor position, crossing from dated to undated rows when needed."""

    def __init__(self, queryset, size: int, token: str | None, rows=None):
        self.rows = rows
        self.terms = with_id(ordering_terms(queryset))
        self.keys = [_Key(queryset.model, t) for t in self.terms]
        # Unknown values sort last in either direction (core/api/ordering.py): with a nullable leading
        # key, first the rows that have a value, then the others, each phase an index range scan.
        self.phases = ["values", "nulls"] if self.keys[0].nullable else ["values"]
        self.queryset = queryset.order_by(*_phase_order(queryset.model, self.terms))
        self.size = size
        self.phase, self.position = self._decode(token)

    def _decode(self, token):
        if not token:
            return self.phases[0], None
        try:
            padded = token + "=" * (-len(token) % 4)
            data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
            phase, terms, raw = data["p"], data["o"], data["v"]
            if phase not in self.phases or len(raw) != len(self.keys):
                raise ValueError
            values = [None if (phase == "nulls" and i == 0) or v is None else key.field.to_python(v)
                      for i, (key, v) in enumerate(zip(self.keys, raw, strict=True))]
            if phase == "values" and values[0] is None:
                raise ValueError
        except (ValueError, KeyError, TypeError, binascii.Error, UnicodeError, DjangoValidationError):
            raise ValidationError({CURSOR_PARAM: ["Invalid cursor. Use the 'next' link of a previous page, "
                                                  "or an empty cursor to start."]}) from None
        if terms != self.terms:
            raise ValidationError({CURSOR_PARAM: ["This cursor belongs to another ordering; start again with "
                                                  "an empty cursor."]})
        return phase, values

    def encode(self, obj) -> str:
        values = [k.value(obj) for k in self.keys]
        phase = "nulls" if values[0] is None else "values"
        data = json.dumps({"p": phase, "o": self.terms, "v": values}, cls=DjangoJSONEncoder,
                          separators=(",", ":"))
        return base64.urlsafe_b64encode(data.encode()).decode("ascii").rstrip("=")

    def _phase_queryset(self, phase, position):
        qs = self.queryset
        lead = self.keys[0]
        if lead.nullable:
            qs = qs.filter(**{f"{lead.path}__isnull": phase == "nulls"})
        if position is None:
            return qs
        if phase == "nulls":
            return qs.filter(_lexicographic_after(self.keys[1:], position[1:]))
        # The range on the leading key lets the database seek in the index; the rest breaks ties.
        bound = {f"{lead.path}__{'lte' if lead.descending else 'gte'}": position[0]}
        return qs.filter(**bound).filter(_lexicographic_after(self.keys, position, lead_nulls_possible=False))

    def fetch(self):
        rows: list = []
        phase, position = self.phase, self.position
        for index in range(self.phases.index(phase), len(self.phases)):
            wanted = self.size + 1 - len(rows)
            rows += list(_keys_then_rows(self._phase_queryset(self.phases[index], position), 0, wanted,
                                         self.rows))
            if len(rows) > self.size:
                break
            position = None
        self.has_more = len(rows) > self.size
        return rows[: self.size]


# ---------------------------------------------------------------------------------------------------


class PageNumberPagination(pagination.PageNumberPagination):
    """Page-number pagination whose page size is chosen with ``page_size``, up to a cap.

    A page size over the cap (or not a positive whole number) is a 400 naming the parameter,
    rather than being silently clamped: a client asking for 5000 rows must learn it got fewer.
    ``?cursor=`` switches to keyset pagination (see the module docstring).
    """

    page_size = settings.API_PAGE_SIZE
    page_size_query_param = "page_size"
    page_size_query_description = f"Number of results per page (1 to {settings.API_MAX_PAGE_SIZE})."
    max_page_size = settings.API_MAX_PAGE_SIZE
    django_paginator_class = CappedPaginator
    cursor_query_param = CURSOR_PARAM
    cursor_query_description = ("Keyset pagination: give it empty to start, then follow `next`. As fast on "
                                "the millionth row as on the first; no count. Opaque: only a cursor from a "
                                "`next` link is valid. Not combined with `page`.")
    keyset = None
    rows = None  # a view's row reader (core/api/rows.py) sets it: how a page's rows are read

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        size = _whole_number(raw)
        if size is None:
            raise ValidationError({"page_size": [f"Must be a whole number, not {raw!r}."]})
        if size < 1 or size > self.max_page_size:
            raise ValidationError({"page_size": [f"Must be between 1 and {self.max_page_size}; got {size}."]})
        return size

    def get_page_number(self, request, paginator):
        raw = request.query_params.get(self.page_query_param)
        if raw is None or raw == "":
            return 1
        number = _whole_number(raw)
        if number is None or number < 1:
            raise ValidationError({self.page_query_param: [f"Must be a whole number from 1; got {raw!r}."]})
        return number

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.complete_until = data_complete_until(request)
        if self.cursor_query_param and self.cursor_query_param in request.query_params:
            if self.page_query_param in request.query_params:
                raise ValidationError({self.cursor_query_param: ["Use either page or cursor, not both."]})
            try:
                self.keyset = KeysetPage(queryset, self.get_page_size(request),
                                         request.query_params.get(self.cursor_query_param), self.rows)
            except ValueError:
                raise ValidationError({self.cursor_query_param: [
                    "Cursor pagination is not available for this ordering."]}) from None
            self._rows = self.keyset.fetch()
            return self._rows
        self.keyset = None
        try:
            return self._numbered_page(queryset, request)
        except NotFound as exc:
            if not self.django_paginator_class(queryset, self.get_page_size(request)).exact:
                raise NotFound(f"Numbered pages stop after the first {COUNT_LIMIT} records; follow the last "
                               f"page's next link or use ?{self.cursor_query_param}= to go further.") from exc
            raise

    def _numbered_page(self, queryset, request):
        # DRF's PageNumberPagination.paginate_queryset, with the paginator told how rows are read.
        page_size = self.get_page_size(request)
        paginator = self.django_paginator_class(queryset, page_size)
        paginator.rows = self.rows
        page_number = self.get_page_number(request, paginator)
        try:
            self.page = paginator.page(page_number)
        except InvalidPage as exc:
            message = self.invalid_page_message.format(page_number=page_number, message=str(exc))
            raise NotFound(message) from exc
        return list(self.page)

    def _cursor_url(self, obj, keyset) -> str:
        url = remove_query_param(self.request.build_absolute_uri(), self.page_query_param)
        return replace_query_param(url, self.cursor_query_param, keyset.encode(obj))

    def get_next_link(self):
        if self.keyset is not None:
            return self._cursor_url(self._last, self.keyset) if self.keyset.has_more and self._last else None
        link = super().get_next_link()
        paginator = self.page.paginator
        if link is None and self.cursor_query_param and not paginator.exact and self.page.object_list:
            # Past the counting cap: carry on with a cursor from this page's last row.
            keyset = KeysetPage(paginator.object_list, paginator.per_page, None)
            return self._cursor_url(self.page.object_list[-1], keyset)
        return link

    def get_paginated_response(self, data):
        headers = {COMPLETE_UNTIL_HEADER: self.complete_until.astimezone(datetime.UTC).isoformat()}
        if self.keyset is not None:
            return Response({"next": self.get_next_link(), "results": data}, headers=headers)
        return Response({
            "count": self.page.paginator.count,
            "count_exact": self.page.paginator.exact,
            "next": self.get_next_link(),
            "previous": self.get_previous_link(),
            "results": data,
        }, headers=headers)

    def get_paginated_response_schema(self, schema):
        link = {"type": ["string", "null"], "format": "uri"}
        limit = self.django_paginator_class.limit
        capped = f", counted up to {limit}" if limit else ""
        in_cursor_mode = "; absent in cursor mode" if self.cursor_query_param else ""
        return {
            "type": "object",
            "properties": {
                "count": {"type": "integer", "minimum": 0,
                          "description": f"Matching records{capped}{in_cursor_mode}."},
                "count_exact": {"type": "boolean",
                                "description": f"False when more than {limit} records match{in_cursor_mode}."
                                if limit else "Always true: the count is exact."},
                "next": {**link, "description": "The next page; null on the last one."},
                "previous": {**link,
                             "description": f"The previous page; null on the first one{in_cursor_mode}."},
                "results": schema,
            },
            "required": ["next", "results"],
        }

    def get_schema_operation_parameters(self, view):
        limit = self.django_paginator_class.limit
        page = "Page number, from 1; a page past the end is a 404."
        if self.cursor_query_param and limit:
            page += (f" Numbered pages cover the first {limit} records; the last one's next link continues "
                     "with a cursor.")
        params = [
            {"name": self.page_query_param, "required": False, "in": "query", "description": page,
             "schema": {"type": "integer", "minimum": 1}},
            {"name": self.page_size_query_param, "required": False, "in": "query",
             "description": self.page_size_query_description,
             "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size}},
        ]
        if self.cursor_query_param:
            params.append({"name": self.cursor_query_param, "required": False, "in": "query",
                           "allowEmptyValue": True, "description": self.cursor_query_description,
                           "schema": {"type": "string"}})
        return params

    @property
    def _last(self):
        rows = getattr(self, "_rows", None)
        return rows[-1] if rows else None


class PageNumberOnlyPagination(PageNumberPagination):
    """Numbered pages with an exact count and no cursor, for lists that are not one table's rows (the
    deletions feed is a union over history tables, which has no index to seek in)."""

    django_paginator_class = ExactPaginator
    cursor_query_param = None
