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

import re
from dataclasses import dataclass

from . import rx
from .document import STRONG_VERBS as _STRONG
from .document import Document
from .mentions import Mention
from .text import Quote, Sentence, trim
from .types import ActorRef

_NOT_A_SUBJECT = re.compile(r"(?:and|but|or|that|which|while|as|because|if|when|although|though)\b")
_CLOSING_SOURCE = re.compile(
    r",\s+(?P<np>[^,\"]{1,60}(?:,\s+[^,\"]{1,60},)?)\s+(?P<verb>said|told\s+reporters|told\s+journalists|added|wrote)"
    r"\b[^,\"]{0,60}[.!?]?\s*$"
)
# "according to a statement from Peru's foreign ministry": the source is the one issuing it.
_VOICE = re.compile(
    r"(?:a|an|the|its|their)\s+(?:\w+\s+)?(?:statement|communique|letter|note|post|message|transcript|"
    r"press\s+release)\s+(?:from|by|of|issued\s+by|released\s+by)\s+"
)
_PASSIVE = re.compile(r"\b(?:been|being|be|was|were|is|are|get|got)\s+$")

SPEAKING_KINDS = (
    "person",
    "state",
    "international_organization",
    "government_body",
    "political_party",
    "criminal_group",
    "other_organization",
)


@dataclass
class Attributed:
    quote: Quote
    speaker: Mention | None
    speaker_ref: ActorRef
    on_behalf_of: ActorRef | None
    how: str
    excerpt: tuple[int, int]
    verb_at: int  # where the attribution verb is (for the date)
    sentences: tuple[int, int]  # first and last sentence index covered


