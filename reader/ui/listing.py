"""The article list: every article listed (a row each, never its text), and which of them the list shows in
which order: narrowed to a topic or a feed, by the search (/) and by the view (all, unread, starred: v), sorted
(S); the read and starred marks (m, M, *)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.content import Content

from ..display import printable
from .widgets import article_key, source_name

if TYPE_CHECKING:
    from textual.timer import Timer

    from ..library import Entry, ReadState
    from .feeds import FeedRow

# How long typing in the search line pauses before the list is filtered.
SEARCH_DELAY = 0.2
# The list's views, and its orders with how each sorts its rows (`v` and `S` step through them).
VIEWS = ("all", "unread", "starred")
SORTS = ("as found", "newest first", "by title", "by source")


class ArticleListing:
    """Mixed into the app (app.py): the rows, the filters, the search, the view and the order."""

    def __init__(self) -> None:
        super().__init__()
        self.articles: list[Entry] = []  # a row per listed article, in the order found
        self.article_index: dict[tuple[str, str], int] = {}  # where each article is in self.articles
        self.shown: list[int] = []  # the articles in the list, as indexes into self.articles, in order
        self.row_of: dict[int, int] = {}  # the row of each shown article
        self.topic_filter: str | None = None
        self.feed_filter: FeedRow | None = None  # only this feed's articles in the list
        self.feeds_status = ""  # how the feeds' refresh goes, in the list's title
        self.search_query = ""
        self.pending_search: Timer | None = None
        self.search_matches: set[str] | None = None  # ids the search index found; None: no search
        self.title_words: list[str] = []  # what rows not analysed yet must have in their title to match
        self.view = VIEWS[0]
        self.sort = SORTS[0]

    # -- the rows -----------------------------------------------------------------------------------

    @property
    def current(self) -> Entry | None:
        row = self.article_list.highlighted
        return self.articles[self.shown[row]] if row is not None and row < len(self.shown) else None

    def move_article(self, step: int) -> None:
        if not self.shown:
            return
        index = self.article_list.highlighted
        target = 0 if index is None else index + step
        if 0 <= target < len(self.shown):
            self.article_list.highlighted = target
        else:
            self.bell()

    def action_next_article(self) -> None:
        self.move_article(+1)

    def action_previous_article(self) -> None:
        self.move_article(-1)

    def update_list_title(self) -> None:
        if not self.is_running:  # closing: a worker's last news arrives after the list has gone
            return
        total = len(self.articles)
        count = f"{total:,} article{'' if total == 1 else 's'}"
        narrowed = []
        if self.topic_filter is not None:
            # Until every article is analysed, more may turn out to be about the topic.
            narrowed.append(f"about {self.topic_filter}{' so far' if self.awaiting_analysis else ''}")
        if self.feed_filter is not None:
            narrowed.append(f"from {printable(self.feed_filter.name)}")
        if self.search_matches is not None:
            narrowed.append(f"matching “{printable(self.search_query)}”")
        if self.view != VIEWS[0]:
            narrowed.append(self.view)
        if narrowed:
            count = f"{len(self.shown):,} of {count} {' '.join(narrowed)}"
        order = f" · {self.sort}" if self.sort != SORTS[0] else ""
        unreadable = f" · {len(self.load_errors)} not loaded (e)" if self.load_errors else ""
        loading = " · loading…" if self.loading_files else ""
        analysing = f" · analysed {total - self.awaiting_analysis:,} / {total:,}" if self.awaiting_analysis else ""
        feeds = f" · {self.feeds_status}" if self.feeds_status else ""
        self.article_list.border_title = Content(f"Articles ({count}){order}{unreadable}{loading}{analysing}{feeds}")
        # The wide list's title is cut at its width; its bottom border (drawn on wide screens) keeps the count.
        self.article_list.border_subtitle = unreadable.removeprefix(" · ")

    def list_is_narrowed(self) -> bool:
        """Whether the list is other than every article in the order found (new rows then mean a refill)."""
        return (self.topic_filter is not None or self.feed_filter is not None or self.search_matches is not None
                or self.view != VIEWS[0] or self.sort != SORTS[0])

    def wanted(self, entry: Entry) -> bool:
        """Whether the filters, the search and the view let `entry` into the list."""
        return (
            (self.topic_filter is None or self.topic_filter in entry.topics)
            and (self.feed_filter is None or entry.path in self.feed_filter.paths)
            and (self.search_matches is None or entry.id in self.search_matches or self.title_matches(entry))
            and (self.view != "unread" or entry.id not in self.read_ids)
            and (self.view != "starred" or entry.id in self.starred_ids)
        )

    def title_matches(self, entry: Entry) -> bool:
        """Rows not in the search index yet (not analysed) match by the words of their title."""
        title = entry.title.casefold()
        return bool(self.title_words) and all(word in title for word in self.title_words)

    def sorted_rows(self, indexes: list[int]) -> list[int]:
        entries = self.articles
        if self.sort == "newest first":  # undated articles last
            return sorted(indexes, key=lambda i: entries[i].date or "", reverse=True)
        if self.sort == "by title":
            return sorted(indexes, key=lambda i: entries[i].title.casefold())
        if self.sort == "by source":
            return sorted(indexes, key=lambda i: (source_name(entries[i]).casefold(), entries[i].title.casefold()))
        return indexes

    def append_rows(self, indexes: Iterable[int]) -> None:
        added = list(indexes)
        for index in added:
            self.row_of[index] = len(self.shown)
            self.shown.append(index)
        self.article_list.add_entries([self.articles[i] for i in added], self.read_ids, self.starred_ids)

    def redraw_row(self, entry: Entry) -> None:
        """Show a row's new topics or read and starred marks."""
        row = self.row_of.get(self.article_index.get(article_key(entry), -1))
        if row is not None:
            self.article_list.show_entry(row, entry, self.read_ids, self.starred_ids)

    def fill_list(self) -> None:
        """Fill the list again (a filter, the view or the order changed), keeping the article being read
        highlighted if it stays."""
        row = self.article_list.highlighted
        reading = self.shown[row] if row is not None and row < len(self.shown) else None
        self.shown = self.sorted_rows([i for i, entry in enumerate(self.articles) if self.wanted(entry)])
        self.row_of = {index: row for row, index in enumerate(self.shown)}
        self.article_list.clear_options()
        self.article_list.add_entries([self.articles[i] for i in self.shown], self.read_ids, self.starred_ids)
        self.update_list_title()
        if self.shown:
            self.article_list.highlighted = self.row_of.get(reading, 0) if reading is not None else 0

    def filter_by_topic(self, name: str | None) -> None:
        self.topic_filter = name
        if name is not None:
            self.topic = name
        self.fill_list()

    def filter_by_feed(self, row: FeedRow | None) -> None:
        """Only `row`'s feed's articles in the list (every article for the feeds screen's first row)."""
        if row is not None:
            self.feed_filter = row if row.feed is not None else None
            self.fill_list()

    def known_topics(self) -> list[str]:
        """Every topic of the analysed articles, the most widespread first."""
        counts: dict[str, int] = {}
        for entry in self.articles:
            for name in entry.topics:
                counts[name] = counts.get(name, 0) + 1
        return sorted(counts, key=lambda name: (-counts[name], name))

    # -- search -------------------------------------------------------------------------------------

    def action_search(self) -> None:
        from .search import SearchBox  # see search.py

        boxes = self.query(SearchBox)
        box = boxes.first() if boxes else SearchBox(self.search_query)
        if not boxes:
            self.mount(box, before=self.query_one("#panes"))
        box.focus()

    def search(self, query: str) -> None:
        """Only the articles matching `query` (every article when it is empty): analysed ones by the search
        index (text, `speaker:NAME`, `topic:NAME`), the others by their title's words."""
        self.search_query = query.strip()
        if not self.search_query:
            self.search_matches, self.title_words = None, []
        else:
            found = self.cache.search(self.search_query, limit=len(self.articles) + 1) if self.cache else []
            self.search_matches = {article_id for article_id, _, _ in found}
            words = self.search_query.split()
            self.title_words = [] if any(":" in w for w in words) else [w.casefold() for w in words]
        self.fill_list()

    def on_input_changed(self, event) -> None:
        if event.input.id == "search":
            # Refilling a list of thousands takes a good part of a second: once typing pauses, not per key.
            if self.pending_search is not None:
                self.pending_search.stop()
            self.pending_search = self.set_timer(SEARCH_DELAY, partial(self.search, event.value))

    def on_input_submitted(self, event) -> None:
        if event.input.id == "search":
            self.article_list.focus()

    def action_clear_search(self) -> None:
        from .search import SearchBox

        self.query(SearchBox).remove()
        self.search("")
        self.article_list.focus()

    # -- read and starred marks ---------------------------------------------------------------------

    @property
    def read_ids(self) -> set[str]:
        return self.read_state.read if self.read_state is not None else set()

    @property
    def starred_ids(self) -> set[str]:
        return self.read_state.starred if self.read_state is not None else set()

    def action_toggle_read(self) -> None:
        self.toggle_mark(lambda state, article_id: state.toggle_read(article_id))

    def action_mark_shown_read(self) -> None:
        if not self.shown or self.read_state is None:
            self.bell()
            return
        self.read_state.set_read([self.articles[i].id for i in self.shown])
        self.fill_list()
        self.tell_notices()

    def action_toggle_star(self) -> None:
        self.toggle_mark(lambda state, article_id: state.toggle_star(article_id))

    def reload_marks(self) -> None:
        """Show the marks another reader (or a `newsreader` command) set since: the rows whose marks changed are
        drawn again, or the list filled again where the view shows only unread or starred articles."""
        state = self.read_state
        if state is None or not self.is_running:  # closing: the list may be gone
            return
        read, starred = state.read, state.starred
        if state.reload():
            if self.view != VIEWS[0]:
                self.fill_list()
            else:
                changed = (read ^ state.read) | (starred ^ state.starred)
                for index in self.shown:
                    if self.articles[index].id in changed:
                        self.redraw_row(self.articles[index])
        self.tell_notices()

    def toggle_mark(self, toggle: Callable[[ReadState, str], object]) -> None:
        """Toggle a mark (read, starred) of the article under the cursor and redraw its row."""
        entry = self.current
        if entry is None or self.read_state is None:
            self.bell()
            return
        toggle(self.read_state, entry.id)
        self.redraw_row(entry)
        self.tell_notices()

    # -- views and orders ---------------------------------------------------------------------------

    def set_view(self, view: str) -> None:
        self.view = view
        self.fill_list()

    def action_next_view(self) -> None:
        self.set_view(VIEWS[(VIEWS.index(self.view) + 1) % len(VIEWS)])

    def set_sort(self, sort: str) -> None:
        self.sort = sort
        self.fill_list()

    def action_next_sort(self) -> None:
        self.set_sort(SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)])
