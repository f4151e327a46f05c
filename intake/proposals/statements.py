"""Quotes and their speakers.

For each quotation (quotes.py finds them), in this order:
1. after the closing mark, in the same sentence: '..." X said', '..." said X', '..." according to X',
   '..." X told reporters';
2. before the opening mark, in the same sentence: 'X said: "..."', 'X, writing on X, called it "..."',
   'X said Mexico would "..."' (the subject of the last attribution verb before the quote);
3. another quote earlier in the same sentence already has a speaker: the same speaker;
4. the quote opens its sentence and has no attribution: the speaker of the quote just before it in
   the same or the previous paragraph (a quote running over several sentences or paragraphs), or the
   person/body named as subject of the sentence before (a speaker named in the sentence before);
5. the subject of the quote's sentence ("Chile cut ties, calling the raid "reprehensible"").
"he"/"she" is the last person named, "it"/"the organization"/"the ministry" the last organization or
state named. A quote with no speaker found is not proposed (scare quotes, slogans).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .mentions import Mention, Resolver
from .rules import Rules
from .text import Quote, Sentence, span, trim
from .types import ActorRef

SPEAKING_KINDS = ("person", "state", "international_organization", "government_body", "political_party",
                  "criminal_group", "other_organization")


@dataclass
class Attributed:
    quote: Quote
    speaker: Mention | None
    speaker_ref: ActorRef
    on_behalf_of: ActorRef | None
    how: str
    excerpt: tuple[int, int]
    verb_at: int            # where the attribution verb is (for the date)
    sentences: tuple[int, int]  # first and last sentence index covered


class Attribution:
    def __init__(self, text: str, folded: str, sentences: list[Sentence], mentions: list[Mention],
                 resolver: Resolver, rules: Rules):
        self.text, self.folded = text, folded
        self.sentences = sentences
        self.starts = [s.start for s in sentences]
        self.mentions = mentions
        self.mention_starts = [m.start for m in mentions]
        self.resolver = resolver
        self.rules = rules
        verbs = rules.attribution_verbs.pattern
        self.verb = re.compile(verbs)
        # '..." X said' / '..." X, head of ..., told' (the name phrase is checked for an actor)
        self.after_np_verb = re.compile(rf"^[\s,]*(?P<np>[^\"]{{1,160}}?)\s+(?:\w+ly\s+)?(?P<verb>{verbs})")
        self.after_verb_np = re.compile(rf"^[\s,]*(?P<verb>{verbs})\s+(?P<np>[^\"]{{1,160}})")
        self.according = re.compile(rf"^[\s,]*(?:{rules.according_to.pattern})\s+(?P<np>[^\"]{{1,160}})")

    # -- helpers ---------------------------------------------------------------------------------
    def sentence_at(self, position: int) -> Sentence:
        index = max(0, bisect.bisect_right(self.starts, position) - 1)
        return self.sentences[index]

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        lo = bisect.bisect_left(self.mention_starts, start)
        hi = bisect.bisect_left(self.mention_starts, end)
        return [m for m in self.mentions[lo:hi] if m.end <= end]

    def in_quote(self, position: int, quotes: list[Quote]) -> bool:
        return any(q.start <= position < q.end for q in quotes)

    def speaker_in(self, start: int, end: int, quotes: list[Quote], *, prefer_first=True) -> Mention | None:
        """The speaker named in folded[start:end]: a person first (with the state beside them as the
        one they speak for), else an organization or body, else a state; outside quotation marks."""
        found = [m for m in self.mentions_in(start, end) if not self.in_quote(m.start, quotes)
                 and m.kind in SPEAKING_KINDS and not self._platform(m)]
        if not found:
            return None
        for kinds in (("person",), ("government_body", "international_organization", "political_party",
                                    "criminal_group", "other_organization"), ("state",)):
            group = [m for m in found if m.kind in kinds]
            if group:
                return group[0] if prefer_first else group[-1]
        return None

    def _platform(self, mention: Mention) -> bool:
        name = self.text[mention.start:mention.end]
        before = self.folded[max(0, mention.start - 4):mention.start]
        return name in self.rules.platforms and before.endswith("on ")

    def anaphor(self, phrase: str, before: int) -> Mention | None:
        """'he' -> the last person named before `before`; 'it' / 'the ministry' -> last organization."""
        phrase = phrase.strip().lower()
        if phrase in self.rules.person_anaphora:
            kinds = ("person",)
        elif phrase in self.rules.organization_anaphora:
            kinds = ("international_organization", "government_body", "state", "other_organization",
                     "political_party")
        else:
            return None
        hi = bisect.bisect_left(self.mention_starts, before)
        for mention in reversed(self.mentions[:hi]):
            if mention.kind in kinds and not self._platform(mention):
                return mention
        return None

    def np_speaker(self, start: int, end: int, quotes: list[Quote]) -> Mention | None:
        """The speaker in a noun phrase: a named actor in it, or the actor a pronoun points back to."""
        named = self.speaker_in(start, end, quotes)
        if named is not None:
            return named
        words = self.folded[start:end].strip(" ,")
        for phrase in sorted(self.rules.person_anaphora | set(self.rules.organization_anaphora),
                             key=len, reverse=True):
            if re.match(rf"{re.escape(phrase)}\b", words):
                return self.anaphor(phrase, start)
        return None

    # -- the rules -------------------------------------------------------------------------------
    def attribute(self, quotes: list[Quote]) -> list[Attributed]:
        results: list[Attributed] = []
        by_sentence: dict[int, Attributed] = {}
        for quote in quotes:
            first = self.sentence_at(quote.start)
            last = self.sentence_at(max(quote.start, quote.end - 1))
            # The sentence after a quote ending a sentence may hold the attribution ('..." she said.')
            tail_end = last.end
            after = self.folded[quote.end:tail_end]
            if not after.strip() and last.index + 1 < len(self.sentences):
                nxt = self.sentences[last.index + 1]
                if nxt.paragraph == last.paragraph and re.match(
                        rf"\s*(?:[a-z]\w*\s+){{0,4}}(?:{self.verb.pattern})\b", self.folded[nxt.start:nxt.end]) \
                        and self.text[nxt.start].islower():
                    last, after = nxt, self.folded[quote.end:nxt.end]
            result = (self._after(quote, quotes, after)
                      or self._before(quote, quotes, first)
                      or self._same_sentence(quote, first, by_sentence)
                      or self._previous(quote, quotes, first, results)
                      or self._subject(quote, quotes, first))
            if result is None:
                continue
            speaker, how, verb_at = result
            ex_start, ex_end = trim(self.text, min(first.start, quote.start), max(last.end, quote.end))
            attributed = Attributed(
                quote=quote, speaker=speaker if isinstance(speaker, Mention) else None,
                speaker_ref=speaker.ref if isinstance(speaker, Mention) else speaker,
                on_behalf_of=None, how=how, excerpt=(ex_start, ex_end), verb_at=verb_at,
                sentences=(first.index, last.index))
            attributed.on_behalf_of = self._on_behalf_of(attributed, result)
            results.append(attributed)
            by_sentence[first.index] = attributed
        return results

    def _after(self, quote, quotes, after):
        base = quote.end
        m = self.according.match(after)
        if m:
            np_start = base + m.start("np")
            if any(h.regex.match(self.folded, np_start - len("according to ") - 1) for h in self.rules.hedges):
                pass
            speaker = self.np_speaker(np_start, base + m.end("np"), [quote])
            if speaker:
                return speaker, "according_to", np_start
        m = self.after_verb_np.match(after)
        if m:
            np_end = base + m.end("np")
            np_start = base + m.start("np")
            comma = self.folded.find(",", np_start, np_end)
            speaker = self.np_speaker(np_start, comma if comma > np_start else np_end, [quote]) \
                or self.np_speaker(np_start, np_end, [quote])
            if speaker:
                return speaker, "after", base + m.start("verb")
        m = self.after_np_verb.match(after)
        if m:
            np_start, np_end = base + m.start("np"), base + m.end("np")
            speaker = self.np_speaker(np_start, np_end, [quote])
            if speaker:
                return speaker, "after", base + m.start("verb")
        return None

    def _before(self, quote, quotes, sentence):
        """'X said "..."': the subject of the last attribution verb before the quote in its sentence."""
        region_start = sentence.start
        # Stop at an earlier quote in the sentence: its words are not this quote's attribution.
        for other in quotes:
            if other.end <= quote.start and other.end > region_start and other.start >= sentence.start:
                region_start = other.end
        before = self.folded[region_start:quote.start]
        verbs = list(self.verb.finditer(before))
        if not verbs:
            return None
        verb = verbs[-1]
        verb_at = region_start + verb.start()
        clause_start = region_start
        speaker = self.np_speaker(clause_start, verb_at, quotes)
        if speaker is None and region_start != sentence.start:
            return None
        if speaker is None:
            return None
        return speaker, "before", verb_at

    def _same_sentence(self, quote, sentence, by_sentence):
        earlier = by_sentence.get(sentence.index)
        if earlier is not None and earlier.quote.end <= quote.start:
            return (earlier.speaker or earlier.speaker_ref), "continued", earlier.verb_at
        return None

    def _previous(self, quote, quotes, sentence, results):
        """A quote opening its sentence with no attribution of its own."""
        opening = self.folded[sentence.start:quote.start].strip()
        if opening:
            return None
        if results:
            previous = results[-1]
            prev_last = self.sentences[previous.sentences[1]]
            gap_paragraphs = sentence.paragraph - prev_last.paragraph
            if sentence.index - previous.sentences[1] == 1 and gap_paragraphs <= 1:
                return (previous.speaker or previous.speaker_ref), "continued", previous.verb_at
        if sentence.index == 0:
            return None
        prev = self.sentences[sentence.index - 1]
        prev_text = self.folded[prev.start:prev.end]
        if prev_text.rstrip().endswith(":") or self.verb.search(prev_text):
            speaker = self.speaker_in(prev.start, prev.end, quotes)
            if speaker is not None:
                return speaker, "previous", prev.start
        return None

    def _subject(self, quote, quotes, sentence):
        """The subject of the quote's sentence: the first actor named before the quote, when a verb
        of speech or a reaction follows it ("Chile cut ties, calling the raid "reprehensible")."""
        before = self.folded[sentence.start:quote.start]
        if not before.strip() or not self.verb.search(before):
            return None
        subject = self.speaker_in(sentence.start, quote.start, quotes)
        if subject is None:
            return None
        return subject, "subject", sentence.start

    # -- whom they speak for ---------------------------------------------------------------------
    def _on_behalf_of(self, attributed: Attributed, result) -> ActorRef | None:
        speaker = attributed.speaker
        if speaker is None:
            return None
        if speaker.kind in ("state", "international_organization"):
            return speaker.ref
        if speaker.former:
            return None
        return speaker.speaks_for
