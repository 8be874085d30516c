"""What the status line says (reader/ui/status.py), for the tests that check where the reader is."""

from __future__ import annotations

from reader.ui.app import NewsReader
from reader.ui.status import SEPARATOR, StatusLine


def status(app: NewsReader) -> str:
    """The status line's text, on one line whatever the width of the screen."""
    return SEPARATOR.join(app.query_one(StatusLine).parts)
