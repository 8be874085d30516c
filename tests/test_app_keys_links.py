"""Keys a user changes in config.toml's [keys]; the article's links listed and opened by number; its text piped
to a command; a text browser: the app suspended while each runs, and back after."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from test_app import TOPICS, article_text, run_from_palette, settle
from test_app_feeds import server, subscribed  # noqa: F401 - the fixtures

from reader.links import page_links, text_links
from reader.settings import config_path
from reader.ui.app import NewsReader
from reader.ui.external import PipeScreen, terminal_browser
from reader.ui.links import LinksScreen
from reader.ui.screens import HelpScreen
from reader.ui.widgets import ArticleView

LINKED = (
    "Harbour Bridge Reopens After Repairs\n\n"
    "The harbour bridge reopened on Monday, the council said (https://example.org/bridge/notice).\n\n"
    "The full timetable is at https://example.org/timetable.pdf, and the engineers' report at\n"
    "http://example.net/report?id=7.\n\n"
    "Residents said they had waited a long time for the bridge to reopen.\n"
)

# A stand-in for a command or a browser: writes its arguments and its standard input to a file.
STAND_IN = """#!{python}
import sys
with open({out!r}, "a", encoding="utf-8") as out:
    out.write(repr(sys.argv[1:]) + "\\n" + sys.stdin.read())
"""


@pytest.fixture
def linked(tmp_path) -> Path:
    path = tmp_path / "library" / "bridge.txt"
    path.parent.mkdir()
    path.write_text(LINKED, encoding="utf-8")
    return path


def stand_in(folder: Path, name: str) -> tuple[Path, Path]:
    out = folder / f"{name}.out"
    script = folder / name
    script.write_text(STAND_IN.format(python=sys.executable, out=str(out)), encoding="utf-8")
    script.chmod(0o755)
    return script, out


@pytest.fixture
def suspensions(monkeypatch) -> list[str]:
    """Textual's test driver cannot suspend: a stand-in App.suspend that records entering and leaving."""
    seen: list[str] = []

    @contextmanager
    def suspend(self):
        seen.append("suspended")
        yield
        seen.append("resumed")

    monkeypatch.setattr(NewsReader, "suspend", suspend)
    return seen


def test_links_of_a_page_are_those_in_its_article():
    page = """<html><head><link rel="canonical" href="https://news.example/story/1"></head><body>
    <nav><a href="/">Home</a><a href="/sport">Sport</a></nav>
    <p>The <a href="../reports/bridge.html">engineers' report</a> says the
    <a href="https://council.example/budget">budget</a> held. <a href="mailto:x@example.org">Write</a></p>
    </body></html>"""
    text = "The engineers' report says the budget held."
    links = page_links(page, text)
    assert [(link.url, link.text) for link in links] == [
        ("https://news.example/reports/bridge.html", "engineers' report"),
        ("https://council.example/budget", "budget"),
    ]


def test_links_of_a_text_are_its_web_addresses():
    assert [link.url for link in text_links(LINKED)] == [
        "https://example.org/bridge/notice", "https://example.org/timetable.pdf", "http://example.net/report?id=7"]


def test_a_text_browser_is_run_in_the_terminal_and_a_graphical_one_is_not(tmp_path):
    assert terminal_browser({"BROWSER": "w3m -o confirm_qq=0"}) == ["w3m", "-o", "confirm_qq=0"]
    assert terminal_browser({"BROWSER": "firefox"}) is None
    assert terminal_browser({"DISPLAY": ":0", "PATH": str(tmp_path)}) is None
    stand_in(tmp_path, "www-browser")
    if sys.platform not in ("darwin", "win32"):
        assert terminal_browser({"PATH": str(tmp_path)}) == [str(tmp_path / "www-browser")]


async def test_u_lists_the_links_and_a_number_opens_one_in_a_text_browser(linked, tmp_path, monkeypatch,
                                                                           suspensions):
    browser, out = stand_in(tmp_path, "w3m")
    monkeypatch.setenv("BROWSER", str(browser))
    app = NewsReader(paths=[linked])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, LinksScreen)
        assert [link.url for link in app.screen.links][1] == "https://example.org/timetable.pdf"
        await pilot.press("2", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, LinksScreen)
        assert suspensions == ["suspended", "resumed"]
        assert out.read_text(encoding="utf-8").splitlines()[0] == "['https://example.org/timetable.pdf']"
        await pilot.press("j")  # the reader answers keys again
        assert app.query_one(ArticleView).article is not None


