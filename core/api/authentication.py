"""API authentication: tokens for pipelines, the admin's session for staff in a browser, no passwords.

A password check costs a deliberately slow hash (~0.4 s), and DRF authenticates before it throttles: with
HTTP Basic, every guess was an unthrottled call to that hash, a password oracle that also slowed the API
for everyone. So the API takes no passwords: ``Authorization: Basic`` is refused with a 401 without
looking at it. Tokens (``Authorization: Token <key>``, DRF's authtoken) are random 40-character keys,
checked by one indexed lookup. Failed attempts are counted per client address (the same address DRF's
anonymous throttle uses, ``API_NUM_PROXIES`` aware); past ``API_AUTH_FAILURE_RATE`` the address gets a
JSON 429 with ``Retry-After`` before any credential is looked at, even a right one.
"""

from rest_framework.authentication import TokenAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed, Throttled
from rest_framework.throttling import SimpleRateThrottle

PASSWORDS_REFUSED = ("Passwords are not accepted on the API. Pipelines send a token "
                     "(Authorization: Token <key>); staff in a browser use their admin session.")


class FailedAuthenticationThrottle(SimpleRateThrottle):
    """Counts failed authentication attempts per client address (rate: ``failed_auth``)."""

    scope = "failed_auth"

    def get_cache_key(self, request, view=None):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def _recent(self, request):
        self.key = self.get_cache_key(request)
        self.now = self.timer()
        self.history = [t for t in self.cache.get(self.key, []) if t > self.now - self.duration]
        return self.history

    def wait_for(self, request) -> float | None:
        """Seconds this address must wait before it may try again; None when it may try now."""
        if len(self._recent(request)) < self.num_requests:
            return None
        return self.wait()

    def record_failure(self, request):
        self._recent(request)
        self.history.insert(0, self.now)
        self.cache.set(self.key, self.history, self.duration)


class ThrottledTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, refusing passwords and throttling failed attempts per address."""

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].lower() not in (self.keyword.lower().encode(), b"basic"):
            return None
        throttle = FailedAuthenticationThrottle()
        wait = throttle.wait_for(request)
        if wait is not None:
            raise Throttled(wait=wait, detail="Too many failed authentication attempts from this address.")
        if header[0].lower() == b"basic":
            throttle.record_failure(request)
            raise AuthenticationFailed(PASSWORDS_REFUSED)
        try:
            return super().authenticate(request)
        except AuthenticationFailed:
            throttle.record_failure(request)
            raise
