import pytest

from reader.model import BODY, BOILERPLATE, CAPTION, Paragraph
from reader.news_summary import points_back, prepare, quote_groups, unit_of
from reader.summary import (
    ALGORITHMS,
    DEFAULT_ALGORITHM,
    NEWS,
    body_sentences,
    next_algorithm,
    passage_starts,
    summarize,
)


@pytest.fixture
def paragraphs(seed_text):
    """The seed's lines as paragraphs; the first lines and the player/caption lines set apart by hand."""
    lines = [line for line in seed_text.splitlines() if line.strip()]
    roles = {0: BOILERPLATE, 1: BOILERPLATE, 3: CAPTION}
    return tuple(Paragraph(line, roles.get(i, BODY if len(line) > 60 else BOILERPLATE)) for i, line in enumerate(lines))


def test_the_news_summary_is_the_default_beside_sumys_eight():
    assert set(ALGORITHMS) == {NEWS, "lexrank", "lsa", "luhn", "textrank", "edmundson", "kl", "sumbasic", "reduction"}
    assert DEFAULT_ALGORITHM == NEWS


@pytest.mark.parametrize("algorithm", list(ALGORITHMS))
@pytest.mark.parametrize("count", [1, 3, 5])
def test_every_algorithm_gives_verbatim_body_sentences_in_order(paragraphs, algorithm, count):
    summary = summarize(paragraphs, count, algorithm, "Obama Calls Putin Meeting")
    assert len(summary) == count
    for sentence in summary:
        assert paragraphs[sentence.paragraph].role == BODY
        assert sentence.text in paragraphs[sentence.paragraph].text
    positions = [(s.paragraph, paragraphs[s.paragraph].text.index(s.text)) for s in summary]
    assert positions == sorted(positions)


def test_captions_and_boilerplate_are_never_summarised(paragraphs):
    summary = summarize(paragraphs, 20)
    assert all(paragraphs[s.paragraph].role == BODY for s in summary)
    assert not any("Putin (left)" in s.text for s in summary)


def test_short_body_gives_every_sentence():
    paragraphs = (Paragraph("Menu", BOILERPLATE), Paragraph("Only one sentence here.", BODY))
    assert [s.text for s in summarize(paragraphs, 3)] == ["Only one sentence here."]


def test_no_body_gives_no_summary():
    assert summarize((Paragraph("Home", BOILERPLATE),), 3) == ()


def test_degenerate_text_still_gives_sentences():
    paragraphs = (Paragraph("... ! ? ... ! ? ... ! ?", BODY),) * 3 + (Paragraph("The end. It is.", BODY),)
    assert len(summarize(paragraphs, 2, "lexrank")) == 2


def test_body_sentences_index_their_paragraphs():
    paragraphs = (Paragraph("x", BOILERPLATE), Paragraph("One. Two.", BODY))
    assert [(s.text, s.paragraph) for s in body_sentences(paragraphs)] == [("One.", 1), ("Two.", 1)]


def test_unknown_algorithm_is_refused():
    with pytest.raises(ValueError, match="unknown summary algorithm"):
        summarize((), 3, "magic")


def test_next_algorithm_cycles_through_all():
    seen, name = [], DEFAULT_ALGORITHM
    for _ in ALGORITHMS:
        seen.append(name)
        name = next_algorithm(name)
    assert sorted(seen) == sorted(ALGORITHMS) and name == DEFAULT_ALGORITHM


def test_summary_within_some_paragraphs(paragraphs):
    ukraine = {i for i, p in enumerate(paragraphs) if p.role == BODY and "Ukraine" in p.text}
    summary = summarize(paragraphs, 2, within=ukraine)
    assert len(summary) == 2 and {s.paragraph for s in summary} <= ukraine


# A made-up local story: the lead states the news, the rest details it.
FERRY = [
    "The ferry between Harwick and Seal Point will stop running in June after forty years, the harbour board said on Monday.",
    "The board blamed rising fuel costs and a fall in passengers for the end of the ferry service.",
    "Photo: the ferry leaving Harwick harbour.",
    "About 300 people a day used the ferry last summer, down from 900 a decade ago.",
    "Photo: the ferry leaving Harwick harbour.",
    "Local shops in Seal Point fear the end of the ferry will cost them visitors.",
    "A bus service will replace the ferry, taking an hour longer for the trip between Harwick and Seal Point.",
    "The board will meet residents next week to discuss the bus timetable.",
]


def body(lines: list[str]) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(line, BODY) for line in lines)


def texts(paragraphs, count=3, algorithm=NEWS, within=None) -> list[str]:
    return [s.text for s in summarize(paragraphs, count, algorithm, "Ferry to stop", within=within)]


def test_the_news_summary_starts_with_the_lead():
    assert texts(body(FERRY), 2)[0] == FERRY[0]


