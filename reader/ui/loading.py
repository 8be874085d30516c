"""Loading the library and analysing it, for the app (app.py).

Start-up is kept cheap: the screen paints first, then a thread lists the files: those the analysis cache
knows as they are now by a stat alone, the others read and cleaned (the cheap outline). The list holds a
small row (`Entry`) per article, never the text: the article being read is loaded when it is shown, and its
analysis (sumy, NLTK: over a second on first use) comes from the cache or is made in another thread. Once
every file is listed, the files the cache did not know are analysed on every core, in worker processes, into
the cache; the rows get their topics as results come. Results come back as messages, so keys keep answering.
"""

from __future__ import annotations

import gc
import os
import queue
import sys
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import partial, wraps
from pathlib import Path
from time import monotonic, sleep
from typing import TYPE_CHECKING, Any, Callable, TypeVar

from textual import work
from textual.worker import Worker, get_current_worker

from ..model import Article, LoadError, SummarySentence
from .messages import (
    AnalysisDone,
    AnalysisFailed,
    EntriesListed,
    LibraryAnalysed,
    LibraryAnalysisEnded,
    LibraryOpened,
    LibraryToAnalyse,
    LoadingFinished,
    TopicSummaryDone,
    UserTopicsRead,
)
from .widgets import article_key

if TYPE_CHECKING:
    from textual.timer import Timer

    from ..library import AnalysisCache, Entry, Job, ReadState
    from ..topics import UserTopic

Handler = TypeVar("Handler", bound=Callable[..., Any])


def while_running(handler: Handler) -> Handler:
    """A handler of what the background threads send: once the app is closing, their last news finds the
    screen's widgets gone, so it is let be."""

    @wraps(handler)
    def guarded(self: Any, message: Any) -> Any:
        return handler(self, message) if self.is_running else None

    return guarded  # type: ignore[return-value]


# Send loaded outlines to the screen at least this often, so a big library fills in as it loads.
BATCH_SECONDS = 0.1
# Start analysing an article once the reader has rested on it this long: holding `j` down through a list
# then costs no summaries nobody reads, and the outline is painted before the first one imports NLTK.
ANALYSIS_DELAY = 0.1
# Below this many files the library is analysed in this process: starting workers would cost more than it saves.
POOL_MINIMUM = 40
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
# A notice each for the first few unreadable files; past that, one notice counts the rest.
NOTIFIED_ERRORS = 5
# How often the list looks for marks another reader (or a `newsreader` command) set: a look costs microseconds.
MARKS_POLL_SECONDS = 2.0

AnalysisKey = tuple[str, str, str, int]


def start_resource_tracker() -> None:
    """Start multiprocessing's helper process with the real stderr: it passes stderr's file descriptor on,
    and Textual's stand-in for stderr while the app runs has none (-1), which would stop the workers starting."""
    from contextlib import redirect_stderr
    from multiprocessing import resource_tracker

    with redirect_stderr(sys.__stderr__):
        resource_tracker.ensure_running()


