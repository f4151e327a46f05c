"""load_seeds archives the five articles' texts from the citation corpus, when it is there, and every
seed excerpt and quote is then verified, with its position, as the API shows."""

import shutil
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from core.text import normalise_quote
from events.models import Statement
from sources.choices import TextOrigin
from sources.models import Citation, Source, SourceText
from sources.services import set_text

pytestmark = pytest.mark.django_db

AP = "ap-mexico-breaks-ties-with-ecuador"
AP_FILE = "001_81644a94c58555c8.txt"


def load(*args):
    out = StringIO()
    call_command("load_seeds", *args, stdout=out)
    return out.getvalue()


def test_every_seed_citation_and_quote_is_verified_at_its_position(seeded_with_texts):
    assert SourceText.objects.count() == Source.objects.count() == 5
    citations = list(Citation.objects.select_related("source__archived_text"))
    assert citations and all(c.verified for c in citations)
    for c in citations:
        text = c.source.archived_text.text
        assert normalise_quote(text[c.excerpt_start:c.excerpt_end]) == normalise_quote(c.excerpt)
    statements = list(Statement.objects.select_related("quote_source__archived_text"))
    assert statements
    for s in statements:
        assert s.quote_source_id in {c.source_id for c in s.citations.all()}, s.slug
        text = s.quote_source.archived_text.text
        assert normalise_quote(text[s.quote_start:s.quote_end]) == normalise_quote(s.quote), s.slug


def test_the_api_shows_every_seed_citation_verified_with_offsets(seeded_with_texts, api_client):
    reactions = api_client.get("/api/reactions/", {"page_size": 100}).json()["results"]
    citations = [c for r in reactions for c in r["citations"]]
    assert citations and all(c["verified"] for c in citations)
    assert all(isinstance(c["excerpt_start"], int) and c["excerpt_end"] > c["excerpt_start"]
               for c in citations)
    nicaragua = next(r for r in reactions if r["slug"] == "nicaragua-severs-ties-with-ecuador")
    citation = nicaragua["citations"][0]
    text = SourceText.objects.get(source__slug=AP).text
    assert text[citation["excerpt_start"]:citation["excerpt_end"]] == citation["excerpt"]
    sources = api_client.get("/api/sources/").json()["results"]
    assert all(s["has_text"] and len(s["text_sha256"]) == 64 for s in sources)


def test_the_texts_come_from_the_corpus_files_with_their_provenance(seeded_with_texts, seed_corpus):
    archived = SourceText.objects.get(source__slug=AP)
    assert archived.text == (seed_corpus / AP_FILE).read_text(encoding="utf-8")
    assert (archived.origin, archived.origin_detail, archived.language) == ("seed_corpus", AP_FILE, "en")


def test_without_the_corpus_the_seeds_load_unverified_and_say_so(db, tmp_path):
    output = load("--corpus", str(tmp_path / "absent"))
    assert "not found: sources loaded without their texts" in output
    assert Source.objects.count() == 5 and not SourceText.objects.exists()
    assert not Citation.objects.filter(excerpt_start__isnull=False).exists()
    assert not Statement.objects.filter(quote_source__isnull=False).exists()


def test_a_later_load_with_the_corpus_verifies_what_was_loaded_without_it(db, tmp_path, seed_corpus):
    load("--corpus", str(tmp_path / "absent"))
    output = load("--corpus", str(seed_corpus))
    assert "sources.sourcetext: 5 created" in output
    assert "events.reaction: 0 created, 0 updated, 19 unchanged" in output
    assert not Citation.objects.filter(excerpt_start__isnull=True).exists()
    assert not Statement.objects.filter(quote_source__isnull=True).exists()


def test_loading_twice_leaves_the_texts_alone(seeded_with_texts, seed_corpus):
    before = list(SourceText.objects.values_list("id", "sha256", "obtained_at"))
    output = load("--corpus", str(seed_corpus))
    assert "sources.sourcetext: 0 created, 0 updated, 5 unchanged" in output
    assert list(SourceText.objects.values_list("id", "sha256", "obtained_at")) == before


def test_a_text_a_curator_replaced_is_kept_on_reload(seeded_with_texts, seed_corpus):
    source = Source.objects.get(slug=AP)
    corrected = source.archived_text.text + "\n\nEditor's note: a curator's addition."
    set_text(source=source, text=corrected, origin=TextOrigin.PASTED)
    output = load("--corpus", str(seed_corpus))
    assert f"sources.sourcetext {AP}: kept the text a curator archived (Pasted)" in output
    assert SourceText.objects.get(source=source).text == corrected


def test_a_corpus_file_that_no_longer_holds_a_seed_excerpt_stops_the_load(db, tmp_path, seed_corpus):
    corpus = tmp_path / "corpus"
    shutil.copytree(seed_corpus, corpus)
    path = corpus / AP_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("Nicaragua also decided to cut all",
                                                             "Nicaragua also decided to end all"),
                    encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        load("--corpus", str(corpus))
    message = str(caught.value)
    assert "nicaragua-severs-ties-with-ecuador: citation" in message
    assert "Nearest passage: “Nicaragua also decided to end all diplomatic" in message
    assert not Source.objects.exists()  # one transaction: nothing loaded


def test_a_binary_corpus_file_stops_the_load_naming_it(db, tmp_path, seed_corpus):
    corpus = tmp_path / "corpus"
    shutil.copytree(seed_corpus, corpus)
    (corpus / AP_FILE).write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(CommandError, match=f"corpus file {AP_FILE}: The file contains null bytes"):
        load("--corpus", str(corpus))
