"""Aggregate counts for list endpoints: ``/api/<records>/stats/?group_by=...``.

The stats action runs the list endpoint's own FilterSet on the list endpoint's own queryset, so every
list filter narrows the counts the same way, then groups in the database with
``values(key).annotate(Count)``. Date buckets use TruncDay/TruncWeek/TruncMonth, which work on SQLite and
PostgreSQL alike.

Each viewset declares what it groups by (``stats_dimensions``, built from ``Dimension``) and where the
data version comes from (``stats_data_version``, a function: the events app's ``DataVersion``, bumped by
database triggers on every write that can change a count). Answers are cached per data version, so a
repeated request costs one tiny query and no answer is ever stale.
"""

import hashlib
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Value
from django.db.models.functions import NullIf, TruncDay, TruncMonth, TruncWeek
from django_countries import countries
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.response import Response

INTERVALS = {"day": TruncDay, "week": TruncWeek, "month": TruncMonth}
UNKNOWN_LABEL = "Unknown"


@dataclass(frozen=True)
class Dimension:
    """One way to group records: the expression of its key, and how a key reads for people."""

    description: str
    expression: object = None  # a field path or query expression; None for the date dimension
    labels: dict = field(default_factory=dict)  # key -> label; or label_field below
    label_field: str | None = None
    country: bool = False
    none_label: str = "Unknown"  # the label of records with no value


def country_key(path):
    """A country column as a grouping key: null, not '', for records without a country."""
    return NullIf(F(path), Value(""))


class StatsBucketSerializer(serializers.Serializer):
    key = serializers.CharField(allow_null=True, help_text="The group's value; null when unknown.")
    label = serializers.CharField(help_text="The group's value in words.")
    count = serializers.IntegerField(min_value=0)


class StatsSerializer(serializers.Serializer):
    """The answer of a stats endpoint; each endpoint has its own, whose group_by lists its dimensions."""

    group_by = serializers.CharField()
    interval = serializers.ChoiceField(choices=list(INTERVALS), allow_null=True,
                                       help_text="The date bucket for group_by=date; null otherwise.")
    total = serializers.IntegerField(min_value=0, help_text="All matching records (the sum of the counts).")
    results = StatsBucketSerializer(many=True)


def stats_serializer(model, dimensions) -> type[StatsSerializer]:
    """A StatsSerializer whose group_by is an enum of ``dimensions`` (ReactionStats: stance, country...)."""
    name = f"{model.__name__}StatsSerializer"
    group_by = serializers.ChoiceField(choices=list(dimensions), help_text="What the counts are grouped by.")
    doc = f"Counts of {model._meta.verbose_name_plural}, grouped."
    return type(name, (StatsSerializer,), {"group_by": group_by, "__module__": __name__, "__doc__": doc})


def _choose(request, name, allowed, default=None):
    value = request.query_params.get(name, default)
    if value in (None, ""):
        raise ValidationError({name: [f"This parameter is required; one of: {', '.join(allowed)}."]})
    if value not in allowed:
        raise ValidationError({name: [f"{value!r} is not one of: {', '.join(allowed)}."]})
    return value


def compute_stats(queryset, dimensions: dict[str, Dimension], request) -> dict:
    group_by = _choose(request, "group_by", list(dimensions))
    interval = None
    if group_by == "date":
        interval = _choose(request, "interval", list(INTERVALS), default="day")
    elif request.query_params.get("interval"):
        raise ValidationError({"interval": ["Only used with group_by=date."]})
    dim = dimensions[group_by]

    base = queryset.select_related(None).prefetch_related(None).order_by()
    key = INTERVALS[interval]("date") if interval else dim.expression
    if isinstance(key, str):
        key = F(key)
    values = ["key", "label_value"] if dim.label_field else ["key"]
    annotated = base.annotate(key=key)
    if dim.label_field:
        annotated = annotated.annotate(label_value=F(dim.label_field))
    # A plain COUNT(*), not COUNT(DISTINCT id) (which makes PostgreSQL sort a million ids): no row is
    # ever counted twice, because every grouping key a viewset declares is a column of the record or of
    # a record it points to through a forward foreign key (at most one row each), and every list filter
    # (each app's filtersets.py) is a column of the record, a forward foreign key, ``fk_id IN (ids)`` or
    # an Exists() subquery, never a join through a reverse or many-to-many relation. A filter that joins
    # one (participants__..., citations__...) would multiply rows and must be written as Exists().
    # tests/api/test_stats_cache.py checks this with records that match a filter through several rows.
    rows = annotated.values(*values).annotate(count=Count("*")).order_by("-count", "key")

    results = []
    for row in rows:
        raw = row["key"]
        results.append({"key": None if raw is None else _key_text(raw),
                        "label": _label(dim, raw, row.get("label_value")), "count": row["count"]})
    if interval:
        results.sort(key=lambda r: (r["key"] is None, r["key"] or ""))
    # Every record falls in exactly one bucket (records with no value in the null bucket), so the total
    # is the sum of the buckets: no second COUNT over the whole table.
    total = sum(r["count"] for r in results)
    return {"group_by": group_by, "interval": interval, "total": total, "results": results}


