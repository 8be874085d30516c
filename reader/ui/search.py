"""The search line over the article list (`/`): loaded when it first opens, so the first paint need not wait."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input


class SearchBox(Input):
    """Filters the list as you type; Enter goes back to the list keeping the filter, Escape clears it."""

    BINDINGS = [Binding("escape", "app.clear_search", "Clear search", show=False)]

    def __init__(self, query: str = "") -> None:
        super().__init__(query, placeholder="Search titles and text; speaker:NAME topic:NAME", id="search",
                         compact=True)
