"""Dates: used when explicit, resolved from weekdays only with a publication date, never guessed."""

import datetime

from intake.proposals import propose

PUBLISHED = datetime.date(2025, 3, 10)  # a Monday


def date_of(text, directory, published=PUBLISHED):
    [reaction] = propose(text, published=published, directory=directory).reactions
    return reaction.date.value, reaction.date.precision


def test_explicit_date_is_used(directory):
    assert date_of("Chile condemned the raid on April 5, 2024.", directory, None) == (
        datetime.date(2024, 4, 5),
        "day",
    )


def test_month_and_year_gives_month_precision(directory):
    assert date_of("In April 2024 Chile recalled its ambassador.", directory, None) == (
        datetime.date(2024, 4, 1),
        "month",
    )


def test_weekday_resolves_to_latest_such_day_on_or_before_publication(directory):
    assert date_of("Chile condemned the raid on Saturday.", directory) == (datetime.date(2025, 3, 8), "day")
    assert date_of("Chile condemned the raid on Monday.", directory) == (datetime.date(2025, 3, 10), "day")


def test_weekday_without_publication_date_is_unknown(directory):
    assert date_of("Chile condemned the raid on Saturday.", directory, None) == (None, "unknown")


def test_day_without_year_needs_publication(directory):
    assert date_of("Chile condemned the raid on April 8.", directory, None) == (None, "unknown")
    assert date_of("Chile condemned the raid on April 8.", directory, datetime.date(2025, 5, 1)) == (
        datetime.date(2025, 4, 8),
        "day",
    )


def test_no_date_in_the_sentence_is_unknown(directory):
    assert date_of("Chile condemned the raid.", directory) == (None, "unknown")


def test_a_bound_is_not_the_date(directory):
    assert date_of("Chile, silent since March 2024, condemned the raid.", directory) == (None, "unknown")


def reaction_dates(text, directory, published=PUBLISHED):
    return {
        (r.actor.key, r.kind): r.date.value
        for r in propose(text, published=published, directory=directory).reactions
    }


def test_date_of_an_announced_meeting_is_not_the_reactions(directory):
    text = "The OAS said on Saturday that its permanent council would hold an emergency session on Monday."
    assert reaction_dates(text, directory) == {("oas", "call_for_meeting"): datetime.date(2025, 3, 8)}


def test_date_a_summit_is_held_for_is_not_the_reactions(directory):
    text = "Chile convened an extraordinary summit of the region's leaders for 3 May 2025."
    assert reaction_dates(text, directory) == {("chile", "call_for_meeting"): None}


def test_date_in_an_aside_is_not_the_reactions(directory):
    text = "Peru, as in 2019, has offered to host talks between the two sides."
    assert reaction_dates(text, directory) == {("peru", "other"): None}


def test_a_request_named_in_passing_has_no_date(directory):
    text = "The OAS said on Saturday that its council would meet at Chile's request."
    assert reaction_dates(text, directory)[("chile", "call_for_meeting")] is None


def test_a_step_more_than_six_months_before_publication_is_background(directory):
    assert reaction_dates("In May 2024 Chile recalled its ambassador.", directory) == {}


def test_the_month_may_is_not_a_modal_verb(directory):
    text = "In May 2024 Chile recalled its ambassador."
    assert reaction_dates(text, directory, datetime.date(2024, 6, 1)) == {
        ("chile", "recalled_or_expelled_diplomats"): datetime.date(2024, 5, 1)
    }
