"""The reading panes: the article list, the article on screen, its summary and its speakers, over one session.

Start-up is kept cheap: the screen paints first, then a thread lists the files (the session's `list_outlines`:
those the analysis cache knows as they are now by a stat alone, the others read and cleaned). The list holds a
small row (`Entry`) per article, never the text: the article being read is loaded when it is shown, and its
analysis (sumy, NLTK: over a second on first use) comes from the cache or is made in another thread. Once every
file is listed, the files the cache did not know are analysed on every core, in worker processes, into the cache;
the rows get their topics as results come. Every result comes back as a `SessionNews` message, so keys keep
answering; `on_session_news` hands it to the session and updates the panes.
"""

from __future__ import annotations

import gc
import queue
import threading
from collections.abc import Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import OptionList
from textual.worker import get_current_worker

from ..model import Article
from ..summary import next_algorithm
from ..session import (
    AnalysisDone,
    ArticleRead,
    AnalysisFailed,
    EntriesListed,
    Event,
    LibraryAnalysed,
    LibraryAnalysisEnded,
    LibraryToAnalyse,
    LoadingFinished,
    Session,
    StoresOpened,
    TopicSummaryDone,
    UserTopicsRead,
    article_key,
)
from .article_list import ArticleList, tell_notices
from .keys import READING_KEYS, apply_user_keys
from .marking import Marks, search_words, topic_style
from .messages import PaintWanted, SessionNews
from .navigation import has_topic, next_after, passage_starts, previous_before, statements_of
from .status import ListChanged, Place, StatusLine, fitted, status_parts
from .widgets import ArticleView, SpeakerList, SummaryList, plain, set_title, what_applies, with_ids

if TYPE_CHECKING:

    from ..library import Entry, Job

# Start analysing an article once the reader has rested on it this long: holding `j` down through a list
# then costs no summaries nobody reads, and the outline is painted before the first one imports NLTK.
ANALYSIS_DELAY = 0.1
# An article the list's cursor runs to (a key held or pressed again at once: see VirtualList.REPEAT_WINDOW) shows
# its headline alone until the cursor rests this long: painting the text, the summary and the speakers takes
# longer than a key's repeat, so the cursor would fall behind the key.
BODY_DELAY = 0.1
# A notice each for the first few unreadable files; past that, one notice counts the rest.
NOTIFIED_ERRORS = 5
# How often the list looks for marks another reader (or a `newsreader` command) set: a look costs microseconds.
MARKS_POLL_SECONDS = 2.0
# The longest the listing waits for the rows it sent to be painted before it walks on (see wait_until_painted).
PAINT_WAIT_SECONDS = 0.5
MAX_SENTENCES = 20


TOPIC_ACTIONS = frozenset({"pick_topic", "next_passage", "previous_passage", "narrow_summary", "filter_by_topic"})
SPEAKER_ACTIONS = frozenset({"next_statement", "previous_statement", "only_speaker"})


def key_applies(action: str, article: Article | None, session: Session) -> bool:
    """The panes' check_action: the topic keys only for an article with topics (`f` also to clear a topic
    filter), the speaker keys only for one where somebody speaks. The footer shows neither otherwise, and
    the keys do nothing; ArticleView.show refreshes the footer when that changes."""
    if action not in TOPIC_ACTIONS and action not in SPEAKER_ACTIONS:
        return True
    has_topics, has_speakers = what_applies(article)
    if action in TOPIC_ACTIONS:
        return has_topics or (action == "filter_by_topic" and session.topic_filter is not None)
    return has_speakers


