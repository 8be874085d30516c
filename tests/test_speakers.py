"""Who speaks: people grouped with their aliases, quotations and reported speech attributed to them."""

from __future__ import annotations

from seed_facts import seed_paragraphs

from reader.model import BODY, CAPTION, DIRECT, REPORTED, Paragraph, Speaker
from reader.speakers import find_speakers

SEED_QUOTES = ("businesslike", "with impunity", "will not pull down sanctions", "constructive but not conclusive",
               "We will see whether Putin", "an arms race")


def body(*texts: str) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(text, BODY) for text in texts)


def speaker_names(*texts: str) -> list[str]:
    """The names of the speakers found in body paragraphs of `texts`, in order."""
    speakers, _ = find_speakers(body(*texts))
    return [speaker.name for speaker in speakers]


def speaker_named(speakers: tuple[Speaker, ...], word: str) -> Speaker:
    matching = [s for s in speakers if word in s.name.split()]
    assert len(matching) == 1, [s.name for s in speakers]
    return matching[0]


def direct(speaker: Speaker) -> list[str]:
    return [s.text for s in speaker.statements if s.kind == DIRECT]


def test_seed_has_one_speaker_obama_with_a_statement_in_every_body_paragraph(seed_text):
    paragraphs = seed_paragraphs(seed_text)
    body_indexes = [i for i, p in enumerate(paragraphs) if p.is_body]
    assert len(body_indexes) == 8
    speakers, people = find_speakers(paragraphs)
    assert [s.name for s in speakers] == ["Barack Obama"]
    obama = speakers[0]
    assert {s.paragraph for s in obama.statements} == set(body_indexes)
    quoted = " ".join(direct(obama))
    assert all(quote in quoted for quote in SEED_QUOTES)
    assert {"Obama", "U.S. President Barack Obama", "The U.S. president"} <= set(obama.aliases)
    assert "Vladimir Putin" in [p.name for p in people]
    # every statement is found verbatim in its paragraph, so the reader can mark it in the text
    assert all(statement.text in paragraphs[statement.paragraph].text for statement in obama.statements)


def test_both_halves_of_a_split_quote_are_one_statement_of_the_speaker():
    speakers, _ = find_speakers(body("“We are ready,” Jane Smith said, “and we will not wait any longer.”"))
    smith = speaker_named(speakers, "Smith")
    assert direct(smith) == ["We are ready,” Jane Smith said, “and we will not wait any longer."]


def test_inverted_attribution_after_a_quote():
    speakers, _ = find_speakers(body("“This is in their heads,” said pollster Pat Caddell, who has run campaigns."))
    assert direct(speaker_named(speakers, "Caddell")) == ["This is in their heads"]


def test_quote_running_over_paragraphs_keeps_its_speaker():
    speakers, _ = find_speakers(body(
        "Governor Mary Jones said: “The budget is balanced for the first time in a decade.",
        "“Nobody thought we could do it, and we did it without raising taxes.”",
        "Lawmakers will vote on Tuesday.",
    ))
    jones = speaker_named(speakers, "Jones")
    assert [(s.paragraph, s.kind) for s in jones.statements] == [(0, DIRECT), (1, DIRECT)]
    assert jones.statements[1].text.startswith("Nobody thought")


def test_he_after_two_named_men_is_the_subject_not_the_last_named():
    assert speaker_names(
        "Donald Trump met Ted Cruz in Houston on Monday. He said the talks went well."
    ) == ["Donald Trump"]


def test_he_after_two_named_men_follows_the_one_who_spoke():
    speakers, _ = find_speakers(body(
        "Donald Trump met Ted Cruz in Houston on Monday, and Cruz told reporters the talks were frank.",
        "He said he would campaign in Texas.",
    ))
    cruz = speaker_named(speakers, "Cruz")
    assert 1 in {s.paragraph for s in cruz.statements}
    assert all(1 not in {s.paragraph for s in sp.statements} for sp in speakers if sp is not cruz)


def test_quote_with_no_attribution_is_nobodys():
    speakers, _ = find_speakers(body(
        "The storm reached the coast on Monday.",
        "“It was the worst night of my life.”",
        "The so-called “gold standard” of trade deals collapsed in May.",
    ))
    assert speakers == ()


def test_unattributed_quote_paragraph_goes_on_with_the_person_just_quoted():
    speakers, _ = find_speakers(body(
        "“We will win Ohio,” Senator Rob Portman said.",
        "“And then we will win the country.”",
    ))
    assert [s.paragraph for s in speaker_named(speakers, "Portman").statements] == [0, 1]


def test_nested_quotation_marks_stay_inside_the_outer_quote():
    speakers, _ = find_speakers(body("“He told me ‘never again,’ and I believed him,” Jane Smith said."))
    smith = speaker_named(speakers, "Smith")
    assert direct(smith) == ["He told me ‘never again,’ and I believed him"]


def test_organisations_speak_but_are_not_people():
    speakers, people = find_speakers(body(
        "The Kremlin said the talks with Washington had been useful.",
        "The White House said on Tuesday that no date had been set.",
    ))
    assert {s.name for s in speakers} == {"Kremlin", "White House"}
    assert all(s.statements[0].kind == REPORTED for s in speakers)
    assert people == ()


def test_reported_speech_with_according_to_and_a_pronoun_subject():
    speakers, _ = find_speakers(body(
        "Sen. Elizabeth Warren criticized the bank on Tuesday.",
        "She argued that its chief executive should resign, according to a transcript.",
        "The bank will pay a fine of $185 million, according to the Justice Department.",
    ))
    warren = speaker_named(speakers, "Warren")
    assert [s.paragraph for s in warren.statements] == [0, 1]
    justice = speaker_named(speakers, "Department")
    assert justice.statements[0].text.startswith("The bank will pay")


