"""Broken and hostile input in the app, driven through Pilot: the bad files listed with their problems, the good
ones all readable, nothing in an article obeyed (markup, escape sequences, clicks), nothing on disk changed."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from pathlib import Path

import pytest
from hostile import BAD, GOOD, fingerprints, make_hostile_folder
from test_app import settle

from reader.ui.app import NewsReader
from reader.ui.errors import ErrorsScreen
from reader.ui.widgets import ArticleView
from status_line import status

SIZE = (120, 40)
# Files that load or fail depending on the HTML parser's limits; either way they must not take the app down.
EITHER = {"deep.html"}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    return make_hostile_folder(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def small_hostile(tmp_path_factory) -> Path:
    """Every case but the two huge files, for the tests that look at one article."""
    return make_hostile_folder(tmp_path_factory.mktemp("small-hostile"), huge=False)


def screen_lines(app: NewsReader) -> list[str]:
    """The text of each line of the screen, from the screenshot the app renders (spaces between styles lost)."""
    lines: dict[int, str] = defaultdict(str)
    for number, text in re.findall(r'clip-path="url\(#[\w-]+-line-(\d+)\)"[^>]*>(.*?)</text>', app.export_screenshot()):
        lines[int(number)] += html.unescape(text).replace("\xa0", " ")
    return [lines[number] for number in sorted(lines)]


def listed_names(app: NewsReader) -> list[str]:
    return [Path(app.session.articles[index].path).name for index in app.article_list.shown]


async def open_article(pilot, name: str) -> None:
    pilot.app.article_list.highlighted = listed_names(pilot.app).index(name)
    await settle(pilot)


def paragraph_showing(app: NewsReader, text: str) -> tuple[int, int, int]:
    """The paragraph whose rendering shows `text`, and where in the text pane (column, row) it starts, counted
    from the pane's corner as a click's offset is (a row past the pane's height is scrolled out of sight)."""
    view = app.query_one(ArticleView)
    for index in view.shown_paragraphs():
        for number, strip in enumerate(view.paragraph_lines(index)):
            column, row = strip.text.find(text), view.paragraphs[index].y + number - view.scroll_offset.y
            if column >= 0:
                return index, view.content_offset.x + column, view.content_offset.y + row
    raise AssertionError(f"{text!r} is not in the text")


async def test_bad_files_are_listed_good_files_load_and_nothing_changes(hostile):
    before = fingerprints(hostile)
    app = NewsReader(paths=[hostile])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        failed = {Path(error.path).name: error.error for error in app.session.load_errors}
        assert len(failed) == len(app.session.load_errors), "one error per file"
        assert set(BAD) | {"dangling.txt"} <= set(failed) <= set(BAD) | {"dangling.txt"} | EITHER
        for name, (_, problem) in BAD.items():
            assert problem in failed[name], name
        assert f"{len(app.session.load_errors)} not loaded (e)" in status(app)

        listed = listed_names(app)
        assert set(GOOD) | {"huge.txt", "one-line.txt"} <= set(listed)
        assert len(listed) == len(set(listed)), "the symlink loop is not followed into the same files again"
        assert app.article_list.option_count == len(listed)

        await pilot.press("e")
        assert isinstance(app.screen, ErrorsScreen)
        shown = [str(option.prompt) for option in app.screen.query_one("#errors").options]
        assert len(shown) == len(app.session.load_errors)
        for error in app.session.load_errors:
            assert f"{error.path}\n{error.error}" in shown
        await pilot.press("escape")
        assert not isinstance(app.screen, ErrorsScreen)
    assert fingerprints(hostile) == before


async def test_markup_in_an_article_is_shown_as_text_and_a_click_on_it_does_nothing(small_hostile):
    app = NewsReader(paths=[small_hostile])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_article(pilot, "markup.txt")
        screen = "\n".join(screen_lines(app))
        for literal in ("Markup [bold]Title[/bold]", "[bold]tags[/bold]", "[@click=app.quit]a", "[link=https://"):
            assert literal in screen, literal

        _, column, row = paragraph_showing(app, "[@click=app.quit]a link")
        view = app.query_one(ArticleView)
        assert view.scrollable_content_region.contains(view.region.x + column, view.region.y + row), "on screen"
        for offset in range(0, len("[@click=app.quit]a link"), 4):  # the brackets, the action, the "link"
            await pilot.click(view, offset=(column + offset, row))
            await pilot.pause()
        assert app.is_running and app.return_code is None


async def test_escape_sequences_never_reach_the_screen(small_hostile):
    app = NewsReader(paths=[small_hostile])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_article(pilot, "escapes.txt")
        screenshot = app.export_screenshot()
        assert "\x1b" not in screenshot and "\x07" not in screenshot and "&#27;" not in screenshot
        screen = "\n".join(screen_lines(app))
        assert "A body that clears" in screen and "to the clipboard, links" in screen
        assert "\u202e" not in screen and "\u200b" not in screen and "ZXZpbA" not in screen


async def test_a_very_long_word_and_url_wrap_within_the_pane(tmp_path):
    url = "https://example.com/" + "/".join(f"section{n}" for n in range(60)) + "?q=" + "x" * 200
    (tmp_path / "long.txt").write_text(
        f"Long Words\n\nA word {'y' * 500} and a link {url} in one paragraph.\n", encoding="utf-8"
    )
    app = NewsReader(paths=[tmp_path])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert view.max_scroll_x == 0, "no horizontal scrolling"
        index, column, _ = paragraph_showing(app, "https://example.com/section0")
        width = view.scrollable_content_region.width
        assert column - view.content_offset.x < width
        lines = view.paragraph_lines(index)
        assert all(strip.cell_length <= width for strip in lines)
        texts = [strip.text.rstrip() for strip in lines]
        assert "".join(line[3:] for line in texts).count("y" * 70) >= 7, "the long word is all there, wrapped"
