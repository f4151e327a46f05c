"""How the engine reads names the way news wires write them: organizations by name and acronym,
capitals standing for their state, demonyms that are only adjectives, things named like people, and
bodies of a state speaking for it."""

import datetime

from intake.proposals import propose


def run(text, directory, published=None):
    return propose(text, published=published, directory=directory)


def keys(proposals):
    return {(r.actor.key, r.kind) for r in proposals.reactions}


def test_listed_organization_by_acronym_is_a_new_actor_with_its_aliases(directory):
    proposals = run("ECOWAS condemned the expulsion of its observers.", directory)
    assert keys(proposals) == {("new:economic-community-of-west-african-states", "condemnation")}
    [actor] = proposals.new_actors
    assert actor.name == "Economic Community of West African States"
    assert actor.kind == "international_organization" and "ECOWAS" in actor.aliases


def test_known_organization_is_found_by_any_listed_name(directory):
    # The directory knows the OAS by name and "OAS"; the rules file adds its British spelling.
    proposals = run("The Organisation of American States condemned the raid.", directory)
    assert keys(proposals) == {("oas", "condemnation")}


def test_acronym_introduced_in_brackets_is_the_same_organization(directory):
    text = (
        "The Southern Lakes Cooperation Council (SLCC) met on Monday.\n\n"
        "The SLCC later condemned the closure of the dam."
    )
    proposals = run(text, directory)
    [reaction] = proposals.reactions
    actor = proposals.new_actor(reaction.actor.new)
    assert actor.name == "Southern Lakes Cooperation Council" and "SLCC" in actor.aliases
    assert actor.kind == "international_organization"


def test_acronym_spelling_the_initials_of_a_named_organization_is_that_organization(directory):
    text = (
        "The Andean River Basin Organization said it was following the dispute.\n\n"
        "On Friday the ARBO condemned the seizure of the barge."
    )
    proposals = run(text, directory)
    assert keys(proposals) == {("new:andean-river-basin-organization", "condemnation")}


def test_capital_as_subject_stands_for_its_state(directory):
    assert keys(run("Lima recalled its ambassador on Tuesday.", directory)) == {
        ("peru", "recalled_or_expelled_diplomats")
    }


def test_capital_as_a_place_is_no_actor(directory):
    found = run("Protesters gathered in Santiago after Freedonia expelled the envoy.", directory).reactions
    assert [r.actor.key for r in found] == ["freedonia"]


def test_capital_inside_a_longer_name_is_no_state(directory):
    text = '"We regret it," said Santiago Ferreyra, a lawyer.'
    [statement] = run(text, directory).statements
    assert statement.speaker.key == "new:santiago-ferreyra" and statement.on_behalf_of is None


def test_demonym_before_a_state_noun_is_the_state(directory):
    assert keys(run("Peruvian officials condemned the seizure.", directory)) == {("peru", "condemnation")}


def test_demonym_before_any_other_noun_is_only_an_adjective(directory):
    text = "Chilean truck drivers condemned the raid and Peruvian exporters began suing the Freedonian state."
    assert run(text, directory).reactions == []


def test_name_after_a_thing_noun_is_no_person(directory):
    text = 'Marta Ibáñez visited the port. The trawler Blue Heron was held. "It is ours," she said.'
    [statement] = run(text, directory).statements
    assert statement.speaker.key == "marta-ibanez"


def test_a_dependency_is_a_place_not_a_state(directory):
    assert run("New Caledonia condemned the seizure of the longliner.", directory).reactions == []


def test_the_states_foreign_ministry_speaks_as_a_body_of_the_state(directory):
    proposals = run('Chile\'s foreign ministry called the raid "a grave breach".', directory)
    [statement] = proposals.statements
    assert statement.speaker.key == "new:foreign-ministry-of-chile"
    assert statement.on_behalf_of.key == "chile"
    body = proposals.new_actor("foreign-ministry-of-chile")
    assert (body.kind, body.country) == ("government_body", "CL")