def test_no_sentence_twice_even_when_repeated_in_the_text():
    for count in (3, 5, 7):
        chosen = texts(body(FERRY), count)
        assert len(chosen) == count and len(set(chosen)) == count


def test_no_near_copy_of_a_chosen_sentence():
    near_copy = "The ferry between Harwick and Seal Point will stop running in June after forty years, the board said."
    chosen = texts(body([FERRY[0], near_copy, *FERRY[3:]]), 3)
    assert not (FERRY[0] in chosen and near_copy in chosen)


def test_a_dangling_opener_comes_with_the_sentence_it_points_back_to():
    lines = [
        "Harwick council approved a new ferry terminal for Seal Point on Tuesday.",
        "The vote followed ten years of campaigning by residents.",
        "It will give ferry passengers at the Seal Point ferry terminal a waiting room, a cafe and ferry tickets.",
        "Harwick council leader Tom Reed said the vote was close.",
        "Work starts in the spring.",
    ]
    for count in (1, 2, 3, 4):
        chosen = texts(body(lines), count)
        assert len(chosen) == count
        if lines[2] in chosen:
            assert lines[1] in chosen


def test_a_quote_is_kept_with_who_said_it():
    lines = [
        "The harbour board voted on Monday to end the ferry service to Seal Point in June.",
        '"The ferry has lost money for ten years and fuel costs keep rising.',
        'We had no choice but to end the ferry service," said Ann Price, the harbour board\'s chair.',
        "Seal Point residents said the ferry vote came as a shock.",
        "The ferry will be replaced by a bus.",
    ]
    assert quote_groups(lines) == [(0,), (1, 2), (1, 2), (3,), (4,)]
    for count in (2, 3, 4):
        chosen = texts(body(lines), count)
        assert (lines[1] in chosen) == (lines[2] in chosen)


def test_dangling_openers_are_told_apart():
    assert points_back("This will stay with the board.") and points_back('"It is over," he said.')
    assert not points_back("Thistle farmers met on Monday.") and not points_back("The board met.")


def test_the_dateline_is_not_part_of_the_summary_sentence():
    lines = ["HARWICK (Reuters) - " + FERRY[0], *FERRY[1:]]
    summary = summarize(body(lines), 2)
    assert summary[0].text == FERRY[0] and summary[0].text in lines[summary[0].paragraph]


def test_a_topic_summary_takes_the_same_care():
    """`T` in the app: the summary within a topic's paragraphs, through the same function."""
    within = {k for k, line in enumerate(FERRY) if "ferry" in line}
    chosen = texts(body(FERRY), 3, within=within)
    assert len(set(chosen)) == 3 and FERRY[0] in chosen
    assert all(FERRY.index(line) in within for line in chosen)


def test_a_topic_summary_skips_an_opener_whose_antecedent_is_outside_the_topic():
    paragraphs = body([
        "Harwick council approved a new bridge over the river Wend on Tuesday.",
        "It will cost the council twelve million pounds, paid for by a rise in parking fees and council tax.",
        "Parking fees in Harwick will rise by a pound an hour from May to pay for the council's share.",
        "Council tax will rise by two percent, the council said, and parking fees will be reviewed next year.",
        "Traders said the parking fees would drive shoppers away.",
    ])
    assert passage_starts(paragraphs, body_sentences(paragraphs, {1, 2, 3, 4})) == {0}
    assert passage_starts(paragraphs, body_sentences(paragraphs, {1, 3, 4})) == {0, 1}
    assert passage_starts(paragraphs, body_sentences(paragraphs)) == frozenset()
    for count in (1, 2, 3):
        chosen = texts(paragraphs, count, within={1, 2, 3, 4})
        assert len(chosen) == count and paragraphs[1].text not in chosen


def test_an_opener_pointing_back_to_another_opener_brings_both_back_to_a_named_subject():
    lines = [
        "Ann Price chairs the Harwick harbour board.",
        "She took the post in May.",
        "It was her first vote on the ferry.",
        '"The ferry has lost money for ten years.',
        'We had no choice," she said.',
    ]
    prepared = prepare(body_sentences(body(lines)))
    assert unit_of(prepared, 2) == {0, 1, 2}
    assert unit_of(prepared, 4) == {3, 4}  # the quote's first sentence is what counts, and it names its subject
    assert unit_of(prepare(body_sentences(body(lines)), frozenset({1})), 2) is None  # a topic starting at "She"


def test_the_news_summarys_matrices_are_multiplied_on_one_thread(monkeypatch, paragraphs):
    # an article's matrices are small: BLAS's threads cost more than they bring, and each worker has a core
    from threadpoolctl import threadpool_info

    import reader.news_summary as news_summary

    threads: list[int] = []
    multiply = news_summary._similarity_matrices

    def counted(tokens):
        threads.extend(pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas")
        return multiply(tokens)

    monkeypatch.setattr(news_summary, "_similarity_matrices", counted)
    prepare(body_sentences(paragraphs))
    assert threads and set(threads) == {1}
