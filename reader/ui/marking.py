"""How a paragraph of the text is marked: the summary's sentences, each speaker's names and words, and a margin
with the reading cursor and a bar beside the chosen topic's passages.

Every mark has a shape as well as a colour (bold names, underlined quotes, italic reported speech, the margin's
glyphs), so the marks read on a monochrome terminal too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from ..display import flowed, printable
from ..model import CAPTION, CREDIT, DIRECT, Article, Speaker, Statement
from .themes import speaker_colour, topic_colour

ROLE_LABELS = {CAPTION: "Caption", CREDIT: "Credit"}

HIGHLIGHT = "$summary-highlight-text on $summary-highlight"
CHOSEN = "bold $summary-chosen-text on $summary-chosen"

# The margin: a column for the cursor, a column for the topic bar, a space before the text.
MARGIN = 3
CURSOR_FIRST = "▶"  # the cursor's paragraph, on its first line
CURSOR_REST = "┃"
TOPIC_BAR = "▎"


@dataclass(frozen=True)
class Marks:
    """What the text marks besides the article itself."""

    chosen_sentence: int | None = None  # index into the summary
    topic: str | None = None  # its passages get a bar in the margin
    statement: Statement | None = None  # the statement the reader stepped to
    only_speaker: str | None = None  # show only the paragraphs where this speaker speaks


NO_MARKS = Marks()


class Margined(Visual):
    """Text with a margin on its left: `first` beside its first line, `rest` beside the others."""

    def __init__(self, content: Content, first: Content, rest: Content) -> None:
        self.content = content
        self.first = first
        self.rest = rest

    def __str__(self) -> str:
        return self.content.plain

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.content.get_optimal_width(rules, container_width) + MARGIN

    def get_minimal_width(self, rules: RulesMap) -> int:
        return self.content.get_minimal_width(rules) + MARGIN

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.content.get_height(rules, max(width - MARGIN, 1))

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        lines = self.content.render_strips(max(width - MARGIN, 1), height, style, options)
        first, rest = (
            Strip.join(margin.render_strips(MARGIN, 1, style, options)).extend_cell_length(MARGIN, style.rich_style)
            for margin in (self.first, self.rest)
        )
        return [Strip.join([first if number == 0 else rest, line]) for number, line in enumerate(lines)]


def margin(cursor: bool, topic_style: str | None) -> tuple[Content, Content]:
    """The margin's first and following lines for a paragraph with (or without) the cursor and a topic bar."""
    bar = Content.styled(TOPIC_BAR, f"bold {topic_style}") if topic_style else Content(" ")
    if cursor:
        return (
            Content.assemble((CURSOR_FIRST, "bold $accent"), bar, " "),
            Content.assemble((CURSOR_REST, "$accent"), bar, " "),
        )
    line = Content.assemble(" ", bar, " ")
    return line, line


@lru_cache(maxsize=256)
def mention_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """Any of `names` as whole words, longest first ("U.S. President Barack Obama" before "Obama")."""
    alternatives = "|".join(re.escape(printable(name)) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def speaker_names(speaker: Speaker) -> tuple[str, ...]:
    return tuple(name for name in {speaker.name, *speaker.aliases} if name.strip())


def paragraph_content(article: Article, index: int, marks: Marks) -> Content:
    """One paragraph's text with its speakers' words, names and the summary's sentences marked."""
    paragraph = article.paragraphs[index]
    text = flowed(paragraph.text)
    content = Content(text)
    for number, speaker in enumerate(article.speakers):
        colour = speaker_colour(number)
        for statement in speaker.statements:
            start = text.find(flowed(statement.text)) if statement.paragraph == index else -1
            if start >= 0:
                said = "underline" if statement.kind == DIRECT else "italic"
                content = content.stylize(f"{said} {colour}", start, start + len(flowed(statement.text)))
        names = speaker_names(speaker)
        if names:
            for found in mention_pattern(names).finditer(text):
                content = content.stylize(f"bold {colour}", found.start(), found.end())
    for number, sentence in enumerate(article.summary):
        start = text.find(flowed(sentence.text)) if sentence.paragraph == index else -1
        if start >= 0:
            end = start + len(flowed(sentence.text))
            content = content.stylize(CHOSEN if number == marks.chosen_sentence else HIGHLIGHT, start, end)
    stepped_to = marks.statement
    if stepped_to is not None and stepped_to.paragraph == index:
        # Last, so the statement the reader stepped to stands out over every other mark.
        start = text.find(flowed(stepped_to.text))
        if start >= 0:
            content = content.stylize("reverse bold", start, start + len(flowed(stepped_to.text)))
    label = ROLE_LABELS.get(paragraph.role)
    return Content.assemble((f"{label}: ", "bold"), content) if label else content


def topic_style(article: Article, name: str | None) -> str | None:
    """The colour of topic `name` in this article (topics are coloured in the order the article ranks them)."""
    for number, topic in enumerate(article.topics):
        if topic.name == name:
            return topic_colour(number)
    return None


def spoken_in(article: Article, speaker_name: str) -> set[int]:
    """The paragraphs where `speaker_name` says something."""
    return {
        statement.paragraph
        for speaker in article.speakers
        if speaker.name == speaker_name
        for statement in speaker.statements
    }
