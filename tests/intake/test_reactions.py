"""Reactions of states and international organizations."""

import datetime

from intake.proposals import propose


def reactions(text, directory, published=None):
    return propose(text, published=published, directory=directory).reactions


def keys(found):
    return {(r.actor.key, r.kind) for r in found}


def test_one_reaction_per_country_in_a_list(directory):
    found = reactions("Argentina, Bolivia and Brazil rebuked Freedonia on Monday.", directory)
    assert keys(found) == {
        ("argentina", "condemnation"),
        ("bolivia", "condemnation"),
        ("brazil", "condemnation"),
    }
    assert len({r.excerpt for r in found}) == 1


def test_object_of_the_verb_gets_no_reaction(directory):
    assert keys(reactions("Chile severed diplomatic ties with Peru.", directory)) == {
        ("chile", "severed_ties")
    }


def test_country_only_as_place_proposes_nothing(directory):
    assert reactions("Protesters gathered in Chile and Peru after the raid in Freedonia.", directory) == []


def test_no_nation_has_expressed_support_proposes_no_support(directory):
    assert reactions("So far no Latin American nation has expressed support for Freedonia.", directory) == []


def test_hypothetical_proposes_nothing(directory):
    assert reactions("Peru might recall its ambassador if the crisis deepens.", directory) == []


def test_minister_words_make_a_reaction_of_their_state(directory):
    found = reactions('"This raid is unacceptable," Sylvanian Foreign Minister Marta Ibáñez said.', directory)
    assert keys(found) == {("sylvania", "condemnation")}


def test_spokesperson_statement_is_a_statement_of_the_state(directory):
    found = reactions(
        '"We are following events," a State Department spokesperson, Joan Ell, said.', directory
    )
    assert [(r.actor.key, r.kind, r.stance) for r in found] == [("united-states", "statement", "neutral")]


def test_passive_agent_is_the_actor(directory):
    found = reactions("The raid was condemned by Peru and the OAS.", directory)
    assert keys(found) == {("peru", "condemnation"), ("oas", "condemnation")}


def test_pronoun_subject_points_back_to_the_state(directory):
    text = "The Peruvian government summoned the Freedonian envoy. It also recalled its ambassador."
    assert ("peru", "recalled_or_expelled_diplomats") in keys(reactions(text, directory))


def test_same_actor_and_kind_twice_is_one_proposal_with_two_excerpts(directory):
    text = "Chile condemned the raid on Monday.\n\nOn Tuesday Chile condemned the raid again."
    [reaction] = reactions(text, directory)
    assert len(reaction.excerpts) == 2


def test_demonym_government_is_the_state(directory):
    assert keys(reactions("The Brazilian government recalled its ambassador.", directory)) == {
        ("brazil", "recalled_or_expelled_diplomats")
    }


def test_unknown_country_becomes_a_new_state(directory):
    proposals = propose("Uruguay condemned the raid.", published=None, directory=directory)
    [actor] = proposals.new_actors
    assert (actor.key, actor.kind, actor.country) == ("uruguay", "state", "UY")
    assert proposals.reactions[0].actor.new == "uruguay"


def test_excerpts_are_verbatim(directory):
    text = "Intro.\n\nChile’s foreign ministry, in a note on “Tuesday”, condemned the raid — firmly."
    for reaction in reactions(text, directory):
        for excerpt in reaction.excerpts:
            assert text[excerpt.start : excerpt.end] == excerpt.text


def test_partial_quote_inside_the_reporters_sentence_does_not_hide_the_verb(directory):
    text = 'Chile said it stood "in full solidarity" with Sylvania after the seizure.'
    found = reactions(text, directory)
    assert [(r.actor.key, r.kind, r.stance) for r in found] == [("chile", "statement", "condemns")]


def test_verb_quoted_right_after_its_subject_is_the_reporters(directory):
    text = 'The OAS secretary general had already "strongly condemned" the seizure of the ferry.'
    assert keys(reactions(text, directory)) == {("oas", "condemnation")}


def test_one_quoted_word_is_a_scare_quote_not_a_reaction(directory):
    text = 'Chile, which Peru has "scolded" in the past, said nothing about the seizure.'
    assert reactions(text, directory) == []


def test_a_condition_inside_a_later_clause_leaves_a_past_verb_a_fact(directory):
    text = (
        "Chile condemned the seizure and published coordinates that, if accurate, place the boat in "
        "Chilean waters."
    )
    assert keys(reactions(text, directory)) == {("chile", "condemnation")}


def test_a_condition_after_a_modal_verb_is_hypothetical(directory):
    assert reactions("Chile said it would condemn the seizure if the crew were harmed.", directory) == []


def test_an_officials_words_calling_the_act_an_abduction_are_a_condemnation(directory):
    text = '"It is an abduction at sea," Chilean Foreign Minister Ana Ruiz said.'
    assert keys(reactions(text, directory)) == {("chile", "condemnation")}


def test_an_attack_in_general_words_is_no_condemnation(directory):
    text = (
        'Chile stood by Sylvania. "An attack on one of us concerns us all," Chilean Foreign Minister '
        "Ana Ruiz said."
    )
    assert keys(reactions(text, directory)) == {("chile", "statement")}


def test_an_organization_saying_anything_is_a_statement_when_it_does_nothing_else(directory):
    text = (
        "The OAS said its observers had stepped up patrols in the area. "
        "Chile said it had recalled its ambassador. Peru has said nothing."
    )
    assert keys(reactions(text, directory)) == {
        ("oas", "statement"),
        ("chile", "recalled_or_expelled_diplomats"),
    }


