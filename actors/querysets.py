from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q

from core.api.representation import country_name, country_names, date_text, uuid_text
from core.api.rows import RowReader, actor_brief, grouped, ids_of, timestamps
from core.querysets import ReviewedQuerySet

_ROLE_COLUMNS = ("title", "organization__slug", "organization__name", "organization__kind",
                 "organization__country", "is_current", "start_date", "start_precision", "end_date",
                 "end_precision")


class ActorRows(RowReader):
    """ActorSerializer's dicts from rows; the page's roles and their organizations in one query."""

    columns = ("id", "public_id", "slug", "name", "kind", "country", "aliases", "description", "status",
               "created_at", "updated_at")

    def represent(self, rows):
        names = country_names()
        roles = grouped(self.model, "roles", ids_of(rows), _ROLE_COLUMNS)
        return [{
            "public_id": uuid_text(r["public_id"]), "slug": r["slug"], "name": r["name"], "kind": r["kind"],
            "country": r["country"] or "", "country_name": country_name(r["country"], names),
            "aliases": list(r["aliases"]), "description": r["description"], "status": r["status"],
            "roles": [_role(role, names) for role in roles[r["id"]]], **timestamps(r),
        } for r in rows]


def _role(values, names):
    title, slug, name, kind, country, is_current, start, start_precision, end, end_precision = values
    return {"title": title,
            "organization": actor_brief({"slug": slug, "name": name, "kind": kind, "country": country}, "",
                                        names),
            "is_current": is_current, "start_date": date_text(start), "start_precision": start_precision,
            "end_date": date_text(end), "end_precision": end_precision}


class ActorQuerySet(ReviewedQuerySet):
    def api_reader(self, extra=()):
        """The list, detail and CSV read path: rows in, the serializer's dicts out (core/api/rows.py)."""
        return ActorRows(self, extra)

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
