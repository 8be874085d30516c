"""Subscriptions and their entries, in SQLite in the user's data folder, beside the saved articles.

`feeds.sqlite3` holds each feed (URL, names, tags, whether to fetch full articles, the validators for
conditional requests, when it was last refreshed and how that went) and each entry kept from it. The entries'
files live under `articles/<feed id>/<entry key>.html|.md`, paths stored relative to the data folder.
These are the user's subscriptions, so an unreadable database is reported, never silently replaced.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    name TEXT,
    title TEXT,
    site_url TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    full_articles INTEGER NOT NULL DEFAULT 1,
    etag TEXT,
    last_modified TEXT,
    last_refreshed REAL,
    last_result TEXT,
    last_error TEXT,
    added REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS entries (
    feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    guid TEXT NOT NULL,
    link TEXT,
    title TEXT NOT NULL,
    published TEXT,
    path TEXT NOT NULL,
    source TEXT NOT NULL,
    note TEXT,
    fetched REAL NOT NULL,
    PRIMARY KEY (feed_id, key)
);
"""
FEED_COLUMNS = (
    "id, url, name, title, site_url, tags, full_articles, etag, last_modified, last_refreshed, last_result, "
    "last_error"
)
ENTRY_COLUMNS = "feed_id, key, guid, link, title, published, path, source, note, fetched"
Row = tuple[Any, ...]
Statement = tuple[str, Row]

# How a refresh went for a feed, and where an entry's text came from.
OK, NOT_MODIFIED, FAILED = "ok", "not modified", "failed"
FROM_PAGE, FROM_FEED = "page", "feed"


class FeedStoreError(Exception):
    """The subscriptions database cannot be opened or written; the message says where and why."""


@dataclass(frozen=True)
class Feed:
    id: int
    url: str
    name: str | None  # the user's name for it (from an import), shown before the feed's own title
    title: str | None
    site_url: str | None
    tags: tuple[str, ...]
    full_articles: bool  # fetch each entry's page, or keep only what the feed itself says
    etag: str | None
    last_modified: str | None
    last_refreshed: float | None  # seconds since the epoch
    last_result: str | None  # OK, NOT_MODIFIED or FAILED
    last_error: str | None  # why it failed, or what was odd about a feed that was read anyway

    @property
    def display_name(self) -> str:
        return self.name or self.title or self.url


@dataclass(frozen=True)
class Entry:
    feed_id: int
    key: str
    guid: str
    link: str | None  # the original page, for opening in a browser
    title: str
    published: str | None
    path: Path  # the saved article, readable with reader.sources.read_document
    source: str  # FROM_PAGE or FROM_FEED
    note: str | None  # why the page was not used, when source is FROM_FEED
    fetched: float


@dataclass(frozen=True)
class RefreshRecord:
    feed: Feed
    result: str  # OK, NOT_MODIFIED or FAILED
    message: str | None
    new_entries: tuple[Entry, ...] = ()
    title: str | None = None  # the feed's own title and site, when it was read
    site_url: str | None = None
    # ETag and Last-Modified, only from a response whose entries are all stored (so a refresh cut short asks
    # for the whole feed again); None keeps the ones we had.
    validators: tuple[str | None, str | None] | None = None


@dataclass(frozen=True)
class FeedCounts:
    entries: int
    full_articles: int


def default_data_folder() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("newsreader"))


