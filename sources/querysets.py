from django.db import models

from core.querysets import PublicQuerySet


class SourceQuerySet(PublicQuerySet):
    def for_api(self):
        return self

    def changed_since(self, since):
        return self.filter(updated_at__gte=since)


class CitationQuerySet(models.QuerySet):
    pass
