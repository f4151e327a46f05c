from django.db import models
from django.db.models import Prefetch


class ActorQuerySet(models.QuerySet):
    def for_api(self):
        from actors.models import Role

        return self.prefetch_related(
            Prefetch("roles", queryset=Role.objects.select_related("organization").order_by("id"))
        )

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class RoleQuerySet(models.QuerySet):
    pass
