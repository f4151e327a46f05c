"""Verbatim matching ignores typography only, and every position it finds indexes the original text."""

import pytest

from core.text import normalise_quote
from sources.verification import occurrences


def found(text, needle):
    """Each occurrence as the original text prints it."""
    return [text[start:end] for start, end in occurrences(text, needle)]


@pytest.mark.parametrize(("text", "needle", "printed"), [
    ("Freedonia’s envoy called it “unacceptable” today.", "Freedonia's envoy called it \"unacceptable\"",
     "Freedonia’s envoy called it “unacceptable”"),
    ("The talks—held in secret—failed.", "talks - held in secret - failed", "talks—held in secret—failed"),
    ("The 2019 – 2020 talks failed.", "2019-2020 talks", "2019 – 2020 talks"),
    ("Sylvania  recalled\n its\tambassador.", "Sylvania recalled its ambassador",
     "Sylvania  recalled\n its\tambassador"),
    ("a non\u00a0breaking\u202fspace", "non breaking space", "non\u00a0breaking\u202fspace"),
    ("an embas\u00adsy statement", "an embassy statement", "an embas\u00adsy statement"),
    ("He paused… then spoke.", "paused... then", "paused… then"),
    ("«Nunca más», dijo.", '"Nunca más", dijo', "«Nunca más», dijo"),
], ids=["curly-quotes", "em-dash-with-and-without-spaces", "spaced-en-dash", "whitespace-runs",
        "no-break-spaces", "soft-hyphen", "ellipsis", "guillemets"])
def test_typography_is_ignored_and_the_position_is_in_the_original(text, needle, printed):
    assert found(text, needle) == [printed]


@pytest.mark.parametrize(("text", "needle"), [
    ("Freedonia condemned the raid.", "Freedonia condemns the raid."),  # a word
    ("Freedonia condemned the raid.", "freedonia condemned the raid."),  # case
    ("Freedonia condemned the raid.", "Freedonia condemned the raid!"),  # punctuation
    ("Freedonia condemned the raid.", "Freedonia condemned theraid."),  # a space between words
    ("the well-known envoy", "the well known envoy"),  # a hyphen is not a space
], ids=["word", "case", "punctuation", "missing-space", "hyphen-vs-space"])
def test_words_case_and_punctuation_count(text, needle):
    assert found(text, needle) == []


def test_every_occurrence_is_found_in_order():
    text = "Sylvania protested. Later, Sylvania protested again."
    assert occurrences(text, "Sylvania protested") == [(0, 18), (27, 45)]


def test_a_needle_is_compared_without_its_surrounding_whitespace_and_in_nfc():
    text = "The minister said Bárcena would travel."
    decomposed = "  Ba\u0301rcena would travel\n"
    assert found(text, decomposed) == ["Bárcena would travel"]
    assert normalise_quote(decomposed) == "Bárcena would travel"
