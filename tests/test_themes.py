"""Theme files: each reads into a Textual Theme, carries the reader's highlight colours, and can be read."""

from __future__ import annotations

import pytest
from textual.color import Color
from textual.theme import Theme

from reader.ui.themes import (
    DEFAULT_THEME,
    HIGHLIGHT_DEFAULTS,
    SPEAKER_COLOURS,
    TOPIC_COLOURS,
    ThemeFileError,
    read_theme,
    shipped_themes,
    theme_files,
)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""

    def luminance(colour: str) -> float:
        def channel(value: int) -> float:
            c = value / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = Color.parse(colour).rgb
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_three_themes_ship():
    names = {path.stem for path in theme_files()}
    assert {"dark", "light", "high-contrast"} <= names
    assert DEFAULT_THEME in names


@pytest.mark.parametrize("path", theme_files(), ids=lambda p: p.stem)
def test_every_theme_file_loads_with_the_highlight_variables(path):
    theme = read_theme(path)
    assert isinstance(theme, Theme)
    assert theme.name == path.stem
    assert set(HIGHLIGHT_DEFAULTS) <= set(theme.variables)


@pytest.mark.parametrize("path", theme_files(), ids=lambda p: p.stem)
def test_marked_sentences_stay_readable(path):
    theme = read_theme(path)
    v = theme.variables
    assert contrast(v["summary-highlight-text"], v["summary-highlight"]) >= 4.5
    assert contrast(v["summary-chosen-text"], v["summary-chosen"]) >= 4.5
    assert contrast(theme.foreground, theme.background) >= 7


@pytest.mark.parametrize("path", theme_files(), ids=lambda p: p.stem)
def test_speakers_and_topics_are_readable_and_told_apart(path):
    theme = read_theme(path)
    v = theme.variables
    speakers = [v[f"speaker-{n}"] for n in range(1, SPEAKER_COLOURS + 1)]
    topics = [v[f"topic-{n}"] for n in range(1, TOPIC_COLOURS + 1)]
    for colour in speakers + topics:  # text in these colours on the reading background
        assert contrast(colour, theme.background) >= 4.5, colour
    assert len({c.lower() for c in speakers}) == SPEAKER_COLOURS
    assert len({c.lower() for c in topics}) == TOPIC_COLOURS


def test_defaults_for_other_themes_are_readable():
    v = HIGHLIGHT_DEFAULTS
    assert contrast(v["summary-highlight-text"], v["summary-highlight"]) >= 4.5
    assert contrast(v["summary-chosen-text"], v["summary-chosen"]) >= 4.5
    for n in range(1, SPEAKER_COLOURS + 1):  # Textual's own themes are mostly dark
        assert contrast(v[f"speaker-{n}"], "#1e1e1e") >= 4.5


def test_shipped_themes_all_load():
    themes, problems = shipped_themes()
    assert problems == []
    assert len(themes) == len(theme_files())


def test_a_broken_theme_file_is_named(tmp_path):
    unknown = tmp_path / "odd.toml"
    unknown.write_text('primary = "#ffffff"\ncolour = "red"\n', encoding="utf-8")
    with pytest.raises(ThemeFileError, match="odd.toml.*colour"):
        read_theme(unknown)
    bare = tmp_path / "bare.toml"
    bare.write_text('primary = "#ffffff"\n', encoding="utf-8")
    with pytest.raises(ThemeFileError, match="bare.toml.*summary-highlight"):
        read_theme(bare)
    garbled = tmp_path / "garbled.toml"
    garbled.write_text("primary = \n", encoding="utf-8")
    with pytest.raises(ThemeFileError, match="garbled.toml"):
        read_theme(garbled)
