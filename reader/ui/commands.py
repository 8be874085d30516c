"""The reader's actions in the command palette (ctrl+p), beside Textual's own."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..summary import ALGORITHMS

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
            ("Help", "Every key (?)", reader.action_help),
        ]
        algorithms = [
            (f"Summary algorithm: {name}", f"Summarise with sumy's {name}", partial(reader.set_algorithm, name))
            for name in ALGORITHMS
        ]
        themes = [
            (f"Switch theme: {name}", "Colours for the whole reader (remembered)", partial(reader.set_theme, name))
            for name in reader.theme_names
        ]
        return fixed + algorithms + themes

    async def discover(self) -> Hits:
        for name, help_text, callback in self.commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
