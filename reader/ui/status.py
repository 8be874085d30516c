"""The status line under the panes: where the reader is, whatever the size of the screen; and the footer.

The panes' titles are cut at their width (at 120 columns the list's is under 30 cells), so what a reader must
always see is said here, on a line of its own that wraps rather than cuts: the list's view and sort, how many
articles it shows and how the list is narrowed, the loading and analysis under way, the topic and the passage,
the speaker and the statement the reader is at.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, Static
from textual.widgets._footer import FooterKey

from ..display import printable
from ..model import Article
from ..session import Session
from .navigation import Choice, has_topic, passage_starts, short_name

SEPARATOR = " · "
CONTINUED = " ·"  # at the end of a status line that goes on below


class ListChanged(Message):
    """The article list's rows, or how they are narrowed, changed: the status line says so."""


@dataclass(frozen=True)
class Place:
    """Where the reader is in the article on screen: the paragraphs shown, and the reading position in them."""

    article: Article | None
    choice: Choice
    shown_paragraphs: tuple[int, ...]
    position: int


def list_status(session: Session, shown: int, feeds_status: str) -> list[str]:
    """The list's part: the count (narrowed how), the view and the sort, the work under way."""
    total = len(session.articles)
    count = f"{total:,} article{'' if total == 1 else 's'}"
    narrowed = []
    if session.topic_filter is not None:
        # Until every article is analysed, more may turn out to be about the topic.
        narrowed.append(f"about {session.topic_filter}{' so far' if session.awaiting_analysis else ''}")
    if session.feed_filter is not None:
        narrowed.append(f"from {printable(session.feed_filter.name)}")
    if session.search_matches is not None:
        narrowed.append(f"matching “{printable(session.search_query)}”")
    if narrowed or shown != total:  # the view (unread, starred) narrows the list too: it is named next
        count = " ".join([f"{shown:,} of {count}", *narrowed])
    parts = [count, session.view, session.sort]
    if session.load_errors:
        parts.append(f"{len(session.load_errors)} not loaded (e)")
    if session.loading_files:
        parts.append("loading…")
    if session.awaiting_analysis:
        parts.append(f"analysed {total - session.awaiting_analysis:,} / {total:,}")
    if feeds_status:
        parts.append(feeds_status)
    return parts


def passage_number(starts: list[int], position: int) -> int:
    """Which passage (from 1) the reading position is in or past; 0 before the first."""
    return sum(1 for start in starts if start <= position)


def article_status(place: Place) -> list[str]:
    """The article's part: the topic chosen and the passage, the speaker followed and the statement."""
    article, choice = place.article, place.choice
    if article is None:
        return []
    parts = []
    if choice.topic_about(article):
        parts.append(f"summary about {choice.topic}")
    if choice.topic is not None and has_topic(article, choice.topic):
        starts = passage_starts(article, choice.topic, place.shown_paragraphs)
        number = passage_number(starts, place.position)
        if len(starts) == 1:
            parts.append(f"{choice.topic} · its one passage")
        elif number:
            parts.append(f"{choice.topic} · passage {number} of {len(starts)}")
        else:
            parts.append(f"{choice.topic} · {len(starts)} passages")
    if choice.only_speaker and choice.speaker:
        parts.append(f"Only {choice.speaker}")
    counted = choice.statement_count(article)
    if counted is not None:  # "Obama · statement 3 of 11"; a speaker only chosen (Enter) is the list's
        who = "" if choice.only_speaker else f"{short_name(article, choice.speaker)} · "
        parts.append(f"{who}statement {counted[0]} of {counted[1]}")
    return parts


