"""Every pattern in intake/rules.yaml proves itself on its own examples."""

import pytest

from intake.proposals import Rules, RulesError, propose
from intake.proposals.rules import DEFAULT_RULES_PATH

from .directory import BY_NAME

RULES = Rules.load()


def _cases():
    for pattern in RULES.reactions:
        for example in pattern.examples:
            yield pytest.param(pattern, example, id=f"{pattern.name}:{example.text[:40]}")


@pytest.mark.parametrize(("pattern", "example"), list(_cases()))
def test_reaction_pattern_example_gives_its_kind(pattern, example, directory):
    proposals = propose(example.text, published=None, directory=directory)
    got = {r.actor.key for r in proposals.reactions if r.kind == pattern.kind}
    for name in example.actors:
        assert BY_NAME[name] in got, f"{pattern.name} missed {name} in {example.text!r}"
    if example.stance:
        stances = {r.stance for r in proposals.reactions if r.kind == pattern.kind}
        assert example.stance in stances


def _not_cases():
    for pattern in RULES.reactions:
        for text in pattern.not_examples:
            yield pytest.param(pattern, text, id=f"{pattern.name}:not:{text[:40]}")


@pytest.mark.parametrize(("pattern", "text"), list(_not_cases()))
def test_reaction_pattern_counter_example_gives_nothing_of_its_kind(pattern, text, directory):
    proposals = propose(text, published=None, directory=directory)
    assert not [r for r in proposals.reactions if r.kind == pattern.kind]


@pytest.mark.parametrize("cue", RULES.hedges, ids=lambda c: c.regex.pattern[:30])
def test_hedge_examples_are_alleged(cue):
    for example in cue.examples:
        assert cue.regex.search(example.text.lower()), example.text


@pytest.mark.parametrize("cue", [*RULES.negations, *RULES.hypotheticals], ids=lambda c: c.regex.pattern[:30])
def test_negation_and_hypothetical_examples_propose_nothing(cue, directory):
    for example in cue.examples:
        assert cue.regex.search(example.text.lower())
        assert propose(example.text, published=None, directory=directory).reactions == []


@pytest.mark.parametrize("cue", RULES.precautions, ids=lambda c: c.regex.pattern[:30])
def test_precaution_examples_make_a_step_neutral(cue, directory):
    for example in cue.examples:
        assert cue.regex.search(example.text.lower()), example.text
        stances = {r.stance for r in propose(example.text, published=None, directory=directory).reactions}
        assert stances == {"neutral"}, example.text


def test_stance_cue_examples_match():
    for cue in [*RULES.stance_cues, *RULES.statement_reactions]:
        for example in cue.examples:
            assert cue.regex.search(example.text.lower()), example.text


def test_every_cameo_code_is_one_the_database_accepts():
    from events.cameo import CAMEO_CODES

    codes = {p.cameo_code for p in RULES.reactions} | {c.cameo_code for c in RULES.statement_reactions}
    assert codes - {None} <= set(CAMEO_CODES)


def test_malformed_rules_name_the_section(tmp_path):
    bad = DEFAULT_RULES_PATH.read_text(encoding="utf-8").replace("kind: severed_ties", "kind: severed", 1)
    path = tmp_path / "rules.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(RulesError, match=r"reactions\[1\].*severed"):
        Rules.load(path)


def test_a_pattern_without_example_is_refused():
    data = dict(RULES.raw)
    data["reactions"] = [{"kind": "support", "stance": "supports", "patterns": [{"pattern": r"\bhails\b"}]}]
    with pytest.raises(RulesError, match="at least one example"):
        Rules.from_dict(data)


def test_a_key_given_twice_is_refused(tmp_path):
    text = DEFAULT_RULES_PATH.read_text(encoding="utf-8").replace(
        "country_aliases:\n", "country_aliases:\n  GB: [Albion]\n", 1
    )
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesError, match="'GB' is given twice"):
        Rules.load(path)


def test_words_such_as_on_and_no_stay_words():
    # YAML 1.1 would read them as True and False; "calling on Peru" needs "on".
    assert "on" in RULES.object_prepositions
    assert "no" in RULES.function_words


def test_an_organization_needs_a_name():
    data = dict(RULES.raw)
    data["organizations"] = [{"aliases": ["XYZ"]}]
    with pytest.raises(RulesError, match=r"organizations\[0\].*missing name"):
        Rules.from_dict(data)


def test_an_organization_name_with_an_unquoted_comma_is_refused(tmp_path):
    text = DEFAULT_RULES_PATH.read_text(encoding="utf-8").replace(
        "organizations:\n",
        "organizations:\n  - {name: Bank of Trade, Finance and Ports, aliases: [BTFP]}\n",
        1,
    )
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesError, match=r"organizations\[0\].*quote a name"):
        Rules.load(path)


@pytest.mark.parametrize("cue", RULES.echoes, ids=lambda c: c.regex.pattern[:30])
def test_echo_examples_give_the_echoing_states_the_reaction_before(cue, directory):
    for example in cue.examples:
        found = propose(example.text, published=None, directory=directory).reactions
        first = next(r for r in found if r.actor.key not in {BY_NAME[n] for n in example.actors})
        for name in example.actors:
            assert (BY_NAME[name], first.kind) in {(r.actor.key, r.kind) for r in found}, example.text


def test_an_echo_after_a_negation_gives_nothing(directory):
    text = "Peru recalled its ambassador from Freedonia on Monday. Bolivia did not follow suit."
    assert {r.actor.key for r in propose(text, published=None, directory=directory).reactions} == {"peru"}


def test_an_echo_inside_a_sentence_echoes_only_that_sentence(directory):
    text = "Mexico abstained. Sylvania voted for the text, as did Peru."
    found = {(r.actor.key, r.kind) for r in propose(text, published=None, directory=directory).reactions}
    assert ("peru", "abstention") not in found
