"""Whole test articles (our own words) against the records a curator would make of them."""

import dataclasses

import pytest

from intake.proposals import propose, score

from .gold import article, gold_records, load_gold

GOLD = load_gold()


def without_known_misses(entry, proposals, reactions, statements):
    """An article's `known_misses` (gold.yaml): records the engine is known to miss or to get wrong,
    each with why, set aside so that the rest of the article is still held to the thresholds."""
    known = entry.get("known_misses") or {}
    missed = {tuple(item.split()) for item in known.get("reactions", [])}
    extra = {tuple(item.split()) for item in known.get("extra_reactions", [])}
    quotes = set(known.get("quotes", []))
    reactions = [r for r in reactions if (r.actor, r.kind) not in missed]
    statements = [s for s in statements if s.quote not in quotes]
    kept = [r for r in proposals.reactions if (r.actor.key, r.kind) not in extra]
    return dataclasses.replace(proposals, reactions=kept), reactions, statements


@pytest.mark.parametrize("name", sorted(GOLD))
def test_article_proposals_cite_verbatim_and_find_the_curated_records(name, directory):
    entry = GOLD[name]
    proposals = propose(article(name), published=entry["published"], directory=directory)
    reactions, statements = gold_records(entry)
    everything = score(proposals, reactions=reactions, statements=statements, name=name)
    assert everything.spans_verbatim == everything.spans
    assert everything.dates_invented == 0
    proposals, reactions, statements = without_known_misses(entry, proposals, reactions, statements)
    result = score(proposals, reactions=reactions, statements=statements, name=name)
    if reactions:
        assert result.reaction_recall >= 0.8 and result.reaction_precision >= 0.8
    assert result.statements_right == len(statements)


def test_known_misses_name_records_of_the_article(directory):
    for name, entry in GOLD.items():
        known = entry.get("known_misses") or {}
        reactions, statements = gold_records(entry)
        keys = {f"{r.actor} {r.kind}" for r in reactions}
        assert set(known.get("reactions", [])) <= keys, name
        assert set(known.get("quotes", [])) <= {s.quote for s in statements}, name
        assert not set(known.get("extra_reactions", [])) & keys, name


def test_analysis_full_of_negations_and_places_proposes_no_reaction(directory):
    assert propose(article("standoff_analysis"), published=None, directory=directory).reactions == []
