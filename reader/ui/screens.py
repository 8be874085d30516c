"""Screens over the reader: the keys, and what cleaning set apart from an article's text."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ..model import BODY, Article
from .dialog import DialogScreen
from .keys import help_rows
from .widgets import plain

# Every key, in the order a newcomer needs them. tests/test_app.py checks each binding appears here.
KEYS: list[tuple[str, str]] = [
    ("j / ↓", "next line, article or sentence"),
    ("k / ↑", "previous line, article or sentence"),
    ("g / G", "first / last article or sentence; top / bottom of the text"),
    ("Tab / Shift+Tab", "next / previous pane"),
    ("Enter", "open the article's text; on the text, reading mode (then the summary); on a sentence, go to it"),
    ("z", "reading mode: the article's text on the whole screen (Enter: the summary, w: the speakers); again: back"),
    ("Escape", "back: out of the summary or the speakers in reading mode, out of reading mode, to the article list"),
    ("Space", "page down in the text"),
    ("n / p", "next / previous article, from any pane"),
    ("s", "next summary algorithm (summarises again)"),
    ("+ / -", "longer / shorter summary"),
    ("c", "what cleaning set apart from the text"),
    ("t", "pick a topic (type part of its name); its passages get a bar in the margin"),
    ("] / [", "next / previous passage of the topic (wraps round); ▶ marks where you are"),
    ("T", "summary of what the article says about the topic, or of the whole article again"),
    ("f", "only articles about the topic in the list; again: every article"),
    ("/", "search titles and text as you type (speaker:NAME, topic:NAME); Enter keeps it, Escape clears it"),
    ("m / M", "mark the article read or unread (● marks unread) / mark every article shown read"),
    ("*", "star the article, or unstar it (★)"),
    ("v", "show every article, the unread only, or the starred only"),
    ("S", "sort the list: as found, newest first, by title, by source"),
    ("w", "to the speakers (in the summary's place on narrow screens) and back; Enter on one: their first words"),
    (". / ,", "next / previous statement of the speaker (the first speaker if none is chosen)"),
    ("O", "only the paragraphs where the speaker speaks; again: the whole text"),
    ("F", "feeds: unread articles, when each was refreshed and how; Enter lists only that feed's articles"),
    ("r", "refresh every feed in the background; new articles join the list"),
    ("o", "open the article's original web page in the browser (articles from feeds)"),
    ("e", "the files that could not be loaded, and why"),
    ("Ctrl+P", "command palette: every action, speakers, topics and filters by name, algorithms, themes"),
    ("?", "this help"),
    ("q", "quit"),
]


def labelled_row(label: str, text: str) -> Horizontal:
    """A label in a column of its own, so wrapped text lines up beside it rather than under it."""
    return Horizontal(Static(plain(label), classes="label"), Static(plain(text), classes="text"), classes="row")


class Dismissable(DialogScreen[None]):
    """A dialog that any of the usual closing keys closes."""

    SCOPED_CSS = False
    DEFAULT_CSS = """
    #dialog {
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    #dialog .row {
        height: auto;
    }
    #dialog .label {
        width: 18;
        color: $accent;
        text-style: bold;
    }
    #dialog .text {
        width: 1fr;
    }
    RemovedScreen #dialog .row {
        margin-bottom: 1;
    }
    RemovedScreen #dialog .label {
        width: 13;
    }
    """

    BINDINGS = [
        Binding("escape,q", "dismiss", "Close"),
    ]


class HelpScreen(Dismissable):
    BINDINGS = [Binding("question_mark", "dismiss", "Close", show=False)]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", classes="dialog-box") as dialog:
            dialog.border_title = "Keys"
            dialog.border_subtitle = "Escape closes"
            for key, text in help_rows(self.app, KEYS):  # the keys in effect (see keys.py)
                yield labelled_row(key, text)


class RemovedScreen(Dismissable):
    """Every paragraph cleaning did not keep as body text, with its role, in page order."""

    BINDINGS = [Binding("c", "dismiss", "Close", show=False)]

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article

    def compose(self) -> ComposeResult:
        removed = [p for p in self.article.paragraphs if p.role != BODY]
        with VerticalScroll(id="dialog", classes="dialog-box") as dialog:
            dialog.border_title = Content(f"Set apart from the text ({len(removed)})")
            dialog.border_subtitle = "Escape closes"
            if not removed:
                yield Static(plain("Cleaning kept every paragraph as body text.", "italic"))
            for paragraph in removed:
                yield labelled_row(paragraph.role, paragraph.text)
