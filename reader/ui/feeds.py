"""Feeds in the app: the feeds screen (F), refreshing every feed in a thread (r), the original page (o).

A module of its own, loaded when one of those keys is first pressed: `reader.feeds` pulls in httpx (a tenth of a
second), which the first paint need not wait for. Everything a feed supplied is shown through `plain`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..display import printable
from ..sources import seed_paths
from .dialog import DialogScreen
from .widgets import LIST_KEYS, plain

if TYPE_CHECKING:
    from threading import Event

    from textual.app import App

    from ..feeds import Feed, FeedStore, RefreshProgress, RefreshReport
    from ..session import Session
    from .reading import ReadingPanes

# Says a notice about the feeds, once a run however often the store is opened (from any thread).
Tell = Callable[[str], None]

NO_FEEDS = "No feeds yet. In a shell: newsreader add URL, or newsreader import FILE (OPML or a newsboat urls file)."


def default_paths(tell: Tell) -> Iterator[Path]:
    """What the reader opens when given no path: the seeds, then every feed's saved articles.

    A generator, consumed by the loading worker: the seeds are read and on screen before the feeds package is
    even imported; `tell` says what the subscriptions' store has to say.
    """
    yield from seed_paths()
    yield from saved_article_paths(tell)


def feeds_notices(panes: ReadingPanes) -> Tell:
    """A `Tell` for the panes' session (made in the app's thread, used from any)."""
    session, notify = panes.session, panes.app.notify

    def tell(notice: str) -> None:
        if session.first_time(notice):
            notify(notice, title="Feeds", severity="warning", timeout=10, markup=False)

    return tell


def saved_article_paths(tell: Tell) -> list[Path]:
    """Every feed's saved articles; why they cannot all be had, or nothing more saved, is told."""
    from ..feeds import FeedStore, FeedStoreError, entry_paths

    try:
        with FeedStore() as store:
            tell_store_notice(tell, store)
            return entry_paths(store)
    except FeedStoreError as error:
        tell(str(error))  # the seeds and the user's own files still load
        return []


def tell_store_notice(tell: Tell, store: FeedStore) -> None:
    """What the subscriptions' store has to say: its file was set aside, or why nothing can be saved."""
    if store.notice:
        tell(store.notice)


def read_paths(session: Session) -> set[str]:
    """The listed articles marked read (read state is kept by article, whatever its path)."""
    read = session.read_ids
    return {path for article_id, path in session.articles.keys() if article_id in read}  # no row decoded


@dataclass(frozen=True)
class FeedRow:
    """A feed on the feeds screen and the filter it makes; `feed` None is every article."""

    feed: Feed | None
    paths: frozenset[str]  # its saved articles
    unread: int

    @property
    def name(self) -> str:
        return self.feed.display_name if self.feed else "All articles"

    @property
    def everything(self) -> bool:
        return self.feed is None


def feed_rows(store: FeedStore, read: set[str]) -> list[FeedRow]:
    """A row for every feed, in the order they were added. FeedStoreError when the subscriptions cannot be read."""
    rows = []
    for feed in store.feeds():
        paths = frozenset(str(entry.path) for entry in store.entries(feed))
        rows.append(FeedRow(feed, paths, len(paths - read)))
    return rows


def feed_state(feed: Feed) -> list[str]:
    """When the feed was last refreshed and how it went; why it failed, or what was odd about it."""
    from ..feeds import FAILED, last_refreshed

    when = last_refreshed(feed)
    if when is None:
        return ["never refreshed"]
    refreshed = f"refreshed {when:%Y-%m-%d %H:%M}"
    if feed.last_result == FAILED:
        return [f"{refreshed}: failed: {feed.last_error}"]
    return [refreshed, feed.last_error] if feed.last_error else [refreshed]


def row_prompt(row: FeedRow) -> Content:
    if row.feed is None:
        return plain(f"All articles ({row.unread} unread)", "bold")
    unread = plain(f"  {row.unread} unread of {len(row.paths)}", "$text-muted")
    state = [plain(line, "$text-muted") for line in feed_state(row.feed)]
    return Content("\n").join([Content.assemble(plain(row.name, "bold"), unread), *state])


class FeedList(OptionList):
    BINDINGS = LIST_KEYS