def test_titles_and_descriptions_are_aliases_of_one_person():
    speakers, people = find_speakers(body(
        "U.S. President Barack Obama met Russian President Vladimir Putin.",
        "Mr. Obama said the meeting was useful. The U.S. president added that talks would go on.",
    ))
    obama = speaker_named(speakers, "Obama")
    assert {"U.S. President Barack Obama", "Mr. Obama", "The U.S. president"} <= set(obama.aliases)
    assert sorted(p.name for p in people) == ["Barack Obama", "Vladimir Putin"]


def test_statements_index_the_full_paragraph_tuple_and_skip_non_body():
    paragraphs = (
        Paragraph("Sen. John Smith said the vote was rigged.", CAPTION),
        Paragraph("Sen. John Smith said the bill would pass.", BODY),
    )
    speakers, _ = find_speakers(paragraphs)
    assert [(s.paragraph, s.text) for s in speaker_named(speakers, "Smith").statements] == [
        (1, "Sen. John Smith said the bill would pass.")
    ]


def test_a_verb_inside_someone_elses_statement_makes_no_second_speaker():
    assert speaker_names("Mr. Obama said Washington does not want to see an arms race.") == ["Obama"]


def test_apposition_between_name_and_verb():
    assert speaker_names(
        "David Wasserman, House editor for the Cook Political Report, said the Senate could be on a knife's edge."
    ) == ["David Wasserman"]


def test_party_and_state_in_parentheses_do_not_hide_the_speaker():
    assert speaker_names("Rep. Gwen Moore (D-Wis.) said the remark was a dog whistle.") == ["Gwen Moore"]


def test_coordinated_subjects_one_statement_one_speaker():
    speakers, people = find_speakers(body("Mr. Grassley and Mr. Leahy say other changes are needed."))
    assert [s.name for s in speakers] == ["Grassley"]  # the first named, as a reader files it
    assert {p.name for p in people} >= {"Grassley", "Leahy"}


def test_person_of_an_organisation_speaks_not_the_organisation():
    assert speaker_names("“It was the least bad outcome,” Mr. Morgan of the Sierra Club said.") == ["Morgan"]


def test_quotation_signed_with_a_dash():
    speakers, _ = find_speakers(body("“He represents everything the country is not.” ― Karen Bobadilla."))
    assert direct(speaker_named(speakers, "Bobadilla")) == ["He represents everything the country is not."]


def test_transcript_turns_are_the_speakers_words():
    speakers, _ = find_speakers(body("WALLACE: Will she be there?", "PENCE: She will not be attending."))
    assert [(s.name, direct(s)) for s in speakers] == [
        ("Wallace", ["Will she be there?"]),
        ("Pence", ["She will not be attending."]),
    ]


def test_an_editors_label_is_no_transcript_turn():
    speakers, _ = find_speakers(body(
        "CLARIFICATION: The first sentence has been clarified to reflect the plan.",
        "EDITOR'S NOTE: An earlier version misstated the date.",
    ))
    assert speakers == ()


def test_capitalised_common_word_opening_a_sentence_is_not_a_speaker():
    speakers, _ = find_speakers(body(
        "Video shows the officer firing twice, according to the police video released on Friday.",
        "The video was recorded by a neighbour.",
    ))
    assert speakers == ()


def test_a_noun_after_a_name_is_not_a_reporting_verb():
    speakers, _ = find_speakers(body("A Facebook post by the campaign drew criticism. Trump supporters shared it."))
    assert speakers == ()


def test_a_verbs_s_form_after_an_auxiliary_is_a_noun():
    speakers, _ = find_speakers(body(
        "If the I.R.S. has questions about the returns, voters should know. Democrats have concerns too.",
        "The senator also questions the plan, Ms. Warren said.",
    ))
    assert [speaker.name for speaker in speakers] == ["Warren"]


def test_she_is_not_a_man_the_census_names():
    speakers, _ = find_speakers(body(
        "Wendell Ashby said the water board needs more money.",
        "“We cannot keep up with the repairs,” she said.",
        "Gertrude Oakes said the town would vote in May.",
        "“It is the only way,” she said.",
    ))
    assert direct(speaker_named(speakers, "Ashby")) == []
    assert direct(speaker_named(speakers, "Oakes")) == ["It is the only way"]


def test_she_after_my_mother_in_her_sentence_is_the_mother():
    speakers, _ = find_speakers(body(
        "President Obama spoke on Monday.",
        "My mother has softened with age, but she still says things such as, “We are not all meant to be equal.”",
    ))
    assert [speaker.name for speaker in speakers] == []


def test_a_verb_with_the_word_after_it_that_seldom_reports_is_no_cue():
    speakers, _ = find_speakers(body(
        "Hillary Clinton won the state’s primary on Tuesday, adding to her sizable lead in delegates.",
        "Sanders compared with Clinton trails among older voters. Sanders added that he would stay in the race.",
    ))
    assert [(speaker.name, [s.text for s in speaker.statements]) for speaker in speakers] == [
        ("Sanders", ["Sanders added that he would stay in the race."])
    ]


