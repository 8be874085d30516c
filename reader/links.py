"""The links of an article, for the reader to list and open by number (as newsboat does).

An article read from a web page has the page's links: the `<a href>`s whose words are in the article's text
(the menus, share buttons and related stories around it are not the article's). An article from a text or
Markdown file has the web addresses written in its text. Only http and https links are kept: they are what a
browser is asked to open. The file is only read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from .sources import HTML_SUFFIXES, MAX_PAGE_BYTES, decode

BROWSABLE_SCHEMES = ("http", "https")
# An address in plain text ends at a space, a quote or a bracket; trailing punctuation is the sentence's.
TEXT_URL = re.compile(r"https?://[^\s<>\"'“”‘’()\[\]{}]+", re.IGNORECASE)
TRAILING = ".,;:!?…"


@dataclass(frozen=True)
class Link:
    url: str
    text: str  # the link's words in the page; "" for an address written in the text


class _Anchors(HTMLParser):
    """Every `<a href>` of a page with its words, and the address the page gives for itself."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: list[tuple[str, str]] = []
        self.base: str | None = None
        self._open: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "a" and values.get("href"):
            self._close()
            self._open = (values["href"], [])
        elif tag == "base" and values.get("href") and self.base is None:
            self.base = values["href"]
        elif tag == "link" and "canonical" in values.get("rel", "").split() and values.get("href"):
            self.base = self.base or values["href"]

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._close()

    def _close(self) -> None:
        if self._open is not None:
            href, words = self._open
            self.anchors.append((href, " ".join("".join(words).split())))
            self._open = None


def page_links(page: str, article_text: str, base: str | None = None) -> list[Link]:
    """The links of `page` whose words are in `article_text`, in page order, each address once; relative ones
    against the page's own address (its `<base>` or canonical link), else `base`."""
    parser = _Anchors()
    parser.feed(page)
    parser.close()
    origin = parser.base or base or ""
    text = " ".join(article_text.split()).casefold()
    found = []
    for href, words in parser.anchors:
        url = urljoin(origin, href.strip())
        if words and words.casefold() in text:
            found.append(Link(url, words))
    return _browsable(found)


def text_links(text: str) -> list[Link]:
    """The web addresses written in `text`, in order, each once."""
    return _browsable(Link(found.group().rstrip(TRAILING), "") for found in TEXT_URL.finditer(text))


def article_links(path: str, article_text: str, base: str | None = None) -> list[Link]:
    """The links of the article read from `path` with the text `article_text` (see the module's docstring):
    those of its page for an HTML file that can still be read, else the addresses in its text."""
    if Path(path).suffix.lower() in HTML_SUFFIXES:
        page = ""
        try:
            if Path(path).is_file():  # a regular file only: a named pipe in its place would wait for a writer
                with open(path, "rb") as file:
                    page = decode(file.read(MAX_PAGE_BYTES))
        except OSError:
            pass  # gone since it was read: the addresses in the text, then
        if page:
            return page_links(page, article_text, base)
    return text_links(article_text)


def _browsable(links: Iterable[Link]) -> list[Link]:
    seen: set[str] = set()
    kept = []
    for link in links:
        parts = urlsplit(link.url)
        if parts.scheme.lower() in BROWSABLE_SCHEMES and parts.netloc and link.url not in seen:
            seen.add(link.url)
            kept.append(link)
    return kept
