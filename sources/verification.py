"""Verbatim checks of excerpts and quotes against a source's archived text (README "Archived texts").

Every write path uses this one module: ``Citation.clean()`` (so the admin forms and ``load_seeds``),
the statement quote check in events, the text services in ``sources.services`` and
``verify_citations``. Matching ignores only typography (``core.text.Typographic``); a stored offset
pair always indexes the archived text itself: ``text[start:end]`` is the excerpt as the source prints it.

This module reads records only through their attributes and relations, so models.py can use it.
"""

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass

import pysbd
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from rapidfuzz import fuzz

from core.text import Typographic, normalise_quote

# How much of the nearest passage an error message quotes, and of the context around a passage.
PASSAGE_LIMIT = 300
CONTEXT_LIMIT = 400


# --- the text itself --------------------------------------------------------------------------------

def clean_text(value: str | bytes) -> str:
    """The text as it will be archived, or a ValidationError saying why it cannot be.

    Bytes (an uploaded file) must be UTF-8. The stored form has Unicode NFC and ``\\n`` line endings
    (a browser sends a textarea with ``\\r\\n``; the same article must give the same hash however it
    arrived), without a byte-order mark. Empty, binary (NUL bytes, not UTF-8) and over-size texts
    (``SOURCE_TEXT_MAX_BYTES``) are refused.
    """
    limit = settings.SOURCE_TEXT_MAX_BYTES
    if isinstance(value, bytes):
        if len(value) > limit:
            raise _too_large(len(value), limit)
        if value.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise ValidationError("The file is UTF-16 text; save it as UTF-8 plain text.", code="binary")
        if b"\x00" in value:
            raise ValidationError("The file contains null bytes: it is a binary file, not plain text. "
                                  "Save the article as a UTF-8 .txt file.", code="binary")
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ValidationError(f"The file is not UTF-8 text (undecodable byte at position {exc.start}). "
                                  "Save the article as a UTF-8 .txt file.", code="binary") from exc
    if "\x00" in value:
        raise ValidationError("The text contains null characters: it is binary data, not plain text.",
                              code="binary")
    value = unicodedata.normalize("NFC", canonical_newlines(value.removeprefix("\ufeff")))
    if not value.strip():
        raise ValidationError("The text is empty.", code="empty")
    size = len(value.encode("utf-8"))
    if size > limit:
        raise _too_large(size, limit)
    return value


def canonical_newlines(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n")


def _too_large(size, limit):
    return ValidationError(f"The text is {size:,} bytes; the limit is {limit:,} bytes "
                           "(setting SOURCE_TEXT_MAX_BYTES).", code="too_large")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def archived_text(source):
    """The source's SourceText, or None when it has none (the lookup is cached on ``source``)."""
    if source is None or source.pk is None:
        return None
    try:
        return source.archived_text
    except ObjectDoesNotExist:
        return None


# --- finding a passage ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Found:
    start: int  # offsets in the original text
    end: int
    occurrence: int  # 1 = first
    count: int  # occurrences in the text


@dataclass(frozen=True)
class Nearest:
    start: int
    end: int
    score: float  # 0-100, rapidfuzz's partial ratio


def typographic(text) -> Typographic:
    """The normal form of a text: a SourceText (cached on it) or a plain string."""
    if isinstance(text, Typographic):
        return text
    if isinstance(text, str):
        return Typographic(text)
    return text.typographic


def occurrences(text, needle: str) -> list[tuple[int, int]]:
    """Every (start, end) in the original text where ``needle`` stands, typography aside."""
    typo, normal = typographic(text), normalise_quote(needle)
    if not normal:
        return []
    spans, i = [], typo.normal.find(normal)
    while i != -1:
        spans.append(typo.original_span(i, i + len(normal)))
        i = typo.normal.find(normal, i + 1)
    return spans


def matches_at(text, needle: str, start: int | None, end: int | None) -> bool:
    """Whether ``text[start:end]`` is ``needle``, typography aside (stored offsets still good)."""
    if start is None or end is None:
        return False
    original = typographic(text).original
    return (0 <= start < end <= len(original)
            and normalise_quote(original[start:end]) == normalise_quote(needle))


def locate(text, needle: str, *, what: str = "excerpt", where: str = "the archived text",
           occurrence: int | None = None, keep: tuple | None = None) -> Found:
    """Where ``needle`` stands in ``text``, or a ValidationError naming the nearest passage.

    ``occurrence`` (1-based) picks one of several; otherwise ``keep`` (the stored offsets) is kept
    when it is still an occurrence, else the first occurrence is taken.
    """
    if not normalise_quote(needle):
        raise ValidationError(f"The {what} is empty.", code="empty")
    spans = occurrences(text, needle)
    if not spans:
        raise ValidationError(not_found_message(text, needle, what=what, where=where), code="not_found")
    if occurrence is not None:
        if not 1 <= occurrence <= len(spans):
            raise ValidationError(f"The {what} occurs {_times(len(spans))} in {where}; there is no "
                                  f"occurrence {occurrence}.", code="no_such_occurrence")
        index = occurrence - 1
    elif keep is not None and tuple(keep) in spans:
        index = spans.index(tuple(keep))
    else:
        index = 0
    start, end = spans[index]
    return Found(start, end, index + 1, len(spans))


def _times(n):
    return "once" if n == 1 else f"{n} times"


def nearest(text, needle: str) -> Nearest | None:
    """The passage of ``text`` most like ``needle``, in whole words.

    rapidfuzz's partial-ratio alignment finds the region; its window has the needle's length, so the
    passage's own bounds are then chosen among the word boundaries near the window's ends, by ratio.
    """
    typo, normal = typographic(text), normalise_quote(needle)
    if not normal or not typo.normal:
        return None
    alignment = fuzz.partial_ratio_alignment(normal, typo.normal)
    if alignment.dest_end <= alignment.dest_start:
        return None
    haystack, slack = typo.normal, max(12, len(normal) // 4)
    low, high = alignment.dest_start, alignment.dest_end
    starts = [i for i in range(max(0, low - slack), min(len(haystack), low + slack) + 1)
              if (i == 0 or haystack[i - 1] == " ") and i < len(haystack) and haystack[i] != " "]
    ends = [j for j in range(max(1, high - slack), min(len(haystack), high + slack) + 1)
            if (j == len(haystack) or haystack[j] == " ") and haystack[j - 1] != " "]
    candidates = [(fuzz.ratio(normal, haystack[i:j]), i, j) for i in starts or [low] for j in ends or [high]
                  if j > i]
    score, low, high = max(candidates, default=(alignment.score, low, high))
    start, end = typo.original_span(low, high)
    return Nearest(start, end, score)


def not_found_message(text, needle: str, *, what: str, where: str, near: Nearest | None = None) -> str:
    near = near or nearest(text, needle)
    message = f"The {what} is not in {where} (typography aside, every word and mark must match)."
    if near is None:
        return message
    return f"{message} Nearest passage: {passage_quote(text, near)}"


def passage_quote(text, near: Nearest) -> str:
    """“…passage…” (characters a–b, n% similar), shortened to PASSAGE_LIMIT characters."""
    passage = typographic(text).original[near.start:near.end]
    passage = " ".join(passage.split())
    if len(passage) > PASSAGE_LIMIT:
        passage = passage[:PASSAGE_LIMIT - 1].rstrip() + "…"
    return f"“{passage}” (characters {near.start}–{near.end}, {near.score:.0f}% similar)."


# --- showing a passage in context -------------------------------------------------------------------

# Sentences by pysbd (rule-based, offline; the article intake segments with it too), inside paragraphs
# (blank-line separated) so a headline without a full stop stays apart from the first paragraph. Only
# for display: a wrong split shows a little more or less context, it never changes a check.
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]+)*")


