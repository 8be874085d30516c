"""Messages the reader's background workers and panes send to the app.

Workers run in threads; they never touch widgets, they post one of these and the app updates the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from ..model import Article, LoadError, SummarySentence

if TYPE_CHECKING:  # the topics module is loaded in the loading thread, after the first paint
    from ..topics import DocumentFrequencies, UserTopic


@dataclass
class OutlinesLoaded(Message):
    """A batch of files read and cleaned (the cheap outline), and the ones that could not be read."""

    articles: list[Article]
    errors: list[LoadError]


@dataclass
class LoadingFinished(Message):
    """Every file under the paths has been tried."""


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
class FrequenciesReady(Message):
    """How often each topic occurs across every loaded article, so topics are weighed among them."""

    frequencies: DocumentFrequencies


@dataclass
class TopicSummaryDone(Message):
    """A summary of only the passages of one topic."""

    article: Article
    topic: str
    sentences: int
    summary: tuple[SummarySentence, ...]
