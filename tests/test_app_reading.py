"""Reading mode (issue 17): `z`, or Enter on the text, gives the article the whole screen; the summary and the
speakers are a key away; Escape goes back. And at every size down to 40x12 some of the article's text shows."""

from __future__ import annotations

import pytest

from reader.summary import DEFAULT_ALGORITHM, next_algorithm
from reader.ui.app import NewsReader
from test_app import run_from_palette, settle


def text_lines_on_screen(app: NewsReader) -> int:
    """How many lines of the text pane show the article's paragraphs and the blank lines between them (not
    its headline or its facts above them)."""
    view = app.text_view
    top, bottom = view.scroll_y, view.scroll_y + view.scrollable_content_region.height
    blocks = [block for block in view.paragraphs.values() if block.display and block.y is not None]
    first, end = blocks[0].y, blocks[-1].y + blocks[-1].height
    return max(0, min(bottom, end) - max(top, first))


def paragraph_lines(app: NewsReader) -> int:
    blocks = [block for block in app.text_view.paragraphs.values() if block.display and block.y is not None]
    return blocks[-1].y + blocks[-1].height - blocks[0].y


async def test_z_gives_the_text_the_whole_screen_and_escape_brings_the_panes_back(seed_path):
    app = NewsReader(paths=[seed_path])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        panes, articles, text, summary = app.panes, app.article_list, app.text_view, app.panes.summary_list
        before = text_lines_on_screen(app)
        await pilot.press("z")
        await pilot.pause()
        assert panes.reading and app.focused is text
        assert articles.region.height == 0 and summary.region.height == 0
        # 21 of the 24 lines for the article (the title, the status and the footer take the others): its
        # headline and facts, then 18 lines of its text.
        assert text.scrollable_content_region.height == 21 and text_lines_on_screen(app) >= 18 > before
        await pilot.press("enter")  # the summary, below the text
        await pilot.pause()
        assert app.focused is summary and summary.region.height > 0 and panes.reading
        await pilot.press("escape")  # back to the text, the summary gone again
        await pilot.pause()
        assert app.focused is text and summary.region.height == 0
        await pilot.press("w")  # the speakers
        await pilot.pause()
        assert app.focused is panes.speaker_list and panes.speaker_list.region.height > 0
        await pilot.press("escape", "escape")  # the text, then out of reading mode, to the list
        await pilot.pause()
        assert not panes.reading and app.focused is articles
        assert articles.region.height > 0 and text_lines_on_screen(app) == before


async def test_enter_on_the_text_reads_and_z_leaves_the_text_in_focus(seed_path):
    app = NewsReader(paths=[seed_path])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "enter")  # the list opens the text; the text, reading mode
        await pilot.pause()
        text = app.text_view.region  # the whole screen up to a readable measure, in its middle
        assert app.panes.reading and text.width == 104 and text.x == (120 - 104) // 2
        await pilot.press("z")
        await pilot.pause()
        assert not app.panes.reading and app.focused is app.text_view and app.text_view.region.width < 60
        assert app.article_list.region.width > 0


@pytest.mark.parametrize("size", [(40, 12), (60, 20), (80, 24), (120, 40), (200, 50)])
async def test_the_article_text_shows_at_every_size(seed_path, size):
    app = NewsReader(paths=[seed_path])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert text_lines_on_screen(app) >= 1
        await pilot.press("z")
        await pilot.pause()
        # All but the title, the status line and the footer, as much of the article as there is room for.
        assert app.text_view.scrollable_content_region.height >= size[1] - 4
        assert text_lines_on_screen(app) >= min(size[1] - 8, paragraph_lines(app))


async def test_a_search_leaves_reading_mode_to_show_the_list_it_narrows(seed_path):
    app = NewsReader(paths=[seed_path])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("z", "slash")
        await pilot.pause()
        assert not app.panes.reading and app.article_list.region.height > 0
        assert app.focused.id == "search"


async def test_the_reader_keeps_their_place_in_and_out_of_reading_mode(seed_path):
    app = NewsReader(paths=[seed_path])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("t", *"ukr", "enter", "right_square_bracket")  # Ukraine's second passage, low down
        await pilot.pause()
        place = app.text_view.reading_position()
        assert app.text_view.scroll_y > 0
        for keys in (["z"], ["enter"], ["escape"], ["escape"]):  # the text wider, narrower, then the panes
            await pilot.press(*keys)
            for _ in range(3):
                await pilot.pause()
            assert app.text_view.reading_position() == place, keys


async def test_on_the_tiniest_screen_the_summary_comes_with_its_whole_title(seed_path):
    app = NewsReader(paths=[seed_path])
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        summary = app.panes.summary_list
        assert summary.region.height == 0  # under 16 lines: only while it has focus
        await pilot.press("enter", "enter", "enter")  # the text, reading mode, the summary
        for _ in range(3):
            await pilot.pause()
        assert app.focused is summary and summary.region.height > 0
        assert "3 sentences" in str(summary.border_title)  # fitted to the width it has now, not while hidden


async def test_the_palette_reads_and_runs_the_panes_keys(seed_path):
    app = NewsReader(paths=[seed_path])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await run_from_palette(pilot, "reading mode")
        assert app.panes.reading
        await run_from_palette(pilot, "next summary algorithm")  # one of the keys the panes now own
        assert app.session.algorithm == next_algorithm(DEFAULT_ALGORITHM)