def test_a_list_items_first_word_is_no_name_though_the_list_has_no_full_stops():
    speakers, _ = find_speakers(body(
        "Easy setup for all your Apple devices",
        "Quick access to the controls by saying “Hey Siri”",
        "Comes with a cable, a Quick Start Guide and a case",
        "Up to 12 hours of battery life when the battery is low",
        "Take calls and control your music by saying “Hey Siri”",
    ))
    assert speakers == ()


def test_a_demonym_before_a_noun_is_no_speaker_but_a_surname_like_one_is():
    speakers, _ = find_speakers(body(
        "According to the Jordanian government, the country had admitted more than a million Syrians.",
        "“It is hard to tell,” said Burman.",
    ))
    assert [speaker.name for speaker in speakers if not speaker.unnamed] == ["Burman"]


def test_an_unnamed_sources_description_ends_at_a_preposition():
    speakers, _ = find_speakers(body("Oil prices fell after sources said Russia would not cut its output."))
    assert [(speaker.name, speaker.unnamed) for speaker in speakers] == [("sources", True)]


def test_the_subject_of_are_said_to_is_what_is_said_not_who_says_it():
    speakers, _ = find_speakers(body("Wistron and Global Lighting are said to be among the suppliers of the keyboards."))
    assert speakers == ()


def test_an_infinitive_has_no_subject_of_its_own():
    speakers, _ = find_speakers(body(
        "The deal would allow officials from both countries to claim an easy victory."
    ))
    assert speakers == ()


def test_an_unnamed_sources_description_keeps_a_whole_name():
    speakers, _ = find_speakers(body("Trump has not committed to any specifics so far, White House advisers say."))
    assert [(speaker.name, speaker.unnamed) for speaker in speakers] == [("White House advisers", True)]


def test_a_name_of_several_words_describing_the_speaker_after_the_verb():
    speakers, _ = find_speakers(body(
        "What they share is a willingness to take risks, says Food & Wine editor Dana Cowin.",
        "The market will turn, says Wall Street Journal columnist Ann Hobart.",
    ))
    assert [(speaker.name, speaker.aliases) for speaker in speakers] == [
        ("Dana Cowin", ("Food & Wine editor Dana Cowin",)), ("Ann Hobart", ("Wall Street Journal columnist Ann Hobart",))
    ]


def test_a_voice_is_named_after_its_owners_surname_not_a_suffix():
    speakers, _ = find_speakers(body("Erich Nowsch Jr. was charged. Nowsch's lawyer said his client would plead."))
    assert [speaker.name for speaker in speakers] == ["Nowsch lawyer"]


def test_what_is_no_part_of_an_unnamed_sources_description():
    speakers, _ = find_speakers(body("That is what police said on Monday."))
    assert [(speaker.name, speaker.unnamed) for speaker in speakers] == [("police", True)]


def test_a_name_opening_a_sentence_may_end_like_a_verb_or_an_adverb():
    speakers, _ = find_speakers(body(
        "Ted Cruz says the plan is a mistake.",
        "Carly Fiorina wrote that the race was far from over.",
        "Rolling Stone reported that the tour would begin in May.",
        "Leading Democrats say this time is different.",
        "Speaking Tuesday, Obama said the plan would work.",
    ))
    assert sorted(speaker.name for speaker in speakers) == [
        "Carly Fiorina", "Democrats", "Obama", "Rolling Stone", "Ted Cruz"
    ]


def test_a_common_word_opening_a_sentence_before_a_full_name_is_no_part_of_it():
    speakers, _ = find_speakers(body(
        "Moderator Bret Baier asked why the plan had failed.",
        "Rival Hillary Clinton had mocked the complaint.",
        "In May, a federal judge said the law was sound.",
    ))
    assert sorted((speaker.name, speaker.aliases) for speaker in speakers if not speaker.unnamed) == [
        ("Bret Baier", ("Moderator Bret Baier",)), ("Hillary Clinton", ("Rival Hillary Clinton",))
    ]


def test_a_name_before_a_noun_and_its_verb_is_not_the_subject_a_clause_goes_on_from():
    speakers, _ = find_speakers(body(
        "Bernie Sanders spoke in Ohio on Monday.",
        "Sanders supporters are crying fraud over delegate selection, saying the rules were rigged.",
    ))
    assert [statement.text for statement in speaker_named(speakers, "Sanders").statements] == [
        "Bernie Sanders spoke in Ohio on Monday."
    ]


def test_quotation_after_the_attributing_sentence_keeps_its_speaker():
    speakers, _ = find_speakers(body(
        "The administration may be reluctant to act, Adam Schiff said. “The other factor is the election.”"
    ))
    schiff = speaker_named(speakers, "Schiff")
    assert direct(schiff) == ["The other factor is the election."]


def test_he_goes_to_the_nearest_subject_even_of_unknown_gender():
    assert speaker_names(
        "Donald Trump visited Ohio on Monday.",
        "Kerr Putney, the police chief, said the video was unclear, but he said the footage supports the account.",
    ) == ["Kerr Putney"]


def test_campaigns_and_unnamed_aides_speak_under_their_owners_name():
    speakers, people = find_speakers(body(
        "The Trump campaign said the report was false.",
        "“That was outrageous,” Obama's former campaign strategist said in an interview.",
    ))
    assert {s.name for s in speakers} == {"Trump campaign", "Obama strategist"}
    assert "Obama's former campaign strategist" in speaker_named(speakers, "strategist").aliases
    assert people == ()


