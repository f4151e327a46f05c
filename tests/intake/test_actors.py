"""Matching names to known actors, and new draft actors."""

from intake.proposals import ActorDirectory, KnownActor, propose


def test_name_without_accents_finds_accented_actor(directory):
    assert directory.lookup("Marta Ibanez").slug == "marta-ibanez"
    assert directory.lookup("IBÁÑEZ").slug == "marta-ibanez"


def test_fuzzy_match_is_used_for_long_names_only(directory):
    assert directory.lookup("Organisation of American States").slug == "oas"
    assert directory.lookup("Chle") is None


def test_acronym_matches_in_capitals_only():
    directory = ActorDirectory([KnownActor("us", "United States", "state", country="US", aliases=("US",))])
    proposals = propose(
        "Let us condemn nothing. The US condemned the raid.", published=None, directory=directory
    )
    assert [r.actor.key for r in proposals.reactions] == ["us"]


def test_surname_after_first_mention_is_the_same_person(directory):
    text = 'Ana Ruiz, Chile\'s foreign minister, arrived on Monday.\n\n"We are here," Ruiz said.'
    proposals = propose(text, published=None, directory=directory)
    [statement] = proposals.statements
    assert statement.speaker.key == "new:ana-ruiz"
    [actor] = proposals.new_actors
    assert (actor.name, actor.kind, actor.country) == ("Ana Ruiz", "person", "CL")


def test_same_new_name_twice_is_one_new_actor(directory):
    text = '"One," said Ana Ruiz.\n\n"Two," said Ana Ruiz.'
    proposals = propose(text, published=None, directory=directory)
    assert len(proposals.new_actors) == 1 and len(proposals.new_actors[0].mentions) == 2


def test_new_organization_kind_is_guessed_from_its_name(directory):
    proposals = propose(
        "The raid drew criticism from the Andean Community.", published=None, directory=directory
    )
    [actor] = proposals.new_actors
    assert (actor.name, actor.kind) == ("Andean Community", "international_organization")


def test_state_from_the_x_government(directory):
    proposals = propose(
        "The Mexican government expelled the Freedonian ambassador.", published=None, directory=directory
    )
    assert [(r.actor.key, r.kind) for r in proposals.reactions] == [
        ("mexico", "recalled_or_expelled_diplomats")
    ]
