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


def test_a_bare_congo_is_the_state_whose_full_name_the_article_gives(directory):
    text = (
        "The Democratic Republic of Congo recalled its ambassador from Sylvania on Monday. "
        "Congo also condemned the raid."
    )
    found = propose(text, published=None, directory=directory)
    countries = {a.country for a in found.new_actors if a.kind == "state"}
    assert countries == {"CD"}


def test_a_bare_congo_near_brazzaville_is_the_republic_of_the_congo(directory):
    text = "Congo condemned the raid in a statement issued in Brazzaville."
    found = propose(text, published=None, directory=directory)
    assert {a.country for a in found.new_actors if a.kind == "state"} == {"CG"}


def test_kosovo_is_a_state_with_its_user_assigned_code(directory):
    found = propose("Kosovo closed the Jarinje crossing on Thursday.", published=None, directory=directory)
    assert [(a.name, a.country) for a in found.new_actors] == [("Kosovo", "XK")]


def test_a_un_body_with_a_name_of_its_own_is_its_own_organization(directory):
    text = (
        "The UN Assistance Mission in Freedonia (UNAMF) said it had received "
        '"credible reports" of casualties. '
        "The UN Security Council met on Friday."
    )
    found = propose(text, published=None, directory=directory)
    [reaction] = found.reactions
    [new] = found.new_actors
    assert reaction.actor.new == new.key
    assert (new.name, new.kind, new.aliases) == (
        "UN Assistance Mission in Freedonia",
        "international_organization",
        ["UNAMF"],
    )
