"""Citations and statement quotes are checked against their sources' archived texts on every write,
and a text change re-places them all or is refused."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from events import services as event_services
from events.models import Statement
from sources import services
from sources.choices import TextOrigin
from sources.models import Citation, Source, SourceText
from tests.factories import ReactionFactory, SourceFactory, StatementFactory

pytestmark = pytest.mark.django_db

# Invented, in our own words.
REPORT = ("Freedonia recalled its ambassador on Tuesday. “We will not accept this,” the foreign minister "
          "said. Sylvania called the decision regrettable. Sylvania called the decision regrettable again "
          "on Friday.")


def archive(source, text=REPORT, **kwargs):
    return services.set_text(source=source, text=text, origin=kwargs.pop("origin", TextOrigin.PASTED),
                             **kwargs)


def cite(excerpt, source, **kwargs):
    return services.add_citation(source=source, excerpt=excerpt, reaction=ReactionFactory(), **kwargs)


@pytest.fixture
def source():
    source = SourceFactory(slug="freedonia-wire", language="en")
    archive(source)
    return source


def test_a_citation_of_a_source_with_a_text_stores_where_its_excerpt_stands(source):
    citation = cite("Freedonia recalled its ambassador", source)
    citation.refresh_from_db()
    assert citation.verified
    assert REPORT[citation.excerpt_start:citation.excerpt_end] == "Freedonia recalled its ambassador"


def test_typography_may_differ_and_the_offsets_cover_the_text_as_printed(source):
    citation = cite('"We will not accept this," the foreign minister said.', source)
    assert REPORT[citation.excerpt_start:citation.excerpt_end] == \
        "“We will not accept this,” the foreign minister said."


def test_an_excerpt_not_in_the_text_is_refused_naming_the_nearest_passage_and_nothing_is_saved(source):
    with pytest.raises(ValidationError) as caught:
        cite("Freedonia recalled its envoy on Tuesday.", source)
    message = caught.value.message_dict["excerpt"][0]
    assert "not in the archived text of" in message
    assert "Nearest passage: “Freedonia recalled its ambassador on Tuesday.”" in message
    assert not Citation.objects.exists()


def test_the_first_occurrence_is_taken_unless_the_curator_picks_another(source):
    first = cite("Sylvania called the decision regrettable", source)
    second = cite("Sylvania called the decision regrettable", source, occurrence=2)
    assert first.excerpt_start < second.excerpt_start
    assert REPORT[second.excerpt_start:second.excerpt_end] == "Sylvania called the decision regrettable"
    with pytest.raises(ValidationError, match="there is no occurrence 3"):
        cite("Sylvania called the decision regrettable", source, occurrence=3)


def test_a_source_without_a_text_is_allowed_and_its_citations_are_unverified():
    citation = cite("Anything at all.", SourceFactory())
    assert (citation.excerpt_start, citation.excerpt_end, citation.verified) == (None, None, False)


def test_the_database_refuses_offsets_that_make_no_sense(source):
    citation = cite("Freedonia recalled", source)
    for values in ({"excerpt_start": 10, "excerpt_end": 10}, {"excerpt_start": 12, "excerpt_end": 3},
                   {"excerpt_start": 5, "excerpt_end": None}, {"excerpt_start": None, "excerpt_end": 5}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Citation.objects.filter(pk=citation.pk).update(**values)
    statement = StatementFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Statement.objects.filter(pk=statement.pk).update(quote_start=0, quote_end=5)  # no quote_source


def test_a_text_is_stored_with_its_hash_and_provenance(source):
    archived = SourceText.objects.get(source=source)
    assert archived.sha256 == services.verification.sha256(REPORT)
    assert (archived.origin, archived.language) == ("pasted", "en")
    assert archived.obtained_at is not None


def test_editing_the_text_moves_the_offsets_with_the_excerpt(source):
    citation = cite("Sylvania called the decision regrettable", source, occurrence=2)
    edited = "Update, Saturday: talks resumed. " + REPORT
    archive(source, edited)
    citation.refresh_from_db()
    second = REPORT.index("Sylvania called the decision regrettable again")
    assert citation.excerpt_start == second + len("Update, Saturday: talks resumed. ")
    assert edited[citation.excerpt_start:citation.excerpt_end] == "Sylvania called the decision regrettable"
    assert Source.objects.get(pk=source.pk).updated_at > source.updated_at  # mirrors see the change


def test_an_edit_that_would_break_citations_is_refused_listing_them_and_nothing_changes(source):
    kept = cite("Freedonia recalled its ambassador", source)
    cite("the foreign minister said", source)
    reaction_slug = kept.reaction.slug
    with pytest.raises(ValidationError) as caught:
        archive(source, REPORT.replace("recalled its ambassador", "expelled the ambassador"))
    messages = caught.value.messages
    assert "1 record(s)" in messages[0]
    assert messages[1].startswith(f"reaction {reaction_slug}: excerpt “Freedonia recalled its ambassador”")
    assert "Nearest passage" in messages[1]
    assert SourceText.objects.get(source=source).text == REPORT
    kept.refresh_from_db()
    assert REPORT[kept.excerpt_start:kept.excerpt_end] == "Freedonia recalled its ambassador"


def test_attaching_a_text_later_verifies_the_citations_already_there():
    source = SourceFactory()
    citation = cite("Sylvania called the decision regrettable", source)
    assert not citation.verified
    archive(source)
    citation.refresh_from_db()
    assert REPORT[citation.excerpt_start:citation.excerpt_end] == "Sylvania called the decision regrettable"


def test_a_text_that_misses_an_existing_citation_cannot_be_attached():
    source = SourceFactory()
    cite("Words this report never printed.", source)
    with pytest.raises(ValidationError, match="Words this report never printed"):
        archive(source)
    assert not SourceText.objects.exists()


def test_a_statement_quote_is_placed_in_a_cited_source(source):
    statement = StatementFactory(quote="We will not accept this,", slug="freedonia-minister")
    event_services.cite(record=statement, source=source,
                        excerpt="“We will not accept this,” the foreign minister said.")
    statement.refresh_from_db()
    assert statement.quote_source == source
    assert REPORT[statement.quote_start:statement.quote_end] == "We will not accept this,"


def test_a_quote_in_none_of_the_cited_texts_is_refused_and_nothing_is_saved(source):
    statement = StatementFactory(quote="We will never accept this,")
    with pytest.raises(ValidationError, match="quote is not in the archived text of the source the statement "
                                              "cites") as caught:
        event_services.cite(record=statement, source=source, excerpt="the foreign minister said")
    assert "Nearest passage" in caught.value.messages[0]
    assert not statement.citations.exists()


def test_the_quote_may_stand_in_any_one_of_the_cited_sources_with_a_text(source):
    other = SourceFactory(slug="sylvania-daily")
    archive(other, "Sylvania's daily paper printed the minister's words only in summary.")
    statement = StatementFactory(quote="We will not accept this")
    event_services.cite(record=statement, source=source, excerpt="the foreign minister said")
    event_services.cite(record=statement, source=other, excerpt="printed the minister's words")
    statement.refresh_from_db()
    assert statement.quote_source == source


def test_a_quote_citing_only_sources_without_texts_is_unverified():
    statement = StatementFactory(quote="Anything at all")
    event_services.cite(record=statement, source=SourceFactory(), excerpt="Anything at all, she said.")
    statement.refresh_from_db()
    assert (statement.quote_source, statement.quote_start, statement.quote_end) == (None, None, None)


def test_a_text_edit_that_loses_a_statement_quote_is_refused_naming_the_statement(source):
    statement = StatementFactory(quote="We will not accept this", slug="freedonia-minister")
    event_services.cite(record=statement, source=source, excerpt="the foreign minister said")
    with pytest.raises(ValidationError) as caught:
        archive(source, REPORT.replace("We will not accept this", "We cannot accept this"))
    assert any(m.startswith("statement freedonia-minister: quote") for m in caught.value.messages)
    statement.refresh_from_db()
    assert REPORT[statement.quote_start:statement.quote_end] == "We will not accept this"


def test_a_text_edit_moves_the_quote_with_the_text(source):
    statement = StatementFactory(quote="We will not accept this")
    event_services.cite(record=statement, source=source, excerpt="the foreign minister said")
    edited = "Correction appended. " + REPORT
    archive(source, edited)
    statement.refresh_from_db()
    assert edited[statement.quote_start:statement.quote_end] == "We will not accept this"


def test_a_mirror_syncing_with_updated_after_sees_offsets_a_new_text_gave(api_client):
    from django.utils import timezone

    source = SourceFactory()
    citation = cite("Sylvania called the decision regrettable", source)
    since = timezone.now()
    archive(source)
    changed = api_client.get("/api/reactions/", {"updated_after": since.isoformat()}).json()["results"]
    assert [r["slug"] for r in changed] == [citation.reaction.slug]
    assert changed[0]["citations"][0]["verified"] is True
    sources = api_client.get("/api/sources/", {"updated_after": since.isoformat()}).json()["results"]
    assert [(s["slug"], s["has_text"]) for s in sources] == [(source.slug, True)]
