"""Fetching an article's page for the intake, within the deployment's limits (settings INTAKE_FETCH_*).

Only when INTAKE_FETCH_ENABLED; http and https only; a connect and a read timeout and an overall
deadline; at most INTAKE_HTML_MAX_BYTES of body; at most INTAKE_FETCH_MAX_REDIRECTS redirects, each
target checked like the first URL. The host name is resolved here and every address it resolves to
must be public (not private, loopback, link-local, reserved, multicast or unspecified) unless
INTAKE_FETCH_ALLOW_PRIVATE; the connection then goes to the address that was checked (the Host header
and TLS name stay the host's), so a second, different DNS answer cannot send it elsewhere.
"""

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings

from intake.errors import IntakeError

SCHEMES = {"http": 80, "https": 443}
REDIRECTS = {301, 302, 303, 307, 308}
CHUNK = 64 * 1024


@dataclass
class Page:
    url: str  # after redirects
    body: bytes
    content_type: str  # e.g. "text/html; charset=utf-8"


def _error(message: str, code: str = "fetch") -> IntakeError:
    return IntakeError(message, field="url", code=code)


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved
                                 or ip.is_multicast or ip.is_unspecified)


def check_url(url: str) -> tuple[str, str, int, list[str]]:
    """(scheme, host, port, the addresses to connect to) for ``url``, or IntakeError saying why not."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise _error(f"{url!r} is not a valid URL ({exc}).") from exc
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise _error(f"Only http and https URLs are fetched, not {scheme or 'a URL without a scheme'}: {url}")
    host = parts.hostname
    if not host:
        raise _error(f"The URL {url} names no host.")
    if parts.username or parts.password:
        raise _error("URLs with a user name or password are not fetched.")
    port = port or SCHEMES[scheme]
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise _error(f"The host {host} could not be resolved: the URL is unreachable.",
                     "unreachable") from exc
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not settings.INTAKE_FETCH_ALLOW_PRIVATE:
        refused = [a for a in addresses if not _public(a)]
        if refused:
            raise _error(f"The host {host} resolves to a private, loopback, link-local or reserved address "
                         f"({refused[0]}): it is not fetched (setting INTAKE_FETCH_ALLOW_PRIVATE).",
                         "private")
    return scheme, host, port, addresses


def fetch(url: str) -> Page:
    """The page at ``url`` (after redirects), or IntakeError with a clear message."""
    if not settings.INTAKE_FETCH_ENABLED:
        raise _error("Fetching URLs is switched off on this deployment (setting INTAKE_FETCH_ENABLED): "
                     "paste the article's text or upload it as a file.", "disabled")
    deadline = time.monotonic() + settings.INTAKE_FETCH_CONNECT_TIMEOUT + settings.INTAKE_FETCH_READ_TIMEOUT
    for _hop in range(settings.INTAKE_FETCH_MAX_REDIRECTS + 1):
        response = _request(url, deadline)
        try:
            if response.status in REDIRECTS and response.headers.get("Location"):
                url = urljoin(url, response.headers["Location"])
                continue
            if response.status != 200:
                raise _error(f"The server answered HTTP {response.status} for {url}: no article fetched.",
                             "http_status")
            return Page(url=url, body=_body(response, url, deadline),
                        content_type=response.headers.get("Content-Type", ""))
        finally:
            response.release_conn()
    raise _error(f"More than {settings.INTAKE_FETCH_MAX_REDIRECTS} redirects from {url}: not followed "
                 "(setting INTAKE_FETCH_MAX_REDIRECTS).", "redirects")


def _request(url: str, deadline: float):
    scheme, host, port, addresses = check_url(url)
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    read = max(0.1, min(settings.INTAKE_FETCH_READ_TIMEOUT, deadline - time.monotonic()))
    timeout = urllib3.Timeout(connect=settings.INTAKE_FETCH_CONNECT_TIMEOUT, read=read)
    options = {"timeout": timeout, "retries": False, "maxsize": 1}
    name = f"[{host}]" if ":" in host else host  # an IPv6 literal, bracketed as in the URL
    headers = {"Host": name if port == SCHEMES[scheme] else f"{name}:{port}",
               "User-Agent": settings.INTAKE_FETCH_USER_AGENT,
               "Accept": "text/html, text/plain;q=0.9, */*;q=0.1"}
    failure = None
    # Each address that was checked, in the resolver's order, until one accepts the connection (a host
    # with an IPv6 address is still reached from a machine without IPv6).
    for address in addresses:
        if scheme == "https":
            pool = urllib3.HTTPSConnectionPool(address, port, server_hostname=host, assert_hostname=host,
                                               **options)
        else:
            pool = urllib3.HTTPConnectionPool(address, port, **options)
        try:
            return pool.urlopen("GET", target, headers=headers, redirect=False, preload_content=False,
                                assert_same_host=False)
        except (urllib3.exceptions.NewConnectionError, urllib3.exceptions.ConnectTimeoutError) as exc:
            failure = exc
        except urllib3.exceptions.HTTPError as exc:
            failure = exc
            break
    reason = getattr(failure, "reason", None) or failure
    raise _error(f"{url} is unreachable: {reason}.", "unreachable") from failure


def _body(response, url: str, deadline: float) -> bytes:
    limit = settings.INTAKE_HTML_MAX_BYTES
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise _error(f"The page at {url} is {int(declared):,} bytes; the limit is {limit:,} bytes "
                     "(setting INTAKE_HTML_MAX_BYTES).", "too_large")
    chunks, size = [], 0
    try:
        while True:
            if time.monotonic() > deadline:
                raise _error(f"Fetching {url} took too long: stopped.", "timeout")
            chunk = response.read(CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise _error(f"The page at {url} is over {limit:,} bytes, the limit (setting "
                             "INTAKE_HTML_MAX_BYTES).", "too_large")
            chunks.append(chunk)
    except urllib3.exceptions.HTTPError as exc:
        raise _error(f"Reading {url} failed: {exc}.", "unreachable") from exc
    return b"".join(chunks)