def test_a_poll_speaks_across_the_participle_that_dates_it():
    speakers, _ = find_speakers(body(
        "A Quinnipiac University poll released in late August found that most voters want the returns.",
        "Voters in the poll released on Monday said little.",
    ))
    poll = speaker_named(speakers, "poll")
    assert "Quinnipiac University poll" in (poll.name, *poll.aliases)
    assert [st.text for st in poll.statements] == [
        "A Quinnipiac University poll released in late August found that most voters want the returns."
    ]


def test_a_news_organisation_closing_a_sentence_with_reported_is_its_source():
    speakers, _ = find_speakers(body(
        "The campaign said the candidate will be attending events in Kansas on Saturday, CNN reported.",
    ))
    assert [(s.name, [st.text for st in s.statements]) for s in speakers] == [
        ("CNN", ["The campaign said the candidate will be attending events in Kansas on Saturday, CNN reported."])
    ]


def test_a_quotation_after_a_name_and_a_colon_is_theirs():
    speakers, _ = find_speakers(body(
        "Carl Bialik: “One of the biggest lessons was a simple one.”",
        "Clinton: \"Our goal is to defeat ISIS.\" Bush: \"The mission is to destroy ISIS.\"",
        "The sign read: “Vote early.” In a statement to CNN: “We are fine.”",
    ))
    assert [(s.name, direct(s)) for s in speakers] == [
        ("Carl Bialik", ["One of the biggest lessons was a simple one."]),
        ("Clinton", ["Our goal is to defeat ISIS."]),
        ("Bush", ["The mission is to destroy ISIS."]),
    ]


def test_a_clause_going_on_keeps_the_subject_not_an_object_or_a_dateline():
    assert speaker_names(
        "Donald Trump was in Ohio on Monday.",
        "Meanwhile, it attacked Trump, saying he “has offended Hispanics, women and the disabled.”",
        "CHARLOTTE - The wife of a man shot by police recorded video, pleading with officers not to shoot.",
    ) == []


def test_a_party_label_before_a_name_is_a_title_of_the_same_person():
    speakers, _ = find_speakers(body(
        "Hillary Clinton was in Ohio on Monday.",
        "Democrat Hillary Clinton said she would win the state by a wide margin.",
        "The Republican National Committee said it would appeal the ruling at once.",
    ))
    assert [(s.name, s.aliases) for s in speakers] == [
        ("Hillary Clinton", ("Democrat Hillary Clinton",)), ("Republican National Committee", ())
    ]


def test_a_form_never_marked_as_a_cue_is_no_verb():
    speakers, _ = find_speakers(body(
        "The National Guard arrived on Friday.",
        "The Guard and state troopers will remain in the city through Sunday, when the game is played.",
    ))
    assert speakers == ()


def test_inverted_attributions_with_a_description_or_opening_the_sentence():
    speakers, _ = find_speakers(body(
        "“I thought Pence did everything right,” said MSNBC host Chris Matthews.",
        "Said Ellis: “I don’t get the sense she’s interested in tax reform.”",
    ))
    assert direct(speaker_named(speakers, "Matthews")) == ["I thought Pence did everything right"]
    assert direct(speaker_named(speakers, "Ellis")) == ["I don’t get the sense she’s interested in tax reform."]


def test_adverbs_participles_and_groups_keep_their_subjects():
    speakers, _ = find_speakers(body(
        "Howard Dean angrily said the remarks were unfair.",
        "Dean, a medical doctor, began on Tuesday by saying he would never diagnose anyone on television.",
        "Police say the suspect refused to drop the gun, and the police video is still under review.",
    ))
    assert [s.paragraph for s in speaker_named(speakers, "Dean").statements] == [0, 1]
    assert [s.paragraph for s in speaker_named(speakers, "Police").statements] == [2]


def test_a_noun_ending_in_ly_is_no_adverb():
    speakers, _ = find_speakers(body(
        "Keith Lamont Scott was shot on Tuesday.",
        "The footage released by Scott's family did not show whether he had a gun.",
    ))
    assert speakers == ()


def test_curly_quotation_inside_a_curly_quotation():
    quotation = "I’d rather live in what he calls “hell” than live in his world."
    speakers, _ = find_speakers(body(f"“{quotation}” ― Adriana Rodarte"))
    assert direct(speaker_named(speakers, "Rodarte")) == [quotation]


def test_block_quotation_after_a_colon_lead_in():
    speakers, _ = find_speakers(body(
        "Rush Limbaugh added:",
        "She can't beat this guy without stacking the deck.",
        "The debate is on Monday.",
    ))
    limbaugh = speaker_named(speakers, "Limbaugh")
    assert [(s.paragraph, s.kind) for s in limbaugh.statements] == [(1, DIRECT)]


def test_question_quoted_before_its_speaker_across_a_sentence_break():
    speakers, _ = find_speakers(body(
        "“You winning?” Melanie Smith said.",
        "“Who would have believed we would get 14 million votes?” Trump said, looking out on the crowd.",
    ))
    assert direct(speaker_named(speakers, "Trump")) == ["Who would have believed we would get 14 million votes?"]
    assert direct(speaker_named(speakers, "Smith")) == ["You winning?"]


def test_he_after_a_description_opening_the_sentence():
    speakers, _ = find_speakers(body(
        "President Barack Obama spoke about the climate. His aide Ben Rhodes said the talks had been hard.",
        "The president's Pacific roots also came into play. In Honolulu, he told island leaders the stakes were high.",
    ))
    obama = speaker_named(speakers, "Obama")
    assert 1 in {s.paragraph for s in obama.statements}
    assert all(s.paragraph == 0 for s in speaker_named(speakers, "Rhodes").statements)


