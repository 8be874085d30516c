"""What persists between runs: finished analyses in SQLite under the user's cache folder.

An analysis is keyed by the file's content, the analysis version and the summary options, so a changed file or
a new version of the analysis is redone. A cache that cannot be used never stops the reader, and `notice` says
what was done: a damaged one, or one of another schema or shape, is rebuilt (it holds nothing that cannot be
made again), but one of the schema before this one is kept and its search index keyed (see `_migrate`); on a
full disk it is read as it is and written again once there is room; locked or read-only, the reader runs without
one. The read state (the user's marks) is never rebuilt: see ReadState.
"""

from __future__ import annotations

import json
import os
import queue
import sqlite3
from collections.abc import Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from .model import Article, LoadError, article_from_json
from .stores import (
    BUSY,
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

if TYPE_CHECKING:
    from multiprocessing.pool import Pool

SCHEMA_VERSION = 4
# The search index is keyed by rowid: `searched` gives each article the rowid of its row in the FTS5 table
# `search`, so an article's row is replaced by key. (FTS5 indexes no column for an equality lookup: a DELETE by
# `article_id` reads the whole index, 16 ms a write at 10,000 articles.)
SCHEMA = """
CREATE TABLE IF NOT EXISTS analyses (
    key TEXT PRIMARY KEY,
    article TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    article_id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS listing (
    article_id TEXT NOT NULL,
    version TEXT NOT NULL,
    entry TEXT NOT NULL,
    PRIMARY KEY (article_id, version)
);
CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5(
    article_id UNINDEXED, path UNINDEXED, title, body, speakers, topics
);
CREATE TABLE IF NOT EXISTS searched (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS shelves (
    slot INTEGER PRIMARY KEY,
    library TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS shelved (
    slot INTEGER NOT NULL,
    position INTEGER NOT NULL,
    path TEXT NOT NULL,
    PRIMARY KEY (slot, position)
);
"""
# The columns each table of SCHEMA must have: a table without them is of another shape, and rebuilt.
TABLES = {
    "analyses": {"key", "article"},
    "files": {"path", "mtime_ns", "size", "article_id"},
    "listing": {"article_id", "version", "entry"},
    "search": {"article_id", "path", "title", "body", "speakers", "topics"},
    "searched": {"id", "article_id"},
    "shelves": {"slot", "library"},
    "shelved": {"slot", "position", "path"},
}
# Tables schema 3 did not have (the migration makes `searched`; the shelves start empty).
NOT_IN_SCHEMA_3 = ("searched", "shelves", "shelved")
# A shelf is a library's files in the order it last listed them (the paths it was given: a folder, the seeds and
# the feeds), so its next start shows its rows before the walk over its files has found them. A library has one
# of SHELF_SLOTS slots, by a hash of its paths (another library with the same slot takes it over).
SHELF_SLOTS = 8
# A shelf is read this many rows a query: reading one query's text (json.loads) holds Python's lock, 10-25 ms for
# this many, and a key pressed meanwhile waits for it.
SHELF_STEP = 10_000
SEARCH_FIELDS = {"speaker": "speakers", "topic": "topics", "title": "title"}
# How often the workers' dispatcher looks for new jobs while none finishes.
WAKE_SECONDS = 0.05
# Jobs go to the workers in batches (fewer messages between processes), each worker with one batch waiting:
# none waits for its next, and the reader's urgent article starts within a batch or two.
BATCH = 4
AHEAD = 2
# A forkserver's worker is replaced (forked afresh, sharing the loaded analysis again) after this many batches:
# what analyses leave behind in a long-lived process does not pile up over a library of thousands.
BATCHES_PER_WORKER = 50
# The listing looks files up in the cache this many at a time (a query each, by key; under SQLite's 999
# variables), the first screen's worth first, so the first rows wait for no more of the walk than they need.
FIRST_LOOKUP = 64
LOOKUP = 900


def default_cache_path() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("newsreader")) / "analyses.sqlite3"


def fts_query(query: str) -> str:
    """A user's query as FTS5 syntax: words match as prefixes, `speaker:NAME` and `topic:NAME` one field.

    Every term is quoted, so nothing the user types is taken as FTS5 operators.
    """
    terms = []
    for word in query.split():
        field, _, value = word.partition(":")
        if value and field.lower() in SEARCH_FIELDS:
            terms.append(f'{SEARCH_FIELDS[field.lower()]} : "{value.replace(chr(34), "")}"*')
        elif word.replace('"', ""):
            terms.append(f'"{word.replace(chr(34), "")}"*')
    return " AND ".join(terms)


def cache_key(article_id: str, version: str, algorithm: str, sentences: int) -> str:
    return f"{article_id}:{version}:{algorithm}:{sentences}"


@dataclass(frozen=True)
class Entry:
    """One row of the article list: what is known of an analysed file without reading it again."""

    path: str
    id: str
    title: str
    site: str | None
    date: str | None
    words: int
    topics: tuple[str, ...]

    @classmethod
    def of(cls, article: Article) -> Entry:
        return cls(article.path, article.id, article.title, article.site, article.date, article.length,
                   tuple(t.name for t in article.topics))

    def to_json(self) -> str:
        return json.dumps([self.title, self.site, self.date, self.words, list(self.topics)], ensure_ascii=False)

    @classmethod
    def from_json(cls, path: str, article_id: str, text: str) -> Entry:
        title, site, date, words, topics = json.loads(text)
        return cls(path, article_id, title, site, date, words, tuple(topics))


