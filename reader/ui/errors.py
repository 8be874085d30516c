"""The files that were not loaded (e), each with its problem.

A module of its own, loaded when the screen first opens rather than before the reader's first paint. Paths and
messages come from the user's disk and may hold anything, so they are shown as plain text through `plain`.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..model import LoadError
from .dialog import DialogScreen
from .widgets import LIST_KEYS, plain


def error_prompt(error: LoadError) -> Content:
    return Content.assemble(plain(error.path, "bold"), "\n", plain(error.error, "$text-muted"))


class ErrorList(OptionList):
    BINDINGS = LIST_KEYS


class ErrorsScreen(DialogScreen[None]):
    """One row per file not loaded: its path, and under it why. An option list, so thousands stay quick."""

    BINDINGS = [Binding("escape,q,e", "dismiss", "Close")]

    def __init__(self, errors: list[LoadError]) -> None:
        super().__init__()
        self.errors = list(errors)

    def compose(self) -> ComposeResult:
        count = len(self.errors)
        with Vertical(id="errors-box", classes="dialog-box") as box:
            box.border_title = Content(f"Not loaded ({count} file{'' if count == 1 else 's'})")
            box.border_subtitle = "Escape closes"
            options = ErrorList(id="errors", classes="dialog-list")
            if self.errors:
                options.add_options([Option(error_prompt(error)) for error in self.errors])
            else:
                options.add_option(Option(plain("Every file was loaded.", "italic"), disabled=True))
            yield options
