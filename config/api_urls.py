"""The /api/ tree: each app's router, the API root, and the schema and docs pages."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.routers import APIRootView

from config.csp import redoc_policy
from config.docs import redoc_bundle
from core.api.views import JSONErrorsMixin


# The schema answers YAML or JSON and the docs pages HTML; their errors (a 429) are JSON like the API's.
class SchemaView(JSONErrorsMixin, SpectacularAPIView):
    pass


class SwaggerView(JSONErrorsMixin, SpectacularSwaggerSplitView):
    pass


class RedocView(JSONErrorsMixin, SpectacularRedocView):
    pass


# The API root lists every endpoint, like DefaultRouter's, though each app keeps its own router.
api_root = APIRootView.as_view(api_root_dict={
    "reactions": "reaction-list",
    "statements": "statement-list",
    "events": "event-list",
    "actors": "actor-list",
    "sources": "source-list",
    "deletions": "deletion-list",
})

urlpatterns = [
    path("", api_root, name="api-root"),
    path("", include("actors.api.urls")),
    path("", include("events.api.urls")),
    path("", include("sources.api.urls")),
    path("", include("core.api.urls")),
    path("", include("intake.api.urls")),  # POST only, staff: pipelines push articles for review
    path("schema/", SchemaView.as_view(), name="schema"),
    # Swagger UI's start-up script comes from the same URL (?script), not inline: no inline script.
    path("docs/", SwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("redoc/", redoc_policy(RedocView.as_view(url_name="schema")), name="redoc"),
    path("redoc/redoc.standalone.js", redoc_bundle, name="redoc-bundle"),
]
