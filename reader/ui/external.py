"""Programs the reader hands the terminal to: a text browser for a page (o, and a link from u), and a command the
article's text is piped to (|).

While one runs the app is suspended (App.suspend: the terminal as it was before the app started), so the two
never draw at once, and it comes back when the program ends. A graphical browser is started in the background
as before (Python's webbrowser), the reader keeping the terminal.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import webbrowser
from collections.abc import Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import urlsplit

from textual import on
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from ..display import printable
from ..links import BROWSABLE_SCHEMES
from ..model import Article
from .dialog import DialogScreen
from .widgets import SHOWN_ROLES, one_line, plain

if TYPE_CHECKING:
    from textual.app import App

# Browsers that draw in the terminal they are started from: the app must step aside for them.
TEXT_BROWSERS = {"w3m", "lynx", "links", "links2", "elinks", "www-browser", "browsh", "carbonyl"}
# Looked for on PATH when $BROWSER names none and there is no graphical display (Debian's www-browser first).
CONSOLE_BROWSERS = ("www-browser", "w3m", "lynx", "elinks", "links")


def terminal_browser(environ: Mapping[str, str] = os.environ) -> list[str] | None:
    """The command of the text browser to open pages with, when the browser to use is one: $BROWSER's first
    entry if it names a text browser; with no $BROWSER and no graphical display (on Linux and the like), the
    first console browser on PATH. None: a graphical browser, left to Python's webbrowser."""
    chosen = [entry for entry in environ.get("BROWSER", "").split(os.pathsep) if entry.strip()]
    if chosen:
        command = shlex.split(chosen[0])
        return command if command and Path(command[0]).name in TEXT_BROWSERS else None
    if sys.platform in ("darwin", "win32") or environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    for name in CONSOLE_BROWSERS:
        found = shutil.which(name, path=environ.get("PATH"))
        if found:
            return [found]
    return None


def browser_command(browser: list[str], url: str) -> list[str]:
    """The browser's command for `url`: in the place of a `%s` in it (as $BROWSER allows), else at the end."""
    if any("%s" in part for part in browser):
        return [part.replace("%s", url) for part in browser]
    return [*browser, url]


def run_suspended(app: App[Any], command: list[str] | str, text: str | None = None) -> str | None:
    """Run `command` (a string: through the shell) with the terminal to itself, the app suspended, `text` on
    its standard input; what went wrong, if anything ("" is never returned). A piped command's output stays
    on screen until the reader presses Enter (as mutt's wait_key): `wc -w` would otherwise flash by."""
    try:
        with app.suspend():
            done = subprocess.run(command, input=text, encoding="utf-8", errors="replace", check=False,
                                  shell=isinstance(command, str))
            if text is not None:
                wait_for_enter(sys.stdin, sys.stdout)
    except SuspendNotSupported:
        return "this terminal cannot hand itself to another program"
    except OSError as error:
        return f"could not start it ({error.strerror or error})"
    return f"it ended with status {done.returncode}" if done.returncode else None


def wait_for_enter(terminal_in: IO[str], terminal_out: IO[str]) -> None:
    if not terminal_in.isatty():  # no one to press it (a test, a script)
        return
    terminal_out.write("\n[newsreader: press Enter to return]")
    terminal_out.flush()
    try:
        terminal_in.readline()
    except OSError:
        pass


def article_text(article: Article) -> str:
    """The article as plain text, as the text pane shows it: the headline, then its paragraphs a blank line
    apart (without what the terminal would act on)."""
    paragraphs = [p.text for p in article.paragraphs if p.role in SHOWN_ROLES]
    return "\n\n".join(printable(text) for text in [one_line(article.title), *paragraphs]) + "\n"


class PipeScreen(DialogScreen[str]):
    """Asks for the command to pipe the article's text to (`|`, as in newsboat); Enter runs it."""

    DEFAULT_CSS = """
    #pipe {
        max-width: 70;
        padding: 0 1;
    }
    #pipe-command, #pipe-command:focus {
        border: none;
        height: 1;
    }
    """

    BINDINGS = [Binding("escape", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="pipe", classes="dialog-box") as dialog:
            dialog.border_title = "Pipe the article's text to"
            dialog.border_subtitle = "Enter runs it · Escape closes"
            yield Static(plain("A shell command, e.g. less, or wc -w, or tee ~/article.txt", "$text-muted"))
            yield Input(placeholder="command", id="pipe-command")

    @on(Input.Submitted)
    def command_given(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())


def pipe_article(app: App[Any], article: Article | None) -> None:
    """Ask for a command and pipe the article's text to it, the reader suspended while it runs."""
    if article is None:
        app.bell()
        return

    def run(command: str | None) -> None:
        if command:
            problem = run_suspended(app, command, article_text(article))
            if problem:
                app.notify(f"{command}: {problem}", title="Pipe", severity="warning", markup=False)

    app.push_screen(PipeScreen(), run)


def open_link(app: App[Any], link: str) -> None:
    """Open `link` in the browser: a text browser in the terminal, the reader suspended until it ends; a
    graphical one in the background."""
    if urlsplit(link).scheme.lower() not in BROWSABLE_SCHEMES:
        app.notify("Only http and https pages are opened; this link is neither.", timeout=4)
        return
    browser = terminal_browser()
    if browser is not None:
        problem = run_suspended(app, browser_command(browser, link))
        if problem:
            app.notify(f"{' '.join(browser)}: {problem}", title="Browser", severity="warning", markup=False)
        return
    # In a thread: a browser that starts slowly must not hold up the keys.
    app.run_worker(lambda: webbrowser.open(link), thread=True, group="browser", exit_on_error=False)
    app.notify(f"Opening {printable(link)}", timeout=3, markup=False)