def test_a_date_inside_what_was_said_does_not_date_the_words(directory):
    text = "Sylvania says a drone launched from Freedonia crashed into a village on Wednesday."
    [found] = [
        r
        for r in reactions(text, directory, published=datetime.date(2025, 11, 21))
        if r.actor.key == "sylvania"
    ]
    assert found.date.value is None


def test_a_date_right_after_the_verb_of_saying_dates_the_words(directory):
    text = "Chile's foreign minister said at a briefing on Wednesday that the seizure was illegal."
    [found] = reactions(text, directory, published=datetime.date(2025, 11, 21))
    assert found.date.value == datetime.date(2025, 11, 19)


RAID = "Freedonian police stormed the Sylvanian consulate on Monday. "


def test_wire_phrasings_of_common_reactions(directory):
    cases = {
        "Chile joined Peru in condemning the raid.": {("chile", "condemnation"), ("peru", "condemnation")},
        "Peru echoed that criticism on Tuesday.": {("peru", "condemnation")},
        "The raid was widely condemned, including by Chile and Peru.": {
            ("chile", "condemnation"),
            ("peru", "condemnation"),
        },
        "Chile said the raid was a violation of international law.": {("chile", "condemnation")},
        "Chile said the raid was not a violation of anything.": {("chile", "statement")},
        "Sylvania has withdrawn its ambassador.": {("sylvania", "recalled_or_expelled_diplomats")},
        "Brazil is sending an envoy to mediate.": {("brazil", "other")},
        "Bolivia reiterated its call for dialogue.": {("bolivia", "statement")},
        "Chile's president phoned his Freedonian counterpart to demand the release of the consul.": {
            ("chile", "statement")
        },
    }
    for sentence, expected in cases.items():
        found = reactions(RAID + sentence, directory)
        assert {(r.actor.key, r.kind) for r in found if r.actor.key != "freedonia"} == expected, sentence


def test_the_state_led_to_act_acts(directory):
    text = (
        "Freedonia's president authorised a raid on the embassy, which led Chile to cut off diplomatic "
        "relations."
    )
    assert keys(reactions(text, directory)) == {("chile", "severed_ties")}


def test_opposition_former_officials_and_legislatures_are_no_state(directory):
    for sentence in (
        "Chile's opposition leader condemned the raid.",
        "Peru's former foreign minister condemned the raid.",
        "Peru's Congress passed a motion condemning the raid.",
        "The Peruvian Congress condemned the raid.",
        "Chile has so far refrained from criticising the raid.",
    ):
        found = reactions(RAID + sentence, directory)
        assert [r for r in found if r.actor.key != "freedonia"] == [], sentence


def test_envoys_recalled_or_expelled_in_the_passive(directory):
    cases = {
        "Chile's ambassador to Freedonia, Ana Ruiz, was recalled on Monday.": "chile",
        "Freedonia's ambassador was expelled by Peru.": "peru",
    }
    for sentence, actor in cases.items():
        found = reactions(RAID + sentence, directory)
        assert (actor, "recalled_or_expelled_diplomats") in keys(found), sentence


def test_words_explaining_a_silence_are_no_statement(directory):
    text = "The OAS has not commented so far. A spokesperson said the secretary-general was travelling."
    assert reactions(text, directory) == []


def test_asking_for_consultations_and_statements_of_support(directory):
    text = (
        RAID
        + 'Sylvanian officials said Sylvania had asked the OAS for "urgent consultations". Chile and Peru '
        "issued separate statements of support for Sylvania."
    )
    found = keys(reactions(text, directory))
    assert {("sylvania", "call_for_meeting"), ("chile", "statement"), ("peru", "statement")} <= found


def test_solidarity_told_apart_is_kept_beside_the_states_firmer_step(directory):
    text = (
        "Freedonian police raided Sylvania's consulate on Monday. Chile recalled its ambassador from "
        "Freedonia.\n\nPeru and Chile expressed solidarity with Sylvania."
    )
    assert {
        ("chile", "recalled_or_expelled_diplomats"),
        ("chile", "statement"),
        ("peru", "statement"),
    } <= keys(reactions(text, directory))


def test_concern_told_apart_is_still_only_the_fallback_of_a_state_that_acted(directory):
    text = (
        "Freedonian police raided Sylvania's consulate on Monday. Chile recalled its ambassador from "
        "Freedonia.\n\nPeru and Chile expressed concern."
    )
    assert ("chile", "statement") not in keys(reactions(text, directory))


def test_solidarity_and_an_officials_denunciation_in_one_sentence_are_two_records(directory):
    text = (
        "Freedonian warships blocked Sylvania's main port on Monday. Chile and Peru said they stood by "
        'Sylvania, and Chile\'s foreign minister called the blockade "an act of war."'
    )
    found = keys(reactions(text, directory))
    assert {("chile", "statement"), ("chile", "condemnation"), ("peru", "statement")} <= found


def test_a_document_condemning_the_act_is_not_the_condemnation_of_the_state_that_vetoes_it(directory):
    found = keys(reactions("Peru used its veto to block a resolution condemning the raid.", directory))
    assert found == {("peru", "other")}


def test_voting_for_a_resolution_which_condemns_is_one_condemnation_per_state(directory):
    text = "Chile and Brazil voted in favour of the resolution, which condemns the raid."
    assert keys(reactions(text, directory)) == {("chile", "condemnation"), ("brazil", "condemnation")}
