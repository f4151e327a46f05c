"""CSV output: ?format=csv and Accept: text/csv give every matching row, flat, streamed."""

import csv
import io

import pytest

from core.choices import ReviewStatus
from events.choices import Stance
from tests.factories import (
    ActorFactory,
    CitationFactory,
    EventFactory,
    PersonFactory,
    ReactionFactory,
    SourceFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db

REACTION_COLUMNS = ["public_id", "slug", "actor_slug", "actor_name", "actor_kind", "country", "event_slug",
                    "kind", "stance", "date", "date_precision", "certainty", "cameo_code", "plover_type",
                    "plover_mode", "plover_contexts", "plover_hand_coded", "description",
                    "status", "source_slugs", "updated_at"]


def read_csv(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def all_json_slugs(client, url, params):
    slugs, page = [], 1
    while True:
        body = client.get(url, {**params, "page": page, "page_size": 2}).json()
        slugs += [row["slug"] for row in body["results"]]
        if not body["next"]:
            return slugs, body["count"]
        page += 1


@pytest.mark.parametrize("url", ["/api/reactions/", "/api/statements/", "/api/events/", "/api/actors/",
                                 "/api/sources/"])
def test_every_list_endpoint_csv_has_the_same_rows_as_the_paginated_json(seeded, api_client, url):
    slugs, count = all_json_slugs(api_client, url, {})
    rows = read_csv(api_client.get(url, {"format": "csv"}))

    assert count > 2  # so the JSON took more than one page
    assert [row["slug"] for row in rows] == slugs
    assert len(rows) == count


def test_csv_honours_the_list_filters(seeded, api_client):
    params = {"stance": "condemns", "country": "BRA,ARG,CHL,COL,Honduras"}
    slugs, count = all_json_slugs(api_client, "/api/reactions/", params)

    rows = read_csv(api_client.get("/api/reactions/", {**params, "format": "csv"}))

    assert [row["slug"] for row in rows] == slugs
    assert {row["stance"] for row in rows} <= {"condemns"}


def test_accept_text_csv_header_selects_csv(seeded, api_client):
    response = api_client.get("/api/reactions/", HTTP_ACCEPT="text/csv")

    rows = read_csv(response)
    assert list(rows[0]) == REACTION_COLUMNS
    assert response["Content-Disposition"] == 'attachment; filename="reactions.csv"'


def test_browser_accept_header_still_gets_json_or_html_not_csv(api_client):
    response = api_client.get("/api/reactions/", HTTP_ACCEPT="*/*")
    assert response["Content-Type"].startswith("application/json")


def test_reaction_row_is_flat_with_cited_source_slugs(api_client):
    actor = ActorFactory(slug="mexico", name="México", country="MX")
    reaction = ReactionFactory(slug="mx-severs", actor=actor, event=EventFactory(slug="raid"),
                               description='Said "enough", then left.\nNew line.')
    ap, reuters = SourceFactory(slug="ap"), SourceFactory(slug="reuters")
    CitationFactory(source=ap, reaction=reaction, excerpt="One.")
    CitationFactory(source=reuters, reaction=reaction, excerpt="Two.")
    CitationFactory(source=ap, reaction=reaction, excerpt="Three.")

    (row,) = read_csv(api_client.get("/api/reactions/", {"format": "csv"}))

    assert row["slug"] == "mx-severs"
    assert row["public_id"] == str(reaction.public_id)
    assert row["actor_name"] == "México"
    assert row["country"] == "MX"
    assert row["event_slug"] == "raid"
    assert row["description"] == 'Said "enough", then left.\nNew line.'
    assert row["source_slugs"] == "ap|reuters"
    assert row["date"] == "2024-04-06"


def test_csv_is_not_paginated_and_costs_the_same_queries_for_few_or_many_rows(
        api_client, django_assert_max_num_queries):
    source = SourceFactory()
    for _ in range(120):
        CitationFactory(source=source, reaction=ReactionFactory())

    with django_assert_max_num_queries(4):  # rows + citations, per 2000-row chunk
        rows = read_csv(api_client.get("/api/reactions/", {"format": "csv"}))

    assert len(rows) == 120
    assert all(row["source_slugs"] == source.slug for row in rows)


def test_anonymous_csv_leaves_out_drafts(api_client):
    ReactionFactory(slug="public")
    ReactionFactory(slug="draft", status=ReviewStatus.DRAFT)

    rows = read_csv(api_client.get("/api/reactions/", {"format": "csv"}))

    assert [row["slug"] for row in rows] == ["public"]


def test_bad_filter_with_csv_is_a_json_400_naming_the_parameter(api_client):
    response = api_client.get("/api/reactions/", {"format": "csv", "stance": "angry"})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert "stance" in response.json()


def test_detail_csv_is_one_row(api_client):
    ReactionFactory(slug="one", stance=Stance.SUPPORTS)

    (row,) = read_csv(api_client.get("/api/reactions/one/", {"format": "csv"}))

    assert row["slug"] == "one"
    assert row["stance"] == "supports"


def test_stats_answer_csv_too(api_client):
    ReactionFactory(stance=Stance.SUPPORTS)
    ReactionFactory(stance=Stance.SUPPORTS)
    ReactionFactory()

    response = api_client.get("/api/reactions/stats/", {"group_by": "stance", "format": "csv"})

    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows == [{"key": "supports", "label": "Supports", "count": "2"},
                    {"key": "condemns", "label": "Condemns", "count": "1"}]


def test_statement_country_is_whom_the_speaker_speaks_for_else_their_own(api_client):
    minister = PersonFactory(slug="minister", country="MX")
    StatementFactory(slug="for-mexico", speaker=minister, on_behalf_of=ActorFactory(country="EC"))
    StatementFactory(slug="own-name", speaker=minister, on_behalf_of=None)
    StatementFactory(slug="igo-speaker", speaker=minister,
                     on_behalf_of=ActorFactory(kind="international_organization", country=""))

    rows = {row["slug"]: row for row in read_csv(api_client.get("/api/statements/", {"format": "csv"}))}

    assert rows["for-mexico"]["country"] == "EC"
    assert rows["own-name"]["country"] == "MX"
    assert rows["igo-speaker"]["country"] == "MX"
    assert rows["own-name"]["on_behalf_of_slug"] == ""
