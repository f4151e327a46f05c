import datetime

import pytest

from core.choices import ReviewStatus
from tests.api.conftest import slugs
from tests.factories import ActorFactory, CitationFactory, EventActorFactory, EventFactory

pytestmark = pytest.mark.django_db
URL = "/api/events/"


def test_event_carries_participants_with_roles_parent_and_citations(api_client, mexico):
    parent = EventFactory(slug="raid", title="Raid")
    child = EventFactory(slug="ties-cut", parent=parent, country="MX", cameo_code="161")
    EventActorFactory(event=child, actor=mexico, role="initiator")
    CitationFactory(event=child, excerpt="Ties were cut.")

    body = api_client.get(f"{URL}ties-cut/").json()

    assert body["parent"] == {"slug": "raid", "title": "Raid", "date": "2024-04-05", "date_precision": "day"}
    assert body["participants"] == [{"actor": {"slug": "mexico", "name": "Mexico", "kind": "state",
                                               "country": "MX", "country_name": "Mexico"},
                                     "role": "initiator"}]
    assert body["citations"][0]["excerpt"] == "Ties were cut."
    assert body["country"] == "MX"
    assert body["country_name"] == "Mexico"
    assert body["cameo_label"] == "Reduce or break diplomatic relations"
    assert body["public_id"] == str(child.public_id)


def test_drafts_are_hidden_from_anonymous_users(api_client):
    EventFactory(slug="draft", status=ReviewStatus.DRAFT)
    EventFactory(slug="public")
    assert slugs(api_client.get(URL)) == ["public"]


def test_date_filters(api_client):
    EventFactory(slug="early", date=datetime.date(2024, 4, 5))
    EventFactory(slug="late", date=datetime.date(2024, 5, 1))
    assert slugs(api_client.get(URL, {"date_after": "2024-04-06"})) == ["late"]
    assert slugs(api_client.get(URL, {"date_before": "2024-04-06"})) == ["early"]


def test_country_filter_matches_place_or_participant(api_client, mexico):
    raid = EventFactory(slug="raid", country="EC")
    EventActorFactory(event=raid, actor=mexico, role="target")
    EventActorFactory(event=raid, actor=ActorFactory(slug="ecuador", country="EC"), role="initiator")
    EventFactory(slug="paris", country="FR")
    assert slugs(api_client.get(URL, {"country": "ecuador"})) == ["raid"]
    assert slugs(api_client.get(URL, {"country": "MX"})) == ["raid"]
    assert slugs(api_client.get(URL, {"country": "fra"})) == ["paris"]
    assert api_client.get(URL, {"country": "XX"}).status_code == 400


def test_actor_filter_matches_participants(api_client, mexico, nicaragua):
    raid = EventFactory(slug="raid")
    EventActorFactory(event=raid, actor=mexico, role="target")
    other = EventFactory(slug="other")
    EventActorFactory(event=other, actor=nicaragua)
    assert slugs(api_client.get(URL, {"actor": "mexico"})) == ["raid"]
    assert sorted(slugs(api_client.get(URL, {"actor": "mexico,nicaragua"}))) == ["other", "raid"]


def test_cameo_filter_matches_prefix(api_client):
    EventFactory(slug="criticism", cameo_code="111")
    EventFactory(slug="arrest", cameo_code="173")
    assert slugs(api_client.get(URL, {"cameo": "11"})) == ["criticism"]
    assert slugs(api_client.get(URL, {"cameo": "173"})) == ["arrest"]
    response = api_client.get(URL, {"cameo": "abc"})
    assert response.status_code == 400
    assert "cameo" in response.json()


def test_parent_filter(api_client):
    raid = EventFactory(slug="raid")
    EventFactory(slug="child", parent=raid)
    assert slugs(api_client.get(URL, {"parent": "raid"})) == ["child"]


def test_q_searches_title_description_and_place(api_client):
    EventFactory(slug="hit", title="Police enter the embassy", place="Quito")
    EventFactory(slug="miss", title="A vote", place="Washington")
    assert slugs(api_client.get(URL, {"q": "EMBASSY quito"})) == ["hit"]


def test_ordering_by_title(api_client):
    EventFactory(slug="b", title="B")
    EventFactory(slug="a", title="A")
    assert slugs(api_client.get(URL, {"ordering": "-title"})) == ["b", "a"]