class FeedsScreen(DialogScreen[FeedRow]):
    """Every feed with its unread count and when it was last refreshed; Enter shows only its articles."""

    BINDINGS = [Binding("escape,q,F", "dismiss", "Close")]

    def __init__(self, panes: ReadingPanes) -> None:
        super().__init__()
        self.panes = panes
        self.rows: list[FeedRow] = []
        self.notes = 0  # options above the rows: what the store has to say

    def compose(self) -> ComposeResult:
        with Vertical(id="feeds-box", classes="dialog-box") as box:
            box.border_title = "Feeds"
            box.border_subtitle = "Enter shows its articles · r refreshes · Escape closes"
            yield FeedList(id="feeds", classes="dialog-list")

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the feeds again (a refresh brought entries, or the reader read some), keeping the place."""
        from ..feeds import FeedStore, FeedStoreError

        options = self.query_one(FeedList)
        highlighted = options.highlighted
        options.clear_options()
        self.rows = []
        try:
            with FeedStore() as store:
                feeds = feed_rows(store, read_paths(self.panes.session))
                notes = [store.notice] if store.notice else []
        except FeedStoreError as error:
            options.add_option(Option(plain(str(error), "italic"), disabled=True))
            return
        self.notes = len(notes)
        options.add_options([Option(plain(note, "italic"), disabled=True) for note in notes])
        if not feeds:
            options.add_option(Option(plain(NO_FEEDS, "italic"), disabled=True))
            return
        every = frozenset().union(*(row.paths for row in feeds))
        self.rows = [FeedRow(None, every, sum(row.unread for row in feeds)), *feeds]
        options.add_options([Option(row_prompt(row)) for row in self.rows])
        rows = range(self.notes, self.notes + len(self.rows))
        options.highlighted = highlighted if highlighted in rows else rows[0]

    @on(OptionList.OptionSelected)
    def feed_chosen(self, event: OptionList.OptionSelected) -> None:
        chosen = self.rows[event.option_index - self.notes]
        self.panes.load_missing(sorted(chosen.paths))  # a reader opened on a folder lists no saved articles yet
        self.dismiss(chosen)


# -- refreshing -----------------------------------------------------------------------------------------------


def start_refresh(panes: ReadingPanes, stop: Event) -> None:
    app = panes.app
    if any(worker.group == "feeds" and not worker.is_finished for worker in app.workers):
        app.notify("The feeds are being refreshed already.", timeout=3)
        return
    panes.article_list.set_feeds_status("refreshing feeds…")
    tell_notice = feeds_notices(panes)
    panes.run_worker(partial(refresh_in_thread, panes, app, stop, tell_notice), thread=True, group="feeds",
                     exit_on_error=False)


def refresh_in_thread(panes: ReadingPanes, app: App[None], stop: Event, tell_notice: Tell) -> None:
    """In a thread worker: refresh every feed, telling the panes of each feed as it finishes."""
    from ..feeds import FeedStore, FeedStoreError, refresh_all

    def tell(callback: Callable[..., None], *args: object) -> None:
        """Run `callback` in the app's thread, unless the app is closing (then nobody is left to tell)."""
        if stop.is_set():
            return
        try:
            app.call_from_thread(callback, *args)
        except RuntimeError:
            pass  # the app closed meanwhile

    try:
        with FeedStore() as store:
            tell_store_notice(tell_notice, store)
            report = refresh_all(progress=lambda progress: tell(show_progress, panes, progress), stop=stop,
                                 store=store)
    except FeedStoreError as error:
        tell(refresh_failed, panes, str(error))
        return
    except Exception as error:  # noqa: BLE001 - said in the app, rather than a refresh that seems to run forever
        tell(refresh_failed, panes, f"the refresh stopped: {type(error).__name__}: {error}")
        return
    tell(refresh_finished, panes, report)


def show_progress(panes: ReadingPanes, progress: RefreshProgress) -> None:
    panes.article_list.set_feeds_status(f"feeds {progress.done}/{progress.total}…")


def refresh_failed(panes: ReadingPanes, problem: str) -> None:
    panes.article_list.set_feeds_status("feeds not refreshed")
    panes.notify(problem, title="Feeds", severity="error", timeout=10, markup=False)


def refresh_finished(panes: ReadingPanes, report: RefreshReport) -> None:
    """Say how it went, and put the new articles in the list."""
    failures = report.failures
    feeds, new = len(report.outcomes), report.new_entries
    failed = f", {len(failures)} failed (F)" if failures else ""
    panes.article_list.set_feeds_status(f"feeds: {new} new{failed}")
    lines = [
        f"{feeds} feed{'' if feeds == 1 else 's'}, {new} new article{'' if new == 1 else 's'} in {report.seconds:.1f} s."
    ]
    lines += [f"{outcome.feed.display_name}: {outcome.message}" for outcome in failures]
    panes.notify(printable("\n".join(lines)), title="Feeds refreshed",
                 severity="warning" if failures else "information", timeout=10 if failures else 5, markup=False)
    load_new_articles(panes)
    screen = panes.app.screen
    if isinstance(screen, FeedsScreen):
        screen.reload()


def load_new_articles(panes: ReadingPanes) -> None:
    """After a refresh: the saved articles the list does not have yet; a feed filter takes in its feed's new ones."""
    from ..feeds import FeedStore

    session = panes.session
    chosen = session.feed_filter
    if isinstance(chosen, FeedRow) and chosen.feed is not None:
        read = read_paths(session)
        with FeedStore() as store:
            rows = feed_rows(store, read)
        chosen_id = chosen.feed.id
        session.feed_filter = next((row for row in rows if row.feed and row.feed.id == chosen_id), None)
        panes.article_list.fill()
    panes.load_missing(saved_article_paths(feeds_notices(panes)))


# -- the original page ------------------------------------------------------------------------------------------


def open_original(panes: ReadingPanes) -> None:
    """Open the current article's page in the browser, when it came from a feed with a web link."""
    from ..feeds import FeedStoreError, entry_for

    app = panes.app
    article = panes.current
    if article is None:
        app.bell()
        return
    try:
        entry = entry_for(Path(article.path))
    except FeedStoreError as error:
        app.notify(str(error), title="Feeds", severity="error", markup=False)
        return
    if entry is None:
        app.notify("This article is a local file: it has no original page to open.", timeout=4)
        return
    if not entry.link:
        app.notify("This article's feed entry has no link to its page (or one that is not http or https).",
                   timeout=4)
        return
    from .external import open_link

    open_link(app, entry.link)
