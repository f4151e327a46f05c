"""sources.verification: what a text must be to be archived, finding an excerpt, the nearest passage."""

import hashlib

import pytest
from django.core.exceptions import ValidationError

from sources import verification

# Invented, in our own words.
ARTICLE = ("Freedonia closed its border on Monday. The foreign minister called the move “a necessary "
           "step.” Sylvania protested at once. Later that week, Sylvania protested again, louder.\n\n"
           "Talks are planned for May.")


def refusal(value):
    with pytest.raises(ValidationError) as caught:
        verification.clean_text(value)
    return caught.value


@pytest.mark.parametrize(("value", "code", "words"), [
    ("", "empty", "empty"),
    (" \n\t ", "empty", "empty"),
    (b"", "empty", "empty"),
    ("Freedonia\x00Sylvania", "binary", "null characters"),
    (b"%PDF-1.7\x00\x01\x02", "binary", "null bytes"),
    (b"Freedonia \xff\xfe closed", "binary", "not UTF-8"),
], ids=["empty", "whitespace-only", "empty-file", "nul-in-text", "nul-bytes", "undecodable"])
def test_empty_and_binary_texts_are_refused_with_a_clear_message(value, code, words):
    error = refusal(value)
    assert error.code == code
    assert words in error.messages[0]


def test_an_over_size_text_is_refused_naming_the_limit(settings):
    settings.SOURCE_TEXT_MAX_BYTES = 100
    assert verification.clean_text("x" * 100) == "x" * 100
    error = refusal("é" * 51)  # 102 bytes of UTF-8
    assert error.code == "too_large"
    assert "102 bytes; the limit is 100 bytes (setting SOURCE_TEXT_MAX_BYTES)" in error.messages[0]
    assert refusal(b"x" * 101).code == "too_large"


def test_a_text_is_archived_with_unix_line_endings_in_nfc_without_a_byte_order_mark():
    cleaned = verification.clean_text("\ufeffBa\u0301rcena spoke.\r\nThen left.\r")
    assert cleaned == "Bárcena spoke.\nThen left.\n"
    assert verification.clean_text("Freedonia.".encode("utf-8-sig")) == "Freedonia."


def test_the_hash_is_sha256_of_the_utf8_text():
    assert verification.sha256("Bárcena") == hashlib.sha256("Bárcena".encode()).hexdigest()


def test_locate_takes_the_first_occurrence_unless_another_is_picked():
    first = verification.locate(ARTICLE, "Sylvania protested")
    second = verification.locate(ARTICLE, "Sylvania protested", occurrence=2)
    assert (first.occurrence, first.count, second.occurrence) == (1, 2, 2)
    assert ARTICLE[first.start:first.end] == ARTICLE[second.start:second.end] == "Sylvania protested"
    assert second.start > first.end
    # Stored offsets that still point at an occurrence are kept.
    assert verification.locate(ARTICLE, "Sylvania protested", keep=(second.start, second.end)) == second


def test_an_occurrence_that_does_not_exist_is_refused():
    with pytest.raises(ValidationError, match="occurs 2 times in the archived text; there is no occurrence"):
        verification.locate(ARTICLE, "Sylvania protested", occurrence=3)


def test_an_excerpt_one_word_off_is_refused_naming_the_nearest_passage():
    with pytest.raises(ValidationError) as caught:
        verification.locate(ARTICLE, "The foreign minister called the decision “a necessary step.”")
    message = caught.value.messages[0]
    assert message.startswith("The excerpt is not in the archived text")
    start = ARTICLE.index("The foreign minister")
    passage = "The foreign minister called the move “a necessary step.”"
    assert f"Nearest passage: “{passage}” (characters {start}–{start + len(passage)}" in message


def test_context_is_the_sentence_before_and_the_sentence_after():
    found = verification.locate(ARTICLE, "Sylvania protested at once.")
    before, passage, after = verification.context(ARTICLE, found.start, found.end)
    assert before == "The foreign minister called the move “a necessary step.” "
    assert passage == "Sylvania protested at once."
    assert after == " Later that week, Sylvania protested again, louder."


def test_context_stops_at_the_start_and_end_of_the_text():
    found = verification.locate(ARTICLE, "Freedonia closed its border")
    before, _, after = verification.context(ARTICLE, found.start, found.end)
    assert before == ""
    assert after == " on Monday. The foreign minister called the move “a necessary step.”"
    last = verification.locate(ARTICLE, "planned for May.")
    before, _, after = verification.context(ARTICLE, last.start, last.end)
    assert before.endswith("Sylvania protested again, louder.\n\nTalks are ")
    assert after == ""


def test_an_abbreviation_does_not_cut_the_sentence_before_short():
    text = "The envoy met U.S. officials on Monday. Freedonia then recalled him. Talks resumed in May."
    found = verification.locate(text, "Freedonia then recalled him.")
    before, _, after = verification.context(text, found.start, found.end)
    assert (before, after) == ("The envoy met U.S. officials on Monday. ", " Talks resumed in May.")


def test_a_headline_without_a_full_stop_is_a_sentence_of_its_own():
    text = "Freedonia recalls envoy\n\nFREEDONIA CITY — The government recalled its envoy. He left today."
    found = verification.locate(text, "He left today.")
    before, _, after = verification.context(text, found.start, found.end)
    assert (before, after) == ("FREEDONIA CITY — The government recalled its envoy. ", "")
