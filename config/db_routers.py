"""Read replicas: anonymous reads go to a PostgreSQL streaming replica, everything else to the primary.

Built on django-multidb-router (``multidb``): its ``PinningReplicaRouter`` sends writes to ``default``
and reads to a replica unless the thread is pinned, and its ``PinningRouterMiddleware`` pins a request
that writes and sets a cookie that keeps that client on the primary for ``MULTIDB_PINNING_SECONDS``
(read-your-writes). What it lacks, and this module adds:

* **Lag-aware rotation.** multidb cycles through ``REPLICA_DATABASES`` blindly; a replica that lags or
  is down would serve stale answers or errors. ``ReplicaHealth`` checks each replica's replay lag at
  most every ``DATABASE_REPLICA_CHECK_INTERVAL`` seconds (per process) and takes out of rotation one
  whose lag exceeds ``DATABASE_REPLICA_MAX_LAG`` or that does not answer; it comes back by itself at a
  later check. With no replica in rotation, reads go to the primary.
* **One database per request.** The middleware picks the database for the whole request before the
  view runs, so every query of one answer sees the same data, and it records how far that data is
  complete as ``request.data_complete_until`` (the sync feed's ``complete_until``): the request's start
  time on the primary; on a replica, its last replayed commit as of the last check (replay only moves
  forward, so the data the request reads is at least that complete). Outside a request (management commands,
  the shell) reads go to the primary.
* **Who stays on the primary**: besides writers (multidb's cookie), the admin and anyone signed in (a
  session cookie or an Authorization header: they may see drafts, and expect their edits at once), and
  any read inside a transaction.

Lag is ``now() - pg_last_xact_replay_timestamp()`` on the replica, or 0 when it has replayed all the
WAL it received (an idle primary sends nothing, and a replica that has everything is not behind).
"""

import logging
import threading
import time
from dataclasses import dataclass

import multidb
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone
from multidb.middleware import PinningRouterMiddleware
from multidb.pinning import pin_this_thread, this_thread_is_pinned

from config.errors import DATABASE_UNAVAILABLE_ERRORS

logger = logging.getLogger(__name__)

LAG_SQL = """
SELECT pg_is_in_recovery(),
       COALESCE(pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn(), false),
       pg_last_xact_replay_timestamp(),
       now()
"""


@dataclass(frozen=True)
class ReplicaState:
    alias: str
    status: str  # "ok", "lagging", "unavailable", "not_a_replica", "starting"
    checked_at: float  # time.monotonic()
    lag_seconds: float | None = None
    replayed_until: object = None  # datetime of the last replayed commit (primary's clock)
    error: str = ""

    @property
    def in_rotation(self) -> bool:
        return self.status == "ok"

    def as_json(self) -> dict:
        data = {"role": "replica", "status": self.status, "reads": self.in_rotation,
                "lag_seconds": None if self.lag_seconds is None else round(self.lag_seconds, 3),
                "max_lag_seconds": settings.DATABASE_REPLICA_MAX_LAG}
        if self.error:
            data["error"] = self.error
        return data


