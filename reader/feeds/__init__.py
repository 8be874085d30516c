"""Feeds: subscribe, refresh, and keep each entry's full article as a file readable offline.

What the CLI and the app call. Plain Python (no Textual); every function opens the user's subscriptions
(`FeedStore()`, in the user data folder) unless given a store. The modules: `fetch` (HTTP with limits),
`parse` (feeds and feed links), `subscriptions` (OPML, urls), `store` (SQLite), `articles` (saved pages),
`refresh` (the concurrent refresh).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..sources import decode
from .fetch import FEED_ACCEPT, Fetcher, FetchError, FetchOptions, checked_url
from .parse import NotAFeed, ParsedFeed, feed_links, parse_feed
from .refresh import FeedOutcome, ProgressCallback, RefreshProgress, RefreshReport, refresh_feeds
from .store import FAILED, FROM_FEED, FROM_PAGE, NOT_MODIFIED, OK, Entry, Feed, FeedCounts, FeedStore, FeedStoreError
from .subscriptions import ExportedFeed, opml_document, read_subscription_list

__all__ = [
    "FAILED", "FROM_FEED", "FROM_PAGE", "NOT_MODIFIED", "OK", "Entry", "Feed", "FeedCounts", "FeedOutcome",
    "FeedStore", "FeedStoreError", "FetchError", "FetchOptions", "ImportReport", "NotAFeed", "RefreshProgress",
    "RefreshReport", "add_feed", "entries", "entry_for", "entry_paths", "export_opml", "find_feed",
    "import_subscriptions", "last_refreshed", "list_feeds", "refresh_all", "remove_feed",
]


@contextmanager
def _opened(store: FeedStore | None) -> Iterator[FeedStore]:
    """The given store, or the user's own for the length of one call."""
    if store is not None:
        yield store
        return
    with FeedStore() as own:
        yield own


def add_feed(
    url: str, name: str | None = None, tags: Iterable[str] = (), full_articles: bool | None = None,
    options: FetchOptions | None = None, store: FeedStore | None = None,
) -> tuple[Feed, bool]:
    """Subscribe to the feed at `url`, or to the feed a page at `url` links to; (the feed, whether it is new).

    The URL is fetched once to know it is a feed and learn its title. FetchError or NotAFeed when it is not.
    """
    with _opened(store) as opened:
        opened.check_writable()  # before fetching what could not be kept
        feed_url, parsed = find_feed(url, options)
        feed, created = opened.subscribe(feed_url, name, tags, full_articles)
        opened.describe(feed, parsed.title, parsed.site_url)
        return opened.find(str(feed.id)) or feed, created


def find_feed(url: str, options: FetchOptions | None = None) -> tuple[str, ParsedFeed]:
    """(feed URL, feed): `url` itself when it is a feed, else the first feed its HTML page links to."""
    url = checked_url(url)
    with Fetcher(options) as fetcher:
        fetched = fetcher.get(url, fetcher.options.max_feed_bytes, FEED_ACCEPT)
        try:
            return url, parse_feed(fetched.body, fetched.url, fetched.content_type)
        except NotAFeed as not_a_feed:
            links = feed_links(decode(fetched.body), fetched.url)
            if not links:
                raise NotAFeed(f"{not_a_feed}, and it links to no feed") from None
        linked = fetcher.get(links[0], fetcher.options.max_feed_bytes, FEED_ACCEPT)
        return links[0], parse_feed(linked.body, linked.url, linked.content_type)


def remove_feed(url_or_id: str, store: FeedStore | None = None) -> Feed | None:
    """Unsubscribe (its entries and saved articles go too); None when no feed has that URL or number."""
    with _opened(store) as opened:
        feed = opened.find(url_or_id)
        if feed:
            opened.unsubscribe(feed)
        return feed


def list_feeds(store: FeedStore | None = None) -> list[Feed]:
    with _opened(store) as opened:
        return opened.feeds()


@dataclass(frozen=True)
class ImportReport:
    added: list[Feed]
    updated: list[Feed]  # already subscribed; their names and tags were merged
    skipped: list[str]  # why each unusable line or outline was left out


def import_subscriptions(data: bytes, store: FeedStore | None = None) -> ImportReport:
    """Subscribe to every feed in an OPML document or a newsboat `urls` file; nothing is fetched yet."""
    imported = read_subscription_list(data)
    added: list[Feed] = []
    updated: list[Feed] = []
    with _opened(store) as opened:
        for subscription in imported.subscriptions:
            feed, created = opened.subscribe(subscription.url, subscription.name, subscription.tags)
            (added if created else updated).append(feed)
    return ImportReport(added, updated, imported.skipped)


def export_opml(store: FeedStore | None = None) -> str:
    with _opened(store) as opened:
        return opml_document(
            ExportedFeed(feed.url, feed.display_name, feed.site_url, feed.tags) for feed in opened.feeds()
        )


def refresh_all(
    progress: ProgressCallback | None = None, options: FetchOptions | None = None, store: FeedStore | None = None,
    stop: threading.Event | None = None,
) -> RefreshReport:
    """Fetch every feed and the pages of its new entries; `progress` hears of each feed as it finishes (called
    from the thread that called this). Setting `stop` from another thread ends the refresh soon."""
    with _opened(store) as opened:
        return refresh_feeds(opened, opened.feeds(), options, progress, stop)


def entry_for(path: Path, store: FeedStore | None = None) -> Entry | None:
    """The entry saved at `path`: its original link (to open in a browser), its feed, where its text came from."""
    with _opened(store) as opened:
        return opened.entry_for_path(path)


def entries(feed: Feed | None = None, store: FeedStore | None = None) -> list[Entry]:
    """Saved entries, newest first, of one feed or all."""
    with _opened(store) as opened:
        return opened.entries(feed)


def entry_paths(store: FeedStore | None = None) -> list[Path]:
    """The saved article files, newest first: each opens with reader.sources.read_document."""
    return [entry.path for entry in entries(store=store) if entry.path.is_file()]


def last_refreshed(feed: Feed) -> datetime | None:
    """When the feed was last refreshed, in local time, whatever the result."""
    if feed.last_refreshed is None:
        return None
    return datetime.fromtimestamp(feed.last_refreshed, timezone.utc).astimezone()
