"""Curating with archived texts in the admin: excerpts and quotes are checked against the text they cite,
the form names the nearest passage when they are not there, and nothing is saved half-way."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from actors.models import Actor
from events.models import Event, Reaction, Statement
from sources.models import Citation, Source, SourceText

AP = "ap-mexico-breaks-ties-with-ecuador"
IN_TEXT = "Nicaragua also decided to cut all diplomatic relations with Ecuador on Saturday"
ONE_WORD_OFF = "Nicaragua also decided to end all diplomatic relations with Ecuador on Saturday"


def reaction_form(source, excerpt, **extra):
    return {
        "slug": "test-reaction", "actor": Actor.objects.get(slug="honduras").pk,
        "event": Event.objects.get(slug="raid-on-mexican-embassy-quito").pk, "kind": "condemnation",
        "stance": "condemns", "description": "A curator's test record.", "date": "2024-04-06",
        "date_precision": "day", "cameo_code": "111", "certainty": "reported",
        "citations-TOTAL_FORMS": "1", "citations-INITIAL_FORMS": "0", "citations-MIN_NUM_FORMS": "0",
        "citations-MAX_NUM_FORMS": "1000", "citations-0-source": source.pk, "citations-0-excerpt": excerpt,
        **extra,
    }


def source_form(source, **changes):
    archived = SourceText.objects.filter(source=source).first()
    data = {
        "title": source.title, "slug": source.slug, "publisher": source.publisher,
        "author": source.author or "",
        "kind": source.kind, "language": source.language, "url": source.url or "",
        "published_on": source.published_on or "", "published_precision": source.published_precision,
        "summary": source.summary, "corpus_name": source.corpus_name,
        "text": archived.text.replace("\n", "\r\n") if archived else "",  # as a browser sends a textarea
        "text_origin": archived.origin if archived else "",
        "text_origin_detail": archived.origin_detail if archived else "",
        "text_language": archived.language if archived else "",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_a_reaction_citing_a_passage_of_the_article_is_saved_with_its_position(seeded_with_texts,
                                                                                curator_client):
    source = Source.objects.get(slug=AP)
    response = curator_client.post(reverse("admin:events_reaction_add"), reaction_form(source, IN_TEXT))
    assert response.status_code == 302
    citation = Citation.objects.get(reaction__slug="test-reaction")
    text = source.archived_text.text
    assert text[citation.excerpt_start:citation.excerpt_end] == IN_TEXT

    page = curator_client.get(reverse("admin:events_reaction_change", args=[citation.reaction_id]))
    html = page.content.decode()
    assert f"<mark>{IN_TEXT}</mark>" in html
    assert f"characters {citation.excerpt_start}–{citation.excerpt_end} of the archived text" in html
    # In context: the article's words before it and after it (read from the archived text, which reaches
    # the database from the corpus; the article is not copied into the project).
    def words(value):
        return " ".join(value.split())

    start, end = citation.excerpt_start, citation.excerpt_end
    before, after = (words(part) for part in html.split(f"<mark>{IN_TEXT}</mark>"))
    assert before.endswith(words(escape(text[start - 100:start])))
    assert after.startswith(words(escape(text[end:end + 100])))


@pytest.mark.django_db
def test_an_excerpt_one_word_off_is_refused_naming_the_nearest_passage(seeded_with_texts, curator_client):
    source = Source.objects.get(slug=AP)
    citations = Citation.objects.count()
    response = curator_client.post(reverse("admin:events_reaction_add"), reaction_form(source, ONE_WORD_OFF))
    assert response.status_code == 200
    html = response.content.decode()
    assert "The excerpt is not in the archived text of" in html
    assert f"Nearest passage: “{IN_TEXT},”" in html
    assert not Reaction.objects.filter(slug="test-reaction").exists()
    assert Citation.objects.count() == citations


@pytest.mark.django_db
def test_the_curator_can_pick_which_occurrence_a_citation_points_at(seeded_with_texts, curator_client):
    source = Source.objects.get(slug=AP)
    text = source.archived_text.text
    excerpt = "López Obrador"
    second = text.index(excerpt, text.index(excerpt) + 1)
    response = curator_client.post(reverse("admin:events_reaction_add"),
                                   reaction_form(source, excerpt, **{"citations-0-occurrence": "2"}))
    assert response.status_code == 302
    citation = Citation.objects.get(reaction__slug="test-reaction")
    assert (citation.excerpt_start, citation.excerpt_end) == (second, second + len(excerpt))
    page = curator_client.get(reverse("admin:events_reaction_change", args=[citation.reaction_id]))
    assert re.search(r'name="citations-0-occurrence" value="2"', page.content.decode())

    response = curator_client.post(reverse("admin:events_reaction_add"), reaction_form(
        source, excerpt, slug="other", **{"citations-0-occurrence": "99"}))
    assert "there is no occurrence 99" in response.content.decode()


@pytest.mark.django_db
def test_a_citation_of_a_source_without_text_is_saved_and_flagged_unverified(seeded_with_texts,
                                                                              curator_client):
    source = Source.objects.create(slug="no-text", publisher="Synthetic Wire", title="No text",
                                   kind="news_report", summary="Synthetic.")
    response = curator_client.post(reverse("admin:events_reaction_add"),
                                   reaction_form(source, "Anything the curator read."))
    assert response.status_code == 302
    citation = Citation.objects.get(reaction__slug="test-reaction")
    assert not citation.verified
    page = curator_client.get(reverse("admin:events_reaction_change", args=[citation.reaction_id]))
    assert "Unverified: the source has no archived text." in page.content.decode()


@pytest.mark.django_db
def test_a_statement_whose_quote_is_in_no_cited_text_is_refused(seeded_with_texts, curator_client):
    statement = Statement.objects.get(slug="lopez-obrador-authoritarian-act")
    citation = statement.citations.get()
    data = {
        "slug": statement.slug, "speaker": statement.speaker_id, "on_behalf_of": statement.on_behalf_of_id,
        "event": statement.event_id, "quote": "authoritarian action", "context": statement.context,
        "date": "", "date_precision": "unknown",
        "citations-TOTAL_FORMS": "1", "citations-INITIAL_FORMS": "1", "citations-MIN_NUM_FORMS": "0",
        "citations-MAX_NUM_FORMS": "1000", "citations-0-id": citation.pk,
        "citations-0-statement": statement.pk, "citations-0-source": citation.source_id,
        "citations-0-excerpt": citation.excerpt,
    }
    url = reverse("admin:events_statement_change", args=[statement.pk])
    response = curator_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The quote is not in the archived text of the source the statement cites" in html
    assert "Nearest passage" in html and "authoritarian act" in html
    statement.refresh_from_db()
    assert statement.quote == "authoritarian act"

    data["quote"] = "a flagrant violation of international law"
    assert curator_client.post(url, data).status_code == 302
    statement.refresh_from_db()
    text = citation.source.archived_text.text
    assert text[statement.quote_start:statement.quote_end] == "a flagrant violation of international law"
    page = curator_client.get(url).content.decode()
    assert "<mark>a flagrant violation of international law</mark>" in page


@pytest.mark.django_db
def test_a_statement_citation_is_changed_on_the_statement_page_only(seeded_with_texts, curator_client):
    citation = Citation.objects.filter(statement__isnull=False).first()
    page = curator_client.get(reverse("admin:sources_citation_change", args=[citation.pk]))
    assert page.status_code == 200 and 'name="excerpt"' not in page.content.decode()  # read-only
    response = curator_client.post(reverse("admin:sources_citation_add"), {
        "source": citation.source_id, "excerpt": "the raid", "statement": citation.statement_id})
    assert "A statement&#x27;s citations are added and changed on the statement&#x27;s page" in \
        response.content.decode()
    assert not Citation.objects.filter(excerpt="the raid").exists()


@pytest.mark.django_db
def test_a_text_edit_that_would_break_a_citation_is_refused_listing_it(seeded_with_texts, curator_client):
    source = Source.objects.get(slug=AP)
    original = source.archived_text.text
    url = reverse("admin:sources_source_change", args=[source.pk])
    edited = original.replace("Nicaragua also decided to cut all", "Nicaragua decided to cut all")
    response = curator_client.post(url, source_form(source, text=edited))
    assert response.status_code == 200
    html = response.content.decode()
    assert "This text no longer contains what 1 record(s) cite; nothing was saved" in html
    assert "reaction nicaragua-severs-ties-with-ecuador: excerpt" in html
    assert SourceText.objects.get(source=source).text == original


@pytest.mark.django_db
def test_a_text_edit_that_keeps_every_passage_is_saved_and_moves_the_offsets(seeded_with_texts,
                                                                              curator_client):
    source = Source.objects.get(slug=AP)
    original = source.archived_text.text
    citation = Citation.objects.get(reaction__slug="nicaragua-severs-ties-with-ecuador")
    before = citation.excerpt_start
    as_sent = "Archived copy.\r\n\r\n" + original.replace("\n", "\r\n")
    response = curator_client.post(reverse("admin:sources_source_change", args=[source.pk]),
                                   source_form(source, text=as_sent))
    assert response.status_code == 302
    archived = SourceText.objects.get(source=source)
    assert archived.text == "Archived copy.\n\n" + original
    assert (archived.origin, archived.origin_detail) == ("pasted", "")  # no longer the corpus file as is
    citation.refresh_from_db()
    assert citation.excerpt_start == before + len("Archived copy.\n\n")


@pytest.mark.django_db
def test_saving_a_source_without_touching_its_text_changes_nothing(seeded_with_texts, curator_client):
    source = Source.objects.get(slug=AP)
    archived = source.archived_text
    response = curator_client.post(reverse("admin:sources_source_change", args=[source.pk]),
                                   source_form(source, summary="A curator's better summary."))
    assert response.status_code == 302
    after = SourceText.objects.get(source=source)
    assert (after.sha256, after.origin) == (archived.sha256, "seed_corpus")
    assert after.obtained_at == archived.obtained_at


@pytest.mark.django_db
def test_a_new_source_gets_its_text_from_an_uploaded_file(curator_client):
    upload = SimpleUploadedFile("freedonia.txt", "Freedonia’s envoy left.\r\n".encode(), "text/plain")
    data = {"title": "Envoy leaves", "slug": "envoy-leaves", "publisher": "Freedonia Wire",
            "kind": "news_report", "language": "en", "published_precision": "unknown",
            "summary": "Synthetic.",
            "text_file": upload}
    response = curator_client.post(reverse("admin:sources_source_add"), data)
    assert response.status_code == 302
    archived = SourceText.objects.get(source__slug="envoy-leaves")
    assert (archived.text, archived.origin, archived.origin_detail) == (
        "Freedonia’s envoy left.\n", "uploaded_file", "freedonia.txt")
    url = reverse("admin:sources_source_change", args=[archived.source_id])
    page = curator_client.get(url).content.decode()
    assert archived.sha256 in page and "Uploaded file: freedonia.txt" in page


@pytest.mark.parametrize(("upload", "message"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "The file contains null bytes"),
    ("Bárcena".encode("latin-1"), "The file is not UTF-8 text"),
    ("Freedonia".encode("utf-16"), "The file is UTF-16 text; save it as UTF-8"),
    (b"   \n", "The text is empty."),
    (b"x" * 2001, "The file is 2,001 bytes; the limit is 2,000 bytes"),
], ids=["binary", "latin-1", "utf-16", "empty", "over-size"])
@pytest.mark.django_db
def test_a_bad_text_file_is_refused_and_nothing_is_saved(curator_client, settings, upload, message):
    settings.SOURCE_TEXT_MAX_BYTES = 2000
    data = {"title": "Envoy leaves", "slug": "envoy-leaves", "publisher": "Freedonia Wire",
            "kind": "news_report", "language": "en", "published_precision": "unknown",
            "summary": "Synthetic.",
            "text_file": SimpleUploadedFile("report.txt", upload, "text/plain")}
    response = curator_client.post(reverse("admin:sources_source_add"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Source.objects.filter(slug="envoy-leaves").exists()


@pytest.mark.django_db
def test_an_archived_text_cannot_be_emptied(seeded_with_texts, curator_client):
    source = Source.objects.get(slug=AP)
    response = curator_client.post(reverse("admin:sources_source_change", args=[source.pk]),
                                   source_form(source, text=""))
    assert "An archived text cannot be removed here" in response.content.decode()
    assert SourceText.objects.filter(source=source).exists()


@pytest.mark.django_db
def test_the_source_list_flags_sources_without_a_text(seeded_with_texts, curator_client):
    Source.objects.create(slug="no-text", publisher="Synthetic Wire", title="No text", kind="news_report",
                          summary="Synthetic.")
    html = curator_client.get(reverse("admin:sources_source_changelist")).content.decode()
    assert html.count('alt="True"') >= 5 and 'alt="False"' in html
