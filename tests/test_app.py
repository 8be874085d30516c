"""The reader app, driven as a person drives it: keys through Pilot, then what is on screen."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from textual.color import Color
from textual.widget import Widget

from reader.analysis import load
from reader.model import BODY
from reader.settings import load_settings
from reader.summary import DEFAULT_ALGORITHM, DEFAULT_SENTENCES, next_algorithm
from reader.ui.app import NewsReader
from reader.ui.keys import help_rows
from reader.ui.marking import MARGIN
from reader.ui.reading import ReadingPanes
from reader.ui.screens import KEYS, HelpScreen, RemovedScreen
from reader.ui.themes import DEFAULT_THEME
from reader.ui.article_list import ArticleList
from reader.ui.widgets import ArticleView, SpeakerList, SummaryList
from status_line import status

TOPICS = [
    ("Harbour Bridge Reopens After Repairs", "bridge", "harbour"),
    ("Council Votes On New Library Budget", "library", "council"),
    ("Rain Delays The Regional Cricket Final", "cricket", "rain"),
]


def article_text(title: str, thing: str, place: str, paragraphs: int = 6) -> str:
    lines = [title, ""]
    for n in range(paragraphs):
        lines.append(
            f"The {thing} story continued in the {place} district on day {n + 1}. "
            f"Officials said the {thing} work number {n + 1} was going to plan. "
            f"Residents near the {place} told reporters they had waited a long time for news of the {thing}."
        )
        lines.append("")
    return "\n".join(lines)


@pytest.fixture
def library(tmp_path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    for number, (title, thing, place) in enumerate(TOPICS):
        (folder / f"{number}_{thing}.txt").write_text(article_text(title, thing, place), encoding="utf-8")
    return folder


def settled(app: NewsReader) -> bool:
    current = app.article_list.current
    return (
        not app.session.loading_files
        and not any(worker.is_running for worker in app.workers)
        and (current is None or app.session.analysis_key(current) in app.session.analysed)
        and app.panes.pending_body is None
    )


async def run_from_palette(pilot, command: str) -> None:
    """Type `command` into the command palette and run the first command it offers."""
    await pilot.press("ctrl+p", *command)
    await pilot.pause(0.5)  # the palette's search runs in a worker
    await pilot.press("enter")
    await pilot.pause()


async def settle(pilot) -> None:
    """Wait until every file is loaded and the current article's analysis is on screen."""
    for _ in range(400):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if settled(pilot.app):
            await pilot.pause()
            return
    raise AssertionError("the reader never settled")


def summary_texts(app: NewsReader) -> list[str]:
    summary = app.query_one(SummaryList)
    return [summary.get_option_at_index(i).prompt.plain for i in range(summary.option_count)]


async def test_seed_title_in_list_and_summary_on_screen(seed_path):
    app = NewsReader()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        seed = load(seed_path)
        articles = app.query_one(ArticleList)
        assert articles.option_count == 1
        assert articles.get_option_at_index(0).prompt.plain.splitlines()[0] == f"● {seed.title}"  # unread
        shown = app.query_one(ArticleView).article
        assert shown.title == seed.title
        assert len(shown.summary) == DEFAULT_SENTENCES
        assert summary_texts(app) == [sentence.text for sentence in shown.summary]
        assert shown.algorithm == DEFAULT_ALGORITHM


