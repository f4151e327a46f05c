"""The API's read path: records read as rows (``values()``), not model instances.

Building model instances, prefetch objects and serializer calls for a 50-row page cost several times
what its SQL did (bench/RESULTS.md). Each record type therefore has one reader, defined beside its
``for_api()`` in the app's querysets.py and reached through ``queryset.api_reader()``: the columns it
reads with ``values()`` and ``represent(rows)``, which turns a page (or a CSV chunk) of rows into
exactly the dicts the serializer produces, fetching the rows' citations (participants, roles) in one
query per page or chunk, as the prefetches did. List pages, detail pages and CSV all use it; the
serializers' declared fields stay the schema, and tests/api/test_rows.py checks, record by record,
that ``represent`` equals the serializer's output.
"""

from collections.abc import Iterable, Sequence

from django.core.exceptions import EmptyResultSet
from django.db import connections, router

from core.api.ordering import field_at
from core.api.representation import country_name, date_text, datetime_text

ACTOR_BRIEF = ("slug", "name", "kind", "country")
EVENT_BRIEF = ("slug", "title", "date", "date_precision")
SOURCE_BRIEF = ("slug", "title", "publisher", "kind")


def related(name: str, fields: Iterable[str]) -> list[str]:
    return [f"{name}__{f}" for f in fields]


def actor_brief(row: dict, prefix: str, names: dict[str, str] | None = None) -> dict:
    """ActorBriefSerializer's dict, from the ``prefix``-ed columns of ``row`` (``actor__``); ``names``
    from country_names(), looked up once per page."""
    code = row[prefix + "country"] or ""
    return {"slug": row[prefix + "slug"], "name": row[prefix + "name"], "kind": row[prefix + "kind"],
            "country": code, "country_name": country_name(code, names)}


def event_brief(row: dict, prefix: str) -> dict:
    """EventBriefSerializer's dict, from the ``prefix``-ed columns of ``row``."""
    return {"slug": row[prefix + "slug"], "title": row[prefix + "title"],
            "date": date_text(row[prefix + "date"]), "date_precision": row[prefix + "date_precision"]}


def timestamps(row: dict) -> dict:
    return {"created_at": datetime_text(row["created_at"]), "updated_at": datetime_text(row["updated_at"])}


def _reverse(model, relation: str):
    """(related model, name of its foreign key to ``model``) for a reverse relation such as citations."""
    rel = model._meta.get_field(relation)
    return rel.related_model, rel.field.name


def grouped(model, relation: str, ids: Sequence[int], columns: Sequence[str]) -> dict[int, list[tuple]]:
    """The rows of ``model``'s reverse ``relation`` for these ids, in id order, as tuples of
    ``columns`` grouped by owner id: one query (none for no ids, as a prefetch)."""
    out: dict[int, list[tuple]] = {i: [] for i in ids}
    if not ids:
        return out
    related_model, fk = _reverse(model, relation)
    keys = list(out)  # the ids once each, in order: what the IN list's parameters are
    alias = router.db_for_read(related_model)
    connection = connections[alias]
    cache_key = (related_model, fk, tuple(columns), len(keys), alias)
    sql = _GROUPED_SQL.get(cache_key)
    if sql is None:
        query = related_model._default_manager.using(alias).filter(**{f"{fk}_id__in": keys}).order_by(
            "id").values_list(f"{fk}_id", *columns)
        sql, params = query.query.sql_with_params()
        if list(params) != keys or _needs_conversion(query, connection):
            # Another parameter (a manager's own filter) or a column the database hands back in
            # another form: run the query as it is, every time.
            for owner, *values in query:
                out[owner].append(values)
            return out
        _GROUPED_SQL[cache_key] = sql
    with connection.cursor() as cursor:
        cursor.execute(sql, keys)
        for owner, *values in cursor.fetchall():
            out[owner].append(values)
    return out


# The SQL of grouped()'s query per relation, columns, number of ids and database: the ORM compiles the
# same statement for every page (a third of a millisecond of each list request), only the ids differ.
_GROUPED_SQL: dict[tuple, str] = {}


def _needs_conversion(query, connection) -> bool:
    compiler = query.query.get_compiler(connection=connection)
    compiler.setup_query()
    return bool(compiler.get_converters([expression for expression, _sql, _alias in compiler.select]))


CITATION_COLUMNS = (*related("source", SOURCE_BRIEF), "excerpt", "excerpt_start", "excerpt_end")


def citations(model, ids: Sequence[int]) -> dict[int, list[dict]]:
    """CitationSerializer's dicts for each record id, in citation id order."""
    return {owner: [{"source": {"slug": slug, "title": title, "publisher": publisher, "kind": kind},
                     "excerpt": excerpt, "excerpt_start": start, "excerpt_end": end,
                     "verified": start is not None}
                    for slug, title, publisher, kind, excerpt, start, end in values]
            for owner, values in grouped(model, "citations", ids, CITATION_COLUMNS).items()}


def source_slugs(model, ids: Sequence[int]) -> dict[int, list[str]]:
    """The distinct slugs of the sources each record cites, in citation order (the CSV column)."""
    out: dict[int, list[str]] = {}
    for owner, values in grouped(model, "citations", ids, ("source__slug",)).items():
        slugs: list[str] = []
        for (slug,) in values:
            if slug not in slugs:
                slugs.append(slug)
        out[owner] = slugs
    return out


