"""What an article is about: topics and the passages that belong to each. (Filled in by the topics issue.)"""

from __future__ import annotations

from .model import Paragraph, Topic


def find_topics(paragraphs: tuple[Paragraph, ...]) -> tuple[tuple[Paragraph, ...], tuple[Topic, ...]]:
    return paragraphs, ()
