"""Refresh every feed at once: feeds and their pages share one bounded pool of connections.

Worker threads only fetch, parse and write article files; this thread alone touches the database. When a
feed's last page is saved, its entries and how it went are stored in one transaction and it is reported
(through `progress`). A slow or dead feed occupies one connection until its timeouts run out, never the whole
refresh.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from .articles import DiskBudget, SavedArticle, entry_key, save_article
from .fetch import FEED_ACCEPT, Fetched, Fetcher, FetchError, FetchOptions, size_words
from .parse import NotAFeed, ParsedEntry, ParsedFeed, parse_feed
from .store import FAILED, FROM_FEED, NOT_MODIFIED, OK, Entry, Feed, FeedStore, RefreshRecord

# New entries taken from one feed in one refresh: a feed listing thousands still refreshes in bounded time.
MAX_NEW_ENTRIES = 100
STOP_CHECK_SECONDS = 0.1


@dataclass(frozen=True)
class FeedOutcome:
    feed: Feed
    result: str  # OK, NOT_MODIFIED or FAILED
    new_entries: int = 0
    from_feed_text: int = 0  # new entries whose page failed, saved from the feed's own text instead
    message: str | None = None  # why the feed failed, or what went wrong while it was read
    seconds: float = 0.0  # from the first request to the last page saved


@dataclass(frozen=True)
class RefreshProgress:
    done: int
    total: int
    outcome: FeedOutcome  # the feed just finished


@dataclass(frozen=True)
class RefreshReport:
    outcomes: tuple[FeedOutcome, ...]  # in the order the feeds finished
    seconds: float

    @property
    def new_entries(self) -> int:
        return sum(outcome.new_entries for outcome in self.outcomes)

    @property
    def failures(self) -> tuple[FeedOutcome, ...]:
        return tuple(outcome for outcome in self.outcomes if outcome.result == FAILED)


ProgressCallback = Callable[[RefreshProgress], None]


@dataclass
class _FeedRun:
    """One feed's refresh while it is under way."""

    feed: Feed
    started: float = 0.0
    fetched: Fetched | None = None
    parsed: ParsedFeed | None = None
    budget: DiskBudget | None = None  # the room its saved pages have left
    pages_pending: int = 0
    saved: list[Entry] = field(default_factory=list)
    from_feed_text: int = 0
    unsaved: int = 0
    problems: list[str] = field(default_factory=list)


def fetch_feed(fetcher: Fetcher, feed: Feed) -> tuple[Fetched, ParsedFeed | None]:
    """The feed's body, conditionally requested, and its entries (None when the server says nothing changed)."""
    fetched = fetcher.get(feed.url, fetcher.options.max_feed_bytes, FEED_ACCEPT, feed.etag, feed.last_modified)
    if fetched.not_modified:
        return fetched, None
    return fetched, parse_feed(fetched.body, fetched.url, fetched.content_type)


@dataclass(frozen=True)
class _FeedResponse:
    started: float  # when a worker took the feed up (a feed's time does not count its wait in the queue)
    fetched: Fetched | None = None
    parsed: ParsedFeed | None = None
    error: str | None = None


def _fetch_in_worker(fetcher: Fetcher, feed: Feed) -> _FeedResponse:
    started = time.monotonic()
    try:
        fetched, parsed = fetch_feed(fetcher, feed)
    except (FetchError, NotAFeed) as error:
        return _FeedResponse(started, error=str(error))
    except Exception as error:  # noqa: BLE001 - what one odd feed trips on is reported; the others go on
        return _FeedResponse(started, error=f"unexpected {type(error).__name__}: {error}")
    return _FeedResponse(started, fetched, parsed)


def refresh_feeds(
    store: FeedStore, feeds: list[Feed], options: FetchOptions | None = None,
    progress: ProgressCallback | None = None, stop: threading.Event | None = None,
) -> RefreshReport:
    """Refresh `feeds`; setting `stop` (from any thread) ends the refresh soon, reporting the feeds finished.
    FeedStoreError, before anything is fetched, when nothing could be saved."""
    store.check_writable()
    started = time.monotonic()
    options = options or FetchOptions()
    with Fetcher(options) as fetcher:
        run = _Refresh(store, fetcher, ThreadPoolExecutor(options.connections, "feeds"), len(feeds), progress)
        try:
            run.start(feeds)
            run.wait(stop or threading.Event())
        finally:
            run.stop()  # finished, stopped or interrupted: nothing left is worth waiting for
    return RefreshReport(tuple(run.outcomes), time.monotonic() - started)


