"""The crisis an article is about: who started it, and what that means for each reaction's stance.

A stance is taken towards the act the article is about (issue 14). The engine does not read that act
directly; it infers who committed it from the reactions it found:
- the state most of the others' firm reactions are aimed at (the object of their condemnations,
  recalls, expulsions, summons, lawsuits: "recalled its ambassador to Peru", "summoned Russia's
  envoy"), counting against a state each firm reaction of its own (the victim protests most) and for
  it a denial or a defence of its own ("Freedonia denies any involvement");
- a point for a state whose forces act in the opening sentences ("a ferry seized by the Freedonian
  navy", "Freedonian police entered the consulate");
- only when one state clearly leads; otherwise nobody.

Then:
1. the initiator's own words and steps defend its act: its statements, calls, other steps,
   tit-for-tat expulsions and lawsuits are `supports`, and its condemnations of the other side are
   statements (`supports`);
2. support for a state other than the initiator is a statement against the act (`condemns`),
   solidarity with the initiator is support, and a demand aimed at it ("called on Freedonia to
   release the crew", not "urged Freedonia to repair the relationship") is against the act;
3. an actor's measured reactions (statements, calls for meetings, other steps) left `neutral` take
   the stance of its firm ones: a state that recalled its ambassador and asked for a meeting is
   against the act in both;
4. a third state's condemnation aimed only at those protesting against the act ("accused Warsaw of
   staging an information campaign") sides with the act: a statement that supports it.
"""

from __future__ import annotations

from collections import Counter

from .reactions import FoundReaction
from .types import ActorRef

FIRM_KINDS = ("condemnation", "severed_ties", "recalled_or_expelled_diplomats", "legal_action")
# "other" steps that are protests: summons (114), reduced relations (160), sanctions (163).
FIRM_OTHER_CODES = ("114", "160", "163")
MEASURED_KINDS = ("statement", "other", "call_for_meeting")


def _firm(reaction: FoundReaction) -> bool:
    if reaction.kind in FIRM_KINDS:
        return reaction.stance == "condemns"
    return (
        reaction.kind == "other"
        and reaction.cameo_code in FIRM_OTHER_CODES
        and reaction.stance != "neutral"  # not a step taken as a precaution
    )


def initiator(found: list[FoundReaction], agents: list[ActorRef] = ()) -> ActorRef | None:
    """The state the article's firm reactions are aimed at, when one clearly leads. `agents`: states
    whose forces act in the article's opening sentences ("seized by the Freedonian navy"), a point
    each."""
    score: Counter[ActorRef] = Counter(agents)  # float points
    seen: set[tuple] = set()
    for reaction in found:
        if reaction.cameo_code == "016" or (reaction.kind == "statement" and reaction.stance == "supports"):
            # Denying or defending: the actor is the one accused.
            key = (reaction.actor, "defence")
            if key not in seen:
                seen.add(key)
                score[reaction.actor] += 1
            continue
        if not _firm(reaction):
            continue
        for target in set(reaction.targets):
            # Once per actor, kind and target: a live blog's heading repeats its entry.
            key = (reaction.actor, reaction.kind, target)
            if target != reaction.actor and key not in seen:
                seen.add(key)
                score[target] += 1
        key = (reaction.actor, reaction.kind)
        if key not in seen:
            seen.add(key)
            score[reaction.actor] -= 0.5
    ranked = [(ref, points) for ref, points in score.most_common() if points > 0]
    if not ranked:
        return None
    if len(ranked) > 1 and ranked[1][1] >= ranked[0][1]:
        return None
    return ranked[0][0]


def settle_stances(found: list[FoundReaction], started_by: ActorRef | None, kind_of) -> None:
    """Adjust kinds and stances in place (see the module's docstring). `kind_of(ref)` gives an
    actor's kind (state, international_organization, ...)."""
    for reaction in found:
        if started_by is not None and reaction.actor == started_by:
            if reaction.kind in ("condemnation", "support"):
                # Its condemnations of the other side and its backing of its own act (voting against
                # a text that criticises it) are its defence.
                reaction.kind, reaction.cameo_code = "statement", "010"
            if reaction.kind in (*MEASURED_KINDS, "recalled_or_expelled_diplomats", "legal_action"):
                # Its tit-for-tat expulsions and lawsuits defend its act too (severed ties stay
                # `condemns`, as every break of relations is recorded).
                reaction.stance = "supports"
            continue
        states = [t for t in reaction.targets if kind_of(t) == "state"]
        if (
            started_by is not None
            and reaction.kind == "statement"
            and reaction.stance == "neutral"
            and (
                reaction.demand == "of"
                and reaction.named_after == started_by
                or reaction.demand == "for"
                and reaction.named_after in (started_by, None)
            )
        ):
            # "called on Freedonia to release the crew": a demand aimed at the one who acted.
            reaction.stance = "condemns"
        if (
            started_by is not None
            and reaction.kind == "call_for_meeting"
            and reaction.stance == "neutral"
            and kind_of(reaction.actor) == "state"
        ):
            # A state other than the one that acted asking for a meeting on it protests the act
            # (organizations convening one stay neutral).
            reaction.stance = "condemns"
        if started_by is not None and reaction.kind == "support" and states and started_by not in states:
            reaction.kind, reaction.stance, reaction.cameo_code = "statement", "condemns", "010"
        elif (
            started_by is not None
            and reaction.kind == "support"
            and not reaction.targets
            and reaction.rule.startswith("quote:")
            and reaction.named_after is not None
            and reaction.named_after != started_by
            and kind_of(reaction.named_after) == "state"
        ):
            # Words backing another state ("fully supports Sudan's right to defend its territory"):
            # a statement against the act.
            reaction.kind, reaction.stance, reaction.cameo_code = "statement", "condemns", "010"
        elif (
            started_by is not None and reaction.aimed_at_initiator_kind and reaction.named_after == started_by
        ):
            reaction.kind, reaction.stance = reaction.aimed_at_initiator_kind, "supports"
            reaction.cameo_code = "051"
    # Those protesting against the one that acted: a third state's condemnation or accusation aimed at
    # them ("accused Warsaw of staging an information campaign") takes the side of the act.
    protesting = {r.actor for r in found if started_by is not None and _firm(r) and started_by in r.targets}
    for reaction in found:
        if started_by is not None and reaction.kind == "support" and reaction.actor in protesting:
            # "Morocco voted against it, saying the text treated the aggressor and the victim alike":
            # a state protesting the act does not back it.
            reaction.kind, reaction.stance, reaction.cameo_code = "statement", "condemns", "010"
        if (
            started_by is not None
            and reaction.actor != started_by
            and reaction.kind == "condemnation"
            and reaction.targets
            and started_by not in reaction.targets
            and all(t in protesting for t in reaction.targets)
        ):
            reaction.kind, reaction.stance, reaction.cameo_code = "statement", "supports", "010"
    committed: dict[ActorRef, str] = {}
    for reaction in found:
        if _firm(reaction) and reaction.actor != started_by:
            committed.setdefault(reaction.actor, "condemns")
        elif reaction.kind == "support":
            committed.setdefault(reaction.actor, "supports")
    for reaction in found:
        if reaction.precaution:
            continue
        if reaction.kind in MEASURED_KINDS and reaction.stance == "neutral" and reaction.actor in committed:
            reaction.stance = committed[reaction.actor]
