"""What the status line says (reader/ui/status.py), for the tests that check where the reader is."""

from __future__ import annotations

from reader.ui.app import NewsReader
from reader.ui.status import StatusLine


def status(app: NewsReader) -> str:
    """The status line's text."""
    return str(app.query_one(StatusLine).content)
