"""Screens over the reader: the keys, what cleaning set apart from an article's text, and the topic picker."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..model import BODY, Article, Topic
from .widgets import plain

# Every key, in the order a newcomer needs them. tests/test_app.py checks each binding appears here.
KEYS: list[tuple[str, str]] = [
    ("j / ↓", "next line, article or sentence"),
    ("k / ↑", "previous line, article or sentence"),
    ("g / G", "first / last article or sentence; top / bottom of the text"),
    ("Tab / Shift+Tab", "next / previous pane"),
    ("Enter", "open the article's text; from the text go to the summary; on a sentence, scroll the text to it"),
    ("Escape", "back to the article list"),
    ("Space", "page down in the text"),
    ("n / p", "next / previous article, from any pane"),
    ("s", "next summary algorithm (summarises again)"),
    ("+ / -", "longer / shorter summary"),
    ("c", "what cleaning set apart from the text"),
    ("t", "pick a topic (type part of its name); its passages get a bar in the margin"),
    ("] / [", "next / previous passage of the topic (wraps round); ▶ marks where you are"),
    ("T", "summary of what the article says about the topic, or of the whole article again"),
    ("f", "only articles about the topic in the list; again: every article"),
    ("w", "to the speakers (in the summary's place on narrow screens) and back; Enter on one: their first words"),
    (". / ,", "next / previous statement of the speaker (the first speaker if none is chosen)"),
    ("o", "only the paragraphs where the speaker speaks; again: the whole text"),
    ("Ctrl+P", "command palette: every action, speakers, topics and filters by name, algorithms, themes"),
    ("?", "this help"),
    ("q", "quit"),
]


def labelled_row(label: str, text: str) -> Horizontal:
    """A label in a column of its own, so wrapped text lines up beside it rather than under it."""
    return Horizontal(Static(plain(label), classes="label"), Static(plain(text), classes="text"), classes="row")


class Dismissable(ModalScreen[None]):
    """A modal that any of the usual closing keys closes."""

    BINDINGS = [
        Binding("escape,q", "dismiss", "Close"),
    ]


class HelpScreen(Dismissable):
    BINDINGS = [Binding("question_mark", "dismiss", "Close", show=False)]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog") as dialog:
            dialog.border_title = "Keys"
            dialog.border_subtitle = "Escape closes"
            for key, text in KEYS:
                yield labelled_row(key, text)


class RemovedScreen(Dismissable):
    """Every paragraph cleaning did not keep as body text, with its role, in page order."""

    BINDINGS = [Binding("c", "dismiss", "Close", show=False)]

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article

    def compose(self) -> ComposeResult:
        removed = [p for p in self.article.paragraphs if p.role != BODY]
        with VerticalScroll(id="dialog") as dialog:
            dialog.border_title = Content(f"Set apart from the text ({len(removed)})")
            dialog.border_subtitle = "Escape closes"
            if not removed:
                yield Static(plain("Cleaning kept every paragraph as body text.", "italic"))
            for paragraph in removed:
                yield labelled_row(paragraph.role, paragraph.text)


class TopicPicker(ModalScreen[str | None]):
    """The article's topics, narrowed as you type (fuzzy: "ukr" finds Ukraine); Enter chooses the highlighted."""

    # Here rather than in app.tcss: parsed when the picker first opens, not before the first paint.
    DEFAULT_CSS = """
    TopicPicker {
        align: center middle;
    }
    #picker {
        width: 90%;
        max-width: 60;
        height: auto;
        max-height: 90%;
        border: round $accent;
        border-title-color: $accent;
        border-title-style: bold;
        background: $surface;
    }
    #topic-query, #topic-query:focus {
        border: none;
        height: 1;
        margin-bottom: 1;
    }
    #topic-options, #topic-options:focus {
        border: none;
        height: auto;
        max-height: 12;
        background: $surface;
    }
    """

    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
    ]

    def __init__(self, topics: tuple[Topic, ...], chosen: str | None) -> None:
        super().__init__()
        self.topics = topics
        self.chosen = chosen
        self.matching: list[Topic] = list(topics)

    def compose(self) -> ComposeResult:
        with Vertical(id="picker") as dialog:
            dialog.border_title = "Topic"
            dialog.border_subtitle = "Enter chooses · Escape closes"
            yield Input(placeholder="Type part of a topic", id="topic-query")
            yield OptionList(id="topic-options")

    def on_mount(self) -> None:
        self.show_matching("")

    @property
    def options(self) -> OptionList:
        return self.query_one("#topic-options", OptionList)

    @on(Input.Changed)
    def query_changed(self, event: Input.Changed) -> None:
        self.show_matching(event.value)

    def show_matching(self, query: str) -> None:
        options = self.options
        options.clear_options()
        if query.strip():
            matcher = Matcher(query)
            scored = [(matcher.match(topic.name), n, topic) for n, topic in enumerate(self.topics)]
            self.matching = [topic for score, _, topic in sorted(scored, key=lambda s: (-s[0], s[1])) if score > 0]
            prompts = [matcher.highlight(topic.name) for topic in self.matching]
        else:
            self.matching = list(self.topics)
            prompts = [Content(topic.name) for topic in self.matching]
        if not self.matching:
            options.add_option(Option(plain("No topic matches.", "italic $text-muted"), disabled=True))
            return
        options.add_options(
            Option(Content.assemble(prompt, plain(f"  {paragraph_count(topic)}", "$text-muted")))
            for prompt, topic in zip(prompts, self.matching)
        )
        names = [topic.name for topic in self.matching]
        options.highlighted = names.index(self.chosen) if self.chosen in names and not query.strip() else 0

    def action_move(self, step: int) -> None:
        options = self.options
        if self.matching:
            options.highlighted = ((options.highlighted or 0) + step) % len(self.matching)

    @on(Input.Submitted)
    def query_submitted(self) -> None:
        highlighted = self.options.highlighted
        if self.matching and highlighted is not None:
            self.dismiss(self.matching[highlighted].name)

    @on(OptionList.OptionSelected)
    def option_chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.matching[event.option_index].name)


def paragraph_count(topic: Topic) -> str:
    count = len(topic.paragraphs)
    return f"{count} paragraph{'' if count == 1 else 's'}"
