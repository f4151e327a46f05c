"""`propose()`: an article's text in, cited draft proposals out."""

from __future__ import annotations

import datetime
import functools

from . import rx
from .countries import CountryLexicon
from .crisis import FIRM_KINDS, initiator, settle_stances
from .dates import find_dates, nearest, of_another_moment
from .directory import ActorDirectory
from .document import Document
from .mentions import Resolver
from .organizations import OrganizationLexicon
from .reactions import _REPORTED, _SPEECH, FoundReaction, ReactionFinder
from .rules import Rules
from .statements import Attribution
from .text import fold, quotations, sentences, span
from .types import (
    REACTING_KINDS,
    ActorRef,
    Proposals,
    ProposedDate,
    ReactionProposal,
    StatementProposal,
)


@functools.lru_cache(maxsize=1)
def default_rules() -> Rules:
    return Rules.load()


_LEXICONS: dict[int, tuple[Rules, CountryLexicon, OrganizationLexicon]] = {}


def _lexicons(rules: Rules) -> tuple[CountryLexicon, OrganizationLexicon]:
    # Building the name regexes takes a few milliseconds; keep one set per rules object (the rules
    # object is kept alongside so its id cannot be reused by another one).
    key = id(rules)
    if key not in _LEXICONS or _LEXICONS[key][0] is not rules:
        if len(_LEXICONS) > 8:
            _LEXICONS.clear()
        countries = CountryLexicon(
            rules.country_aliases,
            rules.not_countries,
            capital_aliases=rules.capital_aliases,
            not_capitals=rules.not_capitals,
            not_states=rules.not_states,
            ambiguous=rules.ambiguous_country_names,
        )
        _LEXICONS[key] = (rules, countries, OrganizationLexicon(rules.organizations))
    return _LEXICONS[key][1], _LEXICONS[key][2]


def _lexicon(rules: Rules) -> CountryLexicon:
    return _lexicons(rules)[0]


def _organizations(rules: Rules) -> OrganizationLexicon:
    return _lexicons(rules)[1]


def propose(
    text: str, *, published: datetime.date | None, directory: ActorDirectory, rules: Rules | None = None
) -> Proposals:
    """Read one article and propose statements, reactions and new actors, each citing its words.

    - `text`: the article as the curator gave it (plain text; paragraphs separated by blank lines).
      Every offset in the result points into this exact string.
    - `published`: the publication date, or None when unknown. Weekdays and "today" are resolved
      against it; without it they give no date.
    - `directory`: the actors already in the database (`ActorDirectory`).
    - `rules`: the patterns; default: intake/rules.yaml.
    """
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    rules = rules or default_rules()
    folded = fold(text)
    countries, organizations = _lexicons(rules)
    resolver = Resolver(directory=directory, lexicon=countries, rules=rules, organizations=organizations)
    sents = sentences(text)
    mentions = resolver.find(text, folded)
    quotes = quotations(text)
    proposals = Proposals(text=text, published=published)

    doc = Document(text, folded, sents, mentions, quotes, resolver, rules, published)

    # Statements.
    attribution = Attribution(doc)
    attributed = attribution.attribute(quotes)
    for item in attributed:
        ex_start, ex_end = item.excerpt
        dates = _statement_dates(doc, item, published)
        certainty = (
            "alleged" if any(h.regex.search(folded[ex_start:ex_end]) for h in rules.hedges) else "reported"
        )
        proposals.statements.append(
            StatementProposal(
                speaker=resolver.use(item.speaker_ref),
                quote=span(text, item.quote.inner_start, item.quote.inner_end),
                excerpt=span(text, ex_start, ex_end),
                on_behalf_of=resolver.use(item.on_behalf_of),
                date=nearest(dates, item.verb_at),
                certainty=certainty,
                attribution=item.how,
            )
        )

    # Reactions from the patterns, then from officials' quotes.
    finder = ReactionFinder(doc)
    found = finder.find()
    found.extend(
        _reactions_from_statements(
            attributed, found, proposals, text, folded, rules, finder, resolver, published
        )
    )
    started_by = initiator(found, doc.opening_agents())
    # The sentence telling the act itself ("Serbian police detained three officers, accusing them of
    # ...") is no reaction of the state that acted.
    found = [
        r
        for r in found
        if r.actor != started_by or (r.actor, doc.sentence_at(r.excerpt[0]).start) not in doc.act_sentences
    ]
    settle_stances(found, started_by, resolver.kind_of)
    proposals.reactions = _merge(_drop_secondary(found, started_by), text, resolver, doc)

    proposals.new_actors = [actor for key, actor in resolver.new.items() if key in resolver.used]
    for actor in proposals.new_actors:
        actor.mentions = [span(text, m.start, m.end) for m in mentions if m.ref.new == actor.key]
    return proposals