def test_its_foreign_ministry_is_the_body_of_the_state_named_before(directory):
    text = 'Peru kept its envoy at home. Its foreign ministry said the vote was "a farce."'
    [statement] = run(text, directory).statements
    assert statement.speaker.key == "new:foreign-ministry-of-peru" and statement.on_behalf_of.key == "peru"


def test_official_without_a_country_speaks_for_the_state_of_the_sentence(directory):
    text = "Chile has written to the court about the arrest, Foreign Minister Rosa Vidal said."
    [reaction] = run(text, directory).reactions
    assert (reaction.actor.key, reaction.kind) == ("chile", "legal_action")


def test_official_without_a_country_speaks_for_the_capital_they_speak_in(directory):
    text = 'Speaking to reporters in Lima, Foreign Minister Rosa Vidal called the raid "unacceptable".'
    [statement] = run(text, directory).statements
    assert statement.on_behalf_of.key == "peru"


def test_official_without_a_country_speaks_for_the_state_the_article_opens_with(directory):
    text = (
        "Sylvania recalls envoy over seized barge\n\n"
        "The barge was towed to a Freedonian port on Monday.\n\n"
        '"This is an act of piracy," Foreign Minister Ana Sol told reporters.'
    )
    proposals = run(text, directory, published=datetime.date(2025, 3, 12))
    [statement] = proposals.statements
    assert statement.on_behalf_of.key == "sylvania"
    assert ("sylvania", "condemnation") in keys(proposals)


def test_dateline_gives_the_state_of_a_ministry_named_without_one(directory):
    text = (
        "LIMA, March 3 - The Ministry of Foreign Affairs condemned the arrest of two Peruvian sailors "
        "on Sunday."
    )
    assert keys(run(text, directory)) == {("peru", "condemnation")}


def test_a_state_acting_as_a_blocs_chair_speaks_for_the_bloc(directory):
    text = (
        "The OAS condemned the seizure on Monday.\n\n"
        "Chile, which holds the rotating chair of the bloc, convened an emergency meeting of OAS "
        "foreign ministers."
    )
    found = {(r.actor.key, r.kind) for r in propose(text, published=None, directory=directory).reactions}
    assert ("oas", "call_for_meeting") in found and ("chile", "call_for_meeting") not in found


def test_the_foreign_ministries_of_a_list_of_states_are_those_states(directory):
    text = "The foreign ministries of Chile, Peru and the Netherlands issued statements condemning the raid."
    found = propose(text, published=None, directory=directory).reactions
    assert {r.actor.key for r in found} == {"chile", "peru", "new:netherlands"}


def test_an_organizations_statement_is_the_organization_speaking(directory):
    text = 'The OAS\'s statement, when it finally came, urged "both sides" to show restraint.'
    found = propose(text, published=None, directory=directory).reactions
    assert [(r.actor.key, r.kind) for r in found] == [("oas", "statement")]


def test_the_chairman_of_an_association_speaks_for_no_state(directory):
    text = (
        "Chile condemned the seizure. "
        '"Freight costs will rise," said Ana Ruiz, chairman of an exporters\' association in Lima.'
    )
    [s] = propose(text, published=None, directory=directory).statements
    assert s.on_behalf_of is None


def test_a_demonym_shared_with_a_territory_is_the_states(directory):
    found = propose("The Indian embassy lodged a protest on Monday.", published=None, directory=directory)
    assert [r.actor.key for r in found.reactions] == ["new:india"]
    assert [a.country for a in found.new_actors if a.key == "india"] == ["IN"]


def test_an_organization_naming_where_a_states_envoy_is_posted_is_no_actor(directory):
    text = "Peru's UN envoy said Lima would not support any statement on the raid."
    found = propose(text, published=None, directory=directory)
    assert {r.actor.key for r in found.reactions} == {"peru"}
