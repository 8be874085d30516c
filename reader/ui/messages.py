"""Messages the reader's background workers and panes send to the app.

Workers run in threads; they never touch widgets, they post one of these and the app updates the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from ..model import Article, LoadError, SummarySentence

if TYPE_CHECKING:  # these modules are loaded in the loading thread, after the first paint
    from queue import SimpleQueue

    from ..library import AnalysisCache, Entry, Job, ReadState
    from ..topics import UserTopic


@dataclass
class LibraryOpened(Message):
    """The analysis cache and the read state, opened (their `notice` says what went wrong, if anything)."""

    cache: AnalysisCache
    read_state: ReadState


@dataclass
class EntriesListed(Message):
    """A batch of list rows (from the cache, or files read and cleaned), and the files that could not be read."""

    entries: list[Entry]
    errors: list[LoadError]
    unanalysed: int = 0  # how many of the entries the cache did not know: the library's analysis will do them


@dataclass
class LibraryToAnalyse(Message):
    """The files the cache did not know, to analyse: `jobs` fills until a None as files are listed. `pooled`:
    on every core in worker processes (a large library), else in the app's own process."""

    jobs: SimpleQueue[Job | None]
    pooled: bool


@dataclass
class LoadingFinished(Message):
    """Every file under the paths has been tried."""


@dataclass
class LibraryAnalysed(Message):
    """A batch of the library's background analysis: the new rows, and how many files are done so far."""

    entries: list[Entry]
    done: int


@dataclass
class LibraryAnalysisEnded(Message):
    """The library's analysis has stopped; `urgent` was where it took the reader's requests (None: no workers)."""

    urgent: SimpleQueue[Job] | None


@dataclass
class AnalysisDone(Message):
    """The summary (and the rest of the expensive analysis) of one article is ready."""

    article: Article
    sentences: int


@dataclass
class AnalysisFailed(Message):
    path: str
    error: str


@dataclass
class UserTopicsRead(Message):
    """The user's own topics file, read (`problem` says why it could not be, and `topics` is then empty)."""

    topics: tuple[UserTopic, ...]
    problem: str = ""


@dataclass
class TopicSummaryDone(Message):
    """A summary of only the passages of one topic."""

    article: Article
    topic: str
    sentences: int
    summary: tuple[SummarySentence, ...]
