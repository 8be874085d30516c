"""Hostile articles as a person sees them: markup shown as the brackets it is, escape sequences gone.

Regenerate after a deliberate change with `pytest tests/test_snapshots_hostile.py --snapshot-update`, then look
at the SVGs in tests/__snapshots__/test_snapshots_hostile/.
"""

from __future__ import annotations

from pathlib import Path

from hostile import GOOD
from test_app import settle

from reader.ui.app import NewsReader


def only(tmp_path: Path, name: str) -> Path:
    """A folder holding one of the hostile folder's articles (the others would change the list)."""
    (tmp_path / name).write_bytes(GOOD[name])
    return tmp_path


def test_markup_article_at_80x24(snap_compare, tmp_path):
    app = NewsReader(paths=[only(tmp_path, "markup.txt")])
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


def test_escapes_article_at_120x40(snap_compare, tmp_path):
    app = NewsReader(paths=[only(tmp_path, "escapes.txt")])
    assert snap_compare(app, terminal_size=(120, 40), run_before=settle)
