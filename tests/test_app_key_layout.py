"""A key moving through the list changes the panes' lines, not the screen's layout (issue 18: relaying the
whole screen on every `j` was four tenths of the key's time on a big library), and never waits for the article's
file to be read."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from textual import messages
from textual.message import Message

from reader import session as session_module
from reader.ui.app import NewsReader
from reader.ui import reading, virtual_list
from reader.ui.widgets import ArticleView
from test_app import TOPICS, article_text, settle


def relayouts(app: NewsReader, monkeypatch) -> list:
    """The widgets whose change lays the screen out again, from now on."""
    screen, relaid = app.screen, []
    post = screen.post_message

    def posted(message: Message) -> bool:
        if isinstance(message, messages.Layout):
            relaid.append(message.widget)
        return post(message)

    monkeypatch.setattr(screen, "post_message", posted)
    return relaid


def whole_repaints(widgets, monkeypatch) -> list:
    """The widgets among `widgets` drawn again whole (a refresh of no region), from now on."""
    repainted = []
    for widget in widgets:
        def refreshed(*regions, _widget=widget, _refresh=widget.refresh, **kwargs):
            if not regions:
                repainted.append(_widget)
            return _refresh(*regions, **kwargs)

        monkeypatch.setattr(widget, "refresh", refreshed)
    return repainted


@pytest.fixture
def library(tmp_path, seed_path) -> Path:
    """The seed and a small article."""
    folder = tmp_path / "library"
    folder.mkdir()
    shutil.copy(seed_path, folder / seed_path.name)
    title, thing, place = TOPICS[0]
    (folder / f"1_{thing}.txt").write_text(article_text(title, thing, place), encoding="utf-8")
    return folder


async def test_moving_between_analysed_articles_relays_no_text(library, monkeypatch):
    app = NewsReader(paths=[library])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first = app.text_view.article.path
        await pilot.press("j")
        await settle(pilot)  # both articles analysed: moving between them shows another text and summary
        relaid = relayouts(app, monkeypatch)
        shown = app.text_view.article
        await pilot.press("k")
        await pilot.pause()
        await pilot.pause()
        assert app.text_view.article.path == first != shown.path
        await pilot.press("j")
        await pilot.pause()
        await pilot.pause()
        assert app.text_view.article.path == shown.path
        # The text's new size relays none (a summary's scrollbar coming or going still does, as it must).
        assert not [widget for widget in relaid if isinstance(widget, ArticleView)]


async def test_a_key_draws_again_only_the_rows_it_moves_between(library, monkeypatch):
    app = NewsReader(paths=[library])
    async with app.run_test(size=(120, 40)) as pilot:  # wide: both rows on screen, the list never scrolls
        await settle(pilot)
        repainted = whole_repaints([app.article_list], monkeypatch)
        await pilot.press("j")
        await pilot.press("k")
        await settle(pilot)
        assert app.article_list.highlighted == 0 and repainted == []


async def test_titles_set_again_unchanged_draw_no_pane_again(library, monkeypatch):
    app = NewsReader(paths=[library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        panes = app.panes
        titles = [pane._border_title.markup for pane in (panes.text_view, panes.summary_list, app.article_list)]
        repainted = whole_repaints([panes.text_view, panes.summary_list, panes.speaker_list, app.article_list],
                                   monkeypatch)
        panes.retitle()  # every key retitles the panes
        app.article_list.update_title()  # every batch of the library's analysis does
        assert repainted == []
        side = whole_repaints([panes.summary_list, panes.speaker_list], monkeypatch)
        panes.show_analysed(app.text_view.article)  # its analysis again: the same summary, speakers and titles
        assert side == []
        assert [pane._border_title.markup for pane in (panes.text_view, panes.summary_list, app.article_list)] == titles


@pytest.fixture
def alike(tmp_path) -> Path:
    """Two long articles of the same shape: their texts scroll, their speakers and the status line take as
    many lines."""
    folder = tmp_path / "alike"
    folder.mkdir()
    for number, (title, thing, place) in enumerate(TOPICS[:2]):
        (folder / f"{number}_{thing}.txt").write_text(article_text(title, thing, place, paragraphs=30),
                                                      encoding="utf-8")
    return folder


async def test_moving_between_articles_alike_relays_nothing(alike, monkeypatch):
    app = NewsReader(paths=[alike])
    async with app.run_test(size=(120, 40)) as pilot:  # wide: the speakers as tall as their lines
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        relaid = relayouts(app, monkeypatch)
        read, gate = app.session.read_article, threading.Event()

        def read_when_let(entry):
            gate.wait(10)
            return read(entry)

        monkeypatch.setattr(app.session, "read_article", read_when_let)
        for key in "kjk":
            shown = app.text_view.article.path
            gate.clear()
            app.session.analysed.clear()  # as in a big library: the article moved to is not one kept in memory
            await pilot.press(key)
            await pilot.pause()  # the headline drawn while the text is read
            gate.set()
            await settle(pilot)
            assert app.text_view.article.path != shown
        # New speakers in as many lines, a status line of the same height, the text's scrollbar kept while the
        # next is read: the screen keeps its layout.
        assert app.text_view.max_scroll_y > 0 and relaid == []


async def test_a_slow_read_holds_no_key_up_and_the_text_comes_when_read(tmp_path, monkeypatch):
    folder = tmp_path / "library"
    folder.mkdir()
    for number, (title, thing, place) in enumerate(TOPICS):
        (folder / f"{number}_{thing}.txt").write_text(article_text(title, thing, place), encoding="utf-8")
    topics_file = tmp_path / "topics.toml"  # the user's topics: every article is read from its file, not the cache
    topics_file.write_text('[topics."Works"]\nmerge = ["bridge", "library"]\n', encoding="utf-8")
    slow = str(folder / "1_library.txt")
    release, read_ended = threading.Event(), threading.Event()
    real_outline = session_module.outline

    def slow_outline(path: Path):
        if str(path) == slow:
            release.wait(10)  # a huge page, a slow disk: until the test lets it go
            read_ended.set()
        return real_outline(path)

    app = NewsReader(paths=[folder], topics_file=topics_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(session_module, "outline", slow_outline)
        await pilot.press("j")
        # The headline at once, the text once read.
        assert app.text_view.blocks[0].content.plain == TOPICS[1][0] and app.text_view.article is None
        await pilot.press("j")  # the key is taken while the file before is still being read
        assert app.article_list.highlighted == 2 and not read_ended.is_set()
        for _ in range(500):
            if app.text_view.article is not None:
                break
            await pilot.pause(0.01)
        assert app.text_view.article.title == TOPICS[2][0] and not read_ended.is_set()
        release.set()
        await settle(pilot)
        assert read_ended.is_set()
        assert app.text_view.article.title == TOPICS[2][0]  # the late read of the article left was dropped
        await pilot.press("k")
        await settle(pilot)
        assert app.text_view.article.title == TOPICS[1][0] and app.text_view.article.summary


async def test_keys_run_through_the_list_by_headline_and_the_article_comes_where_they_rest(alike, monkeypatch):
    monkeypatch.setattr(virtual_list, "REPEAT_WINDOW", 60.0)  # every key after the first runs on
    app = NewsReader(paths=[alike])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        first = app.text_view.article
        monkeypatch.setattr(reading, "BODY_DELAY", 60.0)  # the cursor never rests
        await pilot.press("j", "k", "j")
        await pilot.pause()
        second = app.article_list.current
        assert second is not None and second.path != first.path
        assert app.text_view.article is None  # its headline alone: the text follows once the cursor rests
        assert app.text_view.render_line(0).text.strip() == second.title
        assert app.panes.summary_list.shown == app.panes.speaker_list.shown == "…"  # not the first article's
        await pilot.press("w")  # a key that acts on the article: it comes whole at once
        await settle(pilot)
        assert app.text_view.article is not None and app.text_view.article.path == second.path
        assert app.panes.summary_list.shown != "…"

        monkeypatch.setattr(reading, "BODY_DELAY", 0.05)
        app.article_list.focus()  # from the speakers, which w opened
        await pilot.press("k", "j", "k")
        await settle(pilot)  # until the timer has shown it
        assert app.text_view.article is not None and app.text_view.article.path == first.path


async def test_a_run_of_headlines_draws_again_only_the_headline(alike, monkeypatch):
    monkeypatch.setattr(virtual_list, "REPEAT_WINDOW", 60.0)
    monkeypatch.setattr(reading, "BODY_DELAY", 60.0)
    app = NewsReader(paths=[alike])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "k")  # the text gives way to the headline
        await pilot.pause()
        repainted = whole_repaints([app.text_view], monkeypatch)
        await pilot.press("j", "k", "j")
        await pilot.pause()
        assert app.text_view.article is None and repainted == []


@pytest.mark.parametrize(("set_by_user", "painted_at"), [(None, "240"), ("30", "30")])
def test_a_key_is_painted_soon_after_a_long_frame_unless_the_user_says(set_by_user, painted_at):
    """At Textual's own 60 frames a second, a key just after a long frame waited up to 33 ms for its own."""
    env = {name: value for name, value in os.environ.items() if name != "TEXTUAL_FPS"}
    if set_by_user:
        env["TEXTUAL_FPS"] = set_by_user
    code = "import reader.ui.app, textual.constants; print(textual.constants.MAX_FPS)"
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert run.stdout.strip() == painted_at
