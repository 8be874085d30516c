"""A reading session: the library being read, without any user interface (the app and the CLI share it).

A `Session` owns the walk over the paths (each file listed from the analysis cache where it knows the file as it
is now, else from its heading: its title read from its first lines, on every core when there are many), the list rows (`Entry`, never the text), the analysis cache and
the read state, the latest analyses, the background analysis of the library in worker processes, the read and
starred marks, and which rows the list shows in which order (topic and feed filters, the search, the view, the
sort).

Its long-running steps (`list_outlines`, `analyse_library`) run in whatever thread the caller gives them and
report through an `emit` callback, one small event (below) at a time; the caller hands each event back to the
session on its own thread (`listed`, `library_analysed`, ...), so the session's state changes on one thread
only. Nothing here imports Textual.
"""

from __future__ import annotations

import os
import queue
import sys
import threading
from collections import OrderedDict, deque
from collections.abc import Callable, Generator, Iterable, Iterator, MutableSequence, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from time import monotonic, sleep
from typing import TYPE_CHECKING, NamedTuple, Protocol, TypeVar, cast, overload

from .model import Article, LoadError, SummarySentence

if TYPE_CHECKING:  # loaded in the loading thread, after the first paint
    from .analysis import Heading
    from .library import AnalysisCache, Entry, Job, ReadState, ShelfRow
    from .topics import UserTopic

# The first rows go to the caller as soon as there is a screen of them (or a file's title had to be read: a
# cold library shows its first at once), the rest at most this often, so a big library fills in as it loads
# in a few large batches (each batch the app's thread takes in is time away from drawing).
FIRST_SCREEN = 64
BATCH_SECONDS = 0.2
# Below this many files the library is analysed in this process: starting workers would cost more than it saves.
POOL_MINIMUM = 40
# Past this many files new to the cache, the listing reads their titles on every core: processes started afresh
# ("spawn": the app has threads, which fork would copy), a chunk of files each, the rows kept in the order found.
# The first files are read here, so the first rows wait for none of them; below a thousand, starting the
# processes costs more than it saves (1,000 files: 290-300 a second read here, 170-215 spread, on a shared
# machine), and past it this process's CPU for the listing falls from 23 s to 4 s at 10,000, leaving the app's
# thread the interpreter.
SPREAD_LISTING_FROM = 1000
LISTING_CHUNK = 64
# How long the library's in-process analysis waits for the article on screen to be analysed first.
CURRENT_FIRST_SECONDS = 30.0
# Not fork: the app has threads, which a forked child would copy mid-step.
START_METHOD = "forkserver"
# The workers yield the processor to the app: a key press goes first.
WORKER_NICENESS = 19
# How often the library's analysis sends its results (each batch redraws the list's title and rows).
PROGRESS_SECONDS = 0.25
# Analyses kept in memory, the latest (going back to one is instant; the cache holds them all).
KEPT_ANALYSES = 64
# Imported by the workers' forkserver before it forks them (see warm_workers.py).
PRELOAD = ("reader.warm_workers",)

# The list's views, and its orders (`v` and `S` step through them).
VIEWS = ("all", "unread", "starred")
SORTS = ("as found", "newest first", "by title", "by source")

AnalysisKey = tuple[str, str, str, int]


# -- what the long-running steps report -----------------------------------------------------------------------


@dataclass
class StoresOpened:
    """The analysis cache and the read state, opened (their `notice` says what went wrong, if anything)."""


@dataclass
class UserTopicsRead:
    """The user's own topics file, read (`problem` says why it could not be, and `topics` is then empty)."""

    topics: tuple[UserTopic, ...]
    problem: str = ""


@dataclass
class EntriesListed:
    """A batch of list rows (from the cache, or files read and cleaned), and the files that could not be read."""

    entries: Sequence[Entry]  # a `Rows` of the library's shelf: decoded as they are drawn
    errors: list[LoadError]
    unanalysed: int = 0  # how many of the entries the cache did not know: the library's analysis will do them
    # None: the entries come after the rows listed so far. Else they take the place of `replaced` rows from row
    # `at`: the walk putting right the rows first shown from the library's shelf (files gone, new, changed).
    at: int | None = None
    replaced: int = 0


@dataclass
class LibraryToAnalyse:
    """The files the cache did not know, to analyse: `jobs` fills until a None as files are listed. `pooled`:
    on every core in worker processes (a large library), else in this process."""

    jobs: queue.SimpleQueue[Job | None]
    pooled: bool


@dataclass
class LoadingFinished:
    """Every file under the paths has been tried."""


@dataclass
class LibraryAnalysed:
    """A batch of the library's background analysis: the new rows, and how many files are done so far."""

    entries: list[Entry]
    done: int


@dataclass
class LibraryAnalysisEnded:
    """The library's analysis has stopped; `urgent` was where it took the reader's requests (None: no workers)."""

    urgent: queue.SimpleQueue[Job] | None


@dataclass
class ArticleRead:
    """The article the reader moved to, read in a thread: its analysis with the options asked (`key`) from the
    cache (`analysed`), else its outline (read and cleaned, or why it could not be)."""

    entry: Entry
    key: AnalysisKey
    found: Article | LoadError
    analysed: bool


@dataclass
class AnalysisDone:
    """The summary (and the rest of the expensive analysis) of one article is ready."""

    article: Article
    sentences: int


@dataclass
class AnalysisFailed:
    path: str
    error: str


@dataclass
class TopicSummaryDone:
    """A summary of only the passages of one topic."""

    article: Article
    topic: str
    sentences: int
    summary: tuple[SummarySentence, ...]


Event = (
    StoresOpened | UserTopicsRead | EntriesListed | LibraryToAnalyse | LoadingFinished | LibraryAnalysed
    | LibraryAnalysisEnded | ArticleRead | AnalysisDone | AnalysisFailed | TopicSummaryDone
)
Emit = Callable[[Event], None]
Cancelled = Callable[[], bool]


class PathFilter(Protocol):
    """Only some files' articles in the list (a feed's, say: the feeds screen's rows are these)."""

    @property
    def paths(self) -> frozenset[str]: ...

    @property
    def name(self) -> str: ...


