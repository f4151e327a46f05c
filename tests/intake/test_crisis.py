"""Stances towards the act an article is about: the engine guesses who committed it from whom the
others' protests are aimed at, and reads every reaction's stance against it."""

import datetime

from intake.proposals import propose

# Freedonia seized a Sylvanian ship; the others' protests are aimed at Freedonia.
OPENING = (
    "Sylvania recalled its ambassador to Freedonia on Monday after the Freedonian navy seized a "
    "Sylvanian cargo ship. Chile summoned Freedonia's ambassador, and Peru condemned the seizure."
)


def reactions(text, directory):
    return {
        (r.actor.key, r.kind): r.stance for r in propose(text, published=None, directory=directory).reactions
    }


def test_initiators_condemnation_of_the_other_side_is_a_statement_in_its_defence(directory):
    found = reactions(OPENING + " Freedonia condemned the Sylvanian crew's provocation.", directory)
    assert found[("freedonia", "statement")] == "supports"
    assert ("freedonia", "condemnation") not in found


def test_initiators_own_steps_defend_its_act(directory):
    found = reactions(OPENING + " Freedonia summoned Sylvania's ambassador in return.", directory)
    assert found[("freedonia", "other")] == "supports"


def test_denial_points_at_who_started_it(directory):
    text = "Sylvania closed its border with Freedonia. Freedonia denied any involvement in the strike."
    found = reactions(text, directory)
    assert found[("freedonia", "statement")] == "supports"
    assert found[("sylvania", "other")] == "condemns"


def test_solidarity_with_the_initiator_is_support(directory):
    found = reactions(OPENING + ' Bolivia expressed "full solidarity with Freedonia".', directory)
    assert found[("bolivia", "support")] == "supports"


def test_solidarity_with_the_victim_is_a_statement_against_the_act(directory):
    found = reactions(OPENING + " Bolivia said it stood in solidarity with Sylvania.", directory)
    assert found[("bolivia", "statement")] == "condemns"


def test_support_for_the_victim_is_a_statement_against_the_act(directory):
    found = reactions(OPENING + " Brazil expressed its support for Sylvania.", directory)
    assert found == found | {("brazil", "statement"): "condemns"}


def test_measured_steps_take_the_stance_of_the_actors_firm_ones(directory):
    text = OPENING + " Sylvania also asked for an urgent meeting of the OAS permanent council."
    assert reactions(text, directory)[("sylvania", "call_for_meeting")] == "condemns"


def test_a_call_aimed_at_the_initiator_is_against_the_act(directory):
    text = OPENING + " Mexico called on Freedonia to release the crew without delay."
    assert reactions(text, directory)[("mexico", "statement")] == "condemns"


def test_a_call_for_calm_stays_neutral(directory):
    assert (
        reactions(OPENING + " Brazil urged both sides to show restraint.", directory)[("brazil", "statement")]
        == "neutral"
    )


def test_no_initiator_when_nobody_clearly_leads(directory):
    text = "Chile recalled its ambassador to Peru. Peru recalled its ambassador to Chile."
    found = reactions(text, directory)
    assert found == {
        ("chile", "recalled_or_expelled_diplomats"): "condemns",
        ("peru", "recalled_or_expelled_diplomats"): "condemns",
    }


def test_forces_acting_in_the_opening_sentences_point_at_who_started_it(directory):
    text = (
        "Freedonian police stormed the Sylvanian consulate on Monday.\n\n"
        "Chile condemned the raid. Freedonia said in a statement that its officers had acted lawfully."
    )
    assert reactions(text, directory)[("freedonia", "statement")] == "supports"


def test_a_victims_boat_that_was_intercepted_points_at_nobody(directory):
    text = (
        "A Sylvanian patrol boat was intercepted by Freedonia on Monday.\n\n"
        "Sylvania said in a statement that its crew had done nothing wrong."
    )
    assert reactions(text, directory)[("sylvania", "statement")] == "neutral"