class RowReader:
    """One record type's read path. A subclass sets ``columns`` (``values()`` paths, ``id`` first) and
    writes ``represent``; ``csv_row`` gives the viewset's CSV cells for one row.

    ``queryset`` is the filtered, ordered queryset of the list (from ``for_api()``); the reader reads
    the same rows, with the same WHERE and ORDER BY, as dicts of ``columns`` plus any sort keys
    (``extra``) the pagination reads back for its cursors.
    """

    columns: tuple[str, ...] = ("id",)

    def __init__(self, queryset, extra: Iterable[str] = ()):
        self.model = queryset.model
        self.names = [*self.columns, *(c for c in extra if c not in self.columns)]
        self.queryset = self.rows(queryset)

    def rows(self, queryset):
        """``queryset`` reading this reader's rows: values() replaces select_related and only() (the
        joins come from the related columns), and represent's queries replace the prefetches. Apply it
        last: counts and key subqueries run on the queryset without it, and so without joins."""
        return queryset.prefetch_related(None).values(*self.names)

    def represent(self, rows: list[dict]) -> list[dict]:
        raise NotImplementedError

    # CSV: ``csv_extras(rows)`` fetches what a chunk of rows needs beyond its columns (the cited
    # sources' slugs, an event's participants) in one query, and ``csv_extra(row, extras)`` gives the
    # row's extra cells by name, for the viewset's ``csv_columns`` to read.
    def csv_extras(self, rows: list[dict]):
        return None

    def csv_extra(self, row: dict, extras) -> dict:
        return {}

    def csv_sql_cells(self) -> dict[str, str]:
        """The same extra cells as SQL text over the row's columns (the alias ``q``), for CSV on
        PostgreSQL; a CSV column neither here nor a plain column makes the CSV go the Python way."""
        return {}


# ---------------------------------------------------------------------------------------------------
# CSV on PostgreSQL: the database writes each cell as the text core.api.renderers._cell would make of
# its Python value (ISO dates and times, true/false, lists joined by |, nothing for NULL and for an
# empty text alike), and COPY ... (FORMAT csv) quotes them as csv.writer does (core/api/renderers.py).


def _cell_sql(model, key: str) -> str:
    """The values() column ``key`` as the text _cell writes for its Python value (NULL: empty)."""
    col = f'q."{key}"'
    try:
        kind = field_at(model, "id" if key == "pk" else key).get_internal_type()
    except ValueError:
        kind = "TextField"  # an annotation of text, such as a source's text_sha256
    if kind == "DateTimeField":  # datetime.isoformat() of an aware UTC value
        utc = f"({col} AT TIME ZONE 'UTC')"
        return (f"to_char({utc}, 'YYYY-MM-DD\"T\"HH24:MI:SS') || CASE WHEN "
                f"mod(date_part('microseconds', {col})::int, 1000000) <> 0 THEN to_char({utc}, '.US') "
                f"ELSE '' END || '+00:00'")
    if kind in ("DateField", "UUIDField", "IntegerField", "PositiveIntegerField", "BigAutoField",
                "AutoField", "BigIntegerField", "SmallIntegerField", "PositiveSmallIntegerField"):
        return f"{col}::text"  # ISO 8601 dates (DateStyle ISO), the UUID's canonical form, digits
    if kind == "BooleanField":
        return f"CASE WHEN {col} THEN 'true' WHEN NOT {col} THEN 'false' END"
    if kind == "JSONField":  # a list of strings, joined as _cell joins it
        return f"array_to_string(ARRAY(SELECT jsonb_array_elements_text({col})), '|')"
    return col


def source_slugs_sql(model) -> str:
    """The distinct slugs of the sources a record (``q.id``) cites, in citation order, joined by |."""
    citation, fk = _reverse(model, "citations")
    source = citation._meta.get_field("source").related_model
    return (f"(SELECT string_agg(x.slug, '|' ORDER BY x.first) FROM (SELECT s.slug, min(c.id) AS first "
            f"FROM {citation._meta.db_table} c JOIN {source._meta.db_table} s ON s.id = c.source_id "
            f"WHERE c.{fk}_id = q.id GROUP BY s.slug) x)")


def csv_sql(reader, columns) -> tuple[str, tuple] | None:
    """(SQL, params) reading each CSV row as one text per column, in the list's order and with its
    filters; None when a column can be written neither from a plain column nor by the reader's SQL, or
    when the filters match nothing."""
    cells, extra = [], reader.csv_sql_cells()
    for name, read in columns:
        key = getattr(read, "key", None)
        if name in extra:
            cells.append(extra[name])
        elif key is not None:
            cells.append(_cell_sql(reader.model, key))
        else:
            return None
    try:
        sql, params = reader.queryset.query.sql_with_params()
    except EmptyResultSet:
        # A filter Django knows matches nothing (a country none of the actors is in) compiles to no SQL;
        # the Python writer answers it with the header alone.
        return None
    # NULLIF: COPY writes an empty text as "" (to tell it from NULL); csv.writer writes nothing.
    return f"SELECT {', '.join(f'NULLIF({cell}, {EMPTY})' for cell in cells)} FROM ({sql}) q", params


EMPTY = "''"


def ids_of(rows: list[dict]) -> list[int]:
    return [r["id"] for r in rows]

