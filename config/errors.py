"""Error pages: JSON under /api/ (and for the health endpoints), Django's normal pages elsewhere.

Wired in config/urls.py as handler400/403/404/500. DRF views already answer their own errors
(400, 401, 403, 404, 405, 429) in JSON; these handlers cover what happens outside a DRF view:
an unknown /api/ URL, an uncaught exception, a database that does not answer.
"""

import math
import sys
import threading
import time

from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.http import JsonResponse
from django.views import defaults

API_PREFIX = "/api/"
JSON_PATHS = ("/healthz", "/readyz")
# Seconds a client should wait before retrying when the database is unavailable.
RETRY_AFTER_SECONDS = 5
DATABASE_UNAVAILABLE_ERRORS = (OperationalError, InterfaceError)


def wants_json(request) -> bool:
    path = request.path
    return path.startswith(API_PREFIX) or path.rstrip("/") in JSON_PATHS


def json_error(status: int, detail: str, **headers) -> JsonResponse:
    response = JsonResponse({"detail": detail}, status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def database_unavailable(retry_after: int = RETRY_AFTER_SECONDS) -> JsonResponse:
    return json_error(503, "The database is unavailable; please retry shortly.", Retry_After=str(retry_after))


class _Outage:
    """Per process: until when to answer 503 without trying the primary database again (set and read by
    config/db_middleware.py and /readyz after a connection to it could not be opened)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._until = 0.0

    def start(self):
        with self._lock:
            self._until = time.monotonic() + RETRY_AFTER_SECONDS

    def remaining(self) -> int:
        """Whole seconds left (0: try the database)."""
        left = self._until - time.monotonic()
        return math.ceil(left) if left > 0 else 0

    def clear(self):
        with self._lock:
            self._until = 0.0


outage = _Outage()


def connection_failed() -> bool:
    """True when the primary's connection could not be opened (as opposed to a statement failing on it)."""
    return connections[DEFAULT_DB_ALIAS].connection is None


def bad_request(request, exception, template_name="400.html"):
    if wants_json(request):
        return json_error(400, "Bad request.")
    return defaults.bad_request(request, exception, template_name)


def permission_denied(request, exception, template_name="403.html"):
    if wants_json(request):
        return json_error(403, "You do not have permission to perform this action.")
    return defaults.permission_denied(request, exception, template_name)


def page_not_found(request, exception, template_name="404.html"):
    if wants_json(request):
        return json_error(404, f"No API endpoint at {request.path}. The API's endpoints are listed at "
                               f"{API_PREFIX}schema/ and documented at {API_PREFIX}docs/.")
    return defaults.page_not_found(request, exception, template_name)


def server_error(request, template_name="500.html"):
    # Called while the uncaught exception is being handled, so sys.exc_info() names it. A database
    # that stopped answering outside a view (e.g. in a middleware) is a 503, not a 500.
    exc = sys.exc_info()[1]
    if isinstance(exc, DATABASE_UNAVAILABLE_ERRORS) and wants_json(request):
        return database_unavailable()
    if wants_json(request):
        return json_error(500, "Internal server error. It has been logged.")
    return defaults.server_error(request, template_name)
