"""Statements: quotes, their speakers and whom they speak for."""

import datetime

from intake.proposals import propose


def statements(text, directory, published=None):
    return propose(text, published=published, directory=directory).statements


def test_speaker_after_quote_x_said(directory):
    [s] = statements('"We will not yield," Marta Ibáñez said.', directory)
    assert (s.speaker.key, s.quote.text, s.on_behalf_of.key) == (
        "marta-ibanez",
        "We will not yield,",
        "sylvania",
    )


def test_said_x_with_role_gives_on_behalf_of(directory):
    [s] = statements('"Talks are over," said Ana Ruiz, Chile\'s foreign minister.', directory)
    assert s.speaker.key == "new:ana-ruiz" and s.on_behalf_of.key == "chile"


def test_x_told_reporters(directory):
    [s] = statements('Tomas Keller told reporters: "The region has seen nothing like it."', directory)
    assert s.speaker.key == "tomas-keller" and s.on_behalf_of is None


def test_according_to_x(directory):
    [s] = statements('"The border stays closed," according to Rufus Firefly.', directory)
    assert s.speaker.key == "rufus-firefly" and s.on_behalf_of.key == "freedonia"


def test_x_wrote_on_x(directory):
    [s] = statements('Ibanez wrote on X that the seizure was "a provocation."', directory)
    assert s.speaker.key == "marta-ibanez"


def test_quote_spanning_several_sentences_is_one_quote(directory):
    [s] = statements(
        '"We came in peace. We leave in anger. Nobody will forget it," Rufus Firefly said.', directory
    )
    assert s.quote.text == "We came in peace. We leave in anger. Nobody will forget it,"


def test_speaker_named_in_previous_sentence(directory):
    text = 'Marta Ibáñez addressed the assembly on Monday:\n"Sylvania will defend its citizens."'
    [s] = statements(text, directory)
    assert s.speaker.key == "marta-ibanez" and s.attribution == "previous"


def test_quote_continued_in_next_sentence_keeps_speaker(directory):
    text = '"This is a disgrace," Rufus Firefly said. "We will answer in kind."'
    first, second = statements(text, directory)
    assert first.speaker == second.speaker and second.quote.text == "We will answer in kind."


def test_pronoun_speaker_is_last_person_named(directory):
    text = 'Tomas Keller studies the border.\n\n"It will get worse," he said.'
    [s] = statements(text, directory)
    assert s.speaker.key == "tomas-keller"


def test_accent_and_case_insensitive_name_match(directory):
    [s] = statements('"Enough," said MARTA IBANEZ.', directory)
    assert s.speaker.key == "marta-ibanez"


def test_former_official_speaks_for_nobody(directory):
    [s] = statements('Former Chilean ambassador Luis Prado said the raid was "a grave error."', directory)
    assert s.on_behalf_of is None and s.speaker.key == "new:luis-prado"


def test_state_department_spokesperson_speaks_for_united_states(directory):
    [s] = statements('"We are watching closely," a State Department spokesperson, Joan Ell, said.', directory)
    assert s.on_behalf_of.key == "united-states"


def test_scare_quotes_without_speaker_are_not_statements(directory):
    assert statements('Consulates are "inviolable" under the treaty.', directory) == []


def test_quote_and_excerpt_are_verbatim(directory):
    text = "Intro line.\n\n“We will not bow,” Chile’s foreign minister, Ana Ruiz, said on Friday."
    proposals = propose(text, published=datetime.date(2025, 3, 10), directory=directory)
    [s] = proposals.statements
    for cited in (s.quote, s.excerpt):
        assert text[cited.start : cited.end] == cited.text
    assert s.date.value == datetime.date(2025, 3, 7)


def test_first_verb_of_saying_with_a_subject_attributes_the_quote(directory):
    text = 'Marta Ibáñez said the envoy had been called home "for consultations".'
    [s] = statements(text, directory)
    assert s.speaker.key == "marta-ibanez"


