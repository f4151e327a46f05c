from django.db import models
from django.db.models import F

from core.api.representation import date_text, uuid_text
from core.api.rows import RowReader, timestamps
from core.querysets import PublicQuerySet


class SourceRows(RowReader):
    """SourceSerializer's dicts from rows (the text's hash by the LEFT JOIN of for_api())."""

    columns = ("id", "public_id", "slug", "publisher", "title", "author", "published_on",
               "published_precision", "kind", "language", "url", "summary", "text_sha256", "created_at",
               "updated_at")

    def represent(self, rows):
        return [{
            "public_id": uuid_text(r["public_id"]), "slug": r["slug"], "publisher": r["publisher"],
            "title": r["title"], "author": r["author"], "published_on": date_text(r["published_on"]),
            "published_precision": r["published_precision"], "kind": r["kind"], "language": r["language"],
            "url": r["url"], "summary": r["summary"], "has_text": r["text_sha256"] is not None,
            "text_sha256": r["text_sha256"], **timestamps(r),
        } for r in rows]

    def csv_sql_cells(self):
        return {"has_text": """CASE WHEN q."text_sha256" IS NULL THEN 'false' ELSE 'true' END"""}


class SourceQuerySet(PublicQuerySet):
    def api_reader(self, extra=()):
        """The list, detail and CSV read path: rows in, the serializer's dicts out (core/api/rows.py)."""
        return SourceRows(self, extra)

    def for_api(self):
        # The text's hash through a LEFT JOIN, never the text: one query for a whole page.
        return self.annotate(text_sha256=F("archived_text__sha256"))

    def changed_since(self, since):
        return self.filter(updated_at__gte=since)


class CitationQuerySet(models.QuerySet):
    pass


class SourceTextQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(source__slug=slug)
