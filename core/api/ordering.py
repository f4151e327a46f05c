"""Ordering shared by every list endpoint: public names, a 400 for anything else, always stable.

A viewset declares ``ordering_fields`` as public name -> model path (``{"actor": "actor__name"}``);
clients sort by the public names, comma-separated (``?ordering=-date,actor``). The model paths are
still accepted, as deprecated aliases, because the error message used to list them.

Unknown values sort last whatever the direction (an undated reaction comes after every dated one with
``date`` and with ``-date``), on SQLite and PostgreSQL alike: every nullable sort key is ordered
``NULLS LAST``. Without ``ordering`` the model's ``Meta.ordering`` applies under the same rule; with
``updated_after`` the results keep its (updated_at, id) order. ``id`` always ends the key, so pages
never overlap. Pagination (core/api/pagination.py) splits a nullable leading key into two index-friendly
phases (dated rows, then undated ones) instead of asking the database for ``DESC NULLS LAST``, which no
index provides.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db.models import F, OrderBy
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

ORDERING_PARAM = "ordering"


def field_at(model, path: str):
    """The model field at the end of ``path`` (``actor__name``); ValueError if there is none."""
    field, current = None, model
    try:
        for part in path.split("__"):
            field = current._meta.get_field(part)
            current = field.related_model or current
    except (FieldDoesNotExist, AttributeError):
        raise ValueError(path) from None
    return field


def order_expression(model, term: str) -> OrderBy:
    """``term`` (``-date``) as an ordering expression; a nullable field's nulls sort last either way."""
    descending = term.startswith("-")
    path = term.lstrip("-")
    path = "id" if path == "pk" else path
    nulls_last = True if field_at(model, path).null else None
    return OrderBy(F(path), descending=descending, nulls_last=nulls_last)


def ordering_terms(queryset) -> list[str]:
    """The queryset's ordering as ``-path`` terms, whether given as strings or as F() expressions."""
    terms = []
    for item in list(queryset.query.order_by) or list(queryset.model._meta.ordering):
        if isinstance(item, str):
            terms.append(item)
        elif isinstance(item, OrderBy) and isinstance(item.expression, F):
            terms.append(("-" if item.descending else "") + item.expression.name)
        elif isinstance(item, F):
            terms.append(item.name)
        else:
            raise ValueError("expression")
    return terms


def with_id(terms: list[str]) -> list[str]:
    """``terms`` ending with ``id`` (ascending unless given), so the order is total."""
    if not any(term.lstrip("-") in ("id", "pk") for term in terms):
        return [*terms, "id"]
    return terms


def nulls_last(queryset, terms: list[str]):
    return queryset.order_by(*(order_expression(queryset.model, term) for term in terms))


class StrictOrderingFilter(OrderingFilter):
    """Sorts by the viewset's public ``ordering_fields``; anything else is a 400 naming the parameter."""

    ordering_param = ORDERING_PARAM
    ordering_description = ("Sort by these fields, comma-separated; prefix with - for descending. Unknown "
                            "dates (and other unknown values) sort last in either direction; ties are "
                            "broken by record id. Not combined with updated_after, whose results come in "
                            "(updated_at, id) order.")

    @staticmethod
    def public_fields(view) -> dict[str, str]:
        return dict(getattr(view, "ordering_fields", None) or {})

    def get_ordering(self, request, queryset, view):
        """The model-path terms to sort by, ending with id; None to keep the queryset's order."""
        params = request.query_params.get(self.ordering_param) or None  # empty: not given, as any parameter
        if params is not None and not params.strip(", "):
            params = None
        if request.query_params.get("updated_after"):
            if params is not None:
                raise ValidationError({self.ordering_param: [
                    "Cannot be combined with updated_after, whose results always come in "
                    "(updated_at, id) order."]})
            return None
        if params is None:
            return with_id(ordering_terms(queryset))
        public = self.public_fields(view)
        paths = {**{path: path for path in public.values()}, **public}  # model paths: deprecated aliases
        fields = [param.strip() for param in params.split(",") if param.strip()]
        invalid = [term for term in fields if term.lstrip("-") not in paths]
        if invalid:
            allowed = ", ".join(public)
            raise ValidationError({self.ordering_param: [
                f"Unknown ordering {', '.join(invalid) or repr(params)}; use one of: {allowed} "
                "(prefix - for descending)."]})
        terms = [("-" if term.startswith("-") else "") + paths[term.lstrip("-")] for term in fields]
        return with_id(terms)

    def filter_queryset(self, request, queryset, view):
        terms = self.get_ordering(request, queryset, view)
        return queryset if terms is None else nulls_last(queryset, terms)

    def get_schema_operation_parameters(self, view):
        public = self.public_fields(view)
        values = [value for name in public for value in (name, f"-{name}")]
        by_path = {path: name for name, path in public.items()}
        model = view.get_serializer_class().Meta.model
        default = [("-" if term.startswith("-") else "") + by_path.get(term.lstrip("-"), term.lstrip("-"))
                   for term in model._meta.ordering if term.lstrip("-") not in ("id", "pk")]
        return [{
            "name": self.ordering_param, "required": False, "in": "query",
            "description": f"{self.ordering_description} Default: {','.join(default)}.",
            "schema": {"type": "array", "items": {"type": "string", "enum": values}},
            "style": "form", "explode": False,
        }]
