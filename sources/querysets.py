from django.db import models


class SourceQuerySet(models.QuerySet):
    def for_api(self):
        return self

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def changed_since(self, since):
        return self.filter(updated_at__gte=since)


class CitationQuerySet(models.QuerySet):
    pass