def _statement_dates(doc: Document, item, published) -> list:
    """The dates of a statement's excerpt that date its verb of saying: none inside a quotation, nor
    one of another moment ("Mexico on Monday ordered the envoy out after he described migrants as
    "..."": Monday is the expulsion's), nor one inside what was said ("said the drone crashed on
    Wednesday")."""
    ex_start, ex_end = item.excerpt
    verb = rx.match(r"[\w']+", doc.folded[item.verb_at :])
    verb_end = item.verb_at + (verb.end() if verb else 0)
    sentence = doc.sentence_at(item.verb_at)
    speech = _SPEECH.match(doc.folded, item.verb_at)
    kept = []
    for date in find_dates(doc.text, doc.folded, ex_start, ex_end, published):
        if doc.in_quote(date.start):
            continue
        if of_another_moment(doc.folded, date, item.verb_at, verb_end, sentence.start):
            continue
        if speech and date.start > verb_end and _REPORTED.search(doc.folded, verb_end, date.start):
            continue
        kept.append(date)
    return kept


def _reactions_from_statements(
    attributed, found, proposals, text, folded, rules, finder, resolver, published
) -> list[FoundReaction]:
    """An official's words are a reaction of the state or organization they speak for: what their
    own words say they do ("we are recalling our ambassador"), else a condemnation or a statement."""
    extra: list[FoundReaction] = []
    for item, statement in zip(attributed, proposals.statements, strict=True):
        actor = item.on_behalf_of
        if actor is None or resolver.kind_of(actor) not in REACTING_KINDS:
            continue
        ex_start, ex_end = item.excerpt

        def overlapping(kind=None, actor=actor, ex_start=ex_start, ex_end=ex_end, firm=False):
            return any(
                r.actor == actor
                and r.excerpt[0] < ex_end
                and ex_start < r.excerpt[1]
                and (kind is None or r.kind == kind)
                and (not firm or r.kind in FIRM_KINDS)
                for r in [*found, *extra]
            )

        own_words = finder.in_quote_text(actor, item.quote.inner_start, item.quote.inner_end)
        if own_words is not None:
            if not overlapping(own_words.kind):
                own_words.excerpt, own_words.date = (ex_start, ex_end), statement.date
                own_words.certainty = statement.certainty
                extra.append(own_words)
            continue
        if overlapping(firm=True) or (overlapping() and not finder_cue(rules, folded, item, finder)):
            # The sentence already gave this actor a reaction: the words explain a firm step ("cut
            # ties, calling the raid 'reprehensible'"); a denunciation beside a softer one (a call for
            # a meeting) is a condemnation of its own.
            continue
        quote_text = folded[item.quote.inner_start : item.quote.inner_end]
        kind, stance, code, rule = "statement", None, "010", "statement"
        for cue in rules.statement_reactions:
            if cue.regex.search(quote_text) and not finder.negated_in_quote(
                item.quote.inner_start, item.quote.inner_end, cue.regex
            ):
                kind, stance, code, rule = cue.kind, cue.stance, cue.cameo_code, f"statement:{cue.kind}"
                break
        if stance is None:
            stance = finder.stance_from_cues(item.quote.inner_start, item.quote.inner_end)
        extra.append(
            FoundReaction(
                actor=actor,
                kind=kind,
                stance=stance,
                cameo_code=code,
                excerpt=(ex_start, ex_end),
                date=statement.date,
                certainty=statement.certainty,
                rule=rule,
                trigger=(item.quote.start, item.quote.end),
                # An official's denunciation is a condemnation of their state even beside its other
                # steps; words that are only a statement count when the state did nothing else.
                only_if_alone=kind == "statement",
            )
        )
    return extra


def finder_cue(rules, folded, item, finder) -> bool:
    """The quote's own words denounce (a `statement_reactions` cue not negated)."""
    start, end = item.quote.inner_start, item.quote.inner_end
    return any(
        cue.regex.search(folded[start:end]) and not finder.negated_in_quote(start, end, cue.regex)
        for cue in rules.statement_reactions
        if cue.kind != "statement"
    )