def article_key(article: Article | Entry | Listed) -> tuple[str, str]:
    """An article in the list: its id and its path (the same text can be saved twice)."""
    return (article.id, article.path)


def source_name(article: Article | Entry | Listed) -> str:
    """The site when the page names it, else the file's name: a library's folder is the same on every line."""
    # Path(...).name, without making a Path or calling os.path.basename: a sort by source names every row.
    return article.site or article.path.rpartition(os.sep)[2]


def outline(path: Path) -> Article | LoadError:
    """The cheap outline of one file: read and cleaned, or why it could not be."""
    # Imported here, in the loading thread: the cleaning modules take a tenth of a second to import.
    from .analysis import load

    try:
        return load(path)
    except Exception as error:  # one odd file must not stop the rest of the library loading
        return LoadError(str(path), f"could not be read: {error}")


def heading(path: Path) -> Heading | LoadError:
    """What the list shows of a file not analysed yet (its title from its first lines), or why it cannot be read."""
    from .analysis import heading as read_heading
    from .sources import SourceError, read_document

    try:
        return read_heading(read_document(path))
    except SourceError as error:
        return LoadError(str(path), str(error))
    except Exception as error:  # one odd file must not stop the rest of the library loading
        return LoadError(str(path), f"could not be read: {error}")


def never() -> bool:
    return False


def headings(paths: list[str]) -> list[Heading | LoadError]:
    """In a listing process: the headings of a chunk of files."""
    return [heading(Path(path)) for path in paths]


Scanned = TypeVar("Scanned")


def with_headings(scanned: Iterable[Scanned], cancelled: Cancelled = never
                  ) -> Iterator[tuple[Scanned, Heading | LoadError | None]]:
    """Each of `scanned` (a list row the cache knew, a Path to read, or a LoadError) in order, with a Path's
    heading (None for the others): the first SPREAD_LISTING_FROM read here, the rest in listing processes on
    every core, a chunk each, a few chunks ahead of the one waited for."""
    from concurrent.futures import Future, ProcessPoolExecutor
    from multiprocessing import get_context

    read_here = 0
    executor: ProcessPoolExecutor | None = None
    waiting: deque[tuple[list[Scanned], Future[list[Heading | LoadError]]]] = deque()
    chunk: list[Scanned] = []

    def spread(items: list[Scanned]) -> None:
        """Send a chunk to the listing processes; read it here if they cannot take it (they failed to start)."""
        chosen = [str(item) for item in items if isinstance(item, Path)]
        try:
            assert executor is not None
            waiting.append((items, executor.submit(headings, chosen)))
        except Exception:  # noqa: BLE001 - a broken pool: this thread reads on alone
            read_here: Future[list[Heading | LoadError]] = Future()
            read_here.set_result(headings(chosen))
            waiting.append((items, read_here))

    def ready() -> Iterator[tuple[Scanned, Heading | LoadError | None]]:
        items, future = waiting.popleft()
        try:
            results = future.result()
        except Exception:  # noqa: BLE001 - a listing process that could not start or died: read the chunk here
            results = headings([str(item) for item in items if isinstance(item, Path)])
        read = iter(results)
        for item in items:
            yield item, next(read) if isinstance(item, Path) else None

    try:
        for found in scanned:
            if executor is None:
                if not isinstance(found, Path):
                    yield found, None
                    continue
                if read_here < SPREAD_LISTING_FROM:
                    read_here += 1
                    yield found, heading(found)
                    continue
                start_resource_tracker()
                executor = ProcessPoolExecutor(os.cpu_count() or 1, mp_context=get_context("spawn"))
            chunk.append(found)
            if sum(isinstance(item, Path) for item in chunk) < LISTING_CHUNK:
                continue
            spread(chunk)
            chunk = []
            while len(waiting) > 2 * (os.cpu_count() or 1) or (waiting and waiting[0][1].done()):
                yield from ready()
                if cancelled():
                    return
        if chunk:
            spread(chunk)
        while waiting and not cancelled():
            yield from ready()
    finally:
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)


def start_resource_tracker() -> None:
    """Start multiprocessing's helper process with the real stderr: it passes stderr's file descriptor on,
    and a terminal app's stand-in for stderr may have none (-1), which would stop the workers starting."""
    from contextlib import redirect_stderr
    from multiprocessing import resource_tracker

    with redirect_stderr(sys.__stderr__):
        resource_tracker.ensure_running()


class Listed(NamedTuple):
    """A row as the filters and the sorts look at it, read from a shelf's row without making it an Entry."""

    path: str
    id: str
    title: str
    site: str | None
    date: str | None
    words: int
    topics: Sequence[str]


class Keyed(NamedTuple):
    """A row as a filter by id or path alone looks at it (the view, the feed, a search by the index alone)."""

    id: str
    path: str
    title: str = ""
    topics: Sequence[str] = ()


def listed_rows(rows: list[ShelfRow]) -> list[Listed | None]:
    """Each shelf row's fields (None: a damaged row), their list rows read as one JSON text, the young
    collections held off meanwhile (it makes tuples, lists and strings, no cycle for them to find): making
    100,000 rows Entries one by one held up the first sort or filter of a warm list over a second."""
    import gc
    import json

    texts = [row[5] if isinstance(row[5], str) else "null" for row in rows]
    collecting = gc.isenabled()
    gc.disable()
    try:
        try:
            values = json.loads("[" + ",".join(texts) + "]")
            if len(values) != len(texts):  # a damaged text that is not one JSON value alone
                raise ValueError(texts)
        except ValueError:
            values = []
            for text in texts:
                try:
                    values.append(json.loads(text))
                except ValueError:
                    values.append(None)
        make = tuple.__new__  # Listed's own __new__ is a Python function: a third of the time
        return [make(Listed, (row[1], row[4], *value))
                if type(value) is list and len(value) == 5 and type(value[0]) is str and type(value[4]) is list
                else None for row, value in zip(rows, values)]
    finally:
        if collecting:
            gc.enable()


# A shelf's row not read yet (see `Rows`): its position on the shelf.
Pending = int
# The rows of a shelf not read yet are read this many at a time when one is asked for.
SHELF_PAGE = 64


