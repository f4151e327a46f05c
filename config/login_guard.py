"""The admin login's lockout (django-axes, configured in settings.py): who a client is.

Axes counts failed logins per username and per client address. The address is the one the API's
throttles use (DRF's ``get_ident``: ``REMOTE_ADDR``, or with ``API_NUM_PROXIES`` set, the client's entry
in ``X-Forwarded-For``), so a client behind the proxy is one client, and one that sends a made-up
``X-Forwarded-For`` without a proxy in front gains nothing.
"""

from rest_framework.throttling import BaseThrottle


def client_ip(request) -> str:
    return BaseThrottle().get_ident(request)