def test_urging_both_sides_to_respect_agreements_stays_neutral(directory):
    text = OPENING + " Brazil and Mexico issued a joint communique urging both sides to respect the treaty."
    assert reactions(text, directory)[("brazil", "statement")] == "neutral"


def test_calling_for_the_release_of_the_crew_is_against_the_act(directory):
    text = OPENING + ' Mexico called for "the immediate release of the crew" in a statement.'
    assert reactions(text, directory)[("mexico", "statement")] == "condemns"


def test_backing_the_state_that_acted_is_support_backing_its_target_is_against_the_act(directory):
    text = (
        "Freedonian police stormed the Sylvanian consulate on Monday.\n\n"
        "Chile and Peru condemned the raid. Bolivia backed Freedonia. Brazil sided openly with Sylvania."
    )
    found = {
        (r.actor.key, r.kind, r.stance) for r in propose(text, published=None, directory=directory).reactions
    }
    assert ("bolivia", "support", "supports") in found
    assert ("brazil", "statement", "condemns") in found


def test_the_state_that_acted_voting_against_a_text_defends_itself(directory):
    text = (
        "Freedonian police stormed the Sylvanian consulate on Monday.\n\n"
        "Chile and Peru voted in favor of an OAS resolution that condemned the raid, while Freedonia voted "
        "against it."
    )
    found = {
        (r.actor.key, r.kind, r.stance) for r in propose(text, published=None, directory=directory).reactions
    }
    assert ("freedonia", "statement", "supports") in found


def test_the_state_the_reactions_follow_after_started_it(directory):
    text = (
        "A quarrel over the river erupted after Freedonia on Sunday began filling the reservoir of a new "
        "dam.\n\n"
        "Sylvania's foreign ministry condemned the filling. Freedonia insists it has done nothing wrong.\n\n"
        "Chile urged both neighbours to return to negotiations."
    )
    found = reactions(text, directory)
    assert found[("freedonia", "statement")] == "supports"
    assert found[("chile", "statement")] == "neutral"


def test_asking_the_state_that_acted_to_reopen_the_border_is_against_the_act(directory):
    text = (
        "Freedonian border guards arrested three Sylvanian traders on Monday and shut the crossing.\n\n"
        "Chile summoned Freedonia's ambassador. The OAS urged Freedonia to reopen the border."
    )
    assert reactions(text, directory)[("oas", "statement")] == "condemns"


def test_a_state_asking_for_a_meeting_protests_the_act_an_organization_convening_one_does_not(directory):
    text = (
        OPENING
        + " Bolivia asked for an urgent meeting of the OAS permanent council. The OAS convened a meeting."
    )
    found = reactions(text, directory)
    assert found[("bolivia", "call_for_meeting")] == "condemns"
    assert found[("oas", "call_for_meeting")] == "neutral"


def test_a_summit_called_on_an_unconstitutional_act_is_against_it(directory):
    text = (
        "Soldiers seized power in Freedonia on Tuesday.\n\n"
        'The OAS has called an extraordinary summit to discuss what it called "the unconstitutional '
        'change of government in Freedonia".'
    )
    assert reactions(text, directory)[("oas", "call_for_meeting")] == "condemns"


def test_the_sentence_telling_the_act_is_no_reaction_of_the_state_that_acted(directory):
    text = (
        "SANTIAGO, July 4 (brief) - Freedonian police detained three Sylvanian officers on Wednesday, "
        "accusing them of entering Freedonian territory armed.\n\n"
        "Sylvania summoned Freedonia's ambassador. Freedonia stood by the arrests."
    )
    found = propose(text, published=datetime.date(2025, 7, 4), directory=directory).reactions
    [freedonia] = [r for r in found if r.actor.key == "freedonia"]
    assert (freedonia.kind, freedonia.stance, freedonia.date.value) == ("statement", "supports", None)
    assert [e.text for e in freedonia.excerpts] == ["Freedonia stood by the arrests."]