def fitted(
    parts: Sequence[Content], width: int, separator: str = SEPARATOR, count_left_out: bool = False, keep: int = 0
) -> Content:
    """As many of `parts` as fit in `width` cells, in order, part `keep` always (a title Textual would cut
    with an ellipsis otherwise); `count_left_out`: a "+N" says how many did not fit."""
    if not parts:
        return Content("")
    kept = {keep}

    def cells(chosen: set[int]) -> int:
        left_out = len(parts) - len(chosen)
        count = len(f"{separator}+{left_out}") if count_left_out and left_out else 0
        return sum(parts[i].cell_length for i in chosen) + len(separator) * (len(chosen) - 1) + count

    for index in range(len(parts)):
        if index not in kept:
            if cells(kept | {index}) > width:
                break  # in order: not a later, shorter part in the place of an earlier one
            kept.add(index)
    joined = Content(separator).join([parts[i] for i in sorted(kept)])
    left_out = len(parts) - len(kept)
    return joined + f"{separator}+{left_out}" if count_left_out and left_out else joined


def status_parts(session: Session, shown: int, feeds_status: str, place: Place) -> list[str]:
    return [printable(part) for part in list_status(session, shown, feeds_status) + article_status(place)]


def status_lines(parts: Sequence[str], width: int) -> str:
    """`parts` joined, a line broken only between two of them ("Cybersecurity · passage 1 of 2" stays whole), the
    broken line ending in a dot that says it goes on; a part wider than the line wraps on its own."""
    lines: list[str] = []
    for part in parts:
        if lines and cell_len(lines[-1] + SEPARATOR + part + CONTINUED) <= width:
            lines[-1] += SEPARATOR + part
        else:
            lines.append(part)
    return (CONTINUED + "\n").join(lines)


class StatusLine(Static):
    """A line (more when the screen is too narrow for it: it wraps) docked under the panes."""

    DEFAULT_CSS = """
    StatusLine {
        dock: bottom;
        height: auto;
        padding: 0 1;
        background: $panel;
        color: $text;
    }
    """

    parts: tuple[str, ...] = ()

    def show_status(self, parts: Sequence[str]) -> None:
        self.parts = tuple(parts)
        self.lay_out()

    def on_resize(self) -> None:
        self.lay_out()

    def lay_out(self) -> None:
        width = self.content_size.width or self.app.size.width - 2  # 0: not laid out yet
        text = status_lines(self.parts, width)
        if text != str(self.content):
            # The screen is laid out again only when the line takes another height: the analysis's progress
            # changes it four times a second.
            content = Content(text)
            self.update(content, layout=len(content.wrap(max(width, 1))) != self.content_size.height)


# The footer keys a screen keeps however narrow it is: how to leave it, and the help.
ESSENTIAL_ACTIONS = frozenset({"quit", "dismiss", "leave_reading(True)", "help"})
# Narrower than this, the palette's key (in the help) gives its room to the screen's own.
PALETTE_KEY_WIDTH = 60


class ReaderFooter(Footer):
    """Textual's footer with the keys of the screen it is on, as many as fit: Textual's own lets the last keys
    (`q` among them) run under the palette's key. The essential keys first, then the others in order (the
    reader's keys are not grouped: see NewsReader.BINDINGS)."""

    def compose(self) -> ComposeResult:
        items = [item for item in super().compose() if isinstance(item, FooterKey)]
        room = self.screen.size.width
        palette = [item for item in items if item.has_class("-command-palette")]
        keys = [item for item in items if item not in palette]
        if room < PALETTE_KEY_WIDTH:
            palette = []
        room -= sum(footer_key_width(item) + 1 for item in palette)  # its border
        kept = {id(key) for key in keys if key.action in ESSENTIAL_ACTIONS}
        room -= sum(footer_key_width(key) for key in keys if id(key) in kept)
        for key in keys:
            if id(key) not in kept and footer_key_width(key) <= room:
                kept.add(id(key))
                room -= footer_key_width(key)
            elif id(key) not in kept:
                room = 0  # in order: not a later, shorter key in the place of an earlier one
        yield from (key for key in keys if id(key) in kept)
        yield from palette

    def on_resize(self) -> None:
        self.call_after_refresh(self.recompose)


def footer_key_width(key: FooterKey) -> int:
    """A compact footer key's cells: "q Quit" and the space after it."""
    return len(key.key_display) + 1 + len(key.description) + 1
