"""A key moving through the list changes the panes' lines, not the screen's layout (issue 18: relaying the
whole screen on every `j` was four tenths of the key's time on a big library)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual import messages
from textual.message import Message

from reader.ui.app import NewsReader
from reader.ui.widgets import ArticleView
from test_app import TOPICS, article_text, settle


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
        screen, relaid = app.screen, []
        post = screen.post_message

        def posted(message: Message) -> bool:
            if isinstance(message, messages.Layout):
                relaid.append(message.widget)
            return post(message)

        monkeypatch.setattr(screen, "post_message", posted)
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


@pytest.fixture
def alike(tmp_path) -> Path:
    """Two articles of the same shape: their speakers and the status line take as many lines."""
    folder = tmp_path / "alike"
    folder.mkdir()
    for number, (title, thing, place) in enumerate(TOPICS[:2]):
        (folder / f"{number}_{thing}.txt").write_text(article_text(title, thing, place), encoding="utf-8")
    return folder


async def test_moving_between_articles_alike_relays_nothing_beside_the_summary(alike, monkeypatch):
    app = NewsReader(paths=[alike])
    async with app.run_test(size=(120, 40)) as pilot:  # wide: the speakers as tall as their lines
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        screen, relaid = app.screen, []
        post = screen.post_message

        def posted(message: Message) -> bool:
            if isinstance(message, messages.Layout):
                relaid.append(message.widget)
            return post(message)

        monkeypatch.setattr(screen, "post_message", posted)
        for key in "kjk":
            shown = app.text_view.article.path
            await pilot.press(key)
            await pilot.pause()
            await pilot.pause()
            assert app.text_view.article.path != shown
        # New speakers in as many lines, a status line of the same height: the screen keeps its layout.
        assert relaid == []