async def test_move_through_articles_with_j_k_n_p(library):
    app = NewsReader(paths=[library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = [title for title, _, _ in TOPICS]

        async def shown() -> str:
            await settle(pilot)  # the article is read in a thread: its text comes a moment after the key
            return app.query_one(ArticleView).article.title

        assert await shown() == titles[0]
        await pilot.press("j")
        assert await shown() == titles[1]
        await pilot.press("down")
        assert await shown() == titles[2]
        await pilot.press("k")
        assert await shown() == titles[1]
        await pilot.press("G")
        assert await shown() == titles[-1]
        await pilot.press("g")
        assert await shown() == titles[0]
        await pilot.press("j")
        # n and p work from the text pane too, not only from the list.
        await pilot.press("tab")
        assert app.focused is app.query_one(ArticleView)
        await pilot.press("n")
        assert await shown() == titles[2]
        await pilot.press("p", "p")
        assert await shown() == titles[0]
        await pilot.press("p")  # already at the first: stays
        assert await shown() == titles[0]
        await settle(pilot)
        assert app.query_one(ArticleView).article.summary


async def test_s_cycles_the_algorithm_and_summarises_again(library):
    app = NewsReader(paths=[library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.query_one(ArticleView).article.algorithm == DEFAULT_ALGORITHM
        await pilot.press("s")
        expected = next_algorithm(DEFAULT_ALGORITHM)
        assert app.session.algorithm == expected
        assert expected in app.query_one(SummaryList).border_title
        await settle(pilot)
        shown = app.query_one(ArticleView).article
        assert shown.algorithm == expected
        assert summary_texts(app) == [sentence.text for sentence in shown.summary]


async def test_plus_and_minus_change_the_summary_length(library):
    app = NewsReader(paths=[library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert len(summary_texts(app)) == 3
        await pilot.press("plus")
        assert app.session.sentences == 4
        await settle(pilot)
        assert len(summary_texts(app)) == 4
        await pilot.press("minus", "minus")
        await settle(pilot)
        assert app.session.sentences == 2
        assert len(summary_texts(app)) == 2


async def test_question_mark_opens_help_listing_every_key(library):
    app = NewsReader(paths=[library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = help_rows(app, KEYS)
        help_text = " ".join(f"{key} {text}" for key, text in rows).lower()
        on_screen = " ".join(str(static.render()) for static in app.screen.query(".label"))
        assert on_screen.lower() == " ".join(key for key, _ in rows).lower()
        for owner in (NewsReader, ReadingPanes, ArticleList, ArticleView, SummaryList, SpeakerList):
            for binding in owner.BINDINGS:
                key = (binding.key_display or binding.key.split(",")[0]).lower()
                assert key in help_text, f"{owner.__name__}: {key} is not in the help"
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_enter_and_tab_move_focus_between_panes(library):
    app = NewsReader(paths=[library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        articles, text, summary = app.query_one(ArticleList), app.query_one(ArticleView), app.query_one(SummaryList)
        assert app.focused is articles
        await pilot.press("enter")
        assert app.focused is text
        await pilot.press("enter")  # reading mode (tests/test_app_reading.py), then the summary
        await pilot.press("enter")
        assert app.focused is summary
        await pilot.press("escape", "escape")  # back to the text, then out of reading mode to the list
        assert app.focused is articles
        await pilot.press("tab")
        assert app.focused is text
        await pilot.press("tab")
        assert app.focused is summary
        await pilot.press("shift+tab")
        assert app.focused is text


def long_report(folder: Path) -> Path:
    """One long paragraph after many short ones: the summary's sentences sit deep in the text, some of them many
    lines into their paragraph."""
    long = folder / "long.txt"
    body = article_text("A Very Long Report On The Harbour", "harbour", "docks", 30)
    body += "\n" + " ".join(f"The final dredging phase {n} moved silt from berth {n}." for n in range(40))
    long.write_text(body, encoding="utf-8")
    return long


async def test_choosing_a_summary_sentence_scrolls_the_text_to_it(tmp_path):
    app = NewsReader(paths=[long_report(tmp_path)])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = app.query_one(ArticleView)
        summary = text.article.summary
        assert text.scroll_y == 0
        await pilot.press("tab", "tab")  # to the summary
        for number, sentence in enumerate(summary):
            await pilot.press("down", "enter")
            await pilot.pause()
            assert app.text_view.choice.chosen_sentence == number
            # The line at the top of the text pane is the line of the paragraph where the sentence starts
            # (unless the text ends before it can scroll that far).
            top_line = text.render_line(0).text
            words = " ".join(sentence.text.split()[:2])
            assert words in top_line or text.scroll_y == text.max_scroll_y, (words, top_line)
        assert text.scroll_y > 0


async def test_moving_through_the_summary_scrolls_the_text_along(tmp_path):
    app = NewsReader(paths=[long_report(tmp_path)])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = app.query_one(ArticleView)
        summary = text.article.summary
        await pilot.press("tab", "tab")  # to the summary, nothing highlighted yet
        for number in range(len(summary)):
            await pilot.press("j")  # no Enter: the highlight alone leads the text
            await pilot.pause()
            assert app.text_view.choice.chosen_sentence == number
            top_line = text.render_line(0).text
            words = " ".join(summary[number].text.split()[:2])
            assert words in top_line or text.scroll_y == text.max_scroll_y, (words, top_line)
        assert text.scroll_y > 0


def pane_lines(app: NewsReader, pane: Widget) -> list[str]:
    """The screen's lines across `pane`'s rows, from the screenshot the app renders, without whitespace (a
    screenshot loses the spaces between styles)."""
    lines: dict[int, str] = defaultdict(str)
    for number, text in re.findall(r'clip-path="url\(#[\w-]+-line-(\d+)\)"[^>]*>(.*?)</text>', app.export_screenshot()):
        lines[int(number)] += "".join(html.unescape(text).split())
    return [lines[row] for row in range(pane.region.y, pane.region.bottom)]


def opening(text: str, words: int = 3) -> str:
    """The first words of `text`, without whitespace, as `pane_lines` shows them."""
    return "".join(text.split()[:words])


async def test_each_article_moved_to_in_the_list_is_drawn_in_the_text_pane(tmp_path, seed_path):
    folder = tmp_path / "library"
    folder.mkdir()
    shutil.copy(seed_path, folder / seed_path.name)
    title, thing, place = TOPICS[2]
    (folder / "zz_cricket.txt").write_text(article_text(title, thing, place, 2), encoding="utf-8")
    seed = load(seed_path)
    shows = {
        seed.title: opening(seed.paragraphs[seed.body_indexes[0]].text),
        title: opening(f"The {thing} story continued in the {place} district"),
    }
    app = NewsReader(paths=[folder])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = app.query_one(ArticleView)
        seen = []
        for key in ("j", "k", "j"):
            shown = "\n".join(pane_lines(app, text))
            current = app.article_list.current.title
            other = next(name for name in shows if name != current)
            assert opening(current, 5) in shown and shows[current] in shown, (current, shown)
            assert opening(other, 5) not in shown and shows[other] not in shown, (other, shown)
            seen.append(current)
            await pilot.press(key)
            await settle(pilot)
        assert set(seen) == set(shows) and seen[0] == seen[2]


async def test_a_wider_pane_wraps_the_text_again(seed_path):
    app = NewsReader(paths=[seed_path])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = app.query_one(ArticleView)
        index = text.cursor  # the first body paragraph, on screen at either size
        words = text.article.paragraphs[index].text.split()
        wrapped = {}
        for size in ((80, 24), (200, 50)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            width = text.scrollable_content_region.width
            lines = [strip.text for strip in text.paragraph_lines(index)]
            assert all(len(line) <= width for line in lines), size
            assert " ".join(line[MARGIN:] for line in lines).split() == words, "the whole paragraph, in order"
            shown = pane_lines(app, text)
            assert all(any("".join(line.split()) in row for row in shown) for line in lines), "and on screen"
            wrapped[size] = lines
        assert wrapped[200, 50] != wrapped[80, 24], "wrapped again to the new width"


async def test_a_new_theme_restyles_the_text(seed_path):
    app = NewsReader(paths=[seed_path], theme_name="dark")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = app.query_one(ArticleView)
        summarised = text.article.summary[0].paragraph

        def backgrounds() -> set[str]:
            """The backgrounds behind the summary's first sentence (its highlight), as hex colours."""
            return {
                Color.from_rich_color(segment.style.bgcolor).hex.lower()
                for strip in text.paragraph_lines(summarised)
                for segment in strip
                if segment.style and segment.style.bgcolor and segment.text.strip()
            }

        for theme in ("dark", "light"):
            if app.theme != theme:
                app.theme = theme
                await pilot.pause()
            highlight = app.theme_variables["summary-highlight"].lower()
            assert highlight in backgrounds(), theme
            assert highlight in app.export_screenshot().lower(), theme
        assert app.theme_variables["summary-highlight"].lower() != "#4a3f14"  # the dark theme's is gone


async def test_c_shows_what_cleaning_set_apart(seed_path):
    app = NewsReader(paths=[seed_path])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        assert isinstance(app.screen, RemovedScreen)
        article = app.query_one(ArticleView).article
        removed = [p for p in article.paragraphs if p.role != BODY]
        labels = [str(label.render()) for label in app.screen.query(".label")]
        assert labels == [p.role for p in removed]
        await pilot.press("escape")
        assert not isinstance(app.screen, RemovedScreen)


async def test_theme_from_the_command_line_is_remembered(library):
    app = NewsReader(paths=[library], theme_name="light")
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "light"
        assert app.theme_variables["summary-highlight"].lower() == "#fff0a8"
    assert load_settings().theme == "light"
    again = NewsReader(paths=[library])
    async with again.run_test() as pilot:
        await pilot.pause()
        assert again.theme == "light"


async def test_palette_switches_theme_and_it_is_remembered(library):
    app = NewsReader(paths=[library])
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.theme == DEFAULT_THEME
        await pilot.press("ctrl+p")
        await pilot.press(*"theme")
        await pilot.pause(0.3)
        await pilot.press("enter")  # Textual's "Theme" command (the palette's only one): the themes by name
        await pilot.pause(0.3)
        await pilot.press(*"high-contrast")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "high-contrast"
    assert load_settings().theme == "high-contrast"


async def test_palette_runs_reader_actions(library):
    app = NewsReader(paths=[library])
    async with app.run_test() as pilot:
        await settle(pilot)
        for command, check in (
            ("longer summary", lambda: app.session.sentences == 4),
            ("next article", lambda: app.article_list.current.title == TOPICS[1][0]),
            ("summary algorithm: luhn", lambda: app.session.algorithm == "luhn"),
        ):
            await run_from_palette(pilot, command)
            assert check(), command


async def test_unknown_theme_falls_back_with_a_notice(library, monkeypatch):
    app = NewsReader(paths=[library], theme_name="no-such-theme")
    notices: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **_: notices.append(message))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == DEFAULT_THEME
    assert any("no-such-theme" in notice for notice in notices)
    assert load_settings().theme != "no-such-theme"


async def test_article_text_is_never_markup(tmp_path):
    page = tmp_path / "tricky.txt"
    page.write_text(
        "[bold]Headline[/bold] with markup\n\n"
        "This paragraph has [bold]x[/bold] and [@click=app.quit]click[/] in it, said the reporter today.\n\n"
        "Colours \x1b[31mred\x1b[0m and a bell \x07 and a title \x1b]0;pwned\x07 must not reach the terminal.\n",
        encoding="utf-8",
    )
    app = NewsReader(paths=[page])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = app.query_one(ArticleView)
        shown = "\n".join(block.content.plain for block in text.blocks)
        assert "[bold]Headline[/bold] with markup" in shown
        assert "[bold]x[/bold] and [@click=app.quit]click[/]" in shown
        assert "Colours red and a bell  and a title  must not" in shown
        assert "\x1b" not in shown and "\x07" not in shown
        title = app.query_one(ArticleList).get_option_at_index(0).prompt.plain
        assert title.startswith("● [bold]Headline[/bold]")
        index = next(i for i, block in text.paragraphs.items() if "click" in block.content.plain)
        text.scroll_to_text(index, "")  # its first line at the top of the pane
        await pilot.pause()
        await pilot.click(text, offset=(text.content_offset.x + 4, text.content_offset.y))
        await pilot.pause()
        assert app.is_running


async def test_a_bad_file_is_reported_and_the_rest_load(library):
    (library / "1a_empty.txt").write_text("", encoding="utf-8")
    app = NewsReader(paths=[library, library / "missing.txt"])
    notices: list[str] = []
    real_notify = app.notify
    app.notify = lambda message, **kw: (notices.append(message), real_notify(message, **kw))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.query_one(ArticleList).option_count == len(TOPICS)
        assert any("1a_empty.txt" in n and "empty" in n for n in notices)
        assert any("missing.txt" in n for n in notices)
        assert "2 not loaded" in status(app)
        await pilot.press("j")
        await settle(pilot)
        assert app.query_one(ArticleView).article.title == TOPICS[1][0]


async def test_q_quits(library):
    app = NewsReader(paths=[library])
    async with app.run_test() as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


def test_importing_the_app_loads_no_analysis_libraries():
    code = (
        "import sys, reader.ui.app\n"
        "print(sorted(m for m in ('nltk', 'sumy', 'trafilatura', 'numpy') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


FIRST_PAINT = """
import asyncio, sys
from reader.ui.app import NewsReader
from reader.ui.reading import ReadingPanes

seen = []
analyse = ReadingPanes.analyse

def watched(self, *args):
    # What had happened by the time the first analysis (the only thing that imports NLTK) started.
    seen.append((self.query_one("#articles").option_count, "nltk" in sys.modules, "sumy" in sys.modules))
    return analyse(self, *args)

ReadingPanes.analyse = watched

async def main():
    app = NewsReader()
    async with app.run_test() as pilot:
        for _ in range(500):
            await pilot.pause(0.02)
            if app.article_list.current is not None and app.session.analysis_key(app.article_list.current) in app.session.analysed:
                break
    print(seen[0], "nltk" in sys.modules)

asyncio.run(main())
"""


def test_the_list_is_on_screen_before_nltk_is_imported():
    result = subprocess.run([sys.executable, "-c", FIRST_PAINT], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["(1,", "False,", "False)", "True"]


async def test_an_empty_folder_leaves_every_key_harmless(tmp_path):
    app = NewsReader(paths=[tmp_path])
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.query_one(ArticleList).option_count == 0
        assert summary_texts(app) == ["No articles to show."]
        await pilot.press("j", "n", "p", "s", "plus", "minus", "c", "enter", "tab", "enter")
        await pilot.pause()
        assert app.is_running
        assert not isinstance(app.screen, RemovedScreen)


async def test_many_bad_files_give_a_few_notices_and_a_count(tmp_path, monkeypatch):
    for number in range(12):
        (tmp_path / f"bad{number:02d}.txt").write_text("", encoding="utf-8")
    app = NewsReader(paths=[tmp_path])
    notices: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **_: notices.append(message))
    async with app.run_test() as pilot:
        await settle(pilot)
        assert "12 not loaded" in status(app)
    named = [n for n in notices if "bad" in n]
    assert 1 <= len(named) < 12
    assert any(f"{12 - len(named)} more" in n for n in notices)


async def test_the_text_pane_says_when_the_article_was_cut(tmp_path, monkeypatch):
    import reader.sources

    monkeypatch.setattr(reader.sources, "MAX_BYTES", 100_000)
    path = tmp_path / "long.txt"
    path.write_text("Long Report\n\n" + "The council met again and talked about the harbour wall.\n" * 5_000)
    app = NewsReader(paths=[path])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        headline, facts = app.query_one(ArticleView).blocks[:2]
        assert facts.content.plain.endswith(" · only the first 0.1 MB of 0.3 MB were read")
        assert facts.y is not None and facts.y < 5  # drawn under the headline, at the top of the text


async def test_a_paragraph_joined_from_a_hard_wrap_is_wrapped_again_to_the_pane(tmp_path):
    import textwrap

    sentence = "The council met again on Monday and talked at length about the harbour wall and its cost. "
    paragraphs = ["Harbour Wall Report", *(sentence * 4 for _ in range(4))]
    path = tmp_path / "wrapped.txt"
    path.write_text("\n\n".join(textwrap.fill(paragraph, 72) for paragraph in paragraphs), encoding="utf-8")
    app = NewsReader(paths=[path])
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        [index, *_] = view.article.body_indexes
        assert "\n" in view.article.paragraphs[index].text  # the wrap's lines, all kept in the paragraph
        lines = [line.plain.rstrip() for line in view.paragraphs[index].lines]
        width = max(len(line) for line in lines)
        # Each line ends where the pane's width ends it: the next word would not have fitted.
        assert all(len(line) + 1 + len(after.split()[0]) > width for line, after in zip(lines, lines[1:])), lines