async def test_pipe_sends_the_article_text_to_a_command_while_the_app_is_suspended(linked, tmp_path, suspensions):
    command, out = stand_in(tmp_path, "save-text")
    app = NewsReader(paths=[linked])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("vertical_line")
        await pilot.pause()
        assert isinstance(app.screen, PipeScreen)
        await pilot.press(*f"{command} --flag", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, PipeScreen)
        assert suspensions == ["suspended", "resumed"]
        written = out.read_text(encoding="utf-8")
        assert written.splitlines()[0] == "['--flag']"
        assert "Harbour Bridge Reopens After Repairs\n\nThe harbour bridge reopened on Monday" in written


async def test_a_keys_table_rebinds_an_action_and_bad_entries_are_told(tmp_path):
    folder = tmp_path / "library"
    folder.mkdir()
    for number, (title, thing, place) in enumerate(TOPICS):
        (folder / f"{number}_{thing}.txt").write_text(article_text(title, thing, place), encoding="utf-8")
    config = config_path()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[keys]\nnext_article = "ctrl+n"\nnext_articel = "x"\nsearch = "ctrl+nope+f"\n'
                      'toggle_highlighting = 5\n', encoding="utf-8")
    app = NewsReader(paths=[folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert view.article.title == TOPICS[0][0]
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert view.article.title == TOPICS[1][0]
        await pilot.press("n")  # n is no longer next_article
        await settle(pilot)
        assert view.article.title == TOPICS[1][0]
        told = [str(n.message) for n in app._notifications]
        assert any(str(config) in m and "next_articel: no such action" in m for m in told)
        assert any("search" in m and "'nope' is not a modifier" in m for m in told)
        assert any("toggle_highlighting = 5" in m for m in told)
        await pilot.press("slash")  # search keeps its own key, the bad one left out
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "search"
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        labels = [str(static.render()) for static in app.screen.query(".label")]
        assert "Ctrl+N / p" in labels and "Your keys" in labels


def test_a_config_file_that_is_not_toml_is_told_and_the_keys_stay_the_defaults():
    from reader.settings import load_keys

    assert load_keys() == ({}, [])  # no file: no keys, nothing to tell
    config = config_path()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("[keys\nnext_article = ctrl+n\n", encoding="utf-8")
    keys, problems = load_keys()
    assert keys == {} and len(problems) == 1
    assert problems[0].startswith(f"{config}: not TOML") and "the keys are the defaults" in problems[0]
    config.write_text('keys = "ctrl+n"\n', encoding="utf-8")
    assert "`keys` is not a table" in load_keys()[1][0]


def test_bindings_are_named_by_their_action_alone():
    from textual.binding import Binding

    from reader.ui.widgets import with_ids

    named = with_ids([Binding("enter", "app.focus_summary", "Summary"), Binding("down", "move(1)", "Down"),
                      Binding("x", "quit", "Quit", id="leave")])
    assert [binding.id for binding in named] == ["focus_summary", "move", "leave"]


async def test_the_palette_runs_the_marks_toggle(seed_path):
    app = NewsReader(paths=[seed_path])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await run_from_palette(pilot, "highlighting")
        assert not app.query_one(ArticleView).marks.highlighting


async def test_o_runs_a_text_browser_with_the_app_suspended_and_back(server, subscribed, tmp_path, monkeypatch,
                                                                     suspensions):
    from test_app_feeds import HARBOUR, choose, refreshed

    browser, out = stand_in(tmp_path, "w3m")
    monkeypatch.setenv("BROWSER", f"{browser} -title %s")
    app = NewsReader()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await refreshed(pilot)
        await choose(pilot, HARBOUR)
        await pilot.press("o")
        await pilot.pause()
        assert suspensions == ["suspended", "resumed"]
        page = subscribed.url("/pages/harbour.html")
        assert out.read_text(encoding="utf-8").splitlines()[0] == repr(["-title", page])
        await pilot.press("j")  # the reader answers keys again
        assert app.text_view.article is not None


def test_a_piped_commands_output_stays_on_screen_until_enter_and_a_browser_needs_none(monkeypatch):
    import contextlib
    import io

    from reader.ui import external

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    keyboard, screen = Terminal("\n"), io.StringIO()
    external.wait_for_enter(keyboard, screen)
    assert "press Enter to return" in screen.getvalue() and keyboard.read() == ""  # the Enter was read
    script, quiet = io.StringIO("\n"), io.StringIO()
    external.wait_for_enter(script, quiet)  # no terminal: nobody to wait for
    assert quiet.getvalue() == ""

    waits: list[str] = []
    monkeypatch.setattr(external, "wait_for_enter", lambda *_: waits.append("waited"))

    class App:
        suspend = staticmethod(contextlib.nullcontext)

    assert external.run_suspended(App(), ["true"], "the text") is None
    assert external.run_suspended(App(), ["true"]) is None  # a browser: the reader quits it to come back
    assert waits == ["waited"]
