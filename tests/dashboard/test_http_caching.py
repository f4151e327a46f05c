"""Conditional GET and Cache-Control on the read API, and CORS for read-only cross-origin use."""

import pytest
from django.test import override_settings

from events.choices import Stance
from tests.factories import ReactionFactory

pytestmark = pytest.mark.django_db

URLS = ["/api/reactions/", "/api/reactions/r1/", "/api/reactions/stats/?group_by=stance"]


@pytest.fixture
def reaction():
    return ReactionFactory(slug="r1")


@pytest.mark.parametrize("url", URLS)
def test_list_detail_and_stats_carry_an_etag_and_answer_304_when_it_matches(api_client, reaction, url):
    first = api_client.get(url)
    etag = first["ETag"]

    again = api_client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert first.status_code == 200
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag


@pytest.mark.parametrize("url", URLS)
def test_etag_changes_after_the_record_changes(api_client, reaction, url):
    etag = api_client.get(url)["ETag"]
    reaction.stance = Stance.NEUTRAL
    reaction.description = "Changed after review."
    reaction.save()

    response = api_client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert response["ETag"] != etag


def test_etag_differs_between_queries(api_client, reaction):
    ReactionFactory(stance=Stance.SUPPORTS)
    assert (api_client.get("/api/reactions/", {"stance": "supports"})["ETag"]
            != api_client.get("/api/reactions/", {"stance": "condemns"})["ETag"])


def test_anonymous_answers_are_publicly_cacheable(api_client, reaction):
    response = api_client.get("/api/reactions/")

    assert response["Cache-Control"] == "public, max-age=60"
    assert "Cookie" in response["Vary"] and "Authorization" in response["Vary"]


@override_settings(API_CACHE_CONTROL="public, max-age=300, stale-while-revalidate=30")
def test_cache_control_is_configurable(api_client, reaction):
    response = api_client.get("/api/reactions/")
    assert response["Cache-Control"] == "public, max-age=300, stale-while-revalidate=30"


def test_signed_in_answers_never_go_to_a_shared_cache(staff_client, reaction):
    response = staff_client.get("/api/reactions/", {"status": "all"})

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_signed_in_with_a_token_is_private_too(client, django_user_model, reaction):
    from rest_framework.authtoken.models import Token

    user = django_user_model.objects.create_user("pipeline", is_staff=True)
    token = Token.objects.create(user=user)
    response = client.get("/api/reactions/", HTTP_AUTHORIZATION=f"Token {token.key}")

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_errors_are_not_marked_cacheable(api_client):
    response = api_client.get("/api/reactions/", {"stance": "angry"})
    assert response.status_code == 400
    assert "max-age" not in response.get("Cache-Control", "")


# ---- CORS (django-cors-headers, configured in settings) ---------------------------------------------

ORIGIN = "https://dashboards.example.org"


@pytest.fixture
def cors(settings):
    settings.CORS_ALLOWED_ORIGINS = [ORIGIN]


def test_allowed_origin_gets_the_cors_header_and_can_read_the_etag(cors, api_client, reaction):
    response = api_client.get("/api/reactions/", HTTP_ORIGIN=ORIGIN)

    assert response["Access-Control-Allow-Origin"] == ORIGIN
    assert "etag" in response["Access-Control-Expose-Headers"].lower()


def test_other_origins_get_no_cors_header(cors, api_client, reaction):
    response = api_client.get("/api/reactions/", HTTP_ORIGIN="https://evil.example.com")

    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


def test_preflight_for_get_is_allowed_but_not_for_post(cors, api_client):
    get = api_client.options("/api/reactions/", HTTP_ORIGIN=ORIGIN,
                             HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    post = api_client.options("/api/reactions/", HTTP_ORIGIN=ORIGIN,
                              HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST")

    allowed = {m.strip() for m in get["Access-Control-Allow-Methods"].split(",")}
    assert allowed == {"GET", "HEAD", "OPTIONS"}
    assert "POST" not in post.get("Access-Control-Allow-Methods", "")


def test_cors_applies_to_the_api_only(cors, client):
    response = client.get("/", HTTP_ORIGIN=ORIGIN)
    assert "Access-Control-Allow-Origin" not in response


# ---- Answers that set a cookie (finding 9 of the second hardening round) ------------------------------

def test_an_api_page_that_sets_the_csrf_cookie_is_never_publicly_cacheable(api_client):
    # Swagger UI's start-up script sets a CSRF cookie; a shared cache keeping it would hand one client's
    # cookie to all.
    response = api_client.get("/api/docs/", {"script": ""})

    assert response.status_code == 200
    assert "csrftoken" in response.cookies
    assert "public" not in response["Cache-Control"]
    assert response["Cache-Control"] == "private, no-store"


def test_a_cookie_wins_over_a_public_cache_control_a_view_set(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.http import JsonResponse

    from core.api.caching import ApiCacheControlMiddleware

    def view(request):
        response = JsonResponse({"ok": True})
        response["Cache-Control"] = "public, max-age=600"
        response.set_cookie("sessionid", "abc")
        return response

    request = rf.get("/api/reactions/")
    request.user = AnonymousUser()
    response = ApiCacheControlMiddleware(view)(request)

    assert response["Cache-Control"] == "private, no-store"
    assert "Cookie" in response["Vary"]
