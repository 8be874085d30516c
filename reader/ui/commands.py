"""The reader's actions in the command palette (ctrl+p), beside Textual's own (its "Theme" chooses themes)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..session import SORTS, VIEWS
from ..summary import ALGORITHMS, NEWS
from .reading import ReadingPanes


# A command's name, its help, and what it does.
Command = tuple[str, str, Callable[[], object]]


class ReaderCommands(Provider):
    """The app's and the panes' keys by name (each runs the key's action), and the choices among the panes' own."""

    def commands(self) -> list[Command]:
        """(name, help, callback) of every reader command, the same list for browsing and for searching."""
        app = self.app
        panes = app.query_one(ReadingPanes)
        session, articles = panes.session, panes.article_list
        fixed: list[Command] = [
            ("Next article", "Show the next article in the list (n)", partial(app.run_action, "next_article")),
            ("Previous article", "Show the previous article (p)", partial(app.run_action, "previous_article")),
            ("Next summary algorithm", f"Summarise with the algorithm after {session.algorithm} (s)",
             partial(app.run_action, "cycle_algorithm", panes)),
            ("Longer summary", f"One sentence more than {session.sentences} (+)", partial(app.run_action, "longer", panes)),
            ("Shorter summary", f"One sentence fewer than {session.sentences} (-)", partial(app.run_action, "shorter", panes)),
            ("Show removed text", "What cleaning set apart from the article's text (c)", partial(app.run_action, "show_removed")),
            ("Pick a topic", "The article's topics, narrowed as you type (t)", partial(app.run_action, "pick_topic", panes)),
            ("Next passage", "The next passage of the chosen topic (])", partial(app.run_action, "next_passage", panes)),
            ("Previous passage", "The previous passage of the chosen topic ([)", partial(app.run_action, "previous_passage", panes)),
            ("Summary of the topic", "What the article says about the chosen topic, or all of it again (T)",
             partial(app.run_action, "narrow_summary", panes)),
            ("Speakers panel", "Who speaks, and how often; to the panel and back (w)", partial(app.run_action, "toggle_speakers", panes)),
            ("Next statement", "The speaker's next words (.)", partial(app.run_action, "next_statement", panes)),
            ("Previous statement", "The speaker's previous words (,)", partial(app.run_action, "previous_statement", panes)),
            ("Only this speaker", "Only the paragraphs where the speaker speaks, or all again (O)",
             partial(app.run_action, "only_speaker", panes)),
            ("Feeds", "Unread counts, last refresh; choose one to list only its articles (F)", partial(app.run_action, "feeds")),
            ("Refresh feeds", "Fetch every feed's new articles in the background (r)", partial(app.run_action, "refresh_feeds")),
            ("Open original page", "The article's web page in the browser, for articles from feeds (o)",
             partial(app.run_action, "open_original")),
            ("Files not loaded", "Every file that could not be read, and why (e)", partial(app.run_action, "show_errors")),
            ("Search", "Filter the list as you type, over titles and text (/)", partial(app.run_action, "search")),
            ("Toggle read", "Mark the article read, or unread again (m)", partial(app.run_action, "toggle_read")),
            ("Mark all shown as read", "Every article in the list (M)", partial(app.run_action, "mark_shown_read")),
            ("Toggle star", "Star the article, or unstar it (*)", partial(app.run_action, "toggle_star")),
            ("Reading mode", "The article's text on the whole screen, or the panes again (z)",
             partial(app.run_action, "read" if not panes.reading else "leave_reading", panes)),
            ("Help", "Every key (?)", partial(app.run_action, "help")),
            ("Highlighting", "The marks in the text off, or on again (h)",
             partial(app.run_action, "toggle_highlighting", panes)),
            ("Links", "The article's links, numbered, to open one (u)", partial(app.run_action, "show_links", panes)),
            ("Pipe to a command", "The article's text to a command you type (|)",
             partial(app.run_action, "pipe_article", panes)),
        ]
        views: list[Command] = [
            (f"Show {view} articles", "Which articles the list shows (v)", partial(articles.set_view, view))
            for view in VIEWS
        ]
        sorts: list[Command] = [(f"Sort {order}", "The list's order (S)", partial(articles.set_sort, order)) for order in SORTS]
        article = panes.text_view.article
        speakers: list[Command] = [
            (f"Speaker: {speaker.name}", f"Go to their first words; {len(speaker.counted)} statements",
             partial(panes.choose_speaker, speaker.name))
            for speaker in (article.speakers if article else ())
        ]
        topics: list[Command] = [
            (f"Topic: {topic.name}", "Mark its passages and go to the first", partial(panes.choose_topic, topic.name))
            for topic in (article.topics if article else ())
        ]
        filters: list[Command] = [
            (f"Filter by topic: {name}", "Only the articles about it in the list",
             partial(panes.filter_by_topic, name))
            for name in session.known_topics()
        ]
        if session.topic_filter is not None:
            filters.insert(0, ("Clear topic filter", "Every article in the list again (f)",
                               partial(panes.filter_by_topic, None)))
        algorithms: list[Command] = [
            (f"Summary algorithm: {name}",
             "Summarise the news first (the project's own)" if name == NEWS else f"Summarise with sumy's {name}",
             partial(panes.set_algorithm, name))
            for name in ALGORITHMS
        ]
        # Themes are Textual's own "Theme" command (the app remembers the choice: NewsReader.remember_theme).
        return fixed + views + sorts + speakers + topics + filters + algorithms

    async def discover(self) -> Hits:
        for name, help_text, callback in self.commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
