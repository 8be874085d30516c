"""The reader app: the article list, the selected article's text, and its summary (or speakers) beside it.

The App itself is here: its keys, its layout and start, its themes, the article on screen and the actions
on it. The rest comes from mixins, each with the state it keeps: loading and analysing the library
(loading.py), the article list (listing.py), the topic and speaker keys (topic_speaker_navigation.py).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical
from textual.content import Content
from textual.theme import Theme
from textual.widget import MountError
from textual.widgets import Footer, OptionList

from ..model import Article, LoadError
from ..settings import Settings, load_settings, save_settings
from ..summary import ALGORITHMS, DEFAULT_ALGORITHM, DEFAULT_SENTENCES, next_algorithm
from .collector import QUIET_SECONDS, QuietCollector
from .listing import ArticleListing
from .loading import LibraryLoading
from .marking import Marks, topic_style
from .navigation import has_topic, short_name, statements_of
from .themes import DEFAULT_THEME, HIGHLIGHT_DEFAULTS, shipped_themes
from .topic_speaker_navigation import TopicSpeakerNavigation
from .widgets import ArticleList, ArticleView, SpeakerList, SummaryList, plain

MAX_SENTENCES = 20


def _reader_commands():
    """The palette's provider, imported when the palette first opens (Textual takes a callable here)."""
    from .commands import ReaderCommands

    return ReaderCommands


