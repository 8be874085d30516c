"""Subscriptions and their entries, in SQLite in the user's data folder, beside the saved articles.

`feeds.sqlite3` holds each feed (URL, names, tags, whether to fetch full articles, the validators for
conditional requests, when it was last refreshed and how that went) and each entry kept from it. The entries'
files live under `articles/<feed id>/<entry key>.html|.md`, paths stored relative to the data folder.
These are the user's subscriptions, so they are never silently lost: a damaged file, or one of another shape, is
set aside beside the new one after what can be read of it is kept; a file from a newer version, or one in a folder
that cannot be written (read-only, or a full disk), is read but not written. `FeedStore.notice` says which.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import time
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..stores import (
    DAMAGED,
    NO_ROOM,
    READ_ONLY,
    columns,
    copy_rows,
    intact,
    open_read_only,
    problem,
    readable_rows,
    set_aside,
)

# PRAGMA user_version of the schema below: 1 numbers feeds AUTOINCREMENT (0, before it, could give a removed
# feed's number to the next one added, and a refresh under way then wrote into the wrong feed).
SCHEMA_VERSION = 1
FEEDS_TABLE = """
CREATE TABLE {name} (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
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
"""
ENTRIES_TABLE = """
CREATE TABLE entries (
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
# What is kept of a feed from a file set aside: who it is and what the user said of it, not how its last refresh
# went (its validators would make the next refresh a 304 that brings back no entry lost with the file).
SALVAGED_FEED_COLUMNS = ("id", "url", "name", "title", "site_url", "tags", "full_articles", "added")
Row = tuple[Any, ...]
Statement = tuple[str, Row]

# How a refresh went for a feed, and where an entry's text came from.
OK, NOT_MODIFIED, FAILED = "ok", "not modified", "failed"
FROM_PAGE, FROM_FEED = "page", "feed"


# Why a file that is only read cannot be written, in the words of FeedStore.notice and FeedStoreError.
UNWRITABLE = {READ_ONLY: "{folder} is read-only", NO_ROOM: "the disk holding {folder} is full"}


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
        # One line, whatever was stored: a name given by hand or by an older version may hold line breaks.
        return " ".join((self.name or self.title or self.url).split())


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
        self.notice = ""  # what the user should be told: the file was set aside, or why nothing can be saved
        self._unwritable = ""  # why nothing can be saved, when the file is only read
        self._db = self._open()

    @property
    def read_only(self) -> bool:
        """Whether the subscriptions are only read (`notice` says why): subscribing, removing and refreshing then
        raise FeedStoreError in those words."""
        return bool(self._unwritable)

    def check_writable(self) -> None:
        """FeedStoreError, in the words of `notice`, when nothing can be saved."""
        if self._unwritable:
            raise FeedStoreError(f"nothing can be saved: {self._unwritable}")

    def _open(self) -> sqlite3.Connection:
        """The database ready for use: what was wrong with the file is dealt with here, and told in `notice`."""
        try:
            return self._open_for_writing()
        except (OSError, sqlite3.DatabaseError) as error:
            trouble, failure = problem(error), error
        try:
            if trouble == DAMAGED:  # not a database at all: there is nothing in it to keep
                return self._salvage(None, "damaged")
            if trouble in UNWRITABLE and self.path.is_file() and self.path.stat().st_size:
                return self._open_for_reading(UNWRITABLE[trouble].format(folder=self.folder))
        except (OSError, sqlite3.DatabaseError) as error:
            failure = error
        raise FeedStoreError(f"the subscriptions in {self.path} cannot be opened ({failure})") from failure

    def _open_for_writing(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=5, check_same_thread=False)
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                db.close()
                return self._open_for_reading(f"{self.path} is from a newer version of newsreader")
            if not intact(db):
                return self._salvage(db, "damaged")
            if not _of_our_shape(db):
                return self._salvage(db, "of another shape")
            _prepare(db, version, self.folder)
            return db
        except BaseException:
            db.close()
            raise

    def _open_for_reading(self, why: str) -> sqlite3.Connection:
        db = open_read_only(self.path)
        self._unwritable = why
        self.notice = f"{why}: the saved articles can be read, but nothing new can be saved"
        return db

    def _salvage(self, damaged: sqlite3.Connection | None, how: str) -> sqlite3.Connection:
        """A new database with what can be read of the one at `path` (`damaged` None: nothing can), which is set
        aside beside it."""
        feeds = _salvaged_feeds(damaged) if damaged else []
        entries = _readable_entries(damaged) if damaged and feeds else []
        if damaged:
            damaged.close()
        aside = set_aside(self.path)
        db = self._open_for_writing()
        copy_rows(db, "feeds", SALVAGED_FEED_COLUMNS, feeds)
        copy_rows(db, "entries", ENTRY_COLUMNS.split(", "), entries)
        _number_past_saved_articles(db, self.folder)
        (feeds_kept,), (entries_kept,) = (db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
                                          for table in ("feeds", "entries"))
        kept = (f"{_counted(feeds_kept, 'feed')} and {_counted(entries_kept, 'saved article')} were kept in a new one"
                if feeds_kept else "nothing in it could be kept")
        self.notice = f"the subscriptions in {self.path} were {how}: the file is set aside as {aside.name}; {kept}"
        return db

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

    def record_refresh(self, refreshed: RefreshRecord) -> bool:
        """A feed's refresh in one transaction: its new entries, what it said about itself, how it went; whether it
        was stored. It is not when the feed was unsubscribed meanwhile (by another process): then the files the
        refresh saved for it are removed."""
        feed = refreshed.feed
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
        if self._write(statements, only_for=feed):
            return True
        for entry in refreshed.new_entries:
            entry.path.unlink(missing_ok=True)
        with suppress(OSError):
            self.articles_folder(feed.id).rmdir()  # unless something else is in it
        return False

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

    def _write(self, statements: list[Statement], only_for: Feed | None = None) -> bool:
        """The statements in one transaction: all of them are stored, or none. With `only_for`, only while that
        feed is still subscribed (the same number and URL); whether they were stored."""
        self.check_writable()
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")  # the feed looked for is the one written to
                if only_for is not None and not self._db.execute(
                    "SELECT 1 FROM feeds WHERE id = ? AND url = ?", (only_for.id, only_for.url)
                ).fetchone():
                    return False
                for sql, values in statements:
                    self._db.execute(sql, values)
            return True
        except sqlite3.DatabaseError as error:
            trouble = problem(error)
            why = f"; {UNWRITABLE[trouble].format(folder=self.folder)}" if trouble in UNWRITABLE else ""
            raise FeedStoreError(f"the subscriptions in {self.path} cannot be written ({error}{why})") from error


def _of_our_shape(db: sqlite3.Connection) -> bool:
    """Whether the tables have every column this version uses (more do no harm), or there are none yet."""
    feeds, entries = columns(db, "feeds"), columns(db, "entries")
    if not feeds and not entries:
        return True
    return {*FEED_COLUMNS.split(", "), "added"} <= feeds and set(ENTRY_COLUMNS.split(", ")) <= entries


def _prepare(db: sqlite3.Connection, version: int, folder: Path) -> None:
    """Ready a database of our shape for use: the schema made, or brought up to this version."""
    # WAL with NORMAL sync: a commit costs no fsync (a refresh commits once a feed), still crash-safe.
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    if not columns(db, "feeds"):
        _in_one_transaction(db, FEEDS_TABLE.format(name="feeds") + ENTRIES_TABLE)
    elif version < SCHEMA_VERSION:
        # The feeds table made again with AUTOINCREMENT, each feed keeping its number (its entries and its
        # articles' folder go by it). Foreign keys are still off: with them on, the DROP would delete every entry.
        names = f"{FEED_COLUMNS}, added"
        _in_one_transaction(db, f"""
            {FEEDS_TABLE.format(name="feeds_numbered_for_good")}
            INSERT INTO feeds_numbered_for_good ({names}) SELECT {names} FROM feeds;
            DROP TABLE feeds;
            ALTER TABLE feeds_numbered_for_good RENAME TO feeds;
        """)
        _number_past_saved_articles(db, folder)
    db.execute("PRAGMA foreign_keys = ON")


def _in_one_transaction(db: sqlite3.Connection, script: str) -> None:
    """`script`, then the schema version, stored together or not at all."""
    try:
        db.executescript(f"BEGIN IMMEDIATE; {script} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;")
    except sqlite3.DatabaseError:
        if db.in_transaction:
            db.rollback()
        raise


def _number_past_saved_articles(db: sqlite3.Connection, folder: Path) -> None:
    """New feeds are numbered past every folder of saved articles, so none takes over the articles of a feed
    forgotten by a file set aside or an older version."""
    try:
        highest = max((int(path.name) for path in (folder / "articles").iterdir() if path.name.isdigit()), default=0)
    except OSError:
        return
    with db:
        db.execute("UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = 'feeds'", (highest,))
        db.execute(
            "INSERT INTO sqlite_sequence (name, seq) SELECT 'feeds', ? "
            "WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'feeds')",
            (highest,),
        )


def _counted(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _readable_columns(db: sqlite3.Connection, table: str) -> set[str]:
    try:
        return columns(db, table)
    except sqlite3.DatabaseError:  # the schema itself is damaged
        return set()


def _salvaged_feeds(db: sqlite3.Connection) -> list[Row]:
    """SALVAGED_FEED_COLUMNS of every feed in `db` that can be read and has a URL, whatever the table's shape."""
    present = [name for name in SALVAGED_FEED_COLUMNS if name in _readable_columns(db, "feeds")]
    if "url" not in present:
        return []
    kept = []
    for row in readable_rows(db, f"SELECT {', '.join(present)} FROM feeds"):
        found = dict(zip(present, row))
        url, feed_id, added = found["url"], found.get("id"), found.get("added")
        if not isinstance(url, str) or not url.strip():
            continue
        kept.append((
            feed_id if isinstance(feed_id, int) else None,  # kept, so its entries and articles stay its own
            url.strip(),
            found.get("name"),
            found.get("title"),
            found.get("site_url"),
            json.dumps(_salvaged_tags(found.get("tags"))),
            found.get("full_articles") != 0,
            added if isinstance(added, (int, float)) else time.time(),
        ))
    return kept


def _salvaged_tags(stored: object) -> list[str]:
    """Tags as this version stores them (a JSON list), or as words between commas."""
    if not isinstance(stored, str):
        return []
    try:
        tags = json.loads(stored)
    except ValueError:
        tags = stored.split(",")
    if not isinstance(tags, list):
        return []
    return list(dict.fromkeys(tag.strip() for tag in tags if isinstance(tag, str) and tag.strip()))


def _readable_entries(db: sqlite3.Connection) -> list[Row]:
    if not set(ENTRY_COLUMNS.split(", ")) <= _readable_columns(db, "entries"):
        return []
    return readable_rows(db, f"SELECT {ENTRY_COLUMNS} FROM entries")


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