def test_clause_after_a_quote_is_not_its_attribution(directory):
    text = (
        'Rufus Firefly said the consul had been summoned "for an explanation" and that Chile had asked '
        "for a meeting."
    )
    [s] = statements(text, directory)
    assert s.speaker.key == "rufus-firefly"


def test_colon_introduces_the_quote_of_the_clause_before_it(directory):
    [s] = statements('Marta Ibáñez put it plainly: "These are hostages, not detainees."', directory)
    assert s.speaker.key == "marta-ibanez"


def test_quote_right_after_its_subject(directory):
    [s] = statements('The OAS "deplored" the expulsion.', directory)
    assert s.speaker.key == "oas"


def test_earlier_quote_shares_the_speaker_named_after_a_later_one(directory):
    text = 'The OAS is "deeply concerned" and "urges both sides to talk," its spokesperson Lina Roth said.'
    first, second = statements(text, directory)
    assert first.speaker == second.speaker and first.speaker.key == "new:lina-roth"


def test_pronoun_right_before_the_verb_is_the_speaker(directory):
    text = 'Tomas Keller arrived late. Asked about the border, he said only that it was "calm".'
    [s] = statements(text, directory)
    assert s.speaker.key == "tomas-keller"


def test_ministry_named_in_a_capital_speaks_for_its_state(directory):
    text = 'In Lima, the foreign ministry said the crew were "treated well".'
    [s] = statements(text, directory)
    assert s.on_behalf_of.key == "peru"


def test_name_of_a_ministry_is_no_pronoun(directory):
    text = 'Chile protested. The Ministry of Foreign Affairs and Trade of Peru said the ship had "no permit".'
    [s] = statements(text, directory)
    assert s.speaker.key == "new:ministry-of-foreign-affairs-and-trade-of-peru"
    assert s.on_behalf_of.key == "peru"


def test_first_name_alone_is_the_person_named_in_full_before(directory):
    text = 'Ratna Sari, Peru\'s foreign minister, spoke on Monday. Ratna said the talks were "over".'
    first = statements(text, directory)[0]
    assert first.speaker.key == "new:ratna-sari"


def test_its_minister_speaks_for_the_state_its_points_back_to(directory):
    text = (
        "Peru, whose ports lie between Chile and Freedonia, was more careful. Its trade minister, Ana "
        'Ruiz, urged both neighbours to talk and asked Chile to share its data "so that ships can plan."'
    )
    [s] = statements(text, directory)
    assert (s.speaker.key, s.on_behalf_of.key) == ("new:ana-ruiz", "peru")


def test_official_after_a_sentence_of_their_state_speaks_for_it(directory):
    text = (
        "Freedonia seized the ferry on Monday.\n\n"
        "Chile offered on Wednesday to host talks. "
        '"We can offer a table to both sides," foreign ministry spokesperson Ana Ruiz said.'
    )
    [s] = statements(text, directory)
    assert s.on_behalf_of.key == "chile"


def test_the_object_of_an_officials_verb_is_not_their_state(directory):
    text = (
        "Freedonia seized the ferry on Monday.\n\n"
        'Foreign Minister Ana Ruiz urged Chile to "show restraint" after talks in the capital.'
    )
    [s] = statements(text, directory)
    assert s.on_behalf_of.key == "freedonia"


def test_a_ministry_named_in_full_is_no_pronoun(directory):
    text = (
        "Freedonia says the crew was fishing illegally.\n\n"
        "The Department of Foreign Affairs of Chile summoned the Freedonian ambassador. "
        '"This is a kidnapping," Foreign Secretary Ana Ruiz told reporters.'
    )
    [s] = statements(text, directory)
    assert s.on_behalf_of.key == "chile"


def test_he_said_points_back_to_a_person_named_as_an_object(directory):
    text = (
        "Freedonia's account came from Ivo Brandt, an adviser to the president, who spoke on Sunday. "
        '"These men crossed our border with weapons," he said.'
    )
    [s] = statements(text, directory)
    assert s.speaker.key == "new:ivo-brandt"


