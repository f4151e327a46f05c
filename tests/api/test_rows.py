"""The read path from rows (core/api/rows.py) serves exactly what the serializers say.

Lists, details and CSV read records as rows through each model's ``api_reader()``; the serializers
(whose declared fields are the OpenAPI schema) stay the specification. For every list endpoint, on the
real seed data and on synthetic records with every optional value empty, partial dates, alleged
claims and hand-coded PLOVER fields, the reader's dict for each record equals the serializer's output
for the same record, field by field and keys in the same order, and the API serves those dicts.
"""

import datetime
import gzip

import pytest
from django.db import connection

from actors.api.serializers import ActorSerializer
from actors.choices import ActorKind
from actors.models import Actor
from core.api import renderers
from events.api.serializers import EventSerializer, ReactionSerializer, StatementSerializer
from events.choices import Certainty
from events.models import Event, Reaction, Statement
from sources.api.serializers import SourceSerializer
from sources.choices import TextOrigin
from sources.models import Source
from sources.services import set_text
from tests.factories import (
    ActorFactory,
    CitationFactory,
    EventActorFactory,
    EventFactory,
    PersonFactory,
    ReactionFactory,
    RoleFactory,
    SourceFactory,
    StatementFactory,
)

MODELS = [(Reaction, ReactionSerializer, "/api/reactions/"),
          (Statement, StatementSerializer, "/api/statements/"), (Event, EventSerializer, "/api/events/"),
          (Actor, ActorSerializer, "/api/actors/"), (Source, SourceSerializer, "/api/sources/")]
IDS = [url for _m, _s, url in MODELS]


def assert_rows_match_serializer(model, serializer_class):
    queryset = model.objects.for_api().order_by("id")
    instances = list(queryset)
    reader = queryset.api_reader()
    rows = reader.represent(list(reader.queryset))
    assert instances, "nothing to compare"
    assert len(rows) == len(instances)
    for instance, row in zip(instances, rows, strict=True):
        expected = serializer_class(instance).data
        for field in serializer_class.Meta.fields:
            assert row[field] == expected[field], (instance.slug, field)
        assert list(row) == list(expected) == serializer_class.Meta.fields


@pytest.mark.parametrize(("model", "serializer_class", "url"), MODELS, ids=IDS)
def test_rows_of_every_seed_record_equal_the_serializer_output(seeded, model, serializer_class, url):
    assert_rows_match_serializer(model, serializer_class)


@pytest.fixture
def awkward_records(db):
    """Records with the values a client must handle: nulls, empty strings, partial dates, alleged
    claims, hand-coded PLOVER fields, an unknown role date, a source without a URL or author."""
    organization = ActorFactory(kind=ActorKind.INTERNATIONAL_ORGANIZATION, country="", aliases=["UNO", "ONU"])
    person = PersonFactory(description="A spokesperson.")
    RoleFactory(person=person, organization=organization, is_current=None)
    RoleFactory(person=person, title="Ambassador", is_current=False, start_date=datetime.date(2020, 1, 1),
                start_precision="year", end_date=datetime.date(2022, 3, 1), end_precision="month")
    parent = EventFactory(date=datetime.date(2024, 1, 1), date_precision="year", country="MX")
    undated = EventFactory(date=None, date_precision="unknown", country="", cameo_code="", parent=None)
    child = EventFactory(parent=parent, certainty=Certainty.ALLEGED, cameo_code="172", plover_hand_coded=True,
                         plover_type="SANCTION", plover_mode="", plover_contexts=["legal", "diplomatic"])
    EventActorFactory(event=child, actor=organization)
    EventActorFactory(event=child, actor=person, role="target")
    alleged = ReactionFactory(actor=organization, event=undated, date=None, date_precision="unknown",
                              cameo_code="", certainty=Certainty.ALLEGED,
                              description='Said "no", then protested,\nloudly.')
    hand_coded = ReactionFactory(cameo_code="111", plover_hand_coded=True, plover_type="SANCTION",
                                 plover_mode="convict", plover_contexts=[], date=datetime.date(2024, 5, 1),
                                 date_precision="month",
                                 description='Convicted, "in absentia",\r\nby a court.')
    ReactionFactory(cameo_code="161")
    statement = StatementFactory(event=child, speaker=person, on_behalf_of=organization, context="")
    StatementFactory(event=undated, on_behalf_of=None, date=None, date_precision="unknown")
    no_url = SourceFactory(url=None, author=None, published_on=None, published_precision="unknown")
    archived = SourceFactory(url="https://example.org/freedonia-report", author="A. Writer")
    set_text(source=archived, text="Freedonia closed its border on Monday.", origin=TextOrigin.PASTED)
    for record in (alleged, hand_coded):
        CitationFactory(reaction=record, source=no_url, excerpt="protested")
        CitationFactory(reaction=record, source=archived, excerpt="closed its border")
    CitationFactory(statement=statement, source=archived, excerpt="Freedonia closed")
    CitationFactory(event=child, source=no_url, excerpt="the crisis")


