"""The footer (issue 17): quit and the keys that apply to the article on screen, nothing else; the keys of the
screen on top (reading mode, a dialog), all of them on screen at any width; and one theme command in the
palette."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_app import library, settle  # noqa: F401  (library is a fixture)
from textual.command import CommandPalette
from textual.widgets import Footer, OptionList
from textual.widgets._footer import FooterKey

from reader.ui.app import NewsReader
from reader.ui.picker import TopicPicker
from reader.ui.screens import HelpScreen, RemovedScreen
from reader.ui.widgets import ArticleView

TOPIC_KEYS = {"pick_topic", "next_passage", "previous_passage", "narrow_summary", "filter_by_topic"}
SPEAKER_KEYS = {"next_statement", "previous_statement", "only_speaker"}


@pytest.fixture
def plain_article(tmp_path) -> Path:
    """One article without topics, and nobody speaks in it."""
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "plain.txt").write_text(
        "A Week\n\n"
        "The weather was fine for most of the week.\n\n"
        "It was a quiet time, and a short one for most of us.\n\n"
        "Then it ended with a calm day.\n",
        encoding="utf-8",
    )
    return folder


async def footer_actions(pilot) -> set[str]:
    for _ in range(50):
        await pilot.pause()
        if pilot.app.query(Footer):
            break
    await pilot.pause()
    return {key.action for key in pilot.app.query(FooterKey)}


async def test_the_footer_shows_quit(library):  # noqa: F811
    app = NewsReader(paths=[library])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = await footer_actions(pilot)
        assert "quit" in shown
        assert {"pick_topic", "next_passage", "search", "help"} <= shown
        assert "Quit" in app.export_screenshot()


async def test_an_article_without_topics_or_speakers_shows_none_of_their_keys(plain_article):
    app = NewsReader(paths=[plain_article])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        article = app.query_one(ArticleView).article
        assert article is not None and not article.topics and not article.speakers
        shown = await footer_actions(pilot)
        assert "quit" in shown
        assert not shown & (TOPIC_KEYS | SPEAKER_KEYS)
        assert not {active.binding.action for active in app.active_bindings.values()} & TOPIC_KEYS
        view = app.query_one(ArticleView)
        before = (view.choice.topic, view.reading_position(), len(app._notifications))
        for key in ("right_square_bracket", "t", "full_stop", "O"):
            await pilot.press(key)
            await pilot.pause()
        assert (view.choice.topic, view.reading_position(), len(app._notifications)) == before
        assert len(app.screen_stack) == 1  # no topic picker


async def test_the_footer_follows_the_article(library, plain_article):  # noqa: F811
    (library / "9_plain.txt").write_text((plain_article / "plain.txt").read_text(encoding="utf-8"), encoding="utf-8")
    app = NewsReader(paths=[library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "next_passage" in await footer_actions(pilot)
        for _ in range(3):
            await pilot.press("n")
        await settle(pilot)
        assert app.query_one(ArticleView).article.title == "A Week"
        assert "next_passage" not in await footer_actions(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert "next_passage" in await footer_actions(pilot)


def palette_prompts(app: NewsReader) -> list[str]:
    options = app.screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt).splitlines()[0] for i in range(options.option_count)]


async def test_the_palette_has_one_theme_command(library):  # noqa: F811
    app = NewsReader(paths=[library])
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"theme")
        await pilot.pause(0.5)
        assert isinstance(app.screen, CommandPalette)
        prompts = palette_prompts(app)
        assert [prompt for prompt in prompts if "theme" in prompt.lower()] == ["Theme"], prompts
        assert not any("high-contrast" in prompt for prompt in prompts)  # chosen under Theme (test_app.py)
        await pilot.press("escape")
        await pilot.pause()



async def screen_footer(pilot) -> list[FooterKey]:
    """The keys the footer of the screen on top shows (each screen has its own)."""
    await footer_actions(pilot)
    for _ in range(20):
        await pilot.pause()
        keys = list(pilot.app.screen.query(FooterKey))
        if keys:
            return keys
    return []


async def test_the_footer_follows_reading_mode_and_the_dialogs(library):  # noqa: F811
    app = NewsReader(paths=[library])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        listed = {key.action for key in await screen_footer(pilot)}
        assert {"read", "quit", "help"} <= listed and "leave_reading(True)" not in listed
        await pilot.press("z")
        await pilot.pause()
        reading = {key.action for key in await screen_footer(pilot)}
        assert {"leave_reading(True)", "quit"} <= reading and "read" not in reading
        for key, dialog in (("question_mark", HelpScreen), ("t", TopicPicker), ("c", RemovedScreen)):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, dialog)
            shown = [(key.key, key.description) for key in await screen_footer(pilot)]
            assert shown == [("escape", "Close")], (dialog, shown)  # the dialog's keys: not the reader's
            await pilot.press("escape")
            await pilot.pause()
        assert {key.action for key in await screen_footer(pilot)} == reading


@pytest.mark.parametrize("width", [40, 60, 80, 81, 120])
async def test_the_footer_fits_and_keeps_quit_at_any_width(seed_path, width):
    app = NewsReader(paths=[seed_path])
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        keys = await screen_footer(pilot)
        assert {"quit", "help"} <= {key.action for key in keys}
        assert all(key.region.right <= width for key in keys)
        regions = sorted((key.region for key in keys), key=lambda region: region.x)
        assert all(left.right <= right.x for left, right in zip(regions, regions[1:]))  # none over another
