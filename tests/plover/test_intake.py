"""The article intake proposes CAMEO codes; a proposal stored as a draft gets its PLOVER coding through
the same mapping (Reaction.save), so every code the intake rules can propose must have one decided."""

import pytest

from events.plover import plover_for_cameo
from events.plover.mapping import load_table, resolve
from intake.proposals import ActorDirectory, Rules, propose
from intake.proposals.rules import DEFAULT_RULES_PATH
from tests.factories import ReactionFactory
from tests.intake.directory import ACTORS


def test_every_cameo_code_the_intake_rules_propose_has_a_decided_plover_coding():
    rules = Rules.load(DEFAULT_RULES_PATH)
    codes = {p.cameo_code for p in rules.reactions} | {c.cameo_code for c in rules.statement_reactions}
    codes.discard(None)
    assert codes
    table = load_table()
    assert [code for code in sorted(codes) if resolve(code, table) is None] == []


@pytest.mark.django_db
def test_a_proposed_severing_of_ties_is_stored_as_a_sanction():
    text = "Freedonia severed diplomatic relations with Sylvania on Monday."
    [proposal] = propose(text, published=None, directory=ActorDirectory(ACTORS)).reactions
    assert proposal.kind == "severed_ties"
    draft = ReactionFactory(cameo_code=proposal.cameo_code, kind=proposal.kind)
    draft.refresh_from_db()
    assert (draft.plover_type, draft.plover_mode, draft.plover_contexts) == (
        "SANCTION", "withdraw", ["diplomatic"])
    assert tuple(plover_for_cameo(proposal.cameo_code)) == ("SANCTION", "withdraw", ("diplomatic",))
