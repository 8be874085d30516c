"""The reader's colour themes: TOML files in the shipped `themes/` folder, read into Textual `Theme`s.

A theme file holds the fields of `textual.theme.Theme` and a `[variables]` table. The reader's own colours
(summary sentences marked in the text, each speaker's words, the topics) are variables, so each theme chooses
colours it can read.
"""

from __future__ import annotations

import sys
from dataclasses import fields
from pathlib import Path

from typing import TYPE_CHECKING

from textual.theme import Theme

from ..resources import shipped

if TYPE_CHECKING:
    from textual.app import App

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

DEFAULT_THEME = "dark"

# Background and foreground of the summary's sentences in the text, plain and chosen. Themes that are not
# ours (Textual's built-in ones, still offered by its theme picker) get these, which read on any background.
# Speakers and topics get colours for a dark background, as most of Textual's themes are.
SPEAKER_COLOURS = 6
TOPIC_COLOURS = 4
HIGHLIGHT_DEFAULTS = {
    "summary-highlight": "#5f4b00",
    "summary-highlight-text": "#fff6d5",
    "summary-chosen": "#b08800",
    "summary-chosen-text": "#000000",
    **{
        f"speaker-{n}": colour
        for n, colour in enumerate(["#7dcfff", "#f7768e", "#9ece6a", "#e0af68", "#bb9af7", "#73daca"], 1)
    },
    **{f"topic-{n}": colour for n, colour in enumerate(["#7aa2f7", "#ff9e64", "#c0caf5", "#2ac3de"], 1)},
}


def speaker_colour(number: int) -> str:
    """The colour variable of the article's `number`th speaker (from 0); past the last colour they repeat."""
    return f"$speaker-{number % SPEAKER_COLOURS + 1}"


def topic_colour(number: int) -> str:
    return f"$topic-{number % TOPIC_COLOURS + 1}"

_THEME_FIELDS = {f.name for f in fields(Theme)}


class ThemeFileError(Exception):
    """A theme file that cannot be used; the message names the file and the problem."""


def theme_files() -> list[Path]:
    return sorted(shipped("themes").glob("*.toml"))


def read_theme(path: Path) -> Theme:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ThemeFileError(f"{path.name}: {error}") from error
    data.setdefault("name", path.stem)
    unknown = sorted(set(data) - _THEME_FIELDS)
    if unknown:
        raise ThemeFileError(f"{path.name}: unknown fields {', '.join(unknown)}")
    missing = sorted(set(HIGHLIGHT_DEFAULTS) - set(data.get("variables", {})))
    if missing:
        raise ThemeFileError(f"{path.name}: variables missing: {', '.join(missing)}")
    try:
        return Theme(**data)
    except (TypeError, ValueError) as error:
        raise ThemeFileError(f"{path.name}: {error}") from error


def shipped_themes() -> tuple[list[Theme], list[str]]:
    """Every shipped theme that reads, and a message for each that does not."""
    themes, problems = [], []
    for path in theme_files():
        try:
            themes.append(read_theme(path))
        except ThemeFileError as error:
            problems.append(str(error))
    return themes, problems


def set_up_themes(app: App[None], remembered: str | None, requested: str | None) -> tuple[list[str], list[str]]:
    """Register the shipped themes with `app` and choose one (the one `requested`, else the one remembered, else
    the default); the shipped themes' names, and what to tell the user once the app runs."""
    themes, problems = shipped_themes()
    for theme in themes:
        app.register_theme(theme)
    names = [theme.name for theme in themes]
    notes = [f"Theme file skipped: {problem}" for problem in problems]
    remembered = remembered if remembered in app.available_themes else None
    fallback = remembered or (DEFAULT_THEME if DEFAULT_THEME in app.available_themes else "textual-dark")
    if requested and requested not in app.available_themes:
        notes.append(f"No theme called {requested!r}; using {fallback!r}. Themes: {', '.join(names)}.")
        requested = None
    app.theme = requested or fallback
    return names, notes
