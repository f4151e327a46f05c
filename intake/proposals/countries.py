"""Country names, alternative spellings, demonyms and capitals from the `countryinfo` package (offline
data files shipped in the package), plus what curators add in rules.yaml (`country_aliases`,
`capital_aliases`, `not_states`, `not_capitals`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from countryinfo import CountryInfo

from . import rx
from .text import fold


@dataclass(frozen=True)
class CountryTerm:
    term: str  # as written in the data (case kept: capitals decide acronym matching)
    iso: str  # ISO 3166 alpha-2
    demonym: bool  # "Mexican", not "Mexico"
    capital: bool = False  # "Lima" standing for Peru
    territory: bool = False  # a dependency ("New Caledonia"): a place, never a reacting state


@functools.lru_cache(maxsize=1)
def _countryinfo_terms() -> tuple[tuple[CountryTerm, ...], dict[str, str]]:
    terms: list[CountryTerm] = []
    names: dict[str, str] = {}
    for info in CountryInfo.all().values():
        iso = (info.get("ISO") or {}).get("alpha2")
        name = info.get("name")
        if not iso or not name:
            continue
        iso = iso.upper()
        names.setdefault(iso, name)
        codes = {iso, ((info.get("ISO") or {}).get("alpha3") or "").upper()}
        for spelling in [name, *(info.get("altSpellings") or [])]:
            if spelling and spelling.lower().startswith("the "):
                # "the Netherlands" is written lower case mid-sentence: the name is what follows
                spelling = spelling[4:]
            if spelling and spelling not in codes and _latin(spelling) and len(spelling) > 3:
                terms.append(CountryTerm(spelling, iso, False))
        for demonym in str(info.get("demonym") or "").split(","):
            demonym = demonym.strip()
            if demonym and _latin(demonym):
                terms.append(CountryTerm(demonym, iso, True))
                if not demonym.endswith("s"):
                    terms.append(CountryTerm(demonym + "s", iso, True))
        capital = info.get("capital")
        if isinstance(capital, str) and capital and _latin(capital):
            terms.append(CountryTerm(capital, iso, False, capital=True))
    return tuple(terms), names


def _latin(value: str) -> bool:
    return all(ord(c) < 0x250 or c in "\u2019'" for c in value)


class CountryLexicon:
    """Finds country names, demonyms and capitals in text; maps them to ISO alpha-2 codes."""

    def __init__(
        self,
        aliases: dict[str, tuple[str, ...]],
        not_countries: tuple[str, ...],
        *,
        capital_aliases: dict[str, tuple[str, ...]] | None = None,
        not_capitals: tuple[str, ...] = (),
        not_states: tuple[str, ...] = (),
        ambiguous: dict[str, dict[str, tuple[str, ...]]] | None = None,
    ):
        base, names = _countryinfo_terms()
        # Codes the package lacks (Kosovo, "XK") are named by their first spelling in the rules.
        self.names = {**{iso: spellings[0] for iso, spellings in aliases.items() if spellings}, **names}
        self.ambiguous = {
            fold(name): {iso: [fold(c) for c in clues] for iso, clues in by_iso.items()}
            for name, by_iso in (ambiguous or {}).items()
        }
        territories = {iso.upper() for iso in not_states}
        skip_capitals = {fold(c) for c in not_capitals}
        # The curators' spellings come first: they win over the package's where both give a term
        # ("Dominican" is the Dominican Republic, not Dominica).
        terms: list[CountryTerm] = []
        for iso, spellings in aliases.items():
            for spelling in spellings:
                demonym = not spelling[:1].isupper() or spelling.endswith(("an", "ese", "ish", "i", "ch"))
                terms.append(CountryTerm(spelling, iso, demonym and spelling not in self.names.values()))
        for iso, capitals in (capital_aliases or {}).items():
            terms.extend(CountryTerm(capital, iso, False, capital=True) for capital in capitals)
        terms.extend(base)
        self.by_folded: dict[str, CountryTerm] = {}
        self.acronyms: dict[str, CountryTerm] = {}
        for term in terms:
            if term.capital and (fold(term.term) in skip_capitals or term.iso in territories):
                continue
            if term.iso in territories:
                term = CountryTerm(term.term, term.iso, term.demonym, territory=True)
            table, key = (
                (self.acronyms, term.term) if _is_acronym(term.term) else (self.by_folded, fold(term.term))
            )
            known = table.get(key)
            # A state wins over a territory that shares the word ("Indian" is India's, not the
            # British Indian Ocean Territory's); otherwise the first term given wins.
            if known is None or (known.territory and not term.territory):
                table[key] = term
        words = sorted(self.by_folded, key=len, reverse=True)
        self.regex = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])")
        acronyms = sorted(self.acronyms, key=len, reverse=True)
        # "U.S." ends in a dot, so the right-hand boundary is "not a letter", not \b.
        self.acronym_regex = re.compile(
            r"(?<![\w.])(?:" + "|".join(re.escape(a) for a in acronyms) + r")(?![A-Za-z])"
        )
        self.not_regex = (
            re.compile(
                r"(?<![\w-])(?:"
                + "|".join(re.escape(fold(p)) for p in sorted(not_countries, key=len, reverse=True))
                + r")(?![\w-])"
            )
            if not_countries
            else None
        )
        self.capitals_by_folded = {k: t for k, t in self.by_folded.items() if t.capital}

    def name(self, iso: str) -> str:
        return self.names.get(iso, iso)

    def capital_country(self, name: str) -> str | None:
        """The ISO code of the state whose capital (or seat of government) `name` is."""
        term = self.capitals_by_folded.get(fold(name.strip()))
        return term.iso if term else None

    def find(self, text: str, folded: str):
        """Yield (start, end, CountryTerm) for every capitalised country name, demonym or capital."""
        blocked = []
        if self.not_regex:
            blocked = [(m.start(), m.end()) for m in self.not_regex.finditer(folded)]

        def free(start, end):
            return not any(s < end and start < e for s, e in blocked)

        meant = {}
        for name, by_iso in self.ambiguous.items():
            # "Congo" in an article that names the Democratic Republic of Congo (or Kinshasa) and not
            # the Republic of the Congo is the former.
            spans = {
                iso: [m.span() for c in clues for m in _words_regex(c).finditer(folded)]
                for iso, clues in by_iso.items()
            }
            # A clue inside another state's longer one does not count ("Republic of Congo" inside
            # "Democratic Republic of Congo").
            named = [
                iso
                for iso, found in spans.items()
                if any(
                    not any(
                        a <= s and e <= b and (a, b) != (s, e)
                        for other, o in spans.items()
                        if other != iso
                        for a, b in o
                    )
                    for s, e in found
                )
            ]
            if len(named) == 1:
                meant[name] = named[0]
        for match in self.regex.finditer(folded):
            start, end = match.span()
            if text[start].isupper() and free(start, end):
                term = self.by_folded[match.group()]
                if match.group() in meant and meant[match.group()] != term.iso:
                    term = CountryTerm(term.term, meant[match.group()], term.demonym, term.capital)
                if term.capital and _inside_longer_name(text, start, end):
                    continue  # "Santiago Pena" is a person, "Victoria Street" a street
                yield start, end, term
        for match in self.acronym_regex.finditer(text):
            start, end = match.span()
            if free(start, end):
                yield start, end, self.acronyms[match.group()]


@functools.lru_cache(maxsize=256)
def _words_regex(words: str) -> re.Pattern:
    return re.compile(rf"(?<![\w-]){re.escape(words)}(?![\w-])")


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    after = rx.match(r"[ \t]+([A-Z\u00c0-\u00de])", text[end : end + 3])
    before = rx.search(r"([A-Za-z\u00c0-\u024f])[ \t]+$", text[max(0, start - 3) : start])
    return bool(after) or bool(before and before.group(1).isupper())


def _is_acronym(term: str) -> bool:
    letters = [c for c in term if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 4