def test_a_title_after_the_comma_leaves_the_role_before_it(directory):
    text = (
        "Peru's minister of territorial administration, Colonel Ana Ruiz, said the governments "
        '"respect the sovereign choice" of the Freedonian people.'
    )
    [s] = statements(text, directory)
    assert (s.speaker.key, s.on_behalf_of.key) == ("new:ana-ruiz", "peru")


def test_portfolio_words_before_minister_are_no_part_of_the_name(directory):
    text = (
        '"We cannot pay for this," Chilean Development Minister Ana Ruiz said. '
        '"It will not reduce a drop," according to Water and Energy Minister Ivo Brandt of Peru.'
    )
    found = statements(text, directory)
    assert [(s.speaker.key, s.on_behalf_of.key) for s in found] == [
        ("new:ana-ruiz", "chile"),
        ("new:ivo-brandt", "peru"),
    ]


def test_an_official_is_not_of_the_state_whose_forces_the_article_opens_on(directory):
    text = (
        "When Freedonian coast guard officers boarded the Sylvanian ship on Sunday, they did more than "
        "arrest its crew.\n\n"
        "Sylvania's response was swift. Sylvania recalled its ambassador on Monday.\n\n"
        '"This is a grave breach of the law of the sea," Chief Cabinet Secretary Ana Ruiz told reporters.'
    )
    [s] = statements(text, directory)
    assert (s.speaker.key, s.on_behalf_of.key) == ("new:ana-ruiz", "sylvania")


def test_an_official_in_a_wire_report_speaks_for_the_state_it_leads_with(directory):
    text = (
        "Sylvania recalled its ambassador from Freedonia on Thursday.\n\n"
        "Freedonia says the dredger had no permit to work in its waters.\n\n"
        '"Our crew were doing lawful work," Foreign Minister Ana Ruiz told reporters.'
    )
    [s] = statements(text, directory)
    assert s.on_behalf_of.key == "sylvania"


def test_a_source_closing_the_sentence_is_the_speaker_of_its_quote(directory):
    text = (
        'The OAS secretary general "firmly condemns the seizure" and calls for the release of the crew, '
        "his spokesperson, Ana Ruiz, told reporters on Wednesday."
    )
    [s] = statements(text, directory)
    assert (s.speaker.key, s.on_behalf_of.key) == ("new:ana-ruiz", "oas")


def test_a_named_spokesperson_is_the_speaker_not_the_government_before_the_name(directory):
    text = '"Freedonia had nothing to do with this," said government spokesperson Ana Ruiz of Freedonia.'
    [s] = statements(text, directory)
    assert s.speaker.key == "new:ana-ruiz"


def test_an_ambassador_to_an_organization_speaks_for_their_own_state(directory):
    text = (
        "Chile has requested an urgent session of the OAS permanent council, its ambassador to the "
        'organization, Ana Ruiz, said. "We cannot wait," she said.'
    )
    found = statements(text, directory)
    assert [(s.speaker.key, s.on_behalf_of.key) for s in found] == [("new:ana-ruiz", "chile")]


def test_the_state_whose_ambassador_is_expelled_is_no_source(directory):
    text = (
        "Chile on Tuesday declared Peru's ambassador persona non grata.\n\n"
        'The foreign ministry said the envoy had held "unauthorised meetings" in the north.'
    )
    [s] = statements(text, directory)
    assert s.on_behalf_of.key == "chile"


def test_an_unnamed_spokesman_speaks_for_the_state_just_named(directory):
    text = (
        "Chile says the boats were fishing without licences. A coast guard spokesman told local "
        'television the crews would be "dealt with according to law."'
    )
    [s] = statements(text, directory)
    assert s.speaker.key == "chile"


def test_a_spokesman_for_a_named_organization_is_no_pronoun(directory):
    text = 'Chile condemned the raid. A spokesman for the OAS said it was "following events closely."'
    [s] = statements(text, directory)
    assert s.on_behalf_of.key == "oas"


def test_a_participle_after_a_main_clause_has_the_clauses_subject_as_speaker(directory):
    text = 'The OAS backed Sylvania, calling in a statement on Tuesday for "respect for its sovereignty".'
    [s] = statements(text, directory)
    assert s.speaker.key == "oas"