@pytest.mark.parametrize(("model", "serializer_class", "url"), MODELS, ids=IDS)
def test_rows_of_records_with_empty_and_partial_values_equal_the_serializer_output(
        awkward_records, model, serializer_class, url):
    assert_rows_match_serializer(model, serializer_class)


@pytest.mark.parametrize(("model", "serializer_class", "url"), MODELS, ids=IDS)
def test_list_and_detail_serve_what_the_serializer_says(awkward_records, api_client, model, serializer_class,
                                                        url):
    results = api_client.get(url, {"page_size": 100}).json()["results"]
    by_slug = {instance.slug: serializer_class(instance).data for instance in model.objects.for_api()}
    assert {r["slug"] for r in results} == set(by_slug)
    for row in results:
        assert row == by_slug[row["slug"]]
        assert api_client.get(f"{url}{row['slug']}/").json() == row


@pytest.mark.django_db
def test_a_cursor_page_continues_from_the_row_it_was_read_from(api_client):
    for day in range(1, 8):
        ReactionFactory(date=datetime.date(2024, 4, day))
    first = api_client.get("/api/reactions/", {"cursor": "", "page_size": 3}).json()
    second = api_client.get(first["next"]).json()
    dates = [r["date"] for r in first["results"] + second["results"]]
    assert dates == [f"2024-04-0{d}" for d in range(1, 7)]


def _csv(client, url, **headers):
    response = client.get(url, {"format": "csv"}, **headers)
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="CSV is written by the database on PostgreSQL")
@pytest.mark.parametrize(("model", "serializer_class", "url"), MODELS, ids=IDS)
def test_csv_written_by_the_database_is_byte_for_byte_what_python_writes(
        awkward_records, api_client, monkeypatch, model, serializer_class, url):
    Reaction.objects.filter(certainty=Certainty.ALLEGED).update(
        updated_at=datetime.datetime(2024, 4, 6, 3, 30, 0, 120, tzinfo=datetime.UTC))
    _, by_database = _csv(api_client, url)
    monkeypatch.setattr(renderers, "csv_sql", lambda reader, columns: None)
    _, by_python = _csv(api_client, url)
    assert by_database.count(b"\r\n") > 1
    assert by_database == by_python


@pytest.mark.parametrize("url", ["/api/reactions/", "/api/statements/", "/api/events/"])
def test_csv_of_a_filter_that_matches_nothing_is_the_header_alone(awkward_records, api_client, url):
    # No actor is in Afghanistan: the country filter compiles to no SQL at all.
    response = api_client.get(url, {"format": "csv", "country": "AF"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body.count(b"\r\n") == 1 and body.startswith(b"public_id,")


@pytest.mark.parametrize("url", ["/api/reactions/", "/api/events/"])
def test_csv_is_gzipped_for_clients_that_accept_it(awkward_records, api_client, url):
    plain_response, plain = _csv(api_client, url)
    response, packed = _csv(api_client, url, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert response["Content-Encoding"] == "gzip" and "Content-Encoding" not in plain_response
    assert "Accept-Encoding" in response["Vary"]
    assert gzip.decompress(packed) == plain
