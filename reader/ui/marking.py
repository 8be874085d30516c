"""How a paragraph of the text is marked: the summary's sentences, each speaker's names and quoted words, the
search's words, and a margin with the reading cursor, a bar beside the chosen topic's passages and a thin bar in
the colour of whoever speaks in the paragraph.

The marks are few and have a shape as well as a colour, so they read on a monochrome terminal too: names bold
in the speaker's colour, quoted words underlined, reported speech only a thin bar in the margin (a coloured
paragraph would make most of a news story one colour), summary sentences on a highlight with a dot in the
margin, search hits reversed. `Marks.highlighting` off leaves only what says where the reader is: the cursor,
the topic bar, the sentence or statement stepped to.
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
STEPPED_TO = "reverse bold"
SEARCH_HIT = "reverse"
QUOTED = "underline"

# The margin: a column for the cursor, a column for the topic bar, a space before the text.
MARGIN = 3
CURSOR_FIRST = "▶"  # the cursor's paragraph, on its first line
CURSOR_REST = "┃"
SUMMARY_DOT = "•"  # beside a paragraph holding a summary sentence, where the cursor is not
TOPIC_BAR = "▎"
SPEAKER_BAR = "▏"  # thin, at the left of its cell: a gap before the text


@dataclass(frozen=True)
class Marks:
    """What the text marks besides the article itself."""

    chosen_sentence: int | None = None  # index into the summary
    topic: str | None = None  # its passages get a bar in the margin
    statement: Statement | None = None  # the statement the reader stepped to
    only_speaker: str | None = None  # show only the paragraphs where this speaker speaks
    search: tuple[str, ...] = ()  # the search's words, marked where the text has them
    highlighting: bool = True  # the speakers', quotes', summary's and search's marks shown


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


@dataclass(frozen=True)
class Margin:
    """What the margin beside a paragraph shows."""

    cursor: bool = False
    topic_style: str | None = None  # the chosen topic's colour, beside its passages
    speaker_style: str | None = None  # the colour of whoever speaks in the paragraph
    summary: bool = False  # the paragraph holds a summary sentence


def margin(shown: Margin) -> tuple[Content, Content]:
    """The margin's first and following lines for a paragraph."""
    bar = Content.styled(TOPIC_BAR, f"bold {shown.topic_style}") if shown.topic_style else Content(" ")
    said = Content.styled(SPEAKER_BAR, f"bold {shown.speaker_style}") if shown.speaker_style else Content(" ")
    if shown.cursor:
        return (
            Content.assemble((CURSOR_FIRST, "bold $accent"), bar, said),
            Content.assemble((CURSOR_REST, "$accent"), bar, said),
        )
    first = Content.assemble((SUMMARY_DOT if shown.summary else " ", "bold"), bar, said)
    return first, Content.assemble(" ", bar, said)


@lru_cache(maxsize=256)
def mention_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """Any of `names` as whole words, longest first ("U.S. President Barack Obama" before "Obama")."""
    alternatives = "|".join(re.escape(printable(name)) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def speaker_names(speaker: Speaker) -> tuple[str, ...]:
    return tuple(name for name in {speaker.name, *speaker.aliases} if name.strip())


def search_words(query: str) -> tuple[str, ...]:
    """The words of a search to mark in the text: not its `speaker:` and `topic:` terms (they match fields)."""
    return tuple(word.replace('"', "") for word in query.split() if ":" not in word and word.replace('"', ""))


@lru_cache(maxsize=32)
def search_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """Words starting with any of `words`, as the search index matches them (every word as a prefix)."""
    return re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(word) for word in words)})\w*", re.IGNORECASE)


def mark_search(content: Content, words: tuple[str, ...]) -> Content:
    """`content` with the search's words marked."""
    if not words:
        return content
    for found in search_pattern(words).finditer(content.plain):
        content = content.stylize(SEARCH_HIT, found.start(), found.end())
    return content


def paragraph_content(article: Article, index: int, marks: Marks) -> Content:
    """One paragraph's text with its speakers' names and quoted words, the summary's sentences and the
    search's words marked (only the sentence or statement stepped to while highlighting is off)."""
    paragraph = article.paragraphs[index]
    text = flowed(paragraph.text)
    content = Content(text)
    if marks.highlighting:
        for number, speaker in enumerate(article.speakers):
            colour = speaker_colour(number)
            for statement in speaker.statements:
                start = text.find(flowed(statement.text)) if statement.paragraph == index else -1
                if start >= 0 and statement.kind == DIRECT:
                    content = content.stylize(QUOTED, start, start + len(flowed(statement.text)))
            names = speaker_names(speaker)
            if names:
                for found in mention_pattern(names).finditer(text):
                    content = content.stylize(f"bold {colour}", found.start(), found.end())
    for number, sentence in enumerate(article.summary):
        start = text.find(flowed(sentence.text)) if sentence.paragraph == index else -1
        chosen = number == marks.chosen_sentence
        if start >= 0 and (chosen or marks.highlighting):
            end = start + len(flowed(sentence.text))
            content = content.stylize(CHOSEN if chosen else HIGHLIGHT, start, end)
    if marks.highlighting:
        content = mark_search(content, marks.search)
    stepped_to = marks.statement
    if stepped_to is not None and stepped_to.paragraph == index:
        # Last, so the statement the reader stepped to stands out over every other mark.
        start = text.find(flowed(stepped_to.text))
        if start >= 0:
            content = content.stylize(STEPPED_TO, start, start + len(flowed(stepped_to.text)))
    label = ROLE_LABELS.get(paragraph.role)
    return Content.assemble((f"{label}: ", "bold"), content) if label else content


def speaking_styles(article: Article) -> dict[int, str]:
    """The colour of the bar beside each paragraph where somebody speaks: the first speaker's in it (the
    speakers come most quoted first)."""
    styles: dict[int, str] = {}
    for number, speaker in enumerate(article.speakers):
        for statement in speaker.statements:
            styles.setdefault(statement.paragraph, speaker_colour(number))
    return styles


def summary_paragraphs(article: Article) -> set[int]:
    return {sentence.paragraph for sentence in article.summary}


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