def test_an_unnamed_spokesperson_may_speak_for_an_organization(directory):
    text = (
        'The OAS "deplores" the new barriers, a spokesperson said on Monday, and "calls on Freedonia to '
        'reverse these steps."'
    )
    assert {s.speaker.key for s in statements(text, directory)} == {"oas"}


def test_its_ministry_is_the_states_even_when_a_person_of_it_is_the_sentences_source(directory):
    text = (
        "The Chilean government has done what small states do. Its foreign ministry protested, calling the "
        'move "creeping annexation", and Foreign Minister Ana Ruiz asked observers to document the line.'
    )
    [s] = statements(text, directory)
    assert s.speaker.key == "new:foreign-ministry-of-chile"


def test_an_office_a_comma_and_a_name_after_the_quote_name_the_person(directory):
    text = '"The trail leads across the border," Chile\'s security chief, Ana Ruiz, told a news conference.'
    [s] = statements(text, directory)
    assert (s.speaker.key, s.on_behalf_of.key) == ("new:ana-ruiz", "chile")


def test_said_a_spokeswoman_for_a_ministry_then_her_name_is_the_spokeswoman(directory):
    text = '"We learned of it from the news," said a spokeswoman for the Peruvian foreign ministry, Ana Ruiz.'
    [s] = statements(text, directory)
    assert (s.speaker.key, s.on_behalf_of.key) == ("new:ana-ruiz", "peru")


def test_he_said_points_back_to_an_official_named_by_office_not_to_a_person_in_an_aside(directory):
    text = (
        "Peru's president, who spoke after Rufus Firefly, defended the old treaty. "
        '"Borders here were settled long ago," he said.'
    )
    [s] = statements(text, directory)
    assert (s.speaker.key, s.on_behalf_of.key) == ("peru", "peru")


def test_he_said_after_an_official_named_in_full_is_that_person(directory):
    text = (
        "Peru's president, Ana Ruiz, who spoke after Rufus Firefly, defended the old treaty. "
        '"Borders here were settled long ago," she said.'
    )
    [s] = statements(text, directory)
    assert s.speaker.key == "new:ana-ruiz"


def test_according_to_x_before_the_quote(directory):
    text = 'According to Chilean Foreign Minister Ana Ruiz, "a border is a line on a map, not a licence."'
    [s] = statements(text, directory)
    assert (s.speaker.key, s.attribution) == ("new:ana-ruiz", "according_to")


def test_according_to_the_ministry_points_back_to_the_ministry_named_before(directory):
    text = (
        "Peru's defence ministry said the crew had strayed. According to the ministry, the flight was "
        '"a routine supply mission".'
    )
    [s] = statements(text, directory)
    assert s.speaker.key == "new:defence-ministry-of-peru"


def test_according_to_sources_before_a_quote_names_no_speaker(directory):
    text = 'According to sources in Lima, the flight was "a routine supply mission".'
    assert statements(text, directory) == []


def test_a_participle_after_and_shares_the_subject_of_its_clause(directory):
    text = (
        "Chile and Peru issued a joint statement backing Sylvania and accusing Freedonia of "
        '"playing with fire."'
    )
    [s] = statements(text, directory)
    assert s.speaker.key == "chile"


def test_x_calls_it(directory):
    [s] = statements('Freedonia calls the patrol "a routine exercise".', directory)
    assert s.speaker.key == "freedonia"


def test_the_minister_after_a_named_minister_is_that_person(directory):
    text = (
        '"They are not spies," Foreign Minister Ana Ruiz of Peru told reporters.\n\n'
        'The minister said the crew had been "beaten and robbed of their catch".'
    )
    assert [s.speaker.key for s in statements(text, directory)] == ["new:ana-ruiz", "new:ana-ruiz"]


def test_the_minister_with_no_minister_named_before_speaks_as_the_state(directory):
    text = 'Peru recalled its envoy. The minister said the crew had been "beaten".'
    [s] = statements(text, directory)
    assert s.speaker.key == "peru"


