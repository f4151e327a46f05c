"""Each list endpoint costs the same number of queries for 1 row as for 100: an N+1 fails here."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sources.choices import TextOrigin
from sources.services import set_text
from tests.factories import (
    CitationFactory,
    EventActorFactory,
    EventFactory,
    PersonFactory,
    ReactionFactory,
    RoleFactory,
    SourceFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db


def _reactions(n):
    for _ in range(n):
        reaction = ReactionFactory()
        CitationFactory(reaction=reaction)
        CitationFactory(reaction=reaction)


def _statements(n):
    for _ in range(n):
        statement = StatementFactory()
        CitationFactory(statement=statement)
        CitationFactory(statement=statement)


def _events(n):
    parent = EventFactory()
    for _ in range(n):
        event = EventFactory(parent=parent)
        EventActorFactory(event=event)
        EventActorFactory(event=event, role="target")
        CitationFactory(event=event)


def _actors(n):
    for _ in range(n):
        person = PersonFactory()
        RoleFactory(person=person)
        RoleFactory(person=person, title="Ambassador")


def _sources(n):
    for i in range(n):
        source = SourceFactory()
        if i % 2 == 0:  # half of them with an archived text: has_text and text_sha256 come by a join
            set_text(source=source, text=f"Report number {i}.", origin=TextOrigin.PASTED)


CASES = [
    ("/api/reactions/", _reactions),
    ("/api/statements/", _statements),
    ("/api/events/", _events),
    ("/api/actors/", _actors),
    ("/api/sources/", _sources),
]


def _count_queries(client, url, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"page_size": 500, **params})
    assert response.status_code == 200, response.content
    return len(queries), response.json()["count"]


@pytest.mark.parametrize(("url", "make"), CASES, ids=[url for url, _ in CASES])
def test_list_query_count_does_not_grow_with_rows(api_client, url, make):
    make(1)
    small, small_count = _count_queries(api_client, url)
    make(99)
    large, large_count = _count_queries(api_client, url)
    assert large_count >= 100 > small_count
    assert large == small


@pytest.mark.parametrize(("url", "make"), CASES, ids=[url for url, _ in CASES])
def test_sync_query_count_does_not_grow_with_rows(api_client, url, make):
    make(1)
    small, small_count = _count_queries(api_client, url, updated_after="2000-01-01T00:00:00Z")
    make(99)
    large, large_count = _count_queries(api_client, url, updated_after="2000-01-01T00:00:00Z")
    assert large_count >= 100 > small_count
    assert large == small
