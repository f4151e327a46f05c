"""Turns a database that does not answer into a JSON 503 on API paths.

Django closes a connection that raised such an error at the end of the request
(CONN_HEALTH_CHECKS is on), so the next request reconnects: the API recovers by itself as
soon as the database is back, without a restart.
"""

import logging

from config.errors import DATABASE_UNAVAILABLE_ERRORS, database_unavailable, wants_json

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_UNAVAILABLE_ERRORS) and wants_json(request):
            logger.error("Database unavailable while serving %s: %s", request.path, exception)
            return database_unavailable()
        return None
