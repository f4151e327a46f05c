"""The OpenAPI document as generated clients read it (drf-spectacular, OpenAPI 3.1).

What drf-spectacular leaves loose, tightened here so that openapi-python-client, openapi-typescript and
validating clients (openapi-core) agree with what the server really sends and accepts:

* ``AutoSchema``: every field a response always carries is ``required`` (the serializers here always
  send every declared field; null where a value is unknown), public reads need no authentication
  (``security: []``), each operation has a summary, and each documents its error answers (400, 404,
  414, 429, 503) with their JSON bodies.
* ``FilterExtension``: list filters are arrays sent comma-separated (``style: form, explode: false``);
  filters with a schema of their own keep their description.
* ``postprocess``: CSV is a ``text/csv`` string, not the JSON model; every array query parameter has the
  one list style the server reads; a choice set is one enum component shared by parameters and
  responses (``StanceEnum``, not a copy per operation); ``servers`` names this deployment.
"""

import copy

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from drf_spectacular import openapi
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework.permissions import SAFE_METHODS

from core.api.pagination import COMPLETE_UNTIL_HEADER
from core.filters import is_list_filter

GENERATED_DESCRIPTIONS = {
    ("query", "format"): "Response format: {enum}. The same as sending the matching Accept header.",
    ("path", "slug"): "The record's slug, as in its `slug` field.",
}
LIST_STYLE = {"style": "form", "explode": False}

# Names of the enums that only parameters use (choice sets responses share are named by drf-spectacular).
PARAMETER_ENUM_NAMES = {
    "status": "StatusFilterEnum",
    "actor_kind": "ReactingActorKindEnum",
    "format": "FormatEnum",
    "country": "CountryCodeEnum",
}
# Better names for enums drf-spectacular names after a field.
COMPONENT_RENAMES = {"TypeEnum": "RecordTypeEnum", "ReasonEnum": "RemovalReasonEnum"}

ERROR_SCHEMAS = {
    "Error": {
        "type": "object",
        "description": "An error that concerns the request as a whole.",
        "properties": {"detail": {"type": "string", "description": "What went wrong, in words."}},
        "required": ["detail"],
    },
    "InvalidParameters": {
        "type": "object",
        "description": "Which parameters were refused, and why: parameter name -> messages "
                       '({"country": ["Unknown country: ZZ. ..."]}).',
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
        "minProperties": 1,
    },
}
RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait before retrying.", "required": True,
                               "schema": {"type": "integer", "minimum": 0}}}


def _json(schema, **extra):
    return {"content": {"application/json": {"schema": schema}}, **extra}


ERROR_RESPONSES = {
    "400": ("BadRequest", _json(
        {"oneOf": [{"$ref": "#/components/schemas/Error"},
                   {"$ref": "#/components/schemas/InvalidParameters"}]},
        description="A parameter was refused (body names it), or the request as a whole (body has detail).")),
    "404": ("NotFound", _json({"$ref": "#/components/schemas/Error"},
                              description="No such record, or a page past the end of the list.")),
    "406": ("NotAcceptable", _json({"$ref": "#/components/schemas/Error"},
                                   description="The Accept header names no format this endpoint answers "
                                               "(application/json, text/csv).")),
    "414": ("QueryStringTooLong", _json({"$ref": "#/components/schemas/Error"},
                                        description="The query string is longer than the server accepts.")),
    "429": ("TooManyRequests", _json({"$ref": "#/components/schemas/Error"}, headers=RETRY_AFTER,
                                     description="Too many anonymous requests from this address; retry "
                                                 "later.")),
    "503": ("ServiceUnavailable", _json({"$ref": "#/components/schemas/Error"}, headers=RETRY_AFTER,
                                        description="The database is unavailable; retry later.")),
}


class _AnonymousRead:
    """Just enough of a request for a permission class to say whether anyone may read."""

    method = "GET"
    user = AnonymousUser()
    auth = None


class AutoSchema(openapi.AutoSchema):
    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        if direction == "response":
            # Every serializer of this API sends every field it declares (null when unknown;
            # tests/api/test_representation.py), so all of them are required in responses.
            schema["required"] = list(schema.get("properties", {}))
        return schema

    def is_public_read(self) -> bool:
        if self.method not in SAFE_METHODS:
            return False
        try:
            return all(p.has_permission(_AnonymousRead(), self.view) for p in self.view.get_permissions())
        except Exception:  # a permission that needs more of a request than this: not known to be public
            return False

    def get_auth(self):
        # Public reads list no security scheme at all (not even as an option), so generated clients
        # need no credentials and the document names no scheme that no operation uses.
        return [] if self.is_public_read() else super().get_auth()

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if operation is not None and self.is_public_read():
            operation["security"] = []  # explicitly none, rather than a document-wide default
        return operation

    def get_summary(self):
        model = getattr(getattr(self.view, "serializer_class", None), "Meta", None)
        model = getattr(model, "model", None)
        action = getattr(self.view, "action", None)
        if model is not None and action == "list":
            return f"List {model._meta.verbose_name_plural}"
        if model is not None and action == "retrieve":
            return f"One {model._meta.verbose_name}, by slug"
        return super().get_summary()

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response" or self.method != "GET":
            return responses
        paginator = self._get_paginator()
        if paginator and "200" in responses:
            responses["200"].setdefault("headers", {})[COMPLETE_UNTIL_HEADER] = {
                "description": "On every JSON page: the moment the data of this answer is complete up to "
                               "(every change committed before it is in it). A mirror takes its next "
                               "updated_after or since from the smallest it read, not from its own clock.",
                "schema": {"type": "string", "format": "date-time"}}
        codes = ["400", "406", "414", "429", "503"]
        detail = getattr(self.view, "lookup_url_kwarg", None) or getattr(self.view, "lookup_field", None)
        if paginator or (detail and "{" in self.path):
            codes.append("404")
        for code in sorted(codes):
            name, response = ERROR_RESPONSES[code]
            self.registry.register_on_missing(ResolvedComponent(
                name=name, type=ResolvedComponent.RESPONSE, schema=response, object=name))
            responses.setdefault(code, {"$ref": f"#/components/responses/{name}"})
        for name, schema in ERROR_SCHEMAS.items():
            self.registry.register_on_missing(ResolvedComponent(
                name=name, type=ResolvedComponent.SCHEMA, schema=schema, object=name))
        return responses