# --- speakers a reader can trust (issue 13): short texts of each failure found on real pages -------------------


def test_a_country_is_never_a_person_and_another_country_is_not_it():
    speakers, people = find_speakers(body(
        "South Sudan's president, Salva Kiir, met envoys in Juba on Monday.",
        "South Sudan has been at war since 2013. The talks in South Sudan went on for a week.",
        "Sudan denies any role in the fighting, and Darfur remains tense.",
    ))
    assert not {"South Sudan", "Sudan", "Darfur", "Juba"} & {p.name for p in people}
    assert not any(s.name == "South Sudan" and "Sudan denies" in st.text for s in speakers for st in s.statements)
    assert "Darfur" not in [s.name for s in speakers]


def test_a_bill_a_war_or_a_product_is_never_a_person_nor_a_speaker():
    speakers, people = find_speakers(body(
        "The Data Retention Bill would make providers keep records for a year, the Home Office said.",
        "The British Bill was criticised, and the Cold War showed how far such powers go.",
        "Shoppers at Whole Foods said prices were high. Whole Foods said it would cut them.",
    ))
    names = {s.name for s in speakers} | {p.name for p in people}
    assert not names & {"Data Retention Bill", "British Bill", "Cold War"}
    assert "Whole Foods" not in {p.name for p in people}  # it may speak, as a company, but is no person
    assert "Home Office" in {s.name for s in speakers}


def test_places_do_not_speak():
    speakers, _ = find_speakers(body(
        "The vice presidential nominee was speaking Friday in Fort Wayne, Indiana, after the debate.",
        "At the convention in Cleveland, delegates said the platform had changed.",
    ))
    assert not {"Fort Wayne", "Indiana", "Cleveland"} & {s.name for s in speakers}


def test_officials_said_stays_with_officials():
    speakers, _ = find_speakers(body(
        "South Sudan's president, Salva Kiir, met envoys in Juba on Monday.",
        "American officials said Sudan had already shown it could not keep the peace.",
    ))
    officials = [s for s in speakers if s.unnamed]
    assert [s.name for s in officials] == ["American officials"]
    assert officials[0].statements[0].text.startswith("American officials said Sudan")
    assert not [s for s in speakers if not s.unnamed]  # nobody named is handed their words


def test_a_source_keeps_its_quotation_from_the_named_person_before():
    speakers, _ = find_speakers(body(
        "Zimbabwe's president, Robert Mugabe, addressed parliament on Tuesday.",
        "“Several ministers are under house arrest,” a source said.",
        "Senior officials familiar with the talks said they would go on.",
    ))
    assert [s.name for s in speakers] == ["a source", "Senior officials"]
    assert all(s.unnamed for s in speakers)
    assert direct(speakers[0]) == ["Several ministers are under house arrest"]


def test_a_quotation_goes_to_its_own_verb_not_to_a_name_nearby():
    assert speaker_names(
        "The ICC opened an inquiry on Monday.",
        "“It has no case,” said Martin Indyk, a former envoy.",
    ) == ["Martin Indyk"]


def test_a_quoted_title_is_no_statement():
    speakers, _ = find_speakers(body(
        "Nintendo said it would release “Super Mario Run” in December, and the studio called it “Blue House.”",
    ))
    quoted = [st.text for s in speakers for st in s.statements if st.kind == DIRECT]
    assert quoted == []


def test_no_statement_has_two_speakers():
    speakers, _ = find_speakers(body(
        "Mr. Grassley and Mr. Leahy say other changes are needed.",
        "“We will not wait,” said Jane Smith, as Tom Brown looked on. Brown said the vote would come in May.",
        "Democrats want policies that raise revenue, and Republicans want policies that cut taxes.",
    ))
    said = [(st.paragraph, st.text) for s in speakers for st in s.statements]
    assert len(said) == len(set(said))
    assert not any(a[0] == b[0] and (a[1] in b[1] or b[1] in a[1]) and a is not b
                   for a in said for b in said if a != b and SPLIT_KIND(speakers, a) == SPLIT_KIND(speakers, b))
    democrats = speaker_named(speakers, "Democrats")
    assert [st.text for st in democrats.statements] == ["Democrats want policies that raise revenue"]


def SPLIT_KIND(speakers: tuple[Speaker, ...], said: tuple[int, str]) -> str:
    """The kind of the statement (paragraph, text): a quotation inside a sentence is not a second statement."""
    return next(st.kind for s in speakers for st in s.statements if (st.paragraph, st.text) == said)


def test_a_sentence_opening_word_is_nobody():
    speakers, people = find_speakers(body(
        "Go to the store and ask for the manager, she said.",
        "“We’re not going anywhere,” said Maria Lopez, who runs the Georgetown Center on Poverty and Inequality.",
        "Reporters were kept waiting. Worse, the lights went out, officials said.",
    ))
    names = {s.name for s in speakers if not s.unnamed} | {p.name for p in people}
    assert names == {"Maria Lopez"}


def test_a_statement_is_not_cut_at_a_name_s_initials():
    speakers, _ = find_speakers(body("Jane Smith said she worked for President George H.W. Bush for ten years."))
    assert [st.text for st in speaker_named(speakers, "Smith").statements] == [
        "Jane Smith said she worked for President George H.W. Bush for ten years."
    ]


def test_a_name_opening_with_initials_after_a_verb_is_one_name():
    speakers, _ = find_speakers(body("“You would not have had the standoff,” says J.J. MacNab, an expert on militias."))
    assert direct(speaker_named(speakers, "MacNab")) == ["You would not have had the standoff"]
    assert speaker_named(speakers, "MacNab").name == "J.J. MacNab"