@functools.cache
def _segmenter():
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def _sentences(text: str, low: int, high: int) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text[low:high]``, in order, without surrounding whitespace."""
    spans = []
    for paragraph in _PARAGRAPH.finditer(text, low, high):
        base, chunk, cursor = paragraph.start(), paragraph.group(), 0
        for piece in _segmenter().segment(chunk):
            # Re-anchored on the text itself, so a span pysbd got wrong cannot shift the context.
            found = piece.start if chunk[piece.start:piece.end] == piece.sent \
                else chunk.find(piece.sent, cursor)
            if found < 0:
                continue
            cursor = found + len(piece.sent)
            start, end = base + found, base + cursor
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                spans.append((start, end))
    return spans


def context(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(before, passage, after): the passage with the sentence before and the sentence after it."""
    low, high = max(0, start - 4 * CONTEXT_LIMIT), min(len(text), end + 4 * CONTEXT_LIMIT)
    sentences = _sentences(text, low, high)
    first = max((i for i, (s, _) in enumerate(sentences) if s <= start), default=None)
    last = max((i for i, (s, _) in enumerate(sentences) if s < end), default=None)
    context_start = sentences[max(first - 1, 0)][0] if first is not None else low
    context_end = sentences[min(last + 1, len(sentences) - 1)][1] if last is not None else high
    context_start, context_end = min(context_start, start), max(context_end, end)
    before, after = text[context_start:start], text[end:context_end]
    if len(before) > CONTEXT_LIMIT:
        before = "…" + before[-CONTEXT_LIMIT:]
    if len(after) > CONTEXT_LIMIT:
        after = after[:CONTEXT_LIMIT] + "…"
    return before, text[start:end], after


# --- citations --------------------------------------------------------------------------------------

def describe_source(source) -> str:
    return f"the archived text of “{source}”"


def place_excerpt(citation, *, occurrence: int | None = None) -> None:
    """Set ``citation.excerpt_start``/``excerpt_end`` in its source's text, or raise ValidationError.

    No text: both stay empty (the citation is unverified). Raises ``{"excerpt": message}`` when the
    excerpt is not in the text, naming the nearest passage.
    """
    text = archived_text(citation.source)
    if text is None:
        citation.excerpt_start = citation.excerpt_end = None
        return
    keep = (citation.excerpt_start, citation.excerpt_end)
    try:
        found = locate(text, citation.excerpt, what="excerpt", where=describe_source(citation.source),
                       occurrence=occurrence, keep=keep)
    except ValidationError as exc:
        raise ValidationError({"excerpt": exc.messages}) from exc
    citation.excerpt_start, citation.excerpt_end = found.start, found.end


def occurrence_of(text, needle: str, start: int | None, end: int | None) -> int | None:
    """Which occurrence (1-based) the stored offsets point at, or None when they point at none."""
    if start is None:
        return None
    spans = occurrences(text, needle)
    return spans.index((start, end)) + 1 if (start, end) in spans else None
