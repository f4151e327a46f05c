"""Text normalisation shared by search and citation checks."""

import re
import unicodedata

from unidecode import unidecode

_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                         "\u00ab": '"', "\u00bb": '"', "\u2013": "-", "\u2014": "-", "\u00a0": " "})


def fold(text: str) -> str:
    """Lower-case ASCII form used for accent- and case-insensitive search ("Bárcena" -> "barcena")."""
    return _SPACE.sub(" ", unidecode(unicodedata.normalize("NFC", text or "")).lower()).strip()


def normalise_quote(text: str) -> str:
    """Quote-mark and whitespace normalisation for verbatim checks; words stay as they are."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text or "").translate(_QUOTES)).strip()