class Rows(MutableSequence["Entry"]):
    """The list's rows, an Entry each. Those from the library's shelf are kept as the cache's query gave them
    (`ShelfRow`: a list of strings and numbers) and made Entries only when asked for (drawn, filtered, sorted):
    a warm list of 100,000 decodes the rows it draws, not the rest (decoding them first was 0.15-0.2 s of the
    listing's CPU at 10,000 before any could be sent). A row that cannot be decoded (a damaged cache) shows its
    file's name until the walk reads the file again.

    The first screen comes with the shelf's length: the rows after it are held as their positions on the shelf
    (`Pending`) until the rest of the shelf comes (`Session.list_outlines` reads it in its thread), so the list
    counts them all in its first frame. One asked for before then is read from the shelf with its page of
    rows (`fetch(start, stop)`: the shelf's rows at positions start to stop)."""

    def __init__(self, items: Iterable[Entry | ShelfRow | Listed | Pending] = (),
                 fetch: Callable[[int, int], list[ShelfRow]] | None = None) -> None:
        self.items: list[Entry | ShelfRow | Listed | Pending] = list(items)
        self.fetch = fetch

    def __len__(self) -> int:
        return len(self.items)

    @overload
    def __getitem__(self, index: int) -> Entry: ...

    @overload
    def __getitem__(self, index: slice) -> list[Entry]: ...

    def __getitem__(self, index: int | slice) -> Entry | list[Entry]:
        if isinstance(index, slice):
            return [self[n] for n in range(*index.indices(len(self.items)))]
        item = self.items[index]
        if isinstance(item, int):
            item = self.read_page(index)
        if isinstance(item, list):
            item = self.items[index] = decoded(item)
        elif isinstance(item, Listed):
            item = self.items[index] = entry_of(item)
        return item

    def read_page(self, index: int) -> ShelfRow:
        """Read the pending row `index` and those near it of its page from the shelf (a row the shelf no longer
        has, rewritten meanwhile, shows no title until the rest of the shelf comes)."""
        position = self.items[index]
        assert isinstance(position, int)
        start = position - position % SHELF_PAGE
        found = {row[0]: row for row in self.fetch(start, start + SHELF_PAGE)} if self.fetch is not None else {}
        items = self.items
        for n in range(max(index - SHELF_PAGE, 0), min(index + SHELF_PAGE, len(items))):
            item = items[n]
            if isinstance(item, int) and item in found:
                items[n] = found[item]
        row = items[index]
        if isinstance(row, int):
            row = items[index] = [position, "", None, None, "", None]
        assert isinstance(row, list)
        return row

    def read_all(self) -> None:
        """Read every pending row from the shelf, in one query (what needs them all: a filter, the marks)."""
        pending = [item for item in self.items if isinstance(item, int)]
        if not pending:
            return
        found = {row[0]: row for row in self.fetch(min(pending), max(pending) + 1)} if self.fetch is not None else {}
        items = self.items
        for n, item in enumerate(items):
            if isinstance(item, int):
                items[n] = found.get(item) or [item, "", None, None, "", None]

    def fields(self) -> list[Entry | Listed]:
        """Every row as the filters and the sorts look at it: the shelf's rows read once (see `listed_rows`),
        kept as `Listed` (no bigger than the row the cache gave) and made Entries only when drawn; a damaged
        one is made an Entry, with its file's name."""
        self.read_all()
        items = self.items
        shelf = [n for n, item in enumerate(items) if isinstance(item, list)]
        for n, row in zip(shelf, listed_rows([cast("ShelfRow", items[n]) for n in shelf])):
            items[n] = row if row is not None else decoded(cast("ShelfRow", items[n]))
        return cast("list[Entry | Listed]", items)

    def __iter__(self) -> Iterator[Entry]:
        self.read_all()
        items = self.items
        for n, item in enumerate(items):
            if isinstance(item, list):
                item = items[n] = decoded(item)
            elif isinstance(item, Listed):
                item = items[n] = entry_of(item)
            yield cast("Entry", item)

    @overload
    def __setitem__(self, index: int, value: Entry) -> None: ...

    @overload
    def __setitem__(self, index: slice, value: Iterable[Entry]) -> None: ...

    def __setitem__(self, index: int | slice, value: Entry | Iterable[Entry]) -> None:
        if isinstance(index, slice):
            rows = cast("Iterable[Entry]", value)
            self.items[index] = self.taken(rows)
        else:
            self.items[index] = cast("Entry", value)

    def __delitem__(self, index: int | slice) -> None:
        del self.items[index]

    def insert(self, index: int, value: Entry) -> None:
        self.items.insert(index, value)

    def extend(self, values: Iterable[Entry]) -> None:
        self.items.extend(self.taken(values))

    def taken(self, values: Iterable[Entry]) -> list[Entry | ShelfRow | Listed | Pending]:
        """The items of rows given, as they are (another `Rows`'s pending rows with the way to read them)."""
        if not isinstance(values, Rows):
            return list(values)
        if values.fetch is not None:
            self.fetch = values.fetch
        return values.items

    def __eq__(self, other: object) -> bool:
        """A list's equality: the same rows in the same order."""
        if not isinstance(other, Rows | list):
            return NotImplemented
        return len(self) == len(other) and all(mine == theirs for mine, theirs in zip(self, other))

    def key(self, index: int) -> tuple[str, str] | None:
        """The row's `article_key`, the row not decoded for it (None: a shelf's row not read yet)."""
        return self.key_of(self.items[index])

    def keys(self, start: int = 0, stop: int | None = None) -> Iterator[tuple[str, str]]:
        """Each row's `article_key` from `start` (to `stop`), no row decoded for it."""
        self.read_all()
        for item in self.items[start:stop]:
            yield cast("tuple[str, str]", self.key_of(item))

    def read_keys(self, start: int = 0, stop: int | None = None) -> Iterator[tuple[int, tuple[str, str]]]:
        """Each row's index and `article_key` from `start` (to `stop`), no row decoded or read for it: the
        shelf's rows not read yet are left out (the rest of the shelf brings them)."""
        for n, item in enumerate(self.items[start:stop], start):
            key = self.key_of(item)
            if key is not None:
                yield n, key

    @staticmethod
    def key_of(item: Entry | ShelfRow | Listed | Pending) -> tuple[str, str] | None:
        if isinstance(item, int):
            return None
        return (item[4], item[1]) if isinstance(item, list) else (item.id, item.path)

    def paths(self) -> Iterator[str]:
        self.read_all()
        for item in self.items:
            if isinstance(item, list):
                yield item[1]
            elif not isinstance(item, int):
                yield item.path


