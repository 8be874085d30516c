"""The reader's panes: the article list, the article text and its summary.

Everything an article contains is shown as plain text: strings become `Content` objects, never markup, so
`[bold]` or `[@click=app.quit]` in a page stays literal, and `printable` strips what a terminal would act on.
"""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..display import printable
from ..model import BODY, CAPTION, CREDIT, Article, SummarySentence

# Roles shown in the reading text; the others (media player text, boilerplate) only on the removed screen.
SHOWN_ROLES = {BODY, CAPTION, CREDIT, "heading", "byline", "dateline"}
ROLE_LABELS = {CAPTION: "Caption", CREDIT: "Credit"}

HIGHLIGHT = "$summary-highlight-text on $summary-highlight"
CHOSEN = "bold $summary-chosen-text on $summary-chosen"


def plain(text: str, style: str = "") -> Content:
    return Content.styled(printable(text), style)


def one_line(text: str) -> str:
    """A title on one line, whatever line breaks or tabs the page put in it."""
    return " ".join(text.split())


def source_name(article: Article) -> str:
    """The site when the page names it, else the file's name: a library's folder is the same on every line."""
    return article.site or Path(article.path).name


def facts(article: Article) -> str:
    known = [source_name(article), article.date, article.author, f"{article.length} words"]
    return " · ".join(printable(fact) for fact in known if fact)


# Vim's and newsboat's movement keys, beside the arrows and Home/End that Textual binds already.
LIST_KEYS = [
    Binding("j", "cursor_down", "Down", show=False),
    Binding("k", "cursor_up", "Up", show=False),
    Binding("g", "first", "First", show=False),
    Binding("G", "last", "Last", show=False),
]


class ArticleList(OptionList):
    """One option per article: its title, and a dim line of where it is from, when, and how long."""

    BINDINGS = LIST_KEYS

    def add_articles(self, articles: list[Article]) -> None:
        self.add_options([Option(self.prompt(article)) for article in articles])

    @staticmethod
    def prompt(article: Article) -> Content:
        return Content.assemble(plain(one_line(article.title), "bold"), "\n", plain(facts(article), "$text-muted"))


class ParagraphText(Static):
    """One paragraph of the text; its CSS class is its role, so captions and credits can be set apart."""

    def __init__(self, role: str) -> None:
        super().__init__(classes=f"-{role}")


class ArticleView(VerticalScroll, can_focus=True):
    """The article: headline, facts, and the paragraphs a reader reads, the summary's sentences marked."""

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
        Binding("space", "page_down", "Page", show=False),
        Binding("enter", "app.focus_summary", "Summary", show=False),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.article: Article | None = None
        self.paragraphs: dict[int, ParagraphText] = {}

    def show(self, article: Article, chosen: int | None = None) -> None:
        """Show `article`, marking its summary (and the summary sentence `chosen`, if any).

        The same article again (its summary arrived, or changed) only restyles the paragraphs, so the
        reader keeps their place; another article replaces them and starts at the top.
        """
        if self.article is None or self.article.id != article.id or self.article.path != article.path:
            self._replace(article)
        self.article = article
        for index, widget in self.paragraphs.items():
            widget.update(self._paragraph_content(article, index, chosen))

    def _replace(self, article: Article) -> None:
        self.remove_children()
        self.paragraphs = {
            index: ParagraphText(paragraph.role)
            for index, paragraph in enumerate(article.paragraphs)
            if paragraph.role in SHOWN_ROLES
        }
        self.mount_all(
            [
                Static(plain(one_line(article.title)), classes="headline"),
                Static(plain(facts(article)), classes="facts"),
                *self.paragraphs.values(),
            ]
        )
        self.scroll_home(animate=False)

    @staticmethod
    def _paragraph_content(article: Article, index: int, chosen: int | None) -> Content:
        paragraph = article.paragraphs[index]
        text = printable(paragraph.text)
        content = Content(text)
        for number, sentence in enumerate(article.summary):
            start = text.find(printable(sentence.text)) if sentence.paragraph == index else -1
            if start >= 0:
                end = start + len(printable(sentence.text))
                content = content.stylize(CHOSEN if number == chosen else HIGHLIGHT, start, end)
        label = ROLE_LABELS.get(paragraph.role)
        return Content.assemble((f"{label}: ", "bold"), content) if label else content

    def scroll_to_sentence(self, sentence: SummarySentence) -> None:
        """Scroll so the line where `sentence` starts is the top line, even deep in a long paragraph."""
        widget = self.paragraphs.get(sentence.paragraph)
        if widget is None or self.article is None:
            return
        text = printable(self.article.paragraphs[sentence.paragraph].text)
        start = max(text.find(printable(sentence.text)), 0)
        first_word = len(text[start:].split(maxsplit=1)[0]) if text[start:].strip() else 0
        # Wrapping the text up to the sentence's first word breaks lines just as the whole paragraph does,
        # so its last line is the line the sentence starts on.
        lines = Content(text[: start + first_word]).wrap(max(widget.content_size.width, 1))
        self.scroll_to(y=widget.virtual_region.y + len(lines) - 1, animate=False)


class SummaryList(OptionList):
    """The summary, a sentence an option: choosing one (Enter or a click) scrolls the text to it."""

    BINDINGS = [
        *LIST_KEYS,
        Binding("enter", "select", "Go to sentence", show=False),
    ]

    def show_pending(self, note: str) -> None:
        self.clear_options()
        self.add_option(Option(plain(note, "italic $text-muted"), disabled=True))

    def show_summary(self, article: Article) -> None:
        self.clear_options()
        if not article.summary:
            self.show_pending("No body sentences to summarise.")
            return
        options: list[Option | None] = []
        for sentence in article.summary:
            # A rule between sentences (None), so where one ends and the next starts is plain at a glance.
            options.extend([None, Option(plain(sentence.text))] if options else [Option(plain(sentence.text))])
        self.add_options(options)
        self.highlighted = None
