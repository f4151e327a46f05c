"""The actors the engine already knows, and how names in an article are matched to them.

Matching is accent- and case-insensitive ("Barcena" finds "Alicia Bárcena"); aliases written in
capitals (acronyms such as "OAS") match only in capitals, so "us" never finds the United States.
Fuzzy matching (rapidfuzz) is used only where it is safe: names of two words or more, against
actors of a compatible kind, with a high cut-off.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .text import fold
from .types import ACTOR_KINDS

FUZZY_CUTOFF = 90


@dataclass(frozen=True)
class KnownActor:
    slug: str
    name: str
    kind: str  # one of types.ACTOR_KINDS
    country: str | None = None  # ISO 3166 alpha-2
    aliases: tuple[str, ...] = ()
    # The state or organization this actor currently speaks for (a current role: "Mexico" for its
    # foreign minister). Persons without one speak for nobody unless the article states a role.
    represents: str | None = None

    def __post_init__(self):
        if self.kind not in ACTOR_KINDS:
            raise ValueError(
                f"actor {self.slug!r}: kind {self.kind!r} is not one of {', '.join(ACTOR_KINDS)}"
            )


def _is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and len(letters) <= 6 and all(c.isupper() for c in letters)


class ActorDirectory:
    """Known actors, looked up by slug, name, alias, acronym or country."""

    def __init__(self, actors: Iterable[KnownActor]):
        self.actors: dict[str, KnownActor] = {}
        self.by_name: dict[str, KnownActor] = {}  # folded name or alias -> actor
        self.by_acronym: dict[str, KnownActor] = {}  # exact capitals -> actor
        self.states_by_country: dict[str, KnownActor] = {}
        for actor in actors:
            if actor.slug in self.actors:
                raise ValueError(f"actor slug {actor.slug!r} given twice")
            self.actors[actor.slug] = actor
            for name in (actor.name, *actor.aliases):
                if not name or not name.strip():
                    continue
                if _is_acronym(name):
                    self.by_acronym.setdefault(name.strip(), actor)
                else:
                    self.by_name.setdefault(fold(name.strip()), actor)
            if actor.kind == "state" and actor.country:
                self.states_by_country.setdefault(actor.country.upper(), actor)
        names = sorted(self.by_name, key=len, reverse=True)
        self.name_regex = (
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
        self._fuzzy_names = {
            kind: [n for n, a in self.by_name.items() if a.kind == kind and " " in n] for kind in ACTOR_KINDS
        }

    @classmethod
    def from_records(cls, records: Iterable[dict]) -> ActorDirectory:
        """From mappings shaped like seeds/actors.yaml: slug, name, kind, country, aliases, roles.

        A current role's organization becomes `represents` (the first one that is current)."""
        actors = []
        for record in records:
            represents = next(
                (
                    role.get("organization")
                    for role in record.get("roles") or []
                    if role.get("is_current") and role.get("organization")
                ),
                None,
            )
            actors.append(
                KnownActor(
                    slug=record["slug"],
                    name=record["name"],
                    kind=record["kind"],
                    country=record.get("country") or None,
                    aliases=tuple(record.get("aliases") or ()),
                    represents=represents,
                )
            )
        return cls(actors)

    def __len__(self) -> int:
        return len(self.actors)

    def __contains__(self, slug: str) -> bool:
        return slug in self.actors

    def get(self, slug: str) -> KnownActor | None:
        return self.actors.get(slug)

    def state_for_country(self, iso: str) -> KnownActor | None:
        return self.states_by_country.get(iso.upper())

    def lookup(self, name: str, *, kinds: Iterable[str] | None = None) -> KnownActor | None:
        """The actor a name refers to: exact (folded) name or alias, acronym, else a safe fuzzy match."""
        name = name.strip()
        actor = (self.by_acronym.get(name) if _is_acronym(name) else None) or self.by_name.get(fold(name))
        if actor is not None:
            return actor
        return self.fuzzy(name, kinds=kinds)

    def fuzzy(self, name: str, *, kinds: Iterable[str] | None = None) -> KnownActor | None:
        folded = fold(name.strip())
        if " " not in folded or len(folded) < 8:
            return None  # one word is too little to guess from
        best = None
        for kind in kinds or ACTOR_KINDS:
            candidates = self._fuzzy_names.get(kind) or []
            if not candidates:
                continue
            found = process.extractOne(folded, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            if found and (best is None or found[1] > best[1]):
                best = found
        if best:
            return self.by_name[best[0]]
        if kinds is None or "person" in kinds:
            return self._longer_person_name(folded)
        return None

    def _longer_person_name(self, folded: str) -> KnownActor | None:
        """ "Daniel Noboa Azin" is "Daniel Noboa": every word of a known two-word-or-longer person name,
        in order, at the start of the longer name."""
        words = folded.split()
        for known in self._fuzzy_names.get("person") or []:
            known_words = known.split()
            if len(known_words) >= 2 and words[: len(known_words)] == known_words:
                return self.by_name[known]
        return None
