"""POST /api/intake/articles/: staff pipelines push an article with a token; anyone else is refused;
bad input is a 400 naming the field; the same text again is a 200 saying nothing was created."""

import pytest
from django.contrib.auth.models import Permission
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from events.models import Reaction
from intake.models import ArticleImport
from sources.models import Source

from .importing import article, crisis_actors, crisis_event

pytestmark = pytest.mark.django_db

URL = "/api/intake/articles/"


@pytest.fixture
def event(db):
    crisis_actors()
    return crisis_event()


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture
def pipeline(django_user_model):
    user = django_user_model.objects.create_user("pipeline", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="add_articleimport"))
    return token_client(user)


def body(event, **overrides):
    return {"text": article("fishermen.txt"), "publisher": "The Arborian Post",
            "title": "Sylvania recalls ambassador over detained fishermen", "published": "2026-03-05",
            "event": event.slug} | overrides


def test_an_article_pushed_with_a_staff_token_is_imported_and_its_proposals_listed(pipeline, event):
    response = pipeline.post(URL, body(event), format="json")
    assert response.status_code == 201, response.json()
    answer = response.json()
    article_import = ArticleImport.objects.get()
    assert (answer["created"], answer["import_id"], answer["event"]) == (True, article_import.pk, event.slug)
    assert answer["source"] == article_import.source.slug
    reactions = [p for p in answer["proposals"] if p["kind"] == "reaction"]
    assert answer["counts"]["reaction"] == len(reactions) >= 3
    recall = next(p for p in answer["proposals"] if p["summary"].startswith("Sylvania — recalled"))
    assert recall["status"] == "pending"
    text = article_import.source.archived_text.text
    assert text[recall["start"]:recall["end"]].startswith("Sylvania recalled its ambassador")
    assert Reaction.objects.get(slug=recall["record"]).status == "draft"
    assert article_import.created_by.username == "pipeline"


def test_the_same_text_again_is_a_200_that_creates_nothing(pipeline, event):
    first = pipeline.post(URL, body(event), format="json").json()
    before = (Source.objects.count(), Reaction.objects.count())
    response = pipeline.post(URL, body(event, title="Another headline"), format="json")
    assert response.status_code == 200
    answer = response.json()
    assert (answer["created"], answer["import_id"], answer["proposals"]) == (False, first["import_id"], [])
    assert "already imported" in answer["message"]
    assert (Source.objects.count(), Reaction.objects.count()) == before


def test_anonymous_clients_get_a_401_and_nothing_is_created(api_client, event):
    response = api_client.post(URL, body(event), format="json")
    assert response.status_code == 401
    assert "detail" in response.json()
    assert Source.objects.count() == 0


def test_an_invalid_token_is_a_401(event):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert client.post(URL, body(event), format="json").status_code == 401


def test_a_non_staff_token_is_a_403(django_user_model, event):
    user = django_user_model.objects.create_user("reader")
    user.user_permissions.add(Permission.objects.get(codename="add_articleimport"))
    response = token_client(user).post(URL, body(event), format="json")
    assert response.status_code == 403
    assert Source.objects.count() == 0


def test_staff_without_the_import_permission_is_a_403(django_user_model, event):
    user = django_user_model.objects.create_user("other-staff", is_staff=True)
    assert token_client(user).post(URL, body(event), format="json").status_code == 403


def test_reading_the_endpoint_is_not_allowed(pipeline, api_client):
    assert pipeline.get(URL).status_code == 405
    assert api_client.get(URL).status_code == 405


@pytest.mark.parametrize(("overrides", "field", "words"), [
    ({"text": ""}, "text", "blank"),
    ({"text": "   \n "}, "text", "empty"),
    ({"text": "Sylvania\x00protested"}, "text", "Null characters"),
    ({"text": None}, "text", "null"),
    ({"publisher": ""}, "publisher", "publisher is required"),
    ({"title": " "}, "title", "title is required"),
    ({"published": "5 March"}, "published", "Date has wrong format"),
    ({"published": "2999-01-01"}, "published", "future"),
    ({"event": "no-such-event"}, "event", "No event has the slug"),
    ({"new_event": "Also a new one"}, "event", "exactly one"),
    ({"url": "https://news.example/a"}, "text", "exactly one"),
])
def test_bad_input_is_a_400_naming_the_field_and_nothing_is_created(pipeline, event, overrides, field, words):
    response = pipeline.post(URL, body(event) | overrides, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert field in errors, errors
    assert words in " ".join(errors[field])
    assert Source.objects.count() == 0


def test_an_over_size_text_is_a_400_naming_the_limit(pipeline, event, settings):
    settings.SOURCE_TEXT_MAX_BYTES = 100
    response = pipeline.post(URL, body(event), format="json")
    assert response.status_code == 400
    assert "SOURCE_TEXT_MAX_BYTES" in response.json()["text"][0]


def test_a_url_is_refused_with_a_400_while_fetching_is_off(pipeline, event):
    response = pipeline.post(URL, {"url": "https://news.example/a", "event": event.slug}, format="json")
    assert response.status_code == 400
    assert "INTAKE_FETCH_ENABLED" in response.json()["url"][0]


def test_a_private_address_url_is_a_400(pipeline, event, settings):
    settings.INTAKE_FETCH_ENABLED = True
    response = pipeline.post(URL, {"url": "http://127.0.0.1:9/a", "event": event.slug}, format="json")
    assert response.status_code == 400
    assert "private" in response.json()["url"][0]


def test_malformed_json_is_a_400(pipeline, event):
    response = pipeline.post(URL, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert "detail" in response.json()


def test_a_new_event_title_creates_a_draft_event(pipeline, event):
    payload = body(event, new_event="Fishermen crisis")
    del payload["event"]
    answer = pipeline.post(URL, payload, format="json").json()
    assert answer["event"] == "fishermen-crisis"


def test_the_endpoint_is_documented_as_a_token_authenticated_staff_write(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/intake/articles/"]["post"]
    assert {"tokenAuth": []} in operation["security"]
    assert {"201", "200", "400", "401", "403"} <= set(operation["responses"])
    request = schema["components"]["schemas"]["ArticleIntakeRequest"]["properties"]
    assert {"text", "url", "publisher", "title", "published", "event", "new_event"} <= set(request)