def _key_text(raw):
    if hasattr(raw, "date") and callable(raw.date):
        raw = raw.date()  # TruncX over a DateField may come back as a datetime on some backends
    return raw.isoformat() if hasattr(raw, "isoformat") else str(raw)


def _label(dim: Dimension, raw, label_value):
    if raw is None:
        return dim.none_label
    if label_value is not None:
        return str(label_value)
    if dim.country:
        return countries.name(raw) or str(raw)
    if dim.labels:
        return str(dim.labels.get(raw, raw))
    return _key_text(raw)


def _stats_schema(label: str, dimensions: dict[str, Dimension], serializer, operation_id: str):
    return extend_schema(
        operation_id=operation_id,
        summary=f"Count {label}, grouped",
        description=(
            f"Counts of the {label} the list endpoint would return, grouped by `group_by`. Every filter of "
            "the list endpoint applies. Results are sorted by count (largest first), or by date for "
            "group_by=date. A record with no value for the group counts under key null, label "
            f"'{UNKNOWN_LABEL}' ('No country' when grouping by country).\n\n"
            + "\n".join(f"- `{name}`: {dim.description}" for name, dim in dimensions.items())
        ),
        parameters=[
            OpenApiParameter("group_by", OpenApiTypes.STR, required=True, enum=list(dimensions),
                             description="What to group by."),
            OpenApiParameter("interval", OpenApiTypes.STR, enum=list(INTERVALS),
                             description="Date bucket for group_by=date (default day); only with "
                                         "group_by=date. Weeks start on Monday; a bucket's key is its first "
                                         "day."),
        ],
        responses={200: serializer},
        filters=True,
    )


def stats_cache_key(model, version: int, request) -> str:
    """The cache key of a stats answer: record type, data version, who asks, and what they ask.

    Staff may see drafts, so their answers are kept apart from everyone else's (anonymous and signed-in
    non-staff users see the same records: ReviewedQuerySet.visible_to, ReviewedFilterSet.is_valid).
    The key covers every query parameter, sorted, except ``format``: the cached value is the computed
    answer, which JSON and CSV render alike. A missing row (version None) is never cached (see caller).
    """
    user = getattr(request, "user", None)
    sees_drafts = bool(user is not None and user.is_authenticated and user.is_staff)
    params = sorted((name, values) for name, values in request.query_params.lists() if name != "format")
    digest = hashlib.sha256(json.dumps(params).encode()).hexdigest()
    return f"stats:{model._meta.label_lower}:{version}:{'staff' if sees_drafts else 'public'}:{digest}"


class StatsMixin:
    """Adds ``GET <list>/stats/`` to a list viewset.

    The viewset declares ``stats_dimensions`` (group_by name -> Dimension) and ``stats_data_version``
    (a function returning the current data version, or None when unknown: then nothing is cached).
    """

    stats_dimensions: dict[str, Dimension] = {}
    stats_data_version = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        model = cls.serializer_class.Meta.model
        dimensions = cls.stats_dimensions
        if not dimensions or cls.stats_data_version is None:
            raise TypeError(f"{cls.__name__} must declare stats_dimensions and stats_data_version.")
        data_version = cls.stats_data_version

        def stats(self, request, *args, **kwargs):
            # The version first, then the data. A write committed in between makes this answer newer
            # than its version, which is harmless: anyone who reads that version and gets this answer
            # from the cache asked before the write committed, and the write bumped the version, so
            # later requests miss. The other order could file an old answer under the new version.
            version = data_version()
            key = None if version is None else stats_cache_key(model, version, request)
            if key is not None:
                cached = cache.get(key)
                if cached is not None:
                    return Response(cached)
            queryset = self.filter_queryset(self.get_queryset())
            body = compute_stats(queryset, self.stats_dimensions, request)  # bad input raises: never cached
            if key is not None:
                cache.set(key, body, settings.STATS_CACHE_TIMEOUT)
            return Response(body)

        stats.__doc__ = f"Counts of {model._meta.verbose_name_plural}, grouped."
        plural = str(model._meta.verbose_name_plural)
        schema = _stats_schema(plural, dimensions, stats_serializer(model, dimensions),
                               f"{plural.replace(' ', '_')}_stats")
        # Every list filter applies; ordering does not (counts come largest first, or by date), so the
        # stats action neither reads nor advertises it.
        backends = [b for b in cls.filter_backends if not issubclass(b, OrderingFilter)]
        # extend_schema goes on top of @action, which would otherwise replace its annotation.
        cls.stats = schema(action(detail=False, methods=["get"], url_path="stats", pagination_class=None,
                                  filter_backends=backends,
                                  extra_query_parameters={"group_by": False, "interval": False})(stats))