def test_a_quotation_inside_a_reported_sentence_is_counted_once(seed_text):
    speakers, _ = find_speakers(seed_paragraphs(seed_text))
    obama = speakers[0]
    nested = [st for st in obama.statements if st.nested]
    assert [st.text for st in nested] == ["businesslike", "with impunity", "will not pull down sanctions",
                                          "constructive but not conclusive", "an arms race"]
    assert len(obama.counted) == 12  # the sentences a reader counts; each quotation is inside one
    assert all(st.kind == DIRECT for st in nested)


def test_a_name_after_a_quotation_is_no_sentence_opening_word():
    # "Zaheed" ends like a past tense; only a sentence's first word is read as one, not a word after a quotation
    speakers, _ = find_speakers(body("“She has so far refused to walk the walk,” Zaheed said."))
    assert direct(speaker_named(speakers, "Zaheed")) == ["She has so far refused to walk the walk"]


def test_a_question_quoted_inside_a_quotation_keeps_the_speaker_after_it():
    speakers, _ = find_speakers(body("“She is the only one who asked us, ‘What can I do?’” Weaver said."))
    assert direct(speaker_named(speakers, "Weaver")) == ["She is the only one who asked us, ‘What can I do?’"]


def test_apposition_after_a_conjunction_or_a_place_of_the_speaker():
    assert sorted(speaker_names(
        "But Murshed Zaheed, political director of CREDO Action, which organized the letter, said the response "
        "was weak.",
        "Rep. Tom Cole of Oklahoma, an ally of the leadership, said his biggest worry is the turnout.",
    )) == ["Murshed Zaheed", "Tom Cole"]


def test_a_paragraph_after_a_lead_in_that_names_its_own_speaker_is_no_block_quotation():
    speakers, _ = find_speakers(body(
        "After the debate, Martin O’Malley reminded viewers of his record:",
        "And after two hours of the debate, Hillary Clinton said that she was “proud to be a Democrat.”",
    ))
    clinton = speaker_named(speakers, "Clinton")
    assert [st.paragraph for st in clinton.statements] == [1, 1]
    assert all(st.paragraph == 0 for st in speaker_named(speakers, "O’Malley").statements)


def test_a_possessive_or_a_passive_is_no_speaker():
    assert speaker_names(
        "Combine the Ohio numbers and they still do not eclipse Clinton’s showing in the state four years ago.",
        "Chelsea Clinton and husband Marc Mezvinsky are expected to welcome their second child this summer.",
    ) == []


def test_a_passive_with_an_adverb_before_its_participle_is_no_speaker():
    assert speaker_names(
        "Ronald Reagan was once asked how the Cold War would end.",
        "Gov. Mike Pence was also dubbed the winner of the debate on social media.",
    ) == []


def test_the_one_told_after_a_participle_is_no_speaker():
    speakers, _ = find_speakers(body(
        "Hours later, Donald Trump returned the compliment, telling Reuters, “He is an amazing man.”",
        "The businessman has praised Vladimir Putin, saying he was a stronger leader than the president.",
    ))
    assert "Reuters" not in [s.name for s in speakers]
    assert "Vladimir Putin" not in [s.name for s in speakers]


def test_a_name_after_a_preposition_is_not_the_subject_a_clause_goes_on_from():
    speakers, _ = find_speakers(body(
        "In an interview with The Wall Street Journal, Donald Trump doubled down on his comments and said the "
        "judge had a conflict of interest.",
    ))
    assert "Wall Street Journal" not in [s.name for s in speakers]


def test_a_learned_cue_after_its_subject_is_a_statement():
    speakers, _ = find_speakers(body("Senator Jane Smith expressed concern about the cost of the new program."))
    assert [st.text for st in speaker_named(speakers, "Smith").statements] == [
        "Senator Jane Smith expressed concern about the cost of the new program."
    ]


def test_a_quotation_going_on_after_the_attributing_sentence_is_one_statement_with_it():
    speakers, _ = find_speakers(body(
        "“He's not the right person,” said Ms. Leon, who works as a secretary. “I will vote for the other one.”"
    ))
    leon = speaker_named(speakers, "Leon")
    assert len(leon.counted) == 1
    assert leon.counted[0].text.endswith("“I will vote for the other one.”")


def test_the_voice_closing_a_sentence_reports_all_of_it():
    speakers, _ = find_speakers(body(
        "Donald Trump is on solid ground attacking Bill Clinton, Carly Fiorina said Monday.",
        "Carly Fiorina told reporters the former president was fair game.",
    ))
    assert [s.name for s in speakers] == ["Carly Fiorina"]
    assert speakers[0].statements[0].text == "Donald Trump is on solid ground attacking Bill Clinton, Carly Fiorina said Monday."


def test_a_spokeswoman_for_someone_speaks_under_their_name():
    assert speaker_names(
        "A spokeswoman for Carly Fiorina said the former executive has no more speeches scheduled."
    ) == ["Fiorina spokeswoman"]


def test_a_question_inside_a_quotation_does_not_end_the_attributing_sentence():
    speakers, _ = find_speakers(body(
        "“Is he going to remember everything? No,” said David Magel, 53, who flew his son to the rally in his Cessna."
    ))
    magel = speaker_named(speakers, "Magel")
    assert [st.text for st in magel.counted] == [
        "“Is he going to remember everything? No,” said David Magel, 53, who flew his son to the rally in his Cessna."
    ]


