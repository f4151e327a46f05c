"""Claims resting on anonymous sources or hedges are alleged."""

import pytest

from intake.proposals import propose


@pytest.mark.parametrize(
    "text",
    [
        "Sylvania backed the raid, according to sources in the capital.",
        "Sylvania allegedly backed the raid.",
        "Sylvania reportedly backed the raid.",
        "Sylvania backed the raid, an official said on condition of anonymity.",
    ],
)
def test_hedged_claim_is_alleged(text, directory):
    [reaction] = propose(text, published=None, directory=directory).reactions
    assert (reaction.actor.key, reaction.kind, reaction.certainty) == ("sylvania", "support", "alleged")


def test_plain_claim_is_reported(directory):
    [reaction] = propose("Sylvania backed the raid.", published=None, directory=directory).reactions
    assert reaction.certainty == "reported"
