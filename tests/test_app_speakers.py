"""Speakers in the reader: their names and words marked in the text, the speakers panel, stepping through one
speaker's statements, and only what one speaker said."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_app import settle

from reader.model import Article
from reader.ui.app import NewsReader
from reader.ui.marking import Marks, paragraph_content, speaking_styles
from reader.ui.widgets import ArticleView, SpeakerList, SummaryList
from status_line import status

TWO_SPEAKERS = (
    "Harbour Bridge Repairs Run Late\n\n"
    "Mayor Jane Smith said on Monday that the harbour bridge would reopen in May after two years of repairs.\n\n"
    "“We are on schedule and on budget,” Smith told reporters at the council offices.\n\n"
    "The engineer in charge, Tom Brown, warned that the steel work could still take longer than planned.\n\n"
    "Traffic on the ring road has doubled since the bridge closed, and shops near the harbour have lost trade.\n\n"
    "“Nobody should book a crossing for May just yet,” Brown said.\n\n"
    "Smith added that the council would publish a new timetable next week.\n"
)


@pytest.fixture
def two_speakers(tmp_path) -> Path:
    path = tmp_path / "bridge.txt"
    path.write_text(TWO_SPEAKERS, encoding="utf-8")
    return path


def styles_over(content, fragment: str) -> set[str]:
    """The styles of every span that covers `fragment` of the content."""
    start = content.plain.find(fragment)
    assert start >= 0, fragment
    end = start + len(fragment)
    return {str(span.style) for span in content.spans if span.start <= start and span.end >= end}


def shown_paragraphs(app: NewsReader) -> list[int]:
    """The paragraphs the text pane draws lines for."""
    view = app.query_one(ArticleView)
    return [index for index in view.paragraphs if view.paragraph_lines(index)]


async def test_speakers_panel_lists_obama_with_his_statement_count(seed_path):
    app = NewsReader(paths=[seed_path])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        speakers = app.query_one(SpeakerList)
        assert not speakers.display  # at 80 columns the summary has the room, until w
        await pilot.press("w")
        await pilot.pause()
        assert speakers.display and not app.query_one(SummaryList).display
        assert app.focused is speakers
        obama = app.query_one(ArticleView).article.speakers[0]
        assert obama.name == "Barack Obama"
        # Twelve sentences report what he said; the quotations inside five of them are not counted again.
        assert len(obama.counted) == 12 and len(obama.statements) == 17
        first = speakers.get_option_at_index(0).prompt.plain
        assert "Barack Obama" in first and "12 statements" in first
        rows = [speakers.get_option_at_index(i).prompt.plain for i in range(speakers.option_count)]
        assert any("Vladimir Putin" in row and "says nothing" in row for row in rows)
        await pilot.press("w")
        await pilot.pause()
        assert not speakers.display and app.query_one(SummaryList).display


async def choose_the_first_speaker(app: NewsReader, pilot):
    """Once the article is analysed, `w` and Enter on the first speaker: the text view and their statements."""
    await settle(pilot)
    view = app.query_one(ArticleView)
    statements = view.article.speakers[0].counted
    await pilot.press("w", "enter")
    await pilot.pause()
    return view, statements


async def test_choosing_a_speaker_then_stepping_through_their_statements(seed_path):
    app = NewsReader(paths=[seed_path])
    async with app.run_test(size=(80, 24)) as pilot:
        view, statements = await choose_the_first_speaker(app, pilot)
        assert app.text_view.choice.speaker == "Barack Obama"
        assert (app.text_view.choice.statement, view.cursor) == (0, statements[0].paragraph)
        assert view.marks.statement == statements[0]
        await pilot.press("full_stop")
        await pilot.pause()
        assert view.marks.statement == statements[1]
        await pilot.press("full_stop")
        await pilot.pause()
        assert view.marks.statement == statements[2]
        assert view.cursor == statements[2].paragraph != statements[0].paragraph
        await pilot.press("comma")
        await pilot.pause()
        assert view.marks.statement == statements[1]
        assert view.cursor == statements[1].paragraph
        # The statement stepped to stands out from the rest of the text.
        content = paragraph_content(view.article, view.cursor, view.marks)
        assert "reverse bold" in styles_over(content, statements[1].text)
        await pilot.press("comma", "comma")  # before the first: round to the last
        await pilot.pause()
        assert view.marks.statement == statements[-1]
        assert view.scroll_y > 0


async def test_full_stop_with_no_speaker_chosen_follows_the_main_speaker(two_speakers):
    app = NewsReader(paths=[two_speakers])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("full_stop")
        await pilot.pause()
        assert app.text_view.choice.speaker == "Jane Smith"
        assert app.query_one(ArticleView).cursor == 0


async def test_o_shows_only_what_one_speaker_said(two_speakers):
    app = NewsReader(paths=[two_speakers])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        article = app.query_one(ArticleView).article
        assert [s.name for s in article.speakers] == ["Jane Smith", "Tom Brown"]
        assert shown_paragraphs(app) == [0, 1, 2, 3, 4, 5]
        await pilot.press("ctrl+p")
        await pilot.press(*"speaker: tom brown")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.text_view.choice.speaker == "Tom Brown"
        await pilot.press("O")
        await pilot.pause()
        assert shown_paragraphs(app) == [2, 4]
        assert "Only Tom Brown" in status(app)
        await pilot.press("O")
        await pilot.pause()
        assert shown_paragraphs(app) == [0, 1, 2, 3, 4, 5]


async def test_the_statement_stepped_to_is_counted_and_scrolled_into_view(seed_path):
    app = NewsReader(paths=[seed_path])
    async with app.run_test(size=(80, 24)) as pilot:
        view, statements = await choose_the_first_speaker(app, pilot)
        assert f"Obama · statement 1 of {len(statements)}" in status(app)
        await pilot.press("tab")  # from the speakers to the text: the title still counts
        for number in range(2, len(statements) + 1):
            await pilot.press("full_stop")
            await pilot.pause()
            assert f"Obama · statement {number} of {len(statements)}" in status(app)
            # The statement's paragraph is the one on screen: its first line at the top, or the text is at its end.
            assert view.cursor == statements[number - 1].paragraph
            block = view.paragraphs[view.cursor]
            assert block.y is not None
            if view.scroll_y < view.max_scroll_y:
                assert block.y <= view.scroll_y < block.y + block.height
            else:
                assert block.y < view.scroll_y + view.scrollable_content_region.height
        await pilot.press("full_stop")  # past the last: round to the first
        await pilot.pause()
        assert f"statement 1 of {len(statements)}" in status(app)


def test_each_speaker_has_a_colour_and_a_shape(two_speakers):
    from reader.analysis import complete, load

    article = complete(load(two_speakers))
    smith = paragraph_content(article, 1, Marks())
    assert "bold $speaker-1" in styles_over(smith, "Smith")
    assert "underline" in styles_over(smith, "We are on schedule and on budget")  # quoted words
    brown = paragraph_content(article, 2, Marks())
    assert "bold $speaker-2" in styles_over(brown, "Tom Brown")
    # Reported speech is not coloured: a thin bar in the speaker's colour beside the paragraph says who speaks.
    assert not styles_over(brown, "warned that the steel work")
    assert speaking_styles(article)[2] == "$speaker-2"
    # Text nobody says stays plain.
    assert not styles_over(paragraph_content(article, 3, Marks()), "Traffic on the ring road")


def test_names_are_marked_wherever_the_text_uses_them(seed_path):
    from reader.analysis import complete, load

    article: Article = complete(load(seed_path))
    paragraph = article.body_indexes[4]
    content = paragraph_content(article, paragraph, Marks())
    assert "bold $speaker-1" in styles_over(content, "The U.S. president")
    # Putin is named inside Obama's words, but does not speak: his name is not marked as a speaker's.
    assert not any(style.startswith("bold $speaker") for style in styles_over(content, "Putin"))


async def test_the_speakers_panel_keeps_the_chosen_speaker(two_speakers):
    app = NewsReader(paths=[two_speakers])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        speakers = app.query_one(SpeakerList)
        await pilot.press("w", "j", "enter")
        await pilot.pause()
        assert app.text_view.choice.speaker == "Tom Brown"
        assert app.query_one(ArticleView).cursor == 2
        await pilot.press("full_stop")
        await pilot.pause()
        assert app.query_one(ArticleView).cursor == 4
        assert speakers.highlighted == 1
