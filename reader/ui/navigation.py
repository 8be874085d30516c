"""Where the topic and speaker keys go: pure functions of the article and the reading position."""

from __future__ import annotations

from collections.abc import Collection

from ..model import Article, Statement


def has_topic(article: Article, name: str | None) -> bool:
    return any(topic.name == name for topic in article.topics)


def passage_starts(article: Article, topic_name: str, shown: Collection[int] | None = None) -> list[int]:
    """The first paragraph of each passage of a topic, in reading order (of the paragraphs `shown`, if given).

    A passage is a run of the topic's paragraphs with nothing between them: anything else in the page (another
    paragraph, a video, a caption) ends it, as it ends the reader's run through that part of the story.
    """
    paragraphs = next((set(t.paragraphs) for t in article.topics if t.name == topic_name), set())
    if shown is not None:
        paragraphs &= set(shown)
    return sorted(index for index in paragraphs if index - 1 not in paragraphs)


def next_after(starts: list[int], position: int) -> int | None:
    """The first of `starts` after `position`, wrapping round to the first."""
    return next((start for start in starts if start > position), starts[0] if starts else None)


def previous_before(starts: list[int], position: int) -> int | None:
    """The last of `starts` before `position`, wrapping round to the last."""
    return next((start for start in reversed(starts) if start < position), starts[-1] if starts else None)


def statements_of(article: Article, speaker_name: str | None) -> tuple[Statement, ...]:
    """The statements a reader steps through: a quotation inside a reported sentence goes with the sentence."""
    return next((s.counted for s in article.speakers if s.name == speaker_name), ())


def first_statement_from(statements: tuple[Statement, ...], position: int) -> int | None:
    """The first statement in or after paragraph `position`, wrapping round to the first."""
    return next((n for n, s in enumerate(statements) if s.paragraph >= position), 0 if statements else None)


def short_name(article: Article, speaker_name: str | None) -> str:
    """How a title names a speaker: a named one by the last word of their name ("Obama"), unless another speaker
    shares it; an unnamed source as the article describes it ("a source")."""
    speaker = next((s for s in article.speakers if s.name == speaker_name), None)
    if speaker is None or speaker.unnamed or not speaker.name.split():
        return speaker_name or ""
    last = speaker.name.split()[-1]
    shared = [s for s in article.speakers if not s.unnamed and s.name.split()[-1:] == [last]]
    return last if len(shared) == 1 else speaker.name