class _Refresh:
    def __init__(
        self, store: FeedStore, fetcher: Fetcher, pool: ThreadPoolExecutor, total: int,
        progress: ProgressCallback | None,
    ) -> None:
        self.store, self.fetcher, self.pool = store, fetcher, pool
        self.total, self.progress = total, progress
        self.outcomes: list[FeedOutcome] = []
        self._jobs: dict[Future[Any], Callable[[Future[Any]], None]] = {}

    def start(self, feeds: list[Feed]) -> None:
        for feed in feeds:
            self._submit(partial(self._feed_fetched, _FeedRun(feed)), _fetch_in_worker, self.fetcher, feed)

    def wait(self, stop: threading.Event) -> None:
        while self._jobs:
            done, _ = wait(self._jobs, timeout=STOP_CHECK_SECONDS, return_when=FIRST_COMPLETED)
            if stop.is_set():
                self.stop()
                return
            for future in done:
                self._jobs.pop(future)(future)

    def stop(self) -> None:
        """Queued fetches never start, and those under way are not waited for: each ends at its next read or
        timeout, its result unused. Unfinished feeds go unrecorded, so the next refresh does them."""
        self.fetcher.stop()
        self.pool.shutdown(wait=False, cancel_futures=True)

    def _submit(self, then: Callable[[Future[Any]], None], job: Callable[..., Any], *args: object) -> None:
        self._jobs[self.pool.submit(job, *args)] = then

    def _feed_fetched(self, run: _FeedRun, future: Future[Any]) -> None:
        response: _FeedResponse = future.result()
        run.started, run.fetched, run.parsed = response.started, response.fetched, response.parsed
        if response.error is not None:
            self._finish(run, FAILED, response.error)
            return
        if response.parsed is None:
            self._finish(run, NOT_MODIFIED)
            return
        if response.parsed.warning:
            run.problems.append(response.parsed.warning)
        new = self._new_entries(run, response.parsed.entries)
        run.pages_pending = len(new)
        folder = self.store.articles_folder(run.feed.id)
        run.budget = DiskBudget(self.fetcher.options.feed_disk_budget, folder)
        for entry in new:
            self._submit(
                partial(self._article_saved, run, entry), save_article, self.fetcher, folder, entry,
                run.feed.full_articles, run.budget,
            )
        if not new:
            self._finish(run, OK)

    def _new_entries(self, run: _FeedRun, entries: tuple[ParsedEntry, ...]) -> list[ParsedEntry]:
        known = self.store.known_keys(run.feed)
        fresh: dict[str, ParsedEntry] = {}
        for entry in entries:
            key = entry_key(entry.guid)
            if key not in known:
                fresh.setdefault(key, entry)  # a feed listing an entry twice gets it once
        left = len(fresh) - MAX_NEW_ENTRIES
        if left > 0:
            run.unsaved += left  # so the next refresh fetches the whole feed again and takes them
            run.problems.append(f"{left} older new entries left for the next refresh")
        return list(fresh.values())[:MAX_NEW_ENTRIES]

    def _article_saved(self, run: _FeedRun, entry: ParsedEntry, future: Future[Any]) -> None:
        run.pages_pending -= 1
        try:
            saved: SavedArticle = future.result()
        except OSError as error:
            run.unsaved += 1
            run.problems.append(f"{entry.title!r} could not be saved ({error.strerror or error})")
        except Exception as error:  # noqa: BLE001 - one entry's surprise costs that entry only
            run.unsaved += 1
            run.problems.append(f"{entry.title!r}: unexpected {type(error).__name__}: {error}")
        else:
            self._store_entry(run, entry, saved)
        if run.pages_pending == 0:
            self._finish(run, OK)

    def _store_entry(self, run: _FeedRun, entry: ParsedEntry, saved: SavedArticle) -> None:
        run.saved.append(
            Entry(
                feed_id=run.feed.id,
                key=entry_key(entry.guid),
                guid=entry.guid,
                link=entry.link,
                title=entry.title,
                published=entry.published,
                path=saved.path,
                source=saved.source,
                note=saved.note,
                fetched=time.time(),
            )
        )
        run.from_feed_text += saved.source == FROM_FEED and saved.note is not None

    def _finish(self, run: _FeedRun, result: str, message: str | None = None) -> None:
        if run.budget is not None and run.budget.reached:
            run.problems.append(
                f"its saved pages reached the feed's {size_words(run.budget.limit)} budget: "
                "new entries keep the feed's own text"
            )
        message = message or "; ".join(run.problems) or None
        kept = self.store.record_refresh(
            RefreshRecord(
                feed=run.feed,
                result=result,
                message=message,
                new_entries=tuple(run.saved),
                title=run.parsed.title if run.parsed else None,
                site_url=run.parsed.site_url if run.parsed else None,
                validators=self._validators(run, result),
            )
        )
        if not kept:
            message = "unsubscribed while it was refreshed: nothing of it was kept"
        outcome = FeedOutcome(
            feed=run.feed,
            result=result,
            new_entries=len(run.saved) if kept else 0,
            from_feed_text=run.from_feed_text if kept else 0,
            message=message,
            seconds=time.monotonic() - run.started,
        )
        self.outcomes.append(outcome)
        if self.progress:
            self.progress(RefreshProgress(len(self.outcomes), self.total, outcome))

    @staticmethod
    def _validators(run: _FeedRun, result: str) -> tuple[str | None, str | None] | None:
        """The response's ETag and Last-Modified once all its entries are stored; cleared when some are not, so
        the next refresh gets the whole feed again rather than a 304."""
        if result != OK or run.fetched is None:
            return None
        return (None, None) if run.unsaved else (run.fetched.etag, run.fetched.last_modified)