class NewsReader(LibraryLoading, ArticleListing, TopicSpeakerNavigation, App[None]):
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute, so subclasses elsewhere find it too
    TITLE = "newsreader"
    COMMANDS = App.COMMANDS | {_reader_commands}
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
        Binding("O", "only_speaker", "Only"),
        Binding("escape", "focus_list", "List", show=False),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("F", "feeds", "Feeds", show=False),  # in the help and the palette: an 80-column footer is full
        Binding("r", "refresh_feeds", "Refresh", show=False),  # in F's screen and the help: the footer is full
        Binding("o", "open_original", "Browser", show=False),
        Binding("e", "show_errors", "Not loaded", show=False),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("m", "toggle_read", "Read"),
        Binding("M", "mark_shown_read", "All read", show=False),
        Binding("asterisk", "toggle_star", "Star", key_display="*"),
        Binding("v", "next_view", "View", show=False),
        Binding("S", "next_sort", "Sort", show=False),
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
        self.chosen_sentence: int | None = None
        self.stop_refresh = threading.Event()  # set on quit: a refresh under way ends soon
        self.theme_notes = self.set_up_themes()
        self.collector = QuietCollector()

    # -- layout -------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # The layout's breakpoint class now, not on the first resize: Textual lays the screen out before it
        # sets that class, then styles and lays everything out again (a sixth of the first paint).
        reached = [name for threshold, name in self.HORIZONTAL_BREAKPOINTS if self.size.width >= threshold]
        for _, name in self.HORIZONTAL_BREAKPOINTS:
            self.screen.set_class(name == reached[-1], name)
        with Container(id="panes"):
            yield ArticleList(id="articles", classes="pane")
            yield ArticleView(id="text", classes="pane")
            with Vertical(id="side"):
                yield SummaryList(id="summary", classes="pane")
                yield SpeakerList(id="speakers", classes="pane")

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

    async def mount_footer(self) -> None:
        try:
            await self.mount(Footer(compact=True))
        except MountError:  # the reader quit before its second frame
            return
        self.refresh_bindings()  # the footer lists the keys of whatever has focus

    def on_mount(self) -> None:
        for note in self.theme_notes:
            self.notify(note, title="Themes", severity="error", markup=False)
        if self.settings.notice:
            self.notify(self.settings.notice, title="Settings", severity="warning", timeout=10, markup=False)
        self.theme_changed_signal.subscribe(self, self.remember_theme)
        self.remember_theme(self.current_theme)  # chosen in __init__, before anyone listened
        # The footer's keys (a widget each) come a frame after the panes: an eighth of the first paint.
        self.call_after_refresh(self.mount_footer)
        self.article_list.border_title = "Articles"
        self.text_view.border_title = "Text"
        self.summary_list.border_title = self.summary_title()
        self.summary_list.show_pending("Loading articles…")
        self.speaker_list.border_title = "Speakers"
        self.article_list.focus()
        # After the first frame: reading files in a thread would otherwise compete with painting it.
        self.call_after_refresh(self.start_loading)
        self.collector.start()
        self.set_interval(QUIET_SECONDS / 2, self.collector.collect_if_quiet)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp)):
            self.collector.input_came()
        await super().on_event(event)

    def start_loading(self) -> None:
        # The seeds and the feeds' saved articles (see feeds.py), listed in the loading thread.
        from .feeds import default_paths

        self.load_outlines(self.paths or default_paths())

    @on(events.Unmount)
    def thaw(self) -> None:
        """Give what `gc.freeze` (see on_loading_finished) kept back to the collector, and its own full
        collections (tests run many apps in one process)."""
        gc.unfreeze()
        self.collector.stop()

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
            notice = save_settings(self.settings)
        except OSError as error:
            notice = f"Could not remember the theme: {error}"
        if notice:
            self.notify(notice, title="Settings", severity="warning", markup=False)

    def set_theme(self, name: str) -> None:
        self.theme = name

    # -- the current article ------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#articles")
    def article_highlighted(self) -> None:
        self.chosen_sentence = None
        self.speaker, self.statement, self.only_speaker = None, None, False
        self.show_current()

    @on(OptionList.OptionSelected, "#articles")
    def article_selected(self) -> None:
        """Opening an article marks it read, as in newsboat."""
        entry = self.current
        if entry is not None and self.read_state is not None and entry.id not in self.read_state.read:
            self.read_state.set_read([entry.id])
            self.redraw_row(entry)
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
        entry = self.current
        if entry is None:
            self.summary_list.border_title = self.summary_title()
            return
        analysed = self.analysed.get(self.analysis_key(entry)) or self.cached_analysis(entry)
        if analysed is None:
            article = self.outline_of(entry)
            if isinstance(article, LoadError):
                self.summary_list.show_pending(f"Could not read it: {article.error}")
                return
            self.text_view.show(article)
            self.text_view.border_title = self.text_title(article)
            self.summary_list.border_title = self.summary_title()
            self.summary_list.show_pending(f"Analysing… ({self.algorithm}, {self.sentences} sentences)")
            self.speaker_list.show_pending("Finding who speaks…")
            self.request_analysis_soon(article)
            return
        about = self.topic if self.about_topic and has_topic(analysed, self.topic) else None
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
        statements = statements_of(article, self.speaker)
        if self.statement is not None and statements:  # "Obama · statement 3 of 11": the topics keep the room
            who = "" if self.only_speaker else f"{short_name(article, self.speaker)} · "
            parts.append(plain(f"{who}statement {self.statement % len(statements) + 1} of {len(statements)} · ", "bold"))
        for topic in article.topics:
            style = topic_style(article, topic.name) or ""
            chosen = topic.name == self.topic
            name = f"▶{topic.name}◀" if chosen else topic.name
            parts.append(plain(name, f"bold underline {style}" if chosen else style) + " ")
        return Content.assemble(*parts).rstrip() if article.topics else Content.assemble(*parts, "Text")

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

    # -- actions ------------------------------------------------------------------------------------

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
            from .screens import RemovedScreen  # dialogs load when first opened: not before the first paint

            self.push_screen(RemovedScreen(article))

    def action_help(self) -> None:
        from .screens import HelpScreen

        self.push_screen(HelpScreen())

    def action_show_errors(self) -> None:
        from .errors import ErrorsScreen  # see errors.py

        self.push_screen(ErrorsScreen(self.load_errors))

    # -- feeds (see feeds.py) -----------------------------------------------------------------------

    def action_feeds(self) -> None:
        from .feeds import FeedsScreen

        self.push_screen(FeedsScreen(), self.filter_by_feed)

    def action_refresh_feeds(self) -> None:
        from .feeds import start_refresh

        self.reload_marks()  # what other readers marked, at once rather than at the next poll
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
