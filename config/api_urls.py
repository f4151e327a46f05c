"""The /api/ tree: each app's router, the API root, and the schema and docs pages."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import APIRootView

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
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
]
