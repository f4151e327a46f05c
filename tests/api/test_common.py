"""Behaviour shared by every list endpoint: root, pagination, errors, sync, ordering."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from actors.models import Actor
from events.models import Event, Reaction
from sources.models import Source
from tests.api.conftest import slugs
from tests.factories import ActorFactory, EventFactory, ReactionFactory, SourceFactory, StatementFactory

pytestmark = pytest.mark.django_db
ENDPOINTS = ["/api/reactions/", "/api/statements/", "/api/events/", "/api/actors/", "/api/sources/"]


def test_api_root_lists_the_five_endpoints(api_client):
    response = api_client.get("/api/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    body = response.json()
    assert {"actors", "events", "reactions", "sources", "statements"} <= set(body)
    assert body["reactions"] == "http://testserver/api/reactions/"


@pytest.mark.parametrize("url", ENDPOINTS)
def test_every_record_exposes_sync_fields(api_client, url):
    ReactionFactory()
    StatementFactory()
    SourceFactory()
    row = api_client.get(url).json()["results"][0]
    for key in ("public_id", "slug", "created_at", "updated_at"):
        assert row[key], key


@pytest.mark.parametrize("url", ENDPOINTS)
def test_page_size_over_cap_is_400(api_client, url):
    response = api_client.get(url, {"page_size": settings.API_MAX_PAGE_SIZE + 1})
    assert response.status_code == 400
    assert list(response.json()) == ["page_size"]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_page_past_the_end_is_json_404(api_client, url):
    response = api_client.get(url, {"page": 99})
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


@pytest.mark.parametrize("url", ENDPOINTS)
def test_bad_ordering_is_400(api_client, url):
    response = api_client.get(url, {"ordering": "no_such_field"})
    assert response.status_code == 400
    assert "no_such_field" in response.json()["ordering"][0]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_naive_updated_after_is_400(api_client, url):
    response = api_client.get(url, {"updated_after": "2024-04-06T10:00:00"})
    assert response.status_code == 400
    assert "time zone" in response.json()["updated_after"][0]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_updated_after_with_any_valid_offset_is_the_same_moment_in_utc(api_client, url):
    # -19:54 is valid ISO 8601 and Python accepts it, but PostgreSQL stores offsets only to ±15:59:
    # this was a 500 there (found by tests/hardening/test_fuzz.py).
    far_west = api_client.get(url, {"updated_after": "2024-04-06T00:00:00-19:54"})
    in_utc = api_client.get(url, {"updated_after": "2024-04-06T19:54:00Z"})
    assert far_west.status_code == in_utc.status_code == 200
    assert far_west.json()["results"] == in_utc.json()["results"]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_updated_after_beyond_the_years_the_database_holds_means_the_nearest_moment(api_client, url):
    # Valid RFC 3339 moments that fall outside years 1-9999 once in UTC: before every record, or after
    # every record. They used to be a 400, which the schema (format: date-time) could not express.
    ReactionFactory()
    StatementFactory()
    SourceFactory()
    everything = api_client.get(url).json()["results"]
    before_all = api_client.get(url, {"updated_after": "0001-01-01T00:00:00+20:00"})
    after_all = api_client.get(url, {"updated_after": "9999-12-31T23:00:00-20:00"})
    assert before_all.status_code == after_all.status_code == 200
    assert sorted(r["slug"] for r in before_all.json()["results"]) == sorted(r["slug"] for r in everything)
    assert everything and after_all.json()["results"] == []


def test_deletion_feed_since_with_a_large_offset_is_accepted(api_client):
    response = api_client.get("/api/deletions/", {"since": "0207-08-27T23:46:13-19:54"})
    assert response.status_code == 200


@pytest.mark.parametrize("url", ENDPOINTS)
def test_malformed_updated_after_is_400(api_client, url):
    response = api_client.get(url, {"updated_after": "last tuesday"})
    assert response.status_code == 400
    assert list(response.json()) == ["updated_after"]


def test_page_size_splits_results_without_overlap(api_client):
    for day in range(1, 6):
        ReactionFactory(slug=f"r{day}", date=datetime.date(2024, 4, 6))
    first = slugs(api_client.get("/api/reactions/", {"page_size": 2}))
    second = slugs(api_client.get("/api/reactions/", {"page_size": 2, "page": 2}))
    third = slugs(api_client.get("/api/reactions/", {"page_size": 2, "page": 3}))
    assert first + second + third == ["r1", "r2", "r3", "r4", "r5"]


def test_updated_after_returns_changed_records_in_updated_at_then_id_order(api_client):
    ReactionFactory(slug="old", date=datetime.date(2024, 4, 1))
    late_date = ReactionFactory(slug="late-date", date=datetime.date(2024, 4, 30))
    early_date = ReactionFactory(slug="early-date", date=datetime.date(2024, 4, 2))
    base = timezone.now()
    for model in (Actor, Event, Source, Reaction):  # nothing inlined in a reaction changed recently
        model.objects.update(updated_at=base - datetime.timedelta(days=2))
    Reaction.objects.filter(pk=late_date.pk).update(updated_at=base)
    Reaction.objects.filter(pk=early_date.pk).update(updated_at=base + datetime.timedelta(seconds=1))

    since = (base - datetime.timedelta(days=1)).isoformat()
    assert slugs(api_client.get("/api/reactions/", {"updated_after": since})) == ["late-date", "early-date"]
    # "Z" and explicit offsets both work; the boundary record is included so a resumed sync misses nothing.
    utc_z = base.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    assert slugs(api_client.get("/api/reactions/", {"updated_after": utc_z})) == ["late-date", "early-date"]


def test_updated_after_ties_are_broken_by_id(api_client):
    first, second = ActorFactory(slug="first"), ActorFactory(slug="second")
    stamp = timezone.now()
    type(first).objects.filter(pk__in=[first.pk, second.pk]).update(updated_at=stamp)
    result = slugs(api_client.get("/api/actors/", {"updated_after": stamp.isoformat()}))
    assert result == ["first", "second"]


def test_updated_after_cannot_be_combined_with_ordering(api_client):
    response = api_client.get("/api/sources/", {"updated_after": "2024-01-01T00:00:00Z", "ordering": "title"})
    assert response.status_code == 400
    assert "updated_after" in response.json()["ordering"][0]


def test_unknown_query_parameters_are_ignored(api_client):
    SourceFactory(slug="s")
    EventFactory(slug="e")
    assert slugs(api_client.get("/api/sources/", {"colour": "blue"})) == ["s"]