def test_a_short_description_set_off_by_commas_is_an_alias():
    speakers, _ = find_speakers(body(
        "Stephanie Formas, Clinton’s state communications director, said the offices were open.",
        "“We have been here since April,” said Josh Lee, the campaign’s state director.",
        "“It is bad,” said Bob Smith, who has lived here since 1970.",
    ))
    assert "Clinton’s state communications director" in speaker_named(speakers, "Formas").aliases
    assert "the campaign’s state director" in speaker_named(speakers, "Lee").aliases
    assert speaker_named(speakers, "Smith").aliases == ()


def test_a_description_owned_by_a_name_belongs_to_the_mention():
    speakers, _ = find_speakers(body("“This has to be the first time,” said Clinton’s top foreign policy aide Jake Sullivan."))
    assert [(s.name, s.aliases) for s in speakers] == [
        ("Jake Sullivan", ("Clinton’s top foreign policy aide Jake Sullivan",))
    ]


def test_a_description_set_off_before_the_name_is_an_alias():
    speakers, _ = find_speakers(body("Nevada's governor, Brian Sandoval, said Tuesday that he had voted early."))
    assert "Nevada's governor" in speaker_named(speakers, "Sandoval").aliases


def test_an_apposition_without_its_closing_comma_keeps_the_person():
    assert speaker_names(
        "Sam Lau, the communications director for the Iowa Democratic Party said in a statement. “There are no "
        "paper ballots to recount.”"
    ) == ["Sam Lau"]


def test_a_few_words_of_description_between_an_inverted_verb_and_the_name():
    speakers, _ = find_speakers(body(
        "“I don't know where he stands on that,” said undecided Republican voter Stephanie Hooton of Derry."
    ))
    assert direct(speaker_named(speakers, "Hooton")) == ["I don't know where he stands on that"]


def test_a_participle_inside_an_object_is_no_description_of_a_speaker():
    assert speaker_names(
        "An analysis of super PACs that raised money since January, shows Democratic groups outpacing Republicans.",
        "“We will win,” said leading Republican strategist Karl Rove.",
    ) == ["Karl Rove"]


def test_a_name_given_after_called_is_no_speaker():
    speakers, _ = find_speakers(body(
        "The program, called EB-5, allows foreign investors to gain citizenship by investing in a business.",
        "The plan, dubbed Project Hope, lets cities borrow from the fund at low rates.",
    ))
    assert speakers == ()


def test_any_verb_between_a_quotation_and_a_name_attributes_it():
    speakers, _ = find_speakers(body("“An awful lot of analysts said no,” remembered Roy Verley, a former spokesman."))
    assert direct(speaker_named(speakers, "Verley")) == ["An awful lot of analysts said no"]


def test_according_to_takes_the_whole_sentence():
    speakers, _ = find_speakers(body(
        "Rick Santorum also continued to deliver paid speeches, according to the Boston Herald."
    ))
    herald = speaker_named(speakers, "Herald")
    assert [st.text for st in herald.statements] == [
        "Rick Santorum also continued to deliver paid speeches, according to the Boston Herald."
    ]
    assert [s.name for s in speakers] == ["Boston Herald"]


def test_according_to_reaches_a_name_several_words_on():
    assert speaker_names(
        "In 2014, the city had 115 violent crimes, according to the most recent data available from the FBI.",
    ) == ["FBI"]


def test_the_whole_mention_with_its_role_and_state_is_an_alias():
    speakers, _ = find_speakers(body(
        "Family spokesman Bob Gunnell says the champion was accompanied by his wife.",
        "Sen. Susan Collins (Maine) said the nominee was unsuitable for office.",
    ))
    assert "Family spokesman Bob Gunnell" in speaker_named(speakers, "Gunnell").aliases
    assert "Sen. Susan Collins (Maine)" in speaker_named(speakers, "Collins").aliases


def test_a_short_report_naming_someone_else_is_a_statement():
    speakers, _ = find_speakers(body("Former Rep. Chris Shays said he was for Kasich."))
    assert [st.text for st in speaker_named(speakers, "Shays").statements] == [
        "Former Rep. Chris Shays said he was for Kasich."
    ]


def test_a_public_body_and_its_place_before_a_role_are_in_the_alias():
    speakers, _ = find_speakers(body(
        "“We will find the driver,” Ashford police Chief Maria Lund said on Monday.",
    ))
    lund = speaker_named(speakers, "Lund")
    assert "Ashford police Chief Maria Lund" in lund.aliases
    assert [s.name for s in speakers] == ["Maria Lund"]


def test_a_reporters_credit_line_is_no_statement():
    speakers, _ = find_speakers(body(
        "The mayor said the bridge would reopen in May.",
        "Dana Whitcombe reported from Leeds, and Tom Arlen from Hull.",
    ))
    assert [s.name for s in speakers if not s.unnamed] == []


def test_a_study_of_something_a_few_words_before_its_verb_speaks():
    speakers, _ = find_speakers(body(
        "Spending on ads doubled in a year, a DAILY LEDGER analysis of newly filed campaign reports shows.",
    ))
    analysis = speaker_named(speakers, "analysis")
    assert "DAILY LEDGER analysis" in analysis.aliases
    assert [st.text for st in analysis.statements] == [
        "Spending on ads doubled in a year, a DAILY LEDGER analysis of newly filed campaign reports shows."
    ]


def test_continuing_to_do_something_else_is_no_report():
    speakers, _ = find_speakers(body(
        "Still, Marta Kovacs continues to trail the mayor by ten points.",
        "Tomas Brandt continued to insist that the count was wrong.",
    ))
    assert [s.name for s in speakers if not s.unnamed] == ["Tomas Brandt"]


