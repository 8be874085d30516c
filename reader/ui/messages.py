"""The messages the reader's panes and background workers send.

Workers run in threads; they never touch widgets: the session's steps (reader/session.py) report each event
through a callback that posts it as `SessionNews`, and the panes (reading.py) update the screen when it comes.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from textual.message import Message

from ..session import Event


@dataclass
class SessionNews(Message):
    """An event of the session's (the files listed, an analysis done...), from a worker's thread."""

    event: Event


@dataclass
class SearchChanged(Message):
    """The search line (/) has a new query, typing has paused."""

    query: str


@dataclass
class SearchKept(Message):
    """Enter in the search line: back to the list, keeping the search."""


@dataclass
class PaintWanted(Message):
    """From the listing thread: `painted` is to be set once what the panes were sent before is on screen."""

    painted: threading.Event
