from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q

from core.querysets import ReviewedQuerySet


class ActorQuerySet(ReviewedQuerySet):
    def for_api(self):
        # Role through the relation, not an import: models.py imports this module.
        Role = self.model._meta.get_field("roles").related_model
        return self.prefetch_related(
            Prefetch("roles", queryset=Role.objects.select_related("organization").order_by("id"))
        )

    def changed_since(self, since):
        """Actors whose API representation may have changed: their row or a role's organization."""
        Role = self.model._meta.get_field("roles").related_model
        org_changed = Exists(Role.objects.filter(person=OuterRef("pk"), organization__updated_at__gte=since))
        return self.filter(Q(updated_at__gte=since) | org_changed)


class RoleQuerySet(models.QuerySet):
    pass
