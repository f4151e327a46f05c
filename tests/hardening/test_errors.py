"""API paths answer errors in JSON, never Django's HTML pages; other pages keep Django's pages."""

import pytest
from django.test import Client

from events.api.views import ReactionViewSet

pytestmark = pytest.mark.django_db


def assert_json_error(response, status):
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["detail"]
    assert "Traceback" not in response.content.decode()
    return body


def test_unknown_api_url_answers_json_404_pointing_at_the_schema(api_client):
    body = assert_json_error(api_client.get("/api/no-such-endpoint/"), 404)
    assert "/api/schema/" in body["detail"]


def test_unknown_record_slug_answers_json_404(api_client):
    assert_json_error(api_client.get("/api/reactions/no-such-reaction/"), 404)


def test_unsupported_method_answers_json_405(staff_client):
    # Staff pass the permission check, so the read-only viewset itself refuses the method.
    body = assert_json_error(staff_client.post("/api/reactions/", {}, format="json"), 405)
    assert "POST" in body["detail"]


def test_crash_in_an_api_view_answers_json_500_without_a_debug_page(monkeypatch, settings):
    assert settings.DEBUG is False

    def crash(self, request, *args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(ReactionViewSet, "list", crash)
    client = Client(raise_request_exception=False)
    response = client.get("/api/reactions/")
    body = assert_json_error(response, 500)
    assert "secret internals" not in response.content.decode()
    assert body == {"detail": "Internal server error. It has been logged."}


def test_non_api_pages_keep_djangos_html_404():
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


# No browsable API: every /api/ answer, errors included, is JSON (or the CSV a client asks for).


@pytest.mark.parametrize("accept", ["text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                                    "application/json", "*/*"])
def test_a_browser_gets_json_from_the_api(api_client, accept):
    response = api_client.get("/api/reactions/", HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "results" in response.json()


def test_the_browsable_api_format_is_gone_with_a_json_404(api_client):
    assert_json_error(api_client.get("/api/reactions/", {"format": "api"}), 404)


def test_asking_only_for_html_is_a_json_406(api_client):
    body = assert_json_error(api_client.get("/api/reactions/", HTTP_ACCEPT="text/html"), 406)
    assert "Accept" in body["detail"]


def test_an_anonymous_error_in_an_html_or_yaml_page_of_the_api_is_json(api_client, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "1/minute"})
    assert api_client.get("/api/actors/").status_code == 200
    for url in ("/api/schema/", "/api/docs/", "/api/redoc/", "/api/"):
        response = api_client.get(url)
        body = assert_json_error(response, 429)
        assert "throttled" in body["detail"].lower() and response["Retry-After"]
