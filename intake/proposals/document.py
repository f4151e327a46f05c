"""One article being read: its sentences, quotations and actor mentions, and the small grammar the
statement and reaction rules share (who is the subject, what a pronoun points back to)."""

from __future__ import annotations

import bisect
import re

from .mentions import Mention, Resolver
from .rules import Rules
from .text import Quote, Sentence

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
    r"\bvice\b|\bhead\b|\bchief\b|\bgeneral\b)*$"
)
_COORDINATION = re.compile(r"^\s*,?\s*(?:and|or|nor)\s+$")


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
        self.resolver = resolver
        self.rules = rules
        self.published = published

    # -- positions -------------------------------------------------------------------------------
    def sentence_at(self, position: int) -> Sentence:
        index = max(0, bisect.bisect_right(self.sentence_starts, position) - 1)
        return self.sentences[index]

    def in_quote(self, position: int) -> bool:
        index = bisect.bisect_right(self.quote_starts, position) - 1
        return index >= 0 and self.quotes[index].start <= position < self.quotes[index].end

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
        words = re.findall(r"[\w'-]+", self.folded[max(floor, mention.start - 40) : mention.start])
        while words and words[-1] in _DETERMINERS:
            words.pop()
        if words and words[-1] == "of":
            # "the government of Chile" is Chile; "an ally of Chile" is not.
            if len(words) < 2 or not self.rules.roles.fullmatch(words[-2]):
                return True
        elif words and words[-1] in self.rules.object_prepositions:
            return True
        after = self.folded[mention.end : mention.end + 40]
        owner = re.match(r"'s?\s+((?:[\w-]+\s+){0,2}[\w-]+)", after)
        if owner and not self.rules.roles.search(owner.group(1)):
            following = self.mentions_in(mention.end, mention.end + owner.end())
            if not following:
                return True
        return False

    def is_source(self, mention: Mention) -> bool:
        """Named as the source of words: "according to X", "X said", "said X"."""
        before = self.folded[max(0, mention.start - 20) : mention.start]
        if re.search(rf"(?:{self.rules.according_to.pattern})\s+$", before):
            return True
        after = self.folded[mention.end : mention.end + 30]
        verbs = self.rules.attribution_verbs.pattern
        return bool(
            re.match(rf"\s+(?:\w+ly\s+)?(?:{verbs})", after) or re.search(rf"(?:{verbs})\s+$", before)
        )

    def group_before(self, start: int, end: int) -> list[Mention]:
        """The group of actors named nearest before `end` (the verb), within [start, end)."""
        group: list[Mention] = []
        for mention in reversed(self.mentions_in(start, end)):
            if group:
                gap = self.folded[mention.end : group[0].start]
                if not GLUE.match(gap):
                    break
            if self.is_object(mention, start):
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
        mentions = self.mentions_in(start, end)
        for index, mention in enumerate(mentions):
            if self.is_object(mention, start):
                continue
            group = [mention]
            for other in mentions[index + 1 :]:
                if not GLUE.match(self.folded[group[-1].end : other.start]):
                    break
                group.append(other)
            return group
        return []

    def anaphor_at(self, start: int, end: int) -> Mention | None:
        """If folded[start:end] begins with a pronoun or "the organization"-like phrase, the actor it
        points back to: the subject of the nearest sentence before (this one first) of a fitting kind."""
        words = self.folded[start:end].strip(" ,")
        for phrase, kinds in self.rules.anaphora:
            if re.match(rf"{re.escape(phrase)}\b", words):
                return self.antecedent(start, kinds)
        return None

    def antecedent(self, position: int, kinds: tuple[str, ...]) -> Mention | None:
        """Sentence by sentence back from `position`: an actor given as a source ("according to X",
        "X said"), else the subject, else the last actor named that is not an object."""
        sentence = self.sentence_at(position)
        index = sentence.index
        region_end = position
        for back in range(index, max(-1, index - 4), -1):
            current = self.sentences[back]
            region_start = current.start
            end = region_end if back == index else current.end
            for mention in self.mentions_in(region_start, end):
                if mention.kind in kinds and self.is_source(mention):
                    return mention
            for mention in self.subject_group(region_start, end):
                if mention.kind in kinds:
                    return mention
            for mention in reversed(self.mentions_in(region_start, end)):
                if mention.kind in kinds and not self.is_object(mention, region_start):
                    return mention
        return None