def test_the_foreign_ministry_without_a_country_is_the_ministry_of_the_state_it_speaks_for(directory):
    text = 'LIMA - Peru recalled its envoy.\n\nThe foreign ministry said the arrests were "a provocation".'
    [s] = statements(text, directory)
    assert (s.speaker.key, s.on_behalf_of.key) == ("new:foreign-ministry-of-peru", "peru")


def test_the_statement_said_points_back_to_the_ministry_that_issued_it(directory):
    text = (
        "LIMA - Peru expelled a Freedonian diplomat, the foreign ministry said in a statement.\n\n"
        '"Such activity is incompatible with diplomatic status," the statement said.'
    )
    [s] = statements(text, directory)
    assert s.speaker.key == "new:foreign-ministry-of-peru"


def test_a_hyphenated_office_is_no_part_of_the_name(directory):
    [s] = statements('OAS Secretary-General Ana Ruiz said the region was "calm".', directory)
    assert (s.speaker.key, s.on_behalf_of.key) == ("new:ana-ruiz", "oas")


def test_an_unnamed_ministry_official_is_the_ministry_named_before(directory):
    text = (
        "Chile's interior ministry said the lawmaker had been stopped by mistake. A ministry official, who "
        'asked not to be named, said the list had "not been updated since 2019."'
    )
    [s] = statements(text, directory)
    assert (s.speaker.key, s.on_behalf_of.key) == ("new:interior-ministry-of-chile", "chile")


def test_a_foreign_adviser_speaks_for_the_state_named_with_the_office(directory):
    text = '"No agreement allows it," Peru\'s foreign adviser, Ana Ruiz, said.'
    [s] = statements(text, directory)
    assert (s.speaker.key, s.on_behalf_of.key) == ("new:ana-ruiz", "peru")


def test_the_ambassador_after_an_ambassador_named_with_a_posting_is_that_person(directory):
    text = (
        "Chile's ambassador to the UN, Ana Ruiz, addressed the council. "
        '"This is a violation," the ambassador told the council.'
    )
    [s] = statements(text, directory)
    assert s.speaker.key == "new:ana-ruiz"


def test_a_quote_after_a_sentence_about_a_person_speaks_in_that_persons_voice(directory):
    text = 'Chile recalled its envoy. Foreign Minister Ana Ruiz was blunt. "This is a violation."'
    [s] = statements(text, directory)
    assert (s.speaker.key, s.attribution) == ("new:ana-ruiz", "previous")


def test_a_source_after_a_semicolon_belongs_to_the_next_clause(directory):
    text = 'Peru called it "unacceptable"; Chile said it was "a violation".'
    assert [s.speaker.key for s in statements(text, directory)] == ["peru", "chile"]


def test_the_verb_of_the_quotes_own_clause_attributes_it(directory):
    text = (
        '"It is a disgrace," Chilean President Gabriel Soto said, while Peru\'s Ana Ruiz called it '
        '"a crime".'
    )
    assert [s.speaker.key for s in statements(text, directory)] == ["new:gabriel-soto", "new:ana-ruiz"]


def test_according_to_a_statement_from_x_is_x(directory):
    [s] = statements('"We will respond," according to a statement from Peru\'s foreign ministry.', directory)
    assert s.speaker.key == "new:foreign-ministry-of-peru"


def test_the_ministry_alone_speaks_as_its_state(directory):
    text = 'Peru protested. "We will respond," the ministry said in a statement.'
    [s] = statements(text, directory)
    assert s.speaker.key == "peru"


def test_a_persons_office_or_spokesman_speaks_as_their_state(directory):
    text = (
        'Rufus Firefly spoke on Monday. "It was lawful," Firefly\'s spokesman said. Firefly\'s office '
        'said in a statement that the crew were "criminals".'
    )
    assert [s.speaker.key for s in statements(text, directory)] == ["freedonia", "freedonia"]


