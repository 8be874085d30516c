"""The reader's actions in the command palette (ctrl+p), beside Textual's own."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..summary import ALGORITHMS, NEWS
from .listing import SORTS, VIEWS

if TYPE_CHECKING:
    from .app import NewsReader


class ReaderCommands(Provider):
    @property
    def reader(self) -> NewsReader:
        return cast("NewsReader", self.app)

    def commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        """(name, help, callback) of every reader command, the same list for browsing and for searching."""
        reader = self.reader
        fixed = [
            ("Next article", "Show the next article in the list (n)", reader.action_next_article),
            ("Previous article", "Show the previous article (p)", reader.action_previous_article),
            ("Next summary algorithm", f"Summarise with the algorithm after {reader.algorithm} (s)",
             reader.action_cycle_algorithm),
            ("Longer summary", f"One sentence more than {reader.sentences} (+)", reader.action_longer),
            ("Shorter summary", f"One sentence fewer than {reader.sentences} (-)", reader.action_shorter),
            ("Show removed text", "What cleaning set apart from the article's text (c)", reader.action_show_removed),
            ("Pick a topic", "The article's topics, narrowed as you type (t)", reader.action_pick_topic),
            ("Next passage", "The next passage of the chosen topic (])", reader.action_next_passage),
            ("Previous passage", "The previous passage of the chosen topic ([)", reader.action_previous_passage),
            ("Summary of the topic", "What the article says about the chosen topic, or all of it again (T)",
             reader.action_narrow_summary),
            ("Speakers panel", "Who speaks, and how often; to the panel and back (w)", reader.action_toggle_speakers),
            ("Next statement", "The speaker's next words (.)", reader.action_next_statement),
            ("Previous statement", "The speaker's previous words (,)", reader.action_previous_statement),
            ("Only this speaker", "Only the paragraphs where the speaker speaks, or all again (O)",
             reader.action_only_speaker),
            ("Feeds", "Unread counts, last refresh; choose one to list only its articles (F)", reader.action_feeds),
            ("Refresh feeds", "Fetch every feed's new articles in the background (r)", reader.action_refresh_feeds),
            ("Open original page", "The article's web page in the browser, for articles from feeds (o)",
             reader.action_open_original),
            ("Files not loaded", "Every file that could not be read, and why (e)", reader.action_show_errors),
            ("Search", "Filter the list as you type, over titles and text (/)", reader.action_search),
            ("Toggle read", "Mark the article read, or unread again (m)", reader.action_toggle_read),
            ("Mark all shown as read", "Every article in the list (M)", reader.action_mark_shown_read),
            ("Toggle star", "Star the article, or unstar it (*)", reader.action_toggle_star),
            ("Help", "Every key (?)", reader.action_help),
        ]
        views = [
            (f"Show {view} articles", "Which articles the list shows (v)", partial(reader.set_view, view))
            for view in VIEWS
        ]
        sorts = [(f"Sort {order}", "The list's order (S)", partial(reader.set_sort, order)) for order in SORTS]
        article = reader.text_view.article
        speakers = [
            (f"Speaker: {speaker.name}", f"Go to their first words; {len(speaker.counted)} statements",
             partial(reader.choose_speaker, speaker.name))
            for speaker in (article.speakers if article else ())
        ]
        topics = [
            (f"Topic: {topic.name}", "Mark its passages and go to the first", partial(reader.choose_topic, topic.name))
            for topic in (article.topics if article else ())
        ]
        filters = [
            (f"Filter by topic: {name}", "Only the articles about it in the list",
             partial(reader.filter_by_topic, name))
            for name in reader.known_topics()
        ]
        if reader.topic_filter is not None:
            filters.insert(0, ("Clear topic filter", "Every article in the list again (f)",
                               partial(reader.filter_by_topic, None)))
        algorithms = [
            (f"Summary algorithm: {name}",
             "Summarise the news first (the project's own)" if name == NEWS else f"Summarise with sumy's {name}",
             partial(reader.set_algorithm, name))
            for name in ALGORITHMS
        ]
        themes = [
            (f"Switch theme: {name}", "Colours for the whole reader (remembered)", partial(reader.set_theme, name))
            for name in reader.theme_names
        ]
        return fixed + views + sorts + speakers + topics + filters + algorithms + themes

    async def discover(self) -> Hits:
        for name, help_text, callback in self.commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
