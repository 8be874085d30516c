"""Where the files that ship with the package live, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def shipped(name: str) -> Path:
    """The folder `name` (seeds, themes): inside the installed package, else at the checkout's top level."""
    inside = PACKAGE / name
    return inside if inside.is_dir() else PACKAGE.parent / name


def data_file(name: str) -> Path:
    return PACKAGE / "data" / name
