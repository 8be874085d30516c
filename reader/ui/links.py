"""The article's links, numbered (u, as newsboat lists them): type a number or move to one, Enter opens it.

A module of its own, loaded when the list first opens rather than before the reader's first paint.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from ..links import Link
from ..model import Article
from .dialog import ChoiceDialog
from .widgets import plain

if TYPE_CHECKING:
    from textual.app import App


class LinksScreen(ChoiceDialog[str]):
    """The links, a number each; typing a number moves to that link, Enter (or a click) opens the one
    highlighted: the screen closes with its address."""

    def __init__(self, links: list[Link]) -> None:
        super().__init__()
        self.links = links

    def compose(self) -> ComposeResult:
        with Vertical(id="links", classes="dialog-box") as dialog:
            dialog.border_title = Content(f"Links ({len(self.links)})")
            dialog.border_subtitle = "Enter opens · Escape closes"
            yield Input(placeholder="Type a link's number", id="links-number", restrict=r"[0-9]*",
                        classes="dialog-input")
            yield OptionList(
                *(
                    Option(Content.assemble(
                        plain(f"{number:>2}  ", "bold $accent"),
                        plain(f"{link.text}  " if link.text else "", "bold"),
                        plain(link.url, "$text-muted" if link.text else ""),
                    ))
                    for number, link in enumerate(self.links, start=1)
                ),
                id="links-options",
                classes="dialog-choices",
            )

    def on_mount(self) -> None:
        self.options.highlighted = 0

    @on(Input.Changed)
    def number_typed(self, event: Input.Changed) -> None:
        if event.value and 1 <= int(event.value) <= len(self.links):
            self.options.highlighted = int(event.value) - 1

    @property
    def choice_count(self) -> int:
        return len(self.links)

    @on(Input.Submitted)
    def number_submitted(self) -> None:
        highlighted = self.options.highlighted
        if highlighted is not None:
            self.dismiss(self.links[highlighted].url)

    @on(OptionList.OptionSelected)
    def link_chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.links[event.option_index].url)


def show_links(app: App[Any], article: Article | None) -> None:
    """List the links of the article on screen; the one chosen opens as `o` opens a page."""
    from ..feeds import FeedStoreError, entry_for
    from ..links import article_links
    from .external import article_text, open_link

    if article is None:
        app.bell()
        return
    try:  # a feed's saved page: its relative links are relative to the page's address
        entry = entry_for(Path(article.path))
    except FeedStoreError:
        entry = None
    links = article_links(article.path, article_text(article), entry.link if entry else None)
    if not links:
        app.notify("No links in this article.", timeout=3)
        return
    app.push_screen(LinksScreen(links), lambda url: open_link(app, url) if url else None)