class CacheRows(NamedTuple):
    """An analysis as the cache stores it: made where the article was analysed (a worker process encodes it
    while the others work), written where the cache is open."""

    analysis: tuple[str, str] | None  # key, the analysis as JSON; None: the cache has it already
    search: tuple[str, ...]  # what the search index holds of it
    file: tuple[str, int, int, str] | None  # the file as it is now and the article it holds; None: it is gone
    listing: tuple[str, str, str] | None  # its list row, for this version of the analysis

    @classmethod
    def of(cls, article: Article, key: str | None, version: str | None) -> CacheRows:
        """The rows of `article`: its analysis under `key` (unless None) and, with `version`, its file."""
        analysis = (key, json.dumps(article.to_json(), ensure_ascii=False)) if key is not None else None
        search = (
            article.id,
            article.path,
            article.title,
            "\n".join(p.text for p in article.paragraphs if p.is_body),
            "\n".join(name for s in article.speakers for name in (s.name, *s.aliases)),
            "\n".join(t.name for t in article.topics),
        )
        try:
            stat = os.stat(article.path) if version is not None else None
        except OSError:
            stat = None
        if stat is None or version is None:
            return cls(analysis, search, None, None)
        return cls(
            analysis,
            search,
            (article.path, stat.st_mtime_ns, stat.st_size, article.id),
            (article.id, version, Entry.of(article).to_json()),
        )


class Indexed(NamedTuple):
    """What a worker sends back for one file: its list row, its cache rows, and the whole analysis if asked."""

    entry: Entry
    rows: CacheRows
    article: Article | None


class Shelved(NamedTuple):
    """A row of a library's shelf: where it was in the library's last listing, and its file as cached."""

    position: int
    mtime_ns: int
    size: int
    entry: Entry


# A row of a library's shelf as the cache's query gives it: [position, path, mtime_ns, size, article id, list row
# (Entry.to_json's)]; for a file the cache has no list row for, [position, path, None, None, "", None].
ShelfRow = list[Any]


def shelf_entry(row: ShelfRow) -> Entry | None:
    """A shelf row's list row (None: a damaged one)."""
    _, path, _, _, article_id, text = row
    try:
        return Entry.from_json(path, article_id, text)
    except (ValueError, TypeError):
        return None


def library_name(paths: Iterable[str | Path]) -> str:
    """What names a library's shelf: the paths it was given, made absolute (a relative one means another
    library from another folder)."""
    return "\0".join(os.path.abspath(path) for path in paths)


def shelf_slot(library: str) -> int:
    import hashlib

    return int(hashlib.sha1(library.encode("utf-8", "surrogatepass")).hexdigest()[:8], 16) % SHELF_SLOTS


