"""Where the topic and speaker keys go: the reader's choice (`Choice`) and pure functions of the article and the
reading position. Plain Python: the text view keeps a `Choice`, and the panes (reading.py) ask these where to go."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from ..model import Article, Statement


@dataclass
class Choice:
    """What the reader chose in the article on screen: a topic and a speaker to follow, a summary sentence."""

    topic: str | None = None  # the chosen topic: marked in the text, where ] and [ go
    about_topic: bool = False  # the summary narrowed to the chosen topic
    speaker: str | None = None  # the chosen speaker: where . and , go
    statement: int | None = None  # which of the speaker's statements the reader stepped to
    only_speaker: bool = False
    chosen_sentence: int | None = None  # the summary sentence chosen (Enter)

    def another_article(self) -> None:
        """The reader moved to another article: its speakers are not this one's (the topic may be its too)."""
        self.chosen_sentence = None
        self.speaker, self.statement, self.only_speaker = None, None, False

    def stepped_to(self, article: Article) -> Statement | None:
        """The statement the reader stepped to, if any."""
        statements = statements_of(article, self.speaker)
        return statements[self.statement] if self.statement is not None and statements else None

    def topic_about(self, article: Article) -> str | None:
        """The topic the summary is narrowed to, if it is narrowed and the article has that topic."""
        return self.topic if self.about_topic and has_topic(article, self.topic) else None

    def statement_count(self, article: Article) -> tuple[int, int] | None:
        """(which, of how many) of the speaker's statements the reader stepped to, counted from 1."""
        statements = statements_of(article, self.speaker)
        if self.statement is None or not statements:
            return None
        return self.statement % len(statements) + 1, len(statements)

    def statement_from(self, article: Article, forward: bool, position: int) -> int:
        """The number of the statement `.` (forward) or `,` goes to from the reading position."""
        if self.statement is not None:
            return self.statement + (1 if forward else -1)
        first = first_statement_from(statements_of(article, self.speaker), position) or 0
        return first if forward else first - 1


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
