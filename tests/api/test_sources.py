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


def _archive(source, text="Freedonia closed its border on Monday."):
    from sources.choices import TextOrigin
    from sources.services import set_text

    return set_text(source=source, text=text, origin=TextOrigin.UPLOADED_FILE, origin_detail="wire.txt")


def test_sources_say_whether_they_have_an_archived_text_and_its_hash_but_not_the_text(api_client):
    archived = _archive(SourceFactory(slug="with-text", title="A report"))
    SourceFactory(slug="without-text", title="B report")
    body = {s["slug"]: s for s in api_client.get(URL).json()["results"]}
    assert (body["with-text"]["has_text"], body["with-text"]["text_sha256"]) == (True, archived.sha256)
    assert (body["without-text"]["has_text"], body["without-text"]["text_sha256"]) == (False, None)
    assert "text" not in body["with-text"]
    assert api_client.get(f"{URL}with-text/").json()["text_sha256"] == archived.sha256
    response = api_client.get(URL, {"format": "csv", "ordering": "title"})
    rows = b"".join(response.streaming_content).decode().splitlines()
    assert ",has_text,text_sha256," in rows[0]
    assert f",true,{archived.sha256}," in rows[1] and ",false,," in rows[2]


def test_the_text_is_served_to_staff_only(api_client, staff_client, django_user_model):
    archived = _archive(SourceFactory(slug="wire"))
    body = staff_client.get(f"{URL}wire/text/").json()
    assert body == {"source": "wire", "sha256": archived.sha256, "language": "en", "origin": "uploaded_file",
                    "origin_detail": "wire.txt", "obtained_at": body["obtained_at"], "length": 38,
                    "text": "Freedonia closed its border on Monday."}
    # Anonymous and signed-in non-staff users get the same 404 as for a source that does not exist.
    anonymous = api_client.get(f"{URL}wire/text/")
    assert anonymous.status_code == 404 and anonymous.json() == api_client.get(f"{URL}nope/text/").json()
    reader = django_user_model.objects.create_user("reader", password="pw-reader-123")
    api_client.force_authenticate(reader)
    assert api_client.get(f"{URL}wire/text/").status_code == 404


def test_staff_get_a_404_for_a_source_without_a_text(staff_client):
    SourceFactory(slug="no-text")
    assert staff_client.get(f"{URL}no-text/text/").status_code == 404
    assert staff_client.get(f"{URL}unknown/text/").status_code == 404


def test_the_text_endpoint_is_never_kept_by_shared_caches(staff_client):
    _archive(SourceFactory(slug="wire"))
    assert staff_client.get(f"{URL}wire/text/")["Cache-Control"] == "private, no-store"
