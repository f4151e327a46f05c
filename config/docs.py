"""ReDoc's script, served so that the ReDoc page makes no request to another site.

ReDoc's bundle (from drf-spectacular-sidecar, served locally like every docs asset) shows an
"API docs by Redocly" logo that it loads from Redocly's CDN, with no option to turn it off. This view
serves the same bundle with that one address replaced by an empty image: the link stays, the logo is
not fetched (the page's Content-Security-Policy would refuse it anyway, config/csp.py).
"""

import functools

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

BUNDLE = "drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js"
OUTSIDE_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"
EMPTY_IMAGE = "data:,"


@functools.cache
def redoc_bundle_text() -> bytes:
    path = finders.find(BUNDLE)
    with open(path, "rb") as stream:
        return stream.read().replace(OUTSIDE_LOGO.encode(), EMPTY_IMAGE.encode())


@require_safe
@cache_control(public=True, max_age=86400)
def redoc_bundle(request):
    return HttpResponse(redoc_bundle_text(), content_type="application/javascript; charset=utf-8")
