"""`manage.py verify_citations`: every excerpt and quote appears verbatim in its source's text."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from events.models import Statement
from intake.seeding import DEFAULT_DIRECTORY

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
AP_FILE = "001_81644a94c58555c8.txt"


def verify(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("verify_citations", *args, stdout=out, stderr=err)
    except CommandError as exc:
        return False, out.getvalue() + err.getvalue() + str(exc)
    return True, out.getvalue()


@pytest.fixture
def corpus_copy(tmp_path):
    if not CORPUS.is_dir():
        pytest.fail(f"citation corpus {CORPUS} is missing")
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


def edit(path: Path, old: str, new: str):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_fixtures_pass_against_the_articles(corpus_copy):
    ok, output = verify("--corpus", str(corpus_copy))
    assert ok, output
    assert "All 136 excerpts and quotes found verbatim" in output


def test_a_changed_word_fails_and_names_the_record(corpus_copy):
    edit(corpus_copy / AP_FILE, "Nicaragua also decided to cut all", "Nicaragua also decided to end all")

    ok, output = verify("--corpus", str(corpus_copy))

    assert not ok
    assert "reactions.yaml: nicaragua-severs-ties-with-ecuador: excerpt not found verbatim" in output
    assert "1 of 136" in output


def test_quote_marks_and_whitespace_are_normalised(corpus_copy):
    path = corpus_copy / AP_FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("’", "'").replace("“", '"').replace("”", '"').replace(" ", "  "),
                    encoding="utf-8")

    ok, output = verify("--corpus", str(corpus_copy))
    assert ok, output


def test_a_statement_quote_must_appear_in_a_cited_source(corpus_copy, tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(DEFAULT_DIRECTORY, seeds)
    edit(seeds / "statements.yaml", "quote: authoritarian act", "quote: authoritarian action")

    ok, output = verify("--corpus", str(corpus_copy), "--directory", str(seeds))

    assert not ok
    assert "statements.yaml: lopez-obrador-authoritarian-act: quote not found verbatim" in output


def test_a_missing_source_text_fails(corpus_copy):
    (corpus_copy / "004_67cb1c65146480c7.txt").unlink()

    ok, output = verify("--corpus", str(corpus_copy))

    assert not ok
    assert "el-salvador-abstains-in-oas-vote: source text 004_67cb1c65146480c7.txt not found" in output


@pytest.mark.django_db
def test_database_mode_checks_the_loaded_records(seeded, corpus_copy):
    ok, output = verify("--corpus", str(corpus_copy), "--database")
    assert ok, output

    statement = Statement.objects.get(slug="hakim-red-line")
    statement.quote = "It has crossed a very bright line."
    statement.save()

    ok, output = verify("--corpus", str(corpus_copy), "--database")
    assert not ok
    assert "events.statement hakim-red-line: quote not found verbatim" in output


def placed_in(slug):
    """Excerpts and quotes placed in one source's text, counted from the database itself."""
    from sources.models import Citation

    return (Citation.objects.filter(source__slug=slug).count()
            + Statement.objects.filter(quote_source__slug=slug).count())


@pytest.mark.django_db
def test_database_mode_without_a_corpus_checks_the_archived_texts_per_source(seeded_with_texts):
    from sources.models import Citation

    ok, output = verify("--database")
    assert ok, output
    ap = "ap-mexico-breaks-ties-with-ecuador"
    assert f"{ap}: {placed_in(ap)} verified, 0 unverified, 0 broken" in output
    total = Citation.objects.count() + Statement.objects.filter(citations__isnull=False).distinct().count()
    assert f"Archived texts: {total} verified, 0 unverified, 0 broken." in output


@pytest.mark.django_db
def test_database_mode_reports_a_moved_offset_and_a_source_without_text(seeded_with_texts):
    from sources.models import Citation, SourceText

    ap = "ap-mexico-breaks-ties-with-ecuador"
    resumen = "resumen-latinoamericano-assault-designed-in-washington"
    on_ap, on_resumen = placed_in(ap), placed_in(resumen)
    for statement in Statement.objects.filter(quote_source__slug=resumen):
        assert {c.source.slug for c in statement.citations.all()} == {resumen}, statement.slug
    citation = Citation.objects.get(reaction__slug="nicaragua-severs-ties-with-ecuador")
    Citation.objects.filter(pk=citation.pk).update(excerpt_start=citation.excerpt_start + 1,
                                                   excerpt_end=citation.excerpt_end + 1)
    SourceText.objects.filter(source__slug=resumen).delete()  # written around the checks
    Citation.objects.filter(source__slug=resumen).update(excerpt_start=None, excerpt_end=None)
    Statement.objects.filter(quote_source__slug=resumen).update(quote_source=None, quote_start=None,
                                                                quote_end=None)

    ok, output = verify("--database")

    assert not ok
    assert f"{ap}: {on_ap - 1} verified, 0 unverified, 1 broken" in output
    assert (f"events.reaction nicaragua-severs-ties-with-ecuador: excerpt: the stored position "
            f"{citation.excerpt_start + 1}-{citation.excerpt_end + 1} does not hold it") in output
    assert f"{resumen}: 0 verified, {on_resumen} unverified, 0 broken (no archived text)" in output
    assert "1 excerpts and quotes do not match their archived texts" in output


def test_without_corpus_or_database_the_command_says_what_to_give():
    ok, output = verify()
    assert not ok
    assert "Give --corpus DIR" in output