class FilterExtension(DjangoFilterExtension):
    """django-filter parameters: list filters as comma-separated arrays; descriptions always kept."""

    priority = 1  # over drf-spectacular's own

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(auto_schema, model, filterset_class, field_name,
                                                  filter_field)
        help_text = filter_field.extra.get("help_text")
        for parameter in parameters:
            if help_text and not parameter.get("description"):
                # drf-spectacular drops the help text of filters with a schema of their own (country).
                parameter["description"] = str(help_text)
            if is_list_filter(filter_field):
                if parameter["schema"].get("type") != "array":
                    parameter["schema"] = {"type": "array", "items": parameter["schema"]}
                parameter.update(LIST_STYLE)
        return parameters


# ---------------------------------------------------------------------------------------------------
# Post-processing


def _operations(result):
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            if isinstance(operation, dict) and "responses" in operation:
                yield path, method, operation


def describe_generated_parameters(result, generator, request, public):
    """Describe the parameters drf-spectacular leaves bare (DRF's ``format``, the ``slug`` in paths)."""
    for _path, _method, operation in _operations(result):
        for parameter in operation.get("parameters", []):
            template = GENERATED_DESCRIPTIONS.get((parameter.get("in"), parameter.get("name")))
            if template and not parameter.get("description"):
                schema = parameter.get("schema", {})
                enum = schema.get("enum") or schema.get("items", {}).get("enum") or []
                parameter["description"] = template.format(enum=", ".join(enum) or "see enum")
    return result


def csv_as_text(result, generator, request, public):
    """CSV answers are text with a header row, not the JSON model (core/api/renderers.py)."""
    for _path, _method, operation in _operations(result):
        for response in operation["responses"].values():
            content = response.get("content", {})
            if "text/csv" in content:
                content["text/csv"] = {"schema": {
                    "type": "string",
                    "description": "CSV (RFC 4180, UTF-8) with a header row: every matching record, not one "
                                   "page. Several values in one cell are joined with |.",
                }}
    return result


def list_parameters_comma_separated(result, generator, request, public):
    """Every query parameter that takes several values takes them comma-separated (core/api/views.py)."""
    for _path, _method, operation in _operations(result):
        for parameter in operation.get("parameters", []):
            if parameter.get("in") == "query" and parameter.get("schema", {}).get("type") == "array":
                parameter.update(LIST_STYLE)
    return result


def shared_enums(result, generator, request, public):
    """One component per choice set, used by parameters and responses alike.

    drf-spectacular shares response enums (``StanceEnum``) but writes each parameter's enum inline,
    so generated clients got a type per operation (``ReactionsListStance``) beside ``StanceEnum``.
    A parameter enum with the values of a component becomes a reference to it; one without becomes a
    component of its own (``StatusFilterEnum``, ``ReactionOrderingEnum``).
    """
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    for old, new in COMPONENT_RENAMES.items():
        if old in schemas and new not in schemas:
            schemas[new] = schemas.pop(old)
            _replace_refs(result, f"#/components/schemas/{old}", f"#/components/schemas/{new}")
    by_values = {frozenset(s["enum"]): name for name, s in schemas.items() if "enum" in s}
    for path, _method, operation in _operations(result):
        for parameter in operation.get("parameters", []):
            # A copy: the schema may be a filter's own annotation (extend_schema_field), shared by every
            # generation of the document.
            schema = parameter["schema"] = copy.deepcopy(parameter.get("schema", {}))
            holder = schema.get("items") if schema.get("type") == "array" else schema
            if not holder or "enum" not in holder:
                continue
            values = holder["enum"]
            name = by_values.get(frozenset(values))
            if name is None:
                name = (PARAMETER_ENUM_NAMES.get(parameter["name"])
                        or _resource_enum_name(path, parameter["name"]))
                schemas[name] = {"type": "string", "enum": list(values)}
                by_values[frozenset(values)] = name
            for key in ("type", "enum"):
                holder.pop(key, None)
            holder["$ref"] = f"#/components/schemas/{name}"
    result["components"]["schemas"] = dict(sorted(schemas.items()))
    return result


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def _resource_enum_name(path: str, parameter: str) -> str:
    resource = path.strip("/").split("/")[1]  # /api/reactions/ -> reactions
    return f"{_camel(resource.removesuffix('s'))}{_camel(parameter)}Enum"


def _replace_refs(node, old, new):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and value == old:
                node[key] = new
            else:
                _replace_refs(value, old, new)
    elif isinstance(node, list):
        for value in node:
            _replace_refs(value, old, new)


def servers(result, generator, request, public):
    """The one server: API_PUBLIC_URL if set, else the origin the schema was fetched from."""
    url = settings.API_PUBLIC_URL or (request.build_absolute_uri("/").rstrip("/") if request else "")
    if url:
        result["servers"] = [{"url": url, "description": "This deployment."}]
    return result
