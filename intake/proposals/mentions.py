"""Finding the actors an article names, and keeping the new (unknown) ones apart.

Sources of mentions, strongest first where they overlap:
1. the directory's names and aliases (and acronyms, in capitals only);
2. international organizations of the rules file, by name or acronym (organizations.py), and
   capitalised names with an organization word in them ("Colombian Foreign Ministry");
3. countries: names, alternative spellings, demonyms and capitals (countries.py). A demonym is the
   state only before a state noun ("Peruvian police", "the Kyrgyz side"); "Chilean truck drivers" are
   not Chile. A capital is the state only where it stands alone ("Lima said").
4. other capitalised names of two words or more: persons. Titles, demonyms and small words in front
   are stripped ("Honduran President Xiomara Castro" -> "Xiomara Castro", of Honduras). A name after
   a thing noun ("the trawler Nordkapp Star") is a thing, not an actor;
5. a single capitalised word that is the surname of a person named in full earlier in the article;
6. acronyms the article introduces ("the Central Asian Water Council (CAWC)") or that spell the
   initials of an organization it names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from unidecode import unidecode

from . import rx
from .countries import CountryLexicon, CountryTerm
from .directory import ActorDirectory, KnownActor
from .organizations import Organization, OrganizationLexicon, initials, introduced_acronyms, is_acronym
from .rules import Rules
from .text import fold, span
from .types import ActorRef, NewActor

# Capital letters: ASCII, Latin-1 and the Latin Extended blocks ("Žemaitis", "Łukasz").
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de" + "".join(
    chr(c) for c in range(0x100, 0x250) if chr(c).isupper() and chr(c).lower() != chr(c)
)
_WORD = rf"[{_UPPER}][\w\-]*(?:['\u2019][{_UPPER}][\w\-]*)?"
# An initial ("Rufus T. Firefly") keeps its dot and the name going; any other word ending a sentence
# ("... in Vilnius. Minsk said") ends the name there.
_TOKEN = rf"(?:[{_UPPER}]\.(?=[ \t]+[{_UPPER}])|{_WORD})"
_CONNECTOR = (
    r"(?:de|del|de\s+la|da|do|dos|das|van|von|der|den|bin|ibn|al|el|la|le|di|du|y"
    r"|of|on|for|and|of\s+the|for\s+the)"
)
_NOT_AFTER_CONNECTOR = (
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May"
    r"|June|July|August|September|October|November|December)\b)"
)
_CAPSEQ = re.compile(rf"(?<![\w\-]){_TOKEN}(?:[ \t]+(?:{_CONNECTOR}[ \t]+{_NOT_AFTER_CONNECTOR})?{_TOKEN})*")
_CONNECTOR_WORDS = {"of", "on", "for", "and", "the"}
_UN_BODY = re.compile(
    r"(?<![\w.])(?:UN|U\.N\.|United\s+Nations)\s+(?:[A-Z][\w'-]*\s+){0,4}?(?:Council|Commission|Mission|Office|"
    r"Agency|Programme|Program|Fund|Committee|Organi[sz]ation|Court|Tribunal|Force|Operation|Panel|Forum)"
    r"(?:\s+(?:for|on|of|in)(?:\s+the)?\s+[A-Z][\w'-]*(?:\s+(?:and\s+)?[A-Z][\w'-]*){0,3})?(?![\w-])"
)
# Titles that name an office: a capitalised run's name starts after the last of them.
_OFFICE_WORDS = {
    "minister",
    "secretary",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "ambassador",
    "envoy",
    "consul",
    "president",
    "chancellor",
    "premier",
    "governor",
    "general",
    "commissioner",
    "representative",
    "director",
    "chief",
    "commander",
    "attorney",
    "senator",
    "mayor",
    "colonel",
    "admiral",
    "captain",
    "lieutenant",
    "brigadier",
    "major",
    "judge",
    "prosecutor",
    "adviser",
    "advisor",
}


def _office_word(word: str) -> bool:
    """A word of office, hyphenated ones included ("Secretary-General", "Director-General")."""
    return word in _OFFICE_WORDS or any(part in _OFFICE_WORDS for part in word.split("-"))


@dataclass
class Mention:
    start: int
    end: int
    ref: ActorRef
    kind: str
    how: str  # directory | acronym | organization | country | capital | person | surname
    country: str | None = None
    speaks_for: ActorRef | None = None  # the state / organization it stands for (reactions, statements)
    former: bool = False
    title_start: int | None = None  # where stripped titles began ("President ..."), for roles
    # A role with no state named beside it ("Foreign Minister Ana Ruiz said"), or a ministry named
    # without its country: the document decides whom it speaks for (document.py).
    needs_state: bool = False

    @property
    def is_reacting(self) -> bool:
        return self.kind in ("state", "international_organization")


def slugify(value: str) -> str:
    return rx.sub(r"[^a-z0-9]+", "-", unidecode(value).lower()).strip("-") or "actor"


@dataclass
class Resolver:
    """Per-article state: mentions found, new actors created, surnames seen."""

    directory: ActorDirectory
    lexicon: CountryLexicon
    rules: Rules
    organizations: OrganizationLexicon | None = None
    new: dict[str, NewActor] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    surnames: dict[str, tuple[ActorRef, str]] = field(default_factory=dict)
    new_roles: dict[str, ActorRef] = field(default_factory=dict)
    # Demonyms used as plain adjectives ("a Russian border guard ship" keeps "ship"): not actors,
    # but what the article says about whom (engine: who started the crisis).
    modifiers: list[tuple[Mention, str]] = field(default_factory=list)

    # -- actor helpers -------------------------------------------------------------------------
    def kind_of(self, ref: ActorRef) -> str:
        if ref.slug is not None:
            return self.directory.get(ref.slug).kind
        return self.new[ref.new].kind

    def country_of(self, ref: ActorRef) -> str | None:
        if ref.slug is not None:
            return self.directory.get(ref.slug).country
        return self.new[ref.new].country

    def name_of(self, ref: ActorRef) -> str:
        if ref.slug is not None:
            return self.directory.get(ref.slug).name
        return self.new[ref.new].name

    def state_ref(self, iso: str) -> ActorRef:
        known = self.directory.state_for_country(iso)
        if known:
            return ActorRef(slug=known.slug)
        return self._new_actor(self.lexicon.name(iso), "state", iso)

    def use(self, ref: ActorRef | None) -> ActorRef | None:
        """Mark a new actor as cited by a proposal (only those are proposed)."""
        if ref is not None and ref.new is not None:
            self.used.add(ref.new)
        return ref

    def _new_actor(self, name: str, kind: str, country: str | None, aliases=()) -> ActorRef:
        key = slugify(name)
        actor = self.new.get(key)
        if actor is None:
            actor = self.new[key] = NewActor(key=key, name=name, kind=kind, country=country)
        elif country and not actor.country:
            actor.country = country
        for alias in aliases:
            if alias != actor.name and alias not in actor.aliases:
                actor.aliases.append(alias)
        return actor.ref

    def organization_ref(self, org: Organization) -> tuple[ActorRef, str, str | None]:
        """The directory's actor for a listed organization (by its name or any alias), else a new one."""
        for name in (org.name, *org.aliases):
            known = (
                self.directory.by_acronym.get(name)
                if is_acronym(name)
                else self.directory.by_name.get(fold(name))
            )
            if known is not None:
                return ActorRef(slug=known.slug), known.kind, known.country
        return self._new_actor(org.name, org.kind, None, org.aliases), org.kind, None

    def speaks_for_known(self, actor: KnownActor) -> ActorRef | None:
        if actor.kind in ("state", "international_organization"):
            return ActorRef(slug=actor.slug)
        if actor.kind == "government_body" and actor.country:
            return self.state_ref(actor.country)
        if actor.represents and actor.represents in self.directory:
            return ActorRef(slug=actor.represents)
        return None

    def guess_kind(self, folded_name: str) -> str:
        for kind, regex in self.rules.kind_word_regexes.items():
            if regex.search(folded_name):
                return kind
        return "person"

    # -- mentions ------------------------------------------------------------------------------
    def find(self, text: str, folded: str) -> list[Mention]:
        candidates: list[tuple[int, int, int, object]] = []  # (start, end, priority, payload)
        directory = self.directory
        if directory.name_regex:
            for m in directory.name_regex.finditer(folded):
                candidates.append((m.start(), m.end(), 0, directory.by_name[m.group()]))
        if directory.acronym_regex:
            for m in directory.acronym_regex.finditer(text):
                candidates.append((m.start(), m.end(), 0, directory.by_acronym[m.group()]))
        if self.organizations is not None:
            for s, e, org in self.organizations.find(text, folded):
                candidates.append((s, e, 1, org))
            for m in _UN_BODY.finditer(text):
                # "UN Human Rights Council", "UN Assistance Mission in Afghanistan": a UN body with a
                # name of its own is an organization of its own; the ones the rules file lists as the
                # UN's ("UN Security Council") stay the UN.
                if fold(m.group()) not in self.organizations.by_folded:
                    candidates.append((m.start(), m.end(), 0, Organization(m.group(), ())))
        for s, e, term in self.lexicon.find(text, folded):
            candidates.append((s, e, 3, term))
        blocked = (
            [(m.start(), m.end()) for m in self.lexicon.not_regex.finditer(folded)]
            if self.lexicon.not_regex
            else []
        )
        for m in _CAPSEQ.finditer(text):
            for s, e in self._split_capseq(text, folded, m.start(), m.end()):
                if any(a <= s and e <= b for a, b in blocked):
                    continue  # "Latin America" is neither a country nor a person
                if self._after_thing_noun(folded, s):
                    continue  # "the trawler Nordkapp Star" is a boat
                name = folded[s:e]
                kind = self.guess_kind(name)
                candidates.append((s, e, 2 if kind != "person" else 4, ("capseq", kind)))

        # A body's full name holding a known state's name is the body: "Ministry of Foreign Affairs of
        # Peru" (the state is what it speaks for).
        states = [(c[0], c[1]) for c in candidates if isinstance(c[3], KnownActor) and c[3].kind == "state"]
        candidates = [
            (c[0], c[1], -1, c[3])
            if c[2] == 2 and any(c[0] <= a and b <= c[1] and (a, b) != (c[0], c[1]) for a, b in states)
            else c
            for c in candidates
        ]
        # Strongest first, then longest; keep the ones that overlap nothing kept.
        candidates.sort(key=lambda c: (c[2], -(c[1] - c[0]), c[0]))
        taken: list[tuple[int, int]] = []
        chosen = []
        for start, end, priority, payload in candidates:
            if any(s < end and start < e for s, e in taken):
                if priority == 4:
                    # A person candidate overlapping a country: strip the country words in front.
                    start = max([e for s, e in taken if s < end and start < e and s <= start] + [start])
                    start = self._skip_prefix(text, folded, start, end)
                    if start >= end or any(s < end and start < e for s, e in taken):
                        continue
                else:
                    continue
            taken.append((start, end))
            chosen.append((start, end, priority, payload))
        chosen.sort(key=lambda c: c[0])

        mentions: list[Mention] = []
        for start, end, _priority, payload in chosen:
            if isinstance(payload, CountryTerm) and payload.territory:
                continue  # "New Caledonia": a place
            mention = self._mention(text, folded, start, end, payload)
            if mention is None:
                continue
            if self._is_demonym(payload, text[start:end]) and not self._before_state_noun(folded, end):
                self.modifiers.append((mention, self._next_words(folded, end)))
                continue
            mentions.append(mention)
        mentions = self._acronyms(text, folded, mentions)
        mentions = [m for i, m in enumerate(mentions) if not self._posting(folded, mentions[:i], m)]
        mentions = [self._as_body(text, folded, m) for m in mentions]
        self._roles_pass(folded, mentions)
        return mentions

    # -- helpers of find -----------------------------------------------------------------------
    @staticmethod
    def _posting(folded: str, before: list[Mention], mention: Mention) -> bool:
        """ "Russia's UN envoy", "Chile's OAS ambassador": the organization only says where the
        state's envoy is posted; it is no actor of the sentence."""
        if mention.kind != "international_organization" or not before:
            return False
        owner = before[-1]
        return (
            owner.kind == "state"
            and bool(rx.fullmatch(r"'s?\s+", folded[owner.end : mention.start]))
            and bool(
                rx.match(
                    r"\s+(?:permanent\s+|deputy\s+)?(?:envoy|ambassador|representative|mission|delegation|delegate)s?\b",
                    folded[mention.end : mention.end + 40],
                )
            )
        )

    def _as_body(self, text: str, folded: str, mention: Mention) -> Mention:
        """ "the Turkish foreign ministry", "Iceland's foreign ministry": a body of the state, which
        speaks for it (a speaker of its own; its reactions are the state's)."""
        if mention.kind != "state" or mention.how == "capital":
            return mention
        m = rx.match(
            rf"(?:'s?)?\s+(?P<noun>{self.rules.body_nouns.pattern})", folded[mention.end : mention.end + 50]
        )
        if m is None or text[mention.end + m.start("noun")].isupper():
            return mention  # a capitalised name ("Turkish Foreign Ministry") is found as such
        return self.body_mention(mention, m.group("noun"), mention.start, mention.end + m.end())

    def body_mention(self, state: Mention, noun: str, start: int, end: int) -> Mention:
        """A government body of a state, named by a common noun: "Foreign ministry of Turkey"."""
        noun = rx.sub(r"\s+", " ", noun)
        name = f"{noun[0].upper()}{noun[1:]} of {self.name_of(state.speaks_for or state.ref)}"
        known = self.directory.by_name.get(fold(name))
        if known is not None and known.kind == "government_body":
            ref = ActorRef(slug=known.slug)  # "Presidency of Ecuador" already in the database
        else:
            ref = self._new_actor(name, "government_body", state.country)
        return Mention(start, end, ref, "government_body", "body", state.country, speaks_for=state.speaks_for)

    @staticmethod
    def _is_demonym(payload, written: str) -> bool:
        """A demonym of the country lexicon, or a state's alias in the directory that reads like one
        ("Sylvanian" for Sylvania)."""
        if isinstance(payload, CountryTerm):
            return payload.demonym
        if isinstance(payload, KnownActor) and payload.kind == "state":
            return fold(written) != fold(payload.name) and bool(
                rx.search(r"(?:an|ian|ese|ish|i|ic|ch)s?$", fold(written))
            )
        return False

    def _before_state_noun(self, folded: str, end: int) -> bool:
        """ "Peruvian police", "Chilean Foreign Minister", "the Kyrgyz side", "Thai army units": the
        demonym is the state. One other word may stand between ("Latvian Foreign Minister")."""
        after = folded[end : end + 60]
        if not rx.match(r"\s+\w", after):
            return False
        words = rx.findall(r"[\w-]+", after)[:5]
        return any(self.rules.state_nouns.match(" ".join(words[skip:])) for skip in (0, 1))

    @staticmethod
    def _next_words(folded: str, end: int) -> str:
        return " ".join(rx.findall(r"[\w-]+", folded[end : end + 40])[:3])

    def _after_thing_noun(self, folded: str, start: int) -> bool:
        before = rx.search(r"([\w-]+)\s+$", folded[max(0, start - 30) : start])
        return bool(before and self.rules.thing_nouns.fullmatch(before.group(1)))

    def _acronyms(self, text: str, folded: str, mentions: list[Mention]) -> list[Mention]:
        """Acronyms the article introduces ("... Council (CAWC)") or that spell the initials of an
        organization it names ("CSTO"): the same actor wherever they appear."""
        links: dict[str, Mention] = {}
        for start, _end, acronym in introduced_acronyms(text):
            if any(m.start == start for m in mentions):
                continue  # already a known name
            bracket = text.rfind("(", 0, start)
            owner = next((m for m in reversed(mentions) if m.end <= bracket), None)
            if owner is None or text[owner.end : bracket].strip():
                continue
            if owner.kind == "person" and owner.how == "person":
                owner = self._as_organization(text, folded, owner)
            if owner.kind in ("person", "state"):
                continue
            links[acronym] = owner
        organizations = {
            initials(text[m.start : m.end]): m
            for m in mentions
            if m.kind not in ("person", "state") and len(text[m.start : m.end].split()) >= 2
        }
        taken = [(m.start, m.end) for m in mentions]
        added = []
        for m in rx.finditer(rf"(?<![\w.])[{_UPPER}][{_UPPER}&.]{{1,8}}(?![\w])", text):
            token = m.group().rstrip(".")
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            owner = links.get(token) or (organizations.get(token) if len(token) >= 3 else None)
            if owner is None:
                continue
            mention = Mention(
                m.start(), m.start() + len(token), owner.ref, owner.kind, "acronym", owner.country
            )
            mention.speaks_for = owner.speaks_for
            added.append(mention)
            if owner.ref.new is not None:
                self._new_actor(self.name_of(owner.ref), owner.kind, owner.country, (token,))
        if not added and not links:
            return mentions
        result = sorted(mentions + added, key=lambda x: x.start)
        return result

    def _as_organization(self, text: str, folded: str, mention: Mention) -> Mention:
        """A name that introduces an acronym is an organization's: "the Central Asian Water Council
        (CAWC)". International when the name has a regional word, else another organization."""
        name = text[mention.start : mention.end]
        inside = list(self.lexicon.find(name, folded[mention.start : mention.end]))
        regional = bool(
            rx.search(
                r"\b(?:international|regional|world|global|inter|union|community)\b",
                folded[mention.start : mention.end],
            )
        )
        kind = (
            "international_organization"
            if (regional or (inside and inside[0][2].demonym))
            else "other_organization"
        )
        if mention.ref.new is not None:
            self.new.pop(mention.ref.new, None)
        ref = self._new_actor(name, kind, None)
        fixed = Mention(mention.start, mention.end, ref, kind, "organization", None)
        fixed.speaks_for = ref if kind == "international_organization" else None
        mention.__dict__.update(fixed.__dict__)
        return mention

    def _roles_pass(self, folded: str, mentions: list[Mention]) -> None:
        """A person named with a role beside a state or organization speaks for it: "Chilean
        Foreign Minister Ana Ruiz", "Ana Ruiz, Chile's foreign minister,", "a spokesperson for the OAS"."""
        for index, mention in enumerate(mentions):
            if mention.kind != "person":
                continue
            before_start = max(0, mention.start - 60)
            before = folded[before_start : mention.start]
            cut = max(before.rfind(c) for c in ',.;:"(')
            between = before[cut + 1 :].split() if cut >= 0 else []
            if (
                cut >= 0
                and before[cut] == ","
                and all(w.strip(".") in self.rules.titles for w in between)
                and not self.rules.roles.search(" ".join(between))
            ):
                # "A spokesperson for the OAS, Ana Ruiz, said": the role stands before the comma; so
                # with a mere title after it ("Mali's minister of territorial administration,
                # Colonel Souleymane Keita").
                cut = max(before[:cut].rfind(c) for c in '.;:"(')
            window_start = before_start + cut + 1
            role_ref = self._role_in(folded, mentions, window_start, mention.start, exclude=index)
            if role_ref is None or role_ref == "unknown":
                after = rx.match(r"\s*,\s*([^,.;\"]{1,80})", folded[mention.end : mention.end + 90])
                # An apposition is a noun phrase ("Ana Ruiz, Chile's foreign minister,"), not a clause
                # ("..., adding that her government ...").
                if after and (
                    self.rules.attribution_verbs.search(after.group(1))
                    or rx.match(r"(?:who|which|that|\w+ing)\b", after.group(1))
                ):
                    after = None
                if after:
                    after_ref = self._role_in(
                        folded,
                        mentions,
                        mention.end + after.start(1),
                        mention.end + after.end(1),
                        exclude=index,
                    )
                    if after_ref is not None and (role_ref is None or after_ref != "unknown"):
                        role_ref = after_ref
            if role_ref == "unknown":
                # "Foreign Minister Ana Ruiz of Chile"
                of = rx.match(r"\s+of\s+(?:the\s+)?", folded[mention.end : mention.end + 12])
                owner = next((m for m in mentions if of and m.start == mention.end + of.end()), None)
                if owner is not None and owner.kind in ("state", "international_organization"):
                    role_ref = owner.speaks_for
            if role_ref in (None, "unknown") and mention.ref.new is not None:
                # Stated at an earlier mention.
                role_ref = self.new_roles.get(mention.ref.new, role_ref)
            if role_ref is False:
                mention.former, mention.speaks_for = True, None
            elif role_ref == "unknown":
                mention.needs_state = True
            elif role_ref is not None:
                mention.speaks_for = role_ref
                if mention.ref.new is not None:
                    self.new_roles.setdefault(mention.ref.new, role_ref)
                if mention.ref.new is not None and not self.new[mention.ref.new].country:
                    self.new[mention.ref.new].country = (
                        self.country_of(role_ref) if self.kind_of(role_ref) == "state" else None
                    )

    def _role_in(self, folded, mentions, start, end, *, exclude):
        """The state/organization a role phrase in folded[start:end] names; False for a former role;
        "unknown" for a role right beside the name that names no state ("Foreign Minister Ana Ruiz")."""
        window = folded[start:end]
        if not self.rules.roles.search(window):
            return None
        if self.rules.former_markers.search(window):
            return False
        acting = [
            other
            for other_index, other in enumerate(mentions)
            if other_index != exclude
            and start <= other.start
            and other.end <= end
            and other.speaks_for
            and other.kind != "person"
            and self.kind_of(other.speaks_for) in ("state", "international_organization")
            and not self._placed(folded, other.start)
        ]
        last_role = list(self.rules.roles.finditer(window))[-1]
        owned = rx.match(r"\s+(?:of|at|for|with)\s+(?:an?|the)\s+([\w'-]+)", window[last_role.end() :])
        if (
            owned
            and owned.group(1) not in self.rules.titles
            and not any(m.start == start + last_role.end() + owned.start(1) for m in acting)
        ):
            # "chairman of an exporters' association in Lima", "head of the programme at a think
            # tank" (not "minister of the interior", "chairman of the AU Commission")
            return None
        if acting:
            return acting[0].speaks_for
        # The role stands right beside the name (a title before it, or an apposition after it).
        roles = self.rules.roles.pattern
        words = window.split()
        while (
            words
            and words[-1].strip(".,") in self.rules.titles
            and not self.rules.roles.fullmatch(words[-1].strip(".,"))
        ):
            words.pop()  # "the coup leader, Colonel ...": a mere title between the role and the name
        # "its ambassador to the organization, Ana Ruiz": where the role is exercised may follow it.
        near = " ".join(words)
        place = rx.search(r"\s+(?:to|at|in)\s+(?:the\s+)?[\w' -]{1,40}?[\s,]*$", near)
        if place and not self.rules.roles.search(place.group()):
            near = near[: place.start()]
        if rx.search(rf"(?:{roles})[\s,]*$", near) or rx.match(rf"\s*(?:\w+\s+){{0,2}}(?:{roles})", window):
            return "unknown"
        return None

    def _placed(self, folded: str, at: int) -> bool:
        """The name at `at` is where the role is exercised or a thing's owner, not whom it speaks for:
        "ambassador to the OAS", "a session of the OAS council" (not "minister of Chile", "a
        spokesperson for the OAS")."""
        words = rx.findall(r"[\w'-]+", folded[max(0, at - 40) : at])
        while words and words[-1] in ("the", "a", "an", "its", "their"):
            words.pop()
        if not words or (words[-1] not in self.rules.object_prepositions and words[-1] != "of"):
            return False
        if words[-1] in ("of", "for") and len(words) >= 2 and self.rules.roles.fullmatch(words[-2]):
            return False
        return True

    def _mention(self, text, folded, start, end, payload) -> Mention | None:
        former = bool(self.rules.former_markers.search(folded[max(0, start - 40) : start].split(",")[-1]))
        if isinstance(payload, KnownActor):
            mention = Mention(
                start,
                end,
                ActorRef(slug=payload.slug),
                payload.kind,
                "directory",
                payload.country,
                former=former,
            )
            mention.speaks_for = (
                None if former and payload.kind == "person" else self.speaks_for_known(payload)
            )
            if payload.kind == "person":
                self._remember_surname(folded[start:end], mention.ref)
            return mention
        if isinstance(payload, tuple) and payload[0] == "capseq":
            return self._capseq_mention(text, folded, start, end, payload[1], former)
        if isinstance(payload, Organization):
            ref, kind, country = self.organization_ref(payload)
            mention = Mention(start, end, ref, kind, "organization", country)
            mention.speaks_for = ref if kind in ("international_organization", "state") else None
            return mention
        term = payload  # CountryTerm
        ref = self.state_ref(term.iso)
        how = "capital" if term.capital else "country"
        return Mention(start, end, ref, "state", how, term.iso, speaks_for=ref)

    def _capseq_mention(self, text, folded, start, end, kind, former) -> Mention | None:
        name = text[start:end]
        words = folded[start:end].split()
        if kind == "person":
            if len(words) == 1:
                hit = self.surnames.get(words[0])
                if hit is None:
                    return None
                ref, _full = hit
                mention = Mention(start, end, ref, "person", "surname", self.country_of(ref), former=former)
                mention.speaks_for = self._person_speaks_for(ref, former)
                return mention
            if len(words) > 5:
                return None
            known = self.directory.lookup(name, kinds=("person",))
            if known is None and len(words) >= 2:
                hit = self.surnames.get(" ".join(words[-2:])) or self.surnames.get(words[-1])
                # "Ana Ruiz" after "Ana Maria Ruiz": same person when the first name matches too.
                if hit and fold(self.name_of(hit[0])).split()[0] == words[0]:
                    ref = hit[0]
                    mention = Mention(
                        start, end, ref, "person", "surname", self.country_of(ref), former=former
                    )
                    mention.speaks_for = self._person_speaks_for(ref, former)
                    return mention
            if known is not None:
                mention = Mention(
                    start,
                    end,
                    ActorRef(slug=known.slug),
                    known.kind,
                    "directory",
                    known.country,
                    former=former,
                )
                mention.speaks_for = None if former else self.speaks_for_known(known)
                self._remember_surname(folded[start:end], mention.ref)
                return mention
            ref = self._new_actor(name, "person", None)
            self._remember_surname(folded[start:end], ref)
            return Mention(start, end, ref, "person", "person", None, former=former)
        known = self.directory.lookup(
            name, kinds=(kind, "government_body", "international_organization", "other_organization")
        )
        if known is not None:
            mention = Mention(start, end, ActorRef(slug=known.slug), known.kind, "directory", known.country)
            mention.speaks_for = self.speaks_for_known(known)
            return mention
        inside = list(self.lexicon.find(text[start:end], folded[start:end]))
        country = inside[0][2].iso if inside else None
        if kind == "international_organization" and inside and inside[0][0] == 0:
            kind = "other_organization"  # "Ecuadorian Association of ...": national, not international
        ref = self._new_actor(name, kind, country)
        mention = Mention(start, end, ref, kind, "organization", country)
        if kind == "government_body" and self.rules.former_markers.search(folded[start:end]):
            mention.former = True  # "the Peruvian Congress": a legislature speaks for no state
            return mention
        if kind == "international_organization":
            mention.speaks_for = ref
        elif kind == "government_body" and country:
            mention.speaks_for = self.state_ref(country)
        elif kind == "government_body":
            mention.needs_state = True  # "the Ministry of Foreign Affairs": the document's state
        return mention

    def _person_speaks_for(self, ref: ActorRef, former: bool) -> ActorRef | None:
        if former:
            return None
        if ref.slug is not None:
            return self.speaks_for_known(self.directory.get(ref.slug))
        return None

    def _remember_surname(self, folded_name: str, ref: ActorRef) -> None:
        words = folded_name.split()
        if len(words) < 2:
            self.surnames.setdefault(words[0], (ref, folded_name)) if words else None
            return
        self.surnames[words[-1]] = (ref, folded_name)
        if len(words) >= 3:
            self.surnames[" ".join(words[-2:])] = (ref, folded_name)
            # "Valentina Errazuriz Moll", later "Errazuriz": the first of two surnames.
            self.surnames.setdefault(words[1], (ref, folded_name))
        # Some names are used by their first word ("Ratna Wulandari", later "Ratna"): a fallback,
        # never taking a name already given to someone else.
        if words[0] not in self.rules.titles and words[0] not in self.rules.function_words:
            self.surnames.setdefault(words[0], (ref, folded_name))

    # -- capitalised sequences -----------------------------------------------------------------
    def _split_capseq(self, text, folded, start, end):
        """A capitalised run, trimmed of small words in front. An organization ("Colombian Foreign
        Ministry", "Council on Foreign Relations") stays whole; anything else loses its titles
        ("President ...") and is split at connectors ("Chile and Peru")."""
        while end > start and text[end - 1] == ".":
            end -= 1
        start = self._skip_prefix(text, folded, start, end, self.rules.function_words)
        if start >= end:
            return []
        if self.guess_kind(folded[start:end]) != "person":
            # "Chief Cabinet Secretary Hiroshi Tanabe": a person after a word of office, even where
            # the office has a body's word in it.
            offices = [m for m in rx.finditer(r"[\w-]+", folded[start:end]) if _office_word(m.group())]
            if offices:
                name_start = self._skip_prefix(text, folded, start + offices[-1].end(), end)
                if (
                    2 <= len(folded[name_start:end].split()) <= 4
                    and self.guess_kind(folded[name_start:end]) == "person"
                ):
                    return [(name_start, end)]
            return [(start, end)]
        start = self._skip_prefix(text, folded, start, end)
        # "Territorial Administration Minister Paul Etoundi", "Solicitor General Teodoro Agcaoili":
        # the name follows the last word of office in the run.
        for office in reversed(list(rx.finditer(r"[\w-]+", folded[start:end]))):
            if _office_word(office.group()) and start + office.end() < end:
                start = self._skip_prefix(text, folded, start + office.end(), end)
                break
        pieces = []
        cursor = start
        for m in rx.finditer(r"\s+(?:of|on|for|and|of\s+the|for\s+the)\s+", folded[start:end]):
            pieces.append((cursor, start + m.start()))
            cursor = start + m.end()
        pieces.append((cursor, end))
        result = []
        for s, e in pieces:
            # "Water and Energy Minister Tadesse Worku": the titles of the piece after a connector.
            s = self._skip_prefix(text, folded, s, e)
            words = folded[s:e].split()
            if not words or any(w.strip(".") in self.rules.not_actor_words for w in words):
                continue
            if any(w in _CONNECTOR_WORDS for w in words):
                continue
            result.append((s, e))
        return result

    def _skip_prefix(self, text, folded, start, end, skip=None) -> int:
        skip = skip if skip is not None else self.rules.function_words | self.rules.titles
        while start < end:
            m = rx.match(r"[\w\-'.]+", folded[start:end])
            if not m:
                start += 1
                continue
            word = m.group().strip(".")
            if word in skip or word in self.rules.not_actor_words or not text[start].isupper():
                start += m.end()
                while start < end and text[start].isspace():
                    start += 1
                continue
            break
        return start


def mention_span(text: str, mention: Mention):
    return span(text, mention.start, mention.end)
