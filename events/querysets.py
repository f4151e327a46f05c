"""Query shape for each model, defined once: what the API needs in a constant number of queries."""

from django.db.models import Exists, OuterRef, Prefetch, Q

from core.api.representation import country_name, country_names, date_text, uuid_text
from core.api.rows import (
    RowReader,
    actor_brief,
    citations,
    event_brief,
    grouped,
    ids_of,
    source_slugs,
    source_slugs_sql,
    timestamps,
)
from core.querysets import ReviewedQuerySet
from events.cameo import cameo_label

# Related models are reached through the querying model's own relations (``_related_model``), not
# imported: models.py imports this module, so importing models here would be a cycle.


def _related_model(queryset, relation: str):
    return queryset.model._meta.get_field(relation).related_model


def _cited_source_changed(queryset, target: str, since):
    Citation = _related_model(queryset, "citations")
    return Exists(Citation.objects.filter(**{target: OuterRef("pk")}, source__updated_at__gte=since))


# The columns the API shows (the serializers, and the CSV columns each viewset declares).
# Loading only these matters at scale: model instances are built column by column, and a reaction
# page also carried every search_text, description and timestamp of its actors and events.
ACTOR_BRIEF = ("slug", "name", "kind", "country")
EVENT_BRIEF = ("slug", "title", "date", "date_precision")
SOURCE_BRIEF = ("slug", "title", "publisher", "kind")
RECORD = ("public_id", "slug", "status", "date", "date_precision", "created_at", "updated_at")
PLOVER = ("plover_type", "plover_mode", "plover_contexts", "plover_hand_coded")


def _related(name, fields):
    return [f"{name}__{f}" for f in fields]


def _citations(queryset):
    Citation = _related_model(queryset, "citations")
    cited = Citation.objects.select_related("source").only(
        "excerpt", "excerpt_start", "excerpt_end", "reaction_id", "statement_id", "event_id",
        *_related("source", SOURCE_BRIEF))
    return Prefetch("citations", queryset=cited.order_by("id"))


def _plover(row):
    return {"plover_type": row["plover_type"], "plover_mode": row["plover_mode"],
            "plover_contexts": list(row["plover_contexts"]), "plover_hand_coded": row["plover_hand_coded"]}


class EventRows(RowReader):
    """EventSerializer's dicts from rows: the parent by a LEFT JOIN, participants and citations in one
    query each per page."""

    columns = ("id", *RECORD, "title", "place", "country", "description", "cameo_code", *PLOVER, "certainty",
               "parent_id", *_related("parent", EVENT_BRIEF))

    def represent(self, rows):
        names = country_names()
        ids = ids_of(rows)
        participants = _participants(self.model, ids)
        cited = citations(self.model, ids)
        return [{
            "public_id": uuid_text(r["public_id"]), "slug": r["slug"], "title": r["title"],
            "date": date_text(r["date"]), "date_precision": r["date_precision"], "place": r["place"],
            "country": r["country"] or "", "country_name": country_name(r["country"], names),
            "description": r["description"], "cameo_code": r["cameo_code"],
            "cameo_label": cameo_label(r["cameo_code"]), **_plover(r),
            "certainty": r["certainty"], "status": r["status"],
            "parent": None if r["parent_id"] is None else event_brief(r, "parent__"),
            "participants": [{"actor": actor_brief(p, "", names), "role": p["role"]}
                             for p in participants[r["id"]]],
            "citations": cited[r["id"]], **timestamps(r),
        } for r in rows]

    def csv_extras(self, rows):
        ids = ids_of(rows)
        return _participants(self.model, ids), source_slugs(self.model, ids)

    def csv_extra(self, row, extras):
        participants, slugs = extras
        return {"participants": [f"{p['role']}:{p['slug']}" for p in participants[row["id"]]],
                "source_slugs": slugs[row["id"]]}

    def csv_sql_cells(self):
        participant = _related_model(self.model.objects, "participants")
        actor = participant._meta.get_field("actor").related_model
        return {"source_slugs": source_slugs_sql(self.model),
                "participants": f"(SELECT string_agg(p.role || ':' || a.slug, '|' ORDER BY p.id) FROM "
                                f"{participant._meta.db_table} p JOIN {actor._meta.db_table} a ON a.id = "
                                f"p.actor_id WHERE p.event_id = q.id)"}


_PARTICIPANT_COLUMNS = ("role", *_related("actor", ACTOR_BRIEF))
_PARTICIPANT_KEYS = ("role", *ACTOR_BRIEF)


def _participants(model, ids):
    return {owner: [dict(zip(_PARTICIPANT_KEYS, values, strict=True)) for values in rows]
            for owner, rows in grouped(model, "participants", ids, _PARTICIPANT_COLUMNS).items()}


