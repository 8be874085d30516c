"""The reader's panes: the article list, the article text, its summary and its speakers.

Everything an article contains is shown as plain text: strings become `Content` objects, never markup, so
`[bold]` or `[@click=app.quit]` in a page stays literal, and `printable` strips what a terminal would act on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual._border import get_box
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.reactive import Reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..display import flowed, printable
from ..model import BODY, CAPTION, CREDIT, Article
from ..session import article_key, source_name
from .marking import (
    MARGIN,
    NO_MARKS,
    Margin,
    Margined,
    Marks,
    margin,
    mark_search,
    paragraph_content,
    speaking_styles,
    spoken_in,
    summary_paragraphs,
    topic_style,
)
from .navigation import Choice
from .themes import speaker_colour

# Roles shown in the reading text; the others (media player text, boilerplate) only on the removed screen.
SHOWN_ROLES = {BODY, CAPTION, CREDIT, "heading", "byline", "dateline"}


def plain(text: str, style: str = "") -> Content:
    return Content.styled(printable(text), style)


def one_line(text: str) -> str:
    """A title on one line, whatever line breaks or tabs the page put in it."""
    return " ".join(text.split())


def set_title(pane: Widget, title: str | Content) -> None:
    """`title` on the pane's border, unless it is there already: Textual draws the whole pane again for any
    title set, and the panes' titles are set on every key (the summary's twice) but seldom change."""
    if pane.border_title != (title.markup if isinstance(title, Content) else title):
        pane.border_title = title


def what_applies(article: Article | None) -> tuple[bool, bool]:
    """Whether the article has topics, and whether anybody speaks in it: the keys that follow them apply."""
    return (bool(article and article.topics), bool(article and article.speakers))


def facts(article: Article) -> str:
    """Where the article is from, when, by whom, how long, and what the reader should know of how it was read
    ("only the first 1 MB of the article's 3 MB of text were kept")."""
    known = [source_name(article), article.date, article.author, f"{article.length} words", *article.notes]
    return " · ".join(printable(fact) for fact in known if fact)


def with_ids(bindings: Iterable[BindingType]) -> list[BindingType]:
    """`bindings`, each named (its `id`) by its action unless it has a name: the name a user's `[keys]` table
    gives it other keys by (see keys.py). The name is the action's alone, without its namespace or arguments
    ("app.focus_summary" is focus_summary, "move(1)" is move)."""
    return [replace(b, id=b.id or action_name(b.action)) if isinstance(b, Binding) else b for b in bindings]


def action_name(action: str) -> str:
    return action.split("(", 1)[0].rsplit(".", 1)[-1]


# Vim's and newsboat's movement keys, beside the arrows and Home/End that Textual binds already.
LIST_KEYS: list[BindingType] = with_ids([
    Binding("j", "cursor_down", "Down", show=False),
    Binding("k", "cursor_up", "Up", show=False),
    Binding("g", "first", "First", show=False),
    Binding("G", "last", "Last", show=False),
])


@dataclass(eq=False)
class Block:
    """A block of the article's text (its headline, its facts, or one of its paragraphs), wrapped to the pane.

    `lines` is its text wrapped to the pane's width, without the margin; `y` is the line of the text where it
    starts (the pane's virtual line). A paragraph hidden while only one speaker's words are shown has
    `display` False, no lines and no `y`.
    """

    content: Content
    component: str = ""  # the component class its style comes from ("" for body text)
    index: int | None = None  # the paragraph's index in the article; None for the headline and the facts
    bar: str | None = None  # the style of the topic bar beside it, if any
    speaker: str | None = None  # the colour of the thin bar beside it, where somebody speaks
    summary: bool = False  # it holds a summary sentence (a dot in the margin)
    gap: int = 1  # blank lines below it
    display: bool = True
    y: int | None = None
    lines: list[Content] = field(default_factory=list)
    strips: list[Strip] | None = None  # its lines drawn, margin and all: made when first on screen

    @property
    def height(self) -> int:
        return len(self.lines)


# The component class of each paragraph role with a style of its own (body text has the pane's style).
ROLE_COMPONENTS = {role: f"article-view--{role}" for role in ("heading", "byline", "dateline", CAPTION, CREDIT)}


class ArticleView(ScrollView, can_focus=True):
    """The article: headline, facts, and the paragraphs a reader reads, with their marks and a cursor.

    The cursor is the paragraph the topic and speaker keys moved to; it starts at the first body paragraph.

    It draws its own lines (Textual's line API, as Log and TextArea do) rather than mounting a widget a
    paragraph: moving through the list shows another article on every key, and mounting a few dozen widgets
    each time was most of the cost of the key. `show` wraps every paragraph to the pane's width (again when
    the width changes); a paragraph's lines are drawn when they first come on screen.
    """

    # Paragraphs apart, captions and credits set off to the side. Paragraphs have a margin three cells wide
    # (the cursor, the topic bar: marking.py); the headline and facts line up with the text beside it. A
    # cell's padding on the right keeps the text off the pane's border.
    COMPONENT_CLASSES: ClassVar[set[str]] = {"article-view--headline", "article-view--facts", *ROLE_COMPONENTS.values()}
    DEFAULT_CSS = """
    ArticleView {
        padding: 0 1 0 0;
        overflow-x: hidden;
    }
    ArticleView > .article-view--headline {
        text-style: bold;
        color: $primary;
    }
    ArticleView > .article-view--facts {
        color: $text-muted;
    }
    ArticleView > .article-view--heading {
        text-style: bold;
    }
    ArticleView > .article-view--byline, ArticleView > .article-view--dateline {
        color: $text-muted;
    }
    ArticleView > .article-view--caption, ArticleView > .article-view--credit {
        color: $text-muted;
        text-style: italic;
        border-left: outer $foreground 35%;
    }
    """

    # Textual's own virtual size relays the whole screen when it changes, as every article's text does: the
    # pane's size is the CSS's, not its text's, so only its lines and scrollbar change (a scrollbar that comes
    # or goes relays the screen by itself). See _layout.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0))

    # Textual's selection would need offsets that count from each line's text, not its margin: none, rather
    # than a highlight that copies nothing.
    ALLOW_SELECT = False

    BINDINGS = with_ids([
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
        Binding("space", "page_down", "Page", show=False),
    ])  # Enter: the panes' (reading mode; in it, the summary)

    def __init__(self, **kwargs: Any) -> None:
        self.blocks: list[Block] = []  # before Widget's own __init__, which may restyle
        super().__init__(**kwargs)
        self.article: Article | None = None
        self.paragraphs: dict[int, Block] = {}  # the paragraphs with a role that is shown, by index
        self.cursor: int | None = None
        self.marks = Marks()
        self.highlighting = True  # the marks beyond where the reader is (see marking.py); h turns them off
        self.choice = Choice()  # the topic and speaker the reader follows here, the summary sentence chosen
        self._rows: list[tuple[Block | None, int]] = []  # each line of the text: its block and line in it
        self._fitted = Size(0, 0)  # the pane's size the lines were wrapped for (none yet)
        self._width = 0  # the width they were wrapped to (the pane's, less the scrollbar if it has one)
        self._blank: RichStyle | None = None  # the pane's background, behind and between the lines
        self._borders: dict[str, Segment | None] = {}  # the left border of each component class, drawn
        self._pending_scroll: tuple[int, str] | None = None  # asked for before the pane had a size
        self._footer_keys = what_applies(None)  # whether the footer shows the topic and the speaker keys
        self._kept_rows = 0  # lines kept, blank, below a headline shown while its text is read

    # -- what is shown ------------------------------------------------------------------------------

    def show(self, article: Article, marks: Marks = NO_MARKS) -> None:
        """Show `article` with `marks`.

        The same article again (its analysis arrived, or the marks changed) only restyles the paragraphs, so
        the reader keeps their place; another article replaces them and starts at the top.
        """
        new = self.article is None or article_key(self.article) != article_key(article)
        if new:
            self._replace(article)
            self._pending_scroll = None
        self._kept_rows = 0
        self.article = article
        self._footer_follows(article)
        self.marks = marks
        bar = topic_style(article, marks.topic)
        passages = next((set(t.paragraphs) for t in article.topics if t.name == marks.topic), set())
        spoken = spoken_in(article, marks.only_speaker) if marks.only_speaker else None
        speaking = speaking_styles(article) if marks.highlighting else {}
        summarised = summary_paragraphs(article) if marks.highlighting else set()
        headline = plain(one_line(article.title))
        self.blocks[0].content = mark_search(headline, marks.search) if marks.highlighting else headline
        for index, block in self.paragraphs.items():
            block.display = spoken is None or index in spoken
            block.content = paragraph_content(article, index, marks)
            block.bar = bar if index in passages else None
            block.speaker = speaking.get(index)
            block.summary = index in summarised
        self._layout()
        if new:
            self.scroll_to(y=0, animate=False)

    def show_nothing(self, note: str) -> None:
        """No article: `note` in its place (a search that matches none must not leave one on screen)."""
        self._kept_rows = 0
        self._show_line(Block(plain(note, "italic $text-muted"), "article-view--facts"))
        self._footer_follows(None)

    def show_heading(self, title: str) -> None:
        """The headline of the article being read (its text follows with `show`). The footer and the text's
        height are left as they were: moving between two articles would otherwise set the footer's keys and
        take the scrollbar away and back, each a layout of the whole screen."""
        self._kept_rows = len(self._rows)
        self._show_line(Block(plain(one_line(title)), "article-view--headline", gap=0))

    def _show_line(self, block: Block) -> None:
        """One line in place of the article (the same again: nothing to do)."""
        def line(shown: Block) -> tuple[str, str]:
            return shown.content.plain, shown.component

        one_line_before = self.article is None and len(self.blocks) == 1
        if one_line_before and line(self.blocks[0]) == line(block):
            return
        old_height, old_rows = self.blocks[0].height if self.blocks else 0, len(self._rows)
        self.article, self.paragraphs, self.cursor = None, {}, None
        self.blocks = [block]
        if one_line_before and self._width and self.scroll_offset.y == 0:
            # A headline after a headline (the keys running through the list): only its own lines change.
            self._wrap(self._width)
            if len(self._rows) == old_rows:
                self.refresh_lines(0, max(old_height, block.height))
                return
        self._layout()
        self.scroll_to(y=0, animate=False)

    def _footer_follows(self, article: Article | None) -> None:
        """The footer's topic and speaker keys apply to this article or not (see key_applies)."""
        applies = what_applies(article)
        if applies != self._footer_keys:
            self._footer_keys = applies
            self.app.refresh_bindings()

    def _replace(self, article: Article) -> None:
        self.paragraphs = {
            index: Block(Content(""), ROLE_COMPONENTS.get(paragraph.role, ""), index)
            for index, paragraph in enumerate(article.paragraphs)
            if paragraph.role in SHOWN_ROLES
        }
        self.blocks = [
            Block(plain(one_line(article.title)), "article-view--headline", gap=0),
            Block(plain(facts(article)), "article-view--facts"),
            *self.paragraphs.values(),
        ]
        body = [index for index in article.body_indexes if index in self.paragraphs]
        self.cursor = body[0] if body else None

    def move_cursor(self, index: int, text: str | None = None) -> None:
        """Put the cursor on paragraph `index` and scroll to it (to the line where `text` starts, if given)."""
        block = self.paragraphs.get(index)
        if block is None or self.article is None:
            return
        old = self.paragraphs.get(self.cursor) if self.cursor is not None else None
        self.cursor = index
        for changed in {id(b): b for b in (old, block) if b is not None}.values():
            changed.strips = None  # drawn again with (or without) the cursor
            if changed.y is not None:
                self.refresh_lines(changed.y, changed.height)
        self.scroll_to_text(index, text or "")

    def shown_paragraphs(self) -> list[int]:
        """The paragraphs on show (all but those hidden while only one speaker's words are shown)."""
        return [index for index, block in self.paragraphs.items() if block.display]

    def reading_position(self) -> int:
        """Where the keys that move to the next thing start from: the cursor while it is on screen, else
        the first paragraph on screen (the reader scrolled away from the cursor)."""
        top, bottom = self.scroll_y, self.scroll_y + self.scrollable_content_region.height
        cursor = self.paragraphs.get(self.cursor) if self.cursor is not None else None
        if cursor is not None and self.cursor is not None and self._overlaps(cursor, top, bottom):
            return self.cursor
        shown = [index for index, block in self.paragraphs.items() if self._overlaps(block, top, bottom)]
        return shown[0] if shown else (self.cursor or 0)

    @staticmethod
    def _overlaps(block: Block, top: float, bottom: float) -> bool:
        return block.display and block.y is not None and block.y < bottom and block.y + block.height > top

    def scroll_to_text(self, index: int, text: str) -> None:
        """Scroll so the line where `text` starts in paragraph `index` is the top line, even deep in a long
        paragraph (the paragraph's first line when `text` is empty or not found)."""
        block = self.paragraphs.get(index)
        if block is None or self.article is None:
            return
        if not self._width:  # not laid out yet: once it is
            self._pending_scroll = (index, text)
            return
        if block.y is None:
            return
        shown = flowed(self.article.paragraphs[index].text)
        start = max(shown.find(flowed(text)), 0) if text else 0
        first_word = len(shown[start:].split(maxsplit=1)[0]) if shown[start:].strip() else 0
        # Wrapping the text up to the first word breaks lines just as the whole paragraph does, so its last
        # line is the line the text starts on. The label ("Caption: ") is part of what wraps.
        label = block.content.plain[: len(block.content.plain) - len(shown)]
        width = max(self._width - self._indent(block), 1)
        lines = Content(label + shown[: start + first_word]).wrap(width) if start + first_word else [""]
        self.scroll_to(y=block.y + min(len(lines), block.height) - 1, animate=False)

    # -- wrapping -----------------------------------------------------------------------------------

    def _indent(self, block: Block) -> int:
        """The cells left of a block's text: the margin (for the headline and facts, as much blank), and a
        caption's border."""
        return MARGIN + (1 if self._border(block.component) else 0)

    def _border(self, component: str) -> Segment | None:
        """The left border of blocks of this component class (captions, credits), if they have one: drawn
        as Textual draws a widget's, in the border's colour over the pane's background."""
        if not component:
            return None
        if component not in self._borders:
            edge, colour = self.get_component_styles(component).border_left
            background = self.background_colors[1]
            inside = Style(background=background)
            line = Style(foreground=background + colour)
            self._borders[component] = get_box(edge, inside, inside, line)[1][0] if edge else None
        return self._borders[component]

    def on_resize(self) -> None:
        if self.container_size != self._fitted:
            self._layout()

    def _layout(self) -> None:
        """Wrap what is shown to the pane's width, a scrollbar's less if the text is taller than the pane."""
        size = self.container_size  # less padding and border; the scrollbar's column included
        self._fitted = size
        if not size.width or not size.height:
            self._rows, self._width = [], 0
            self._resize_text(Size(0, 0))
            return
        overflow = self.styles.overflow_y
        scrollbar = self.styles.scrollbar_size_vertical if overflow != "hidden" else 0
        self._wrap(size.width - scrollbar)
        if overflow == "auto" and scrollbar and len(self._rows) <= size.height:
            self._wrap(size.width)  # it fits: no scrollbar, the whole width
        self._resize_text(Size(self._width, len(self._rows)))
        self.refresh()
        if self._pending_scroll is not None:
            index, text = self._pending_scroll
            self._pending_scroll = None
            self.scroll_to_text(index, text)

    def _resize_text(self, size: Size) -> None:
        """The text's new size, and the scrollbar and the scroll kept within it (what the screen's layout
        would do, for this pane alone)."""
        if size != self.virtual_size:
            self.virtual_size = size
            self._scroll_update(size)

    def _wrap(self, width: int) -> None:
        self._width = max(width, 1)
        rows: list[tuple[Block | None, int]] = []
        for block in self.blocks:
            block.strips = None
            if not block.display:
                block.y, block.lines = None, []
                continue
            block.y = len(rows)
            block.lines = block.content.wrap(max(self._width - self._indent(block), 1))
            rows.extend((block, number) for number in range(len(block.lines)))
            rows.extend([(None, 0)] * block.gap)
        rows.extend([(None, 0)] * (self._kept_rows - len(rows)))
        self._rows = rows

    # -- drawing ------------------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._blank = None
        self._borders.clear()
        for block in self.blocks:  # the theme (or focus) changed: every colour may have
            block.strips = None

    def _background(self) -> RichStyle:
        if self._blank is None:
            self._blank = Style(background=self.background_colors[1]).rich_style
        return self._blank

    def render_line(self, y: int) -> Strip:
        row = self.scroll_offset.y + y
        block, number = self._rows[row] if row < len(self._rows) else (None, 0)
        if block is None:
            return Strip.blank(self._width, self._background())
        if block.strips is None:
            block.strips = self._draw(block)
        return block.strips[number]

    def paragraph_lines(self, index: int) -> list[Strip]:
        """Paragraph `index` as drawn, margin and all, a strip a line (none while it is hidden)."""
        block = self.paragraphs[index]
        if block.y is None:
            return []
        if block.strips is None:
            block.strips = self._draw(block)
        return block.strips

    def _draw(self, block: Block) -> list[Strip]:
        """A block's lines, drawn in the style of its component class (the `$variables` in it and in the
        marks resolved against the theme now), with its margin and border."""
        style = self.get_visual_style(block.component) if block.component else self.visual_style
        border = self._border(block.component)
        if block.index is None:  # the headline, the facts: blank where the margin is
            visual: Visual = block.content
            left = [Segment(" " * MARGIN, self._background())]
        else:
            shown = Margin(block.index == self.cursor, block.bar, block.speaker, block.summary)
            visual = Margined(block.content, *margin(shown))
            left = []
        left += [border] if border else []
        width = self._width - self._indent(block) + (0 if block.index is None else MARGIN)
        strips = [Strip.join([Strip(left), line]) for line in Visual.to_strips(self, visual, width, None, style)]
        # As many as it had lines when it was wrapped (the same wrapping, but a safeguard).
        strips = strips[: block.height]
        return strips + [Strip.blank(self._width, self._background())] * (block.height - len(strips))


class NotedList(OptionList):
    """A list that shows a note in place of its options while they are being made (or when there are none).

    `shown` is what the options show, so showing the same again can leave the reader's place alone.
    """

    _filling = False  # in `fill`: whether the screen is laid out again is decided once the options are in

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.shown: object = None

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> NotedList:
        super().refresh(*regions, repaint=repaint, layout=layout and not self._filling, recompose=recompose)
        return self

    def fill(self, options: Iterable[Option | None]) -> None:
        """`options` in place of those shown, in one change (not emptied first). A list as tall as its options
        (the speakers beside the summary) relays the screen only when they take another number of lines:
        OptionList relays it on every change, which was most of a key's time on a big library (the whole
        screen drawn again)."""
        lines = self.virtual_size.height
        self._filling = True
        try:
            self.set_options(options)
        finally:
            self._filling = False
        if self.styles.auto_dimensions and (self.virtual_size.height != lines or not self.scrollable_content_region):
            self.refresh(layout=True)

    def show_pending(self, note: str) -> None:
        """Show `note`; the same note again draws nothing (moving through unanalysed articles repeats it)."""
        if self.shown == note:
            return
        self.shown = note
        self.fill([Option(plain(note, "italic $text-muted"), disabled=True)])


class SummaryList(NotedList):
    """The summary, a sentence an option: choosing one (Enter or a click) scrolls the text to it."""

    # As ArticleView's: its height is the CSS's, so its lines changing need not relay the screen.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0))

    BINDINGS = [
        *LIST_KEYS,
        *with_ids([Binding("enter", "select", "Go to sentence", show=False)]),
    ]

    def show_summary(self, article: Article) -> None:
        """Show the article's summary; the same summary again keeps the reader's place in it."""
        if self.shown == article.summary:
            return
        if article.summary:
            options: list[Option | None] = []
            for sentence in article.summary:
                # A rule between sentences (None), so where one ends and the next starts is plain at a glance.
                options.extend([None, Option(plain(flowed(sentence.text)))] if options else [Option(plain(flowed(sentence.text)))])
            self.fill(options)
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
        *with_ids([Binding("enter", "select", "Go to speaker", show=False)]),
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
        speaking = {speaker.name for speaker in article.speakers}
        options = [
            Option(
                Content.assemble(
                    # The name itself in the text's colour: it must read on the highlighted row too.
                    ("● ", f"bold {speaker_colour(number)}"),
                    plain(speaker.name, "bold"),
                    plain("  unnamed source" if speaker.unnamed else "", "$text-muted"),
                    plain(f"  {len(speaker.counted)} statement{'' if len(speaker.counted) == 1 else 's'}",
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
        self.fill(options)
        self.highlighted = 0 if article.speakers else None
