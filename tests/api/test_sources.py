import datetime

import pytest

from sources.choices import SourceKind
from tests.api.conftest import slugs
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db
URL = "/api/sources/"


def test_source_fields(api_client):
    source = SourceFactory(slug="ap", publisher="Associated Press", title="Raid", author=None, url=None)
    body = api_client.get(f"{URL}ap/").json()
    assert body["public_id"] == str(source.public_id)
    assert body["publisher"] == "Associated Press"
    assert body["url"] is None
    assert body["author"] is None
    assert "corpus_name" not in body


def test_publisher_filter_is_case_insensitive_substring(api_client):
    SourceFactory(slug="ap", publisher="Associated Press")
    SourceFactory(slug="reuters", publisher="Reuters")
    assert slugs(api_client.get(URL, {"publisher": "associated"})) == ["ap"]


def test_kind_and_published_date_filters(api_client):
    SourceFactory(slug="news", published_on=datetime.date(2024, 4, 6))
    SourceFactory(slug="op-ed", kind=SourceKind.OPINION, published_on=datetime.date(2024, 4, 20))
    assert slugs(api_client.get(URL, {"kind": "opinion"})) == ["op-ed"]
    assert slugs(api_client.get(URL, {"published_after": "2024-04-10"})) == ["op-ed"]
    assert slugs(api_client.get(URL, {"published_before": "2024-04-10"})) == ["news"]
    assert api_client.get(URL, {"kind": "blog"}).status_code == 400
    assert api_client.get(URL, {"published_after": "yesterday"}).status_code == 400


def test_ordering_by_title(api_client):
    SourceFactory(slug="b", title="B")
    SourceFactory(slug="a", title="A")
    assert slugs(api_client.get(URL, {"ordering": "title"})) == ["a", "b"]
