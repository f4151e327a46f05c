"""Whole test articles (our own words) against the records a curator would make of them."""

import pytest

from intake.proposals import propose, score

from .gold import article, gold_records, load_gold

GOLD = load_gold()


@pytest.mark.parametrize("name", sorted(GOLD))
def test_article_proposals_cite_verbatim_and_find_the_curated_records(name, directory):
    entry = GOLD[name]
    proposals = propose(article(name), published=entry["published"], directory=directory)
    reactions, statements = gold_records(entry)
    result = score(proposals, reactions=reactions, statements=statements, name=name)
    assert result.spans_verbatim == result.spans
    assert result.dates_invented == 0
    if reactions:
        assert result.reaction_recall >= 0.8 and result.reaction_precision >= 0.8
    assert result.statements_right == len(statements)


def test_analysis_full_of_negations_and_places_proposes_no_reaction(directory):
    assert propose(article("standoff_analysis"), published=None, directory=directory).reactions == []
