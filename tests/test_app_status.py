"""The status line (issue 17): the view and sort, the count, the analysis under way, the topic and the passage,
the speaker and the statement, all of it on screen at any size; the titles never cut; the one-passage sign."""

from __future__ import annotations

from reader.ui.app import NewsReader
from reader.ui.status import StatusLine


def status(app: NewsReader) -> str:
    """The status line's text."""
    return str(app.query_one(StatusLine).content)
