"""The reader app: the article list, the selected article's text, and its summary beside it.

Start-up is kept cheap: the screen paints first, files are read and cleaned (the cheap outline) in a thread,
and the expensive analysis (sumy, NLTK: over a second on first use) runs in another thread, one article at
a time, after the article is on screen. Results come back as messages, so keys keep answering meanwhile.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from time import monotonic

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.content import Content
from textual.theme import Theme
from textual.timer import Timer
from textual.widgets import Footer, OptionList
from textual.worker import get_current_worker

from ..model import Article, LoadError
from ..settings import Settings, load_settings, save_settings
from ..sources import discover, seed_paths
from ..summary import ALGORITHMS, DEFAULT_ALGORITHM, DEFAULT_SENTENCES, next_algorithm
from .commands import ReaderCommands
from .messages import AnalysisDone, AnalysisFailed, LoadingFinished, OutlinesLoaded
from .screens import HelpScreen, RemovedScreen
from .themes import DEFAULT_THEME, HIGHLIGHT_DEFAULTS, shipped_themes
from .widgets import ArticleList, ArticleView, SummaryList

MAX_SENTENCES = 20
# Send loaded outlines to the screen at least this often, so a big library fills in as it loads.
BATCH_SECONDS = 0.1
# Start analysing an article once the reader has rested on it this long: holding `j` down through a list
# then costs no summaries nobody reads, and the outline is painted before the first one imports NLTK.
ANALYSIS_DELAY = 0.1
# A notice each for the first few unreadable files; past that, one notice counts the rest.
NOTIFIED_ERRORS = 5


class NewsReader(App[None]):
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute, so subclasses elsewhere find it too
    TITLE = "newsreader"
    COMMANDS = App.COMMANDS | {ReaderCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-stacked"), (120, "-wide")]
    BINDINGS = [
        Binding("n", "next_article", "Next"),
        Binding("p", "previous_article", "Prev"),
        Binding("s", "cycle_algorithm", "Algorithm"),
        Binding("plus,equals_sign", "longer", "Longer", key_display="+"),
        Binding("minus", "shorter", "Shorter", key_display="-"),
        Binding("c", "show_removed", "Removed"),
        Binding("escape", "focus_list", "List", show=False),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        paths: Iterable[str | Path] = (),
        theme_name: str | None = None,
        sentences: int = DEFAULT_SENTENCES,
        algorithm: str = DEFAULT_ALGORITHM,
    ) -> None:
        super().__init__()
        self.paths = list(paths)
        self.requested_theme = theme_name
        self.sentences = sentences
        self.algorithm = algorithm if algorithm in ALGORITHMS else DEFAULT_ALGORITHM
        self.settings = load_settings()
        self.theme_names: list[str] = []
        self.articles: list[Article] = []
        self.load_errors: list[LoadError] = []
        self.loading_files = True
        # Finished analyses by (article id, path, algorithm, sentences): going back to an article is instant.
        self.analysed: dict[tuple[str, str, str, int], Article] = {}
        self.chosen_sentence: int | None = None
        self.pending_analysis: Timer | None = None
        self.theme_notes = self.set_up_themes()

    # -- layout -------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Container(id="panes"):
            yield ArticleList(id="articles")
            yield ArticleView(id="text")
            yield SummaryList(id="summary")
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

    def on_mount(self) -> None:
        for note in self.theme_notes:
            self.notify(note, title="Themes", severity="error", markup=False)
        self.theme_changed_signal.subscribe(self, self.remember_theme)
        self.remember_theme(self.current_theme)  # chosen in __init__, before anyone listened
        self.article_list.border_title = "Articles"
        self.text_view.border_title = "Text"
        self.summary_list.border_title = self.summary_title()
        self.summary_list.show_pending("Loading articles…")
        self.article_list.focus()
        # After the first frame: reading files in a thread would otherwise compete with painting it.
        self.call_after_refresh(self.load_outlines, self.paths or seed_paths())

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
    def load_outlines(self, paths: list[str | Path]) -> None:
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
        self.articles.extend(message.articles)
        self.article_list.add_articles(message.articles)
        self.update_list_title()
        if first and self.articles:
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

    def update_list_title(self) -> None:
        count = f"{len(self.articles)} article{'' if len(self.articles) == 1 else 's'}"
        unreadable = f" · {len(self.load_errors)} not loaded" if self.load_errors else ""
        loading = " · loading…" if self.loading_files else ""
        self.article_list.border_title = Content(f"Articles ({count}){unreadable}{loading}")

    # -- the current article ------------------------------------------------------------------------

    @property
    def current(self) -> Article | None:
        index = self.article_list.highlighted
        return self.articles[index] if index is not None and index < len(self.articles) else None

    def analysis_key(self, article: Article) -> tuple[str, str, str, int]:
        return (article.id, article.path, self.algorithm, self.sentences)

    @on(OptionList.OptionHighlighted, "#articles")
    def article_highlighted(self) -> None:
        self.chosen_sentence = None
        self.show_current()

    @on(OptionList.OptionSelected, "#articles")
    def article_selected(self) -> None:
        self.text_view.focus()

    def show_current(self) -> None:
        """Show the current article, analysed if that is done already; otherwise start the analysis."""
        self.summary_list.border_title = self.summary_title()
        article = self.current
        if article is None:
            return
        analysed = self.analysed.get(self.analysis_key(article))
        if analysed is not None:
            self.text_view.show(analysed, self.chosen_sentence)
            self.summary_list.show_summary(analysed)
            return
        self.text_view.show(article)
        self.summary_list.show_pending(f"Analysing… ({self.algorithm}, {self.sentences} sentences)")
        if self.pending_analysis is not None:
            self.pending_analysis.stop()
        self.pending_analysis = self.set_timer(
            ANALYSIS_DELAY, partial(self.analyse, article, self.algorithm, self.sentences)
        )

    def summary_title(self) -> Content:
        plural = "" if self.sentences == 1 else "s"
        return Content(f"Summary · {self.sentences} sentence{plural} · {self.algorithm}")

    @work(thread=True, exclusive=True, group="analysis", exit_on_error=False)
    def analyse(self, article: Article, algorithm: str, sentences: int) -> None:
        from ..analysis import complete  # loaded already by the outline's thread; see `outline`

        worker = get_current_worker()
        try:
            done = complete(article, sentences, algorithm)
        except Exception as error:  # a summarizer failing on one text must not take the reader down
            self.post_message(AnalysisFailed(article, f"{type(error).__name__}: {error}"))
            return
        if not worker.is_cancelled:
            self.post_message(AnalysisDone(done, sentences))

    def on_analysis_done(self, message: AnalysisDone) -> None:
        done = message.article
        key = (done.id, done.path, done.algorithm, message.sentences)
        self.analysed[key] = done
        if self.current is not None and self.analysis_key(self.current) == key:
            self.show_current()

    def on_analysis_failed(self, message: AnalysisFailed) -> None:
        if self.current is not None and self.current.id == message.article.id:
            self.summary_list.show_pending(f"No summary: {message.error}")

    @on(OptionList.OptionSelected, "#summary")
    def sentence_chosen(self, event: OptionList.OptionSelected) -> None:
        article = self.text_view.article
        if article is None or event.option_index >= len(article.summary):
            return
        self.chosen_sentence = event.option_index
        self.text_view.show(article, self.chosen_sentence)
        self.text_view.scroll_to_sentence(article.summary[event.option_index])

    # -- actions ------------------------------------------------------------------------------------

    def move_article(self, step: int) -> None:
        if not self.articles:
            return
        index = self.article_list.highlighted
        target = 0 if index is None else index + step
        if 0 <= target < len(self.articles):
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

    def action_focus_list(self) -> None:
        self.article_list.focus()

    def action_focus_summary(self) -> None:
        self.summary_list.focus()