class LibraryLoading:
    """Mixed into the app (app.py): the loading thread, the analysis cache and read state, the analyses, and
    the messages they send."""

    def __init__(self) -> None:
        super().__init__()
        self.load_errors: list[LoadError] = []
        self.loading_files = True
        self.user_topics: tuple[UserTopic, ...] = ()
        # Opened by the loading thread (SQLite need not hold up the first paint); the lock: a second load.
        self.cache: AnalysisCache | None = None
        self.cache_writer: AnalysisCache | None = None  # the library's analysis writes through its own connection
        self.read_state: ReadState | None = None
        self.library_lock = threading.Lock()
        self.cache_writes = threading.Lock()
        self.told_notices: set[str] = set()
        # The latest analyses by (article id, path, algorithm, sentences): going back to an article is instant.
        self.analysed: OrderedDict[AnalysisKey, Article] = OrderedDict()
        self.topic_summaries: dict[tuple[AnalysisKey, str], tuple[SummarySentence, ...]] = {}
        self.opened: tuple[str, Article | LoadError] | None = None  # the last article loaded to be shown
        self.pending_analysis: Timer | None = None
        self.awaiting_analysis = 0  # files the library's background analysis has still to do
        # While the library's worker processes run: where the article on screen goes to be analysed first
        # (then sumy and NLTK never load in this process), and which of those requests are still to come back.
        self.urgent: queue.SimpleQueue[Job] | None = None
        self.requested: set[Job] = set()
        self.analysis_wanted = False  # the article on screen waits to learn where it will be analysed

    # -- listing the files --------------------------------------------------------------------------

    @work(thread=True, group="load", exit_on_error=False)
    def load_outlines(self, paths: Iterable[str | Path]) -> None:
        """List every file: from the cache where it knows the file as it is now, else read and cleaned."""
        from ..library import Entry, scan

        worker = get_current_worker()
        self.read_user_topics()
        cache = self.open_library()
        entries: list[Entry] = []
        errors: list[LoadError] = []
        # The files the cache did not know, for the library's analysis: it starts in worker processes once
        # there are enough of them to be worth it (the rest follow as they are listed), else after the listing.
        jobs: queue.SimpleQueue[Job | None] = queue.SimpleQueue()
        unanalysed, new, started = 0, 0, False
        sent_at: float | None = None
        try:
            for found in scan(paths, cache):
                if worker.is_cancelled:  # quitting: the interpreter waits for this thread before it exits
                    return
                if isinstance(found, Path):
                    found = self.outline(found)
                    if isinstance(found, Article):
                        jobs.put((found.path, self.sentences, self.algorithm))
                        unanalysed, new = unanalysed + 1, new + 1
                        found = Entry.of(found)
                        if not started and unanalysed >= POOL_MINIMUM and not self.user_topics:
                            self.post_message(LibraryToAnalyse(jobs, pooled=True))
                            started = True
                (errors if isinstance(found, LoadError) else entries).append(found)
                if sent_at is None or monotonic() - sent_at > BATCH_SECONDS:
                    # The first file goes at once, so the first article is on screen as soon as it can be.
                    self.post_message(EntriesListed(entries, errors, new))
                    entries, errors, new, sent_at = [], [], 0, monotonic()
        except OSError as error:  # a folder that vanished or cannot be listed mid-walk
            errors.append(LoadError(error.filename or "a folder", error.strerror or str(error)))
        finally:
            jobs.put(None)
            self.post_message(EntriesListed(entries, errors, new))
            if unanalysed and not started:
                self.post_message(LibraryToAnalyse(jobs, pooled=False))
            self.post_message(LoadingFinished())

    @staticmethod
    def outline(path: Path) -> Article | LoadError:
        # Imported here, in the loading thread: the cleaning modules take a tenth of a second to import,
        # which the first paint need not wait for.
        from ..analysis import load

        try:
            return load(path)
        except Exception as error:  # one odd file must not stop the rest of the library loading
            return LoadError(str(path), f"could not be read: {error}")

    def open_library(self) -> AnalysisCache:
        """The analysis cache and the read state, opened by whichever thread needs them first."""
        with self.library_lock:
            if self.cache is None:
                from ..library import AnalysisCache, ReadState

                self.read_state = ReadState()
                self.cache = AnalysisCache()
                self.post_message(LibraryOpened(self.cache, self.read_state))
            return self.cache

    @while_running
    def on_library_opened(self, _message: LibraryOpened) -> None:
        self.tell_notices()
        self.set_interval(MARKS_POLL_SECONDS, self.reload_marks)

    def tell_notices(self) -> None:
        """What went wrong with the cache or the read state, each told once."""
        sources = ((self.cache, "Cache"), (self.cache_writer, "Cache"), (self.read_state, "Read and starred marks"))
        for source, title in sources:
            notice = source.notice if source is not None else ""
            if notice and notice not in self.told_notices:
                self.told_notices.add(notice)
                self.notify(notice, title=title, severity="warning", timeout=10, markup=False)

    def read_user_topics(self) -> None:
        """In the loading thread, before any article: its analysis needs the user's topics."""
        from ..topics import TopicsFileError, load_user_topics

        try:
            self.post_message(UserTopicsRead(load_user_topics(self.topics_file)))
        except TopicsFileError as error:
            self.post_message(UserTopicsRead((), str(error)))

    @while_running
    def on_user_topics_read(self, message: UserTopicsRead) -> None:
        self.user_topics = message.topics
        if message.problem:
            self.notify(f"{message.problem}; only the topics found in the text are used", title="Your topics",
                        severity="error", timeout=10, markup=False)

    @while_running
    def on_entries_listed(self, message: EntriesListed) -> None:
        for error in message.errors:
            self.load_errors.append(error)
            if len(self.load_errors) <= NOTIFIED_ERRORS:
                self.notify(f"{error.path}: {error.error}", title="Not loaded", severity="error", timeout=10,
                            markup=False)
        if not message.entries and not message.errors:
            return
        self.awaiting_analysis += message.unanalysed
        first = not self.articles
        start = len(self.articles)
        self.articles.extend(message.entries)
        self.article_index.update((article_key(e), start + n) for n, e in enumerate(message.entries))
        if self.list_is_narrowed():
            self.fill_list()
        else:
            self.append_rows(range(start, len(self.articles)))
        self.update_list_title()
        if first and self.shown:
            self.article_list.highlighted = 0

    @while_running
    def on_loading_finished(self, _message: LoadingFinished) -> None:
        self.loading_files = False
        # The listed library lives as long as the app: full collections, which Textual's churn sets off every
        # few keys, need not walk it again each time (a tenth of a second on a big library).
        gc.freeze()
        self.dispatch_wanted_analysis()
        self.update_list_title()
        unnamed = len(self.load_errors) - NOTIFIED_ERRORS
        if unnamed > 0:
            self.notify(f"and {unnamed} more files could not be read", title="Not loaded", severity="error",
                        timeout=10)
        if not self.articles:
            self.summary_list.show_pending("No articles to show.")
            self.speaker_list.show_pending("No articles to show.")

    # -- the analysis of the article on screen ------------------------------------------------------

    def analysis_key(self, article: Article | Entry) -> AnalysisKey:
        return (article.id, article.path, self.algorithm, self.sentences)

    def cached_analysis(self, entry: Entry) -> Article | None:
        """The analysis with the current options from the cache (not with the user's topics: its key lacks them)."""
        if self.cache is None or self.user_topics:
            return None
        from ..library import cached

        found = cached(self.cache, entry, self.sentences, self.algorithm)
        if found is not None:
            self.keep_analysis(self.analysis_key(entry), found)
        return found

    def keep_analysis(self, key: AnalysisKey, article: Article) -> None:
        """Keep the latest few analyses at hand (the cache has them all)."""
        self.analysed[key] = article
        self.analysed.move_to_end(key)
        while len(self.analysed) > KEPT_ANALYSES:
            self.analysed.popitem(last=False)

    def outline_of(self, entry: Entry) -> Article | LoadError:
        """The article's text, read again (the list keeps no texts); the last one is kept for redraws."""
        if self.opened is None or self.opened[0] != entry.path:
            self.opened = (entry.path, self.outline(Path(entry.path)))
        return self.opened[1]

    def request_analysis_soon(self, article: Article) -> None:
        """Analyse the article on screen once the reader rests on it (see ANALYSIS_DELAY)."""
        if self.pending_analysis is not None:
            self.pending_analysis.stop()
        self.pending_analysis = self.set_timer(ANALYSIS_DELAY, partial(self.request_analysis, article))

    def request_analysis(self, article: Article) -> None:
        """Analyse the article on screen: in the library's worker processes while they run, ahead of the rest
        (sumy, NLTK and numpy then stay out of this process: a hundred megabytes), else here in a thread. While
        files are still being listed it waits until it is known which."""
        job = (article.path, self.sentences, self.algorithm)
        if self.urgent is not None:
            self.requested.add(job)
            self.urgent.put(job)
        elif self.loading_files and not self.user_topics:
            self.analysis_wanted = True
        else:
            self.analyse(article, self.algorithm, self.sentences)

    def dispatch_wanted_analysis(self) -> None:
        """The article on screen, analysed now that it is known where (see `request_analysis`)."""
        current = self.current
        if not self.analysis_wanted or current is None or self.analysis_key(current) in self.analysed:
            return
        self.analysis_wanted = False
        article = self.outline_of(current)
        if isinstance(article, Article):
            self.request_analysis(article)

    @work(thread=True, exclusive=True, group="analysis", exit_on_error=False)
    def analyse(self, article: Article, algorithm: str, sentences: int) -> None:
        worker = get_current_worker()
        try:
            done = self.analysed_here(article, algorithm, sentences)
        except Exception as error:  # a summarizer failing on one text must not take the reader down
            self.post_message(AnalysisFailed(article.path, f"{type(error).__name__}: {error}"))
            return
        if not worker.is_cancelled:
            self.post_message(AnalysisDone(done, sentences))

    def analysed_here(self, article: Article, algorithm: str, sentences: int) -> Article:
        """Analyse in this process, into the cache unless the user's topics shaped it (its key lacks them)."""
        from ..analysis import (  # loaded already by the outline's thread
            ANALYSIS_VERSION,
            complete,
        )
        from ..library import cache_key

        done = complete(article, sentences, algorithm, user_topics=self.user_topics)
        cache = self.cache
        if cache is not None and not self.user_topics:
            with self.cache_writes:  # the current article's thread and a small library's share the connection
                cache.put(cache_key(done.id, ANALYSIS_VERSION, algorithm, sentences), done, ANALYSIS_VERSION)
        return done

    @while_running
    def on_analysis_done(self, message: AnalysisDone) -> None:
        done = message.article
        key = (done.id, done.path, done.algorithm, message.sentences)
        self.keep_analysis(key, done)
        self.learn_topics(done)
        if self.current is not None and self.analysis_key(self.current) == key:
            self.show_current()

    @while_running
    def on_analysis_failed(self, message: AnalysisFailed) -> None:
        if self.current is not None and self.current.path == message.path:
            self.summary_list.show_pending(f"No summary: {message.error}")

    @work(thread=True, exclusive=True, group="topic-summary", exit_on_error=False)
    def summarise_topic(self, article: Article, topic: str, algorithm: str, sentences: int) -> None:
        from ..summary import summarize

        paragraphs = next((set(t.paragraphs) for t in article.topics if t.name == topic), set())
        try:
            summary = summarize(article.paragraphs, sentences, algorithm, article.title, within=paragraphs)
        except Exception as error:  # as in `analyse`
            self.post_message(AnalysisFailed(article.path, f"{type(error).__name__}: {error}"))
            return
        self.post_message(TopicSummaryDone(article, topic, sentences, summary))

    @while_running
    def on_topic_summary_done(self, message: TopicSummaryDone) -> None:
        done = message.article
        self.topic_summaries[((done.id, done.path, done.algorithm, message.sentences), message.topic)] = (
            message.summary
        )
        self.show_current()

    # -- the library's analysis ---------------------------------------------------------------------

    @while_running
    def on_library_to_analyse(self, message: LibraryToAnalyse) -> None:
        if message.pooled:
            self.urgent = queue.SimpleQueue()
        self.analyse_library(message.jobs, self.urgent)
        self.dispatch_wanted_analysis()

    @work(thread=True, group="library", exit_on_error=False)
    def analyse_library(self, jobs: queue.SimpleQueue[Job | None], urgent: queue.SimpleQueue[Job] | None) -> None:
        """The files the cache did not know, analysed into it: with `urgent` on every core in worker processes
        (the work is CPU-bound: threads would not spread it), the article on screen first; without, here
        (a few files, or the user's own topics)."""
        from ..library import AnalysisCache, Entry, analyse_in_workers

        worker = get_current_worker()
        cache = self.open_library()
        if urgent is None:
            self.wait_for_current_analysis(worker)
            results = self.analyse_one_by_one(jobs)
        else:
            start_resource_tracker()
            # A connection of its own: two threads' transactions on one connection would tangle.
            writer = self.cache_writer = AnalysisCache(cache.path)
            results = analyse_in_workers(jobs, writer, os.cpu_count() or 1, START_METHOD, WORKER_NICENESS,
                                         preload=["reader.ui.warm_workers"], urgent=urgent)
        entries: list[Entry] = []
        done, sent_at = 0, monotonic()
        try:
            for job, result, asked in results:
                if worker.is_cancelled:
                    return
                if asked:  # the article on screen, analysed out of turn: the library's own job comes later
                    if job in self.requested:
                        self.requested.discard(job)
                        self.post_message(AnalysisFailed(job[0], result.error) if isinstance(result, LoadError)
                                          else AnalysisDone(result.article, job[1]))
                    continue
                done += 1
                if isinstance(result, Article):  # analysed here
                    entries.append(Entry.of(result))
                elif not isinstance(result, LoadError):  # by a worker
                    entries.append(result.entry)
                if monotonic() - sent_at > PROGRESS_SECONDS:
                    self.post_message(LibraryAnalysed(entries, done))
                    entries, done, sent_at = [], 0, monotonic()
        finally:
            results.close()  # stops the worker processes at once when the app quits
            self.post_message(LibraryAnalysed(entries, done))
            self.post_message(LibraryAnalysisEnded(urgent))

    def wait_for_current_analysis(self, worker: Worker) -> None:
        """The article on screen is analysed first: in this process the library waits for it (briefly)."""
        deadline = monotonic() + CURRENT_FIRST_SECONDS
        while monotonic() < deadline and not worker.is_cancelled:
            current = self.current
            if current is None or self.analysis_key(current) in self.analysed:
                return
            sleep(0.05)

    def analyse_one_by_one(self, jobs: queue.SimpleQueue[Job | None]) -> Iterator[tuple[Job, Article | LoadError, bool]]:
        for job in iter(jobs.get, None):
            path, sentences, algorithm = job
            outline = self.outline(Path(path))
            if isinstance(outline, LoadError):
                yield job, outline, False
                continue
            try:
                yield job, self.analysed_here(outline, algorithm, sentences), False
            except Exception as error:  # noqa: BLE001 - its topics stay unknown; opening it reports the error
                yield job, LoadError(path, f"analysis failed: {error}"), False

    @while_running
    def on_library_analysed(self, message: LibraryAnalysed) -> None:
        self.awaiting_analysis = max(self.awaiting_analysis - message.done, 0)
        for entry in message.entries:
            self.learn_topics(entry)
        self.tell_notices()
        self.update_list_title()

    @while_running
    def on_library_analysis_ended(self, message: LibraryAnalysisEnded) -> None:
        """The workers have stopped: the article on screen, if it was still waiting for them, is analysed here."""
        if message.urgent is None or message.urgent is not self.urgent:
            return  # no workers, or not the latest
        self.urgent = None
        waiting = self.current is not None and any(job[0] == self.current.path for job in self.requested)
        self.requested.clear()
        if waiting:
            self.analysis_wanted = True
            self.dispatch_wanted_analysis()

    def learn_topics(self, analysed: Article | Entry) -> None:
        """Show an analysed article's topics in its row, and add it to a filtered list it now belongs in."""
        topics = tuple(t.name for t in analysed.topics) if isinstance(analysed, Article) else analysed.topics
        index = self.article_index.get(article_key(analysed))
        if index is None or self.articles[index].topics == topics:
            return
        self.articles[index] = entry = replace(self.articles[index], topics=topics)
        if index in self.row_of:
            self.redraw_row(entry)
        elif self.topic_filter in topics:
            self.fill_list()
