"""Whose reaction a verb is, in the sentences news wires write: asides, absolute clauses, pronoun
subjects, coordinated verbs, participles, background sentences."""

import datetime

from intake.proposals import propose


def keys(text, directory, published=None):
    return {(r.actor.key, r.kind) for r in propose(text, published=published, directory=directory).reactions}


def test_relative_clause_in_a_subject_list_is_skipped_with_its_negation(directory):
    text = "Peru, which has never had an embassy in Freedonia, and Chile condemned the raid."
    assert keys(text, directory) == {("peru", "condemnation"), ("chile", "condemnation")}


def test_apposition_after_the_speaker_is_no_subject(directory):
    text = "Ana Sol, a former Chilean justice minister, said the raid was illegal."
    assert keys(text, directory) == set()


def test_absolute_clause_without_a_named_actor_gives_nobody_the_vote(directory):
    text = (
        "The OAS adopted a resolution condemning the raid, with 20 members voting in favour and four "
        "abstaining."
    )
    assert keys(text, directory) == {("oas", "condemnation")}


def test_absolute_clause_with_its_ministry_is_the_subjects_state(directory):
    text = (
        "Sylvania was alone in backing the Freedonian move, with its foreign ministry praising the operation."
    )
    assert keys(text, directory) == {("sylvania", "support")}


def test_new_clause_after_and_in_keeps_actors_apart(directory):
    text = (
        "Chile condemned the raid within days, and in May 2025 the leaders of the OAS issued a communique "
        "condemning it."
    )
    found = propose(text, published=datetime.date(2025, 6, 1), directory=directory).reactions
    dates = {r.actor.key: r.date.value for r in found}
    assert dates == {"chile": None, "oas": datetime.date(2025, 5, 1)}


def test_pronoun_subject_after_a_time_phrase(directory):
    text = "Sylvania lost patience. On Friday it recalled its ambassador."
    assert keys(text, directory) == {("sylvania", "recalled_or_expelled_diplomats")}


def test_the_government_points_back_to_the_state(directory):
    text = "Chile acted first. On March 3, the government closed two border crossings."
    assert keys(text, directory) == {("chile", "other")}


def test_chile_s_government_is_no_pronoun(directory):
    assert keys("Chile's government recalled its ambassador.", directory) == {
        ("chile", "recalled_or_expelled_diplomats")
    }


def test_second_verb_after_and_shares_the_first_verbs_subject(directory):
    text = "Its foreign ministry summoned Freedonia's ambassador and closed two border crossings."
    found = propose("Sylvania answered within a day. " + text, published=None, directory=directory).reactions
    assert {(r.actor.key, r.kind) for r in found} == {("sylvania", "other")}
    assert len(found[0].excerpts) == 1


def test_protest_delivered_at_a_summons_is_part_of_it(directory):
    text = "Sylvania summoned Freedonia's ambassador on Monday and lodged a formal protest."
    found = propose(text, published=None, directory=directory).reactions
    assert {(r.actor.key, r.kind) for r in found} == {("sylvania", "other")}


def test_protest_on_its_own_is_a_condemnation(directory):
    text = "Sylvania lodged a strong protest with the Freedonian ambassador on Monday."
    found = propose(text, published=None, directory=directory).reactions
    assert {(r.actor.key, r.kind) for r in found} == {("sylvania", "condemnation")}


def test_participle_after_a_comma_has_the_clauses_subject(directory):
    text = "Sylvania expelled two Freedonian diplomats, accusing them of spying."
    assert ("freedonia", "condemnation") not in keys(text, directory)


def test_a_sentence_about_an_earlier_crisis_proposes_nothing(directory):
    text = (
        "Chile recalled its ambassador on Monday.\n\n"
        "The row echoes March 2019, when Peru expelled two Freedonian diplomats."
    )
    assert keys(text, directory, published=datetime.date(2025, 3, 12)) == {
        ("chile", "recalled_or_expelled_diplomats")
    }


def test_an_old_year_in_an_aside_does_not_make_a_sentence_background(directory):
    text = "Peru, which left the pact in 2019, condemned the raid on Monday."
    assert keys(text, directory, published=datetime.date(2025, 3, 12)) == {("peru", "condemnation")}


def test_should_and_reserved_the_right_are_hypothetical(directory):
    text = (
        "Opposition senators said the government should cut diplomatic ties with Freedonia. "
        "Chile reserved the right to take the matter to the International Court of Justice."
    )
    assert keys(text, directory) == set()


def test_refusing_to_sign_a_joint_text_is_an_abstention(directory):
    text = "The joint declaration died when Peru refused to sign it."
    assert keys(text, directory) == {("peru", "abstention")}


def test_the_state_that_asked_for_a_meeting_and_the_organization_that_holds_it(directory):
    text = "The OAS said its permanent council would hold a special session at Chile's request."
    assert keys(text, directory) == {("oas", "call_for_meeting"), ("chile", "call_for_meeting")}


def test_offer_to_mediate_on_a_condition_is_still_an_offer(directory):
    assert keys("Mexico said it was ready to mediate if both sides asked.", directory) == {
        ("mexico", "other")
    }


def test_summons_is_other(directory):
    assert keys("Chile summoned Freedonia's ambassador on Monday.", directory) == {("chile", "other")}


def test_statement_is_the_fallback_of_an_actor_that_did_nothing_else(directory):
    text = (
        "Chile recalled its ambassador from Freedonia.\n\n"
        "Chile's foreign ministry said it was following the situation closely."
    )
    assert keys(text, directory) == {("chile", "recalled_or_expelled_diplomats")}


