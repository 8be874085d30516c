import pytest

from reader.model import BODY, BOILERPLATE, CAPTION, Paragraph
from reader.summary import ALGORITHMS, DEFAULT_ALGORITHM, body_sentences, next_algorithm, summarize


@pytest.fixture
def paragraphs(seed_text):
    """The seed's lines as paragraphs; the first lines and the player/caption lines set apart by hand."""
    lines = [line for line in seed_text.splitlines() if line.strip()]
    roles = {0: BOILERPLATE, 1: BOILERPLATE, 3: CAPTION}
    return tuple(Paragraph(line, roles.get(i, BODY if len(line) > 60 else BOILERPLATE)) for i, line in enumerate(lines))


def test_eight_algorithms():
    assert set(ALGORITHMS) == {"lexrank", "lsa", "luhn", "textrank", "edmundson", "kl", "sumbasic", "reduction"}
    assert DEFAULT_ALGORITHM in ALGORITHMS


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
