"""The reader's panes: the article list, the article text, its summary and its speakers.

Everything an article contains is shown as plain text: strings become `Content` objects, never markup, so
`[bold]` or `[@click=app.quit]` in a page stays literal, and `printable` strips what a terminal would act on.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..display import printable
from ..model import BODY, CAPTION, CREDIT, Article
from .marking import (
    MARGIN,
    NO_MARKS,
    Margined,
    Marks,
    margin,
    paragraph_content,
    spoken_in,
    topic_style,
)
from .themes import speaker_colour

if TYPE_CHECKING:
    from ..library import Entry

# Roles shown in the reading text; the others (media player text, boilerplate) only on the removed screen.
SHOWN_ROLES = {BODY, CAPTION, CREDIT, "heading", "byline", "dateline"}
# Topics named on an article's line in the list.
LISTED_TOPICS = 3


def plain(text: str, style: str = "") -> Content:
    return Content.styled(printable(text), style)


def one_line(text: str) -> str:
    """A title on one line, whatever line breaks or tabs the page put in it."""
    return " ".join(text.split())


def source_name(article: Article | Entry) -> str:
    """The site when the page names it, else the file's name: a library's folder is the same on every line."""
    return article.site or Path(article.path).name


def facts(article: Article) -> str:
    known = [source_name(article), article.date, article.author, f"{article.length} words"]
    return " · ".join(printable(fact) for fact in known if fact)


# Vim's and newsboat's movement keys, beside the arrows and Home/End that Textual binds already.
LIST_KEYS = [
    Binding("j", "cursor_down", "Down", show=False),
    Binding("k", "cursor_up", "Up", show=False),
    Binding("g", "first", "First", show=False),
    Binding("G", "last", "Last", show=False),
]


class ArticleList(OptionList):
    """One option per article: read and star marks and its title, then a dim line of where it is from, when,
    how long, and its topics once analysed. Unread titles are bold behind a ●, read ones dim: shape, not
    colour alone."""

    BINDINGS = LIST_KEYS

    def add_entries(self, entries: list[Entry], read: set[str], starred: set[str]) -> None:
        self.add_options([Option(self.prompt(e, e.id in read, e.id in starred)) for e in entries])

    def show_entry(self, row: int, entry: Entry, read: set[str], starred: set[str]) -> None:
        """Redraw one row. OptionList's own replace measures every row again (a second for 10,000, on each
        batch of the library's analysis): a new option as tall as the old one takes its place alone."""
        old = self.get_option_at_index(row)
        new = Option(self.prompt(entry, entry.id in read, entry.id in starred))
        padding = self.get_component_styles("option-list--option").padding
        width = self.scrollable_content_region.width - self._get_left_gutter_width() - padding.width
        height = self._line_cache.heights.get(row)
        if old._divider or height is None or self._get_visual(new).get_height(self.styles, width) != height:
            self.replace_option_prompt_at_index(row, new.prompt)
            return
        self._options[row] = new
        del self._option_to_index[old]
        self._option_to_index[new] = row
        self.refresh()

    @staticmethod
    def prompt(entry: Entry, read: bool = False, starred: bool = False) -> Content:
        topics = entry.topics
        about = plain(" · " + ", ".join(topics[:LISTED_TOPICS]), "italic $text-muted") if topics else Content("")
        known = [source_name(entry), entry.date, f"{entry.words} words"]
        return Content.assemble(
            ("  " if read else "● ", "bold"),
            ("★ " if starred else "", "bold"),
            plain(one_line(entry.title), "dim" if read else "bold"),
            "\n  ",
            plain(" · ".join(fact for fact in known if fact), "$text-muted"),
            about,
        )


def article_key(article: Article) -> tuple[str, str]:
    """The same file's article whatever was done to it (outlined, analysed with any options)."""
    return (article.id, article.path)