class StatementRows(RowReader):
    columns = ("id", *RECORD, "quote", "context", "quote_start", "quote_end", "quote_source__slug",
               *_related("speaker", ACTOR_BRIEF), "on_behalf_of_id", *_related("on_behalf_of", ACTOR_BRIEF),
               *_related("event", EVENT_BRIEF))

    def represent(self, rows):
        names = country_names()
        cited = citations(self.model, ids_of(rows))
        return [{
            "public_id": uuid_text(r["public_id"]), "slug": r["slug"],
            "speaker": actor_brief(r, "speaker__", names),
            "on_behalf_of": None if r["on_behalf_of_id"] is None else actor_brief(r, "on_behalf_of__", names),
            "quote": r["quote"], "quote_source": r["quote_source__slug"],
            "quote_start": r["quote_start"], "quote_end": r["quote_end"], "context": r["context"],
            "event": event_brief(r, "event__"), "date": date_text(r["date"]),
            "date_precision": r["date_precision"], "status": r["status"], "citations": cited[r["id"]],
            **timestamps(r),
        } for r in rows]

    def csv_extras(self, rows):
        return source_slugs(self.model, ids_of(rows))

    def csv_extra(self, row, extras):
        return {"source_slugs": extras[row["id"]]}

    def csv_sql_cells(self):
        # As the country column: whom the speaker speaks for, else the speaker's own country.
        return {"source_slugs": source_slugs_sql(self.model),
                "country": 'COALESCE(NULLIF(q."on_behalf_of__country", \'\'), q."speaker__country")'}


class ReactionRows(RowReader):
    columns = ("id", *RECORD, "kind", "stance", "description", "cameo_code", *PLOVER, "certainty",
               *_related("actor", ACTOR_BRIEF), *_related("event", EVENT_BRIEF))

    def represent(self, rows):
        names = country_names()
        cited = citations(self.model, ids_of(rows))
        return [{
            "public_id": uuid_text(r["public_id"]), "slug": r["slug"],
            "actor": actor_brief(r, "actor__", names),
            "event": event_brief(r, "event__"), "kind": r["kind"], "stance": r["stance"],
            "date": date_text(r["date"]), "date_precision": r["date_precision"],
            "description": r["description"],
            "cameo_code": r["cameo_code"], "cameo_label": cameo_label(r["cameo_code"]), **_plover(r),
            "certainty": r["certainty"], "status": r["status"], "citations": cited[r["id"]], **timestamps(r),
        } for r in rows]

    def csv_extras(self, rows):
        return source_slugs(self.model, ids_of(rows))

    def csv_extra(self, row, extras):
        return {"source_slugs": extras[row["id"]]}

    def csv_sql_cells(self):
        return {"source_slugs": source_slugs_sql(self.model)}


class EventQuerySet(ReviewedQuerySet):
    def api_reader(self, extra=()):
        """The list, detail and CSV read path: rows in, the serializer's dicts out (core/api/rows.py)."""
        return EventRows(self, extra)

    def for_api(self):
        EventActor = _related_model(self, "participants")
        return self.select_related("parent").prefetch_related(
            Prefetch("participants", queryset=EventActor.objects.select_related("actor").order_by("id")),
            _citations(self),
        )

    def changed_since(self, since):
        """Events whose API representation may have changed at or after ``since``."""
        EventActor = _related_model(self, "participants")
        participant_changed = Exists(EventActor.objects.filter(event=OuterRef("pk"),
                                                                actor__updated_at__gte=since))
        return self.filter(Q(updated_at__gte=since) | Q(parent__updated_at__gte=since)
                           | participant_changed | _cited_source_changed(self, "event", since))


class StatementQuerySet(ReviewedQuerySet):
    def api_reader(self, extra=()):
        return StatementRows(self, extra)

    def for_api(self):
        return self.select_related("speaker", "on_behalf_of", "event", "quote_source").only(
            *RECORD, "quote", "context", "quote_start", "quote_end", "quote_source__slug",
            *_related("speaker", ACTOR_BRIEF),
            *_related("on_behalf_of", ACTOR_BRIEF), *_related("event", EVENT_BRIEF),
        ).prefetch_related(_citations(self))

    def changed_since(self, since):
        """Statements whose API representation may have changed at or after ``since``: their own row,
        or an inlined speaker, represented actor, event or cited source."""
        return self.filter(Q(updated_at__gte=since) | Q(speaker__updated_at__gte=since)
                           | Q(on_behalf_of__updated_at__gte=since) | Q(event__updated_at__gte=since)
                           | _cited_source_changed(self, "statement", since))


class ReactionQuerySet(ReviewedQuerySet):
    def api_reader(self, extra=()):
        return ReactionRows(self, extra)

    def for_api(self):
        return self.select_related("actor", "event").only(
            *RECORD, "kind", "stance", "description", "cameo_code", *PLOVER, "certainty",
            *_related("actor", ACTOR_BRIEF), *_related("event", EVENT_BRIEF),
        ).prefetch_related(_citations(self))

    def changed_since(self, since):
        """Reactions whose API representation may have changed at or after ``since``."""
        return self.filter(Q(updated_at__gte=since) | Q(actor__updated_at__gte=since)
                           | Q(event__updated_at__gte=since)
                           | _cited_source_changed(self, "reaction", since))
