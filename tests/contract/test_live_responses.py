"""Every answer the API really gives validates against its own OpenAPI document (openapi-core, strict).

The real seed data plus records with every optional value empty (no date, no country, no parent, no
one spoken for, no URL), through every list (page and cursor mode, CSV), every detail, every stats
grouping, the deletions feed, and the error answers a client can meet. openapi-core also validates
each request against the schema, so the URLs here are the ones a client reading the schema would send.
"""

import datetime
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.db import OperationalError
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse
from rest_framework.throttling import AnonRateThrottle

from actors.choices import ActorKind
from actors.models import Actor
from events.api.views import ReactionViewSet
from events.models import Event, Reaction, Statement
from sources.models import Source
from tests.factories import (
    ActorFactory,
    CitationFactory,
    EventActorFactory,
    EventFactory,
    ReactionFactory,
    SourceFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db
HOST = "http://testserver"
RECORDS = {"reactions": Reaction, "statements": Statement, "events": Event, "actors": Actor,
           "sources": Source}
STATS = {"reactions": ["stance", "country", "kind", "actor_kind", "date"],
         "statements": ["speaker", "country", "date"], "events": ["country", "cameo", "date"]}


@pytest.fixture
def data(seeded):
    organization = ActorFactory(slug="no-country-org", kind=ActorKind.INTERNATIONAL_ORGANIZATION, country="")
    event = EventFactory(slug="undated-event", date=None, date_precision="unknown", country="", cameo_code="",
                         parent=None)
    EventActorFactory(event=event, actor=organization)
    reaction = ReactionFactory(slug="undated-reaction", actor=organization, event=event, date=None,
                               date_precision="unknown", cameo_code="")
    CitationFactory(reaction=reaction, source=SourceFactory(slug="unknown-source", published_on=None,
                                                            published_precision="unknown", author=None))
    StatementFactory(slug="for-no-one", event=event, on_behalf_of=None, date=None, date_precision="unknown")
    gone = ReactionFactory(slug="deleted-reaction")
    gone.delete()


@pytest.fixture
def openapi(api_client):
    return OpenAPI.from_dict(api_client.get("/api/schema/", {"format": "json"}).json())


@pytest.fixture
def check(api_client, openapi):
    """GET ``url``, validate the request and the answer against the schema, return the answer."""

    def check(url, status=200, **headers):
        response = api_client.get(url, **headers)
        assert response.status_code == status, (url, response.status_code, response.content[:300])
        body = b"".join(response.streaming_content) if response.streaming else response.content
        parts = urlsplit(url)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        request = MockRequest(HOST, "get", parts.path, args=query)
        if status < 400:
            openapi.validate_request(request)
        media_type = response["Content-Type"].split(";")[0]
        # openapi-core hands a non-JSON body to the schema as it gets it: text, for a string schema.
        data = body if media_type == "application/json" else body.decode()
        openapi.validate_response(request, MockResponse(
            data, status_code=response.status_code, headers=dict(response.headers), content_type=media_type))
        return response

    return check


@pytest.mark.parametrize("resource", RECORDS)
def test_every_list_page_and_cursor_page_validates(data, check, resource):
    body = check(f"/api/{resource}/?page_size=5").json()
    assert body["results"]
    url = f"/api/{resource}/?page_size=5&cursor="
    pages = 0
    while url:
        body = check(url).json()
        pages += 1
        url = body["next"] and body["next"].removeprefix(HOST)
    assert pages >= 2 or resource == "sources"
    check(f"/api/{resource}/?updated_after=2024-01-01T00:00:00Z")
    check(f"/api/{resource}/?format=csv")


@pytest.mark.parametrize("resource", RECORDS)
def test_every_detail_validates(data, check, resource):
    slugs = list(RECORDS[resource].objects.filter(**(
        {"status": "reviewed"} if resource in ("reactions", "statements", "events") else {}))
        .values_list("slug", flat=True))
    assert slugs
    for slug in slugs:
        check(f"/api/{resource}/{slug}/")
    check(f"/api/{resource}/{slugs[0]}/?format=csv")


@pytest.mark.parametrize("resource", STATS)
def test_every_stats_grouping_validates(data, check, resource):
    for group_by in STATS[resource]:
        body = check(f"/api/{resource}/stats/?group_by={group_by}").json()
        assert body["total"] > 0
    for interval in ("day", "week", "month"):
        check(f"/api/{resource}/stats/?group_by=date&interval={interval}")
    check(f"/api/{resource}/stats/?group_by=country&format=csv")


def test_the_deletions_feed_validates(data, check):
    body = check("/api/deletions/?since=2000-01-01T00:00:00Z&type=reaction,event").json()
    assert [row["type"] for row in body["results"]] == ["reaction"]


def test_a_list_filtered_the_way_generated_clients_send_lists_validates(data, check):
    body = check("/api/reactions/?country=NI,MX&ordering=-date,actor&stance=condemns").json()
    assert body["results"]


@pytest.mark.parametrize(("url", "status"), [
    ("/api/reactions/?country=ZZ", 400),
    ("/api/reactions/?stance=condemns&stance=supports", 400),
    ("/api/reactions/?cursor=not-a-cursor", 400),
    ("/api/reactions/stats/", 400),
    ("/api/reactions/a%00b/", 400),
    ("/api/reactions/no-such-reaction/", 404),
    ("/api/reactions/?page=999", 404),
    ("/api/reactions/?format=xml", 400),
    (f"/api/reactions/?q={'a' * 3000}", 414),
])
def test_error_answers_validate(data, check, url, status):
    assert check(url, status)["Content-Type"] == "application/json"


def test_a_request_for_html_only_is_a_documented_406(data, check):
    check("/api/reactions/", 406, HTTP_ACCEPT="text/html")


def test_throttled_answers_validate_with_retry_after(data, check, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    check("/api/actors/")  # the second request: the schema was the first
    assert check("/api/reactions/", 429)["Retry-After"]


def test_database_unavailable_answers_validate_with_retry_after(data, check, monkeypatch):
    def down(self, request, *args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(ReactionViewSet, "list", down)
    assert check("/api/reactions/", 503)["Retry-After"]


def test_the_check_itself_catches_a_body_that_breaks_the_schema(data, check, monkeypatch):
    # A required field missing from a live answer must fail validation (so the tests above can fail).
    from openapi_core.validation.response.exceptions import InvalidData

    original = ReactionViewSet.get_serializer_class

    def without_date(self):
        serializer_class = original(self)

        class Trimmed(serializer_class):
            def to_representation(self, instance):
                data = super().to_representation(instance)
                data.pop("date")
                return data

        return Trimmed

    monkeypatch.setattr(ReactionViewSet, "get_serializer_class", without_date)
    with pytest.raises(InvalidData):
        check(f"/api/reactions/{Reaction.objects.filter(status='reviewed').first().slug}/")


def test_dates_in_the_seed_data_are_what_the_schema_says(data):
    # The schema says date is a date or null; make sure both occur in what the tests above validated.
    dates = set(Reaction.objects.values_list("date", flat=True))
    assert None in dates and any(isinstance(d, datetime.date) for d in dates)
