"""Query parameters: one style for lists, no silently dropped values, no search that matches everything."""

import datetime

import pytest

from tests.api.conftest import slugs
from tests.factories import ActorFactory, ReactionFactory, StatementFactory

pytestmark = pytest.mark.django_db
URL = "/api/reactions/"


@pytest.fixture
def three(nicaragua, el_salvador, honduras):
    ReactionFactory(slug="ni", actor=nicaragua, date=datetime.date(2024, 4, 6))
    ReactionFactory(slug="sv", actor=el_salvador, date=datetime.date(2024, 4, 7), stance="abstains")
    ReactionFactory(slug="hn", actor=honduras, date=datetime.date(2024, 4, 8))


@pytest.mark.parametrize(("repeated", "comma_separated"), [
    ("actor=nicaragua&actor=honduras", "actor=nicaragua,honduras"),
    ("country=NI&country=SV", "country=NI,SV"),
    ("country=NI&country=&country=honduras", "country=NI,honduras"),
    ("ordering=-date&ordering=actor", "ordering=-date,actor"),
])
def test_a_repeated_list_parameter_means_the_same_as_its_comma_separated_form(api_client, three, repeated,
                                                                           comma_separated):
    # Generated clients (openapi-python-client, openapi-fetch) send lists as the repeated parameter;
    # the server used to keep the last value only and answer one row instead of two.
    by_repeat = slugs(api_client.get(f"{URL}?{repeated}"))
    assert len(by_repeat) >= 2
    assert by_repeat == slugs(api_client.get(f"{URL}?{comma_separated}"))


def test_deletions_take_several_types_comma_separated_or_repeated(api_client):
    since = "2024-01-01T00:00:00Z"
    for query in ("type=reaction,event", "type=reaction&type=event"):
        response = api_client.get(f"/api/deletions/?since={since}&{query}")
        assert response.status_code == 200, response.content
    response = api_client.get(f"/api/deletions/?since={since}&type=reaction,war")
    assert response.status_code == 400 and list(response.json()) == ["type"]


@pytest.mark.parametrize(("url", "query", "name"), [
    (URL, "stance=condemns&stance=abstains", "stance"),
    (URL, "q=nicaragua&q=honduras", "q"),
    (URL, "page=1&page=2", "page"),
    (URL, "page_size=1&page_size=2", "page_size"),
    (URL, "format=json&format=csv", "format"),
    (URL, "date_after=2024-04-06&date_after=2024-04-08", "date_after"),
    ("/api/reactions/ni/", "format=json&format=json", "format"),
    ("/api/reactions/stats/", "group_by=stance&group_by=country", "group_by"),
    ("/api/deletions/", "since=2024-01-01T00:00:00Z&since=2024-02-01T00:00:00Z", "since"),
])
def test_a_repeated_single_valued_parameter_is_a_400_naming_it(api_client, three, url, query, name):
    response = api_client.get(f"{url}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == [name]
    assert "once" in response.json()[name][0]


def test_unknown_parameters_are_ignored_even_when_repeated(api_client, three):
    assert len(slugs(api_client.get(f"{URL}?colour=blue&colour=red"))) == 3


@pytest.mark.parametrize("q", ["🙂", "   ", "🙂 🙂", "\u200b"])
def test_a_search_with_nothing_to_search_for_matches_nothing(api_client, q):
    ReactionFactory(slug="r", description="Something.")
    StatementFactory(slug="s")
    ActorFactory(slug="a")
    for url in (URL, "/api/statements/", "/api/events/", "/api/actors/"):
        assert slugs(api_client.get(url, {"q": q})) == [], url


def test_an_empty_search_is_no_filter_like_any_empty_parameter(api_client):
    ReactionFactory(slug="r")
    assert slugs(api_client.get(URL, {"q": ""})) == ["r"]


@pytest.mark.parametrize("page", ["0", "-1", "last", "1.5", "٣", " 2"])
def test_a_page_that_is_not_a_whole_number_from_1_is_a_400_naming_page(api_client, page):
    ReactionFactory()
    response = api_client.get(URL, {"page": page})
    assert response.status_code == 400
    assert list(response.json()) == ["page"]


@pytest.mark.parametrize("cameo", ["١٧", "17a", "12345"])
def test_cameo_is_one_to_four_ascii_digits(api_client, cameo):
    response = api_client.get("/api/events/", {"cameo": cameo})
    assert response.status_code == 400
    assert list(response.json()) == ["cameo"]