class ReplicaHealth:
    """Per-process view of each replica's lag, refreshed at most every check interval."""

    def __init__(self):
        self._states: dict[str, ReplicaState] = {}
        self._lock = threading.Lock()
        self._next = 0

    @property
    def aliases(self) -> list[str]:
        return list(getattr(settings, "REPLICA_DATABASES", []))

    def check(self, alias: str) -> ReplicaState:
        """Ask the replica now. Never raises: a replica that does not answer is "unavailable"."""
        now = time.monotonic()
        connection = connections[alias]
        try:
            with connection.cursor() as cursor:
                cursor.execute(LAG_SQL)
                in_recovery, caught_up, replayed_at, db_now = cursor.fetchone()
        except DATABASE_UNAVAILABLE_ERRORS as exc:
            try:
                connection.close()  # reconnect from scratch at the next check
            except DATABASE_UNAVAILABLE_ERRORS:
                pass
            logger.warning("Replica %s unavailable, reads go elsewhere: %s", alias, exc)
            state = ReplicaState(alias, "unavailable", now, error=str(exc).strip().splitlines()[0][:200])
        else:
            if not in_recovery:
                # Promoted, or pointed at a primary by mistake: its data may have diverged.
                state = ReplicaState(alias, "not_a_replica", now, error="pg_is_in_recovery() is false")
            elif replayed_at is None:
                # Nothing replayed since it started: its data is complete up to an unknown moment, so it
                # cannot vouch for complete_until. It joins at the primary's next commit.
                state = ReplicaState(alias, "starting", now, lag_seconds=None,
                                     error="no transaction replayed since the replica started")
            else:
                lag = 0.0 if caught_up else max(0.0, (db_now - replayed_at).total_seconds())
                status = "ok" if lag <= settings.DATABASE_REPLICA_MAX_LAG else "lagging"
                if status == "lagging":
                    logger.warning("Replica %s lags %.1f s (max %s): reads go elsewhere", alias, lag,
                                   settings.DATABASE_REPLICA_MAX_LAG)
                state = ReplicaState(alias, status, now, lag_seconds=lag, replayed_until=replayed_at)
        self._states[alias] = state
        return state

    def state(self, alias: str) -> ReplicaState:
        state = self._states.get(alias)
        if state is None or time.monotonic() - state.checked_at >= settings.DATABASE_REPLICA_CHECK_INTERVAL:
            state = self.check(alias)
        return state

    def choose(self) -> ReplicaState | None:
        """A replica in rotation (round-robin over the healthy ones), or None: read from the primary."""
        aliases = self.aliases
        if not aliases:
            return None
        with self._lock:
            start = self._next
            self._next = (self._next + 1) % len(aliases)
        for i in range(len(aliases)):
            state = self.state(aliases[(start + i) % len(aliases)])
            if state.in_rotation:
                return state
        return None

    def report(self) -> dict[str, dict]:
        return {alias: self.check(alias).as_json() for alias in self.aliases}


health = ReplicaHealth()
_request = threading.local()


def request_read_alias() -> str | None:
    return getattr(_request, "alias", None)


def _clear_request_state(**kwargs):
    _request.alias = None


# A streamed answer (CSV) reads while it is sent, after the middleware returned: the request's choice
# holds until the server closes the response (request_finished), and never leaks into the next one.
request_started.connect(_clear_request_state, dispatch_uid="config.db_routers.request_started")
request_finished.connect(_clear_request_state, dispatch_uid="config.db_routers.request_finished")


class ReplicaRouter(multidb.PinningReplicaRouter):
    def db_for_read(self, model, **hints):
        alias = request_read_alias()
        if alias is None or this_thread_is_pinned() or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return alias


class ReplicaRoutingMiddleware(PinningRouterMiddleware):
    """Chooses the database every read of this request uses, and records how complete its data is."""

    def process_request(self, request):
        super().process_request(request)  # pins writers and clients holding the pinning cookie
        if (request.path_info.startswith("/admin/") or settings.SESSION_COOKIE_NAME in request.COOKIES
                or "HTTP_AUTHORIZATION" in request.META):
            pin_this_thread()
        state = None if this_thread_is_pinned() else health.choose()
        if state is None:
            _request.alias = DEFAULT_DB_ALIAS
            request.data_complete_until = timezone.now()
        else:
            _request.alias = state.alias
            request.data_complete_until = state.replayed_until

    def process_response(self, request, response):
        alias = request_read_alias()
        if response.status_code == 503 and alias not in (None, DEFAULT_DB_ALIAS):
            # The database did not answer (config/db_middleware.py made that a 503): if it was the replica,
            # check it now, so only the requests already reading from it fail, not every request until
            # the next scheduled check.
            health.check(alias)
        return super().process_response(request, response)
