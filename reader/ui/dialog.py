"""The box every dialog of the reader shares: centred over the reader, the accent border with its title."""

from __future__ import annotations

from typing import TypeVar

from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import OptionList

from .status import ReaderFooter

Result = TypeVar("Result")


class DialogScreen(ModalScreen[Result]):
    """A modal whose box (class `dialog-box`) and plain list inside it (class `dialog-list`) share one style.

    Its styles are parsed when the first dialog opens, not before the first paint.
    """

    SCOPED_CSS = False
    DEFAULT_CSS = """
    DialogScreen {
        align: center middle;
    }
    DialogScreen .dialog-box {
        width: 90%;
        max-width: 100;
        height: auto;
        max-height: 90%;
        border: round $accent;
        border-title-color: $accent;
        border-title-style: bold;
        background: $surface;
    }
    DialogScreen .dialog-list, DialogScreen .dialog-list:focus {
        border: none;
        height: auto;
        max-height: 100%;
        background: $surface;
    }
    """

    def on_mount(self) -> None:
        # The footer follows the screen: the dialog's keys (how to leave it), not the reader's under it.
        self.mount(ReaderFooter(compact=True))


class ChoiceDialog(DialogScreen[Result]):
    """A dialog of choices (an OptionList of class `dialog-choices`) under a line to type in (an Input of class
    `dialog-input`: what is typed narrows or picks the choices, as the subclass says); the arrows move through
    the choices from the line, round from the last to the first."""

    DEFAULT_CSS = """
    ChoiceDialog .dialog-input, ChoiceDialog .dialog-input:focus {
        border: none;
        height: 1;
        margin-bottom: 1;
    }
    ChoiceDialog .dialog-choices, ChoiceDialog .dialog-choices:focus {
        border: none;
        height: auto;
        max-height: 20;
        background: $surface;
    }
    """

    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
    ]

    @property
    def options(self) -> OptionList:
        return self.query_one(".dialog-choices", OptionList)

    @property
    def choice_count(self) -> int:
        """How many choices there are now (a note such as "No topic matches." is none)."""
        raise NotImplementedError

    def action_move(self, step: int) -> None:
        if self.choice_count:
            self.options.highlighted = ((self.options.highlighted or 0) + step) % self.choice_count