class FeedStore:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or default_data_folder()
        self.path = self.folder / "feeds.sqlite3"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=5, check_same_thread=False)
            self._db.execute("PRAGMA foreign_keys = ON")
            # WAL with NORMAL sync: a commit costs no fsync (a refresh commits once a feed), still crash-safe.
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.executescript(SCHEMA)
        except (OSError, sqlite3.DatabaseError) as error:
            raise FeedStoreError(f"the subscriptions in {self.path} cannot be opened ({error})") from error

    def __enter__(self) -> FeedStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def articles_folder(self, feed_id: int) -> Path:
        return self.folder / "articles" / str(feed_id)

    # --- feeds -----------------------------------------------------------------------------------------------

    def subscribe(
        self, url: str, name: str | None = None, tags: Iterable[str] = (), full_articles: bool | None = None
    ) -> tuple[Feed, bool]:
        """The feed at `url`, and whether it is new; subscribing again updates what was given (a name, more tags,
        the full-article choice) and keeps the rest."""
        existing = self.feed_by_url(url)
        if existing is None:
            self._write([(
                "INSERT INTO feeds (url, name, tags, full_articles, added) VALUES (?, ?, ?, ?, ?)",
                (url, name, json.dumps(list(dict.fromkeys(tags))), full_articles is not False, time.time()),
            )])
        else:
            self._write([(
                "UPDATE feeds SET name = ?, tags = ?, full_articles = ? WHERE id = ?",
                (
                    name or existing.name,
                    json.dumps(list(dict.fromkeys([*existing.tags, *tags]))),
                    existing.full_articles if full_articles is None else full_articles,
                    existing.id,
                ),
            )])
        feed = self.feed_by_url(url)
        assert feed is not None, "a feed just written is there"
        return feed, existing is None

    def unsubscribe(self, feed: Feed) -> None:
        """Forget the feed, its entries and their saved files."""
        self._write([("DELETE FROM feeds WHERE id = ?", (feed.id,))])
        shutil.rmtree(self.articles_folder(feed.id), ignore_errors=True)

    def feeds(self) -> list[Feed]:
        rows = self._read(f"SELECT {FEED_COLUMNS} FROM feeds ORDER BY id")
        return [_feed(row) for row in rows]

    def feed_by_url(self, url: str) -> Feed | None:
        rows = self._read(f"SELECT {FEED_COLUMNS} FROM feeds WHERE url = ?", (url,))
        return _feed(rows[0]) if rows else None

    def find(self, url_or_id: str) -> Feed | None:
        """A feed by its URL or its number in `newsreader feeds`."""
        if url_or_id.isdigit():
            rows = self._read(f"SELECT {FEED_COLUMNS} FROM feeds WHERE id = ?", (int(url_or_id),))
            if rows:
                return _feed(rows[0])
        return self.feed_by_url(url_or_id)

    def describe(self, feed: Feed, title: str | None, site_url: str | None) -> None:
        """What the feed says about itself; an empty title keeps the one we had."""
        self._write([_describing(feed, title, site_url)])

    def record_refresh(self, refreshed: RefreshRecord) -> None:
        """A feed's refresh in one transaction: its new entries, what it said about itself, how it went.
        Nothing, when the feed was unsubscribed meanwhile (by another process)."""
        feed = refreshed.feed
        if not self._read("SELECT 1 FROM feeds WHERE id = ?", (feed.id,)):
            return
        statements = [_describing(feed, refreshed.title, refreshed.site_url)]
        statements += [_inserting(entry, self.folder) for entry in refreshed.new_entries]
        if refreshed.validators is not None:
            etag, last_modified = refreshed.validators
            statements.append(
                ("UPDATE feeds SET etag = ?, last_modified = ? WHERE id = ?", (etag, last_modified, feed.id))
            )
        statements.append((
            "UPDATE feeds SET last_refreshed = ?, last_result = ?, last_error = ? WHERE id = ?",
            (time.time(), refreshed.result, refreshed.message, feed.id),
        ))
        self._write(statements)

    # --- entries ---------------------------------------------------------------------------------------------

    def known_keys(self, feed: Feed) -> set[str]:
        return {key for (key,) in self._read("SELECT key FROM entries WHERE feed_id = ?", (feed.id,))}

    def entries(self, feed: Feed | None = None) -> list[Entry]:
        """Saved entries, newest first (by publication date when the feed gave one, else by arrival)."""
        where, values = ("WHERE feed_id = ?", (feed.id,)) if feed else ("", ())
        rows = self._read(
            f"SELECT {ENTRY_COLUMNS} FROM entries {where} ORDER BY COALESCE(published, '') DESC, fetched DESC", values
        )
        return [self._entry(row) for row in rows]

    def entry_for_path(self, path: Path) -> Entry | None:
        """The entry whose article is saved at `path` (for its original link, its feed)."""
        try:
            relative = str(Path(path).resolve().relative_to(self.folder.resolve()))
        except ValueError:
            return None
        rows = self._read(f"SELECT {ENTRY_COLUMNS} FROM entries WHERE path = ?", (relative,))
        return self._entry(rows[0]) if rows else None

    def counts(self) -> dict[int, FeedCounts]:
        rows = self._read(
            "SELECT feed_id, COUNT(*), SUM(source = ?) FROM entries GROUP BY feed_id", (FROM_PAGE,)
        )
        return {feed_id: FeedCounts(total, pages or 0) for feed_id, total, pages in rows}

    # --- plumbing --------------------------------------------------------------------------------------------

    def _entry(self, row: Row) -> Entry:
        feed_id, key, guid, link, title, published, path, source, note, fetched = row
        return Entry(feed_id, key, guid, link, title, published, self.folder / path, source, note, fetched)

    def _read(self, sql: str, values: Row = ()) -> list[Row]:
        try:
            return self._db.execute(sql, values).fetchall()
        except sqlite3.DatabaseError as error:
            raise FeedStoreError(f"the subscriptions in {self.path} cannot be read ({error})") from error

    def _write(self, statements: list[Statement]) -> None:
        """The statements in one transaction: all of them are stored, or none."""
        try:
            with self._db:
                for sql, values in statements:
                    self._db.execute(sql, values)
        except sqlite3.DatabaseError as error:
            raise FeedStoreError(f"the subscriptions in {self.path} cannot be written ({error})") from error


def _feed(row: Row) -> Feed:
    (feed_id, url, name, title, site_url, tags, full_articles, etag, last_modified, last_refreshed, last_result,
     last_error) = row
    return Feed(
        feed_id, url, name, title, site_url, tuple(json.loads(tags)), bool(full_articles), etag, last_modified,
        last_refreshed, last_result, last_error,
    )


def _describing(feed: Feed, title: str | None, site_url: str | None) -> Statement:
    return (
        "UPDATE feeds SET title = COALESCE(?, title), site_url = COALESCE(?, site_url) WHERE id = ?",
        (title or None, site_url, feed.id),
    )


def _inserting(entry: Entry, folder: Path) -> Statement:
    return (
        f"INSERT OR REPLACE INTO entries ({ENTRY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            entry.feed_id, entry.key, entry.guid, entry.link, entry.title, entry.published,
            str(entry.path.relative_to(folder)), entry.source, entry.note, entry.fetched,
        ),
    )
