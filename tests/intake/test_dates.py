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


def test_a_merged_record_is_dated_by_its_main_passage_not_by_a_later_one(directory):
    text = (
        "Peru lodged a formal protest with Freedonia over the arrest of its consul.\n\n"
        "Peru had lodged a formal protest on 2 February as well, over a border marker."
    )
    [reaction] = propose(text, published=PUBLISHED, directory=directory).reactions
    assert len(reaction.excerpts) == 2 and reaction.date.value is None


def test_a_headline_gives_way_to_the_lede_for_the_date(directory):
    text = (
        "Chile recalls envoy from Freedonia\n\n"
        "Chile recalled its ambassador from Freedonia on Saturday, the foreign ministry said."
    )
    [reaction] = propose(text, published=PUBLISHED, directory=directory).reactions
    assert reaction.date.value == datetime.date(2025, 3, 8)


def test_a_meeting_to_come_told_before_the_verb_gives_no_date(directory):
    text = (
        "The OAS will discuss the arrests at a meeting of its permanent council on Thursday, a "
        "spokesperson said."
    )
    [reaction] = propose(text, published=PUBLISHED, directory=directory).reactions
    assert reaction.date.value is None


def test_a_date_after_after_is_the_date_of_what_was_reacted_to(directory):
    text = (
        "Chile recalled its ambassador from Freedonia after Freedonian troops crossed the river on Saturday."
    )
    assert reaction_dates(text, directory)[("chile", "recalled_or_expelled_diplomats")] is None


def test_a_date_in_an_opening_clause_of_another_event_is_not_the_reactions(directory):
    text = "Following the Freedonian vote on Saturday, Chile recalled its ambassador."
    assert reaction_dates(text, directory)[("chile", "recalled_or_expelled_diplomats")] is None


def statement_date(text, directory, published=PUBLISHED):
    [statement] = propose(text, published=published, directory=directory).statements
    return statement.date.value


def test_a_quote_in_an_after_clause_is_not_dated_by_the_main_clause(directory):
    text = (
        "Chile on Saturday expelled Freedonia's ambassador after the envoy, Ivo Brandt, called the "
        'Chilean navy "a band of pirates" on the radio.'
    )
    assert statement_date(text, directory) is None


def test_a_weekday_inside_the_quote_does_not_date_the_statement(directory):
    text = '"He has until Friday to leave," Rufus Firefly said.'
    assert statement_date(text, directory) is None


def test_the_day_the_words_were_said_dates_the_statement(directory):
    text = '"We will not be lectured," Rufus Firefly told reporters on Saturday, after the vote.'
    assert statement_date(text, directory) == datetime.date(2025, 3, 8)


def test_a_date_of_what_the_speaker_reports_is_not_the_statements(directory):
    text = 'Rufus Firefly said the patrol had crossed the river on Saturday "by mistake".'
    assert statement_date(text, directory) is None


def test_the_year_a_thing_was_set_up_neither_dates_nor_backgrounds_a_reaction(directory):
    text = "Peru called on both neighbours to settle the matter through the commission they set up in 1984."
    assert reaction_dates(text, directory) == {("peru", "statement"): None}


def test_a_treaty_named_by_its_year_dates_nothing(directory):
    text = "Chile condemned the dam as a breach of the 1992 treaty."
    assert reaction_dates(text, directory) == {("chile", "condemnation"): None}


def test_the_day_an_earlier_step_was_reported_does_not_date_it(directory):
    text = "Its spokesman told a briefing on Saturday that Chile had lodged a protest with Freedonia."
    assert reaction_dates(text, directory) == {("chile", "condemnation"): None}


def test_the_day_a_step_is_announced_dates_it(directory):
    text = "Chile said on Saturday that it was recalling its ambassador from Freedonia."
    recall = ("chile", "recalled_or_expelled_diplomats")
    assert reaction_dates(text, directory)[recall] == datetime.date(2025, 3, 8)


def test_a_date_naming_the_event_reacted_to_is_not_the_reactions(directory):
    assert reaction_dates("Chile condemned Friday's raid on the consulate.", directory) == {
        ("chile", "condemnation"): None
    }
    assert reaction_dates("Chile condemned the March 3 raid.", directory) == {("chile", "condemnation"): None}


def test_a_date_after_the_that_opens_the_sentence_dates_the_reaction(directory):
    text = "On the 8th of March, Chile condemned the raid."
    assert reaction_dates(text, directory) == {("chile", "condemnation"): datetime.date(2025, 3, 8)}


def test_a_state_following_suit_takes_its_own_day_not_the_first_states(directory):
    text = "Peru recalled its ambassador from Freedonia on Monday. Bolivia followed suit on Tuesday."
    found = propose(text, published=datetime.date(2025, 6, 12), directory=directory).reactions
    dates = {r.actor.key: r.date.value for r in found}
    assert dates == {"peru": datetime.date(2025, 6, 9), "bolivia": datetime.date(2025, 6, 10)}


def test_a_reaction_told_in_an_apposition_does_not_take_the_acts_date(directory):
    text = 'Freedonia banned Sylvanian eggs on Monday, a move Sylvania called "protectionism in disguise".'
    found = propose(text, published=datetime.date(2025, 6, 12), directory=directory).reactions
    condemnation = next(r for r in found if r.actor.key == "sylvania")
    assert condemnation.date.value is None
