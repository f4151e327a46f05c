"""Cursor (keyset) pagination and the capped count, on synthetic data."""

import pytest
from django.core.management import call_command

from core.api.pagination import CappedPaginator
from events.models import Reaction
from tests.factories import ReactionFactory

pytestmark = pytest.mark.django_db
URL = "/api/reactions/"


@pytest.fixture
def synthetic():
    call_command("generate_synthetic", reactions=300, seed=3, verbosity=0)


def walk(client, params):
    slugs, pages = [], 0
    body = client.get(URL, {**params, "cursor": ""}).json()
    while True:
        pages += 1
        slugs += [r["slug"] for r in body["results"]]
        if not body["next"]:
            return slugs, pages
        body = client.get(body["next"]).json()


def test_cursor_walks_every_reaction_once_in_date_order(api_client, synthetic):
    slugs, pages = walk(api_client, {"page_size": 40})
    expected = list(Reaction.objects.order_by("date", "id").values_list("slug", flat=True))
    assert slugs == expected
    assert pages == 8  # 300 rows in pages of 40


def test_cursor_follows_the_ordering_parameter_and_filters(api_client, synthetic):
    slugs, _ = walk(api_client, {"page_size": 25, "ordering": "-date", "kind": "condemnation"})
    expected = list(Reaction.objects.filter(kind="condemnation").order_by("-date", "-id")
                    .values_list("slug", flat=True))
    assert sorted(slugs) == sorted(expected)
    dates = list(Reaction.objects.filter(slug__in=slugs).values_list("slug", "date"))
    by_slug = dict(dates)
    assert [by_slug[s] for s in slugs] == sorted((by_slug[s] for s in slugs), reverse=True)


def test_cursor_crosses_from_dated_to_undated_reactions(api_client, synthetic):
    undated = [ReactionFactory(slug=f"undated-{i}", date=None, date_precision="unknown",
                               status="reviewed") for i in range(3)]
    slugs, _ = walk(api_client, {"page_size": 7})
    assert len(slugs) == len(set(slugs)) == Reaction.objects.filter(status="reviewed").count()
    assert slugs[-3:] == [r.slug for r in undated]


def test_cursor_pages_have_no_count_and_a_constant_number_of_queries(api_client, synthetic,
                                                                     django_assert_max_num_queries):
    first = api_client.get(URL, {"cursor": "", "page_size": 50}).json()
    assert "count" not in first and first["next"]
    with django_assert_max_num_queries(3):
        body = api_client.get(first["next"]).json()
    assert len(body["results"]) == 50


SHORT_CURSOR = "eyJwIjoidmFsdWVzIiwibyI6WyJkYXRlIiwiaWQiXSwidiI6WzFdfQ"  # one value for two keys


@pytest.mark.parametrize("cursor", ["not-a-cursor", "e30", SHORT_CURSOR])
def test_bad_cursor_is_a_400_naming_the_parameter(api_client, synthetic, cursor):
    response = api_client.get(URL, {"cursor": cursor})
    assert response.status_code == 400
    assert "cursor" in response.json()


def test_cursor_and_page_together_is_a_400(api_client, synthetic):
    response = api_client.get(URL, {"cursor": "", "page": 2})
    assert response.status_code == 400
    assert "cursor" in response.json()


def test_a_cursor_from_another_ordering_is_refused(api_client, synthetic):
    next_link = api_client.get(URL, {"cursor": "", "page_size": 10}).json()["next"]
    response = api_client.get(next_link + "&ordering=-date")
    assert response.status_code == 400
    assert "ordering" in response.json()["cursor"][0]


def test_count_is_capped_and_the_last_numbered_page_continues_with_a_cursor(api_client, synthetic,
                                                                          monkeypatch):
    monkeypatch.setattr(CappedPaginator, "limit", 100)
    body = api_client.get(URL, {"page_size": 50}).json()
    assert body["count"] == 100 and body["count_exact"] is False

    last = api_client.get(URL, {"page_size": 50, "page": 2}).json()
    assert "cursor=" in last["next"]
    page = api_client.get(last["next"]).json()
    rest = [r["slug"] for r in page["results"]]
    expected = list(Reaction.objects.order_by("date", "id").values_list("slug", flat=True))
    assert rest == expected[100:150]

    beyond = api_client.get(URL, {"page_size": 50, "page": 3})
    assert beyond.status_code == 404
    assert "cursor" in beyond.json()["detail"]


def test_small_lists_keep_an_exact_count(api_client, synthetic):
    body = api_client.get(URL, {"page_size": 10}).json()
    assert body["count"] == 300 and body["count_exact"] is True
