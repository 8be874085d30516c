"""The search line over the article list (`/`): loaded when it first opens, so the first paint need not wait."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.binding import Binding
from textual.timer import Timer
from textual.widgets import Input

from .messages import SearchChanged, SearchKept

# How long typing in the search line pauses before the list is filtered.
SEARCH_DELAY = 0.2


class SearchBox(Input):
    """Filters the list as you type; Enter goes back to the list keeping the filter, Escape clears it."""

    BINDINGS = [Binding("escape", "app.clear_search", "Clear search", show=False)]

    def __init__(self, query: str = "") -> None:
        super().__init__(query, placeholder="Search titles and text; speaker:NAME topic:NAME", id="search",
                         compact=True)
        self.pending_search: Timer | None = None

    @on(Input.Changed)
    def query_changed(self, event: Input.Changed) -> None:
        # Refilling a list of thousands takes a good part of a second: once typing pauses, not per key.
        event.stop()
        if self.pending_search is not None:
            self.pending_search.stop()
        self.pending_search = self.set_timer(SEARCH_DELAY, partial(self.post_message, SearchChanged(event.value)))

    @on(Input.Submitted)
    def query_kept(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(SearchKept())