class Attribution:
    def __init__(self, doc: Document):
        self.doc = doc
        self.text, self.folded = doc.text, doc.folded
        self.sentences = doc.sentences
        self.rules = doc.rules
        verbs = doc.rules.attribution_verbs.pattern
        self.verb = re.compile(verbs)
        # '..." X said' / '..." X, head of ..., told' (the name phrase is checked for an actor)
        self.after_np_verb = re.compile(rf"^[\s,]*(?P<np>[^\"]{{1,160}}?)\s+(?P<verb>{verbs})")
        # '..." X quickly said': tried second, so "Rufus Firefly said" keeps its last name.
        self.after_np_adverb_verb = re.compile(rf"^[\s,]*(?P<np>[^\"]{{1,160}}?)\s+\w+ly\s+(?P<verb>{verbs})")
        self.after_verb_np = re.compile(rf"^[\s,]*(?P<verb>{verbs})\s+(?P<np>[^\"]{{1,160}})")
        self.according = re.compile(rf"^[\s,]*(?:{doc.rules.according_to.pattern})\s+(?P<np>[^\"]{{1,160}})")

    def sentence_at(self, position: int) -> Sentence:
        return self.doc.sentence_at(position)

    @staticmethod
    def pick(group: list[Mention]) -> Mention | None:
        """In a subject group ("Honduran President Xiomara Castro") the speaker is the person; else an
        organization or body; else the state."""
        group = [m for m in group if m.kind in SPEAKING_KINDS]
        for kinds in (
            ("person",),
            (
                "government_body",
                "international_organization",
                "political_party",
                "criminal_group",
                "other_organization",
            ),
            ("state",),
        ):
            for mention in group:
                if mention.kind in kinds:
                    return mention
        return None

    def np_speaker(self, start: int, end: int) -> Mention | None:
        """The speaker a phrase names: its pronoun's antecedent, or its subject group."""
        owned = self._owner_of_voice(start, end)
        if owned is not None:
            return owned  # "Firefly's spokesman": not Firefly
        group = self.doc.subject_group(start, end)
        if any(m.kind == "person" for m in group):
            return self.pick(group)  # "government spokesperson Claudine Uwase": the person, not "government"
        named = self.apposed_person(start, end)
        if named is not None:
            return named
        pointed = self.doc.anaphor_at(start, end)
        if pointed is not None:
            return pointed
        return self.pick(group)

    def apposed_person(self, start: int, end: int) -> Mention | None:
        """ "Sylvania's security chief, Daniel Ossa," / "a spokeswoman for the foreign ministry, Irene
        Kos": an office, a comma, and the person holding it, who is the speaker (not the state or the
        ministry of the office)."""
        for mention in self.doc.mentions_in(start, end):
            if mention.kind != "person":
                continue
            office = rx.fullmatch(r"(?P<office>[^,\".;:!?]{2,100}),\s*", self.folded[start : mention.start])
            if (
                office
                and self.rules.roles.search(office.group("office"))
                and not self.doc.in_aside(mention.start)
            ):
                return mention
            return None
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
            after = self.folded[quote.end : tail_end]
            if not after.strip() and last.index + 1 < len(self.sentences):
                nxt = self.sentences[last.index + 1]
                if (
                    nxt.paragraph == last.paragraph
                    and rx.match(
                        rf"\s*(?:[a-z]\w*\s+){{0,4}}(?:{self.verb.pattern})\b",
                        self.folded[nxt.start : nxt.end],
                    )
                    and self.text[nxt.start].islower()
                ):
                    last, after = nxt, self.folded[quote.end : nxt.end]
            closing = self._after(quote, quotes, after)
            if (
                closing is not None
                and isinstance(closing[0], Mention)
                and closing[0].kind != "person"
                and after.lstrip().startswith(",")
            ):
                # "Deputy Minister Ivo Brandt told him the raid was "a grave violation", the ministry
                # said": the person saying the words in the sentence, not the body reporting them.
                inner = self._before(quote, quotes, first)
                if inner is not None and isinstance(inner[0], Mention) and inner[0].kind == "person":
                    closing = inner
            result = (
                closing
                or self._before(quote, quotes, first)
                or self._predicate(quote, quotes, first)
                or self._same_sentence(quote, first, by_sentence)
                or self._previous(quote, quotes, first, results)
                or self._subject(quote, quotes, first)
            )
            if result is None:
                continue
            speaker, how, verb_at = result
            ex_start, ex_end = trim(self.text, min(first.start, quote.start), max(last.end, quote.end))
            attributed = Attributed(
                quote=quote,
                speaker=speaker if isinstance(speaker, Mention) else None,
                speaker_ref=speaker.ref if isinstance(speaker, Mention) else speaker,
                on_behalf_of=None,
                how=how,
                excerpt=(ex_start, ex_end),
                verb_at=verb_at,
                sentences=(first.index, last.index),
            )
            attributed.on_behalf_of = self._on_behalf_of(attributed, result)
            results.append(attributed)
            by_sentence[first.index] = attributed
        return self._shared_attribution(quotes, results)

    def _shared_attribution(self, quotes: list[Quote], results: list[Attributed]) -> list[Attributed]:
        """'The minister is "deeply concerned" and "urges restraint," his spokesperson said': a quote
        with no speaker of its own takes the one named after a later quote of the same sentence."""
        done = {item.quote.start for item in results}
        extra = []
        for quote in quotes:
            if quote.start in done:
                continue
            sentence = self.sentence_at(quote.start)
            later = next(
                (
                    item
                    for item in results
                    if item.how == "after"
                    and item.quote.start > quote.start
                    and item.sentences[0] == sentence.index
                ),
                None,
            )
            if later is None:
                continue
            extra.append(
                Attributed(
                    quote=quote,
                    speaker=later.speaker,
                    speaker_ref=later.speaker_ref,
                    on_behalf_of=later.on_behalf_of,
                    how="continued",
                    excerpt=later.excerpt,
                    verb_at=later.verb_at,
                    sentences=later.sentences,
                )
            )
        return sorted(results + extra, key=lambda item: item.quote.start)

    def _after(self, quote, quotes, after):
        base = quote.end
        # '... "unacceptable"; Chile said it was ...': what follows a semicolon is another clause.
        after = after.split(";")[0]
        m = self.according.match(after)
        if m:
            np_start = base + m.start("np")
            voice = _VOICE.match(self.folded, np_start, base + m.end("np"))
            if voice:
                np_start = voice.end()  # "according to a statement from Peru's foreign ministry"
            if any(h.regex.search(self.folded[quote.end : base + m.end("np")]) for h in self.rules.hedges):
                return None  # "according to sources": a hedge, not a speaker
            speaker = self.np_speaker(np_start, base + m.end("np"))
            if speaker:
                return speaker, "according_to", np_start
        m = self.after_verb_np.match(after)
        if m:
            np_end = base + m.end("np")
            np_start = base + m.start("np")
            comma = self.folded.find(",", np_start, np_end)
            speaker = (
                self.apposed_person(np_start, np_end)
                or self.np_speaker(np_start, comma if comma > np_start else np_end)
                or self.np_speaker(np_start, np_end)
            )
            if speaker:
                return speaker, "after", base + m.start("verb")
        for regex in (self.after_np_verb, self.after_np_adverb_verb):
            m = regex.match(after)
            if m:
                if _NOT_A_SUBJECT.match(m.group("np")):
                    continue  # '"..." and that Chile had asked': a new clause, not the quote's source
                np_start, np_end = base + m.start("np"), base + m.end("np")
                speaker = self.np_speaker(np_start, np_end)
                if speaker:
                    return speaker, "after", base + m.start("verb")
        # '... "firmly condemns the coup" and calls for ..., his spokesperson, Julien Moreau, told
        # reporters': a source closing the sentence is the source of its quotes.
        m = _CLOSING_SOURCE.search(after)
        if m and '"' not in after:
            np_start, np_end = base + m.start("np"), base + m.end("np")
            speaker = self.np_speaker(np_start, np_end)
            if speaker is not None and speaker.kind == "person":
                return speaker, "after", base + m.start("verb")
        return None

    def _before(self, quote, quotes, sentence):
        """'X said "..."': the subject of an attribution verb before the quote in its sentence. The
        first verb of saying that has a subject wins ("Ruiz said the envoy had been called home "for
        consultations"": Ruiz); a passive ("been called") has none; a colon ends a clause that
        introduces the quote ('Ruiz put it plainly: "..."')."""
        region_start = sentence.start
        # Stop at an earlier quote in the sentence: its words are not this quote's attribution.
        for other in quotes:
            if other.end <= quote.start and other.end > region_start and other.start >= sentence.start:
                region_start = other.end
        before = self.folded[region_start : quote.start]
        candidates = []
        for verb in self.verb.finditer(before):
            verb_at = region_start + verb.start()
            if _PASSIVE.search(self.folded[region_start:verb_at]):
                continue
            clause_start = region_start
            for m in self.rules.clause_breaks.finditer(self.folded[region_start:verb_at]):
                clause_start = region_start + m.end()
            if (
                verb.group().endswith("ing")
                and rx.search(r"(?:,|\band)\s*$", self.folded[clause_start:verb_at])
                and rx.search(r"\b[a-z]{3,}ed\b", self.folded[clause_start:verb_at])
            ):
                # "The GCC backed Morocco, calling in a statement for ...", "issued a statement backing
                # Ouagadougou and accusing Accra of ...": the clause's subject.
                speaker = self.doc.clause_subject(clause_start, verb_at)
                if speaker is not None and speaker.kind not in SPEAKING_KINDS:
                    speaker = None
            else:
                speaker = None
            speaker = (
                speaker or self._subject_of(clause_start, verb_at) or self.np_speaker(region_start, verb_at)
            )
            speaker = self._office_of(speaker, clause_start)
            if speaker is not None:
                candidates.append((verb.group(), speaker, verb_at))
        if not candidates:
            # 'According to Chile's foreign minister, "a border is a line on a map"': the source named
            # at the head of the clause (not a hedge such as "according to sources").
            source = rx.search(
                rf"(?:^|[,;:]\s*)(?:{self.rules.according_to.pattern})\s+(?P<np>[^,\"]{{1,100}}),", before
            )
            if source and not any(h.regex.search(source.group()) for h in self.rules.hedges):
                np_start = region_start + source.start("np")
                speaker = self.np_speaker(np_start, region_start + source.end("np"))
                if speaker is not None:
                    return speaker, "according_to", np_start
            colon = before.rstrip()
            if colon.endswith(":"):
                end = region_start + len(colon) - 1
                speaker = self.np_speaker(region_start, end) or self._subject_of(region_start, end)
                if speaker is not None:
                    return speaker, "before", region_start
            return None
        # "..., Chilean President Gabriel Soto said, while Peru's Ana Ruiz called it "a crime"": the
        # verbs of the quote's own clause come first.
        breaks = [region_start + m.end() for m in self.rules.clause_breaks.finditer(before)]
        own = [c for c in candidates if c[2] >= breaks[-1]] if breaks else candidates
        candidates = own or candidates
        strong = [c for c in candidates if _STRONG.fullmatch(c[0])]
        chosen = strong[0] if strong else candidates[-1]
        inner = candidates[-1]
        if (
            inner[2] > chosen[2]
            and isinstance(inner[1], Mention)
            and inner[1].kind == "person"
            and inner[1].start > chosen[2]
        ):
            # "Ana Ruiz said Rufus Firefly had called the raid "a success"": the person named in
            # the reported clause, whose words these are.
            chosen = inner
        _verb, speaker, verb_at = chosen
        return speaker, "before", verb_at

    def _subject_of(self, clause_start: int, verb_at: int):
        """The subject of the verb at `verb_at`: a pronoun or "its ministry" right before it, a pronoun
        opening the clause, else the actors named nearest before it."""
        voice = _VOICE.match(
            self.folded,
            clause_start
            + len(self.folded[clause_start:verb_at])
            - len(self.folded[clause_start:verb_at].lstrip()),
        )
        if voice is not None and voice.end() < verb_at:
            # "A statement from the Chilean presidency said ...": the one issuing it.
            issuer = self.np_speaker(voice.end(), verb_at)
            if issuer is not None:
                return issuer
        owned = self._owner_of_voice(clause_start, verb_at)
        if owned is not None:
            return owned
        their = rx.search(
            r"\b(?:its|their)\s+(?:[\w-]+\s+)?(?:statement|communique|declaration|letter|note)\s+$",
            self.folded[clause_start:verb_at],
        )
        if their is not None:
            # "Their joint statement praised ...": the states "their" points back to.
            pointed = self.doc.antecedent(
                clause_start + their.start(), ("state", "international_organization", "government_body")
            )
            if pointed is not None:
                return pointed
        office = rx.search(
            r"\bthe\s+(?:[\w-]+\s+){0,2}?[\w-]+\s+(?:\w+ly\s+)?$", self.folded[clause_start:verb_at]
        )
        if office is not None:
            # "The minister said ..." after "Foreign Minister Grace Otieno told reporters": she.
            holder = self.doc.office_holder(office.group().strip(), clause_start + office.start())
            if holder is not None:
                return holder
        near = self.doc.subject_anaphor(clause_start, verb_at)
        group = self.doc.group_before(clause_start, verb_at)
        if near is not None and (not group or near[0] > group[-1].end):
            return near[1]
        return self.doc.anaphor_at(clause_start, verb_at) or self.pick(group)

    def _office_of(self, speaker, clause_start: int):
        """ "The office of Ecuador's President Daniel Noboa defended the raid, saying ...": the
        presidency (a president's office) or the state, not the person."""
        if not isinstance(speaker, Mention) or speaker.kind != "person":
            return speaker
        head = self.folded[clause_start : speaker.start]
        office = rx.search(r"\bthe\s+office\s+of\s+(?:[\w'-]+\s+){0,4}$", head)
        if office is None:
            return speaker
        between = self.doc.mentions_in(clause_start + office.start(), speaker.start)
        named = [m for m in between if m.kind == "state"]
        state = named[-1] if named else self.doc._state_mention(speaker, speaker.end + 1)
        if state is None or state.kind != "state":
            return speaker
        if rx.search(r"\bpresident\s+$", head):
            return self.doc.resolver.body_mention(state, "presidency", speaker.start, speaker.end)
        return state

    def _owner_of_voice(self, start: int, verb_at: int) -> Mention | None:
        """ "Rufus Firefly's office said", "Firefly's government said": the state the person speaks
        for (their office or government is not the person)."""
        for mention in self.doc.mentions_in(start, verb_at):
            if mention.kind != "person" or mention.speaks_for is None:
                continue
            tail = self.folded[mention.end : verb_at]
            if rx.fullmatch(
                r"'s?\s+(?:office|government|administration|cabinet|spokes(?:man|woman|person)|aides?|team)"
                r"(?:\s+\w+ly)?\s*",
                tail,
            ):
                return Mention(
                    mention.start,
                    verb_at,
                    mention.speaks_for,
                    self.doc.resolver.kind_of(mention.speaks_for) or "state",
                    "owner",
                    speaks_for=mention.speaks_for,
                )
        return None

    def _predicate(self, quote, quotes, sentence):
        """'The ministry "deplored" the move', 'it "expresses deep concern"': the quote follows its
        subject directly."""
        start = sentence.start
        for other in quotes:
            if other.end <= quote.start and other.end > start and other.start >= sentence.start:
                start = other.end
        before = self.folded[start : quote.start]
        if not before.strip():
            return None
        end = start + len(before.rstrip())
        nouns = self.rules.state_nouns.pattern
        for mention in reversed(self.doc.mentions_in(start, end)):
            tail = self.folded[mention.end : end]
            # "The French foreign ministry "deplored" ...", "Russia's embassy "regretted" ..."
            if tail and not rx.fullmatch(rf"(?:'s?)?\s+(?:[\w-]+\s+){{0,2}}?(?:{nouns})", tail):
                break
            if mention.kind in SPEAKING_KINDS and not self.doc.is_object(mention, start):
                return mention, "subject", end
            break
        near = self.doc.subject_anaphor(start, end)
        if near is not None and near[0] + len(self.folded[near[0] : end].rstrip()) == end:
            return near[1], "subject", end
        return None

    def _same_sentence(self, quote, sentence, by_sentence):
        earlier = by_sentence.get(sentence.index)
        if earlier is not None and earlier.quote.end <= quote.start:
            return (earlier.speaker or earlier.speaker_ref), "continued", earlier.verb_at
        return None

    def _previous(self, quote, quotes, sentence, results):
        """A quote opening its sentence with no attribution of its own."""
        opening = self.folded[sentence.start : quote.start].strip()
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
        prev_text = self.folded[prev.start : prev.end]
        if prev_text.rstrip().endswith(":") or self.verb.search(prev_text):
            speaker = self.np_speaker(prev.start, prev.end)
            if speaker is not None:
                return speaker, "previous", prev.start
        if prev.paragraph == sentence.paragraph:
            # "Foreign Minister Ana Ruiz was blunt. "This is a violation."": a quote with no
            # attribution after a sentence about a person speaks in that person's voice.
            subject = self.doc.subject_of(prev)
            if subject is not None and subject.kind == "person":
                return subject, "previous", prev.start
        return None

    def _subject(self, quote, quotes, sentence):
        """The subject of the quote's sentence: the first actor named before the quote, when a verb
        of speech or a reaction follows it ("Chile cut ties, calling the raid "reprehensible")."""
        before = self.folded[sentence.start : quote.start]
        if not before.strip() or not self.verb.search(before):
            return None
        subject = self.np_speaker(sentence.start, quote.start)
        if subject is None:
            return None
        return subject, "subject", sentence.start

    # -- whom they speak for ---------------------------------------------------------------------
    def _on_behalf_of(self, attributed: Attributed, result) -> ActorRef | None:
        speaker = attributed.speaker
        if speaker is None:
            return None
        if speaker.kind in ("state", "international_organization"):
            # A state acting as an organization's chair speaks for the organization (document.py).
            return speaker.speaks_for or speaker.ref
        if speaker.former:
            return None
        return speaker.speaks_for
