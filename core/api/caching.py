"""HTTP caching for the read API.

``ApiCacheControlMiddleware`` gives /api/ GET and HEAD answers a Cache-Control header: the configurable
``API_CACHE_CONTROL`` (public, shared caches allowed) for anonymous users, and
``API_CACHE_CONTROL_AUTHENTICATED`` (private, no-store) for signed-in users, who may see drafts that
must never sit in a shared cache. An answer that sets a cookie (a CSRF or session cookie) is never
public, whoever asked: a shared cache would hand that cookie to every later client.
``Vary`` names what changes the answer.

ETags and 304s come from Django's ``ConditionalGetMiddleware``, listed above this one in MIDDLEWARE:
the ETag is a hash of the rendered body, so it changes exactly when what the client would see changes
(including a citation edit or a deleted row, which a max(updated_at) would miss).
"""

from django.conf import settings
from django.utils.cache import patch_vary_headers

# For answers that carry Set-Cookie, whatever the configuration says.
PRIVATE = "private, no-store"


class ApiCacheControlMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD") or not request.path.startswith("/api/"):
            return response
        if response.cookies:
            # Even over a Cache-Control a view set: the cookie belongs to this client alone.
            response["Cache-Control"] = PRIVATE
            patch_vary_headers(response, ["Cookie"])
            return response
        if response.has_header("Cache-Control") or response.status_code not in (200, 304):
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = settings.API_CACHE_CONTROL_AUTHENTICATED
        else:
            response["Cache-Control"] = settings.API_CACHE_CONTROL
        patch_vary_headers(response, ["Accept", "Authorization", "Cookie"])
        return response
