"""Fetching an article by URL within the deployment's limits, against a local HTTP server in a thread.

The server is on 127.0.0.1, a loopback address: the successful fetches need INTAKE_FETCH_ALLOW_PRIVATE,
and with it off the very same URL is refused."""

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings

from intake.choices import ImportOrigin
from intake.errors import IntakeError
from intake.fetch import check_url, fetch
from intake.services import import_url
from sources.models import Source

from .importing import crisis_actors, crisis_event

PAGE = (b"<html><head><title>Sylvania recalls its envoy</title></head><body><nav><a href='/'>Home</a></nav>"
        b"<article><p>Sylvania recalled its ambassador from Freedonia on Tuesday, calling the arrest of four "
        b"fishermen unacceptable, a foreign ministry spokesman said.</p>"
        b"<p>Chile condemned the arrests on Wednesday.</p></article>"
        b"<footer>Subscribe to our newsletter</footer></body></html>")


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output quiet
        pass

    def do_GET(self):  # noqa: N802 - http.server's name
        if self.path == "/article":
            self._send(200, PAGE)
        elif self.path == "/big":
            self._send(200, b"<html><body><p>" + b"word " * 4000 + b"</p></body></html>")
        elif self.path == "/big-undeclared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html><body><p>" + b"word " * 4000 + b"</p></body></html>")
            self.close_connection = True
        elif self.path == "/slow":
            time.sleep(1.5)
            self._send(200, PAGE)
        elif self.path == "/moved":
            self._redirect("/article")
        elif self.path == "/to-ftp":
            self._redirect("ftp://files.example/article.txt")
        elif self.path == "/loop":
            self._redirect("/loop")
        elif self.path == "/image":
            self._send(200, b"\x89PNG\r\n\x1a\n\x00\x00", "image/png")
        else:
            self._send(404, b"not found")

    def _send(self, status, body, content_type="text/html; charset=utf-8"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a client giving up (the timeout test) is expected here


@pytest.fixture(scope="module")
def server():
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


LOCAL = {"INTAKE_FETCH_ENABLED": True, "INTAKE_FETCH_ALLOW_PRIVATE": True}


def refused(url, code, match=None):
    with pytest.raises(IntakeError) as caught:
        fetch(url)
    assert (caught.value.field, caught.value.code) == ("url", code), caught.value.text
    if match:
        assert match in caught.value.text
    return caught.value


@override_settings(**LOCAL)
def test_a_page_is_fetched_within_the_limits(server):
    page = fetch(f"{server}/article")
    assert page.body == PAGE
    assert page.content_type.startswith("text/html")


@override_settings(**LOCAL)
def test_redirects_are_followed_and_the_final_url_kept(server):
    assert fetch(f"{server}/moved").url == f"{server}/article"


@override_settings(**LOCAL)
@pytest.mark.django_db
def test_a_fetched_article_is_imported_with_its_url_and_origin(server):
    crisis_actors()
    result = import_url(url=f"{server}/article", event=crisis_event(), publisher="", title="", language="en")
    source = result.source
    assert (source.url, source.title, source.publisher) == (f"{server}/article", "Sylvania recalls its envoy",
                                                            "127.0.0.1")
    assert (source.archived_text.origin, result.article_import.origin) == ("fetched_url", ImportOrigin.URL)
    assert "Subscribe" not in source.archived_text.text
    assert result.article_import.proposals.filter(reaction__actor__slug="sylvania").exists()


@override_settings(INTAKE_FETCH_ENABLED=True, INTAKE_FETCH_ALLOW_PRIVATE=False)
def test_the_same_local_server_is_refused_when_private_addresses_are_not_allowed(server):
    refused(f"{server}/article", "private", "INTAKE_FETCH_ALLOW_PRIVATE")


@override_settings(INTAKE_FETCH_ENABLED=True, INTAKE_FETCH_ALLOW_PRIVATE=False)
@pytest.mark.parametrize("url", [
    "http://localhost/", "http://10.1.2.3/", "http://192.168.0.10/admin", "http://169.254.169.254/latest/",
    "http://[::1]/", "http://0.0.0.0/", "http://[::ffff:127.0.0.1]/", "http://100.64.0.1/",
])
def test_private_loopback_link_local_and_reserved_addresses_are_refused_after_resolution(url):
    refused(url, "private")


@override_settings(INTAKE_FETCH_ENABLED=True)
@pytest.mark.parametrize("url", ["ftp://files.example/a.txt", "file:///etc/passwd", "gopher://x/",
                                 "news.example/article"])
def test_only_http_and_https_are_fetched(url):
    refused(url, "fetch", "Only http and https")


def test_fetching_is_off_unless_the_deployment_enables_it():
    refused("https://news.example/article", "disabled", "INTAKE_FETCH_ENABLED")


@override_settings(**LOCAL)
def test_a_redirect_target_is_checked_like_the_first_url(server):
    refused(f"{server}/to-ftp", "fetch", "Only http and https")


@override_settings(**LOCAL, INTAKE_FETCH_MAX_REDIRECTS=2)
def test_too_many_redirects_stop(server):
    refused(f"{server}/loop", "redirects", "INTAKE_FETCH_MAX_REDIRECTS")


@override_settings(**LOCAL, INTAKE_HTML_MAX_BYTES=5000)
@pytest.mark.parametrize("path", ["/big", "/big-undeclared"])
def test_a_page_over_the_size_limit_is_refused_whether_or_not_it_declares_its_size(server, path):
    refused(f"{server}{path}", "too_large", "INTAKE_HTML_MAX_BYTES")


@override_settings(**LOCAL, INTAKE_FETCH_READ_TIMEOUT=0.3)
def test_a_server_that_does_not_answer_in_time_is_given_up(server):
    refused(f"{server}/slow", "unreachable")


@override_settings(**LOCAL)
def test_an_unreachable_url_is_a_clear_error(server):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    refused(f"http://127.0.0.1:{port}/article", "unreachable", "unreachable")
    refused("http://no-such-host.invalid/article", "unreachable", "could not be resolved")


@override_settings(**LOCAL)
def test_an_error_status_is_reported_with_its_code(server):
    refused(f"{server}/missing", "http_status", "HTTP 404")


@override_settings(**LOCAL)
@pytest.mark.django_db
def test_a_page_that_is_not_html_or_text_is_refused_and_nothing_is_created(server):
    crisis_actors()
    with pytest.raises(IntakeError, match="image/png"):
        import_url(url=f"{server}/image", event=crisis_event(), publisher="P", title="T")
    assert Source.objects.count() == 0


def test_check_url_refuses_credentials_in_the_url():
    with override_settings(INTAKE_FETCH_ALLOW_PRIVATE=True), pytest.raises(IntakeError, match="password"):
        check_url("http://user:secret@127.0.0.1/")


@override_settings(**LOCAL)
def test_each_checked_address_is_tried_until_one_answers(server, monkeypatch):
    port = int(server.rsplit(":", 1)[1])
    # A host with two addresses: nothing listens on the first (127.0.0.2), the server on the second.
    answers = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port)) for address in
               ("127.0.0.2", "127.0.0.1")]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: answers)
    assert fetch(f"http://news.test:{port}/article").body == PAGE


@override_settings(INTAKE_FETCH_ENABLED=True, INTAKE_FETCH_ALLOW_PRIVATE=False)
def test_a_host_with_any_private_address_is_refused(monkeypatch):
    answers = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, 80)) for address in
               ("93.184.215.14", "10.0.0.7")]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: answers)
    refused("http://news.test/article", "private", "10.0.0.7")
