"""The admin's "Import an article" page: a curator imports an article and lands on its review page; bad
input is a form error naming the field and creates nothing; the same text again leads to its import."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from core.choices import ReviewStatus
from events.models import Event, Reaction, Statement
from intake.models import ArticleImport, Proposal
from sources.models import Source, SourceText
from tests.intake.admin_setup import ARTICLE, IMPORT_URL, import_form, make_crisis, review_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return make_crisis()


def counts():
    models = (Source, SourceText, ArticleImport, Proposal, Event, Reaction, Statement)
    return tuple(model.objects.count() for model in models)


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_import_page_offers_the_article_inputs_the_event_and_the_source_details(curator_client, event):
    page = curator_client.get(IMPORT_URL)
    assert page.status_code == 200
    html = page.content.decode()
    for name in ("text", "file", "event", "new_event_title", "publisher", "title", "published", "language"):
        assert f'name="{name}"' in html, name
    assert 'enctype="multipart/form-data"' in html


def test_a_curator_imports_a_pasted_article_and_lands_on_its_review_page(curator, curator_client, event):
    response = curator_client.post(IMPORT_URL, import_form(event))
    article_import = ArticleImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == review_url(article_import)
    assert article_import.event == event and article_import.created_by == curator
    assert article_import.source.publisher == "The Marbella Gazette"
    assert article_import.source.archived_text.text == ARTICLE
    reactions = Reaction.objects.filter(event=event)
    assert {r.actor.slug for r in reactions} >= {"sylvania", "chile", "peru", "argentina", "bolivia"}
    assert all(r.status == ReviewStatus.DRAFT for r in reactions)
    assert article_import.proposals.pending().count() == article_import.proposals.count() >= 6
    assert any("Imported" in m for m in messages_of(response))


def test_a_new_event_title_makes_a_draft_event_for_the_proposals(curator_client):
    make_crisis()
    response = curator_client.post(IMPORT_URL, import_form(new_event_title="Trawler crews held at Marbella"))
    assert response.status_code == 302
    event = Event.objects.get(title="Trawler crews held at Marbella")
    assert event.status == ReviewStatus.DRAFT
    assert ArticleImport.objects.get().event == event
    assert Reaction.objects.filter(event=event).count() >= 5
    assert "(a draft)" in curator_client.get(response["Location"]).content.decode()


def test_an_uploaded_text_file_is_imported_with_its_name_kept(curator_client, event):
    upload = SimpleUploadedFile("trawlers.txt", ARTICLE.encode("utf-8"), content_type="text/plain")
    response = curator_client.post(IMPORT_URL, import_form(event, text="", file=upload))
    assert response.status_code == 302
    article_import = ArticleImport.objects.get()
    assert (article_import.origin, article_import.origin_detail) == ("uploaded_file", "trawlers.txt")
    assert article_import.proposals.count() >= 6


def test_an_uploaded_html_page_is_imported_without_its_boilerplate(curator_client, event):
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")[1:])
    page = (f"<html><head><title>Gazette</title></head><body><nav><a href='/'>Home</a> | "
            f"<a href='/world'>World</a></nav><article><h1>{ARTICLE.splitlines()[0]}</h1>{paragraphs}"
            "</article><footer>Copyright The Marbella Gazette. All rights reserved.</footer></body></html>")
    upload = SimpleUploadedFile("trawlers.html", page.encode("utf-8"), content_type="text/html")
    response = curator_client.post(IMPORT_URL, import_form(event, text="", file=upload))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    text = ArticleImport.objects.get().source.archived_text.text
    assert "Chile, Peru and Argentina condemned the boarding" in text
    assert "All rights reserved" not in text


def test_the_same_article_again_creates_nothing_and_leads_to_its_first_import(curator_client, event):
    first = curator_client.post(IMPORT_URL, import_form(event))
    before = counts()
    again = curator_client.post(IMPORT_URL, import_form(event, title="The same article, another title"))
    assert counts() == before
    assert again.status_code == 302
    assert again["Location"] == first["Location"]
    assert any("already imported" in m for m in messages_of(again))


def field_errors(response):
    assert response.status_code == 200, "a refused import shows the form again"
    return {name: " ".join(errors) for name, errors in response.context["form"].errors.items()}


@pytest.mark.parametrize(("overrides", "field", "words"), [
    ({"text": ""}, "text", "No article was given"),
    ({"text": "   \n\n  "}, "text", "No article was given"),
    ({"event": "", "new_event_title": ""}, "event", "Pick the event"),
    ({"new_event_title": "Another event"}, "new_event_title", "not both"),
    ({"publisher": ""}, "publisher", "required"),
    ({"title": ""}, "title", "required"),
    ({"published": "2026-02-30"}, "published", "valid date"),
    ({"published": "2999-01-01"}, "published", "in the future"),
    ({"event": "999999"}, "event", "valid choice"),
    ({"text": "\x00\x01binary\x00"}, "text", "Null characters"),
], ids=["no article", "blank article", "no event", "event and new title", "no publisher", "no title",
        "impossible date", "future date", "unknown event", "binary text"])
def test_bad_input_is_a_form_error_naming_the_field_and_nothing_is_created(curator_client, event, overrides,
                                                                           field, words):
    before = counts()
    errors = field_errors(curator_client.post(IMPORT_URL, {**import_form(event), **overrides}))
    assert field in errors, errors
    assert words in errors[field]
    assert counts() == before


@pytest.mark.parametrize(("name", "data", "words"), [
    ("article.pdf", b"%PDF-1.4 ...", "neither a .txt nor an .html file"),
    ("article.txt", b"\x00\x01\x02 binary", "binary"),
    ("article.txt", b"", "empty"),
    ("article.txt", "Caf\u00e9 in Latin-1".encode("latin-1"), "not UTF-8"),
])
def test_a_bad_file_is_refused_on_the_file_field_and_nothing_is_created(curator_client, event, name, data,
                                                                         words):
    before = counts()
    upload = SimpleUploadedFile(name, data)
    errors = field_errors(curator_client.post(IMPORT_URL, import_form(event, text="", file=upload)))
    assert "file" in errors, errors
    assert words in errors["file"]
    assert counts() == before


@pytest.mark.parametrize(("name", "setting"), [("big.txt", "SOURCE_TEXT_MAX_BYTES"),
                                               ("big.html", "INTAKE_HTML_MAX_BYTES")])
def test_an_over_size_file_is_refused_naming_the_limit(curator_client, event, settings, name, setting):
    setattr(settings, setting, 100)
    before = counts()
    upload = SimpleUploadedFile(name, ARTICLE.encode("utf-8"))
    errors = field_errors(curator_client.post(IMPORT_URL, import_form(event, text="", file=upload)))
    assert f"the limit is 100 bytes (setting {setting})" in errors["file"]
    assert counts() == before


def test_an_over_size_text_is_refused_and_nothing_is_created(curator_client, event, settings):
    settings.SOURCE_TEXT_MAX_BYTES = 400
    before = counts()
    errors = field_errors(curator_client.post(IMPORT_URL, import_form(event)))
    assert "limit" in errors["text"]
    assert counts() == before


def test_the_address_field_is_offered_only_where_fetching_is_allowed(curator_client, event, settings):
    settings.INTAKE_FETCH_ENABLED = False
    assert 'name="url"' not in curator_client.get(IMPORT_URL).content.decode()
    settings.INTAKE_FETCH_ENABLED = True
    assert 'name="url"' in curator_client.get(IMPORT_URL).content.decode()


def test_an_address_on_a_private_network_is_refused_on_the_url_field(curator_client, event, settings):
    settings.INTAKE_FETCH_ENABLED = True
    settings.INTAKE_FETCH_ALLOW_PRIVATE = False
    before = counts()
    errors = field_errors(curator_client.post(IMPORT_URL, import_form(event, text="",
                                                                      url="http://127.0.0.1:9/article")))
    assert set(errors) == {"url"}
    assert counts() == before


def test_pasting_and_uploading_at_once_is_refused(curator_client, event):
    upload = SimpleUploadedFile("trawlers.txt", ARTICLE.encode("utf-8"))
    errors = field_errors(curator_client.post(IMPORT_URL, import_form(event, file=upload)))
    assert "one way only" in errors["file"]
    assert not ArticleImport.objects.exists()


# --- who may import ---------------------------------------------------------------------------------

def test_a_user_who_is_not_staff_is_sent_to_the_login_page(django_user_model, event):
    user = django_user_model.objects.create_user("reader", password="pw-reader-123")
    client = Client()
    client.force_login(user)
    response = client.post(IMPORT_URL, import_form(event))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not ArticleImport.objects.exists()


def test_staff_without_the_intake_permissions_may_not_import(django_user_model, event):
    user = django_user_model.objects.create_user("helper", password="pw-helper-123", is_staff=True)
    client = Client()
    client.force_login(user)
    assert client.get(IMPORT_URL).status_code == 403
    assert client.post(IMPORT_URL, import_form(event)).status_code == 403
    assert not ArticleImport.objects.exists()


def test_the_curator_group_gets_the_intake_permissions(curator):
    assert curator.has_perms(["intake.add_articleimport", "intake.view_articleimport",
                              "intake.change_proposal"])
    assert not curator.has_perm("intake.delete_articleimport")
    assert not curator.is_superuser