def test_a_contracted_pronoun_or_an_interviews_q_is_no_name():
    speakers, people = find_speakers(body(
        "Lena Ortiz spoke at the pier.",
        "I've thought of returning to the coast.",
        "Q: You’ve been talking about how the harbour is on the upswing, but the candidates disagree.",
    ))
    assert [s.name for s in speakers] == ["Lena Ortiz"]
    assert [p.name for p in people] == ["Lena Ortiz"]


def test_an_adverb_set_off_after_a_name_is_no_description_of_them():
    speakers, _ = find_speakers(body(
        "Ben Carver spoke on Monday.",
        "Carver, meanwhile, said the plan would fail.",
        "Walter Isbury wrote the book.",
        "Isbury, for his part, told the Gazette that he tried.",
        "The plan was mine, said Isbury, shortly before the vote.",
    ))
    assert speaker_named(speakers, "Carver").aliases == ("Carver",)
    assert speaker_named(speakers, "Isbury").aliases == ("Isbury",)


def test_being_found_is_no_report():
    speakers, _ = find_speakers(body("Colin Ashdown, 18, of Ferndale, was found dead in his car on Sunday."))
    assert [s.name for s in speakers if not s.unnamed] == []


def test_a_nationality_or_an_editor_in_chief_before_a_full_name_is_a_role():
    speakers, _ = find_speakers(body(
        "American Robert Kessling said he needed help.",
        "What the cafes share is a taste for risk, says Bread & Salt Editor in Chief Dana Morrow.",
    ))
    assert sorted(s.name for s in speakers if not s.unnamed) == ["Dana Morrow", "Robert Kessling"]
    assert "Bread & Salt Editor in Chief Dana Morrow" in speaker_named(speakers, "Morrow").aliases


def test_a_titles_field_and_an_abbreviated_title_are_no_part_of_the_name():
    speakers, _ = find_speakers(body(
        "The bill was ready,\" Minister for Housing Leo Brannagh said in a statement.",
        "The first shots came after an argument, said Det. Steve Marlow of the city police.",
        "Del. Marcia Quill said the vote was close.",
        "Deputy Director of Public Prosecution Eva-Lena Marsk said the case was closed.",
        "Sen. Bob Hallam, R-Neb., called it a crisis.",
    ))
    assert sorted(s.name for s in speakers) == ["Bob Hallam", "Eva-Lena Marsk", "Leo Brannagh", "Marcia Quill",
                                                "Steve Marlow"]
    assert speaker_named(speakers, "Hallam").aliases == ("Sen. Bob Hallam",)
    assert "Minister for Housing Leo Brannagh" in speaker_named(speakers, "Brannagh").aliases


def test_a_name_particle_is_no_title():
    assert speaker_names(
        "Veteran striker Alessandro Del Ponte said he would play on.",
        "Del Ponte added that he loved the club.",
    ) == ["Alessandro Del Ponte"]


def test_an_organisations_voice_keeps_its_whole_name():
    assert speaker_names(
        "What is known, according to the Arizona Department of Public Safety statement, is little.",
    ) == ["Arizona Department of Public Safety statement"]


def test_capitalised_words_describing_a_person_before_their_full_name_are_no_part_of_it():
    assert sorted(speaker_names(
        "Coach Rick Delmore said the team would recover.",
        "NASA Administrator Jim Orland said the launch was on time.",
        "Romanian-born Monica Varga said she had trained for years.",
    )) == ["Jim Orland", "Monica Varga", "Rick Delmore"]


def test_a_place_an_initial_or_an_unknown_word_before_a_given_name_stays_in_the_name():
    assert sorted(speaker_names(
        "The Los Angeles Lakers said the trade was done.",
        "C. Stewart Ardery said the rules were clear.",
        "The farm was sold in May, Tairod Nathan Pughley told reporters.",
    )) == ["C. Stewart Ardery", "Los Angeles Lakers", "Tairod Nathan Pughley"]


def test_a_word_like_whatever_opening_a_sentence_starts_no_name():
    assert speaker_names("Whatever Corvane does next, the laptop has improved, Corvane said.") == ["Corvane"]


def test_a_full_name_from_somewhere_before_the_verb_speaks():
    assert speaker_names("Erik Dunmore of Lindenhurst says his phone erupted in the heat.") == ["Erik Dunmore"]


def test_an_unnamed_source_of_a_named_place_or_office_speaks_as_itself():
    speakers, _ = find_speakers(body(
        "Earlier, a spokesman for the prosecutor's office in Dusseldorf said the pilot had been ill.",
        "The bodies arrived on Saturday, an official with the Tunis Crisis Center told reporters.",
    ))
    assert [(s.name, s.unnamed) for s in speakers] == [("a spokesman", True), ("an official", True)]


def test_the_subject_of_a_claims_that_clause_is_no_speaker():
    speakers, _ = find_speakers(body(
        "Footage shows that Dale Varnum had his hands up, contradicting the sheriff's claim that Varnum had "
        "refused to show his hands.",
        "By now it should be obvious that voters want to see the returns.",
    ))
    assert speakers == ()


def test_the_subject_of_a_relative_clause_after_such_a_noun_still_speaks():
    speakers, _ = find_speakers(body("The flyers blamed the clerk for the long lines, a charge that county "
                                     "officials denied."))
    assert [(s.name, s.unnamed) for s in speakers] == [("county officials", True)]