class ReadingPanes(Container):
    """The four panes and the session they show; the article on screen, and the work that brings it.

    Reading mode (z, or Enter on the text) gives the text the whole screen: the list goes, and the summary and
    the speakers show only while they have focus (Enter and w), as they do on the shortest screens."""

    # The keys of what the panes show (the list's own are the app's), and the marks, the links and the pipe (see
    # keys.py). The footer lists those that apply.
    BINDINGS = with_ids([
        Binding("z", "read", "Read"),
        Binding("escape", "leave_reading(True)", "Back"),
        Binding("z", "leave_reading", "Back", show=False, id="read"),  # one name: a [keys] z moves both
        Binding("enter", "enter_text", "Summary", show=False),  # the text's Enter: the lists have their own
        Binding("s", "cycle_algorithm", "Algorithm", show=False),
        Binding("plus,equals_sign", "longer", "Longer", key_display="+", show=False),
        Binding("minus", "shorter", "Shorter", key_display="-", show=False),
        Binding("t", "pick_topic", "Topic"),
        Binding("right_square_bracket", "next_passage", "Passage", key_display="]"),
        Binding("left_square_bracket", "previous_passage", "Back", key_display="[", show=False),
        Binding("T", "narrow_summary", "About", show=False),  # in the help and the palette: the footer is full
        Binding("f", "filter_by_topic", "Filter", show=False),
        Binding("w", "toggle_speakers", "Speakers"),
        Binding("full_stop", "next_statement", "Said", key_display="."),
        Binding("comma", "previous_statement", "Back", key_display=",", show=False),
        Binding("O", "only_speaker", "Only", show=False),  # the footer has room for q at 80 columns
    ]) + READING_KEYS

    SCOPED_CSS = False  # the layout follows the screen's breakpoint class (Screen.-wide)
    DEFAULT_CSS = """
    /* Stacked (narrow terminals): list, text, summary, one above the other, each titled by a single rule
       so that 80x24 keeps as many lines as possible for reading. The speakers take the summary's place (w).
       Panes are styled by class, not by `#panes > *`-style selectors: fewer selectors, a faster first paint. */
    #panes {
        layout: vertical;
        height: 1fr;
    }
    .pane {
        border: none;
        border-top: solid $foreground 35%;
        border-title-color: $text-muted;
        background: $background;
        scrollbar-size-vertical: 1;
    }
    .pane:focus {
        border: none;  /* the lists' own focus border (Textual's OptionList) is not the panes' */
        border-top: solid $accent;
        border-title-color: $accent;
        border-title-style: bold;
    }
    /* The list takes only the lines it needs (up to three articles), so a short library leaves more for reading. */
    /* A row is two lines whatever its width, cut with an ellipsis: a row that gets its topics keeps its height,
       so a list of thousands is never measured (see virtual_list.py). */
    #articles {
        height: auto;
        max-height: 7;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    #text {
        height: 1fr;
    }
    /* Fixed, so the text does not jump when the summary arrives. */
    #side {
        height: 8;
    }
    #summary, #speakers {
        height: 1fr;
    }
    #speakers, .-speakers #summary {
        display: none;
    }
    .-speakers #speakers {
        display: block;
    }

    /* Wide terminals: list | text | summary over speakers, side by side, full borders. */
    Screen.-wide #panes {
        layout: horizontal;
    }
    Screen.-wide .pane {
        border: round $foreground 35%;
    }
    Screen.-wide .pane:focus {
        border: round $accent;
    }
    Screen.-wide #text, Screen.-wide #side {
        height: 1fr;
    }
    /* As long as the articles need, up to the full height (an empty list at the first paint costs nothing). */
    Screen.-wide #articles {
        width: 28%;
        max-width: 60;
        max-height: 100%;
    }
    Screen.-wide #side {
        width: 34%;
        max-width: 60;
    }
    /* Room for both: the speakers below the summary, as many lines as they need up to a third of the column. */
    Screen.-wide #summary {
        display: block;
    }
    Screen.-wide #speakers {
        display: block;
        height: auto;
        max-height: 33%;
    }

    /* Short screens (under 24 lines): one article's row in the list and a smaller summary, so the text keeps
       lines of its own; under 16, the summary and the speakers only while they have focus. */
    Screen.-stacked.-short #articles, Screen.-stacked.-tiny #articles {
        max-height: 3;
    }
    Screen.-stacked.-short #side, Screen.-stacked.-tiny #side {
        height: 5;
    }
    /* Reading mode: the text alone, the side pane beside or below it while it has focus; lines no longer than
       a reader's eye follows (about a hundred cells), in the middle of a wide screen. */
    #panes.-reading {
        align-horizontal: center;
    }
    #panes.-reading #text {
        max-width: 104;
    }
    #panes.-reading #articles {
        display: none;
    }
    #panes.-reading #side, Screen.-stacked.-tiny #side {
        display: none;
    }
    Screen #panes.-side-open #side {
        display: block;
    }
    """

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.session = session
        self.pending_analysis: Timer | None = None
        self.pending_body: Timer | None = None  # the article the cursor ran to, shown once it rests

    def compose(self) -> ComposeResult:
        yield ArticleList(self.session, id="articles", classes="pane")
        yield ArticleView(id="text", classes="pane")
        with Vertical(id="side"):
            yield SummaryList(id="summary", classes="pane")
            yield SpeakerList(id="speakers", classes="pane")
        yield StatusLine(id="status")

    def on_mount(self) -> None:
        self.article_list.border_title = "Articles"
        self.text_view.border_title = "Text"
        self.summary_list.border_title = self.summary_title()
        self.summary_list.show_pending("Loading articles…")
        self.speaker_list.border_title = "Speakers"
        self.article_list.focus()
        # The passage and the statement the reader is at follow the text's scrolling.
        self.watch(self.text_view, "scroll_y", self.update_status, init=False)
        apply_user_keys(self.app)  # every pane mounted: the keymap can name their keys too

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def text_view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def summary_list(self) -> SummaryList:
        return self.query_one(SummaryList)

    @property
    def speaker_list(self) -> SpeakerList:
        return self.query_one(SpeakerList)

    @property
    def current(self) -> Entry | None:
        return self.article_list.current

    def tell(self, event: Event) -> None:
        """Send a session's event back to the panes (from any thread)."""
        self.post_message(SessionNews(event))

    # -- the background work --------------------------------------------------------------------------------

    @work(thread=True, group="load", exit_on_error=False)
    def load_outlines(self, paths: Iterable[str | Path]) -> None:
        """List every file (see Session.list_outlines)."""
        worker = get_current_worker()
        self.session.list_outlines(paths, self.tell, lambda: worker.is_cancelled, self.wait_until_painted)

    def show_first_screen(self, paths: Iterable[str | Path]) -> None:
        """Before the first frame: the first screen of rows from the library's shelf (Session.first_screen),
        taken in at once; `load_outlines` lists the rest."""
        self.session.first_screen(paths, lambda event: self.session_news(SessionNews(event)))

    def wait_until_painted(self) -> None:
        """In the listing thread: return once the rows sent so far are on screen. The walk that follows is
        Python's work in another thread, which would take the interpreter from the painting half the time."""
        painted = threading.Event()
        self.post_message(PaintWanted(painted))
        painted.wait(PAINT_WAIT_SECONDS)

    @on(PaintWanted)
    def paint_wanted(self, message: PaintWanted) -> None:
        message.stop()
        self.call_after_refresh(message.painted.set)

    def load_missing(self, paths: Iterable[Path | str]) -> None:
        """Load those of `paths` the list has not loaded (nor failed to load) yet."""
        known = self.session.known_paths()
        missing = [path for path in paths if str(path) not in known]
        if missing:
            self.session.loading_files = True
            self.load_outlines(missing)

    @work(thread=True, exclusive=True, group="analysis", exit_on_error=False)
    def analyse(self, article: Article, algorithm: str, sentences: int) -> None:
        worker = get_current_worker()
        result = self.session.analyse(article, algorithm, sentences)
        if isinstance(result, AnalysisFailed) or not worker.is_cancelled:
            self.tell(result)

    @work(thread=True, exclusive=True, group="topic-summary", exit_on_error=False)
    def summarise_topic(self, article: Article, topic: str, algorithm: str, sentences: int) -> None:
        self.tell(self.session.summarise_topic(article, topic, algorithm, sentences))

    @work(thread=True, group="library", exit_on_error=False)
    def analyse_library(self, jobs: queue.SimpleQueue[Job | None], urgent: queue.SimpleQueue[Job] | None) -> None:
        """The files the cache did not know, analysed into it (see Session.analyse_library)."""
        worker = get_current_worker()
        self.session.analyse_library(jobs, urgent, self.tell, lambda: worker.is_cancelled, lambda: self.current)

    def request_analysis_soon(self, article: Article) -> None:
        """Analyse the article on screen once the reader rests on it (see ANALYSIS_DELAY)."""
        if self.pending_analysis is not None:
            self.pending_analysis.stop()
        self.pending_analysis = self.set_timer(ANALYSIS_DELAY, partial(self.request_analysis, article))

    def request_analysis(self, article: Article) -> None:
        if self.session.where_to_analyse(article) == "here":
            self.analyse(article, self.session.algorithm, self.session.sentences)

    def dispatch_wanted_analysis(self) -> None:
        """The article on screen, analysed now that it is known where (see Session.where_to_analyse)."""
        article = self.session.wanted_outline(self.current)
        if article is not None:
            self.request_analysis(article)

    # -- what the session's work reports ------------------------------------------------------------------

    @on(SessionNews)
    def session_news(self, message: SessionNews) -> None:
        message.stop()
        if not self.is_running or not self.is_attached:  # closing: the panes' widgets are going
            return
        event, session, articles = message.event, self.session, self.article_list
        if isinstance(event, StoresOpened):
            tell_notices(self, session)
            self.set_interval(MARKS_POLL_SECONDS, articles.reload_marks)
        elif isinstance(event, UserTopicsRead):
            session.user_topics = event.topics
            if event.problem:
                self.notify(f"{event.problem}; only the topics found in the text are used", title="Your topics",
                            severity="error", timeout=10, markup=False)
        elif isinstance(event, EntriesListed):
            self.entries_listed(event)
        elif isinstance(event, LoadingFinished):
            self.loading_finished()
        elif isinstance(event, LibraryToAnalyse):
            self.analyse_library(event.jobs, session.library_to_analyse(event))
            self.dispatch_wanted_analysis()
        elif isinstance(event, LibraryAnalysed):
            for index in session.library_analysed(event):
                articles.learned(index)
            tell_notices(self, session)
            articles.update_title()
        elif isinstance(event, LibraryAnalysisEnded):
            if session.library_analysis_ended(event, self.current):
                self.dispatch_wanted_analysis()
        elif isinstance(event, ArticleRead):
            self.article_read(event)
        elif isinstance(event, AnalysisDone):
            key, changed = session.analysis_done(event)
            if changed is not None:
                articles.learned(changed)
            if self.current is not None and session.analysis_key(self.current) == key:
                self.show_current()
        elif isinstance(event, AnalysisFailed):
            if self.current is not None and self.current.path == event.path:
                self.summary_list.show_pending(f"No summary: {event.error}")
        elif isinstance(event, TopicSummaryDone):
            session.topic_summary_done(event)
            self.show_current()

    def entries_listed(self, event: EntriesListed) -> None:
        told = len(self.session.load_errors)
        for number, error in enumerate(event.errors, start=told + 1):
            if number <= NOTIFIED_ERRORS:
                self.notify(f"{error.path}: {error.error}", title="Not loaded", severity="error", timeout=10,
                            markup=False)
        if not event.entries and not event.errors and not event.replaced:
            return
        reading = self.current  # rows put right under it (see EntriesListed.at): it stays highlighted
        self.article_list.rows_listed(self.session.listed(event), reading if event.at is not None else None)

    def loading_finished(self) -> None:
        self.session.loading_finished()
        # The listed library lives as long as the app: full collections, which Textual's churn sets off every
        # few keys, need not walk it again each time (a tenth of a second on a big library).
        gc.freeze()
        self.dispatch_wanted_analysis()
        self.article_list.update_title()
        unnamed = len(self.session.load_errors) - NOTIFIED_ERRORS
        if unnamed > 0:
            self.notify(f"and {unnamed} more files could not be read", title="Not loaded", severity="error",
                        timeout=10)
        if not self.session.articles:
            self.summary_list.show_pending("No articles to show.")
            self.speaker_list.show_pending("No articles to show.")

    # -- the article on screen ------------------------------------------------------------------------------

    def search(self, query: str) -> None:
        """List only the articles matching `query`, its words marked in the text (none matching: see
        list_changed)."""
        self.article_list.search(query)
        if self.current is not None:
            self.show_current()

    def show_no_article(self) -> None:
        """The list shows none (a search, the view, a filter): no article is left on screen that it excludes."""
        searched = self.session.search_matches is not None
        self.text_view.show_nothing("No article matches the search." if searched else "No article in this view.")
        set_title(self.text_view, "Text")  # not the topics of the article that went
        self.summary_list.show_pending("No article to summarise.")
        self.speaker_list.show_pending("No article.")

    def action_toggle_highlighting(self) -> None:
        view = self.text_view
        view.highlighting = not view.highlighting
        self.show_current()
        self.notify("Highlighting on." if view.highlighting else "Highlighting off (h turns it on).", timeout=2)

    def action_show_links(self) -> None:
        from .links import show_links

        show_links(self.app, self.text_view.article)

    def action_pipe_article(self) -> None:
        from .external import pipe_article

        pipe_article(self.app, self.text_view.article)

    def article_highlighted(self, running: bool) -> None:
        """Another article under the list's cursor (routed by the app: see NewsReader.article_highlighted):
        shown at once, or by its headline alone while the cursor is `running` through the list (BODY_DELAY)."""
        self.text_view.choice.another_article()
        self.stop_waiting_for_rest()
        entry = self.current
        if not running or entry is None:
            self.show_current()
            return
        self.text_view.show_heading(entry.title)
        self.summary_list.show_pending("…")
        self.speaker_list.show_pending("…")
        self.retitle()
        self.pending_body = self.set_timer(BODY_DELAY, self.show_rested)

    def show_rested(self) -> None:
        """The article the cursor ran to, whole: once it rests there, or at once for a key that acts on it."""
        if self.stop_waiting_for_rest():
            self.show_current()

    def stop_waiting_for_rest(self) -> bool:
        """Whether an article the cursor ran to was waiting to be shown whole (it waits no longer)."""
        pending, self.pending_body = self.pending_body, None
        if pending is not None:
            pending.stop()
        return pending is not None

    @on(ArticleList.Selected, "#articles")
    def article_selected(self) -> None:
        self.article_list.opened()
        self.text_view.focus()

    def marks(self, article: Article) -> Marks:
        choice = self.text_view.choice
        return Marks(
            chosen_sentence=choice.chosen_sentence,
            topic=choice.topic,
            statement=choice.stepped_to(article),
            only_speaker=choice.speaker if choice.only_speaker else None,
            search=search_words(self.session.search_query),
            highlighting=self.text_view.highlighting,
        )

    def show_current(self) -> None:
        """Show the current article, analysed if its analysis is at hand; otherwise read it (in a thread:
        `read_current`), its headline shown at once."""
        session, entry = self.session, self.current
        if entry is None:
            self.retitle()
            return
        analysed = session.analysis_at_hand(entry)
        if analysed is None:
            shown = self.text_view.article
            if shown is None or article_key(shown) != article_key(entry):
                self.text_view.show_heading(entry.title)
                self.retitle()
            # Once the headline is on screen: the read's thread would share the interpreter with drawing it.
            self.call_after_refresh(self.read_if_current, entry)
            return
        self.show_analysed(analysed)

    def read_if_current(self, entry: Entry) -> None:
        """Read `entry` unless the reader has moved on already (a held key: nobody reads the articles passed)."""
        current = self.current
        if current is not None and article_key(current) == article_key(entry):
            self.read_current(current)

    @work(thread=True, exclusive=True, group="article", exit_on_error=False)
    def read_current(self, entry: Entry) -> None:
        """The article on screen from the cache, or its file read and cleaned: off the app's thread, so the
        keys go on answering (a saved page can take a second to clean)."""
        worker = get_current_worker()
        read = self.session.read_article(entry)
        if not worker.is_cancelled:
            self.tell(read)

    def article_read(self, read: ArticleRead) -> None:
        """What `read_current` found, shown if the reader is still on that article with the same options."""
        session, entry = self.session, self.current
        if entry is None or session.analysis_key(entry) != read.key:
            return  # the reader moved on: the read for where they are now is on its way
        session.article_read(read)
        article = read.found
        if not isinstance(article, Article):
            self.summary_list.show_pending(f"Could not read it: {article.error}")
            return
        if read.analysed:
            self.show_analysed(article)
            return
        self.text_view.show(article)
        self.retitle()
        self.summary_list.show_pending(f"Analysing… ({session.algorithm}, {session.sentences} sentences)")
        self.speaker_list.show_pending("Finding who speaks…")
        self.request_analysis_soon(article)

    def show_analysed(self, analysed: Article) -> None:
        """The article on screen, analysed: its text with the marks, the summary (or a topic's) and speakers."""
        session = self.session
        about = self.text_view.choice.topic_about(analysed)
        narrowed = session.topic_summary(analysed, about) if about is not None else None
        if about is not None:
            if narrowed is None:
                self.summarise_topic(analysed, about, session.algorithm, session.sentences)
                self.summary_list.show_pending(f"Summarising what it says about {about}…")
            else:
                analysed = replace(analysed, summary=narrowed)
        self.text_view.show(analysed, self.marks(analysed))
        self.retitle()
        if about is None or narrowed is not None:
            self.summary_list.show_summary(analysed)
        self.speaker_list.show_speakers(analysed, self.text_view.choice.speaker)
        set_title(self.speaker_list, Content(f"Speakers ({len(analysed.speakers)})"))

    # -- the titles and the status line ---------------------------------------------------------------------

    def retitle(self) -> None:
        """The panes' titles, fitted to the panes' widths (again when those change), and the status line."""
        if not self.is_attached:  # closing: a title asked for after the last refresh
            return
        article = self.text_view.article
        set_title(self.text_view, self.text_title(article) if article is not None else "Text")
        set_title(self.summary_list, self.summary_title(self.text_view.choice.topic_about(article) if article else None))
        self.update_status()

    @staticmethod
    def title_room(pane: Widget) -> int:
        """The cells a pane's title has: its width less the border's corners and the spaces round the title."""
        return pane.outer_size.width - 6

    def summary_title(self, about: str | None = None) -> Content:
        sentences = self.session.sentences
        plural = "" if sentences == 1 else "s"
        what = f"What it says about {about}" if about else "Summary"  # the status line says it too
        parts = [Content(what), Content(f"{sentences} sentence{plural}"), Content(self.session.algorithm)]
        return fitted(parts, self.title_room(self.summary_list))

    def text_title(self, article: Article) -> Content:
        """The topic bar: the article's topics, as many as fit, the chosen one marked by shape as well as colour
        (the status line names it, and the passage the reader is at)."""
        chosen = self.text_view.choice.topic
        parts = []
        for topic in article.topics:
            style = topic_style(article, topic.name) or ""
            if topic.name == chosen:
                parts.append(plain(f"▶{topic.name}◀", f"bold underline {style}"))
            else:
                parts.append(plain(topic.name, style))
        if not parts:
            return Content("Text")
        keep = next((n for n, topic in enumerate(article.topics) if topic.name == chosen), 0)
        return fitted(parts, self.title_room(self.text_view), " ", count_left_out=True, keep=keep)

    @on(ListChanged)
    def list_changed(self) -> None:
        if self.is_attached and not self.article_list.shown and self.text_view.article is not None:
            self.show_no_article()
        self.update_status()

    def update_status(self) -> None:
        if not self.is_attached:  # closing: the panes' widgets are going
            return
        view, articles = self.text_view, self.article_list
        place = Place(view.article, view.choice, tuple(view.shown_paragraphs()), view.reading_position())
        parts = status_parts(self.session, len(articles.shown), articles.feeds_status, place)
        self.query_one(StatusLine).show_status(parts)

    def on_resize(self) -> None:
        self.call_after_refresh(self.retitle)

    # -- reading mode and the side pane ---------------------------------------------------------------------

    @property
    def reading(self) -> bool:
        return self.has_class("-reading")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "read":
            return not self.reading
        if action == "leave_reading":
            return self.reading
        views = self.query(ArticleView)  # none once the reader is closing
        return key_applies(action, views.first().article if views else None, self.session)  # the footer follows

    def relaid(self) -> None:
        """The panes' classes changed: the footer's keys; once the panes have their new sizes, the titles, and
        the text back at the paragraph the reader was at if the new width left it off screen."""
        self.app.refresh_bindings()
        place = self.text_view.reading_position()  # the layout is still the old one until the next refresh

        def keep_place() -> None:
            if not self.is_attached:
                return
            if self.text_view.reading_position() != place:
                self.text_view.scroll_to_text(place, "")
            self.retitle()

        # Twice: the text view wraps its lines again on the Resize the first refresh sends it.
        self.call_after_refresh(self.call_after_refresh, keep_place)

    def action_read(self) -> None:
        """Reading mode: the article on screen gets the whole screen."""
        if self.screen.focused is self.article_list:
            self.article_list.opened()
        self.add_class("-reading")
        self.text_view.focus()
        self.relaid()

    def action_leave_reading(self, to_list: bool = False) -> None:
        """Escape: from the summary or the speakers back to the text; from the text out of reading mode, to
        the list. `z`: out of reading mode, the text still in focus."""
        if to_list and self.has_class("-side-open"):
            self.text_view.focus()
            return
        self.remove_class("-reading")
        (self.article_list if to_list else self.text_view).focus()
        self.relaid()

    def action_enter_text(self) -> None:
        """Enter on the text: reading mode, and in it, the summary."""
        if self.reading:
            self.focus_summary()
        else:
            self.action_read()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self.open_side(event.widget in (self.summary_list, self.speaker_list))

    def open_side(self, side_open: bool = True) -> None:
        """The side pane shows while it has focus where it is hidden otherwise (reading mode, tiny screens)."""
        if side_open != self.has_class("-side-open"):
            self.set_class(side_open, "-side-open")
            self.relaid()

    @on(OptionList.OptionSelected, "#summary")
    def sentence_chosen(self, event: OptionList.OptionSelected) -> None:
        self.show_sentence(event.option_index)

    @on(OptionList.OptionHighlighted, "#summary")
    def sentence_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # The summary leads the text: moving through it with the keys scrolls the text along; a highlight the
        # list sets itself when it is filled, unfocused, moves nothing.
        if self.summary_list.has_focus:
            self.show_sentence(event.option_index)

    def move_to(self, index: int, text: str | None = None) -> None:
        """The text's cursor to paragraph `index` (see ArticleView.move_cursor); the status line follows."""
        self.text_view.move_cursor(index, text)
        self.update_status()

    def show_sentence(self, index: int) -> None:
        """Mark the summary's sentence `index` in the text and scroll the text to it."""
        article = self.text_view.article
        if article is None or index >= len(article.summary):
            return
        self.text_view.choice.chosen_sentence = index
        sentence = article.summary[index]
        self.text_view.show(article, self.marks(article))
        self.move_to(sentence.paragraph, sentence.text)

    @on(OptionList.OptionSelected, "#speakers")
    def speaker_chosen(self, event: OptionList.OptionSelected) -> None:
        article = self.text_view.article
        if article is not None and event.option_index < len(article.speakers):
            self.choose_speaker(article.speakers[event.option_index].name)

    # -- the summary's options ------------------------------------------------------------------------------

    def action_cycle_algorithm(self) -> None:
        self.set_algorithm(next_algorithm(self.session.algorithm))

    def action_longer(self) -> None:
        self.set_sentences(self.session.sentences + 1)

    def action_shorter(self) -> None:
        self.set_sentences(self.session.sentences - 1)

    def set_algorithm(self, name: str) -> None:
        self.session.algorithm = name
        self.text_view.choice.chosen_sentence = None
        self.show_current()

    def set_sentences(self, sentences: int) -> None:
        if not 1 <= sentences <= MAX_SENTENCES:
            self.app.bell()
            return
        self.session.sentences = sentences
        self.text_view.choice.chosen_sentence = None
        self.show_current()

    # -- topics (see navigation.py) -------------------------------------------------------------------------

    def analysed_current(self) -> Article | None:
        """The article on screen once its analysis is there (topics and speakers are known only then)."""
        current = self.current
        if current is None:
            return None
        if not self.session.is_analysed(current):
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

        self.app.push_screen(TopicPicker(article.topics, self.text_view.choice.topic), self.choose_topic)

    def choose_topic(self, name: str | None) -> None:
        """Mark `name`'s passages and go to the first of them (the palette's and the picker's choice)."""
        article = self.text_view.article
        if name is None or article is None:
            return
        self.text_view.choice.topic = name
        self.show_current()
        starts = passage_starts(article, name, self.text_view.shown_paragraphs())
        if starts:
            self.move_to(starts[0])

    def action_next_passage(self) -> None:
        self.step_passage(forward=True)

    def action_previous_passage(self) -> None:
        self.step_passage(forward=False)

    def step_passage(self, forward: bool) -> None:
        article, choice = self.analysed_current(), self.text_view.choice
        if article is None:
            return
        if not has_topic(article, choice.topic):
            if not article.topics:
                self.app.bell()
                return
            choice.topic = article.topics[0].name  # nothing chosen here yet: the article's main topic
            self.notify(f"Topic: {choice.topic} (t picks another)", timeout=3, markup=False)
            self.show_current()
        starts = passage_starts(article, choice.topic or "", self.text_view.shown_paragraphs())
        position = self.text_view.reading_position()
        target = next_after(starts, position) if forward else previous_before(starts, position)
        if len(starts) == 1:  # ] went nowhere else: say why
            self.notify(f"{choice.topic} has one passage: this is it.", timeout=3, markup=False)
        if target is not None:
            self.move_to(target)

    def action_narrow_summary(self) -> None:
        article, choice = self.analysed_current(), self.text_view.choice
        if article is None:
            return
        if not choice.about_topic and not has_topic(article, choice.topic):
            self.notify("Pick a topic first (t).", timeout=3)
            return
        choice.about_topic = not choice.about_topic
        choice.chosen_sentence = None
        self.show_current()

    def filter_by_topic(self, name: str | None) -> None:
        if name is not None:
            self.text_view.choice.topic = name
        self.article_list.filter_by_topic(name)

    def action_filter_by_topic(self) -> None:
        topic = self.text_view.choice.topic
        if self.session.topic_filter is not None:
            self.filter_by_topic(None)
        elif topic is None:
            self.notify("Pick a topic first (t), or filter by any topic from the palette (Ctrl+P).", timeout=4)
        else:
            self.filter_by_topic(topic)

    # -- speakers -------------------------------------------------------------------------------------------

    def focus_summary(self) -> None:
        self.open_side()  # a hidden pane cannot take focus
        (self.summary_list if self.summary_list.display else self.speaker_list).focus()

    def action_toggle_speakers(self) -> None:
        """Narrow screens: the speakers in the summary's place, and back. Wide: both show; focus moves."""
        side = self.query_one("#side")
        if self.screen.focused is self.speaker_list:
            side.remove_class("-speakers")
            self.summary_list.focus()
        else:
            side.add_class("-speakers")
            self.open_side()
            self.speaker_list.focus()

    def choose_speaker(self, name: str) -> None:
        """Follow `name`: go to their first statement."""
        self.text_view.choice.speaker = name
        self.go_to_statement(0)

    def go_to_statement(self, number: int) -> None:
        article, choice = self.text_view.article, self.text_view.choice
        statements = statements_of(article, choice.speaker) if article else ()
        if not statements:
            self.app.bell()
            return
        choice.statement = number % len(statements)
        self.show_current()
        statement = statements[choice.statement]
        self.move_to(statement.paragraph, statement.text)

    def analysed_with_speakers(self) -> Article | None:
        """The analysed article on screen if anybody speaks in it."""
        article = self.analysed_current()
        if article is not None and not article.speakers:
            self.notify("Nobody speaks in this article.", timeout=3)
            return None
        return article

    def action_next_statement(self) -> None:
        self.step_statement(forward=True)

    def action_previous_statement(self) -> None:
        self.step_statement(forward=False)

    def step_statement(self, forward: bool) -> None:
        article, choice = self.analysed_with_speakers(), self.text_view.choice
        if article is None:
            return
        if choice.speaker is None:
            choice.speaker = article.speakers[0].name
        self.go_to_statement(choice.statement_from(article, forward, self.text_view.reading_position()))

    def action_only_speaker(self) -> None:
        article, choice = self.analysed_with_speakers(), self.text_view.choice
        if article is None:
            return
        choice.speaker = choice.speaker or article.speakers[0].name
        choice.only_speaker = not choice.only_speaker
        self.show_current()
        statements = statements_of(article, choice.speaker)
        if choice.only_speaker and statements:
            statement = statements[choice.statement or 0]
            self.move_to(statement.paragraph, statement.text)
