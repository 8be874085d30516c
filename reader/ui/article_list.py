"""The article list: a row per article the session lists (never its text), the rows it shows and the cursor.

Which rows are shown in which order (the topic and feed filters, the search, the view, the sort) is the
session's to say (reader/session.py); the list keeps the rows on screen (`shown`, as indexes into the session's
articles, and `row_of`, back), draws those on screen with their read and starred marks, and its title.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from rich.cells import cell_len
from textual.content import Content
from textual.widgets.option_list import Option

from ..session import PathFilter, Session, article_key, source_name
from .status import ListChanged
from .virtual_list import VirtualList
from .widgets import LIST_KEYS, one_line, plain, set_title

if TYPE_CHECKING:
    from ..library import Entry

# Topics named on an article's line in the list.
LISTED_TOPICS = 3


class FeedChoice(PathFilter, Protocol):
    """A row of the feeds screen: a feed's articles, or (`everything`) every article."""

    @property
    def everything(self) -> bool: ...


def tell_notices(node: Any, session: Session) -> None:
    """What went wrong with the cache or the read state, each told once (`node`: a widget or the app)."""
    for title, notice in session.new_notices():
        node.notify(notice, title=title, severity="warning", timeout=10, markup=False)


class ArticleList(VirtualList):
    """Two lines per article: read and star marks and its title, then a dim line of where it is from, when,
    how long, and its topics once analysed. Unread titles are bold behind a ●, read ones dim: shape, not
    colour alone. A row is drawn only when it is on screen (see virtual_list.py): a library of 100,000 opens
    as fast as one of ten, and the list holds no more per article than its index in `shown`."""

    BINDINGS = LIST_KEYS

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.session = session
        # The articles in the list, as indexes into the session's, in order: a range while it shows them all.
        self.shown: Sequence[int] = range(0)
        self.rows: dict[int, int] | None = None  # the row of each shown article, unless `shown` is a range
        self.feeds_status = ""  # how the feeds' refresh goes, in the status line

    # -- drawing rows -------------------------------------------------------------------------------------

    @staticmethod
    def prompt(entry: Entry, read: bool = False, starred: bool = False, room: int = 0) -> Content:
        """A row: the headline, and under it where the article is from, how long, what about; a headline wider
        than the row's `room` (cells; 0: any) takes both lines instead, the headline being what a reader picks by."""
        mark = ("  " if read else "● ") + ("★ " if starred else "")
        title, rest = one_line(entry.title), ""
        if room and cell_len(mark + title) > room:
            cut = title.rfind(" ", 0, room - len(mark) + 1)
            if cut > 0:
                title, rest = title[:cut], title[cut + 1 :]
        look = "dim" if read else "bold"
        topics = entry.topics
        about = plain(" · " + ", ".join(topics[:LISTED_TOPICS]), "italic $text-muted") if topics else Content("")
        if rest:  # the topics after it, where the row has room
            return Content.assemble((mark, "bold"), plain(title, look), "\n  ", plain(rest, look), about)
        known = [source_name(entry), entry.date, f"{entry.words} words"]
        return Content.assemble(
            (mark, "bold"),
            plain(title, look),
            "\n  ",
            plain(" · ".join(fact for fact in known if fact), "$text-muted"),
            about,
        )

    @property
    def row_count(self) -> int:
        return len(self.shown)

    def row_content(self, row: int, fitted: bool = True) -> Content:
        """The row `row`, fitted to the list's width (else as on a list wide enough for its headline)."""
        entry = self.session.articles[self.shown[row]]
        padding = self.get_component_styles("virtual-list--row").padding
        room = self.scrollable_content_region.width - padding.left - padding.right if fitted else 0
        return self.prompt(entry, entry.id in self.session.read_ids, entry.id in self.session.starred_ids, room)

    @property
    def option_count(self) -> int:
        """How many rows (OptionList's name, which the tests use)."""
        return len(self.shown)

    def get_option_at_index(self, row: int) -> Option:
        """The row `row` as an OptionList's option, its headline on its first line (for the tests: the list
        keeps no options)."""
        return Option(self.row_content(row, fitted=False))

    # -- the rows shown -----------------------------------------------------------------------------------

    @property
    def current(self) -> Entry | None:
        row = self.highlighted
        return self.session.articles[self.shown[row]] if row is not None and row < len(self.shown) else None

    def move(self, step: int) -> None:
        if not self.shown:
            return
        target = 0 if self.highlighted is None else self.highlighted + step
        if 0 <= target < len(self.shown):
            self.step_to(target)
        else:
            self.app.bell()

    def row_of(self, index: int) -> int | None:
        """The row showing the session's article `index`, if shown."""
        if self.rows is None:
            return index if index in self.shown else None
        return self.rows.get(index)

    def rows_listed(self, new: range, reading: Entry | None = None) -> None:
        """The session listed the rows `new`: show those the list lets in. `reading`: the article under the
        cursor before, when the rows from `new.start` on took the place of others (it stays highlighted)."""
        first = new.start == 0 and reading is None
        if self.session.list_is_narrowed() or (reading is not None and (self.highlighted or 0) >= new.start):
            self.fill(reading)
        else:  # rows added at the end, or put right after the cursor: those drawn before stay as they are
            self.shown = self.session.shown()
            self.rows_changed()
            self.redraw_from(new.start)
        self.update_title()
        if first and self.shown:
            self.highlighted = 0

    def redraw_row(self, entry: Entry) -> None:
        """Show a row's new topics or read and starred marks."""
        row = self.row_of(self.session.article_index.get(article_key(entry), -1))
        if row is not None:
            self.redraw(row)

    def learned(self, index: int) -> None:
        """The row `index` got its topics: redraw it, or show it in a filtered list it now belongs in."""
        entry = self.session.articles[index]
        if self.row_of(index) is not None:
            self.redraw_row(entry)
        elif self.session.topic_filter in entry.topics:
            self.fill()

    def fill(self, reading: Entry | None = None) -> None:
        """Fill the list again (a filter, the view or the order changed; the session's rows were put right),
        keeping the article being read (`reading`, else the one under the cursor) highlighted if it stays."""
        reading = reading or self.current
        self.highlighted = None  # the row under the cursor is another article's now: it is highlighted anew
        self.shown = self.session.shown()
        self.rows = None if isinstance(self.shown, range) else {index: row for row, index in enumerate(self.shown)}
        self.rows_changed()
        self.redraw()
        self.update_title()
        if self.shown:
            index = self.session.article_index.get(article_key(reading)) if reading is not None else None
            kept = self.row_of(index) if index is not None else None
            self.highlighted = kept if kept is not None else 0

    def update_title(self) -> None:
        if not self.is_attached:  # closing: a worker's last news arrives after the list has gone
            return
        # Short, so that it is never cut: how the list is narrowed, sorted and loaded is the status line's.
        total = len(self.session.articles)
        set_title(self, Content(f"Articles ({len(self.shown):,} of {total:,})" if len(self.shown) != total
                                else f"Articles ({total:,})"))
        self.post_message(ListChanged())

    def set_feeds_status(self, status: str) -> None:
        self.feeds_status = status
        self.update_title()

    # -- filters, search, views and orders ----------------------------------------------------------------

    def filter_by_topic(self, name: str | None) -> None:
        self.session.topic_filter = name
        self.fill()

    def filter_by_feed(self, row: FeedChoice | None) -> None:
        """Only `row`'s feed's articles in the list (every article for the feeds screen's first row)."""
        if row is not None:
            self.session.feed_filter = None if row.everything else row
            self.fill()

    def search(self, query: str) -> None:
        self.session.search(query)
        self.fill()

    def set_view(self, view: str) -> None:
        self.session.view = view
        self.fill()

    def set_sort(self, sort: str) -> None:
        self.session.sort = sort
        self.fill()

    # -- read and starred marks -----------------------------------------------------------------------------

    def toggle_mark(self, toggle: Callable[[Entry], bool]) -> None:
        """Toggle a mark (read, starred) of the article under the cursor and redraw its row."""
        entry = self.current
        if entry is None or not toggle(entry):
            self.app.bell()
            return
        self.redraw_row(entry)
        tell_notices(self, self.session)

    def toggle_read(self) -> None:
        self.toggle_mark(self.session.toggle_read)

    def toggle_star(self) -> None:
        self.toggle_mark(self.session.toggle_star)

    def mark_shown_read(self) -> None:
        articles = self.session.articles
        if not self.shown or not self.session.mark_read(articles[i] for i in self.shown):
            self.app.bell()
            return
        self.fill()
        tell_notices(self, self.session)

    def opened(self) -> None:
        """Opening an article marks it read, as in newsboat."""
        entry = self.current
        if entry is not None and self.session.open_marks_read(entry):
            self.redraw_row(entry)

    def reload_marks(self) -> None:
        """Show the marks another reader (or a `newsreader` command) set since: the rows whose marks changed are
        drawn again, or the list filled again where the view shows only unread or starred articles."""
        if self.session.read_state is None or not self.is_attached:  # closing: the list may be gone
            return
        changed = self.session.reload_marks()
        if changed is not None:
            if self.session.view != "all":
                self.fill()
            else:
                articles = self.session.articles
                for index in self.shown:
                    key = articles.key(index)  # the rows not drawn yet stay undecoded, those not read unread
                    if key is not None and key[0] in changed:
                        self.redraw_row(articles[index])
        tell_notices(self, self.session)
