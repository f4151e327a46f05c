"""One article being read: its sentences, quotations and actor mentions, and the small grammar the
statement and reaction rules share (who is the subject, what a pronoun points back to)."""

from __future__ import annotations

import bisect
import re

from . import rx
from .mentions import Mention, Resolver
from .rules import Rules
from .text import Quote, Sentence
from .types import ActorRef

# Words between a determiner-like modifier and a name ("the", "its", ...): skipped when looking at
# what stands before a name.
_DETERMINERS = {
    "the",
    "a",
    "an",
    "its",
    "their",
    "his",
    "her",
    "all",
    "both",
    "other",
    "some",
    "several",
    "neighbouring",
    "neighboring",
    "fellow",
    "many",
    "most",
}
# What may stand between the members of one group of actors: "Argentina, Cuba and Brazil",
# "Mexico's President Andres Manuel Lopez Obrador", "the governments of Chile and Peru".
GLUE = re.compile(
    r"^(?:[\s,;&]|\band\b|\bor\b|\bnor\b|\bas\s+well\s+as\b|\balong\s+with\b|\btogether\s+with\b|"
    r"\bincluding\b|\bsuch\s+as\b|\bthe\b|\bits\b|\btheir\b|\bgovernments?\b|'s\b|'|"
    r"\bforeign\b|\bministr(?:y|ies)\b|\bpresidents?\b|\bleaders?\b|\bofficials?\b|\bof\b|\balso\b|"
    r"\bboth\b|\bneither\b|\beither\b|\bnations?\b|\bcountries\b|\bstates?\b|\bprime\b|\bministers?\b|"
    r"\bspokes(?:person|man|woman)\b|\bdelegations?\b|\bsecretary\b|\bambassadors?\b|\bpresidency\b|"
    r"\bvice\b|\bhead\b|\bchief\b|\bgeneral\b|\bjoined\b|"
    # "Belgian Development Minister Lotte Vermeulen": the portfolio before a word of office.
    r"\b[a-z-]+\b(?=\s+(?:ministers?|secretary|spokes(?:person|man|woman))\b))*$"
)
# Verbs that report speech outright ("said X", "X told"): the first of them with a subject attributes a
# quote; "said X" with one of them names a source (not "accused X").
STRONG_VERBS = re.compile(
    r"said|says|say|told|tells|wrote|writes|added|adds|stated|declared|announced|insisted|insists|"
    r"argued|warned|noted|explained|stressed|replied|responded|posted|tweeted|confirmed|confirms"
)
_COORDINATION = re.compile(r"^\s*,?\s*(?:and|or|nor)\s+$")
# An aside after a name: ", which has never had relations with Ankara," / ", by far the bloc's heaviest
# member," / ", a former justice minister,". It is skipped when looking for the subject of a verb and
# for a negation before it ("Cyprus, which has never ..., and France condemned" is two condemnations).
_ASIDE = re.compile(r",\s+(?P<body>[^,;:\"()]{1,140}?),\s+(?P<next>[\w'-]+)")
_RELATIVE = {"which", "who", "whose", "whom", "where"}
_END_ASIDE = re.compile(
    r",\s+(?:the|a|an)\b(?![^,;:\"()]*\b(?:said|says|told|added|announced|reported|wrote)\b)"
    r"[^,;:\"()]{1,140}?[.!?]?\s*$"
)
# Auxiliaries and adverbs between a subject and its verb: "it has also", "the ministry quickly".
_AUX_TAIL = re.compile(
    r"(?:\s+(?:has|have|had|also|already|then|later|since|further|formally|officially|is|was|were|are|"
    r"will|would|did|does|do|each|both|all|itself|themselves|\w+ly))*\s*$"
)
# After a pronoun-like phrase: not a possessive ("the ambassador's visit") nor the phrase of a named
# owner ("a spokesman for the UN").
_NOT_OWNED = r"\b(?!'s?\b|\s+(?:for|of)\s+(?:the\s+)?[A-Za-z])"
_SAID_TAIL = re.compile(r"\s+(?:said|says|added|announced|stated|declared|noted)(?:\s+on\s+\w+)?\s*$")
_DATELINE = re.compile(
    r"^(?P<cities>[A-Z][A-Z.'\u2019 -]{2,30}(?:/[A-Z][A-Z.'\u2019 -]{2,30})*)"
    r"(?:,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?(?:\s*\([^()\n]{1,20}\))?"
    r"\s*[-\u2013\u2014]+\s"
)
_CHAIR = re.compile(
    r"\b(?:chairs|chaired|chairing|holds\s+the\s+(?:rotating\s+)?(?:[\w-]+\s+)?(?:chair|chairmanship|presidency)"
    r"|(?:current|rotating)\s+(?:chair|president)\s+of|as\s+(?:the\s+)?(?:[\w-]+\s+)?chair)\b"
)
# What an actor says through: "the EU's statement urged ...".
_VOICE_NOUNS = r"(?:statement|statements|communique|response|reply|declaration|letter|note)"
_FORCES = re.compile(
    r"(?:'s)?\s+(?:[\w-]+\s+)?(?:navy|naval|police|army|military|forces|troops|coast\s+guard|coastguard|"
    r"border\s+guards?|soldiers|warplanes?|aircraft|drones?|warships?|frigates?|patrol\s+boats?|helicopters?|"
    r"intelligence|agents|customs\s+officers|security\s+forces|officers|national\s+guard(?:smen)?|guardsmen|"
    r"gendarmes|militia|militiamen)\b"
)
# The forces did it (not "the Kuwaiti patrol boat was intercepted": a victim).
_ACTED = re.compile(
    r"\s+(?:(?!was\b|were\b|been\b|being\b|is\b|are\b)[\w-]+\s+){0,2}?(?:seized|seizes|detained|detains|arrested|arrests|entered|enters|raided|raids|"
    r"struck|strikes|boarded|boards|stormed|storms|shot|fired|crossed|crosses|intercepted|intercepts|bombed|"
    r"killed|monitored|tapped|attacked|attacks|moved|took|takes|captured|captures|abducted|kidnapped|shelled|"
    r"invaded|invades|occupied|surrounded|launched|launches|downed|shifted|installed|erected|placed|built|advanced|"
    r"pushed)\b"
)
# "... after Ethiopia on Sunday began filling the reservoir": the state whose act the reactions follow.
_AFTER_OFFICIAL = re.compile(
    r"\bafter\s+(?:(?:a|an|the)\s+(?:(?:senior|top|government|presidential|chief)\s+)?"
    r"(?:spokes(?:man|woman|person)|officials?|adviser|aide|minister|envoy|ambassador)\s+(?:of|for|to)\s+"
    r"(?:the\s+)?)?$"
)
_OFFICIAL_ACTED = re.compile(
    r"(?:'s)?\s+(?:(?:president|prime\s+minister|foreign\s+minister|government|leader|presidency|"
    r"spokes(?:man|woman|person))\s+)?(?:[a-z]+ed|said|called|made|wrote|told|threatened)\b"
)
_AFTER_STATE = re.compile(
    r"\s+(?:(?:on|late\s+on|early\s+on)\s+\w+\s+|\w+ly\s+)?(?:[a-z]+ed|began|begun|began|took|sent|shot|struck|"
    r"seized|ordered|closed|expelled|arrested|detained|built|cut|shut|won)\b"
)
# A state's envoys: "Freedonia's ambassador ... the envoy, Viktor Hale".
_ENVOY = (
    r"(?:ambassador|envoy|high\s+commissioner|charge\s+d'affaires|consul(?:\s+general)?|diplomat|"
    r"deputy\s+ambassador)"
)
_CONJUNCTIONS = {"after", "before", "since", "until", "once", "as", "because", "when", "while", "though"}
_NOT_BEFORE_ANAPHOR = {
    "a",
    "an",
    "his",
    "her",
    "its",
    "their",
    "our",
    "whose",
    "this",
    "that",
    "new",
    "interim",
    "of",
}


