"""Liveness (/healthz) and readiness (/readyz) probes.

``HealthCheckMiddleware`` sits first in MIDDLEWARE and answers both paths before host
validation and the HTTPS redirect, so a container health check on 127.0.0.1 works whatever
DJANGO_ALLOWED_HOSTS says. The same views are also routed in config/urls.py.
"""

import logging

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from config.errors import DATABASE_UNAVAILABLE_ERRORS, RETRY_AFTER_SECONDS, connection_failed, outage

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    """The process is up and serving requests. Touches no database."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """The primary answers and every migration is applied: the API can serve traffic.

    ``databases`` reports the primary and each replica (status, replay lag, whether reads go to it).
    """
    connection = connections[DEFAULT_DB_ALIAS]
    left = outage.remaining()
    if left:
        # A connection attempt just failed in this process: do not tie up another worker for
        # DATABASE_CONNECT_TIMEOUT seconds to learn the same (config/db_middleware.py).
        response = JsonResponse({"status": "unavailable", "database": "unavailable"}, status=503)
        response["Retry-After"] = str(left)
        return response
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DATABASE_UNAVAILABLE_ERRORS as exc:
        logger.error("Readiness check: database unavailable: %s", exc)
        if connection_failed():
            outage.start()
        response = JsonResponse({"status": "unavailable", "database": "unavailable"}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    if plan:
        pending = [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]
        response = JsonResponse({"status": "unavailable", "database": "ok",
                                 "unapplied_migrations": pending}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return JsonResponse({"status": "ok", "database": "ok", "unapplied_migrations": [],
                         "databases": databases_report()})


def databases_report() -> dict:
    """Each database and, for replicas, its replay lag and whether reads go to it (checked now).

    A replica that lags or is down does not make the process unready: reads fall back to the primary.
    """
    from config.db_routers import health

    replicas = health.report()
    # "reads": anonymous reads go there (the primary takes them when no replica is in rotation).
    primary_reads = not any(state["reads"] for state in replicas.values())
    return {DEFAULT_DB_ALIAS: {"role": "primary", "status": "ok", "reads": primary_reads}, **replicas}


PROBES = {"/healthz": healthz, "/healthz/": healthz, "/readyz": readyz, "/readyz/": readyz}


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = PROBES.get(request.path_info)
        if view is not None and request.method in ("GET", "HEAD"):
            return view(request)
        return self.get_response(request)