def _drop_secondary(found: list[FoundReaction], started_by: ActorRef | None = None) -> list[FoundReaction]:
    """A reaction marked only_if_alone gives way to any other reaction of the same actor citing an
    overlapping passage ("Chile cut ties, calling the raid 'reprehensible'" is one reaction). An
    official's quote that is only a statement is a reaction of their state only when the article
    gives that state no reaction of its own: otherwise the quote comments on that reaction. Likewise
    any `statement` of an actor with reactions of other kinds, unless its pattern says
    `with_other_kinds` (a state's own account) or the actor started the crisis (its defence)."""
    primary = [r for r in found if not r.only_if_alone]
    # An official's quote that is only a statement yields to the actor's reactions found by the
    # patterns, unless one of them is a statement too (a live blog's heading, "Moscow urges calm",
    # and the quote under it are one record: they merge).
    by_pattern = {r.actor for r in found if r.rule.startswith("pattern:")} - {
        r.actor for r in found if r.rule.startswith("pattern:") and r.kind == "statement"
    }
    acting = {r.actor for r in found if r.kind != "statement"}
    kept = []
    for r in found:
        if r.only_if_alone and any(
            p.actor == r.actor
            and p.excerpt[0] < r.excerpt[1]
            and r.excerpt[0] < p.excerpt[1]
            # "Greece said it stood by Carpania, and its prime minister called the blockade "an act
            # of war"": the state's solidarity and its official's words are two records.
            and not (r.with_other_kinds and p.rule.startswith("statement:"))
            for p in primary
        ):
            continue
        if r.rule == "statement" and r.actor in by_pattern:
            continue
        if r.kind == "statement" and r.actor in acting and not r.with_other_kinds and r.actor != started_by:
            continue  # a statement is the fallback of an actor the article shows doing nothing else
        kept.append(r)
    return kept


def _heading_line(doc: Document, sentence) -> bool:
    """A live blog's heading, or a title: a short line of its own with no closing full stop (the
    article's headline above a "Published: ..." line)."""
    if doc._heading(sentence):
        return True
    line = doc.text[sentence.start : sentence.end]
    alone = (sentence.start == 0 or doc.text[sentence.start - 1] == "\n") and doc.text[
        sentence.end : sentence.end + 1
    ] in ("", "\n")
    return alone and "\n" not in line.strip() and len(line.split()) <= 14 and not line.rstrip().endswith(".")


def _merge(
    found: list[FoundReaction], text: str, resolver: Resolver, doc: Document
) -> list[ReactionProposal]:
    """Same actor and kind twice in one article: one proposal citing every passage. A live blog's
    heading ("Cameroon closes border") gives way to the entry under it on the stance.

    The date is its main passage's (the first one that is not a heading, or what overlaps it): a
    later passage may tell another moment ("Chile protested on 3 February after a similar boarding"
    under a protest told undated), so it never dates the record."""
    merged: dict[tuple[str, str], ReactionProposal] = {}
    from_heading: set[tuple[str, str]] = set()
    main: dict[tuple[str, str], tuple[int, int]] = {}  # the passage that dates the record
    for item in sorted(found, key=lambda r: r.excerpt[0]):
        key = (item.actor.key, item.kind)
        excerpt = span(text, *item.excerpt)
        proposal = merged.get(key)
        heading = _heading_line(doc, doc.sentence_at(item.excerpt[0]))
        if proposal is not None and key in from_heading and not heading:
            from_heading.discard(key)
            proposal.stance = item.stance
            main[key] = item.excerpt
            if item.date.precision != "unknown":
                proposal.date = item.date
        if proposal is None:
            if heading:
                from_heading.add(key)
            else:
                main[key] = item.excerpt
            resolver.use(item.actor)
            merged[key] = ReactionProposal(
                actor=item.actor,
                kind=item.kind,
                stance=item.stance,
                cameo_code=item.cameo_code,
                excerpts=[excerpt],
                date=item.date,
                certainty=item.certainty,
                rule=item.rule,
            )
            continue
        if excerpt not in proposal.excerpts:
            proposal.excerpts.append(excerpt)
        passage = main.get(key)
        same_passage = passage is not None and item.excerpt[0] < passage[1] and passage[0] < item.excerpt[1]
        if same_passage and proposal.date.precision == "unknown" and item.date.precision != "unknown":
            proposal.date = item.date
        if proposal.stance == "neutral" and item.stance != "neutral":
            proposal.stance = item.stance  # a passage that takes sides says more than a heading
        if item.certainty == "reported":
            proposal.certainty = "reported"
    return list(merged.values())


__all__ = ["propose", "default_rules", "ActorRef", "ProposedDate"]
