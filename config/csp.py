"""Content-Security-Policy for every page (django-csp; the policy itself is in settings.py).

Strict everywhere by default: scripts, styles, images, fonts and connections from this site only, no
inline script, no plugins, no framing. The dashboard and the Swagger page keep to it. Two kinds of page
need inline styles, never inline scripts:

- the admin (``/admin/``): Django's admin and its select2 autocomplete write style attributes;
- ReDoc (``/api/redoc/``): its renderer injects its styles as <style> elements, and searches in a web
  worker it starts from a blob: URL.

No page loads anything from elsewhere: the docs' assets come from drf-spectacular-sidecar, the docs
templates are ours (config/templates/drf_spectacular/: no Google Fonts, no inline script or style), and
ReDoc's bundle is served without the CDN address of its logo (config/docs.py).
"""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from csp.middleware import CSPMiddleware, PolicyParts

ADMIN_PREFIX = "/admin/"
INLINE_STYLES = {"style-src": [UNSAFE_INLINE]}
REDOC = {**INLINE_STYLES, "worker-src": ["blob:"]}


def redoc_policy(view):
    return csp_update(REDOC)(view)


class PathAwareCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with inline styles allowed on the admin's pages."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIX) and parts.update is None:
            parts.update = INLINE_STYLES
        return parts
