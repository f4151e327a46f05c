"""International organizations by name and acronym: the `organizations` section of rules.yaml, and
the acronyms an article introduces itself ("the Central Asian Water Council (CAWC)").

An organization the directory does not know becomes a new draft actor under its listed name, with
its other names and acronyms as aliases, so the curator can merge it with one click.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import rx
from .text import fold

# Small words left out of an acronym: "Organization of American States" -> OAS.
_SKIPPED_IN_INITIALS = {"of", "the", "and", "for", "on", "in", "de", "la", "del", "des", "et", "&"}


@dataclass(frozen=True)
class Organization:
    name: str
    aliases: tuple[str, ...]
    kind: str = "international_organization"


def is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and len(letters) <= 8 and all(c.isupper() for c in letters)


def initials(name: str) -> str:
    """ "Collective Security Treaty Organization" -> "CSTO"; hyphenated words count once."""
    words = [w for w in rx.findall(r"[^\W\d_][\w'-]*", name) if w.lower() not in _SKIPPED_IN_INITIALS]
    return "".join(w[0].upper() for w in words)


class OrganizationLexicon:
    """The organizations of the rules file: names matched folded, acronyms in capitals only."""

    def __init__(self, organizations: tuple[Organization, ...]):
        self.organizations = organizations
        self.by_folded: dict[str, Organization] = {}
        self.by_acronym: dict[str, Organization] = {}
        for org in organizations:
            for name in (org.name, *org.aliases):
                if is_acronym(name):
                    self.by_acronym.setdefault(name, org)
                else:
                    self.by_folded.setdefault(fold(name), org)
        names = sorted(self.by_folded, key=len, reverse=True)
        self.regex = (
            re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")
            if names
            else None
        )
        acronyms = sorted(self.by_acronym, key=len, reverse=True)
        self.acronym_regex = (
            re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(a) for a in acronyms) + r")(?![A-Za-z])")
            if acronyms
            else None
        )

    def find(self, text: str, folded: str):
        """Yield (start, end, Organization); names must start with a capital letter."""
        if self.regex:
            for m in self.regex.finditer(folded):
                if text[m.start()].isupper():
                    yield m.start(), m.end(), self.by_folded[m.group()]
        if self.acronym_regex:
            for m in self.acronym_regex.finditer(text):
                yield m.start(), m.end(), self.by_acronym[m.group()]


_INTRODUCED = re.compile(r"\(\s*([A-Z][A-Za-z.&-]{1,9})\s*\)")


def introduced_acronyms(text: str) -> list[tuple[int, int, str]]:
    """ "(SICA)" right after a name: (start, end) of the acronym in the brackets and the acronym."""
    found = []
    for m in _INTRODUCED.finditer(text):
        acronym = m.group(1)
        if is_acronym(acronym) and sum(c.isupper() for c in acronym) >= 2:
            found.append((m.start(1), m.end(1), acronym))
    return found