class Document:
    def __init__(
        self,
        text: str,
        folded: str,
        sentences: list[Sentence],
        mentions: list[Mention],
        quotes: list[Quote],
        resolver: Resolver,
        rules: Rules,
        published,
    ):
        self.text, self.folded = text, folded
        self.sentences = sentences
        self.sentence_starts = [s.start for s in sentences]
        self.mentions = mentions
        self.mention_starts = [m.start for m in mentions]
        self.quotes = quotes
        self.quote_starts = [q.start for q in quotes]
        # The folded text with quotation marks blanked: a partial quote inside a reporter's sentence
        # ('Kuwait said it stood "in full solidarity" with the UAE') does not hide its words from
        # the reaction patterns. Same length as `folded`.
        marks = list(folded)
        for quote in quotes:
            for at in (quote.start, quote.end - 1):
                if 0 <= at < len(marks) and marks[at] in "\"'":
                    marks[at] = " "
        self.plain = "".join(marks).replace('"', " ")
        self.resolver = resolver
        self.rules = rules
        self.published = published
        self.asides = self._find_asides()
        self.aside_starts = [a[0] for a in self.asides]
        self.dateline = self._find_dateline()
        self._resolve_roles()
        self._chairs()

    # -- the dateline and officials without a country ----------------------------------------------
    def _find_dateline(self) -> Mention | None:
        """ "LIMA, March 14 - ...", "OSLO — ...": the capital a wire report is filed from. An official
        or a ministry named without a country is, failing anything nearer, of that state."""
        for sentence in self.sentences[:4]:
            head = self.text[sentence.start : sentence.start + 60]
            m = _DATELINE.match(head)
            if m is None:
                continue
            cities = m.group("cities").split("/")
            if len(cities) != 1:
                return None  # "SANTIAGO/LIMA": filed from both sides
            return next(
                (
                    mention
                    for mention in self.mentions
                    if mention.start == sentence.start and mention.how == "capital"
                ),
                None,
            )
        return None

    def _resolve_roles(self) -> None:
        """Whom an official with no state beside the name ("Foreign Minister Ana Ruiz said") or a
        ministry named without its country speaks for, nearest first:
        1. a capital the sentence places them in ("told reporters in Lima");
        2. a state or organization that is a subject in the same sentence ("Chile has written to the
           court, Foreign Minister Ana Ruiz said"), or what they say something about ("Ana Ruiz said
           Chile would ..."), not the object of their own verb ("asked Peru to share data");
        3. the state "its" points back to ("Its foreign minister, Ana Ruiz,");
        4. the subject of one of the two sentences before in the same paragraph, or of the heading
           above it;
        5. the state the article opens with (its headline's or first sentence's subject), unless its
           forces carried out the act the article opens on;
        6. the one state that is a subject in the paragraph before;
        7. the dateline's state;
        8. the subject of one of the three sentences before, in the same or the previous paragraph."""
        resolved: dict[str, ActorRef] = {}
        for mention in self.mentions:
            if not mention.needs_state or mention.speaks_for is not None or mention.former:
                continue
            key = mention.ref.key
            ref = resolved.get(key) or self._state_for_official(mention)
            if ref is None:
                continue
            resolved[key] = ref
            mention.speaks_for = ref
            if mention.ref.new is not None:
                self.resolver.new_roles.setdefault(mention.ref.new, ref)
        for mention in self.mentions:
            # Later mentions by surname speak for the same state.
            if mention.speaks_for is None and not mention.former and mention.ref.key in resolved:
                mention.speaks_for = resolved[mention.ref.key]

    def _state_for_official(self, official: Mention) -> ActorRef | None:
        sentence = self.sentence_at(official.start)
        envoy = rx.search(rf"\bthe\s+{_ENVOY}[\s,]*$", self.folded[sentence.start : official.start])
        if envoy:
            # "ordered Freedonia's ambassador to leave after the envoy, Viktor Hale, described ...":
            # the envoy named before by the state that sent them.
            for mention in reversed(self.mentions_in(sentence.start, sentence.start + envoy.start())):
                if mention.kind == "state" and rx.match(
                    rf"(?:'s?)?\s+(?:[\w-]+\s+)?{_ENVOY}\b", self.folded[mention.end : mention.end + 40]
                ):
                    return mention.speaks_for
        for mention in self.mentions_in(sentence.start, sentence.end):
            before = self.folded[max(sentence.start, mention.start - 4) : mention.start]
            if mention.how == "capital" and before.endswith("in "):
                return mention.speaks_for
        spoken_about = None
        for mention in self.mentions_in(sentence.start, sentence.end):
            if mention is official or mention.kind == "person" or self.in_aside(mention.start):
                continue
            if not self._reacting(mention) or self.is_object(mention, sentence.start):
                continue
            # A state named after the official is theirs only as what they speak about ("Ana Ruiz
            # said on Friday that Chile would ..."), not as the object of their verb ("urged both
            # neighbours to talk and asked Ethiopia to share data).
            if mention.start > official.end:
                if spoken_about is None and rx.search(
                    rf"\b(?:{STRONG_VERBS.pattern})(?:\s+[\w,-]+){{0,5}}?\s+(?:that\s+)?(?:the\s+)?$",
                    self.folded[official.end : mention.start],
                ):
                    spoken_about = mention.speaks_for
                continue
            return mention.speaks_for
        if spoken_about is not None:
            # What they speak about is theirs unless the sentence before, in the same paragraph, has
            # a state of its own as subject ("Russia's embassy called the decision a hostile act. ...
            # spokeswoman Irina Volkova wrote that Norway was "inventing enemies"": Russia's).
            if sentence.index > 0:
                previous = self.sentences[sentence.index - 1]
                subject = self.subject_of(previous) if previous.paragraph == sentence.paragraph else None
                if subject is not None and self._reacting(subject) and subject.speaks_for != spoken_about:
                    return subject.speaks_for
            return spoken_about
        possessive = rx.search(
            rf"\b(?:its|their)\s+(?:[\w-]+\s+){{0,4}}?(?:{self.rules.roles.pattern})[\s,]*$",
            self.folded[sentence.start : official.start],
        )
        if possessive:
            # "Its irrigation minister, Osman Abdelrahim": the state "its" points back to.
            pointed = self.antecedent(
                sentence.start + possessive.start(), ("state", "international_organization")
            )
            if pointed is not None and self._reacting(pointed):
                return pointed.speaks_for
        # The subject of a sentence just before in the same paragraph, or of the heading above ("China
        # offered to host talks. \"...,\" spokesperson Gao Ruilin said").
        for back in range(sentence.index - 1, max(-1, sentence.index - 3), -1):
            previous = self.sentences[back]
            if previous.paragraph != sentence.paragraph and not (
                sentence.paragraph - previous.paragraph == 1 and self._heading(previous)
            ):
                break
            subject = self.subject_of(previous)
            if subject is not None and self._reacting(subject):
                return subject.speaks_for
        lead = self.lead_state()
        if lead is not None:
            return lead.speaks_for
        # The one state the paragraph before has as a subject ("Tokyo's response was swift. Japan
        # recalled its ambassador ..." before "..., Chief Cabinet Secretary Hiroshi Tanabe said");
        # not when it has two ("Iraqi officials say ...; Kuwait says ...").
        subjects = self._paragraph_subjects(sentence.paragraph - 1)
        if len(subjects) == 1:
            return subjects.pop()
        if self.dateline is not None and self._reacting(self.dateline):
            if self.resolver.kind_of(self.dateline.speaks_for) == "state":
                return self.dateline.speaks_for
        for back in range(sentence.index - 1, max(-1, sentence.index - 4), -1):
            previous = self.sentences[back]
            if sentence.paragraph - previous.paragraph > 1:
                break
            subject = self.subject_of(previous)
            if subject is not None and self._reacting(subject):
                return subject.speaks_for
        return None

    def _paragraph_subjects(self, paragraph: int) -> set[ActorRef]:
        """The states and organizations that are the subject of a clause of a paragraph."""
        found: set[ActorRef] = set()
        for sentence in self.sentences:
            if sentence.paragraph != paragraph:
                continue
            cuts = [sentence.start]
            for m in self.rules.clause_breaks.finditer(self.folded, sentence.start, sentence.end):
                cuts.append(m.end())
            cuts.append(sentence.end)
            for start, end in zip(cuts, cuts[1:], strict=False):
                subject = self.clause_subject(start, end, persons=False)
                if subject is not None and self._reacting(subject):
                    found.add(subject.speaks_for)
        return found

    def _heading(self, sentence: Sentence) -> bool:
        """A heading: a paragraph of one short line with no closing full stop ("17:10 GMT - Nigeria
        condemns coup")."""
        line = self.text[sentence.start : sentence.end]
        alone = [s for s in self.sentences if s.paragraph == sentence.paragraph]
        return len(alone) == 1 and "\n" not in line and len(line.split()) <= 14 and not line.endswith(".")

    def _chairs(self) -> None:
        """ "Malaysia, which holds the rotating ASEAN chair, issued a statement": a state acting as an
        organization's chair speaks, in that sentence, for the organization."""
        for start, end in self.asides:
            aside = self.folded[start:end]
            if not _CHAIR.search(aside):
                continue
            owner = next((m for m in self.mentions if m.end == start and m.kind == "state"), None)
            if owner is None:
                continue
            sentence = self.sentence_at(start)
            organization = next(
                (m for m in self.mentions_in(start, end) if m.kind == "international_organization"), None
            ) or next(
                (
                    m
                    for m in self.mentions_in(end, sentence.end)
                    if m.kind == "international_organization"
                    and not self.is_object(m, end)
                    or m.kind == "international_organization"
                    and rx.match(
                        r"\s+(?:foreign\s+)?(?:ministers|leaders|members|heads)", self.folded[m.end :]
                    )
                ),
                None,
            )
            if organization is None:
                pointed = self.anaphor_at(start + aside.find("the "), end) if "the " in aside else None
                words = rx.search(r"\bthe\s+(?:bloc|organi[sz]ation|union|alliance|group|community)\b", aside)
                if words:
                    pointed = self.antecedent(start + words.start(), ("international_organization",))
                organization = pointed
            if organization is not None and organization.speaks_for is not None:
                owner.speaks_for = organization.speaks_for

    def opening_agents(self) -> list[ActorRef]:
        """States whose forces act in the first sentences (headline and byline included): "a ferry
        seized by the Freedonian navy", "Freedonian police entered the consulate"."""
        if hasattr(self, "_agents"):
            return self._agents
        self._agents = agents = []
        # (agent, sentence start) of the sentences telling what its forces did
        self.act_sentences: set[tuple[ActorRef, int]] = set()
        if not self.sentences:
            return agents
        end = self.sentences[min(6, len(self.sentences) - 1)].end
        named = [m for m in self.mentions if m.start < end and m.kind in ("state", "government_body")]
        named += [m for m, _noun in self.resolver.modifiers if m.start < end]
        for mention in named:
            if (
                mention.kind == "state"
                and mention in self.mentions
                and self.folded[max(0, mention.start - 10) : mention.start].endswith(("after ", "after the "))
                and _AFTER_STATE.match(self.folded, mention.end)
            ):
                agents.append(mention.speaks_for or mention.ref)
                continue
            if (
                mention.kind in ("state", "government_body")
                and (mention.speaks_for or mention.ref) is not None
                and _AFTER_OFFICIAL.search(self.folded[max(0, mention.start - 60) : mention.start])
                and _OFFICIAL_ACTED.match(self.folded, mention.end)
            ):
                # "expelled the envoy after a spokesman for the Argentine president described ...",
                # "after Argentina's president called ...": that state's words or deeds started it.
                agents.append(mention.speaks_for or mention.ref)
                continue
            forces = _FORCES.match(self.folded, mention.end)
            if forces is None or mention.speaks_for is None and mention.kind != "state":
                continue
            by = rx.search(
                r"\bby\s+(?:the\s+|a\s+|an\s+)?$", self.folded[max(0, mention.start - 12) : mention.start]
            )
            if by or _ACTED.match(self.folded, forces.end()):
                agents.append(mention.speaks_for or mention.ref)
                sentence = self.sentence_at(mention.start)
                dateline = _DATELINE.match(self.text[sentence.start : sentence.start + 80])
                first = self.mentions_in(sentence.start + (dateline.end() if dateline else 0), sentence.end)
                if first and first[0].start == mention.start:
                    # The sentence tells the act ("Serbian police detained ..."), not someone's account
                    # of it ("Bishkek says a Tajik drone struck ...").
                    self.act_sentences.add((agents[-1], sentence.start))
        return agents

    def lead_state(self) -> Mention | None:
        """The state the article opens with: the subject of its first sentences (headline included),
        not one whose forces carried out the act the article opens on ("When South Korean coast guard
        officers boarded ..." opens on the act, not on the state whose officials speak)."""
        if not hasattr(self, "_lead"):
            self._lead = None
            agents = set(self.opening_agents())
            for sentence in self.sentences[:3]:
                subject = self.subject_of(sentence)
                if subject is not None and subject.speaks_for is not None and self._reacting(subject):
                    if subject.speaks_for in agents:
                        continue
                    if self.resolver.kind_of(subject.speaks_for) == "state":
                        self._lead = subject
                        break
        return self._lead

    def _reacting(self, mention: Mention) -> bool:
        ref = mention.speaks_for
        return ref is not None and self.resolver.kind_of(ref) in ("state", "international_organization")

    def subject_of(self, sentence: Sentence) -> Mention | None:
        """The subject of a sentence (see `clause_subject`)."""
        return self.clause_subject(sentence.start, sentence.end, persons=False)

    def clause_subject(
        self, start: int, end: int, *, persons: bool = True, pronouns_only: bool = False
    ) -> Mention | None:
        """The subject of a clause: a pronoun, "the government" or "its foreign ministry" among its
        first words, before any name (resolved), else its first actor that is not an object."""
        head = self.folded[start : min(end, start + 60)]
        words = list(rx.finditer(r"[\w'-]+", head))[:7]
        first_mention = next((m for m in self.mentions_in(start, end) if not self.in_aside(m.start)), None)
        for index, word in enumerate(words):
            position = start + word.start()
            if first_mention is not None and position >= first_mention.start:
                break
            previous = [w.group() for w in words[:index] if w.group() not in _DETERMINERS]
            if previous and previous[-1] in self.rules.object_prepositions:
                continue  # "called on the government to ...": an object
            rest = head[word.start() :]
            possessive = rx.match(
                rf"(?:its|their|his|her)\s+(?:[\w-]+\s+){{0,2}}?(?:{self.rules.state_nouns.pattern})\b", rest
            )
            if possessive:
                found = self.subject_anaphor_at_end(start, head[: word.start() + possessive.end()])
                if found is not None:
                    return found[1]
            for phrase, kinds in self.rules.anaphora:
                if not persons and phrase in ("he", "she"):
                    continue
                if rx.match(rf"{re.escape(phrase)}{_NOT_OWNED}", rest):
                    if self._name_starts_in(position, position + len(phrase) + 1):
                        break  # "The Department of Foreign Affairs summoned": a name, not a pronoun
                    pointed = self.antecedent(position, kinds)
                    if pointed is not None:
                        return pointed
        if pronouns_only:
            return None
        group = self.subject_group(start, end)
        return group[0] if group else None

    # -- asides ----------------------------------------------------------------------------------
    def _find_asides(self) -> list[tuple[int, int]]:
        found: list[tuple[int, int]] = []
        for m in rx.finditer(r"\([^()\n]{1,200}\)", self.text):
            found.append((m.start(), m.end()))
        for mention in self.mentions:
            if self.in_quote(mention.start):
                continue
            sentence = self.sentence_at(mention.start)
            if self.is_object(mention, sentence.start):
                continue  # an aside explains a subject ("on the Mexican Embassy, the President ..." is none)
            m = _ASIDE.match(self.folded, mention.end, sentence.end)
            if m is None:
                continue
            first = m.group("body").split()[0]
            if not self.text[m.start("body")].islower():
                continue  # ", Peru and Chile": a list goes on with a name
            if not self.text[m.start("next")].islower():
                continue
            if first not in _RELATIVE and m.group("next") in ("and", "or", "nor"):
                continue  # "Chile, the OAS, and Peru": a list
            if first not in _RELATIVE and rx.search(r"\band\s+(?:\w+\s+)?[a-z]+(?:ed|en)\b", m.group("body")):
                continue  # ", persona non grata and given him 48 hours to leave the country,": a clause
            if len(m.group("body").split()) > 18:
                continue
            found.append((mention.end, m.end("body") + 1))
        found.extend(a for a in self._end_asides() if a not in found)
        found.sort()
        return found

    def _end_asides(self) -> list[tuple[int, int]]:
        """An apposition or relative clause closing a sentence after a name (", the talks format set
        up after the 2008 war."): skipped like any aside."""
        found = []
        for mention in self.mentions:
            if self.in_quote(mention.start):
                continue
            sentence = self.sentence_at(mention.start)
            m = _END_ASIDE.match(self.folded, mention.end, sentence.end)
            if m is not None and m.end() >= sentence.end - 1:
                found.append((mention.end, sentence.end))
        return found

    def in_aside(self, position: int, *, keep: int | None = None) -> bool:
        """Inside an aside (not counting one that holds `keep`, the verb being looked at)."""
        index = bisect.bisect_right(self.aside_starts, position) - 1
        while index >= 0:
            start, end = self.asides[index]
            if start <= position < end and not (keep is not None and start <= keep < end):
                return True
            if end <= position and start < position - 400:
                break
            index -= 1
        return False

    def without_asides(self, start: int, end: int, *, keep: int | None = None) -> str:
        """folded[start:end] with the asides blanked out (same length)."""
        chars = list(self.folded[start:end])
        for a, b in self.asides:
            if b <= start or a >= end or (keep is not None and a <= keep < b):
                continue
            for i in range(max(a, start), min(b, end)):
                chars[i - start] = " "
        return "".join(chars)

    # -- positions -------------------------------------------------------------------------------
    def sentence_at(self, position: int) -> Sentence:
        index = max(0, bisect.bisect_right(self.sentence_starts, position) - 1)
        return self.sentences[index]

    def in_quote(self, position: int) -> bool:
        return self.quote_at(position) is not None

    def quote_at(self, position: int) -> Quote | None:
        index = bisect.bisect_right(self.quote_starts, position) - 1
        if index >= 0 and self.quotes[index].start <= position < self.quotes[index].end:
            return self.quotes[index]
        return None

    def reported_in_quote(self, position: int) -> bool:
        """A verb inside a short quote that the reporter's own sentence carries on ('the chairperson
        had "strongly condemned" the seizure', 'the Secretary-General "firmly condemns the coup"'):
        the quote opens after a word of the sentence (not a colon, a comma or the sentence start), at
        most two words of it stand before the verb, and it has two to ten words (one quoted word is
        a scare quote: 'it has publicly "scolded" them')."""
        quote = self.quote_at(position)
        if quote is None:
            return False
        inner = self.folded[quote.inner_start : quote.inner_end]
        if not 2 <= len(inner.split()) <= 10 or len(self.folded[quote.inner_start : position].split()) > 2:
            return False
        sentence = self.sentence_at(quote.start)
        before = self.folded[sentence.start : quote.start].rstrip()
        return (
            bool(before)
            and (before[-1].isalnum() or before[-1] == "'")
            and not rx.search(rf"\b(?:{STRONG_VERBS.pattern})$", before)
        )

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions wholly inside [start, end), outside quotation marks, in order."""
        lo = bisect.bisect_left(self.mention_starts, start)
        hi = bisect.bisect_left(self.mention_starts, end)
        return [
            m
            for m in self.mentions[lo:hi]
            if m.end <= end and not self.in_quote(m.start) and not self.is_platform(m)
        ]

    def is_platform(self, mention: Mention) -> bool:
        """ "wrote on X": X is a medium."""
        name = self.text[mention.start : mention.end]
        return name in self.rules.platforms and self.folded[
            max(0, mention.start - 4) : mention.start
        ].endswith("on ")

    # -- grammar ---------------------------------------------------------------------------------
    def is_object(self, mention: Mention, floor: int) -> bool:
        """Named after a preposition ("with Chile", "in Peru"), or as the owner of a thing
        ("Ecuador's actions"): an object or a place, not a subject."""
        before = self.folded[max(floor, mention.start - 3) : mention.start]
        if before.endswith(", "):
            previous = [m for m in self.mentions_in(floor, mention.start) if m.end == mention.start - 2]
            if previous and previous[0].how == "capital" and self.is_object(previous[0], floor):
                return True  # "sailed from Paramaribo, Suriname": a place
        words = rx.findall(r"[\w'-]+", self.folded[max(floor, mention.start - 40) : mention.start])
        while words and words[-1] in _DETERMINERS:
            words.pop()
        if words and words[-1] in ("of", "for"):
            # "the government of Chile", "a spokesperson for the OAS" are Chile and the OAS; "an ally
            # of Chile", "support for Chile" are not.
            if len(words) < 2 or not self.rules.roles.fullmatch(words[-2]):
                return True
        elif (
            words
            and words[-1] == "in"
            and mention.how == "capital"
            and len(words) >= 2
            and self.rules.state_nouns.fullmatch(words[-2])
            and not self.mentions_in(max(floor, mention.start - 40), mention.start)
        ):
            return (
                False  # "the administration in Kabul condemned": Kabul's (not "the US embassy in Pristina")
            )
        elif words and words[-1] in self.rules.object_prepositions:
            return True
        after = self.folded[mention.end : mention.end + 40]
        owner = rx.match(r"'s?\s+((?:[\w-]+\s+){0,2}[\w-]+)", after)
        if owner and self.rules.former_markers.match(owner.group(1)):
            return True  # "Peru's former foreign minister", "Chile's opposition leader", "Chile's Congress"
        if (
            owner
            and not self.rules.roles.search(owner.group(1))
            # "the Arab League's council", "the EU's statement": the actor speaking
            and not rx.match(rf"(?:{self.rules.state_nouns.pattern}|{_VOICE_NOUNS})\b", owner.group(1))
        ):
            following = self.mentions_in(mention.end, mention.end + owner.end())
            if not following:
                return True
        return False

    def is_source(self, mention: Mention) -> bool:
        """Named as the source of words: "according to X", "X said", "said X"."""
        before = self.folded[max(0, mention.start - 20) : mention.start]
        if rx.search(rf"(?:{self.rules.according_to.pattern})\s+$", before):
            return True
        after = self.folded[mention.end : mention.end + 30]
        verbs = self.rules.attribution_verbs.pattern
        return bool(
            rx.match(rf"\s+(?:\w+ly\s+)?(?:{verbs})", after)
            # "said X" (not "declared X's ambassador persona non grata", "told X")
            or rx.search(
                r"\b(?:said|says|added|adds|wrote|writes|insisted|explained|stressed|noted)\s+$", before
            )
        )

    def group_before(self, start: int, end: int) -> list[Mention]:
        """The group of actors named nearest before `end` (the verb), within [start, end)."""
        group: list[Mention] = []
        for mention in reversed(self.mentions_in(start, end)):
            if self.in_aside(mention.start, keep=end):
                continue
            if group:
                gap = self.without_asides(mention.end, group[0].start, keep=end)
                if not GLUE.match(gap):
                    break
            if self.is_object(mention, start) and not (
                not group and self._subject_of_subclause(mention, end)
            ):
                if group and _COORDINATION.match(self.folded[mention.end : group[0].start]):
                    # "with the U.S. and Israel": the whole coordination is the object.
                    while len(group) > 1 and _COORDINATION.match(self.folded[group[0].end : group[1].start]):
                        group.pop(0)
                    group.pop(0)
                if group:
                    break
                continue
            group.insert(0, mention)
        return group

    def _subject_of_subclause(self, mention: Mention, verb: int) -> bool:
        """ "after Freedonia expelled the envoy": after a word that is also a conjunction, a name
        followed right by the verb is the subject of its own clause."""
        if _AUX_TAIL.sub("", self.folded[mention.end : verb]).strip(" ,'s"):
            return False
        words = rx.findall(r"[\w'-]+", self.folded[max(0, mention.start - 20) : mention.start])
        return bool(words) and words[-1] in _CONJUNCTIONS

    def group_after(self, start: int, end: int) -> list[Mention]:
        """The group of actors named first after `start` ("condemned by Chile and Peru")."""
        group: list[Mention] = []
        cursor = start
        for mention in self.mentions_in(start, end):
            gap = self.folded[cursor : mention.start]
            if group and not GLUE.match(gap):
                break
            if not group and len(gap.split()) > 6:
                break
            group.append(mention)
            cursor = mention.end
        return group

    def subject_group(self, start: int, end: int) -> list[Mention]:
        """The first group of actors in [start, end) that is not an object: a clause's subject."""
        mentions = [m for m in self.mentions_in(start, end) if not self.in_aside(m.start)]
        for index, mention in enumerate(mentions):
            if self.is_object(mention, start):
                continue
            group = [mention]
            for other in mentions[index + 1 :]:
                if not GLUE.match(self.without_asides(group[-1].end, other.start)):
                    break
                group.append(other)
            return group
        return []

    def subject_anaphor(self, start: int, end: int) -> tuple[int, Mention] | None:
        """A pronoun or "the government" standing as the subject right before `end` (the verb),
        auxiliaries and adverbs aside ("On Monday it also recalled", "the ministry has summoned"),
        or "its/their foreign ministry" (the state it points back to): (where, the actor). Before
        "in a statement" the subject is that of the verb of saying ("the council said in a
        communique")."""
        before = self.folded[start:end]
        trimmed = _AUX_TAIL.sub("", _SAID_TAIL.sub("", before))
        coordinated = rx.search(r"^(?P<head>.*?)(?:\s+[a-z][\w'-]*){1,6}\s+and$", trimmed)
        if coordinated and not self.mentions_in(start + len(coordinated.group("head")), end):
            # "On Friday it went further and expelled ...": the subject of the first verb.
            for cut in rx.finditer(r"\s+", trimmed[len(coordinated.group("head")) :]):
                candidate = _AUX_TAIL.sub("", trimmed[: len(coordinated.group("head")) + cut.start()])
                found = self.subject_anaphor_at_end(start, candidate)
                if found is not None:
                    return found
        return self.subject_anaphor_at_end(start, trimmed)

    def subject_anaphor_at_end(self, start: int, trimmed: str) -> tuple[int, Mention] | None:
        possessive = rx.search(
            rf"\b(?P<owner>its|their|his|her)\s+(?:[\w-]+\s+){{0,2}}?(?:{self.rules.state_nouns.pattern})$",
            trimmed,
        )
        if possessive:
            at = start + possessive.start()
            if possessive.group("owner") in ("his", "her"):
                # "His ministry said ...": the ministry of the state the person last named speaks for.
                pointed = self._state_mention(self.antecedent(at, ("person",)), at)
            else:
                pointed = self.antecedent(at, ("state", "international_organization"))
                if pointed is not None and pointed.kind == "person":
                    # "its" is a state's, even where the sentence's source is a person of it
                    pointed = self._state_mention(pointed, at) or pointed
            if pointed is None:
                return None
            body = rx.search(rf"(?:{self.rules.body_nouns.pattern})$", trimmed)
            if body and pointed.kind == "state":
                # "its foreign ministry": the state's body, named after the state.
                pointed = self.resolver.body_mention(pointed, body.group(), at, start + len(trimmed))
            return at, pointed
        owner = rx.search(rf"'s?\s+(?:[\w-]+\s+){{0,2}}?(?:{self.rules.state_nouns.pattern})$", trimmed)
        if owner:
            # "the bloc's chair convened ...": the bloc.
            found = self.subject_anaphor_at_end(start, trimmed[: owner.start()])
            if found is not None:
                return found
        for phrase, kinds in self.rules.anaphora:
            if not trimmed.endswith(phrase):
                continue
            head = trimmed[: -len(phrase)]
            if head and (head[-1].isalnum() or head[-1] in "'-"):
                continue
            previous = rx.findall(r"[\w'-]+", head)
            if previous and (
                previous[-1] in self.rules.object_prepositions
                or previous[-1] in _NOT_BEFORE_ANAPHOR
                or previous[-1].endswith(("'s", "s'"))
                or any(
                    m.end == start + len(head.rstrip()) for m in self.mentions_in(start, start + len(head))
                )
            ):
                continue  # "Chile's government", "a new government": not a pronoun-like subject
            at = start + len(head)
            if self._name_starts_in(at, at + len(phrase) + 1):
                continue  # part of a name
            pointed = self.as_body(phrase, self.antecedent(at, kinds), at)
            return (at, pointed) if pointed is not None else None
        return None

    def _office_alone(self, mention: Mention) -> bool:
        """ "Brazil's president", "the Brazilian foreign minister": a state or organization named with
        an office one person holds, the person not named ("Brazil's president, Lula," names one)."""
        if mention.kind not in ("state", "international_organization"):
            return False
        office = rx.match(
            rf"(?:'s?)?\s+(?:[\w-]+\s+){{0,2}}?(?:{self.rules.office_holders.pattern})\b(?P<after>[\s,]*)",
            self.folded[mention.end : mention.end + 60],
        )
        if office is None:
            return False
        return not self._name_starts_in(mention.end + office.start("after"), mention.end + office.end() + 1)

    def _state_mention(self, person: Mention | None, before: int) -> Mention | None:
        """The last mention before `before` of the state or organization a person speaks for."""
        if person is None or person.speaks_for is None:
            return None
        for mention in reversed(self.mentions[: bisect.bisect_left(self.mention_starts, before)]):
            if mention.ref == person.speaks_for:
                return mention
        return None

    def _name_starts_in(self, start: int, end: int) -> bool:
        lo = bisect.bisect_left(self.mention_starts, start)
        return lo < len(self.mentions) and self.mentions[lo].start < end

    def anaphor_at(self, start: int, end: int) -> Mention | None:
        """If folded[start:end] begins with a pronoun or "the organization"-like phrase, the actor it
        points back to: the subject of the nearest sentence before (this one first) of a fitting kind."""
        words = self.folded[start:end].strip(" ,")
        at = start + self.folded[start:end].find(words[:1]) if words else start
        holder = self.office_holder(words, at)
        if holder is not None:
            return holder
        for phrase, kinds in self.rules.anaphora:
            owned_by_org = "state" not in kinds and rx.match(
                rf"{re.escape(phrase)}'s\s+(?:[\w-]+\s+){{0,2}}?(?:{self.rules.roles.pattern})\b", words
            )
            if rx.match(rf"{re.escape(phrase)}{_NOT_OWNED}", words) or owned_by_org:
                if self._name_starts_in(at, at + len(phrase) + 1):
                    return None  # "The Ministry of Foreign Affairs said": a name, not a pronoun
                # "the organization's secretary-general said": the organization speaks.
                return self.as_body(phrase, self.antecedent(at, kinds), at)
        return None

    def office_holder(self, phrase: str, at: int) -> Mention | None:
        """ "the minister" after "Foreign Minister Grace Otieno told reporters": the person named
        before (in the three sentences before, or this one) with that office, not the state."""
        office = rx.match(
            rf"the\s+(?:[\w-]+\s+){{0,2}}?(?P<office>{self.rules.office_holders.pattern})\b", phrase
        )
        if office is None or rx.match(r"\s*(?:of|for)\b", phrase[office.end() :]):
            return None  # "the minister of defence of Peru": an office named in full
        word = office.group("office").split()[-1]
        sentence = self.sentence_at(at)
        floor = self.sentences[max(0, sentence.index - 3)].start
        for mention in reversed(self.mentions_in(floor, at)):
            if mention.kind != "person":
                continue
            before = self.folded[max(floor, mention.start - 40) : mention.start]
            after = self.folded[mention.end : mention.end + 60]
            # "Foreign Minister Grace Otieno", "Chile's ambassador to the UN, Ana Ruiz,", "Ana Ruiz,
            # Chile's foreign minister"
            titled = rx.search(rf"\b{word}(?:\s+(?:to|of|for|at|in)\s+[^,.;\"]{{1,30}})?[\s,]*$", before)
            if titled or rx.match(rf",\s+[^,;.\"]{{0,40}}\b{word}\b", after):
                return mention
        return None

    def as_body(self, phrase: str, pointed: Mention | None, at: int) -> Mention | None:
        """ "the foreign ministry said" pointing back to Norway: the foreign ministry of Norway (a
        speaker of its own, as "Norway's foreign ministry" is), not the state."""
        if pointed is None or pointed.kind != "state" or not phrase.startswith("the "):
            return pointed
        noun = phrase[4:]
        if not self.rules.body_nouns.fullmatch(noun) or noun == "ministry":
            return pointed  # "the ministry" alone names no ministry: the state speaks
        return self.resolver.body_mention(pointed, noun, at, at + len(phrase))

    def antecedent(self, position: int, kinds: tuple[str, ...]) -> Mention | None:
        """Sentence by sentence back from `position`: an actor given as a source ("according to X",
        "X said"), else the subject, else the last actor named that is not an object."""
        sentence = self.sentence_at(position)
        if "government_body" in kinds:
            # "In Baghdad, the foreign ministry said ...": the capital it speaks from.
            for mention in self.mentions_in(sentence.start, position):
                if (
                    mention.how == "capital"
                    and self.folded[max(0, mention.start - 3) : mention.start] == "in "
                    and rx.fullmatch(r"\s*,\s*", self.folded[mention.end : position])
                ):
                    return mention  # not "recalled its ambassador in Seoul, and the ministry ..."
        index = sentence.index
        region_end = position
        for back in range(index, max(-1, index - 4), -1):
            current = self.sentences[back]
            region_start = current.start
            end = region_end if back == index else current.end
            for mention in self.mentions_in(region_start, end):
                if mention.kind in kinds and self.is_source(mention):
                    return mention
            if "government_body" in kinds:
                # "..., the foreign ministry said in a statement." before "the statement said": the
                # ministry of the state the sentence is about.
                source = rx.search(
                    rf"\bthe\s+(?P<noun>{self.rules.body_nouns.pattern})\s+(?:\w+ly\s+)?"
                    rf"(?:said|says|announced|added|stated|wrote|told)\b",
                    self.folded[region_start:end],
                )
                if source and not self.in_quote(region_start + source.start()):
                    at = region_start + source.start()
                    body = self.as_body(
                        "the " + rx.sub(r"\s+", " ", source.group("noun")),
                        self.antecedent(at, ("government_body", "state")),
                        at,
                    )
                    if body is not None and body.kind in kinds:
                        return body
            subjects = self.subject_group(region_start, end)
            for mention in subjects:
                if mention.kind in kinds:
                    return mention
            if kinds == ("person",) and subjects and self._office_alone(subjects[0]):
                # "Brazil's president, who spoke after Firefly, ... "...," he said": the official
                # the sentence names by office, not a person it names as an object.
                return subjects[0]
            for mention in reversed(self.mentions_in(region_start, end)):
                if mention.kind in kinds and not self.is_object(mention, region_start):
                    return mention
            if "state" not in kinds and "person" not in kinds:
                # "Peru asked the OAS to ... The organization said": only an organization fits, even
                # one named as an object.
                for mention in reversed(self.mentions_in(region_start, end)):
                    if mention.kind in kinds:
                        return mention
            if kinds == ("person",):
                # "he said" after a person named only as an object ("Azerbaijan's account came from
                # Elchin Mammadli, an adviser"): the last person named.
                for mention in reversed(self.mentions_in(region_start, end)):
                    if mention.kind == "person":
                        return mention
                # "summoned Ghana's high commissioner over remarks in which he called ...": an
                # official named by office, even as an object, before anyone in an earlier sentence.
                for mention in reversed(self.mentions_in(region_start, end)):
                    if self._office_alone(mention):
                        return mention
            if back == index:
                # "Government has recalled ..., the foreign minister of Chile announced": the
                # sentence's own source, named after the pronoun.
                for mention in self.mentions_in(position, current.end):
                    if self.is_source(mention) and mention.speaks_for is not None:
                        kind = self.resolver.kind_of(mention.speaks_for)
                        if kind in kinds or mention.kind in kinds:
                            return mention
        if "state" in kinds and self.dateline is not None:
            return self.dateline  # "Government has recalled ..." in a report filed from its capital
        return None
