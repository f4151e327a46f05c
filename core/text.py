"""Text normalisation shared by search and citation checks."""

import bisect
import re
import unicodedata
from dataclasses import dataclass

from unidecode import unidecode

_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case ASCII form used for accent- and case-insensitive search ("Bárcena" -> "barcena")."""
    return _SPACE.sub(" ", unidecode(unicodedata.normalize("NFC", text or "")).lower()).strip()


# --- typography that verbatim checks ignore --------------------------------------------------------
#
# An excerpt matches its source when the two differ only in typography: curly or straight quotes and
# apostrophes, dash variants (and the spaces around a dash), runs of whitespace (non-breaking and thin
# spaces included), soft hyphens and zero-width characters, "…" for "...". Words, case and every other
# punctuation mark count.

# Length-preserving replacements: offsets are unchanged by them.
_ONE_FOR_ONE = str.maketrans({
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\u2039\u203a\uff07", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\uff02", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    **dict.fromkeys("\u00a0\u2007\u202f", " "),
})
# Length-changing ones, found by one scan: spaces around a dash, whitespace other than one plain
# space, invisible characters, the ellipsis character.
_CHANGES = re.compile(r"(?P<dash>\s+-\s*|-\s+)|(?P<space>\s{2,}|[^\S ])|(?P<gone>[\u00ad\u200b\u2060\ufeff]+)"
                      r"|(?P<ellipsis>\u2026)")
_REPLACEMENT = {"dash": "-", "space": " ", "gone": "", "ellipsis": "..."}


@dataclass(frozen=True)
class _Change:
    normal_start: int
    normal_end: int
    original_start: int
    original_end: int
    # The part of the original a match starting or ending inside this change stands for: the dash
    # itself, not the spaces around it.
    core_start: int
    core_end: int


class Typographic:
    """A text in its typographic normal form, with the way back to offsets in the original.

    ``normal`` is what matching works on; ``original_span(start, end)`` turns a span of ``normal``
    into the span of the original text it came from, so a stored offset always indexes the text as
    archived. Expects NFC text (archived texts are stored in NFC; see sources.verification).
    """

    def __init__(self, original: str):
        self.original = original
        translated = original.translate(_ONE_FOR_ONE)
        parts, changes, position, normal_length = [], [], 0, 0
        for match in _CHANGES.finditer(translated):
            start, end = match.span()
            parts.append(translated[position:start])
            normal_length += start - position
            replacement = _REPLACEMENT[match.lastgroup]
            core_start, core_end = start, end
            if match.lastgroup == "dash":
                core_start = start + match.group().index("-")
                core_end = core_start + 1
            changes.append(_Change(normal_length, normal_length + len(replacement), start, end,
                                   core_start, core_end))
            parts.append(replacement)
            normal_length += len(replacement)
            position = end
        parts.append(translated[position:])
        self.normal = "".join(parts)
        self._changes = changes
        self._starts = [c.normal_start for c in changes]

    def _change_at_or_before(self, index: int) -> _Change | None:
        i = bisect.bisect_right(self._starts, index)
        return self._changes[i - 1] if i else None

    def original_start(self, index: int) -> int:
        """Offset in the original of the character at ``index`` of the normal form."""
        change = self._change_at_or_before(index)
        if change is None:
            return index
        if index < change.normal_end:
            return change.core_start
        return change.original_end + index - change.normal_end

    def original_end(self, index: int) -> int:
        """Offset in the original just past the character at ``index - 1`` of the normal form."""
        if index <= 0:
            return 0
        change = self._change_at_or_before(index - 1)
        if change is None:
            return index
        if index - 1 < change.normal_end:
            return change.core_end
        return change.original_end + index - change.normal_end

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.original_start(start), self.original_end(end)


def normalise_quote(text: str) -> str:
    """An excerpt or quote in the typographic normal form verbatim checks compare (see ``Typographic``)."""
    return Typographic(unicodedata.normalize("NFC", text or "")).normal.strip()
