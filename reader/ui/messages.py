"""Messages the reader's background workers and panes send to the app.

Workers run in threads; they never touch widgets, they post one of these and the app updates the screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from ..model import Article, LoadError


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
