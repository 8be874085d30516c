"""Who speaks in an article: people, and what each said. (Filled in by the speakers issue.)"""

from __future__ import annotations

from .model import Paragraph, Person, Speaker


def find_speakers(paragraphs: tuple[Paragraph, ...]) -> tuple[tuple[Speaker, ...], tuple[Person, ...]]:
    return (), ()