def test_accusing_the_protesting_state_sides_with_the_act(directory):
    text = (
        OPENING + " Bolivia's foreign ministry said Freedonia had every right to protect its waters and "
        "accused Sylvania of staging a provocation."
    )
    assert reactions(text, directory)[("bolivia", "statement")] == "supports"


def test_a_precautionary_closure_under_a_heading_takes_no_side(directory):
    text = (
        "Soldiers seized power in Freedonia on Tuesday.\n\n"
        "16:30 GMT - Chile closes border\n\n"
        'Chile has closed its land border with Freedonia "as a precaution", its interior minister said.'
    )
    found = propose(text, published=None, directory=directory).reactions
    assert [(r.actor.key, r.kind, r.stance, len(r.excerpts)) for r in found] == [
        ("chile", "other", "neutral", 2)
    ]


def test_the_tit_for_tat_expulsion_of_the_state_that_acted_defends_its_act(directory):
    text = (
        "Sylvania expelled three Freedonian diplomats on Wednesday over a spy ring run from Freedonia's "
        "embassy, and Freedonia hit back on Thursday by ordering two Sylvanian diplomats to leave.\n\n"
        "Chile and Peru condemned the espionage. Freedonia rejected the accusations."
    )
    assert reactions(text, directory)[("freedonia", "recalled_or_expelled_diplomats")] == "supports"


def test_a_state_protesting_the_act_that_votes_against_a_soft_text_does_not_back_it(directory):
    text = (
        OPENING + " The OAS adopted a resolution urging restraint. Sylvania voted against it, saying the "
        'text treated "the aggressor and the victim alike."'
    )
    found = reactions(text, directory)
    assert ("sylvania", "support") not in found  # (its words are a statement, the fallback of its steps)


def test_forces_that_shifted_a_border_fence_started_it(directory):
    text = (
        "Overnight, Freedonian border guards had shifted signposts and barbed wire deeper into Sylvanian "
        "territory.\n\nSylvania's foreign ministry protested in the strongest terms. Freedonia, for its "
        "part, has denied moving anything and accused Sylvania of hysteria."
    )
    found = reactions(text, directory)
    assert found[("sylvania", "condemnation")] == "condemns"
    assert found[("freedonia", "statement")] == "supports"


def test_a_demand_is_kept_beside_the_actors_other_steps(directory):
    text = (
        "Freedonian border guards seized five Sylvanian boats on Monday.\n\n"
        "Sylvania summoned Freedonia's ambassador on Tuesday. It demanded \"the immediate release of our "
        'fishermen." Sylvania also urged calm in the region.'
    )
    found = reactions(text, directory)
    assert found[("sylvania", "other")] == "condemns"
    assert found[("sylvania", "statement")] == "condemns"


def test_the_state_whose_official_spoke_before_the_expulsion_started_the_crisis(directory):
    text = (
        "Sylvania expelled Freedonia's charge d'affaires on Wednesday after a spokesman for the "
        'Freedonian president described protests in Sylvania as "an uprising". Freedonia responded by '
        "withdrawing its remaining diplomats. Peru sided with Sylvania."
    )
    found = reactions(text, directory)
    assert found[("freedonia", "recalled_or_expelled_diplomats")] == "supports"
    assert found[("peru", "statement")] == "condemns"


def test_echoing_a_states_criticism_is_no_protest_against_that_state(directory):
    text = (
        "Sylvania recalled its ambassador from Freedonia on Tuesday after Freedonian lawmakers passed a "
        "church law. Freedonia's prime minister defended the law. Peru echoed Sylvania's criticism, "
        'calling the law "discriminatory."'
    )
    assert reactions(text, directory)[("peru", "condemnation")] == "condemns"


def test_words_backing_the_other_side_are_a_statement_against_the_act(directory):
    text = (
        "Sylvania recalled its ambassador from Freedonia on Wednesday and accused Freedonian forces of "
        "shelling its farms. Freedonia denied the accusation. Peru said it \"fully supports Sylvania's right "
        'to defend its territory."'
    )
    assert reactions(text, directory)[("peru", "statement")] == "condemns"