def test_a_states_own_account_is_kept_beside_its_other_steps(directory):
    text = "Chile recalled its ambassador. Chile says its patrol never left its waters."
    assert keys(text, directory) == {("chile", "recalled_or_expelled_diplomats"), ("chile", "statement")}


def test_a_claim_with_no_state_right_before_it_is_nobodys(directory):
    text = (
        "When Freedonia expelled the observers after a vote the opposition says was stolen, Chile protested."
    )
    assert ("freedonia", "statement") not in keys(text, directory)


def test_a_year_used_as_a_yardstick_is_no_background(directory):
    text = "Chile condemned the raid, the worst incident between the two neighbours since 2019."
    assert keys(text, directory, published=datetime.date(2025, 3, 12)) == {("chile", "condemnation")}


def test_a_government_in_a_capital_is_that_capitals_state(directory):
    text = "On Monday the administration in Lima condemned the strikes as a violation of its sovereignty."
    assert keys(text, directory) == {("peru", "condemnation")}


def test_an_embassy_in_a_capital_keeps_its_own_state(directory):
    text = 'The US embassy in Lima was blunter, calling the detentions "unjustified".'
    assert keys(text, directory) == {("united-states", "condemnation")}


def test_the_organization_asked_to_convene_a_meeting_is_not_the_one_asking(directory):
    text = (
        "On Wednesday Chile went a step further. The acting foreign minister, in a letter seen by this "
        "newspaper, asked the OAS to convene an emergency meeting of its permanent council."
    )
    assert keys(text, directory) == {("chile", "call_for_meeting")}


def test_her_ministry_is_the_ministry_of_the_state_she_speaks_for(directory):
    text = (
        '"We have asked the council to act," Chilean Foreign Minister Ana Ruiz told reporters. His '
        "ministry said on Wednesday that she had sent a letter asking the OAS to convene an urgent session."
    )
    assert keys(text, directory) == {("chile", "call_for_meeting")}


def test_the_council_said_in_a_communique_is_the_councils_statement(directory):
    text = (
        "The OAS Permanent Council met on Thursday. Sylvania was suspended from all activities "
        '"until order is restored", the council said in a communique.'
    )
    assert ("oas", "statement") in keys(text, directory) or ("oas", "other") in keys(text, directory)
    assert not any(actor == "sylvania" for actor, _ in keys(text, directory))


def test_a_clause_after_a_comma_is_no_aside_of_the_name_before_it(directory):
    text = (
        "Chile has declared Peru's defence attache, Colonel Ana Ruiz, persona non grata and given her 48 "
        "hours to leave the country, the Chilean foreign ministry said on Thursday."
    )
    assert keys(text, directory) == {("chile", "recalled_or_expelled_diplomats")}


def test_an_undated_article_told_by_weekdays_dates_older_events_by_year(directory):
    text = (
        "Sylvania expelled a Freedonian diplomat on Friday after drone debris was found.\n\n"
        "In February 2023, Chile briefly closed its airspace after a balloon was spotted."
    )
    assert keys(text, directory) == {("sylvania", "recalled_or_expelled_diplomats")}


def test_an_apposition_closing_the_sentence_does_not_date_it_to_the_past(directory):
    text = (
        "Chile condemned the seizure on Monday. Chile has also requested an emergency meeting of the "
        "Andean Talks Forum, the format set up after the 2008 war."
    )
    found = keys(text, directory, published=datetime.date(2025, 6, 1))
    assert ("chile", "call_for_meeting") in found


def test_a_verb_after_comma_and_with_no_subject_of_its_own_has_the_sentences(directory):
    text = (
        "Chile accused Freedonia of ramming a fishing boat, injuring three sailors, and summoned the "
        "Freedonian ambassador."
    )
    assert ("chile", "other") in keys(text, directory)


def test_a_verb_after_comma_and_with_its_own_subject_keeps_it(directory):
    text = "Chile condemned the raid, and Peru summoned the Freedonian ambassador."
    assert keys(text, directory) == {("chile", "condemnation"), ("peru", "other")}


def test_a_coordinated_verb_belongs_to_every_state_of_the_list_before_it(directory):
    text = "Chile, Peru and Bolivia voiced concern and offered the help of their navies in the search."
    assert keys(text, directory) == {("chile", "other"), ("peru", "other"), ("bolivia", "other")}


def test_and_after_an_object_starts_a_new_clause_with_its_own_subject(directory):
    text = "Peru protested to the OAS, and the organization said the meeting would be held on Wednesday."
    assert keys(text, directory) == {("peru", "condemnation"), ("oas", "call_for_meeting")}


def test_a_serial_comma_list_of_states_is_one_subject(directory):
    text = "Chile, Peru, and Bolivia condemned the raid."
    assert keys(text, directory) == {
        ("chile", "condemnation"),
        ("peru", "condemnation"),
        ("bolivia", "condemnation"),
    }


def test_the_organizations_officer_speaks_for_the_organization_named_as_an_object_before(directory):
    text = (
        "Peru complained to the OAS about the raid. The organization's secretary-general said the meeting "
        "would be held on Wednesday."
    )
    assert ("oas", "call_for_meeting") in keys(text, directory)


def test_a_verb_after_and_with_no_subject_or_date_of_its_own_shares_the_date_before(directory):
    text = (
        "Chile said on Tuesday that a drone had crashed near Arica, and summoned the Freedonian ambassador."
    )
    found = propose(text, published=datetime.date(2025, 6, 12), directory=directory).reactions
    summons = next(r for r in found if r.actor.key == "chile" and r.kind == "other")
    assert summons.date.value == datetime.date(2025, 6, 10)
