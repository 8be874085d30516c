"""The topic picker (t): the article's topics, narrowed as you type.

A module of its own, loaded when the picker first opens rather than before the reader's first paint.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.fuzzy import Matcher
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from ..model import Topic
from .dialog import ChoiceDialog
from .widgets import plain


class TopicPicker(ChoiceDialog[str]):
    """The article's topics, narrowed as you type (fuzzy: "ukr" finds Ukraine); Enter chooses the highlighted."""

    DEFAULT_CSS = """
    #picker {
        max-width: 60;
    }
    #topic-options {
        max-height: 12;
    }
    """

    def __init__(self, topics: tuple[Topic, ...], chosen: str | None) -> None:
        super().__init__()
        self.topics = topics
        self.chosen = chosen
        self.matching: list[Topic] = list(topics)

    def compose(self) -> ComposeResult:
        with Vertical(id="picker", classes="dialog-box") as dialog:
            dialog.border_title = "Topic"
            dialog.border_subtitle = "Enter chooses · Escape closes"
            yield Input(placeholder="Type part of a topic", id="topic-query", classes="dialog-input")
            yield OptionList(id="topic-options", classes="dialog-choices")

    def on_mount(self) -> None:
        self.show_matching("")

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
            for prompt, topic in zip(prompts, self.matching, strict=True)
        )
        names = [topic.name for topic in self.matching]
        options.highlighted = names.index(self.chosen) if self.chosen in names and not query.strip() else 0

    @property
    def choice_count(self) -> int:
        return len(self.matching)

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
