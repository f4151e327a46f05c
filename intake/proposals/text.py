"""Text plumbing that keeps offsets: folding, sentences, quotations.

`fold` maps each character to exactly one character, so a match found in the folded text has the
same offsets in the original and every excerpt is `text[start:end]` of what the curator pasted.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

import pysbd

from .types import Span

_CHAR_MAP = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u00b4": "'",
    "`": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u2007": " ",
}


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in _CHAR_MAP:
        return _CHAR_MAP[char]
    if char.isascii():
        return char.lower()
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if len(base) == 1:
        lower = base.lower()
        return lower if len(lower) == 1 else base
    lower = char.lower()
    return lower if len(lower) == 1 else char


def fold(text: str) -> str:
    """Lower case, accents off, straight quotes; same length as `text`, character for character."""
    return "".join(map(_fold_char, text))


def span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without surrounding white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    paragraph: int


_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]+)*")
_SEGMENTER = None


def _segmenter():
    global _SEGMENTER
    if _SEGMENTER is None:
        _SEGMENTER = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return _SEGMENTER


def sentences(text: str) -> list[Sentence]:
    """Sentences with offsets into `text`: paragraphs (blank-line separated) first, then pysbd inside."""
    result: list[Sentence] = []
    for paragraph_index, match in enumerate(_PARAGRAPH.finditer(text)):
        base = match.start()
        chunk = match.group()
        cursor = 0
        for piece in _segmenter().segment(chunk):
            # pysbd's spans are right for clean=False; re-anchor anyway so a mismatch cannot shift
            # offsets (the engine's one promise is verbatim excerpts).
            found = (
                chunk.find(piece.sent, cursor)
                if chunk[piece.start : piece.end] != piece.sent
                else piece.start
            )
            if found < 0:
                continue
            start, end = trim(text, base + found, base + found + len(piece.sent))
            cursor = found + len(piece.sent)
            if end > start:
                result.append(Sentence(len(result), start, end, paragraph_index))
    return result


@dataclass(frozen=True)
class Quote:
    """A quotation: `start`/`end` are the quotation marks, `inner` the words between them."""

    start: int
    end: int
    inner_start: int
    inner_end: int


_OPEN_DOUBLE = {'"', "\u201c", "\u201e", "\u00ab"}
_CLOSE_DOUBLE = {'"', "\u201d", "\u00bb"}
_SINGLE = {"'", "\u2018", "\u2019"}


def quotations(text: str) -> list[Quote]:
    """Double-quoted passages, then single-quoted ones outside them, paragraph by paragraph."""
    quotes: list[Quote] = []
    for match in _PARAGRAPH.finditer(text):
        base, chunk = match.start(), match.group()
        doubles = _double_quotes(chunk)
        quotes.extend(
            Quote(base + s, min(base + e, base + len(chunk)), base + s + 1, base + e - 1) for s, e in doubles
        )
        for s, e in _single_quotes(chunk, doubles):
            quotes.append(Quote(base + s, base + e, base + s + 1, base + e - 1))
    quotes.sort(key=lambda q: q.start)
    return [q for q in quotes if q.inner_end - q.inner_start >= 2]


def _double_quotes(chunk: str) -> list[tuple[int, int]]:
    found, opening = [], None
    for i, char in enumerate(chunk):
        if opening is None and char in _OPEN_DOUBLE:
            if char == '"' and i + 1 < len(chunk) and chunk[i + 1].isspace():
                continue  # a straight quote followed by a space closes something, it opens nothing
            opening = i
        elif opening is not None and char in _CLOSE_DOUBLE:
            found.append((opening, i + 1))
            opening = None
    if opening is not None and len(chunk[opening:].split()) >= 3:
        # A quotation running on into the next paragraph has no closing mark at the paragraph's
        # end (the English convention): it ends with the paragraph. The "quote" then spans to the
        # end and `inner` keeps the last character.
        found.append((opening, len(chunk) + 1))
    return found


def _single_quotes(chunk: str, doubles: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """'...' passages. An apostrophe inside a word ("Chile's") neither opens nor closes one."""
    inside = [False] * len(chunk)
    for s, e in doubles:
        for i in range(s, min(e, len(chunk))):
            inside[i] = True
    found, opening = [], None
    for i, char in enumerate(chunk):
        if char not in _SINGLE or inside[i]:
            continue
        before = chunk[i - 1] if i else " "
        after = chunk[i + 1] if i + 1 < len(chunk) else " "
        if opening is None:
            if (before.isspace() or before in "([-\u2014") and after.isalnum():
                opening = i
        elif before.isalnum() or before in ".,!?;:)":
            if after.isalnum():
                continue  # an apostrophe: "don't"
            if after.isspace() and before == "s" and i + 2 < len(chunk) and chunk[i + 2].islower():
                # "the ministers' statement": a plural possessive, keep looking for the close
                continue
            found.append((opening, i + 1))
            opening = None
    return found