class ParagraphText(Static):
    """One paragraph of the text, with its margin; its CSS class is its role, so captions can be set apart.

    The article's styles live here, parsed when the first article is shown rather than before the first paint.
    """

    SCOPED_CSS = False
    # A comfortable measure, paragraphs apart, captions and credits set off to the side. Paragraphs draw
    # their own margin (the cursor, the topic bar: marking.py), three cells wide.
    DEFAULT_CSS = """
    ArticleView {
        padding: 0 1 0 0;
    }
    ArticleView > .headline, ArticleView > .facts {
        padding-left: 3;
    }
    ArticleView > Static {
        margin-bottom: 1;
    }
    ArticleView > .headline {
        text-style: bold;
        color: $primary;
        margin-bottom: 0;
    }
    ArticleView > .facts {
        color: $text-muted;
    }
    ParagraphText.-heading {
        text-style: bold;
    }
    ParagraphText.-byline, ParagraphText.-dateline {
        color: $text-muted;
    }
    ParagraphText.-caption, ParagraphText.-credit {
        color: $text-muted;
        text-style: italic;
        border-left: outer $foreground 35%;
    }
    """

    def __init__(self, role: str) -> None:
        super().__init__(classes=f"-{role}")
        self.text = Content("")
        self.cursor = False
        self.topic_style: str | None = None

    def mark(self, text: Content, topic_style: str | None) -> None:
        """Show `text`, with a bar in `topic_style` in the margin (none when None)."""
        self.text, self.topic_style = text, topic_style
        self._draw()

    def set_cursor(self, cursor: bool) -> None:
        self.cursor = cursor
        self._draw()

    def _draw(self) -> None:
        first, rest = margin(self.cursor, self.topic_style)
        self.update(Margined(self.text, first, rest))


class ArticleView(VerticalScroll, can_focus=True):
    """The article: headline, facts, and the paragraphs a reader reads, with their marks and a cursor.

    The cursor is the paragraph the topic and speaker keys moved to; it starts at the first body paragraph.
    """

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
        Binding("space", "page_down", "Page", show=False),
        Binding("enter", "app.focus_summary", "Summary", show=False),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.article: Article | None = None
        self.paragraphs: dict[int, ParagraphText] = {}
        self.cursor: int | None = None
        self.marks = Marks()

    def show(self, article: Article, marks: Marks = NO_MARKS) -> None:
        """Show `article` with `marks`.

        The same article again (its analysis arrived, or the marks changed) only restyles the paragraphs, so
        the reader keeps their place; another article replaces them and starts at the top.
        """
        if self.article is None or self.article.id != article.id or self.article.path != article.path:
            self._replace(article)
        self.article = article
        self.marks = marks
        bar = topic_style(article, marks.topic)
        passages = next((set(t.paragraphs) for t in article.topics if t.name == marks.topic), set())
        spoken = spoken_in(article, marks.only_speaker) if marks.only_speaker else None
        for index, widget in self.paragraphs.items():
            widget.display = spoken is None or index in spoken
            widget.mark(paragraph_content(article, index, marks), bar if index in passages else None)

    def _replace(self, article: Article) -> None:
        self.remove_children()
        self.paragraphs = {
            index: ParagraphText(paragraph.role)
            for index, paragraph in enumerate(article.paragraphs)
            if paragraph.role in SHOWN_ROLES
        }
        body = [index for index in article.body_indexes if index in self.paragraphs]
        self.cursor = body[0] if body else None
        if self.cursor is not None:
            self.paragraphs[self.cursor].cursor = True
        self.mount_all(
            [
                Static(plain(one_line(article.title)), classes="headline"),
                Static(plain(facts(article)), classes="facts"),
                *self.paragraphs.values(),
            ]
        )
        self.scroll_home(animate=False)

    def move_cursor(self, index: int, text: str | None = None) -> None:
        """Put the cursor on paragraph `index` and scroll to it (to the line where `text` starts, if given)."""
        widget = self.paragraphs.get(index)
        if widget is None or self.article is None:
            return
        old = self.paragraphs.get(self.cursor) if self.cursor is not None else None
        if old is not None and old is not widget:
            old.set_cursor(False)
        self.cursor = index
        widget.set_cursor(True)
        self.scroll_to_text(index, text or "")

    def shown_paragraphs(self) -> list[int]:
        """The paragraphs on show (all but those hidden while only one speaker's words are shown)."""
        return [index for index, widget in self.paragraphs.items() if widget.display]

    def reading_position(self) -> int:
        """Where the keys that move to the next thing start from: the cursor while it is on screen, else
        the first paragraph on screen (the reader scrolled away from the cursor)."""
        top, bottom = self.scroll_y, self.scroll_y + self.scrollable_content_region.height
        cursor = self.paragraphs.get(self.cursor) if self.cursor is not None else None
        if cursor is not None and cursor.display and self._overlaps(cursor, top, bottom):
            return self.cursor
        shown = [i for i, w in self.paragraphs.items() if w.display and self._overlaps(w, top, bottom)]
        return shown[0] if shown else (self.cursor or 0)

    @staticmethod
    def _overlaps(widget: Widget, top: float, bottom: float) -> bool:
        region = widget.virtual_region
        return region.y < bottom and region.bottom > top

    def scroll_to_text(self, index: int, text: str) -> None:
        """Scroll so the line where `text` starts in paragraph `index` is the top line, even deep in a long
        paragraph (the paragraph's first line when `text` is empty or not found)."""
        widget = self.paragraphs.get(index)
        if widget is None or self.article is None:
            return
        shown = printable(self.article.paragraphs[index].text)
        start = max(shown.find(printable(text)), 0) if text else 0
        first_word = len(shown[start:].split(maxsplit=1)[0]) if shown[start:].strip() else 0
        # Wrapping the text up to the first word breaks lines just as the whole paragraph does, so its last
        # line is the line the text starts on. The label ("Caption: ") is part of what wraps.
        label = widget.text.plain[: len(widget.text.plain) - len(shown)]
        width = max(widget.content_size.width - MARGIN, 1)
        lines = Content(label + shown[: start + first_word]).wrap(width) if start + first_word else [""]
        self.scroll_to(y=widget.virtual_region.y + len(lines) - 1, animate=False)

