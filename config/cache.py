"""A Redis cache that degrades to "no cache" while Redis is down, instead of failing the request.

Django's built-in ``RedisCache`` raises ``redis.ConnectionError`` (or ``TimeoutError``) from every call
when the server does not answer, which would make every throttled API request a 500. What the cache
holds here is only ever an optimisation (stats answers, recomputed on a miss) or a soft limit (anonymous
throttle counters: while Redis is down they fail open), so an outage must cost speed, never answers.

django-redis offers the same through ``DJANGO_REDIS_IGNORE_EXCEPTIONS``, but it is a second client and
backend for one behaviour; the built-in backend plus this thin layer keeps one Redis client (``redis``).

After a failure the backend stops calling Redis for ``RETRY_SECONDS``, so a server that hangs rather
than refuses costs at most one socket timeout per process every few seconds, not one per cache call.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0

    def _call(self, fallback, method, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return method(*args, **kwargs)
        except self._lib_errors() as exc:
            self._down_until = time.monotonic() + RETRY_SECONDS
            logger.warning("Cache unavailable (%s); serving uncached answers for %.0f s", exc, RETRY_SECONDS)
            return fallback

    def _lib_errors(self):
        import redis

        return (redis.ConnectionError, redis.TimeoutError)

    def get(self, key, default=None, version=None):
        return self._call(default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(None, super().set, key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().add, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._call({}, super().get_many, keys, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call(None, super().delete_many, keys, version)

    def has_key(self, key, version=None):
        return self._call(False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        # No fallback value makes sense for a counter: callers of incr() handle a missing key.
        if time.monotonic() < self._down_until:
            raise ValueError(f"Key '{key}' not found (cache unavailable)")
        try:
            return super().incr(key, delta, version)
        except self._lib_errors() as exc:
            self._down_until = time.monotonic() + RETRY_SECONDS
            raise ValueError(f"Key '{key}' not found (cache unavailable: {exc})") from None

    def clear(self):
        return self._call(False, super().clear)
