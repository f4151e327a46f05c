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

    def changed_since(self, since):
        """Actors whose API representation may have changed: their row or a role's organization."""
        from django.db.models import Exists, OuterRef, Q

        from actors.models import Role

        org_changed = Exists(Role.objects.filter(person=OuterRef("pk"), organization__updated_at__gte=since))
        return self.filter(Q(updated_at__gte=since) | org_changed)


class RoleQuerySet(models.QuerySet):
    pass
