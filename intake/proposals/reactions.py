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

import dataclasses
import datetime
import re
from dataclasses import dataclass

from . import rx
from .dates import FOUNDED, MONTHS, THING_YEAR, find_dates, nearest, of_another_moment
from .document import _AUX_TAIL, Document
from .rules import ReactionPattern
from .text import Sentence, trim
from .types import REACTING_KINDS as REACTING
from .types import ActorRef, ProposedDate

_APPOSED_ACT = re.compile(
    r",\s+(?:a|an|the)\s+(?:[\w-]+\s+)?(?:move|step|decision|measure|act|ban|action)\s+(?:that\s+|which\s+)?"
)
_PASSIVE_AGENT = re.compile(r"^[\s,]+(?:\w+\s+){0,2}?by\b")
_WITH_CLAUSE = re.compile(r"[\s,]*with\s+")
# Asking someone to undo the act: "called on Freedonia to release the crew" (aimed at whoever is
# named), "called for the immediate release of the passengers" (aimed at whoever holds them).
_DEMAND_OF = re.compile(
    r"\bto\s+(?:\w+ly\s+)?(?:release|free|withdraw|pull\s+back|stop|halt|end|cease|respect|return(?!\s+to\b)|"
    r"reverse|lift|apologi[sz]e|compensate|hand\s+over|leave|reopen|reconsider|rescind|revoke|restore|reinstate)\b"
)
_DEMAND_FOR = re.compile(
    r"\b(?:called\s+for|calls\s+for|calling\s+for|demanded|demands|demanding|urged|urges)\s+\"?\s*(?:the\s+|an?\s+)?"
    r"(?:[\w-]+\s+(?:and\s+)?){0,3}?(?<!\bto\s)(?<!\bto\s\s)(?:release|withdrawal|return|end|halt|reversal)\b"
)
_YEAR = re.compile(
    r"(?:\b(?P<month>january|february|march|april|may|june|july|august|september|october|november"
    r"|december)\s+(?:of\s+)?)?\b(?P<year>(?:18|19|20)\d\d)\b(?!\s*(?:km|kilomet|people|troops|tonnes))"
)
_COMPARED = re.compile(
    r"(?:\b(?:first|worst|biggest|largest|highest|lowest|sharpest|deepest|most|least|last|only)\b[^.;]{0,60}"
    r"\bsince|\bthan(?:\s+in)?|\bcompared\s+(?:with|to)(?:\s+in)?)\s+(?:\w+\s+)?$"
)
_SILENT = re.compile(
    r"\b(?:(?:has|have|had|did|does|do)\s+not\s+(?:yet\s+)?(?:commented|comment|said|responded|respond|reacted)|"
    r"declined\s+to\s+comment|said\s+nothing|no\s+comment|not\s+(?:commented|responded)|yet\s+to\s+(?:comment|respond))\b"
)
_WEEKDAY = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")
_RECENT = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|this\s+week|"
    r"last\s+week|this\s+month)\b"
)
# Words that put what follows them in the future: a date after them is not when the reaction was.
_FUTURE = re.compile(
    r"\b(?:will|would|shall|is\s+to|are\s+to|was\s+to|were\s+to|scheduled|due\s+to|set\s+to|next)\b"
)
# "... summoned Freedonia's ambassador and lodged a protest": the second verb shares the first's subject.
_COORDINATED_VERB = re.compile(r"[a-z]\s+and\s+(?:\w+ly\s+|also\s+|then\s+|later\s+)?$")
_PARTICIPLE = re.compile(r",\s+(?:\w+ly\s+)?[a-z]+ing\b[^,]*$")
_ASKED_TO = re.compile(
    r"\b(?:asked|asks|asking|urged|urges|urging|called\s+on|calls\s+on|calling\s+on|requested|requests|"
    r"requesting|invited|invites|inviting|pressed|presses|pressing|encouraged|encourages|encouraging)\s+"
    r"(?:the\s+)?$"
)
_SPEECH = re.compile(
    r"\b(?:said|says|say|stated|announced|noted|told|insists|insist|contends|claims|maintains)\b"
)
# What was said has begun: a verb of its own or "that" stands between the verb of saying and a date.
_REPORTED = re.compile(
    r"\b(?:that|[a-z]{3,}ed|was|were|had|has|have|is|are|took|came|went|fell|began|left|made|held|met|"
    r"struck|shot|sent|hit|ran|will|would)\b"
)
# "which led Mexico to cut off relations": the one led acts.
_CAUSED = re.compile(
    r"\b(?:led|leads|prompted|prompts|forced|forces|pushed|pushes|drove|drives|caused|causes|compelled|"
    r"moved|spurred)\s+(?:the\s+)?$"
)
_MODAL_BEFORE = re.compile(r"\b(?:would|will|could|might|may|shall|should|to|'d|'ll)\s+(?:\w+\s+){0,2}$")
# "... filed a complaint to denounce ...": a verb in a purpose clause is part of the action before it.
_PURPOSE = re.compile(r"\b(?:in\s+order\s+)?to\s+(?:\w+ly\s+)?$")


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
    with_other_kinds: bool = False
    last_resort: bool = False
    precaution: bool = False  # "as a precaution": neutral, whatever the actor's other steps say
    # States the reaction is aimed at ("recalled its ambassador to Peru", "summoned Russia's envoy"):
    # for guessing who started the crisis (crisis.py).
    targets: tuple[ActorRef, ...] = ()
    aimed_at_initiator_kind: str | None = None
    # The first state named after the verb, quotes included ("solidarity with Freedonia").
    named_after: ActorRef | None = None
    # Asks someone to undo or stop something: "of" ("called on Freedonia to release the crew"),
    # "for" ("called for the release of the crew"), or "".
    demand: str = ""