class NotedList(OptionList):
    """A list that shows a note in place of its options while they are being made (or when there are none).

    `shown` is what the options show, so showing the same again can leave the reader's place alone.
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.shown: object = None

    def show_pending(self, note: str) -> None:
        self.shown = None
        self.clear_options()
        self.add_option(Option(plain(note, "italic $text-muted"), disabled=True))


class SummaryList(NotedList):
    """The summary, a sentence an option: choosing one (Enter or a click) scrolls the text to it."""

    BINDINGS = [
        *LIST_KEYS,
        Binding("enter", "select", "Go to sentence", show=False),
    ]

    def show_summary(self, article: Article) -> None:
        """Show the article's summary; the same summary again keeps the reader's place in it."""
        if self.shown == article.summary:
            return
        if article.summary:
            self.clear_options()
            options: list[Option | None] = []
            for sentence in article.summary:
                # A rule between sentences (None), so where one ends and the next starts is plain at a glance.
                options.extend([None, Option(plain(sentence.text))] if options else [Option(plain(sentence.text))])
            self.add_options(options)
            self.highlighted = None
        else:
            self.show_pending("No body sentences to summarise.")
        self.shown = article.summary


class SpeakerList(NotedList):
    """The article's speakers, each in their colour with how often they speak; then people who only appear.

    Choosing a speaker (Enter or a click) jumps to their first statement.
    """

    BINDINGS = [
        *LIST_KEYS,
        Binding("enter", "select", "Go to speaker", show=False),
    ]

    def show_speakers(self, article: Article, chosen: str | None) -> None:
        """Show the article's speakers with `chosen` highlighted; the same speakers again are not rebuilt,
        so the reader keeps their place in the list."""
        shown = (article.id, article.path, article.speakers)
        if shown != self.shown:
            self._fill(article)
            self.shown = shown
        names = [speaker.name for speaker in article.speakers]
        if chosen in names:
            self.highlighted = names.index(chosen)

    def _fill(self, article: Article) -> None:
        self.clear_options()
        speaking = {speaker.name for speaker in article.speakers}
        options = [
            Option(
                Content.assemble(
                    # The name itself in the text's colour: it must read on the highlighted row too.
                    ("● ", f"bold {speaker_colour(number)}"),
                    plain(speaker.name, "bold"),
                    plain(f"  {len(speaker.statements)} statement{'' if len(speaker.statements) == 1 else 's'}",
                          "$text-muted"),
                )
            )
            for number, speaker in enumerate(article.speakers)
        ]
        options += [
            Option(plain(f"○ {person.name}  named, says nothing", "$text-muted"), disabled=True)
            for person in article.people
            if person.name not in speaking
        ]
        if not options:
            self.show_pending("Nobody speaks in this article.")
            return
        self.add_options(options)
        self.highlighted = 0 if article.speakers else None
