import datetime

import pytest

from core.choices import ReviewStatus
from tests.api.conftest import slugs
from tests.factories import CitationFactory, EventFactory, PersonFactory, StatementFactory

pytestmark = pytest.mark.django_db
URL = "/api/statements/"


def test_statement_carries_speaker_on_behalf_of_event_and_citations(api_client, mexico):
    speaker = PersonFactory(slug="barcena", name="Alicia Bárcena")
    statement = StatementFactory(slug="barcena-says", speaker=speaker, on_behalf_of=mexico,
                                 quote="A quote.", context="At a press conference.")
    CitationFactory(statement=statement, excerpt="A quote.")

    body = api_client.get(f"{URL}barcena-says/").json()

    assert body["public_id"] == str(statement.public_id)
    assert body["speaker"]["name"] == "Alicia Bárcena"
    assert body["on_behalf_of"] == {"slug": "mexico", "name": "Mexico", "kind": "state", "country": "MX",
                                    "country_name": "Mexico"}
    assert body["event"]["slug"] == statement.event.slug
    assert body["quote"] == "A quote."
    assert body["citations"][0]["excerpt"] == "A quote."
    assert body["citations"][0]["source"]["slug"] == statement.citations.get().source.slug


def test_statement_without_on_behalf_of_shows_null(api_client):
    StatementFactory(slug="alone", on_behalf_of=None)
    assert api_client.get(f"{URL}alone/").json()["on_behalf_of"] is None


def test_drafts_are_hidden_from_anonymous_users(api_client, staff_client):
    StatementFactory(slug="draft", status=ReviewStatus.DRAFT)
    StatementFactory(slug="public")
    assert slugs(api_client.get(URL)) == ["public"]
    assert slugs(staff_client.get(URL, {"status": "draft"})) == ["draft"]


def test_speaker_filter(api_client):
    StatementFactory(slug="by-a", speaker=PersonFactory(slug="a"))
    StatementFactory(slug="by-b", speaker=PersonFactory(slug="b"))
    assert slugs(api_client.get(URL, {"speaker": "a"})) == ["by-a"]


def test_country_filter_matches_speaker_or_on_behalf_of(api_client, mexico, nicaragua):
    StatementFactory(slug="for-mexico", on_behalf_of=mexico)
    StatementFactory(slug="nicaraguan", speaker=PersonFactory(slug="ni-person", country="NI"),
                     on_behalf_of=None)
    StatementFactory(slug="french")
    assert slugs(api_client.get(URL, {"country": "MEX"})) == ["for-mexico"]
    assert slugs(api_client.get(URL, {"country": "nicaragua"})) == ["nicaraguan"]
    assert api_client.get(URL, {"country": "Atlantis"}).status_code == 400


def test_event_and_date_filters(api_client):
    raid = EventFactory(slug="raid")
    StatementFactory(slug="on-raid", event=raid, date=datetime.date(2024, 4, 6))
    StatementFactory(slug="later", date=datetime.date(2024, 4, 20))
    assert slugs(api_client.get(URL, {"event": "raid"})) == ["on-raid"]
    assert slugs(api_client.get(URL, {"date_after": "2024-04-10"})) == ["later"]
    assert slugs(api_client.get(URL, {"date_before": "2024-04-10"})) == ["on-raid"]
    assert api_client.get(URL, {"date_before": "2024-02-30"}).status_code == 400


def test_q_searches_quotes_ignoring_accents(api_client):
    StatementFactory(slug="hit", quote="Una violación flagrante del derecho internacional.")
    StatementFactory(slug="miss", quote="Something else.")
    assert slugs(api_client.get(URL, {"q": "violacion FLAGRANTE"})) == ["hit"]


def test_ordering_by_speaker(api_client):
    StatementFactory(slug="z", speaker=PersonFactory(slug="zed", name="Zed"))
    StatementFactory(slug="a", speaker=PersonFactory(slug="ann", name="Ann"))
    assert slugs(api_client.get(URL, {"ordering": "speaker"})) == ["a", "z"]
    assert api_client.get(URL, {"ordering": "quote"}).status_code == 400
