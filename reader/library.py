"""What persists between runs: finished analyses in SQLite under the user's cache folder.

An analysis is keyed by the file's content, the analysis version and the summary options, so a changed file or
a new version of the analysis is redone. A cache that cannot be used never stops the reader, and `notice` says
what was done: a damaged one, or one of another schema or shape, is rebuilt (it holds nothing that cannot be
made again); on a full disk it is read as it is and written again once there is room; locked or read-only, the
reader runs without one. The read state (the user's marks) is never rebuilt: see ReadState.
"""

from __future__ import annotations

import json
import os
import queue
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import partial
from typing import NamedTuple
from pathlib import Path

from .model import Article, LoadError, article_from_json
from .stores import DAMAGED, NO_ROOM, columns, intact, open_read_only, problem

SCHEMA_VERSION = 3
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
"""
# The columns each table of SCHEMA must have: a table without them is of another shape, and rebuilt.
TABLES = {
    "analyses": {"key", "article"},
    "files": {"path", "mtime_ns", "size", "article_id"},
    "listing": {"article_id", "version", "entry"},
    "search": {"article_id", "path", "title", "body", "speakers", "topics"},
}
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
        if stat is None:
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
            unfit = self._unfit(db, version)
            if unfit:
                db.executescript(
                    "DROP TABLE IF EXISTS analyses; DROP TABLE IF EXISTS search; "
                    "DROP TABLE IF EXISTS files; DROP TABLE IF EXISTS listing;"
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
                    db.execute("DELETE FROM search WHERE article_id = ?", (rows.search[0],))
                    db.execute("INSERT INTO search (article_id, path, title, body, speakers, topics) "
                               "VALUES (?, ?, ?, ?, ?, ?)", rows.search)
                if rows.file is not None:
                    db.execute("INSERT OR REPLACE INTO files (path, mtime_ns, size, article_id) "
                               "VALUES (?, ?, ?, ?)", rows.file)
                    db.execute("INSERT OR REPLACE INTO listing (article_id, version, entry) "
                               "VALUES (?, ?, ?)", rows.listing)

    def _failed(self, error: sqlite3.DatabaseError) -> None:
        if problem(error) == NO_ROOM:
            self.notice = self._no_room()  # the same words each time: told once
        else:
            self.notice = f"could not write to the cache {self.path} ({error})"

    def known_files(self, version: str) -> dict[str, tuple[int, int, Entry]]:
        """path -> (mtime_ns, size, list entry) of every file analysed by this version of the analysis."""
        try:
            rows = self._current().execute(
                "SELECT f.path, f.mtime_ns, f.size, f.article_id, l.entry FROM files f "
                "JOIN listing l ON l.article_id = f.article_id AND l.version = ?",
                (version,),
            ).fetchall()
        except sqlite3.DatabaseError as error:
            self._repaired(error)
            return {}
        known = {}
        for path, mtime_ns, size, article_id, entry in rows:
            try:
                known[path] = (mtime_ns, size, Entry.from_json(path, article_id, entry))
            except (ValueError, TypeError):
                continue  # a damaged row: the file is read again
        return known

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


def scan(paths: Iterable[str | Path], cache: AnalysisCache) -> Iterator[Entry | Path | LoadError]:
    """Every article under `paths`: an Entry where the cache knows the file as it is now, else the Path to
    read (or why it cannot be). Only a stat per file: a warm library lists without reading any."""
    from .analysis import ANALYSIS_VERSION
    from .sources import discover

    known = cache.known_files(ANALYSIS_VERSION)
    for found in discover(paths):
        if isinstance(found, LoadError):
            yield found
            continue
        entry = known.get(str(found))
        if entry:
            try:
                stat = found.stat()
            except OSError as error:
                yield LoadError(str(found), error.strerror or str(error))
                continue
            if (stat.st_mtime_ns, stat.st_size) == entry[:2]:
                yield entry[2]
                continue
        yield found


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
) -> Iterator[tuple[Job, Indexed | LoadError, bool]]:
    """Analyse the `jobs` (until a None) on `workers` processes into `cache`, yielding each job with its
    result, and whether it came from `urgent`, as it arrives (an urgent one's result holds the whole analysis).
    `jobs` may still be filling (files being listed). This process is the cache's one writer: what has
    arrived is written in one transaction, while the workers go on.

    Jobs go to the workers a few ahead of each, so one put on `urgent` (the article the reader opened) starts
    within a job or two, ahead of the rest; the workers stop once `jobs` ends and nothing is under way.
    `start_method` "forkserver" or "spawn" is for a caller with threads (the app), which fork must not copy.
    `niceness` lowers the workers' priority, so an app in front keeps answering keys at once. `preload` names
    more modules for the forkserver to import before it forks the workers, which then share what they load.
    Closing the iterator stops the workers at once.
    """
    from multiprocessing import get_all_start_methods, get_context

    if start_method:
        context = get_context(start_method)
        if start_method == "forkserver":  # workers forked from a server that has the analysis loaded once
            context.set_forkserver_preload(["reader.analysis", "reader.library", *preload])
    else:  # forkserver/spawn would re-import everything per worker; fork shares what is already loaded.
        context = get_context("fork") if "fork" in get_all_start_methods() else get_context()
    finished: queue.SimpleQueue[tuple[Job, Indexed | LoadError, bool]] = queue.SimpleQueue()

    def start(pool, batch: list[Job], asked: bool) -> None:  # results come back on the pool's own thread
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
                job = _take(urgent) if urgent is not None else NOTHING
                if job is not NOTHING:
                    start(pool, [job], True)
                    under_way += 1
                    continue
                batch = []
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
            arrived += iter(partial(_take, finished), NOTHING)
            under_way -= len(arrived)
            cache.write(result.rows for _, result, _ in arrived if isinstance(result, Indexed))
            yield from arrived


NOTHING = object()


def _take(source: queue.SimpleQueue):
    """The next item of `source`, or NOTHING when it has none now."""
    try:
        return source.get_nowait()
    except queue.Empty:
        return NOTHING


def default_state_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("newsreader")) / "state.sqlite3"


class ReadState:
    """Which articles are read and which starred, by article id; the user's data, so not in the cache folder."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_state_path()
        self.notice = ""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=1, check_same_thread=False)
            self._db.execute("CREATE TABLE IF NOT EXISTS marks (id TEXT PRIMARY KEY, read INT, starred INT)")
            self._db.commit()
        except (OSError, sqlite3.DatabaseError) as error:
            self.notice = f"read state {self.path} unusable ({error}); marks last only for this run"
            self._db = sqlite3.connect(":memory:", check_same_thread=False)
            self._db.execute("CREATE TABLE marks (id TEXT PRIMARY KEY, read INT, starred INT)")
        rows = self._db.execute("SELECT id, read, starred FROM marks").fetchall()
        self.read = {i for i, r, _ in rows if r}
        self.starred = {i for i, _, s in rows if s}

    def _save(self, ids: list[str]) -> None:
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO marks (id, read, starred) VALUES (?, ?, ?)",
                    [(i, i in self.read, i in self.starred) for i in ids],
                )
        except sqlite3.DatabaseError as error:
            self.notice = f"could not save read state to {self.path} ({error})"

    def set_read(self, ids: list[str], read: bool = True) -> None:
        (self.read.update if read else self.read.difference_update)(ids)
        self._save(ids)

    def toggle_read(self, article_id: str) -> bool:
        self.set_read([article_id], article_id not in self.read)
        return article_id in self.read

    def toggle_star(self, article_id: str) -> bool:
        self.starred.symmetric_difference_update({article_id})
        self._save([article_id])
        return article_id in self.starred