class ReactionFinder:
    def __init__(self, doc: Document):
        self.doc = doc
        # Patterns read the text with its quotation marks blanked (document.py `plain`).
        self.text, self.folded = doc.text, doc.plain
        self.rules = doc.rules
        self.resolver = doc.resolver
        self.published = doc.published
        self._agent_after = False

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
        reference = self._reference_date()
        # An undated article that tells its news by weekday ("on Friday") tells older events by year:
        # a sentence dated only by a year or a month is background ("In February 2023, Moldova closed
        # its airspace").
        by_weekday = reference is None and any(
            not self.doc.in_quote(m.start()) for m in _WEEKDAY.finditer(self.folded)
        )
        for sentence in self.doc.sentences:
            if reference is not None and self._background(sentence, reference):
                continue
            if by_weekday and self._background(sentence, None):
                continue
            found.extend(self.in_sentence(sentence))
            found.extend(self._echoes(sentence, found))
        return found

    def _echoes(self, sentence: Sentence, found: list[FoundReaction]) -> list[FoundReaction]:
        """ "Peru condemned the raid. So did Bolivia.": the echoing actors get the reactions of the
        last actor named before (rules.yaml `echoes`)."""
        s_start, s_end = sentence.start, sentence.end
        folded = self.folded[s_start:s_end]
        index = next(i for i, s in enumerate(self.doc.sentences) if s is sentence)
        floor = self.doc.sentences[index - 1].start if index else s_start
        echoed: list[FoundReaction] = []
        for cue in self.rules.echoes:
            for match in cue.regex.finditer(folded):
                t_start = s_start + match.start()
                if self.doc.in_quote(t_start):
                    continue
                # "So did Bolivia." opening a sentence echoes the sentence before; "..., as did Peru"
                # echoes its own sentence.
                lowest = floor if not folded[: match.start()].strip() else s_start
                before = [r for r in found if lowest <= r.trigger[0] < t_start and not r.last_resort]
                if not before:
                    continue
                last = max(before, key=lambda r: r.trigger[0]).actor
                copied = [r for r in before if r.actor == last]
                clause = self.folded[s_start + match.start("agent") : s_start + match.end()]
                if any(n.regex.search(clause) for n in self.rules.negations):
                    continue  # "Bolivia did not follow suit"
                agents = [
                    a
                    for a in self._named(s_start + match.start("agent"), s_start + match.end("agent"))
                    if a != last and a not in {r.actor for r in copied}
                ]
                # Their own date only: "Bolivia followed suit on Tuesday".
                at = s_start + match.start()
                dates = self._dates(at, s_end, at, s_start + match.end())
                for actor in agents:
                    for r in copied:
                        echoed.append(
                            dataclasses.replace(
                                r,
                                actor=actor,
                                excerpt=trim(self.text, s_start, s_end),
                                date=nearest(dates, t_start),
                                rule=f"echo:{r.rule}",
                                trigger=(s_start + match.start("agent"), s_start + match.end("agent")),
                                targets=(),
                            )
                        )
        return echoed

    def _reference_date(self) -> datetime.date | None:
        """When the article is from: its publication date, else the latest full date it gives."""
        if self.published is not None:
            return self.published
        dated = [
            d.date.value
            for d in find_dates(self.text, self.folded, 0, len(self.text), None)
            if d.date.precision == "day"
        ]
        return max(dated) if dated else None

    def _background(self, sentence: Sentence, reference: datetime.date | None) -> bool:
        """A sentence about an earlier crisis: it names a year (or month and year) more than six
        months before the article, outside asides and quotes, and nothing recent ("The dispute
        echoes a row in November 2013, when Sylvania recalled its ambassador")."""
        window = self.doc.without_asides(sentence.start, sentence.end)
        old = False
        for m in _YEAR.finditer(window):
            if self.doc.in_quote(sentence.start + m.start("year")):
                continue
            if _COMPARED.search(window[: m.start()]):
                continue  # "the worst row since 2019", "more than in 2020": a yardstick
            if FOUNDED.search(window[: m.start()]) or THING_YEAR.match(window, m.end()):
                continue  # "the commission they set up in 1984", "a 1992 treaty": a thing's date
            year = int(m.group("year"))
            month = MONTHS.get(m.group("month") or "", 1)
            try:
                when = datetime.date(year, month, 1)
            except ValueError:
                continue
            if reference is None or (reference - when).days > 183:
                old = True
            else:
                return False
        if not old:
            return False
        recent = find_dates(self.text, self.folded, sentence.start, sentence.end, self.published)
        if any(
            d.date.precision == "day" and (reference is None or abs((reference - d.date.value).days) <= 183)
            for d in recent
        ):
            return False
        return not _RECENT.search(window)

    def in_sentence(self, sentence: Sentence) -> list[FoundReaction]:
        s_start, s_end = sentence.start, sentence.end
        folded = self.folded[s_start:s_end]
        breaks = [s_start + m.start() for m in self.rules.clause_breaks.finditer(folded)] + [
            s_start + m.end() for m in self.rules.clause_breaks.finditer(folded)
        ]
        mentions = self.doc.mentions_in(s_start, s_end)
        and_breaks: dict[int, int] = {}  # ", and" + a verb: the end of ", and" -> its start
        for m in rx.finditer(r",\s+and\s+", folded):
            # ", and Sylvania later referred ...": a new clause, unless a list of names goes on
            # ("Chile, Peru, and Bolivia": a name, a comma and a name before, a name right after;
            # not "solidarity with Poland, and Lithuania's minister called ...").
            if not self._list_goes_on(mentions, s_start + m.start(), s_start + m.end()):
                breaks += [s_start + m.start(), s_start + m.end()]
                and_breaks[s_start + m.end()] = s_start + m.start()
        results: list[FoundReaction] = []
        triggers: list[tuple[int, int]] = []
        for pattern in self.rules.reactions:
            if pattern.after is not None and not pattern.after.search(self._with_two_before(sentence)):
                continue
            for match in pattern.regex.finditer(folded):
                t_start, t_end = s_start + match.start(), s_start + match.end()
                named_agent = "agent" in pattern.regex.groupindex and match.group("agent") is not None
                if self.doc.in_quote(t_start) and not self.doc.reported_in_quote(t_start):
                    continue
                if not named_agent and any(a < t_end and t_start < b for a, b in triggers):
                    continue
                clause_start = max([b for b in breaks if b <= t_start] + [s_start])
                clause_end = min([b for b in breaks if b >= t_end] + [s_end])
                if self._blocked(clause_start, t_start, t_end, clause_end, pattern.conditional_ok):
                    continue
                if pattern.last_resort and (
                    any(cue.regex.search(self.folded[t_end:clause_end]) for cue in self.rules.hypotheticals)
                    or not self._subject_right_before(clause_start, t_start)
                    or self._silent_before(sentence)
                ):
                    # "X said it would condemn the raid if ...": a hypothetical, no position yet;
                    # "... included Chile and Peru, diplomats said": the diplomats' words.
                    continue
                if named_agent:
                    actors = self._named(s_start + match.start("agent"), s_start + match.end("agent"))
                else:
                    actors = self._actors(pattern, sentence, clause_start, t_start, t_end, clause_end)
                # The actors named after the verb ("condemnation from Chile") are no targets.
                aimed = not named_agent and not self._agent_after and not pattern.no_target
                if _PURPOSE.search(self.folded[clause_start:t_start]):
                    earlier = {r.actor for r in results if r.trigger[1] <= t_start}
                    actors = [a for a in actors if a not in earlier]
                if not actors:
                    continue
                targets = [t for t in self._targets(t_start, t_end, clause_end) if aimed]
                if pattern.needs_target and not targets:
                    continue
                triggers.append((t_start, t_end))
                # The date must stand in the verb's clause: "condemned on Tuesday, and it drew
                # criticism a day later" gives the criticism no date.
                # (Not for an actor named after the verb: "met on Friday at Chile's request" does not
                # date Chile's request.)
                agent_first = named_agent and (
                    match.start("agent") == match.start() or pattern.dated_by_clause
                )
                dates = (
                    self._dates(clause_start, clause_end, t_start, t_end)
                    if not named_agent or agent_first
                    else []
                )
                if (
                    not dates
                    and not named_agent
                    and clause_start in and_breaks
                    and not _AUX_TAIL.sub("", self.folded[clause_start:t_start]).strip()
                ):
                    # "Lithuania said on Tuesday that ..., and summoned the envoy": a verb with no
                    # subject and no date of its own shares the clause before's.
                    first = max([b for b in breaks if b < and_breaks[clause_start]] + [s_start])
                    dates = self._dates(first, clause_end, t_start, t_end)
                stance = (
                    pattern.stance
                    if pattern.stance != "cues"
                    else self.stance_from_cues(clause_start, clause_end)
                )
                precaution = pattern.kind == "other" and any(
                    cue.regex.search(self.folded[s_start:s_end]) for cue in self.rules.precautions
                )
                if precaution:
                    stance = "neutral"  # "closed its border with Chad 'as a precaution'"
                after_verb = self.folded[t_start:clause_end]
                demand = (
                    "for" if _DEMAND_FOR.search(after_verb) else "of" if _DEMAND_OF.search(after_verb) else ""
                )
                kind, code = pattern.kind, pattern.cameo_code
                if pattern.last_resort:
                    # "Chile said the raid was a violation of international law": words that denounce
                    # the act, as in an official's quote (rules.yaml statement_reactions).
                    for cue in self.rules.statement_reactions:
                        if cue.regex.search(self.folded[t_end:clause_end]) and not self.negated_in_quote(
                            t_end, clause_end, cue.regex
                        ):
                            kind, stance, code = cue.kind, cue.stance, cue.cameo_code
                            break
                for actor in actors:
                    results.append(
                        FoundReaction(
                            actor=actor,
                            kind=kind,
                            stance=stance,
                            cameo_code=code,
                            excerpt=trim(self.text, s_start, s_end),
                            date=nearest(dates, t_start),
                            certainty=self.certainty(s_start, s_end),
                            rule=f"pattern:{pattern.name}",
                            trigger=(t_start, t_end),
                            only_if_alone=pattern.only_if_alone,
                            with_other_kinds=pattern.with_other_kinds,
                            last_resort=pattern.last_resort,
                            precaution=precaution,
                            aimed_at_initiator_kind=pattern.aimed_at_initiator_kind,
                            named_after=self._first_state(t_start, clause_end),
                            demand=demand,
                            targets=tuple(t for t in targets if t != actor),
                        )
                    )
        return _one_per_actor_and_kind(results)

    def _list_goes_on(self, mentions, comma: int, after: int) -> bool:
        last = next((i for i, m in enumerate(mentions) if m.end == comma), None)
        if last is None:
            return False
        if self.doc.in_aside(mentions[last].start):
            return True  # "Peru, which has no embassy in Freedonia, and Chile condemned ..."
        if last == 0:
            return False
        listed = rx.fullmatch(r"\s*,\s*", self.folded[mentions[last - 1].end : mentions[last].start])
        follows = any(after <= m.start <= after + 4 for m in mentions[last + 1 :])
        return bool(listed and follows)

    def _with_two_before(self, sentence: Sentence) -> str:
        """The folded text of the sentence and the two before it."""
        sentences = self.doc.sentences
        index = next(i for i, s in enumerate(sentences) if s is sentence)
        return self.folded[sentences[max(index - 2, 0)].start : sentence.end]

    def _dates(self, clause_start: int, clause_end: int, t_start: int, t_end: int):
        """Dates of the verb's clause, without those of an aside ("Berlin, as in 2020, offered ...")
        and those of a future event the verb announces ("said on Monday that the council would meet
        on Friday": Monday)."""
        found = []
        speech = _SPEECH.search(self.folded, t_start, t_end)
        # "Tanzania banned imports on Monday, a move Nairobi called ...": the verb stands in an
        # apposition; a date before it is the act's.
        apposed = [m.end() for m in _APPOSED_ACT.finditer(self.folded, clause_start, t_start)]
        if apposed:
            clause_start = apposed[-1]
        for date in find_dates(self.text, self.folded, clause_start, clause_end, self.published):
            if self.doc.in_aside(date.start, keep=t_start):
                continue
            if (
                speech
                and date.start > speech.end()
                and _REPORTED.search(self.folded, speech.end(), date.start)
            ):
                continue  # "Sylvania says a drone crashed on Wednesday": the crash's date, not the words
            if date.start > t_start and _FUTURE.search(self.folded[clause_start : date.start]):
                continue
            if of_another_moment(self.folded, date, t_start, t_end, clause_start):
                continue  # "recalled its envoy on Friday after ...", "will meet on Monday, ... said"
            if (
                date.end <= t_start
                and _SPEECH.search(self.folded, clause_start, t_start)
                and rx.search(r"\bhad\s+(?:\w+ly\s+|already\s+|also\s+)?$", self.folded[clause_start:t_start])
            ):
                continue  # "told a briefing on Tuesday that India had lodged a protest": the briefing's day
            found.append(date)
        return found

    def _silent_before(self, sentence: Sentence) -> bool:
        """The sentence before, in the same paragraph, says someone has not commented: what follows
        ("A spokesperson said the secretary-general was travelling") explains the silence."""
        if sentence.index == 0:
            return False
        previous = self.doc.sentences[sentence.index - 1]
        return previous.paragraph == sentence.paragraph and bool(
            _SILENT.search(self.folded, previous.start, previous.end)
        )

    def _subject_right_before(self, clause_start: int, t_start: int) -> bool:
        """An actor's name, a pronoun or "and" (a second verb of the same subject) stands right before
        the verb, auxiliaries, adverbs and asides aside."""
        before = _AUX_TAIL.sub("", self.doc.without_asides(clause_start, t_start, keep=t_start)).rstrip(" ,")
        if rx.search(r"(?:^|\b)(?:it|they|and|also)$", before) or not before:
            return True
        owner = rx.search(
            rf"(?:'s?\s+|\s+)(?:[\w-]+\s+){{0,2}}?(?:{self.rules.state_nouns.pattern})$", before
        )
        ends = {clause_start + len(before)}
        if owner:
            ends.add(
                clause_start + owner.start()
            )  # "Chile's foreign minister said", "the Chilean government said"
        if any(m.end in ends for m in self.doc.mentions_in(clause_start, t_start)):
            return True
        return self.doc.subject_anaphor(clause_start, t_start) is not None

    def _first_state(self, start: int, end: int) -> ActorRef | None:
        for mention in self.doc.mentions:
            if start <= mention.start < end and mention.kind == "state":
                return mention.ref
        return None

    def _named(self, start: int, end: int) -> list[ActorRef]:
        """The states and organizations named in [start, end) (a pattern's `agent` group)."""
        refs: list[ActorRef] = []
        for mention in self.doc.mentions_in(start, end):
            ref = mention.speaks_for
            if ref is not None and self.resolver.kind_of(ref) in REACTING and ref not in refs:
                refs.append(ref)
        return refs

    def _targets(self, start: int, verb_end: int, end: int) -> list[ActorRef]:
        """States the reaction is aimed at, named after the verb outside quotes: the object of the verb
        ("condemned Freedonia"), after "to/from/with/against/on" ("its ambassador to Peru", "calling
        on Russia"), or as the owner of an envoy or an act ("Russia's ambassador", "the Turkish move").
        Not the victim's things ("a violation of Kuwait's sovereignty")."""
        found: list[ActorRef] = []
        named = [m for m in self.doc.mentions_in(start, end) if m.kind == "state"]
        named += [
            m
            for m, _noun in self.resolver.modifiers
            if start <= m.start < end and not self.doc.in_quote(m.start)
        ]
        aimed = self.rules.aimed_at_nouns.pattern
        for mention in sorted(named, key=lambda m: m.start):
            before = self.folded[max(start, mention.start - 20) : mention.start]
            after = self.folded[mention.end : mention.end + 40]
            if rx.search(r"\b(?:stand|stands|stood|standing|solidarity)\s+(?:firmly\s+)?with\s+$", before):
                continue  # "stood with Kuwait": the side taken, not the one blamed
            if not (
                rx.search(
                    r"\b(?:to|from|with|against|called\s+on|calling\s+on|calls\s+on)\s+(?:the\s+)?$", before
                )
                or rx.match(rf"(?:'s?)?\s+(?:[\w-]+\s+)?(?:{aimed})\b", after)
                or rx.fullmatch(r"\s*(?:the\s+)?", self.folded[verb_end : mention.start])
            ):
                continue
            if mention.ref not in found:
                found.append(mention.ref)
        return found

    def _blocked(self, clause_start, t_start, t_end, clause_end, conditional_ok=False) -> bool:
        before = self.doc.without_asides(clause_start, t_start, keep=t_start)
        if any(n.regex.search(before) for n in self.rules.negations):
            return True
        # A condition after the verb ("would sever ties if ...") makes it hypothetical only when the
        # verb is not a fact already: after a modal or "to" ("published coordinates that, if
        # accurate, ..." leaves "condemned" a fact).
        open_verb = bool(_MODAL_BEFORE.search(before))
        for cue in self.rules.hypotheticals:
            if cue.scope == "after" and (conditional_ok or not open_verb):
                continue
            window = (
                before + self.folded[t_start:t_end]
                if cue.scope == "before"
                else self.folded[t_end:clause_end]
            )
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
            if passive and rx.search(
                r"\b(?:was|were|been|being|is|are)\s+(?:\w+\s+)?$", self.folded[clause_start:t_start]
            ):
                agent_start = t_end + passive.end()
        self._agent_after = agent_start is not None
        if agent_start is not None:
            group = self.doc.group_after(agent_start, clause_end)
        else:
            absolute = _WITH_CLAUSE.match(self.folded, clause_start, t_start)
            if absolute:
                # "..., with its foreign ministry calling it unacceptable": the subject follows "with".
                clause_start = clause_start + absolute.end()
            subject_first = bool(
                _PARTICIPLE.search(self.folded[clause_start:t_end])
                or _COORDINATED_VERB.search(self.folded[clause_start:t_start])
            )
            if subject_first:
                # "Sylvania expelled two Freedonian diplomats, accusing them of spying": the
                # participle's subject is the clause's, not the object named before the comma.
                subject = self.doc.clause_subject(clause_start, t_start)
                group = [subject] if subject is not None else []
                # "Sweden, Denmark and Norway voiced concern and offered help": the whole list.
                whole = self.doc.subject_group(clause_start, t_start) if subject is not None else []
                if whole and whole[0] is subject:
                    group = whole
            else:
                group = self.doc.group_before(clause_start, t_start)
            asking = (
                _ASKED_TO.search(self.folded[clause_start : group[0].start])
                if group and rx.fullmatch(r"\s+to\s+", self.folded[group[-1].end : t_start])
                else None
            )
            if asking:
                # "asked the OIC to convene a meeting": the OIC is asked; the one asking acts.
                return self._actors(
                    pattern, sentence, clause_start, clause_start + asking.start(), t_end, clause_end
                )
            if (
                not subject_first
                and group
                and _PURPOSE.search(self.folded[clause_start:t_start])
                and not _CAUSED.search(self.folded[clause_start : group[0].start])
            ):
                # "Chile's president phoned his Freedonian counterpart to demand ...": the verb of
                # a purpose clause has the clause's subject, not the object before "to".
                subject = self.doc.clause_subject(clause_start, t_start)
                group = [subject] if subject is not None else group
                subject_first = True
            near = self.doc.subject_anaphor(clause_start, t_start) if not subject_first else None
            if near is not None and (not self._refs(group) or near[0] > group[-1].end):
                group = [near[1]]  # "Senegal went further. On Monday it recalled ..."
            if not self._refs(group):
                # "It recalled ...", "His ministry said ... asking the council to convene ...": a
                # pronoun or a possessive subject opening the clause.
                pointed = self.doc.anaphor_at(clause_start, t_start) or self.doc.clause_subject(
                    clause_start, t_start, pronouns_only=True
                )
                group = [pointed] if pointed is not None else []
            if (
                not self._refs(group)
                and not _AUX_TAIL.sub("", self.folded[clause_start:t_start]).strip()
                and rx.search(r",\s+and\s+$", self.folded[sentence.start : clause_start])
            ):
                # "Manila accused Beijing of ramming the boat, injuring three sailors, and summoned
                # the ambassador": a verb after ", and" with no subject of its own has the sentence's.
                subject = self.doc.clause_subject(sentence.start, clause_start)
                group = [subject] if subject is not None else []
        return self._refs(group)

    def _refs(self, group) -> list[ActorRef]:
        refs: list[ActorRef] = []
        for mention in group:
            ref = mention.speaks_for
            if ref is None or self.resolver.kind_of(ref) not in REACTING:
                continue
            if ref not in refs:
                refs.append(ref)
        return refs

    def negated_in_quote(self, start: int, end: int, regex) -> bool:
        """Every match of `regex` in the quote stands after a negation in its clause ("this was not
        a violation")."""
        window = self.folded[start:end]
        matches = list(regex.finditer(window))
        for match in matches:
            clause_start = max(
                [m.end() for m in self.rules.clause_breaks.finditer(window) if m.end() <= match.start()]
                + [max(window.rfind(".", 0, match.start()) + 1, 0)]
            )
            before = window[clause_start : match.start()]
            if not any(n.regex.search(before) for n in self.rules.negations):
                return False
        return bool(matches)

    def in_quote_text(self, actor: ActorRef, start: int, end: int) -> FoundReaction | None:
        """The first reaction pattern that matches an official's own words (a quote), for the state
        or organization they speak for; None when none matches or a negation/hypothetical blocks it."""
        window = self.folded[start:end]
        for pattern in self.rules.reactions:
            if pattern.only_if_alone:
                continue
            match = pattern.regex.search(window)
            if match is None:
                continue
            t_start, t_end = start + match.start(), start + match.end()
            clause_start = max(
                [
                    start + m.end()
                    for m in self.rules.clause_breaks.finditer(window)
                    if start + m.end() <= t_start
                ]
                + [start]
            )
            if self._blocked(clause_start, t_start, t_end, end):
                continue
            stance = pattern.stance if pattern.stance != "cues" else self.stance_from_cues(start, end)
            return FoundReaction(
                actor=actor,
                kind=pattern.kind,
                stance=stance,
                cameo_code=pattern.cameo_code,
                excerpt=(start, end),
                date=ProposedDate.unknown(),
                certainty="reported",
                rule=f"quote:{pattern.name}",
                trigger=(t_start, t_end),
                # "said it "fully supports Sudan's right ..."": the side the words back.
                named_after=self._first_state(t_end, end),
            )
        return None


def _one_per_actor_and_kind(results: list[FoundReaction]) -> list[FoundReaction]:
    others = {r.actor.key for r in results if not r.last_resort}
    results = [r for r in results if not r.last_resort or r.actor.key not in others]
    kept: list[FoundReaction] = []
    seen: set[tuple[str, str]] = set()
    # Two patterns of one kind for one actor: the one whose verb comes first speaks for the sentence.
    for result in sorted(results, key=lambda r: r.trigger[0]):
        key = (result.actor.key, result.kind)
        if key not in seen:
            seen.add(key)
            kept.append(result)
    # "summoned the ambassador and lodged a protest": the protest is delivered at the summons, one
    # step (`other`), not a condemnation of its own.
    summoned = {r.actor.key for r in kept if r.kind == "other" and r.cameo_code == "114"}
    kept = [
        r
        for r in kept
        if not (r.kind == "condemnation" and r.cameo_code == "114" and r.actor.key in summoned)
    ]
    by_actor: dict[str, int] = {}
    for result in kept:
        if not result.only_if_alone:
            by_actor[result.actor.key] = by_actor.get(result.actor.key, 0) + 1
    return [r for r in kept if not r.only_if_alone or not by_actor.get(r.actor.key)]
