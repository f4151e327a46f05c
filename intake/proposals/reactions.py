"""Reactions of states and international organizations, sentence by sentence.

For each pattern of rules.yaml that matches a sentence (outside quotation marks):
1. the clause around the matched verb is found (rules.yaml `clause_breaks`);
2. a negation before the verb in the clause, or a hypothetical, proposes nothing;
3. the actors: after the verb for a passive or an `agent_after` pattern ("condemned by Chile",
   "condemnation from Chile"), otherwise the group of actors named nearest before the verb, joined by
   commas, "and", "including" ... ("Argentina, Cuba and Brazil"). An actor after a preposition such
   as "with" or "in" is an object or a place, not the subject. "It" or "the government" as the subject
   points back to the last state or organization named;
4. each actor counts for the state or organization it stands for (a minister for their state);
5. one reaction per actor and kind in the sentence.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .dates import find_dates, nearest
from .mentions import Mention, Resolver
from .rules import ReactionPattern, Rules
from .text import Quote, Sentence, trim
from .types import ActorRef, ProposedDate

_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "all", "both", "other", "some", "several",
                "neighbouring", "neighboring", "fellow", "many", "most", "of"}
_GLUE = re.compile(
    r"^(?:[\s,;&]|\band\b|\bor\b|\bnor\b|\bas\s+well\s+as\b|\balong\s+with\b|\btogether\s+with\b|"
    r"\bincluding\b|\bsuch\s+as\b|\bthe\b|\bits\b|\btheir\b|\bgovernments?\b(?:\s+of)?|'s\b|'|"
    r"\bforeign\b|\bministr(?:y|ies)\b|\bpresidents?\b|\bleaders?\b|\bofficials?\b|\bof\b|\balso\b|"
    r"\bboth\b|\bneither\b|\beither\b|\bin\s+a\s+joint\s+statement\b|\bnations?\b|\bcountries\b|"
    r"\bstates?\b|\bprime\s+ministers?\b|\bministers?\b|\bspokes(?:person|man|woman)\b|\bdelegations?\b|"
    r"\bsecretary\b|\bambassadors?\b|\bpresidency\b)*$")
_PASSIVE_AGENT = re.compile(r"^\s+(?:\w+\s+){0,2}?by\b")


@dataclass
class FoundReaction:
    actor: ActorRef
    kind: str
    stance: str
    cameo_code: str | None
    excerpt: tuple[int, int]
    date: ProposedDate
    certainty: str
    rule: str
    trigger: tuple[int, int]
    only_if_alone: bool = False


class ReactionFinder:
    def __init__(self, text: str, folded: str, sentences: list[Sentence], mentions: list[Mention],
                 quotes: list[Quote], resolver: Resolver, rules: Rules, published):
        self.text, self.folded = text, folded
        self.sentences = sentences
        self.mentions = mentions
        self.mention_starts = [m.start for m in mentions]
        self.quotes = quotes
        self.resolver = resolver
        self.rules = rules
        self.published = published

    def in_quote(self, position: int) -> bool:
        return any(q.start <= position < q.end for q in self.quotes)

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        lo = bisect.bisect_left(self.mention_starts, start)
        hi = bisect.bisect_left(self.mention_starts, end)
        return [m for m in self.mentions[lo:hi] if m.end <= end and not self.in_quote(m.start)]

    def certainty(self, start: int, end: int) -> str:
        window = self.folded[start:end]
        return "alleged" if any(h.regex.search(window) for h in self.rules.hedges) else "reported"

    def stance_from_cues(self, start: int, end: int) -> str:
        window = self.folded[start:end]
        for cue in self.rules.stance_cues:
            if cue.regex.search(window):
                return cue.stance
        return "neutral"

    # -- per sentence ----------------------------------------------------------------------------
    def find(self) -> list[FoundReaction]:
        found: list[FoundReaction] = []
        for sentence in self.sentences:
            found.extend(self.in_sentence(sentence))
        return found

    def in_sentence(self, sentence: Sentence) -> list[FoundReaction]:
        s_start, s_end = sentence.start, sentence.end
        folded = self.folded[s_start:s_end]
        breaks = [s_start + m.start() for m in self.rules.clause_breaks.finditer(folded)]
        dates = None
        results: list[FoundReaction] = []
        triggers: list[tuple[int, int]] = []
        for pattern in self.rules.reactions:
            for match in pattern.regex.finditer(folded):
                t_start, t_end = s_start + match.start(), s_start + match.end()
                if self.in_quote(t_start) or any(a < t_end and t_start < b for a, b in triggers):
                    continue
                clause_start = max([b for b in breaks if b <= t_start] + [s_start])
                clause_end = min([b for b in breaks if b >= t_end] + [s_end])
                if self._blocked(clause_start, t_start, t_end, clause_end):
                    continue
                actors = self._actors(pattern, sentence, clause_start, t_start, t_end, clause_end)
                if not actors:
                    continue
                triggers.append((t_start, t_end))
                if dates is None:
                    dates = find_dates(self.text, self.folded, s_start, s_end, self.published)
                stance = pattern.stance if pattern.stance != "cues" else self.stance_from_cues(s_start, s_end)
                for actor in actors:
                    results.append(FoundReaction(
                        actor=actor, kind=pattern.kind, stance=stance, cameo_code=pattern.cameo_code,
                        excerpt=trim(self.text, s_start, s_end), date=nearest(dates, t_start),
                        certainty=self.certainty(s_start, s_end), rule=f"pattern:{pattern.name}",
                        trigger=(t_start, t_end), only_if_alone=pattern.only_if_alone))
        return _one_per_actor_and_kind(results)

    def _blocked(self, clause_start, t_start, t_end, clause_end) -> bool:
        before = self.folded[clause_start:t_start]
        if any(n.regex.search(before) for n in self.rules.negations):
            return True
        for cue in self.rules.hypotheticals:
            window = before + self.folded[t_start:t_end] if cue.scope == "before" \
                else self.folded[t_end:clause_end]
            if cue.regex.search(window):
                return True
        return False

    # -- who -------------------------------------------------------------------------------------
    def _actors(self, pattern: ReactionPattern, sentence, clause_start, t_start, t_end, clause_end):
        agent_start = None
        if pattern.agent_after:
            agent_start = t_end
        else:
            passive = _PASSIVE_AGENT.match(self.folded[t_end:clause_end])
            if passive and re.search(r"\b(?:was|were|been|being|is|are)\s+(?:\w+\s+)?$",
                                     self.folded[clause_start:t_start]):
                agent_start = t_end + passive.end()
        if agent_start is not None:
            group = self._group_after(agent_start, clause_end)
        else:
            group = self._group_before(clause_start, t_start)
            if not group:
                group = self._anaphor_subject(sentence, clause_start, t_start)
        refs: list[ActorRef] = []
        for mention in group:
            ref = mention.speaks_for
            if ref is None or self.resolver.kind_of(ref) not in ("state", "international_organization"):
                continue
            if ref not in refs:
                refs.append(ref)
        return refs

    def _is_object(self, mention: Mention, floor: int) -> bool:
        words = re.findall(r"[\w'-]+", self.folded[max(floor, mention.start - 40):mention.start])
        while words and words[-1] in _DETERMINERS:
            words.pop()
        return bool(words) and words[-1] in self.rules.object_prepositions

    def _group_before(self, clause_start, t_start) -> list[Mention]:
        eligible = [m for m in self.mentions_in(clause_start, t_start)]
        group: list[Mention] = []
        for mention in reversed(eligible):
            if group:
                gap = self.folded[mention.end:group[0].start]
                if not _GLUE.match(gap):
                    break
            if self._is_object(mention, clause_start):
                if group:
                    break
                continue
            group.insert(0, mention)
        return group

    def _group_after(self, start, clause_end) -> list[Mention]:
        group: list[Mention] = []
        cursor = start
        for mention in self.mentions_in(start, clause_end):
            gap = self.folded[cursor:mention.start]
            if group and not _GLUE.match(gap):
                break
            if not group and len(gap.split()) > 6:
                break
            group.append(mention)
            cursor = mention.end
        return group

    def _anaphor_subject(self, sentence, clause_start, t_start) -> list[Mention]:
        before = self.folded[clause_start:t_start].strip(" ,")
        for phrase in sorted(self.rules.organization_anaphora, key=len, reverse=True):
            if re.match(rf"(?:[\w-]+\s+){{0,1}}{re.escape(phrase)}\b", before):
                hi = bisect.bisect_left(self.mention_starts, sentence.start)
                for mention in reversed(self.mentions[:hi]):
                    if mention.speaks_for is not None and not self.in_quote(mention.start) \
                            and not self._is_object(mention, 0):
                        return [mention]
                return []
        return []


def _one_per_actor_and_kind(results: list[FoundReaction]) -> list[FoundReaction]:
    kept: list[FoundReaction] = []
    seen: set[tuple[str, str]] = set()
    for result in results:
        key = (result.actor.key, result.kind)
        if key not in seen:
            seen.add(key)
            kept.append(result)
    by_actor: dict[str, int] = {}
    for result in kept:
        if not result.only_if_alone:
            by_actor[result.actor.key] = by_actor.get(result.actor.key, 0) + 1
    return [r for r in kept if not r.only_if_alone or not by_actor.get(r.actor.key)]
