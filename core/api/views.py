"""What every read-only API view shares: one style for query parameters, and the record viewset base.

Parameters that take several values (list filters such as ``actor`` or ``country``, ``ordering``, the
deletions feed's ``type``) take them comma-separated, ``?actor=mexico,ecuador``, documented as
``style: form, explode: false``. Generated clients often send a list as the parameter repeated,
``?actor=mexico&actor=ecuador``; that means the same. Every other parameter takes one value, and a
repetition is a 400 naming it: silently keeping one of the values would answer a question the client
did not ask. Parameters no endpoint knows are ignored, repeated or not.
"""

from django.http import QueryDict
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import viewsets
from rest_framework.exceptions import MethodNotAllowed, ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.settings import api_settings

from core.api.ordering import StrictOrderingFilter
from core.api.renderers import CSVMixin
from core.filters import is_list_filter


class MethodFirstMixin:
    """A method the endpoint does not answer is a 405 (with Allow), before authentication.

    DRF checks permissions first, so an anonymous POST to a read-only endpoint got a 403, which says
    signing in would help; no one may write here.
    """

    def initial(self, request, *args, **kwargs):
        if request.method not in self.allowed_methods:
            raise MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)


class QueryParametersMixin:
    """Joins the values of a repeated list parameter with commas; refuses other repeated parameters."""

    # Parameters a view reads itself (not through its FilterSet, ordering or pagination): name -> True
    # when it takes several values.
    extra_query_parameters: dict[str, bool] = {}

    def query_parameters(self) -> dict[str, bool]:
        """Every parameter this view reads: name -> whether it takes several values."""
        names = {api_settings.URL_FORMAT_OVERRIDE: False, **self.extra_query_parameters}
        for backend in getattr(self, "filter_backends", []):
            if issubclass(backend, OrderingFilter):
                names[backend.ordering_param] = True
        filterset_class = getattr(self, "filterset_class", None)
        filtering = any(issubclass(b, DjangoFilterBackend) for b in getattr(self, "filter_backends", []))
        if filterset_class is not None and filtering:
            names.update({name: is_list_filter(f) for name, f in filterset_class.base_filters.items()})
        paginator = getattr(self, "paginator", None)
        for attribute in ("page_query_param", "page_size_query_param", "cursor_query_param"):
            name = getattr(paginator, attribute, None)
            if name:
                names[name] = False
        return names

    def perform_content_negotiation(self, request, force=False):
        # DRF answers an unknown ?format= with a 404, as if the URL did not exist; it is a bad parameter.
        name = api_settings.URL_FORMAT_OVERRIDE
        wanted = request.query_params.get(name)
        formats = [renderer.format for renderer in self.get_renderers()]
        if not force and wanted and wanted not in formats:
            raise ValidationError({name: [f"Unknown format {wanted!r}; use one of: {', '.join(formats)}."]})
        return super().perform_content_negotiation(request, force)

    def initial(self, request, *args, **kwargs):
        # Before anything reads the parameters (content negotiation reads format).
        query, repeated = normalise_query(request._request.GET, self.query_parameters())
        request._request.GET = query
        super().initial(request, *args, **kwargs)
        # After authentication and throttling, like every other refusal of bad input.
        if repeated:
            raise ValidationError({name: [f"Give this parameter once (it was given {count} times); only "
                                          "list parameters take several values, comma-separated."]
                                   for name, count in repeated.items()})


def normalise_query(query: QueryDict, parameters: dict[str, bool]) -> tuple[QueryDict, dict[str, int]]:
    """``query`` with each list parameter's values joined by commas, and the single-valued parameters
    that were given more than once (name -> count)."""
    normalised = QueryDict(mutable=True)
    repeated = {}
    for name, values in query.lists():
        if len(values) > 1 and name in parameters:
            if parameters[name]:
                values = [",".join(values)]
            else:
                repeated[name] = len(values)
        normalised.setlist(name, values)
    normalised._mutable = False
    return normalised, repeated


class JSONErrorsMixin:
    """Errors in JSON, whatever the view renders when all goes well (the schema's YAML, the docs' HTML)."""

    def handle_exception(self, exc):
        renderer = api_settings.DEFAULT_RENDERER_CLASSES[0]
        self.request.accepted_renderer = renderer()
        self.request.accepted_media_type = renderer.media_type
        return super().handle_exception(exc)


class RecordViewSet(MethodFirstMixin, QueryParametersMixin, CSVMixin, viewsets.ReadOnlyModelViewSet):
    """Base of the record endpoints: list and detail by slug, JSON or CSV, filters and public ordering.

    A viewset sets ``serializer_class``, ``filterset_class``, ``ordering_fields`` (public name -> model
    path), ``csv_columns`` and ``get_queryset``.
    """

    filter_backends = [DjangoFilterBackend, StrictOrderingFilter]
    lookup_field = "slug"
