"""The topic and speaker keys of the article on screen: pick a topic (t), step through its passages (] [),
narrow the summary to it (T), filter the list by it (f); show the speakers (w), step through one's statements
(. ,), show only theirs (O). Where each key goes is worked out in navigation.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .navigation import first_statement_from, has_topic, next_after, passage_starts, previous_before, statements_of

if TYPE_CHECKING:
    from ..model import Article


class TopicSpeakerNavigation:
    """Mixed into the app (app.py): the chosen topic and speaker, and the actions that choose and follow them."""

    def __init__(self) -> None:
        super().__init__()
        self.topic: str | None = None  # the chosen topic: marked in the text, where ] and [ go
        self.about_topic = False  # the summary narrowed to the chosen topic
        self.speaker: str | None = None  # the chosen speaker: where . and , go
        self.statement: int | None = None  # which of the speaker's statements the reader stepped to
        self.only_speaker = False

    # -- topics -------------------------------------------------------------------------------------

    def analysed_current(self) -> Article | None:
        """The article on screen once its analysis is there (topics and speakers are known only then)."""
        current = self.current
        if current is None:
            return None
        if self.analysis_key(current) not in self.analysed:
            self.notify("The article is still being analysed.", timeout=3)
            return None
        return self.text_view.article

    def action_pick_topic(self) -> None:
        article = self.analysed_current()
        if article is None:
            return
        if not article.topics:
            self.notify("No topics found in this article.", timeout=3)
            return
        from .picker import TopicPicker  # see picker.py

        self.push_screen(TopicPicker(article.topics, self.topic), self.choose_topic)

    def choose_topic(self, name: str | None) -> None:
        """Mark `name`'s passages and go to the first of them (the palette's and the picker's choice)."""
        article = self.text_view.article
        if name is None or article is None:
            return
        self.topic = name
        self.show_current()
        starts = passage_starts(article, name, self.text_view.shown_paragraphs())
        if starts:
            self.text_view.move_cursor(starts[0])

    def step_passage(self, forward: bool) -> None:
        article = self.analysed_current()
        if article is None:
            return
        if not has_topic(article, self.topic):
            if not article.topics:
                self.bell()
                return
            self.topic = article.topics[0].name  # nothing chosen here yet: the article's main topic
            self.notify(f"Topic: {self.topic} (t picks another)", timeout=3, markup=False)
            self.show_current()
        starts = passage_starts(article, self.topic, self.text_view.shown_paragraphs())
        position = self.text_view.reading_position()
        target = next_after(starts, position) if forward else previous_before(starts, position)
        if target is not None:
            self.text_view.move_cursor(target)

    def action_next_passage(self) -> None:
        self.step_passage(forward=True)

    def action_previous_passage(self) -> None:
        self.step_passage(forward=False)

    def action_narrow_summary(self) -> None:
        article = self.analysed_current()
        if article is None:
            return
        if not self.about_topic and not has_topic(article, self.topic):
            self.notify("Pick a topic first (t).", timeout=3)
            return
        self.about_topic = not self.about_topic
        self.chosen_sentence = None
        self.show_current()

    def action_filter_by_topic(self) -> None:
        if self.topic_filter is not None:
            self.filter_by_topic(None)
        elif self.topic is None:
            self.notify("Pick a topic first (t), or filter by any topic from the palette (Ctrl+P).", timeout=4)
        else:
            self.filter_by_topic(self.topic)

    # -- speakers -----------------------------------------------------------------------------------

    def action_toggle_speakers(self) -> None:
        """Narrow screens: the speakers in the summary's place, and back. Wide: both show; focus moves."""
        side = self.query_one("#side")
        if self.focused is self.speaker_list:
            side.remove_class("-speakers")
            self.summary_list.focus()
        else:
            side.add_class("-speakers")
            self.speaker_list.focus()

    def choose_speaker(self, name: str) -> None:
        """Follow `name`: go to their first statement."""
        self.speaker = name
        self.go_to_statement(0)

    def go_to_statement(self, number: int) -> None:
        article = self.text_view.article
        statements = statements_of(article, self.speaker) if article else ()
        if not statements:
            self.bell()
            return
        self.statement = number % len(statements)
        self.show_current()
        statement = statements[self.statement]
        self.text_view.move_cursor(statement.paragraph, statement.text)

    def analysed_with_speakers(self) -> Article | None:
        """The analysed article on screen if anybody speaks in it."""
        article = self.analysed_current()
        if article is not None and not article.speakers:
            self.notify("Nobody speaks in this article.", timeout=3)
            return None
        return article

    def step_statement(self, forward: bool) -> None:
        article = self.analysed_with_speakers()
        if article is None:
            return
        if self.speaker is None:
            self.speaker = article.speakers[0].name
        if self.statement is None:
            statements = statements_of(article, self.speaker)
            first = first_statement_from(statements, self.text_view.reading_position())
            self.go_to_statement(first if forward else first - 1)
        else:
            self.go_to_statement(self.statement + (1 if forward else -1))

    def action_next_statement(self) -> None:
        self.step_statement(forward=True)

    def action_previous_statement(self) -> None:
        self.step_statement(forward=False)

    def action_only_speaker(self) -> None:
        article = self.analysed_with_speakers()
        if article is None:
            return
        self.speaker = self.speaker or article.speakers[0].name
        self.only_speaker = not self.only_speaker
        self.show_current()
        statements = statements_of(article, self.speaker)
        if self.only_speaker and statements:
            statement = statements[self.statement or 0]
            self.text_view.move_cursor(statement.paragraph, statement.text)