def entry_of(row: Listed) -> Entry:
    from .library import Entry

    return Entry(row.path, row.id, row.title, row.site, row.date, row.words, tuple(row.topics))


def decoded(row: ShelfRow) -> Entry:
    """A shelf row's list row (a damaged one: the file's name, until the walk reads the file again)."""
    from .library import Entry, shelf_entry

    return shelf_entry(row) or Entry(row[1], row[4], Path(row[1]).name or "…", None, None, 0, ())


class Walk:
    """The walk over a library's files measured against its shelf (the rows shown before it, in the order of
    the last listing): while it finds the shelf's rows in their order it sends nothing; from the first
    difference its rows take the place of the shelf's, followed by those of the shelf it has not come to yet."""

    def __init__(self, shelved: list[Entry]) -> None:
        self.shelved = shelved
        self.matched = 0  # the shelf's rows the walk found first, in order
        self.diverged = not shelved  # without a shelf, every row is the walk's to send
        self.listed = 0  # the rows the walk has sent after the ones matched (with a shelf)
        self.on_screen = len(shelved)  # this listing's rows the session holds (with a shelf)
        self.order: list[str] = []  # the paths of the rows, in the order the walk found them
        self.walked: set[str] = set()  # those of them past the rows matched
        self.done = False

    def as_shelved(self, entry: Entry) -> bool:
        """Take the walk's next row; whether it is the shelf's next (then nothing is to be sent)."""
        self.order.append(entry.path)
        if not self.diverged:
            if self.matched < len(self.shelved) and entry == self.shelved[self.matched]:
                self.matched += 1
                return True
            self.diverged = True
        if self.shelved:
            self.walked.add(entry.path)
        return False

    def ended(self) -> None:
        """The walk is over: the shelf's rows it did not come to are files gone."""
        self.done = True
        self.diverged = self.diverged or self.matched < len(self.shelved)

    def batch(self, entries: list[Entry], errors: list[LoadError], new: int) -> EntriesListed:
        if not self.shelved:
            return EntriesListed(entries, errors, new)
        if not self.diverged:
            return EntriesListed([], errors, new)
        waiting = [] if self.done else [e for e in self.shelved[self.matched:] if e.path not in self.walked]
        at = self.matched + self.listed
        batch = EntriesListed([*entries, *waiting], errors, new, at=at, replaced=self.on_screen - at)
        self.listed += len(entries)
        self.on_screen = at + len(entries) + len(waiting)
        return batch


@dataclass(frozen=True)
class IndexWalk:
    """What a walk over a library found for `newsreader index`: every article file in the walk's order (the
    library's shelf), the rows of those the cache knows as they are, the files to analyse and the files that
    cannot be read."""

    files: list[str]
    known: list[Entry]
    new: list[Path]
    errors: list[LoadError]


