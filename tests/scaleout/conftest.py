"""The scale-out topology for the tests in this folder: a throwaway PostgreSQL primary and a streaming
replica of it, Redis, two app processes and the caching nginx, on spare loopback ports
(deploy/local/topology.py). Started once per session; a part that cannot start fails every test here,
never skips them. bin/test installs nginx when it is missing.

Lag settings are shortened so a test can push a replica past them in seconds: a replica more than
REPLICA_MAX_LAG seconds behind leaves the rotation; each app process re-checks every 0.2 s.
"""

import http.client
import json
import re
import time
import urllib.parse
from html.parser import HTMLParser

import pytest

from deploy.local.topology import Topology

REPLICA_MAX_LAG = 5
CHECK_INTERVAL = 0.2
PROXY_MAX_AGE = 2


@pytest.fixture(scope="session")
def topology():
    with Topology(app_env={"DATABASE_REPLICA_MAX_LAG": str(REPLICA_MAX_LAG),
                           "DATABASE_REPLICA_CHECK_INTERVAL": str(CHECK_INTERVAL),
                           "API_ANON_THROTTLE_RATE": "100000/minute",
                           # Short, so a test sees the proxy revalidate an expired answer.
                           "API_CACHE_CONTROL": f"public, max-age={PROXY_MAX_AGE}"}) as running:
        running.primary_sql("CREATE TABLE heartbeat (at timestamptz NOT NULL)")
        yield running


def heartbeat(topology):
    """A commit on the primary, replayed on the replica before this returns: its last replayed commit is
    now, so its lag starts from zero (lag is measured from the last replayed commit)."""
    topology.primary_sql("INSERT INTO heartbeat VALUES (now())")
    topology.wait_for_replication()


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return json.loads(self.body)


class HttpClient:
    """A tiny HTTP client with a cookie jar, for talking to one service of the topology."""

    def __init__(self, base):
        parts = urllib.parse.urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.cookies: dict[str, str] = {}

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        headers = {"Accept": "application/json", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if isinstance(body, dict):
            body = urllib.parse.urlencode(body, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=headers)
            raw = conn.getresponse()
            response = Response(raw.status, raw.headers, raw.read())
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if "max-age=0" in header.lower() or value in ("", '""'):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return response

    def get(self, path, **headers):
        return self.request("GET", path, headers=headers)

    def post(self, path, data):
        return self.request("POST", path, body=data, headers={"Referer": f"http://{self.host}:{self.port}/"})


class FormFields(HTMLParser):
    """The fields a browser would submit from a page's main POST form (the admin's, not its logout form)."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self.in_form = self.done = False
        self._select = self._textarea = None
        self._text = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.done:
            return
        if tag == "form" and a.get("method", "").lower() == "post" and a.get("id") != "logout-form":
            self.in_form = True
        if not self.in_form or "name" not in a and tag != "option":
            return
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select":
            self._select = [a["name"], None, None]
        elif tag == "option" and self._select is not None:
            if self._select[2] is None:
                self._select[2] = a.get("value", "")
            if "selected" in a:
                self._select[1] = a.get("value", "")
        elif tag == "textarea":
            self._textarea, self._text = a["name"], []

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "select" and self._select is not None:
            name, selected, _first = self._select
            if selected is not None:
                self.fields.append((name, selected))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea, "".join(self._text).lstrip("\n")))
            self._textarea = None
        elif tag == "form" and self.in_form:
            self.in_form, self.done = False, True


def form_fields(html: bytes) -> dict[str, list[str]]:
    parser = FormFields()
    parser.feed(html.decode())
    fields: dict[str, list[str]] = {}
    for name, value in parser.fields:
        fields.setdefault(name, []).append(value)
    return fields


def sign_in(client, username, password):
    page = client.get("/admin/login/")
    assert page.status == 200, page.body[:500]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.body).group(1).decode()
    response = client.post("/admin/login/?next=/admin/", {"csrfmiddlewaretoken": token, "username": username,
                                                         "password": password, "next": "/admin/"})
    assert response.status == 302 and "sessionid" in client.cookies, response.body[:500]


def wait_until(condition, timeout=30, interval=0.1, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {message}")