def test_a_statement_from_a_body_is_the_bodys(directory):
    text = 'A statement from the Chilean presidency said the raid was "unjustifiable".'
    [s] = statements(text, directory)
    assert s.speaker.key == "new:presidency-of-chile"


def test_a_person_named_in_the_reported_clause_said_the_quoted_words(directory):
    [s] = statements('Ana Ruiz said Rufus Firefly had called the raid "a success".', directory)
    assert s.speaker.key == "rufus-firefly"


def test_words_a_named_official_told_someone_are_the_officials_not_the_reporting_ministrys(directory):
    text = (
        "Peru summoned the Freedonian ambassador. Deputy Foreign Minister Ivo Brandt told him the raid "
        'was "a grave violation", the ministry said.'
    )
    [s] = statements(text, directory)
    assert (s.speaker.key, s.on_behalf_of.key) == ("new:ivo-brandt", "peru")


def test_their_joint_statement_speaks_for_the_states_named_before(directory):
    text = (
        "Chile and Peru backed Sylvania on Monday. Their joint statement praised "
        '"the courage of the Sylvanian people."'
    )
    [s] = statements(text, directory)
    assert s.speaker.key == "chile"


def test_the_office_of_a_president_is_the_presidency(directory):
    text = (
        "The office of Chile's President Gabriel Soto defended the decision in a statement, saying "
        '"Chile is a sovereign nation."'
    )
    [s] = statements(text, directory)
    assert (s.speaker.key, s.on_behalf_of.key) == ("new:presidency-of-chile", "chile")


def test_a_body_named_by_a_common_noun_is_the_one_already_in_the_database():
    from intake.proposals import ActorDirectory, KnownActor

    known = ActorDirectory(
        [
            KnownActor("chile", "Chile", "state", country="CL"),
            KnownActor("presidency-of-chile", "Presidency of Chile", "government_body", country="CL"),
        ]
    )
    [s] = statements('"We will not yield," the Chilean presidency said.', known)
    assert s.speaker.key == "presidency-of-chile"


def test_he_points_to_an_official_named_by_office_as_an_object_in_the_same_sentence(directory):
    text = (
        'Ana Ruiz, an analyst, said she was "not surprised".\n\n'
        "Peru summoned Chile's ambassador on Saturday over remarks in which he called Peruvian traders "
        '"a problem we have tolerated too long."'
    )
    speakers = [s.speaker.key for s in statements(text, directory, published=datetime.date(2025, 3, 10))]
    assert speakers == ["new:ana-ruiz", "chile"]


def test_a_quote_in_a_relative_clause_is_not_dated_by_the_main_clause(directory):
    text = (
        "Peru summoned Chile's ambassador on Saturday over remarks in which he called Peruvian traders "
        '"a problem we have tolerated too long."'
    )
    [s] = statements(text, directory, published=datetime.date(2025, 3, 10))
    assert s.date.value is None


def test_an_alliance_official_speaks_for_the_alliance_named_before(directory):
    text = 'The OAS said it was gathering information. An alliance official said the drone was "a cheap one."'
    [s] = statements(text, directory)
    assert s.speaker.key == "oas"


def test_an_official_speaks_for_the_state_of_the_sentence_before_not_the_one_they_criticise(directory):
    text = (
        "Chile expelled a Peruvian diplomat on Monday.\n\n"
        'Peru\'s embassy called the decision "a hostile act". In a post on X, foreign ministry '
        'spokeswoman Ana Ruiz wrote that Chile was "inventing enemies."'
    )
    found = statements(text, directory)
    assert (found[-1].speaker.key, found[-1].on_behalf_of.key) == ("new:ana-ruiz", "peru")


def test_the_envoy_named_after_a_states_ambassador_speaks_for_that_state(directory):
    text = (
        "LIMA - Peru on Monday ordered Chile's ambassador to leave the country within 48 hours after the "
        'envoy, Ana Ruiz, described Peruvian migrants as "a burden" in a radio interview.'
    )
    [s] = statements(text, directory)
    assert (s.speaker.key, s.on_behalf_of.key) == ("new:ana-ruiz", "chile")
