from django.db import models
from django.db.models import F

from core.querysets import PublicQuerySet


class SourceQuerySet(PublicQuerySet):
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