class Session:
    """One reader's library: see the module's docstring."""

    def __init__(self, sentences: int | None = None, algorithm: str | None = None,
                 topics_file: str | Path | None = None) -> None:
        from .summary import ALGORITHMS, DEFAULT_ALGORITHM, DEFAULT_SENTENCES

        self.sentences = DEFAULT_SENTENCES if sentences is None else sentences
        self.algorithm = algorithm if algorithm in ALGORITHMS else DEFAULT_ALGORITHM
        self.topics_file = topics_file
        self.user_topics: tuple[UserTopic, ...] = ()
        # Opened by the loading thread (SQLite need not hold up the first paint); the lock: a second load.
        self.cache: AnalysisCache | None = None
        self.cache_writer: AnalysisCache | None = None  # the library's analysis writes through its own connection
        self.read_state: ReadState | None = None
        self.stores_lock = threading.Lock()
        self.cache_writes = threading.Lock()
        self.told_notices: set[str] = set()
        # The rows, a row per listed article in the order found, and where each is.
        self.articles = Rows()
        self.article_index: dict[tuple[str, str], int] = {}
        self.load_errors: list[LoadError] = []
        self.listed_before = False  # the first listing starts from the library's shelf (see list_outlines)
        # The shelf's first screen, sent (first_screen), and how many of its rows after it are pending.
        self.first_shelved: tuple[str, list[ShelfRow], int] | None = None
        self.loading_files = True
        self.awaiting_analysis = 0  # files the library's background analysis has still to do
        # The latest analyses by (article id, path, algorithm, sentences): going back to an article is instant.
        self.analysed: OrderedDict[AnalysisKey, Article] = OrderedDict()
        self.topic_summaries: dict[tuple[AnalysisKey, str], tuple[SummarySentence, ...]] = {}
        self.opened: tuple[str, Article | LoadError] | None = None  # the last article loaded to be shown
        # While the library's worker processes run: where the article on screen goes to be analysed first
        # (then sumy and NLTK never load in this process), and which of those requests are still to come back.
        self.urgent: queue.SimpleQueue[Job] | None = None
        self.requested: set[Job] = set()
        self.analysis_wanted = False  # the article on screen waits to learn where it will be analysed
        # Which rows the list shows, in which order.
        self.topic_filter: str | None = None
        self.feed_filter: PathFilter | None = None
        self.search_query = ""
        self.search_matches: set[str] | None = None  # ids the search index found; None: no search
        self.title_words: list[str] = []  # what rows not analysed yet must have in their title to match
        self.view = VIEWS[0]
        self.sort = SORTS[0]

    # -- the stores -----------------------------------------------------------------------------------------

    def open_stores(self, emit: Emit | None = None) -> AnalysisCache:
        """The analysis cache and the read state, opened by whichever thread needs them first."""
        with self.stores_lock:
            if self.cache is None:
                from .library import AnalysisCache, ReadState

                self.read_state = ReadState()
                self.cache = AnalysisCache()
                if emit is not None:
                    emit(StoresOpened())
            return self.cache

    def open_cache(self) -> AnalysisCache:
        """The analysis cache alone (the CLI's commands leave the read state be)."""
        with self.stores_lock:
            if self.cache is None:
                from .library import AnalysisCache

                self.cache = AnalysisCache()
            return self.cache

    def new_notices(self) -> list[tuple[str, str]]:
        """(title, notice) of what went wrong with the cache or the read state and was not told yet."""
        sources = ((self.cache, "Cache"), (self.cache_writer, "Cache"), (self.read_state, "Read and starred marks"))
        found = []
        for source, title in sources:
            notice = source.notice if source is not None else ""
            if notice and self.first_time(notice):
                found.append((title, notice))
        return found

    def first_time(self, notice: str) -> bool:
        """Whether `notice` is new this run (then it counts as told)."""
        if notice in self.told_notices:
            return False
        self.told_notices.add(notice)
        return True

    def read_user_topics(self, emit: Emit) -> None:
        """Before any article: its analysis needs the user's topics. Without a topics file of theirs, the topics'
        module is not imported (the first screen waits for this: a tenth of its time)."""
        from .settings import topics_path

        if self.topics_file is None and not topics_path().is_file():
            emit(UserTopicsRead(()))
            return
        from .topics import TopicsFileError, load_user_topics

        try:
            self.user_topics = load_user_topics(self.topics_file)
            emit(UserTopicsRead(self.user_topics))
        except TopicsFileError as error:
            emit(UserTopicsRead((), str(error)))

    # -- listing the files (in a thread of the caller's) ----------------------------------------------------

    def first_screen(self, paths: Iterable[str | Path], emit: Emit) -> None:
        """Send the first screen of the library's shelf (the rows the cache has, in the order the last listing
        found them, and how many follow) in the caller's thread: the user's topics read, the stores opened and
        two queries by key, no file looked at (the app's first frame then has its rows, and counts them all).
        `list_outlines` goes on from it."""
        from .library import library_name

        self.read_user_topics(emit)
        cache = self.open_stores(emit)
        self.listed_before = True
        library = library_name(paths)
        self.first_shelved = (library, *self.send_first_screen(cache, library, emit))

    def send_first_screen(self, cache: AnalysisCache, library: str, emit: Emit) -> tuple[list[ShelfRow], int]:
        """Send the shelf's first screen and, pending (see `Rows`), the positions of the shelf's rows after it;
        the rows sent, and how many are pending."""
        from .analysis import ANALYSIS_VERSION

        shelf = cache.shelf_rows(library, ANALYSIS_VERSION, limit=FIRST_SCREEN)
        if not shelf:
            return shelf, 0
        pending = range(shelf[-1][0] + 1, cache.shelf_length(library)) if len(shelf) == FIRST_SCREEN else range(0)

        def fetch(start: int, stop: int) -> list[ShelfRow]:
            return cache.shelf_rows(library, ANALYSIS_VERSION, after=start - 1, limit=stop - start)

        emit(EntriesListed(Rows([*shelf, *pending], fetch), []))
        return shelf, len(pending)

    def list_outlines(self, paths: Iterable[str | Path], emit: Emit, cancelled: Cancelled = never,
                      shown: Callable[[], None] = lambda: None) -> None:
        """List every file: from the cache where it knows the file as it is now, else its title read from its
        first lines (on every core when there are many: see `with_headings`).

        The session's first listing starts from the library's shelf: the rows the cache has in the order the
        last listing found them, a screen of them counting the rest (unless `first_screen` sent it: then
        `shown` first) and then the rest in their place, each batch sent before the walk (`shown`, called after
        each, returns once the caller has shown it: the walk would take the interpreter from painting them).
        The walk then puts right what changed since (a file gone, new or changed: from there on its rows take
        the shelf's place), and keeps the order it found for the next start."""
        from .analysis import ANALYSIS_VERSION
        from .library import Entry, Shelved, library_name, scan, shelf_entry

        paths = list(paths)
        library: str | None = None
        shelf: list[ShelfRow] = []
        pending = 0
        if self.first_shelved is not None:  # the caller may start this at once: it waits for the first frame
            (library, shelf, pending), self.first_shelved = self.first_shelved, None
            cache = self.open_stores(emit)
            shown()
        else:
            self.read_user_topics(emit)
            cache = self.open_stores(emit)
            library = library_name(paths) if not self.listed_before else None
            self.listed_before = True
            if library is not None:
                shelf, pending = self.send_first_screen(cache, library, emit)
                if shelf:
                    shown()
        if library is not None and shelf:
            rest = cache.shelf_rows(library, ANALYSIS_VERSION, after=shelf[-1][0])
            if rest or pending:  # in place of the rows counted, pending
                emit(EntriesListed(Rows(rest), [], at=len(shelf), replaced=pending))
                shown()
            shelf += rest
        # Decoded here, once the rows are on screen: the walk compares the files it finds with them (a damaged
        # row is not known: its file is read again).
        decodable = [shelf_entry(row) for row in shelf]
        known = {row[1]: Shelved(row[0], row[2], row[3], entry)
                 for row, entry in zip(shelf, decodable) if entry is not None}
        shelved = [entry or decoded(row) for row, entry in zip(shelf, decodable)]
        walk = Walk(shelved)
        entries: list[Entry] = []
        errors: list[LoadError] = []
        # The files the cache did not know, for the library's analysis: it starts in worker processes once
        # there are enough of them to be worth it (the rest follow as they are listed), else after the listing.
        jobs: queue.SimpleQueue[Job | None] = queue.SimpleQueue()
        unanalysed, new, started, finished = 0, 0, False, False
        sent_at: float | None = None

        def send() -> None:
            nonlocal entries, errors, new, sent_at
            emit(walk.batch(entries, errors, new))
            entries, errors, new, sent_at = [], [], 0, monotonic()

        try:
            for found, read in with_headings(scan(paths, cache, known), cancelled):
                if cancelled():  # quitting: the interpreter waits for this thread before it exits
                    return
                if isinstance(found, Path):
                    if read is None or isinstance(read, LoadError):  # None: never, for a Path
                        found = read or LoadError(str(found), "could not be read")
                    else:
                        jobs.put((read.path, self.sentences, self.algorithm))
                        unanalysed, new = unanalysed + 1, new + 1
                        found = Entry(read.path, read.id, read.title, read.site, read.date, read.words, ())
                        if not started and unanalysed >= POOL_MINIMUM and not self.user_topics:
                            emit(LibraryToAnalyse(jobs, pooled=True))
                            started = True
                if isinstance(found, LoadError):
                    errors.append(found)
                elif walk.as_shelved(found):
                    continue
                else:
                    entries.append(found)
                if walk.diverged and (monotonic() - sent_at > BATCH_SECONDS if sent_at is not None
                                      else read is not None or len(entries) + len(errors) >= FIRST_SCREEN):
                    send()
            finished = True
        except OSError as error:  # a folder that vanished or cannot be listed mid-walk
            errors.append(LoadError(error.filename or "a folder", error.strerror or str(error)))
        finally:
            jobs.put(None)
            walk.ended()
            send()
            if unanalysed and not started:
                emit(LibraryToAnalyse(jobs, pooled=False))
            if finished and library is not None and walk.order != [entry.path for entry in shelved]:
                cache.shelve(library, walk.order)
            emit(LoadingFinished())

    def listed(self, event: EntriesListed) -> range:
        """Take a batch of rows (and errors) in; the indexes of the new rows (with `at`: of every row from the
        first one replaced on, which may have moved)."""
        self.load_errors.extend(event.errors)
        self.awaiting_analysis += event.unanalysed
        if event.at is None:
            start = len(self.articles)
            self.articles.extend(event.entries)
            self.article_index.update((key, n) for n, key in self.articles.read_keys(start))
            return range(start, len(self.articles))
        start, end = event.at, event.at + event.replaced
        for _, gone in self.articles.read_keys(start, end):
            self.article_index.pop(gone, None)
        self.articles[start:end] = event.entries
        moved = len(self.articles) if len(event.entries) != event.replaced else start + len(event.entries)
        self.article_index.update((key, n) for n, key in self.articles.read_keys(start, moved))
        return range(start, len(self.articles))

    def loading_finished(self) -> None:
        self.loading_files = False

    def known_paths(self) -> set[str]:
        """The files listed, or that failed to be."""
        return set(self.articles.paths()) | {error.path for error in self.load_errors}

    def known_topics(self) -> list[str]:
        """Every topic of the analysed articles, the most widespread first."""
        counts: dict[str, int] = {}
        for entry in self.articles.fields():
            for name in entry.topics:
                counts[name] = counts.get(name, 0) + 1
        return sorted(counts, key=lambda name: (-counts[name], name))

    def learn_topics(self, analysed: Article | Entry) -> int | None:
        """Give an analysed article's row its topics, and its title and words as the analysis found them (the
        listing read them from the first lines); the row's index if any changed."""
        if isinstance(analysed, Article):
            topics, title, words = tuple(t.name for t in analysed.topics), analysed.title, analysed.length
        else:
            topics, title, words = analysed.topics, analysed.title, analysed.words
        index = self.article_index.get(article_key(analysed))
        if index is None:
            return None
        row = self.articles[index]
        if (row.topics, row.title, row.words) == (topics, title, words):
            return None
        self.articles[index] = replace(row, topics=topics, title=title, words=words)
        return index

    # -- one article's analysis -----------------------------------------------------------------------------

    def analysis_key(self, article: Article | Entry) -> AnalysisKey:
        return (article.id, article.path, self.algorithm, self.sentences)

    def analysis_at_hand(self, entry: Entry) -> Article | None:
        """The analysis with the current options, if it is in memory (else see `read_article`)."""
        return self.analysed.get(self.analysis_key(entry))

    def is_analysed(self, entry: Entry) -> bool:
        return self.analysis_key(entry) in self.analysed

    def read_article(self, entry: Entry) -> ArticleRead:
        """The article to show, in any thread (it changes nothing here: `article_read` takes it in): its analysis
        with the current options from the cache (not with the user's topics: its key lacks them), else its
        outline, the file read and cleaned (the last one read is reused)."""
        from .library import cached

        key, cache, opened = self.analysis_key(entry), self.cache, self.opened
        _, _, algorithm, sentences = key
        found = cached(cache, entry, sentences, algorithm) if cache is not None and not self.user_topics else None
        if found is not None:
            return ArticleRead(entry, key, found, analysed=True)
        if opened is not None and opened[0] == entry.path:
            return ArticleRead(entry, key, opened[1], analysed=False)
        return ArticleRead(entry, key, outline(Path(entry.path)), analysed=False)

    def article_read(self, event: ArticleRead) -> None:
        """Keep what `read_article` found."""
        if event.analysed and isinstance(event.found, Article):
            self.keep_analysis(event.key, event.found)
        else:
            self.opened = (event.entry.path, event.found)

    def keep_analysis(self, key: AnalysisKey, article: Article) -> None:
        """Keep the latest few analyses at hand (the cache has them all)."""
        self.analysed[key] = article
        self.analysed.move_to_end(key)
        while len(self.analysed) > KEPT_ANALYSES:
            self.analysed.popitem(last=False)

    def analysis_done(self, event: AnalysisDone) -> tuple[AnalysisKey, int | None]:
        """Keep a finished analysis; its key, and its row's index if the row's topics changed."""
        done = event.article
        key = (done.id, done.path, done.algorithm, event.sentences)
        self.keep_analysis(key, done)
        return key, self.learn_topics(done)

    def outline_of(self, entry: Entry) -> Article | LoadError:
        """The article's text, read again (the list keeps no texts); the last one is kept for redraws."""
        if self.opened is None or self.opened[0] != entry.path:
            self.opened = (entry.path, outline(Path(entry.path)))
        return self.opened[1]

    def where_to_analyse(self, article: Article) -> str:
        """Where the article on screen is analysed: "workers" (the library's worker processes, while they run,
        ahead of the rest: sumy, NLTK and numpy then stay out of this process), "later" (files are still being
        listed: it waits until it is known which), or "here" (the caller analyses it in a thread)."""
        job = (article.path, self.sentences, self.algorithm)
        if self.urgent is not None:
            self.requested.add(job)
            self.urgent.put(job)
            return "workers"
        if self.loading_files and not self.user_topics:
            self.analysis_wanted = True
            return "later"
        return "here"

    def wanted_outline(self, current: Entry | None) -> Article | None:
        """The article on screen, once it is known where to analyse it, if it waited to learn that."""
        if not self.analysis_wanted or current is None or self.is_analysed(current):
            return None
        self.analysis_wanted = False
        article = self.outline_of(current)
        return article if isinstance(article, Article) else None

    def analyse(self, article: Article, algorithm: str, sentences: int) -> AnalysisDone | AnalysisFailed:
        """Analyse one article in this thread (for the article on screen)."""
        try:
            return AnalysisDone(self.analysed_here(article, algorithm, sentences), sentences)
        except Exception as error:  # a summarizer failing on one text must not take the reader down
            return AnalysisFailed(article.path, f"{type(error).__name__}: {error}")

    def analysed_here(self, article: Article, algorithm: str, sentences: int) -> Article:
        """Analyse in this process, into the cache unless the user's topics shaped it (its key lacks them)."""
        from .analysis import ANALYSIS_VERSION, complete
        from .library import cache_key

        done = complete(article, sentences, algorithm, user_topics=self.user_topics)
        cache = self.cache
        if cache is not None and not self.user_topics:
            with self.cache_writes:  # the current article's thread and a small library's share the connection
                cache.put(cache_key(done.id, ANALYSIS_VERSION, algorithm, sentences), done, ANALYSIS_VERSION)
        return done

    def summarise_topic(self, article: Article, topic: str, algorithm: str,
                        sentences: int) -> TopicSummaryDone | AnalysisFailed:
        """A summary of only the passages of `topic` (in this thread)."""
        from .summary import summarize

        paragraphs = next((set(t.paragraphs) for t in article.topics if t.name == topic), set())
        try:
            summary = summarize(article.paragraphs, sentences, algorithm, article.title, within=paragraphs)
        except Exception as error:  # as in `analyse`
            return AnalysisFailed(article.path, f"{type(error).__name__}: {error}")
        return TopicSummaryDone(article, topic, sentences, tuple(summary))

    def topic_summary_done(self, event: TopicSummaryDone) -> None:
        done = event.article
        self.topic_summaries[((done.id, done.path, done.algorithm, event.sentences), event.topic)] = event.summary

    def topic_summary(self, article: Article, topic: str) -> tuple[SummarySentence, ...] | None:
        return self.topic_summaries.get((self.analysis_key(article), topic))

    # -- the library's analysis (in a thread of the caller's) -----------------------------------------------

    def library_to_analyse(self, event: LibraryToAnalyse) -> queue.SimpleQueue[Job] | None:
        """Where the reader's requests go while the library is analysed (None: analysed in this process)."""
        if event.pooled:
            self.urgent = queue.SimpleQueue()
        return self.urgent

    def analyse_library(self, jobs: queue.SimpleQueue[Job | None], urgent: queue.SimpleQueue[Job] | None,
                        emit: Emit, cancelled: Cancelled = never,
                        current: Callable[[], Entry | None] = lambda: None) -> None:
        """The files the cache did not know, analysed into it: with `urgent` on every core in worker processes
        (the work is CPU-bound: threads would not spread it), the article on screen (`current`) first; without,
        here (a few files, or the user's own topics)."""
        from .library import AnalysisCache, Entry, Indexed, analyse_in_workers

        cache = self.open_stores(emit)
        results: Generator[tuple[Job, Indexed | Article | LoadError, bool], None, None]
        if urgent is None:
            self.wait_for_current_analysis(cancelled, current)
            results = self.analyse_one_by_one(jobs)
        else:
            start_resource_tracker()
            # A connection of its own: two threads' transactions on one connection would tangle.
            writer = self.cache_writer = AnalysisCache(cache.path)
            results = analyse_in_workers(jobs, writer, os.cpu_count() or 1, START_METHOD, WORKER_NICENESS,
                                         preload=list(PRELOAD), urgent=urgent)
        entries: list[Entry] = []
        done, sent_at = 0, monotonic()
        try:
            for job, result, asked in results:
                if cancelled():
                    return
                if asked:  # the article on screen, analysed out of turn: the library's own job comes later
                    if job in self.requested:
                        self.requested.discard(job)
                        if isinstance(result, LoadError):
                            emit(AnalysisFailed(job[0], result.error))
                        elif isinstance(result, Indexed) and result.article is not None:
                            emit(AnalysisDone(result.article, job[1]))
                    continue
                done += 1
                if isinstance(result, Article):  # analysed here
                    entries.append(Entry.of(result))
                elif isinstance(result, Indexed):  # by a worker
                    entries.append(result.entry)
                if monotonic() - sent_at > PROGRESS_SECONDS:
                    emit(LibraryAnalysed(entries, done))
                    entries, done, sent_at = [], 0, monotonic()
        finally:
            results.close()  # stops the worker processes at once when the app quits
            emit(LibraryAnalysed(entries, done))
            emit(LibraryAnalysisEnded(urgent))

    def wait_for_current_analysis(self, cancelled: Cancelled, current: Callable[[], Entry | None]) -> None:
        """The article on screen is analysed first: in this process the library waits for it (briefly)."""
        deadline = monotonic() + CURRENT_FIRST_SECONDS
        while monotonic() < deadline and not cancelled():
            entry = current()
            if entry is None or self.is_analysed(entry):
                return
            sleep(0.05)

    def analyse_one_by_one(self, jobs: queue.SimpleQueue[Job | None]) -> Generator[
            tuple[Job, Article | LoadError, bool], None, None]:
        for job in iter(jobs.get, None):
            path, sentences, algorithm = job
            read = outline(Path(path))
            if isinstance(read, LoadError):
                yield job, read, False
                continue
            try:
                yield job, self.analysed_here(read, algorithm, sentences), False
            except Exception as error:  # noqa: BLE001 - its topics stay unknown; opening it reports the error
                yield job, LoadError(path, f"analysis failed: {error}"), False

    def library_analysed(self, event: LibraryAnalysed) -> list[int]:
        """Take a batch of the library's analysis in; the indexes of the rows whose topics changed."""
        self.awaiting_analysis = max(self.awaiting_analysis - event.done, 0)
        changed = (self.learn_topics(entry) for entry in event.entries)
        return [index for index in changed if index is not None]

    def library_analysis_ended(self, event: LibraryAnalysisEnded, current: Entry | None) -> bool:
        """The workers have stopped; whether the article on screen was still waiting for them (it is then to be
        analysed here: see `wanted_outline`)."""
        if event.urgent is None or event.urgent is not self.urgent:
            return False  # no workers, or not the latest
        self.urgent = None
        waiting = current is not None and any(job[0] == current.path for job in self.requested)
        self.requested.clear()
        if waiting:
            self.analysis_wanted = True
        return waiting

    # -- the CLI's commands ---------------------------------------------------------------------------------

    def walk_for_index(self, library: Iterable[str | Path]) -> IndexWalk:
        """One walk over `library` (files and folders) for `newsreader index`: a stat a file, compared with the
        cache's, so a file the cache knows as it is now is not read again (indexing 100,000 files of which a few
        are new costs a stat and a lookup for the rest, not reading and decoding each)."""
        from .library import scan

        files: list[str] = []
        known: list[Entry] = []
        new: list[Path] = []
        errors: list[LoadError] = []
        for found in scan(library, self.open_cache()):
            if isinstance(found, LoadError):
                errors.append(found)
            elif isinstance(found, Path):
                new.append(found)
                files.append(str(found))
            else:
                known.append(found)
                files.append(found.path)
        return IndexWalk(files, known, new, errors)

    def index(self, new: list[Path], workers: int) -> Iterator[Entry | LoadError]:
        """Analyse `new` (the files a walk found the cache not to know) into the cache on `workers` processes
        (see `library.index_paths`); yield each one's list row or why it failed."""
        from .library import index_paths

        if not new:
            return
        # Workers forked from here share the analysis loaded once (PRELOAD), rather than each loading its own.
        preload = PRELOAD if workers > 1 else ()
        yield from index_paths(new, self.open_cache(), self.sentences, self.algorithm, workers, preload=preload)

    def search_hits(self, query: str, limit: int = 200) -> list[tuple[str, str, str]]:
        """(article id, path, title) of the analysed articles matching `query`, best first."""
        return self.open_cache().search(query, limit=limit)

    # -- which rows the list shows --------------------------------------------------------------------------

    @property
    def read_ids(self) -> set[str]:
        return self.read_state.read if self.read_state is not None else set()

    @property
    def starred_ids(self) -> set[str]:
        return self.read_state.starred if self.read_state is not None else set()

    def list_is_narrowed(self) -> bool:
        """Whether the list is other than every article in the order found (new rows then mean a refill)."""
        return (self.topic_filter is not None or self.feed_filter is not None or self.search_matches is not None
                or self.view != VIEWS[0] or self.sort != SORTS[0])

    def wanted(self, entry: Entry | Listed | Keyed) -> bool:
        """Whether the filters, the search and the view let `entry` into the list (a `Keyed` row: when neither
        the topic filter nor the title's words of a search ask for more than its id and path)."""
        return (
            (self.topic_filter is None or self.topic_filter in entry.topics)
            and (self.feed_filter is None or entry.path in self.feed_filter.paths)
            and (self.search_matches is None or entry.id in self.search_matches or self.title_matches(entry))
            and (self.view != "unread" or entry.id not in self.read_ids)
            and (self.view != "starred" or entry.id in self.starred_ids)
        )

    def title_matches(self, entry: Entry | Listed | Keyed) -> bool:
        """Rows not in the search index yet (not analysed) match by the words of their title."""
        title = entry.title.casefold()
        return bool(self.title_words) and all(word in title for word in self.title_words)

    def sorted_rows(self, indexes: list[int], entries: Sequence[Entry | Listed]) -> list[int]:
        if self.sort == "newest first":  # undated articles last
            return sorted(indexes, key=lambda i: entries[i].date or "", reverse=True)
        if self.sort == "by title":
            return sorted(indexes, key=lambda i: entries[i].title.casefold())
        if self.sort == "by source":
            return sorted(indexes, key=lambda i: (source_name(entries[i]).casefold(), entries[i].title.casefold()))
        return indexes

    def shown(self) -> Sequence[int]:
        """The rows the list shows, as indexes into `articles`, in order: a range when they are all shown as
        found (a list of 100,000 holds no row of its own)."""
        if not self.list_is_narrowed():
            return range(len(self.articles))
        if self.sort == SORTS[0] and self.topic_filter is None and not self.title_words:  # by id and path alone
            return [i for i, key in enumerate(self.articles.keys()) if self.wanted(Keyed(*key))]
        rows = self.articles.fields()  # no row made an Entry for it
        return self.sorted_rows([i for i, entry in enumerate(rows) if self.wanted(entry)], rows)

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

    def next_view(self) -> str:
        return VIEWS[(VIEWS.index(self.view) + 1) % len(VIEWS)]

    def next_sort(self) -> str:
        return SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]

    # -- read and starred marks -----------------------------------------------------------------------------

    def toggle_read(self, entry: Entry) -> bool:
        """Toggle the read mark; False when there are no marks to set (the read state is not open yet)."""
        if self.read_state is None:
            return False
        self.read_state.toggle_read(entry.id)
        return True

    def toggle_star(self, entry: Entry) -> bool:
        if self.read_state is None:
            return False
        self.read_state.toggle_star(entry.id)
        return True

    def mark_read(self, entries: Iterable[Entry]) -> bool:
        if self.read_state is None:
            return False
        self.read_state.set_read([entry.id for entry in entries])
        return True

    def open_marks_read(self, entry: Entry) -> bool:
        """Opening an article marks it read, as in newsboat; whether that changed its mark."""
        if self.read_state is None or entry.id in self.read_state.read:
            return False
        self.read_state.set_read([entry.id])
        return True

    def reload_marks(self) -> set[str] | None:
        """The ids whose marks another reader (or a `newsreader` command) changed since (None: nothing changed,
        or no marks are open)."""
        state = self.read_state
        if state is None:
            return None
        read, starred = state.read, state.starred
        if not state.reload():
            return None
        return (read ^ state.read) | (starred ^ state.starred)
