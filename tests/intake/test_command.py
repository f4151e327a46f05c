"""manage.py ingest_article: one file, a URL, a folder with a summary; clear errors, nothing half-made."""

import io

import pytest
from django.core.management import CommandError, call_command

from events.models import Event, Reaction
from intake.models import ArticleImport
from sources.models import Source

from .importing import ARTICLES, crisis_actors, crisis_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(db):
    crisis_actors()
    return crisis_event()


def ingest(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("ingest_article", *[str(a) for a in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_one_file_is_imported_with_its_metadata_and_first_line_as_title(event):
    out, _ = ingest(ARTICLES / "fishermen.txt", "--publisher", "The Arborian Post",
                    "--published", "2026-03-05", "--event", event.slug)
    article_import = ArticleImport.objects.get()
    assert f"import {article_import.pk}" in out
    source = article_import.source
    assert (source.title, source.publisher, str(source.published_on)) == (
        "Sylvania recalls ambassador over detained fishermen", "The Arborian Post", "2026-03-05")
    assert Reaction.objects.filter(event=event, actor__slug="sylvania").exists()


def test_the_same_file_twice_reports_the_duplicate_and_creates_nothing(event):
    ingest(ARTICLES / "fishermen.txt", "--publisher", "The Arborian Post", "--event", event.slug)
    before = (Source.objects.count(), Reaction.objects.count())
    out, _ = ingest(ARTICLES / "fishermen.txt", "--publisher", "The Arborian Post", "--event", event.slug)
    assert "already imported" in out
    assert (Source.objects.count(), Reaction.objects.count()) == before


@pytest.mark.parametrize(("args", "message"), [
    (["--event", "no-such-event"], "no event has this slug"),
    (["--event", "fishermen-detained", "--published", "5 March"], "is not a date"),
    (["--event", "fishermen-detained", "--publisher", ""], "publisher is required"),
])
def test_bad_options_are_command_errors_naming_the_option(event, args, message):
    base = ["--publisher", "The Arborian Post"]
    with pytest.raises(CommandError, match=message):
        ingest(ARTICLES / "fishermen.txt", *base, *args)
    assert Source.objects.count() == 0


def test_an_event_or_a_new_event_is_required():
    with pytest.raises(CommandError, match="--event"):
        ingest(ARTICLES / "fishermen.txt", "--publisher", "X")


def test_a_binary_file_is_refused_and_nothing_saved(event, tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(CommandError, match="binary"):
        ingest(path, "--publisher", "X", "--event", event.slug)
    assert Source.objects.count() == 0


def test_a_url_is_refused_while_fetching_is_switched_off(event):
    with pytest.raises(CommandError, match="INTAKE_FETCH_ENABLED"):
        ingest("https://news.example/article", "--event", event.slug)


def test_a_folder_is_imported_with_a_summary_and_one_failure_does_not_stop_it(event, tmp_path):
    (tmp_path / "a_fishermen.txt").write_bytes((ARTICLES / "fishermen.txt").read_bytes())
    (tmp_path / "b_broken.txt").write_bytes(b"\x00\x01\x02 not text")
    (tmp_path / "c_expulsion.html").write_text(
        "<html><head><title>Freedonia expels the Sylvanian envoy</title></head><body><article>"
        "<p>Freedonia expelled the Sylvanian ambassador on Wednesday, a day after Sylvania recalled its own "
        "envoy over the detained fishermen.</p></article></body></html>", encoding="utf-8")
    (tmp_path / "d_again.txt").write_bytes((ARTICLES / "fishermen.txt").read_bytes())
    (tmp_path / "notes.md").write_text("not an article")
    with pytest.raises(CommandError, match="1 of 4 file"):
        ingest(tmp_path, "--publisher", "The Arborian Post", "--new-event", "Fishermen crisis")
    assert ArticleImport.objects.count() == 2
    # One new event for the whole folder.
    assert set(ArticleImport.objects.values_list("event__title", flat=True)) == {"Fishermen crisis"}
    assert Event.objects.filter(title="Fishermen crisis").count() == 1


def test_the_folder_summary_counts_created_duplicates_and_failures_with_reasons(event, tmp_path):
    (tmp_path / "a.txt").write_bytes((ARTICLES / "fishermen.txt").read_bytes())
    (tmp_path / "b.txt").write_bytes((ARTICLES / "fishermen.txt").read_bytes())
    (tmp_path / "c.txt").write_text("   ")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command("ingest_article", str(tmp_path), "--publisher", "P", "--event", event.slug, stdout=out,
                     stderr=err)
    summary = out.getvalue()
    assert "3 file(s): 1 created, 1 duplicate(s), 1 failed." in summary
    assert "duplicate b.txt" in summary
    assert "failed c.txt: The text is empty." in summary
    assert "Importing" in err.getvalue()  # the progress bar


def test_a_folder_of_good_articles_exits_normally(event, tmp_path):
    (tmp_path / "a.txt").write_bytes((ARTICLES / "fishermen.txt").read_bytes())
    out, _ = ingest(tmp_path, "--publisher", "P", "--event", event.slug)
    assert "1 file(s): 1 created, 0 duplicate(s), 0 failed." in out
