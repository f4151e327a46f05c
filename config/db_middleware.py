"""Turns a database that does not answer into a JSON 503 on API paths, and keeps workers free meanwhile.

Django closes a connection that raised such an error at the end of the request
(CONN_HEALTH_CHECKS is on), so the next request reconnects: the API recovers by itself as
soon as the database is back, without a restart.

When a connection to the primary cannot even be opened (the server is down, or accepts TCP and never
answers, which costs DATABASE_CONNECT_TIMEOUT seconds a try), this process stops trying for
RETRY_AFTER_SECONDS and answers the API requests that would read from the primary (and /readyz) with
the 503 at once: otherwise every worker would sit in a connection attempt, and /healthz, which needs no
database, would queue behind them. Requests that read from a replica (config/db_routers.py) go on; a
replica that fails is the router's to take out of rotation. A statement cancelled by
DATABASE_STATEMENT_TIMEOUT is a 503 for that request only: the server answers.
"""

import logging

from django.db import DEFAULT_DB_ALIAS

from config.db_routers import request_read_alias
from config.errors import (
    DATABASE_UNAVAILABLE_ERRORS,
    connection_failed,
    database_unavailable,
    outage,
    wants_json,
)

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Below the routing middleware, which has chosen this request's database by now.
        if wants_json(request) and _reads_from_primary():
            left = outage.remaining()
            if left:
                return database_unavailable(retry_after=left)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_UNAVAILABLE_ERRORS) and wants_json(request):
            logger.error("Database unavailable while serving %s: %s", request.path, exception)
            if _reads_from_primary() and connection_failed():
                outage.start()
            return database_unavailable()
        return None


def _reads_from_primary() -> bool:
    return request_read_alias() in (None, DEFAULT_DB_ALIAS)
