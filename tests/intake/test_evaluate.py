"""manage.py evaluate_intake: the seed articles imported and scored, the database left as it was."""

import io

import pytest
from django.core.management import CommandError, call_command

from actors.models import Actor
from events.models import Event, Reaction, Statement
from intake.models import ArticleImport
from sources.models import Citation, Source, SourceText

pytestmark = pytest.mark.django_db


def counts():
    return {m.__name__: m.objects.count()
            for m in (Source, SourceText, Event, Actor, Reaction, Statement, Citation, ArticleImport)}


def test_it_prints_a_row_per_seed_article_and_an_overall_row_and_keeps_nothing(seeded_with_texts):
    before = counts()
    out = io.StringIO()
    call_command("evaluate_intake", stdout=out)
    table = out.getvalue()
    assert table.startswith("| article | reactions P | reactions R | stance |")
    rows = [line for line in table.splitlines() if line.startswith("| ") and "---" not in line]
    seeds = set(Source.objects.exclude(corpus_name="").values_list("slug", flat=True))
    assert {row.split(" | ")[0].removeprefix("| ") for row in rows[1:]} == seeds | {"overall"}
    # Every stored excerpt and quote stood verbatim at its offsets.
    stored = next(line for line in table.splitlines() if line.startswith("Stored as drafts"))
    verbatim, cited = stored.split(" stored excerpts")[0].split("; ")[1].split(" of ")
    assert cited == verbatim and int(cited) > 0
    assert counts() == before


def test_without_seed_data_it_says_to_load_it():
    with pytest.raises(CommandError, match="load_seeds"):
        call_command("evaluate_intake", stdout=io.StringIO())


def test_a_missing_corpus_folder_is_a_command_error(seeded_with_texts, tmp_path):
    with pytest.raises(CommandError, match="no such folder"):
        call_command("evaluate_intake", "--corpus", str(tmp_path / "missing"), stdout=io.StringIO())
