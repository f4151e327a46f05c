"""The PLOVER values themselves: 16 types, the modes each allows, and the contexts (manual Draft 0.8)."""

import pytest

from events.plover import MODES, PloverContext, PloverMode, PloverType, mode_fits, normalise_contexts


def test_there_are_the_sixteen_types_of_the_manual():
    assert PloverType.values == ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                                 "DEMAND", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
                                 "MOBILIZE", "COERCE", "ASSAULT"]
    # The repository's README still lists older types; the manual wins.
    assert not {"INVESTIGATE", "DISAPPROVE", "FIGHT", "CRIME", "REQUEST"} & set(PloverType.values)


def test_every_type_lists_its_modes_and_every_mode_belongs_to_a_type():
    assert set(MODES) == set(PloverType.values)
    used = {mode for modes in MODES.values() for mode in modes}
    assert used == set(PloverMode.values)


def test_sanction_modes_are_the_manuals():
    assert MODES["SANCTION"] == ("convict", "expel", "withdraw", "discontinue")


@pytest.mark.parametrize(("plover_type", "mode", "fits"), [
    ("SANCTION", "withdraw", True),
    ("RETREAT", "withdraw", True),  # one mode name, two types
    ("SANCTION", "visit", False),
    ("AGREE", "visit", False),  # AGREE takes no mode
    ("", "withdraw", False),  # a mode needs a type
    ("ACCUSE", "", True),
    ("", "", True),
])
def test_a_mode_fits_only_the_types_that_allow_it(plover_type, mode, fits):
    assert mode_fits(plover_type, mode) is fits


def test_contexts_come_out_once_each_in_the_manuals_order():
    assert normalise_contexts(["legal", "diplomatic", "legal"]) == ["diplomatic", "legal"]
    assert normalise_contexts([]) == []
    assert "future" in PloverContext.values  # the special contexts are contexts too


def test_an_unknown_context_is_named_with_the_allowed_ones():
    with pytest.raises(ValueError, match="Unknown PLOVER context: diplomacy; use any of: military, "):
        normalise_contexts(["diplomatic", "diplomacy"])
