"""The reader app: the article list, the selected article's text, and its summary (or speakers) beside it.

Start-up is kept cheap: the screen paints first, files are read and cleaned (the cheap outline) in a thread,
and the expensive analysis (sumy, NLTK: over a second on first use) runs in another thread, one article at
a time, after the article is on screen. Once every file is loaded, a third thread analyses the rest of the
library in list order, so every article's topics are known to the list and its filter; it waits while the
article being read is analysed. Results come back as messages, so keys keep answering meanwhile.
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path
from time import monotonic, sleep
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical
from textual.content import Content
from textual.theme import Theme
from textual.timer import Timer
from textual.widgets import Footer, OptionList
from textual.worker import Worker, WorkerState, get_current_worker

from ..display import printable
from ..model import Article, LoadError, SummarySentence
from ..settings import Settings, load_settings, save_settings
from ..sources import discover
from ..summary import ALGORITHMS, DEFAULT_ALGORITHM, DEFAULT_SENTENCES, next_algorithm
from .commands import ReaderCommands
from .marking import Marks, topic_style
from .messages import (
    AnalysisDone,
    AnalysisFailed,
    FrequenciesReady,
    LoadingFinished,
    OutlinesLoaded,
    TopicSummaryDone,
    UserTopicsRead,
)
from .navigation import (
    first_statement_from,
    next_after,
    passage_starts,
    previous_before,
    statements_of,
)
from .screens import HelpScreen, RemovedScreen
from .themes import DEFAULT_THEME, HIGHLIGHT_DEFAULTS, shipped_themes
from .widgets import (
    ArticleList,
    ArticleView,
    SpeakerList,
    SummaryList,
    article_key,
    plain,
)

if TYPE_CHECKING:
    from ..topics import DocumentFrequencies, UserTopic
    from .feeds import FeedRow

MAX_SENTENCES = 20
# Send loaded outlines to the screen at least this often, so a big library fills in as it loads.
BATCH_SECONDS = 0.1
# Start analysing an article once the reader has rested on it this long: holding `j` down through a list
# then costs no summaries nobody reads, and the outline is painted before the first one imports NLTK.
ANALYSIS_DELAY = 0.1
# How often the library's analysis looks whether the article being read has been analysed yet.
YIELD_SECONDS = 0.05
# A notice each for the first few unreadable files; past that, one notice counts the rest.
NOTIFIED_ERRORS = 5

AnalysisKey = tuple[str, str, str, int]


class NewsReader(App[None]):
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute, so subclasses elsewhere find it too
    TITLE = "newsreader"
    COMMANDS = App.COMMANDS | {ReaderCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-stacked"), (120, "-wide")]
    # At 80 columns the footer holds the topic and speaker keys (a key each: groups cost the first paint
    # time); the rest are in the help (?) and the palette.
    BINDINGS = [
        Binding("n", "next_article", "Next", show=False),
        Binding("p", "previous_article", "Prev", show=False),
        Binding("s", "cycle_algorithm", "Algorithm", show=False),
        Binding("plus,equals_sign", "longer", "Longer", key_display="+", show=False),
        Binding("minus", "shorter", "Shorter", key_display="-", show=False),
        Binding("c", "show_removed", "Removed", show=False),
        Binding("t", "pick_topic", "Topic"),
        Binding("right_square_bracket", "next_passage", "Passage", key_display="]"),
        Binding("left_square_bracket", "previous_passage", "Back", key_display="[", show=False),
        Binding("T", "narrow_summary", "About"),
        Binding("f", "filter_by_topic", "Filter"),
        Binding("w", "toggle_speakers", "Speakers"),
        Binding("full_stop", "next_statement", "Said", key_display="."),
        Binding("comma", "previous_statement", "Back", key_display=",", show=False),
        Binding("o", "only_speaker", "Only"),
        Binding("F", "feeds", "Feeds"),
        Binding("r", "refresh_feeds", "Refresh"),
        Binding("O", "open_original", "Browser"),
        Binding("e", "show_errors", "Not loaded", show=False),
        Binding("escape", "focus_list", "List", show=False),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit", show=False),
    ]

    def __init__(
        self,
        paths: Iterable[str | Path] = (),
        theme_name: str | None = None,
        sentences: int = DEFAULT_SENTENCES,
        algorithm: str = DEFAULT_ALGORITHM,
        topics_file: str | Path | None = None,
    ) -> None:
        super().__init__()
        self.paths = list(paths)
        self.requested_theme = theme_name
        self.sentences = sentences
        self.algorithm = algorithm if algorithm in ALGORITHMS else DEFAULT_ALGORITHM
        self.topics_file = topics_file
        self.settings = load_settings()
        self.theme_names: list[str] = []
        self.articles: list[Article] = []
        self.load_errors: list[LoadError] = []
        self.loading_files = True
        # Finished analyses by (article id, path, algorithm, sentences): going back to an article is instant.
        self.analysed: dict[AnalysisKey, Article] = {}
        self.chosen_sentence: int | None = None
        self.pending_analysis: Timer | None = None
        # Set while the article being read waits for its analysis: the library's analysis lets it go first.
        # Set from the start, so the first article goes first too.
        self.reader_waiting = threading.Event()
        self.reader_waiting.set()
        self.user_topics: tuple[UserTopic, ...] = ()
        self.frequencies: DocumentFrequencies | None = None
        # Each article's topics once analysed (whatever the summary options), for the list and its filter.
        self.article_topics: dict[tuple[str, str], tuple[str, ...]] = {}
        self.article_index: dict[tuple[str, str], int] = {}  # where each article is in self.articles
        self.topic_filter: str | None = None
        self.analysing_library = False
        self.shown: list[int] = []  # the articles in the list, as indexes into self.articles, in order
        self.topic: str | None = None  # the chosen topic: marked in the text, where ] and [ go
        self.about_topic = False  # the summary narrowed to the chosen topic
        self.topic_summaries: dict[tuple[AnalysisKey, str], tuple[SummarySentence, ...]] = {}
        self.speaker: str | None = None  # the chosen speaker: where . and , go
        self.statement: int | None = None  # which of the speaker's statements the reader stepped to
        self.only_speaker = False
        self.opened_paths: set[str] = set()  # what the feeds screen counts as read, until read state persists
        self.feed_filter: FeedRow | None = None  # only this feed's articles in the list
        self.feeds_status = ""  # how the feeds' refresh goes, in the list's title
        self.stop_refresh = threading.Event()  # set on quit: a refresh under way ends soon
        self.theme_notes = self.set_up_themes()

    # -- layout -------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Container(id="panes"):
            yield ArticleList(id="articles", classes="pane")
            yield ArticleView(id="text", classes="pane")
            with Vertical(id="side"):
                yield SummaryList(id="summary", classes="pane")
                yield SpeakerList(id="speakers", classes="pane")
        yield Footer(compact=True)

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


    def on_mount(self) -> None:
        for note in self.theme_notes:
            self.notify(note, title="Themes", severity="error", markup=False)
        self.theme_changed_signal.subscribe(self, self.remember_theme)
        self.remember_theme(self.current_theme)  # chosen in __init__, before anyone listened
        self.article_list.border_title = "Articles"
        self.text_view.border_title = "Text"
        self.summary_list.border_title = self.summary_title()
        self.summary_list.show_pending("Loading articles…")
        self.speaker_list.border_title = "Speakers"
        self.article_list.focus()
        # After the first frame: reading files in a thread would otherwise compete with painting it.
        self.call_after_refresh(self.start_loading)

    def start_loading(self) -> None:
        # The seeds and the feeds' saved articles (see feeds.py), listed in the loading thread.
        from .feeds import default_paths

        self.load_outlines(self.paths or default_paths())

    # -- themes -------------------------------------------------------------------------------------

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return HIGHLIGHT_DEFAULTS

    def set_up_themes(self) -> list[str]:
        """Register the shipped themes and choose one; returns what to tell the user once the app runs.

        Called from __init__: choosing the theme before the first stylesheet parse saves parsing it twice.
        """
        themes, problems = shipped_themes()
        for theme in themes:
            self.register_theme(theme)
        self.theme_names = [theme.name for theme in themes]
        notes = [f"Theme file skipped: {problem}" for problem in problems]
        remembered = self.settings.theme if self.settings.theme in self.available_themes else None
        fallback = remembered or (DEFAULT_THEME if DEFAULT_THEME in self.available_themes else "textual-dark")
        requested = self.requested_theme
        if requested and requested not in self.available_themes:
            notes.append(
                f"No theme called {requested!r}; using {fallback!r}. Themes: {', '.join(self.theme_names)}."
            )
            requested = None
        self.theme = requested or fallback
        return notes

    def remember_theme(self, theme: Theme) -> None:
        if theme.name == self.settings.theme:
            return
        self.settings = Settings(theme=theme.name)
        try:
            save_settings(self.settings)
        except OSError as error:
            self.notify(f"Could not remember the theme: {error}", severity="warning", markup=False)

    def set_theme(self, name: str) -> None:
        self.theme = name

    # -- loading ------------------------------------------------------------------------------------

    @work(thread=True, group="load", exit_on_error=False)
    def load_outlines(self, paths: Iterable[str | Path]) -> None:
        self.read_user_topics()
        articles: list[Article] = []
        errors: list[LoadError] = []
        sent_at: float | None = None
        try:
            for found in discover(paths):
                result = found if isinstance(found, LoadError) else self.outline(found)
                (errors if isinstance(result, LoadError) else articles).append(result)
                if sent_at is None or monotonic() - sent_at > BATCH_SECONDS:
                    # The first file goes at once, so the first article is on screen as soon as it can be.
                    self.post_message(OutlinesLoaded(articles, errors))
                    articles, errors, sent_at = [], [], monotonic()
        except OSError as error:  # a folder that vanished or cannot be listed mid-walk
            errors.append(LoadError(error.filename or "a folder", error.strerror or str(error)))
        finally:
            self.post_message(OutlinesLoaded(articles, errors))
            self.post_message(LoadingFinished())

    def read_user_topics(self) -> None:
        """In the loading thread, before any article: its analysis needs the user's topics."""
        from ..topics import TopicsFileError, load_user_topics

        try:
            self.post_message(UserTopicsRead(load_user_topics(self.topics_file)))
        except TopicsFileError as error:
            self.post_message(UserTopicsRead((), str(error)))

    def on_user_topics_read(self, message: UserTopicsRead) -> None:
        self.user_topics = message.topics
        if message.problem:
            self.notify(f"{message.problem}; only the topics found in the text are used", title="Your topics",
                        severity="error", timeout=10, markup=False)

    @staticmethod
    def outline(path: Path) -> Article | LoadError:
        # Imported here, in the loading thread: the cleaning modules take a tenth of a second to import,
        # which the first paint need not wait for.
        from ..analysis import load

        try:
            return load(path)
        except Exception as error:  # one odd file must not stop the rest of the library loading
            return LoadError(str(path), f"could not be read: {error}")

    def on_outlines_loaded(self, message: OutlinesLoaded) -> None:
        for error in message.errors:
            self.load_errors.append(error)
            if len(self.load_errors) <= NOTIFIED_ERRORS:
                self.notify(f"{error.path}: {error.error}", title="Not loaded", severity="error", timeout=10,
                            markup=False)
        if not message.articles and not message.errors:
            return
        first = not self.articles
        start = len(self.articles)
        self.articles.extend(message.articles)
        self.article_index.update((article_key(a), start + n) for n, a in enumerate(message.articles))
        if self.topic_filter is None:  # a filtered list gets an article once its topics are known
            self.shown.extend(range(start, len(self.articles)))
            self.article_list.add_articles(message.articles, self.article_topics)
        elif self.feed_filter is not None:
            self.fill_list()
        self.update_list_title()
        if first and self.shown:
            self.article_list.highlighted = 0

    def on_loading_finished(self, _message: LoadingFinished) -> None:
        self.loading_files = False
        self.update_list_title()
        unnamed = len(self.load_errors) - NOTIFIED_ERRORS
        if unnamed > 0:
            self.notify(f"and {unnamed} more files could not be read", title="Not loaded", severity="error",
                        timeout=10)
        if not self.articles:
            self.summary_list.show_pending("No articles to show.")
            self.speaker_list.show_pending("No articles to show.")
            return
        self.analyse_library(list(self.articles))

    def update_list_title(self) -> None:
        if not self.is_running:  # closing: a worker's last news arrives after the list has gone
            return
        count = f"{len(self.articles)} article{'' if len(self.articles) == 1 else 's'}"
        if self.topic_filter is not None:
            # Until every article is analysed, more may turn out to be about the topic.
            more = " so far" if self.analysing_library else ""
            count = f"{len(self.shown)} of {count} about {self.topic_filter}{more}"
        if self.feed_filter is not None:
            count = f"{len(self.shown)} of {count} from {printable(self.feed_filter.name)}"
        unreadable = f" · {len(self.load_errors)} not loaded (e)" if self.load_errors else ""
        loading = " · loading…" if self.loading_files else ""
        feeds = f" · {self.feeds_status}" if self.feeds_status else ""
        self.article_list.border_title = Content(f"Articles ({count}){unreadable}{loading}{feeds}")

    # -- the current article ------------------------------------------------------------------------

    @property
    def current(self) -> Article | None:
        row = self.article_list.highlighted
        return self.articles[self.shown[row]] if row is not None and row < len(self.shown) else None

    def analysis_key(self, article: Article) -> AnalysisKey:
        return (article.id, article.path, self.algorithm, self.sentences)

    @on(OptionList.OptionHighlighted, "#articles")
    def article_highlighted(self) -> None:
        self.chosen_sentence = None
        self.speaker, self.statement, self.only_speaker = None, None, False
        self.show_current()
        if self.current is not None:
            self.opened_paths.add(self.current.path)

    @on(OptionList.OptionSelected, "#articles")
    def article_selected(self) -> None:
        self.text_view.focus()

    def marks(self, article: Article) -> Marks:
        statements = statements_of(article, self.speaker)
        stepped_to = statements[self.statement] if self.statement is not None and statements else None
        return Marks(
            chosen_sentence=self.chosen_sentence,
            topic=self.topic,
            statement=stepped_to,
            only_speaker=self.speaker if self.only_speaker else None,
        )

    def show_current(self) -> None:
        """Show the current article, analysed if that is done already; otherwise start the analysis."""
        article = self.current
        if article is None:  # nothing to read (an empty list): nothing for the library's analysis to wait for
            self.reader_waiting.clear()
            self.summary_list.border_title = self.summary_title()
            return
        analysed = self.analysed.get(self.analysis_key(article))
        if analysed is None:
            self.text_view.show(article)
            self.text_view.border_title = self.text_title(article)
            self.summary_list.border_title = self.summary_title()
            self.summary_list.show_pending(f"Analysing… ({self.algorithm}, {self.sentences} sentences)")
            self.speaker_list.show_pending("Finding who speaks…")
            self.reader_waiting.set()
            if self.pending_analysis is not None:
                self.pending_analysis.stop()
            self.pending_analysis = self.set_timer(
                ANALYSIS_DELAY, partial(self.analyse, article, self.algorithm, self.sentences)
            )
            return
        self.reader_waiting.clear()
        about = self.topic if self.about_topic and self.has_topic(analysed, self.topic) else None
        self.summary_list.border_title = self.summary_title(about)
        if about is not None:
            narrowed = self.topic_summaries.get((self.analysis_key(analysed), about))
            if narrowed is None:
                self.summarise_topic(analysed, about, self.algorithm, self.sentences)
                self.summary_list.show_pending(f"Summarising what it says about {about}…")
            else:
                analysed = replace(analysed, summary=narrowed)
        self.text_view.show(analysed, self.marks(analysed))
        self.text_view.border_title = self.text_title(analysed)
        if about is None or (self.analysis_key(analysed), about) in self.topic_summaries:
            self.summary_list.show_summary(analysed)
        self.speaker_list.show_speakers(analysed, self.speaker)
        self.speaker_list.border_title = Content(f"Speakers ({len(analysed.speakers)})")

    @staticmethod
    def has_topic(article: Article, name: str | None) -> bool:
        return any(topic.name == name for topic in article.topics)

    def summary_title(self, about: str | None = None) -> Content:
        plural = "" if self.sentences == 1 else "s"
        what = f"What it says about {about}" if about else "Summary"
        return Content(f"{what} · {self.sentences} sentence{plural} · {self.algorithm}")

    def text_title(self, article: Article) -> Content:
        """The topic bar: the article's topics (no label: "Text" would take the room of a topic at 120
        columns), the chosen one marked by shape as well as colour."""
        parts: list[Content] = []
        if self.only_speaker and self.speaker:
            parts.append(plain(f"Only {self.speaker} · ", "bold"))
        for topic in article.topics:
            style = topic_style(article, topic.name) or ""
            chosen = topic.name == self.topic
            name = f"▶{topic.name}◀" if chosen else topic.name
            parts.append(plain(name, f"bold underline {style}" if chosen else style) + " ")
        return Content.assemble(*parts).rstrip() if article.topics else Content.assemble(*parts, "Text")

    @work(thread=True, exclusive=True, group="analysis", exit_on_error=False)
    def analyse(self, article: Article, algorithm: str, sentences: int) -> None:
        from ..analysis import complete  # loaded already by the outline's thread; see `outline`

        worker = get_current_worker()
        try:
            done = complete(article, sentences, algorithm, user_topics=self.user_topics,
                            frequencies=self.frequencies)
        except Exception as error:  # a summarizer failing on one text must not take the reader down
            self.post_message(AnalysisFailed(article, f"{type(error).__name__}: {error}"))
            return
        if not worker.is_cancelled:
            self.post_message(AnalysisDone(done, sentences))

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def analyse_library(self, outlines: list[Article]) -> None:
        """Every article in list order, so the list shows their topics and can be filtered by them."""
        from ..analysis import complete
        from ..topics import MIN_DOCUMENTS_FOR_STATISTICS, DocumentFrequencies

        worker = get_current_worker()

        def reader_first() -> bool:
            """Wait while the article being read is analysed; False once the app no longer wants us."""
            while self.reader_waiting.is_set() and not worker.is_cancelled:
                sleep(YIELD_SECONDS)
            return not worker.is_cancelled

        if not reader_first():
            return
        frequencies = DocumentFrequencies.from_articles((a.paragraphs for a in outlines), self.user_topics)
        weighed = frequencies.documents >= MIN_DOCUMENTS_FOR_STATISTICS
        self.post_message(FrequenciesReady(frequencies))
        for article in outlines:
            if not reader_first():
                return
            algorithm, sentences = self.algorithm, self.sentences
            # Analyses made before the frequencies were known are made again when they change the topics.
            if not weighed and (article.id, article.path, algorithm, sentences) in self.analysed:
                continue
            try:
                done = complete(article, sentences, algorithm, user_topics=self.user_topics,
                                frequencies=frequencies)
            except Exception:  # noqa: BLE001, S112 - its topics stay unknown; opening it reports the error
                continue
            self.post_message(AnalysisDone(done, sentences))

    @on(Worker.StateChanged)
    def library_progress(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "library":
            self.analysing_library = event.state in (WorkerState.PENDING, WorkerState.RUNNING)
            self.update_list_title()

    def on_frequencies_ready(self, message: FrequenciesReady) -> None:
        self.frequencies = message.frequencies

    def on_analysis_done(self, message: AnalysisDone) -> None:
        done = message.article
        key = (done.id, done.path, done.algorithm, message.sentences)
        self.analysed[key] = done
        self.learn_topics(done)
        if self.current is not None and self.analysis_key(self.current) == key:
            self.show_current()

    def on_analysis_failed(self, message: AnalysisFailed) -> None:
        if self.current is not None and self.current.id == message.article.id:
            self.reader_waiting.clear()
            self.summary_list.show_pending(f"No summary: {message.error}")

    def learn_topics(self, article: Article) -> None:
        """Show an analysed article's topics in its row, and add it to a filtered list it now belongs in."""
        topics = tuple(topic.name for topic in article.topics)
        key = article_key(article)
        if self.article_topics.get(key) == topics:
            return
        self.article_topics[key] = topics
        index = self.article_index.get(key)
        if index is None:
            return
        row = bisect_left(self.shown, index)
        if row < len(self.shown) and self.shown[row] == index:
            self.article_list.show_topics(row, self.articles[index], topics)
        elif self.topic_filter in topics:
            self.fill_list()

    @work(thread=True, exclusive=True, group="topic-summary", exit_on_error=False)
    def summarise_topic(self, article: Article, topic: str, algorithm: str, sentences: int) -> None:
        from ..summary import summarize

        paragraphs = next((set(t.paragraphs) for t in article.topics if t.name == topic), set())
        try:
            summary = summarize(article.paragraphs, sentences, algorithm, article.title, within=paragraphs)
        except Exception as error:  # as in `analyse`
            self.post_message(AnalysisFailed(article, f"{type(error).__name__}: {error}"))
            return
        self.post_message(TopicSummaryDone(article, topic, sentences, summary))

    def on_topic_summary_done(self, message: TopicSummaryDone) -> None:
        done = message.article
        self.topic_summaries[((done.id, done.path, done.algorithm, message.sentences), message.topic)] = (
            message.summary
        )
        self.show_current()

    @on(OptionList.OptionSelected, "#summary")
    def sentence_chosen(self, event: OptionList.OptionSelected) -> None:
        article = self.text_view.article
        if article is None or event.option_index >= len(article.summary):
            return
        self.chosen_sentence = event.option_index
        sentence = article.summary[event.option_index]
        self.text_view.show(article, self.marks(article))
        self.text_view.move_cursor(sentence.paragraph, sentence.text)

    @on(OptionList.OptionSelected, "#speakers")
    def speaker_chosen(self, event: OptionList.OptionSelected) -> None:
        article = self.text_view.article
        if article is not None and event.option_index < len(article.speakers):
            self.choose_speaker(article.speakers[event.option_index].name)

    # -- the article list ---------------------------------------------------------------------------

    def fill_list(self) -> None:
        """Fill the list again (the filter changed), keeping the article being read highlighted if it stays."""
        reading = self.shown[self.article_list.highlighted] if self.current is not None else None
        wanted = self.topic_filter
        self.shown = [
            index
            for index, article in enumerate(self.articles)
            if (wanted is None or wanted in self.article_topics.get(article_key(article), ()))
            and (self.feed_filter is None or article.path in self.feed_filter.paths)
        ]
        self.article_list.clear_options()
        self.article_list.add_articles([self.articles[i] for i in self.shown], self.article_topics)
        self.update_list_title()
        if self.shown:
            row = bisect_left(self.shown, reading) if reading is not None else 0
            self.article_list.highlighted = row if row < len(self.shown) and self.shown[row] == reading else 0

    def filter_by_topic(self, name: str | None) -> None:
        self.topic_filter = name
        if name is not None:
            self.topic = name
        self.fill_list()

    def known_topics(self) -> list[str]:
        """Every topic of the analysed articles, the most widespread first."""
        counts: dict[str, int] = {}
        for topics in self.article_topics.values():
            for name in topics:
                counts[name] = counts.get(name, 0) + 1
        return sorted(counts, key=lambda name: (-counts[name], name))

    # -- actions ------------------------------------------------------------------------------------

    def move_article(self, step: int) -> None:
        if not self.shown:
            return
        index = self.article_list.highlighted
        target = 0 if index is None else index + step
        if 0 <= target < len(self.shown):
            self.article_list.highlighted = target
        else:
            self.bell()

    def action_next_article(self) -> None:
        self.move_article(+1)

    def action_previous_article(self) -> None:
        self.move_article(-1)

    def set_algorithm(self, name: str) -> None:
        self.algorithm = name
        self.chosen_sentence = None
        self.show_current()

    def action_cycle_algorithm(self) -> None:
        self.set_algorithm(next_algorithm(self.algorithm))

    def set_sentences(self, sentences: int) -> None:
        if not 1 <= sentences <= MAX_SENTENCES:
            self.bell()
            return
        self.sentences = sentences
        self.chosen_sentence = None
        self.show_current()

    def action_longer(self) -> None:
        self.set_sentences(self.sentences + 1)

    def action_shorter(self) -> None:
        self.set_sentences(self.sentences - 1)

    def action_show_removed(self) -> None:
        article = self.text_view.article
        if article is not None:
            self.push_screen(RemovedScreen(article))

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def action_show_errors(self) -> None:
        from .errors import ErrorsScreen  # see errors.py

        self.push_screen(ErrorsScreen(self.load_errors))

    # -- feeds (see feeds.py) -----------------------------------------------------------------------

    def action_feeds(self) -> None:
        from .feeds import FeedsScreen

        self.push_screen(FeedsScreen(), self.filter_by_feed)

    def filter_by_feed(self, row: FeedRow | None) -> None:
        """Only `row`'s feed's articles in the list (every article for the feeds screen's first row)."""
        if row is not None:
            self.feed_filter = row if row.feed is not None else None
            self.fill_list()

    def action_refresh_feeds(self) -> None:
        from .feeds import start_refresh

        start_refresh(self)

    def action_open_original(self) -> None:
        from .feeds import open_original

        open_original(self)

    def on_unmount(self) -> None:
        self.stop_refresh.set()

    def action_focus_list(self) -> None:
        self.article_list.focus()

    def action_focus_summary(self) -> None:
        (self.summary_list if self.summary_list.display else self.speaker_list).focus()

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
        if not self.has_topic(article, self.topic):
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
        if not self.about_topic and not self.has_topic(article, self.topic):
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

    def step_statement(self, forward: bool) -> None:
        article = self.analysed_current()
        if article is None:
            return
        if not article.speakers:
            self.notify("Nobody speaks in this article.", timeout=3)
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
        article = self.analysed_current()
        if article is None:
            return
        if not article.speakers:
            self.notify("Nobody speaks in this article.", timeout=3)
            return
        self.speaker = self.speaker or article.speakers[0].name
        self.only_speaker = not self.only_speaker
        self.show_current()
        statements = statements_of(article, self.speaker)
        if self.only_speaker and statements:
            statement = statements[self.statement or 0]
            self.text_view.move_cursor(statement.paragraph, statement.text)
