"""The box every dialog of the reader shares: centred over the reader, the accent border with its title."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

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