class AnalysisCache:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_cache_path()
        self.notice = ""
        self._file: tuple[int, int] | None = None  # the file the connection is to (None: in memory)
        self._waiting_for_room = False  # opened as it was, for reading only, because the disk was full
        self._checked = False  # quick_check reads every page: once a run, after the first failure that may be damage
        self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        try:
            return self._connect()
        except sqlite3.DatabaseError as error:
            kind = problem(error)
            if kind == DAMAGED:
                self.notice = f"cache {self.path} was damaged ({error}); rebuilt it"
                return self._rebuild()
            if kind == NO_ROOM:  # nothing is wrong with the file: read it as it is
                self.notice = self._no_room()
                self._waiting_for_room = True
                return self._as_it_is()
            self.notice = f"cache {self.path} unusable ({error}); running without a cache"
            return self._memory()
        except OSError as error:
            self.notice = f"cache folder {self.path.parent} unusable ({error.strerror}); running without a cache"
            return self._memory()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=1, check_same_thread=False)
        try:
            # WAL: a reader never waits for the writer, and a write cut short by a kill is rolled back.
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version == 3:
                version = self._migrate(db)
            unfit = self._unfit(db, version)
            if unfit:
                db.executescript(
                    "DROP TABLE IF EXISTS analyses; DROP TABLE IF EXISTS search; DROP TABLE IF EXISTS searched; "
                    "DROP TABLE IF EXISTS files; DROP TABLE IF EXISTS listing; DROP TABLE IF EXISTS shelves; "
                    "DROP TABLE IF EXISTS shelved;"
                )
                self.notice = f"cache {self.path} {unfit}; rebuilt it"
            db.executescript(SCHEMA)
            if version != SCHEMA_VERSION:  # written only when it changes: a full disk still opens a good cache
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.commit()
        except BaseException:
            db.close()
            raise
        self._file = _identity(self.path)
        return db

    def _migrate(self, db: sqlite3.Connection) -> int:
        """A schema 3 cache made the current schema in one transaction: every table kept as it is, and each
        article's search row given its key in `searched` (a read of the index's ids, nothing tokenised or
        analysed again: 0.2 s at 10,000 articles). The version the file is at after; one of another shape
        is left as it is, for `_unfit` to say so."""
        db.execute("BEGIN IMMEDIATE")  # one process migrates: another, waiting for the lock, finds it done
        try:
            version: int = db.execute("PRAGMA user_version").fetchone()[0]
            if version != 3 or any(
                not needed <= columns(db, table) for table, needed in TABLES.items() if table not in NOT_IN_SCHEMA_3
            ):
                db.rollback()
                return version
            searched = SCHEMA.index("CREATE TABLE IF NOT EXISTS searched")
            db.execute(SCHEMA[searched:SCHEMA.index("CREATE TABLE IF NOT EXISTS shelves")])  # the shelves come after
            # One row an article: the newest, should a crash ever have left two (the older one goes).
            db.execute("INSERT INTO searched (id, article_id) SELECT max(rowid), article_id FROM search GROUP BY article_id")
            db.execute("DELETE FROM search WHERE rowid NOT IN (SELECT id FROM searched)")
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.commit()
        except BaseException:
            db.rollback()
            raise
        self.notice = f"cache {self.path} was from an older version; keyed its search index (its analyses kept)"
        return SCHEMA_VERSION

    @staticmethod
    def _unfit(db: sqlite3.Connection, version: int) -> str:
        """Why the tables in `db` cannot be used as they are ("" when they can)."""
        if version > SCHEMA_VERSION:
            return "was from a newer version of newsreader"
        if 0 < version < SCHEMA_VERSION:
            return "was from an older version"
        found = {table: columns(db, table) for table in TABLES}
        if any(found[table] and not needed <= found[table] for table, needed in TABLES.items()):
            return "held tables of another shape"
        return ""

    def _rebuild(self) -> sqlite3.Connection:
        """A new, empty cache in place of a damaged one, unless another process has put one there already."""
        try:
            if self._file is None or _identity(self.path) == self._file:
                for suffix in ("", "-wal", "-shm"):  # the WAL too: a new file would take its pages for its own
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            return self._connect()
        except (OSError, sqlite3.DatabaseError) as error:
            self.notice = f"cache {self.path} was damaged and could not be rebuilt ({error}); running without a cache"
            return self._memory()

    def _as_it_is(self) -> sqlite3.Connection:
        try:
            db = open_read_only(self.path)
        except sqlite3.DatabaseError:  # there is no file yet, or it cannot even be read
            return self._memory()
        self._file = _identity(self.path)
        return db

    def _memory(self) -> sqlite3.Connection:
        self._file = None
        db = sqlite3.connect(":memory:", check_same_thread=False)
        db.executescript(SCHEMA)
        return db

    def _no_room(self) -> str:
        return f"no room on the disk for the cache {self.path}: new analyses are not stored until there is room"

    def _current(self, writing: bool = False) -> sqlite3.Connection:
        """The connection, moved to the file now at `path` if another process rebuilt the cache (or this one's
        file was removed), or made writable again once the disk has room."""
        if (writing and self._waiting_for_room) or (self._file is not None and _identity(self.path) != self._file):
            try:
                db = self._connect()
            except (OSError, sqlite3.DatabaseError):
                return self._db  # still no room: go on as before
            self._db.close()
            self._db, self._waiting_for_room = db, False
        return self._db

    def _repaired(self, error: sqlite3.DatabaseError) -> bool:
        """Whether `error` came from damage to the file, which is then rebuilt (once a run: damage that comes
        back is only reported). A file SQLite opens can have damaged pages that only a read of them shows."""
        if problem(error) != DAMAGED or self._checked or self._file is None:
            return False
        self._checked = True
        if intact(self._db):
            return False
        self.notice = f"cache {self.path} was damaged ({error}); rebuilt it"
        self._db.close()
        self._db = self._rebuild()
        return True

    def get(self, key: str) -> Article | None:
        try:
            row = self._current().execute("SELECT article FROM analyses WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError as error:
            self._repaired(error)
            return None
        if row is None:
            return None
        try:
            return article_from_json(json.loads(row[0]))
        except (ValueError, KeyError, TypeError):
            return None  # a damaged entry is analysed again

    def put(self, key: str, article: Article, version: str | None = None) -> None:
        """Store the analysis under `key`, searchable; with `version`, also remember its file (see `remember`)."""
        self.write([CacheRows.of(article, key, version)])

    def remember(self, article: Article, version: str) -> None:
        """The file behind `article`, as it is now, is known to hold it: next start lists it unread."""
        self.write([CacheRows.of(article, None, version)])

    def write(self, batch: Iterable[CacheRows]) -> None:
        """Write `batch` in one transaction (the library's analysis writes what its workers send in batches).
        On a damaged file the cache is rebuilt and the batch written again; on a full disk it is left out (its
        articles are analysed again another time) and the next batch tries again."""
        batch = list(batch)
        db = self._current(writing=True)
        if self._waiting_for_room:  # still full: the file is open for reading only
            return
        try:
            self._write(db, batch)
        except sqlite3.DatabaseError as error:
            if not self._repaired(error):
                self._failed(error)
                return
            try:
                self._write(self._db, batch)
            except sqlite3.DatabaseError as again:
                self._failed(again)

    @staticmethod
    def _write(db: sqlite3.Connection, batch: list[CacheRows]) -> None:
        with db:
            for rows in batch:
                if rows.analysis is not None:
                    db.execute("INSERT OR REPLACE INTO analyses (key, article) VALUES (?, ?)", rows.analysis)
                    # The article's search row replaced under its key (a new article is given one).
                    known = db.execute("SELECT id FROM searched WHERE article_id = ?", rows.search[:1]).fetchone()
                    if known is None:
                        number = db.execute("INSERT INTO searched (article_id) VALUES (?)", rows.search[:1]).lastrowid
                    else:
                        (number,) = known
                        db.execute("DELETE FROM search WHERE rowid = ?", (number,))
                    db.execute("INSERT INTO search (rowid, article_id, path, title, body, speakers, topics) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?)", (number, *rows.search))
                if rows.file is not None and rows.listing is not None:
                    db.execute("INSERT OR REPLACE INTO files (path, mtime_ns, size, article_id) "
                               "VALUES (?, ?, ?, ?)", rows.file)
                    db.execute("INSERT OR REPLACE INTO listing (article_id, version, entry) "
                               "VALUES (?, ?, ?)", rows.listing)

    def _failed(self, error: sqlite3.DatabaseError) -> None:
        if problem(error) == NO_ROOM:
            self.notice = self._no_room()  # the same words each time: told once
        else:
            self.notice = f"could not write to the cache {self.path} ({error})"

    def known_files(self, version: str, paths: Sequence[str]) -> dict[str, tuple[int, int, Entry]]:
        """path -> (mtime_ns, size, list entry) of those of `paths` this version of the analysis has a row for:
        one query by key, so a warm library's first rows wait for their own rows, not for every row."""
        found: dict[str, tuple[int, int, Entry]] = {}
        for start in range(0, len(paths), LOOKUP):
            chosen = paths[start:start + LOOKUP]
            try:
                rows = self._current().execute(
                    "SELECT f.path, f.mtime_ns, f.size, f.article_id, l.entry FROM files f "
                    "JOIN listing l ON l.article_id = f.article_id AND l.version = ? "
                    f"WHERE f.path IN ({', '.join('?' * len(chosen))})",
                    (version, *chosen),
                ).fetchall()
            except sqlite3.DatabaseError as error:
                self._repaired(error)
                return found
            for path, mtime_ns, size, article_id, entry in rows:
                try:
                    found[path] = (mtime_ns, size, Entry.from_json(path, article_id, entry))
                except (ValueError, TypeError):
                    continue  # a damaged row: the file is read again
        return found

    def shelved(self, library: str, version: str, after: int = -1, limit: int = -1) -> list[Shelved]:
        """The rows of `library`'s shelf after position `after` (at most `limit`; -1: all), decoded (see
        `shelf_rows`): those that cannot be are left out (the walk reads their files again)."""
        shelf = []
        for row in self.shelf_rows(library, version, after, limit):
            entry = shelf_entry(row)
            if entry is not None:
                shelf.append(Shelved(row[0], row[2], row[3], entry))
        return shelf

    def shelf_length(self, library: str) -> int:
        """How many rows `library`'s shelf holds (0: none), by one look at its last position: `shelve` numbers
        them from 0 (a shelf rewritten meanwhile by another process is put right by the rows read after)."""
        try:
            (last,) = self._current().execute(
                "SELECT max(s.position) FROM shelves h JOIN shelved s ON s.slot = h.slot "
                "WHERE h.slot = ? AND h.library = ?", (shelf_slot(library), library)).fetchone()
        except sqlite3.DatabaseError as error:
            self._repaired(error)
            return 0
        return 0 if last is None else int(last) + 1

    def shelf_rows(self, library: str, version: str, after: int = -1, limit: int = -1) -> list[ShelfRow]:
        """The rows of `library`'s shelf after position `after` (at most `limit`; -1: all), in the shelf's order,
        their list rows not decoded (see `Rows`): a query by key per SHELF_STEP rows, a row for every position
        (a file this version of the analysis has no list row for has its article id "" and its list row None:
        it shows its file's name until the walk reads it). The files are not looked at: the caller's walk says
        what is still there."""
        rows: list[ShelfRow] = []
        while limit < 0 or len(rows) < limit:
            wanted = SHELF_STEP if limit < 0 else min(SHELF_STEP, limit - len(rows))
            step = self._shelf_step(library, version, rows[-1][0] if rows else after, wanted)
            rows += step
            if len(step) < wanted:
                break
        return rows

    def _shelf_step(self, library: str, version: str, after: int, limit: int) -> list[ShelfRow]:
        """Up to `limit` rows of the shelf after position `after`, as one text the query makes and Python reads
        at once: SQLite joins them in one step, without Python's lock, where a query stepped row by row takes
        the lock back for each and waits for the app's thread to let go of it whenever that is busy (10,000
        rows: 0.05 s of SQLite's, 0.2-0.4 s by the clock)."""
        try:
            (text,) = self._current().execute(
                "SELECT json_group_array(json_array(position, path, mtime_ns, size, article_id, entry)) FROM ("
                "SELECT s.position, s.path, f.mtime_ns, f.size, coalesce(f.article_id, '') AS article_id, l.entry "
                "FROM shelves h "
                "JOIN shelved s ON s.slot = h.slot AND s.position > ? "
                "LEFT JOIN files f ON f.path = s.path "
                "LEFT JOIN listing l ON l.article_id = f.article_id AND l.version = ? "
                "WHERE h.slot = ? AND h.library = ? ORDER BY s.position LIMIT ?)",
                (after, version, shelf_slot(library), library, limit),
            ).fetchone()
            rows: list[ShelfRow] = json.loads(text)
        except sqlite3.DatabaseError as error:
            self._repaired(error)
            return []
        rows.sort(key=itemgetter(0))  # in the shelf's order (an aggregate need not keep its subquery's)
        return rows

    def shelve(self, library: str, paths: Sequence[str]) -> None:
        """Keep `paths` as `library`'s order for its next start (in place of the shelf in its slot). Only a
        hint (the walk puts right what it gets wrong): when it cannot be written, nothing is said."""
        slot = shelf_slot(library)
        db = self._current(writing=True)
        if self._waiting_for_room:
            return
        try:
            with db:
                db.execute("INSERT OR REPLACE INTO shelves (slot, library) VALUES (?, ?)", (slot, library))
                db.execute("DELETE FROM shelved WHERE slot = ?", (slot,))
                db.executemany("INSERT INTO shelved (slot, position, path) VALUES (?, ?, ?)",
                               ((slot, position, path) for position, path in enumerate(paths)))
        except sqlite3.DatabaseError as error:
            self._repaired(error)

    def search(self, query: str, limit: int = 200) -> list[tuple[str, str, str]]:
        """(article id, path, title) of the analysed articles matching `query`, best first."""
        expression = fts_query(query)
        if not expression:
            return []
        try:
            return self._current().execute(
                "SELECT article_id, path, title FROM search WHERE search MATCH ? ORDER BY rank LIMIT ?",
                (expression, limit),
            ).fetchall()
        except sqlite3.DatabaseError as error:
            self._repaired(error)
            return []

    def close(self) -> None:
        self._db.close()


def _identity(path: Path) -> tuple[int, int] | None:
    """Which file is at `path` now (None: none): a cache rebuilt by another process is another file."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_dev, stat.st_ino)


def cached(cache: AnalysisCache, article: Article | Entry, sentences: int, algorithm: str) -> Article | None:
    """The finished analysis of this outline (or list row) with these options, if a run before us made it."""
    from .analysis import ANALYSIS_VERSION

    found = cache.get(cache_key(article.id, ANALYSIS_VERSION, algorithm, sentences))
    return replace(found, path=article.path) if found else None


def library_paths() -> tuple[list[Path], str]:
    """What `newsreader` with no path opens, in its order: the bundled seeds, then every feed's saved articles
    (newest first); with what the feeds' store had to say ("" when nothing). When the store cannot be opened at
    all, the seeds alone, and why."""
    from .feeds import FeedStore, FeedStoreError, entry_paths
    from .sources import seed_paths

    seeds = seed_paths()
    try:
        with FeedStore() as store:
            return [*seeds, *entry_paths(store)], store.notice
    except FeedStoreError as error:
        return seeds, str(error)


def analyse_new(paths: Iterable[str | Path], cache: AnalysisCache, sentences: int, algorithm: str,
                workers: int) -> tuple[list[Entry], list[LoadError]]:
    """Analyse into `cache` those of `paths` it does not know as they are now (see `scan`): the list rows made,
    and the files that failed."""
    new = [found for found in scan(paths, cache) if isinstance(found, Path)]
    entries: list[Entry] = []
    errors: list[LoadError] = []
    if new:
        workers = max(1, min(workers, -(-len(new) // BATCH)))  # no process without a batch of its own
        for result in index_paths(new, cache, sentences, algorithm, workers):
            if isinstance(result, Entry):
                entries.append(result)
            else:
                errors.append(result)
    return entries, errors


def scan(paths: Iterable[str | Path], cache: AnalysisCache, known: dict[str, Shelved] | None = None
         ) -> Iterator[Entry | Path | LoadError]:
    """Every article under `paths`, in the walk's order: an Entry where the cache knows the file as it is now
    (its modification time and size as cached), else the Path to read (or why it cannot be). The walk's one
    stat per file, and a query per LOOKUP files not `known` already (the library's shelf): a warm library lists
    without reading any, its first screen of rows (FIRST_LOOKUP) looked up before the walk goes on."""
    from .analysis import ANALYSIS_VERSION
    from .sources import discover_stats

    waiting: list[tuple[str, os.stat_result] | LoadError] = []
    wanted = FIRST_LOOKUP
    try:
        for found in discover_stats(paths):
            waiting.append(found)
            if len(waiting) >= wanted:
                yield from _looked_up(waiting, cache, ANALYSIS_VERSION, known or {})
                waiting, wanted = [], LOOKUP
    except OSError:  # a folder that vanished mid-walk: what was found before it is still listed
        yield from _looked_up(waiting, cache, ANALYSIS_VERSION, known or {})
        raise
    yield from _looked_up(waiting, cache, ANALYSIS_VERSION, known or {})


def _looked_up(found: list[tuple[str, os.stat_result] | LoadError], cache: AnalysisCache, version: str,
               known: dict[str, Shelved]) -> Iterator[Entry | Path | LoadError]:
    asked = [item[0] for item in found if not isinstance(item, LoadError) and item[0] not in known]
    looked_up = cache.known_files(version, asked) if asked else {}
    for item in found:
        if isinstance(item, LoadError):
            yield item
            continue
        path, stat = item
        shelved = known.get(path)
        row = (shelved.mtime_ns, shelved.size, shelved.entry) if shelved else looked_up.get(path)
        yield row[2] if row and (stat.st_mtime_ns, stat.st_size) == row[:2] else Path(path)


def _index_some(batch: list[Job], whole: bool) -> list[Indexed | LoadError]:
    return [_index_one(job, whole) for job in batch]


def _index_one(job: Job, whole: bool) -> Indexed | LoadError:
    """In a worker process: analyse one file (or find it in the cache), or say why it failed (a bad file never
    stops the run). It sends back what the cache is to store, encoded, and the whole analysis only when
    `whole`: the library needs the list row alone, and unpickling less keeps the app answering keys."""
    from .analysis import ANALYSIS_VERSION, complete, load

    path, sentences, algorithm = job
    outline = load(path)
    if isinstance(outline, LoadError):
        return outline
    try:
        finished = cached(_worker_cache, outline, sentences, algorithm)
        key = None if finished else cache_key(outline.id, ANALYSIS_VERSION, algorithm, sentences)
        finished = finished or complete(outline, sentences, algorithm)
    except Exception as error:  # noqa: BLE001 - one article's failure is reported, the others go on
        return LoadError(path, f"analysis failed: {type(error).__name__}: {error}")
    return Indexed(Entry.of(finished), CacheRows.of(finished, key, ANALYSIS_VERSION), finished if whole else None)


_worker_cache: AnalysisCache


def _start_worker(cache_path: Path, niceness: int = 0) -> None:
    global _worker_cache
    if niceness:
        os.nice(niceness)
    _worker_cache = AnalysisCache(cache_path)


# One analysis: the file, how many summary sentences, which algorithm.
Job = tuple[str, int, str]


def index_paths(
    paths: list[Path], cache: AnalysisCache, sentences: int, algorithm: str, workers: int,
    start_method: str | None = None, niceness: int = 0, preload: Iterable[str] = (),
) -> Iterator[Entry | LoadError]:
    """Analyse `paths` on `workers` processes into `cache`, yielding each list row (or why a file failed) as
    it arrives (see `analyse_in_workers`). Closing the iterator stops the workers at once."""
    jobs: queue.SimpleQueue[Job | None] = queue.SimpleQueue()
    for path in paths:
        jobs.put((str(path), sentences, algorithm))
    jobs.put(None)
    results = analyse_in_workers(jobs, cache, workers, start_method, niceness, preload)
    try:
        for _job, result, _urgent in results:
            yield result.entry if isinstance(result, Indexed) else result
    finally:
        results.close()


def analyse_in_workers(
    jobs: queue.SimpleQueue[Job | None], cache: AnalysisCache, workers: int, start_method: str | None = None,
    niceness: int = 0, preload: Iterable[str] = (), urgent: queue.SimpleQueue[Job] | None = None,
) -> Generator[tuple[Job, Indexed | LoadError, bool], None, None]:
    """Analyse the `jobs` (until a None) on `workers` processes into `cache`, yielding each job with its
    result, and whether it came from `urgent`, as it arrives (an urgent one's result holds the whole analysis).
    `jobs` may still be filling (files being listed). This process is the cache's one writer: what has
    arrived is written in one transaction, while the workers go on.

    Jobs go to the workers a few ahead of each, so one put on `urgent` (the article the reader opened) starts
    within a job or two, ahead of the rest; the workers stop once `jobs` ends and nothing is under way.
    `start_method` "forkserver" or "spawn" is for a caller with threads (the app), which fork must not copy.
    `niceness` lowers the workers' priority, so an app in front keeps answering keys at once. `preload` names
    more modules for the forkserver (or, forking from here, this process) to import before it forks the workers,
    which then share what they load.
    Closing the iterator stops the workers at once.
    """
    from importlib import import_module
    from multiprocessing import get_all_start_methods, get_context

    if start_method:
        context = get_context(start_method)
        if start_method == "forkserver":  # workers forked from a server that has the analysis loaded once
            context.set_forkserver_preload(["reader.analysis", "reader.library", *preload])
    else:  # forkserver/spawn would re-import everything per worker; fork shares what is already loaded.
        context = get_context("fork") if "fork" in get_all_start_methods() else get_context()
        if context.get_start_method() == "fork":  # loaded once here, not once a worker: they share the pages
            for name in preload:
                import_module(name)
    finished: queue.SimpleQueue[tuple[Job, Indexed | LoadError, bool]] = queue.SimpleQueue()

    def start(pool: Pool, batch: list[Job], asked: bool) -> None:  # results come back on the pool's own thread
        def failed(error: BaseException) -> None:
            for job in batch:
                finished.put((job, LoadError(job[0], f"analysis failed: {error}"), asked))

        def done(results: list[Indexed | LoadError]) -> None:
            for job, result in zip(batch, results):
                finished.put((job, result, asked))

        pool.apply_async(_index_some, (batch, asked), callback=done, error_callback=failed)

    # Only a forkserver's new worker starts with the analysis loaded; one forked from here would load it again.
    recycled = BATCHES_PER_WORKER if start_method == "forkserver" else None
    with context.Pool(workers, initializer=_start_worker, initargs=(cache.path, niceness),
                      maxtasksperchild=recycled) as pool:
        under_way, more = 0, True
        while more or under_way:
            while under_way < AHEAD * workers * BATCH:  # each worker busy, and a batch waiting
                if urgent is not None and (opened := _take(urgent)) is not NOTHING:
                    start(pool, [opened], True)
                    under_way += 1
                    continue
                batch: list[Job] = []
                while more and len(batch) < BATCH:
                    job = _take(jobs)
                    if job is NOTHING:
                        break
                    if job is None:
                        more = False
                    else:
                        batch.append(job)
                if not batch:
                    break
                start(pool, batch, False)
                under_way += len(batch)
            try:
                arrived = [finished.get(timeout=WAKE_SECONDS)]
            except queue.Empty:  # nothing finished: look for new jobs again
                continue
            while (also := _take(finished)) is not NOTHING:
                arrived.append(also)
            under_way -= len(arrived)
            cache.write(result.rows for _, result, _ in arrived if isinstance(result, Indexed))
            yield from arrived


class _Nothing(Enum):
    NOTHING = 0


NOTHING = _Nothing.NOTHING
T = TypeVar("T")


def _take(source: queue.SimpleQueue[T]) -> T | _Nothing:
    """The next item of `source`, or NOTHING when it has none now."""
    try:
        return source.get_nowait()
    except queue.Empty:
        return NOTHING


def default_state_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("newsreader")) / "state.sqlite3"


# The read state's schema: a file of a later version is read (if it has these columns) but never written.
STATE_VERSION = 1
MARKS = ("read", "starred")
MARKS_TABLE = "CREATE TABLE IF NOT EXISTS marks (id TEXT PRIMARY KEY, read INT, starred INT)"


class ReadState:
    """Which articles are read and which starred, by article id; the user's data, so not in the cache folder.

    Several readers (and `newsreader` commands) may share the file: a mark is written as the one flag that
    changed, so none undoes another's, and `reload` sees what the others wrote. The marks are the user's own: a
    damaged file is set aside (renamed beside it) with what could be read of it kept; on a full disk or behind
    a lock the marks set here wait in memory until they can be saved; a newer version's file is read, never written.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_state_path()
        self.notice = ""
        self.read: set[str] = set()
        self.starred: set[str] = set()
        self._unsaved: dict[tuple[str, str], bool] = {}  # (id, mark) -> set or not: marks not in the file yet
        self._writable = True  # False for a newer version's file
        self._seen: int | None = None  # the file's data_version when the marks were last read
        self._db = self._open()
        self.reload()  # nothing to read again when opening read them, unless a file was set aside

    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=1, check_same_thread=False)
        except (OSError, sqlite3.DatabaseError) as error:
            return self._for_this_run(f"read state {self.path} unusable ({error}); marks last only for this run")
        try:
            return self._prepared(db)
        except sqlite3.DatabaseError as error:
            if problem(error) == DAMAGED and not intact(db):
                return self._set_aside(db, f"damaged ({error})")
            if problem(error) in (NO_ROOM, BUSY, READ_ONLY):  # the file is sound: read it, write when possible
                self._trouble(error)
                return db
            db.close()
            return self._for_this_run(f"read state {self.path} unusable ({error}); marks last only for this run")

    def _prepared(self, db: sqlite3.Connection) -> sqlite3.Connection:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        found = columns(db, "marks")
        needed = {"id", *MARKS}
        if version > STATE_VERSION:
            if needed <= found:
                self._writable = False
                self.notice = (f"read state {self.path} is from a newer version of newsreader: its marks are "
                               "shown, and marks set now last only for this run")
                return db
            db.close()  # left as it is: it is the newer version's
            return self._for_this_run(f"read state {self.path} is from a newer version of newsreader, with no "
                                      "marks this one can read; it is left as it is, and marks last only for this run")
        if found and not needed <= found:
            return self._set_aside(db, "of another shape")
        # Read before anything is written: damage found here sets the file aside as it was.
        self._show(db.execute("PRAGMA data_version").fetchone()[0],
                   db.execute("SELECT id, read, starred FROM marks").fetchall() if found else [])
        if not found or version < STATE_VERSION:  # written only when needed: a full disk still opens the file
            db.execute(MARKS_TABLE)
            db.execute(f"PRAGMA user_version = {STATE_VERSION}")
            db.commit()
        return db

    def _for_this_run(self, notice: str) -> sqlite3.Connection:
        self.notice = notice
        db = sqlite3.connect(":memory:", check_same_thread=False)
        db.execute(MARKS_TABLE)
        return db

    def _set_aside(self, db: sqlite3.Connection, why: str) -> sqlite3.Connection:
        """A new file in place of `db`'s, which is renamed beside it; the marks that could be read go along."""
        try:
            found = columns(db, "marks")
        except sqlite3.DatabaseError:
            found = set()
        rows = []
        if "id" in found and any(mark in found for mark in MARKS):
            picked = ", ".join(mark if mark in found else "NULL" for mark in MARKS)
            rows = [row for row in readable_rows(db, f"SELECT id, {picked} FROM marks") if any(row[1:])]
        db.close()
        self._seen = None
        try:
            aside = set_aside(self.path)
        except OSError as error:
            new = self._for_this_run("")
            where = f"it could not be set aside ({error.strerror}), so marks last only for this run"
        else:
            try:
                new = sqlite3.connect(self.path, timeout=1, check_same_thread=False)
                new.execute(MARKS_TABLE)
                new.execute(f"PRAGMA user_version = {STATE_VERSION}")
                new.commit()
                where = f"set it aside as {aside.name}"
            except sqlite3.DatabaseError as error:
                new = self._for_this_run("")
                where = (f"set it aside as {aside.name}; a new one could not be made ({error}), so marks last only "
                         "for this run")
        copy_rows(new, "marks", ("id", *MARKS), rows)
        kept = f"kept the {len(rows):,} marks that could be read" if rows else "none of its marks could be read"
        self.notice = f"read state {self.path} was {why}: {where}; {kept}"
        return new

    def _damaged(self, error: sqlite3.DatabaseError) -> bool:
        """Whether `error` came from damage to the file, which is then set aside (see `_set_aside`)."""
        if problem(error) != DAMAGED or intact(self._db):
            return False
        self._db = self._set_aside(self._db, f"damaged ({error})")
        return True

    def _trouble(self, error: sqlite3.DatabaseError) -> None:
        """Say why the file cannot be read or written now (the same words each time: told once)."""
        kind = problem(error)
        if kind == NO_ROOM:
            self.notice = (f"no room on the disk for the read state {self.path}: marks set now are saved once there "
                           "is room (quitting before then loses them)")
        elif kind == BUSY:
            self.notice = (f"read state {self.path} is locked by another program: marks set now are saved once it "
                           "is free")
        elif kind == READ_ONLY:
            self.notice = f"read state {self.path} cannot be written: marks set now last only for this run"
        else:
            self.notice = f"could not save read state to {self.path} ({error})"

    def reload(self) -> bool:
        """Read the marks again if another process changed the file since they were last read, and say whether
        any changed. `PRAGMA data_version` tells in microseconds, so the app can ask every few seconds over
        100,000 marks. Marks still waiting to be saved (a full disk) are tried again first."""
        self._save()
        try:
            version = self._db.execute("PRAGMA data_version").fetchone()[0]
            if version == self._seen:
                return False
            # No table yet: a new file the disk had no room for.
            has_marks = bool(columns(self._db, "marks"))
            rows = self._db.execute("SELECT id, read, starred FROM marks").fetchall() if has_marks else []
        except sqlite3.DatabaseError as error:
            if self._damaged(error):
                return self.reload()
            self._trouble(error)
            return False
        return self._show(version, rows)

    def _show(self, version: int, rows: list[tuple[str, object, object]]) -> bool:
        """Take the marks read from the file at `version`, with those set here that wait to be saved; whether
        any mark changed."""
        self._seen = version
        read = {i for i, r, _ in rows if r}
        starred = {i for i, _, s in rows if s}
        marked = {"read": read, "starred": starred}
        for (article_id, mark), value in self._unsaved.items():
            (marked[mark].add if value else marked[mark].discard)(article_id)
        changed = (read, starred) != (self.read, self.starred)
        self.read, self.starred = read, starred
        return changed

    def _save(self) -> None:
        """Write the marks set here and not yet in the file, each as the one flag that changed."""
        if not self._unsaved or not self._writable:
            return
        unsaved = list(self._unsaved.items())
        try:
            with self._db:
                self._db.execute(MARKS_TABLE)  # a new file the disk had no room for at first has none yet
                for mark in MARKS:
                    self._db.executemany(
                        f"INSERT INTO marks (id, {mark}) VALUES (?, ?) "
                        f"ON CONFLICT(id) DO UPDATE SET {mark} = excluded.{mark}",
                        [(article_id, value) for (article_id, kind), value in unsaved if kind == mark],
                    )
        except sqlite3.DatabaseError as error:
            if self._damaged(error):
                self._save()  # into the new file
            else:
                self._trouble(error)
            return
        self._unsaved.clear()

    def _mark(self, mark: str, ids: list[str], value: bool) -> None:
        marked = self.read if mark == "read" else self.starred
        (marked.update if value else marked.difference_update)(ids)
        self._unsaved.update(((article_id, mark), value) for article_id in ids)
        self._save()

    def set_read(self, ids: list[str], read: bool = True) -> None:
        self._mark("read", ids, read)

    def toggle_read(self, article_id: str) -> bool:
        """Mark read if this reader shows it unread, else unread (whatever another reader did meanwhile)."""
        self._mark("read", [article_id], article_id not in self.read)
        return article_id in self.read

    def toggle_star(self, article_id: str) -> bool:
        self._mark("starred", [article_id], article_id not in self.starred)
        return article_id in self.starred

    def close(self) -> None:
        self._db.close()
