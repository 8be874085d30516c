"""Messages the reader's background workers and panes send to the app.

Workers run in threads; they never touch widgets, they post one of these and the app updates the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from ..model import Article, LoadError, SummarySentence

if TYPE_CHECKING:  # these modules are loaded in the loading thread, after the first paint
    from ..library import AnalysisCache, Entry, ReadState
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


@dataclass
class LoadingFinished(Message):
    """Every file under the paths has been tried; `unanalysed` are the files the cache did not know."""

    unanalysed: list[str]


@dataclass
class LibraryAnalysed(Message):
    """A batch of the library's background analysis: the new rows, and how many files are done so far."""

    entries: list[Entry]
    done: int


@dataclass
class AnalysisDone(Message):
    """The summary (and the rest of the expensive analysis) of one article is ready."""

    article: Article
    sentences: int


@dataclass
class AnalysisFailed(Message):
    article: Article
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
