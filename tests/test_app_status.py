"""The status line (issue 17): the view and sort, the count, the analysis under way, the topic and the passage,
the speaker and the statement, all of it on screen at any size; the titles never cut; the one-passage sign."""

from __future__ import annotations

import html
import re
import shutil
from collections import defaultdict

from textual.content import Content

from reader.ui.app import NewsReader
from reader.ui.reading import ReadingPanes
from reader.ui.navigation import Choice
from reader.ui.status import Place, StatusLine, article_status
from status_line import status
from test_app import library, settle  # noqa: F401  (library is a fixture)


async def choose_topic(pilot, query: str) -> None:
    await pilot.press("t", *query, "enter")
    await pilot.pause()


async def test_the_status_line_says_the_count_the_view_and_the_sort(library):
    app = NewsReader(paths=[library])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert status(app) == "3 articles · all · as found"
        await pilot.press("v", "S")
        await pilot.pause()
        assert status(app) == "3 articles · unread · newest first"  # none read yet: all shown
        await pilot.press("v")
        await pilot.pause()
        assert status(app) == "0 of 3 articles · starred · newest first"


async def test_the_status_line_counts_the_passages_and_the_statements(seed_path):
    app = NewsReader(paths=[seed_path])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await choose_topic(pilot, "ukr")
        assert "Ukraine · passage 1 of 3" in status(app)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "Ukraine · passage 2 of 3" in status(app)
        statements = len(app.text_view.article.speakers[0].counted)
        await pilot.press("full_stop")  # the first statement from where the reader is
        await pilot.pause()
        number = app.text_view.choice.statement + 1
        assert f"Obama · statement {number} of {statements}" in status(app)
        await pilot.press("full_stop")
        await pilot.pause()
        assert f"Obama · statement {number + 1} of {statements}" in status(app)
        article, shown = app.text_view.article, tuple(app.text_view.shown_paragraphs())
    # Before a topic's first passage (Russia's starts at the sixth paragraph): how many there are.
    assert article_status(Place(article, Choice(topic="Russia"), shown, position=0)) == ["Russia · 2 passages"]


async def test_a_topic_of_one_passage_says_so(seed_path):
    app = NewsReader(paths=[seed_path])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await choose_topic(pilot, "syria")
        assert "Syria · its one passage" in status(app)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert any("one passage" in notice.message for notice in app._notifications)


def screen_rows(app: NewsReader) -> dict[int, str]:
    """Each line of the screen as the screenshot draws it (spaces between styles lost)."""
    rows: dict[int, str] = defaultdict(str)
    for number, text in re.findall(r'clip-path="url\(#[\w-]+-line-(\d+)\)"[^>]*>(.*?)</text>', app.export_screenshot()):
        rows[int(number)] += html.unescape(text).replace("\xa0", " ")
    return rows


def squeezed(text: str) -> str:
    return "".join(text.split())


async def test_no_title_and_no_status_is_cut_at_120_columns(library, seed_path, monkeypatch):
    """The longest status: a search, the unread view, a sort, a topic filter, the library still being analysed
    (its background analysis held back), a topic and a speaker chosen, only the speaker's words shown."""
    monkeypatch.setattr(ReadingPanes, "analyse_library", lambda *_: None)
    shutil.copy(seed_path, library / seed_path.name)
    app = NewsReader(paths=[library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"obama", "enter")
        await pilot.pause(0.5)
        await pilot.press("v", "S")
        await choose_topic(pilot, "cyber")
        await pilot.press("f", "O", "full_stop")
        await pilot.pause()
        await settle(pilot)
        shown = status(app)
        for part in ("matching “obama”", "unread", "newest first", "about Cybersecurity so far", "analysed",
                     "Cybersecurity · passage", "Only Barack Obama", "statement 1 of"):
            assert part in shown, (part, shown)
        rows = screen_rows(app)
        line = app.query_one(StatusLine)
        on_screen = "".join(rows[y] for y in range(line.region.y, line.region.bottom))
        assert squeezed(shown) in squeezed(on_screen)
        for part in line.parts:  # each whole on one row: the line breaks between them
            assert any(part in rows[y] for y in range(line.region.y, line.region.bottom)), (part, on_screen)
        for pane in (app.article_list, app.text_view, app.panes.summary_list, app.panes.speaker_list):
            title = Content.from_markup(pane.border_title or "").plain
            top = rows[pane.region.y]
            assert title and squeezed(title) in squeezed(top) and "…" not in top, (title, top)


def test_a_status_line_breaks_between_its_parts_never_inside_one():
    from reader.ui.status import status_lines

    parts = ["12 of 16 articles", "unread", "Cybersecurity · passage 1 of 2", "Only Barack Obama"]
    assert status_lines(parts, 40).splitlines() == [
        "12 of 16 articles · unread ·",
        "Cybersecurity · passage 1 of 2 ·",
        "Only Barack Obama",
    ]
    assert status_lines(parts, 200) == " · ".join(parts)
