"""Ordering: public names, unknown values last in either direction, the same in page, cursor and CSV mode."""

import csv
import datetime
import io

import pytest

from events.models import Reaction
from tests.api.conftest import slugs
from tests.factories import PersonFactory, ReactionFactory, SourceFactory, StatementFactory

pytestmark = pytest.mark.django_db
URL = "/api/reactions/"


@pytest.fixture
def dated_and_undated():
    """Three dated reactions and two undated ones, created in an order that is none of the answers."""
    ReactionFactory(slug="undated-1", date=None, date_precision="unknown")
    ReactionFactory(slug="apr-9", date=datetime.date(2024, 4, 9))
    ReactionFactory(slug="apr-5", date=datetime.date(2024, 4, 5))
    ReactionFactory(slug="undated-2", date=None, date_precision="unknown")
    ReactionFactory(slug="apr-7", date=datetime.date(2024, 4, 7))


def walk_cursor(client, params):
    body = client.get(URL, {**params, "cursor": ""}).json()
    seen = [r["slug"] for r in body["results"]]
    while body["next"]:
        body = client.get(body["next"]).json()
        seen += [r["slug"] for r in body["results"]]
    return seen


def walk_pages(client, params):
    seen, page = [], 1
    while True:
        body = client.get(URL, {**params, "page": page}).json()
        seen += [r["slug"] for r in body["results"]]
        if not body["next"]:
            return seen
        page += 1


ASCENDING = ["apr-5", "apr-7", "apr-9", "undated-1", "undated-2"]
DESCENDING = ["apr-9", "apr-7", "apr-5", "undated-1", "undated-2"]


@pytest.mark.parametrize(("ordering", "expected"), [(None, ASCENDING), ("date", ASCENDING),
                                                    ("-date", DESCENDING)])
def test_unknown_dates_sort_last_in_either_direction_on_a_page(api_client, dated_and_undated, ordering,
                                                               expected):
    params = {"ordering": ordering} if ordering else {}
    assert slugs(api_client.get(URL, params)) == expected


@pytest.mark.parametrize(("ordering", "expected"), [("date", ASCENDING), ("-date", DESCENDING)])
@pytest.mark.parametrize("page_size", [1, 2, 4])
def test_pages_and_cursors_walk_the_same_order_whatever_the_page_size(api_client, dated_and_undated,
                                                                      ordering, expected, page_size):
    # Page sizes 2 and 4 put a page across the boundary between dated and undated reactions.
    params = {"ordering": ordering, "page_size": page_size}
    assert walk_pages(api_client, params) == expected
    assert walk_cursor(api_client, params) == expected


def test_csv_lists_unknown_dates_last_too(api_client, dated_and_undated):
    response = api_client.get(URL, {"ordering": "-date", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["slug"] for row in rows] == DESCENDING


def test_unknown_values_of_a_second_sort_key_sort_last_in_cursor_mode_too(api_client):
    ann, zed = PersonFactory(slug="ann", name="Ann"), PersonFactory(slug="zed", name="Zed")
    for speaker, day in [(zed, None), (ann, 9), (zed, 5), (ann, None), (ann, 5)]:
        StatementFactory(slug=f"{speaker.slug}-{day}", speaker=speaker,
                         date=day and datetime.date(2024, 4, day), date_precision="day" if day else "unknown")
    expected = ["zed-5", "zed-None", "ann-5", "ann-9", "ann-None"]
    params = {"ordering": "-speaker,date", "page_size": 2}
    assert slugs(api_client.get("/api/statements/", {**params, "page_size": 10})) == expected
    body = api_client.get("/api/statements/", {**params, "cursor": ""}).json()
    seen = [r["slug"] for r in body["results"]]
    while body["next"]:
        body = api_client.get(body["next"]).json()
        seen += [r["slug"] for r in body["results"]]
    assert seen == expected


def test_ordering_uses_public_names_and_still_accepts_the_old_internal_ones(api_client):
    StatementFactory(slug="z", speaker=PersonFactory(slug="zed", name="Zed"))
    StatementFactory(slug="a", speaker=PersonFactory(slug="ann", name="Ann"))
    assert slugs(api_client.get("/api/statements/", {"ordering": "speaker"})) == ["a", "z"]
    assert slugs(api_client.get("/api/statements/", {"ordering": "-speaker"})) == ["z", "a"]
    assert slugs(api_client.get("/api/statements/", {"ordering": "speaker__name"})) == ["a", "z"]
    response = api_client.get("/api/statements/", {"ordering": "quote"})
    assert response.status_code == 400
    message = response.json()["ordering"][0]
    assert "speaker" in message and "speaker__name" not in message


def test_a_cursor_from_an_old_name_continues_under_the_public_one(api_client):
    for day in (1, 2, 3):
        ReactionFactory(slug=f"r{day}", date=datetime.date(2024, 4, day))
    first = api_client.get(URL, {"ordering": "actor__name", "cursor": "", "page_size": 1}).json()
    second = api_client.get(first["next"].replace("ordering=actor__name", "ordering=actor"))
    assert second.status_code == 200
    expected = list(Reaction.objects.order_by("actor__name", "id").values_list("slug", flat=True))
    assert [r["slug"] for r in first["results"] + second.json()["results"]] == expected[:2]


def test_sources_without_a_publication_date_come_last(api_client):
    SourceFactory(slug="undated", published_on=None, published_precision="unknown")
    SourceFactory(slug="april", published_on=datetime.date(2024, 4, 6))
    assert slugs(api_client.get("/api/sources/")) == ["april", "undated"]
    assert slugs(api_client.get("/api/sources/", {"ordering": "-published_on"})) == ["april", "undated"]


def test_stats_neither_read_nor_refuse_ordering(api_client):
    ReactionFactory()
    response = api_client.get("/api/reactions/stats/", {"group_by": "stance", "ordering": "no_such_field"})
    assert response.status_code == 200
    assert response.json()["total"] == Reaction.objects.count()


@pytest.mark.parametrize("ordering", ["date", "-date"])
def test_a_page_takes_its_keys_first_in_an_order_an_index_on_the_date_provides(api_client, dated_and_undated,
                                                                             ordering):
    # No index provides "date DESC NULLS LAST"; the page's keys come from the dated rows in plain date
    # order (an index scan either way), then from the undated ones, each WHERE pk IN (SELECT ... LIMIT).
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert slugs(api_client.get(URL, {"ordering": ordering, "page_size": 4})) == (
            ASCENDING if ordering == "date" else DESCENDING)[:4]
    pages = [sql for sql in (q["sql"] for q in ctx.captured_queries)
             if "IN (SELECT" in sql and "events_reaction" in sql and "sources_citation" not in sql]
    assert len(pages) == 2  # the dated rows, then the undated one that completes the page
    for sql in pages:
        assert "NULLS" not in sql.upper().split("IN (SELECT", 1)[1]
