"""The reader app: it routes its keys to the panes that own what they change (reading.py, article_list.py, the
text view's `Choice`), opens its screens over them, and keeps the themes; the library is the session's."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path

from textual import events, on
from textual.actions import ActionParseResult
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.command import Provider
from textual.dom import DOMNode
from textual.theme import Theme
from textual.widget import MountError

from ..session import Session
from ..settings import Settings, load_settings, save_settings
from ..summary import DEFAULT_ALGORITHM, DEFAULT_SENTENCES
from .article_list import ArticleList
from .collector import QUIET_SECONDS, QuietCollector
from .messages import SearchChanged, SearchKept
from .reading import ReadingPanes
from .status import ReaderFooter
from .themes import HIGHLIGHT_DEFAULTS, set_up_themes
from .virtual_list import STEP_ACTIONS
from .widgets import ArticleView, with_ids

# The actions that move the list's cursor a step (the list's own and the app's): see NewsReader.run_action.
CURSOR_STEPS = STEP_ACTIONS | {"next_article", "previous_article"}


def _reader_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens (Textual takes a callable here)."""
    from .commands import ReaderCommands

    return ReaderCommands


class NewsReader(App[None]):
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute, so subclasses elsewhere find it too
    TITLE = "newsreader"
    COMMANDS = App.COMMANDS | {_reader_commands}
    HORIZONTAL_BREAKPOINTS = [(0, "-stacked"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-tiny"), (16, "-short"), (24, "-tall")]  # see ReadingPanes.DEFAULT_CSS
    # The list's keys and the screens'; the panes' own are ReadingPanes.BINDINGS. The footer: a key each (groups
    # cost the first paint time), the rest in ? and the palette.
    BINDINGS = with_ids([
        Binding("n", "next_article", "Next", show=False),
        Binding("p", "previous_article", "Prev", show=False),
        Binding("c", "show_removed", "Removed", show=False),
        Binding("escape", "focus_list", "List", show=False),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
        Binding("F", "feeds", "Feeds", show=False),
        Binding("r", "refresh_feeds", "Refresh", show=False),  # in F's screen and the help
        Binding("o", "open_original", "Browser", show=False),
        Binding("e", "show_errors", "Not loaded", show=False),
        Binding("m", "toggle_read", "Read", show=False),
        Binding("M", "mark_shown_read", "All read", show=False),
        Binding("asterisk", "toggle_star", "Star", key_display="*", show=False),
        Binding("v", "next_view", "View", show=False),
        Binding("S", "next_sort", "Sort", show=False),
    ])

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
        self.session = Session(sentences, algorithm, topics_file)
        self.settings = load_settings()
        self.stop_refresh = threading.Event()  # set on quit: a refresh under way ends soon
        # Before the first stylesheet parse: choosing the theme then saves parsing it twice.
        self.theme_names, self.theme_notes = set_up_themes(self, self.settings.theme, theme_name)
        self.collector = QuietCollector(busy=lambda: self.session.loading_files)

    # -- layout -------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # The layout's breakpoint class now, not on the first resize: Textual lays the screen out before it
        # sets that class, then styles and lays everything out again (a sixth of the first paint).
        for breakpoints, size in ((self.HORIZONTAL_BREAKPOINTS, self.size.width),
                                  (self.VERTICAL_BREAKPOINTS, self.size.height)):
            reached = [name for threshold, name in breakpoints if size >= threshold]
            for _, name in breakpoints:
                self.screen.set_class(name == reached[-1], name)
        yield ReadingPanes(self.session, id="panes")

    @property
    def panes(self) -> ReadingPanes:
        return self.query_one(ReadingPanes)

    @property
    def article_list(self) -> ArticleList:
        return self.panes.article_list

    @property
    def text_view(self) -> ArticleView:
        return self.panes.text_view

    async def mount_footer(self) -> None:
        try:
            await self.mount(ReaderFooter(compact=True))
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
        # A library opened before has its first screen of rows in the first frame, from one query (the default
        # library's paths come from the feeds' store, after it). The files are read after the first frame, in a
        # thread that would otherwise compete with painting it (given the paths, it starts now and waits).
        if self.paths:
            self.panes.show_first_screen(self.paths)
            self.start_loading()
        else:
            self.call_after_refresh(self.start_loading)
        self.collector.start()
        self.set_interval(QUIET_SECONDS / 2, self.collector.collect_if_quiet)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp)):
            self.collector.input_came()
        await super().on_event(event)

    async def run_action(self, action: str | ActionParseResult, default_namespace: DOMNode | None = None,
                         namespaces: Mapping[str, DOMNode] | None = None) -> bool:
        # Every key's action comes here: one that acts on the article the cursor ran to needs it whole.
        name = action if isinstance(action, str) else action[1]
        if name.partition("(")[0].rpartition(".")[2] not in CURSOR_STEPS:
            for panes in self.query(ReadingPanes):  # none while a dialog's screen is on top
                panes.show_rested()
        return await super().run_action(action, default_namespace, namespaces)

    def start_loading(self) -> None:
        # The seeds and the feeds' saved articles (see feeds.py), listed in the loading thread.
        from .feeds import default_paths, feeds_notices

        self.panes.load_outlines(self.paths or default_paths(feeds_notices(self.panes)))

    @on(events.Unmount)
    def thaw(self) -> None:
        """Give what `gc.freeze` (see ReadingPanes.loading_finished) kept back to the collector, and its own
        full collections (tests run many apps in one process); a refresh under way ends soon."""
        gc.unfreeze()
        self.collector.stop()
        self.stop_refresh.set()

    # -- themes -------------------------------------------------------------------------------------

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return HIGHLIGHT_DEFAULTS

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

    # -- keys: each goes to the pane that owns what it changes --------------------------------------

    def action_next_article(self) -> None:
        self.article_list.move(+1)

    def action_previous_article(self) -> None:
        self.article_list.move(-1)

    def action_toggle_read(self) -> None:
        self.article_list.toggle_read()

    def action_mark_shown_read(self) -> None:
        self.article_list.mark_shown_read()

    def action_toggle_star(self) -> None:
        self.article_list.toggle_star()

    def action_next_view(self) -> None:
        self.article_list.set_view(self.session.next_view())

    def action_next_sort(self) -> None:
        self.article_list.set_sort(self.session.next_sort())

    def action_search(self) -> None:
        from .search import SearchBox  # see search.py

        if self.panes.reading:  # the search narrows the list: out of reading mode, to see it
            self.panes.action_leave_reading()
        boxes = self.query(SearchBox)
        box = boxes.first() if boxes else SearchBox(self.session.search_query)
        if not boxes:
            self.mount(box, before=self.panes)
        box.focus()

    @on(ArticleList.Highlighted, "#articles")
    def article_highlighted(self, message: ArticleList.Highlighted) -> None:
        if message.virtual_list.is_attached:  # else queued as the reader quit: the panes are gone
            self.panes.article_highlighted(message.running)  # here: the panes' own queue would paint a frame later

    @on(SearchChanged)
    def search_changed(self, message: SearchChanged) -> None:
        self.panes.search(message.query)

    @on(SearchKept)
    def search_kept(self) -> None:
        self.article_list.focus()

    def action_clear_search(self) -> None:
        from .search import SearchBox

        self.query(SearchBox).remove()
        self.panes.search("")
        self.article_list.focus()

    def action_focus_list(self) -> None:
        self.article_list.focus()

    # -- screens ------------------------------------------------------------------------------------

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

        self.push_screen(ErrorsScreen(self.session.load_errors))

    # -- feeds (see feeds.py) -----------------------------------------------------------------------

    def action_feeds(self) -> None:
        from .feeds import FeedsScreen

        self.push_screen(FeedsScreen(self.panes), self.panes.article_list.filter_by_feed)

    def action_refresh_feeds(self) -> None:
        from .feeds import start_refresh

        self.article_list.reload_marks()  # what other readers marked, at once rather than at the next poll
        start_refresh(self.panes, self.stop_refresh)

    def action_open_original(self) -> None:
        from .feeds import open_original

        open_original(self.panes)