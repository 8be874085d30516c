"""An entry's article saved as a file the rest of the reader opens like any local one.

The page behind the entry's link is saved as it came (raw HTML; trafilatura finds the article when it is read),
once we know trafilatura can find an article in it, and only as far as the reader reads a web page (MAX_PAGE_BYTES). When
the page cannot be had, is no HTML page, holds no article, would take the feed past its disk budget, or the feed
opted out of full articles, the feed's own text is saved instead as Markdown. Nothing saved is ever deleted here.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from ..sources import MAX_PAGE_BYTES, SourceError, read_document
from .fetch import PAGE_ACCEPT, Fetcher, FetchError, size_words
from .parse import ParsedEntry
from .store import FROM_FEED, FROM_PAGE

HTML_TYPES = ("text/html", "application/xhtml+xml")
CHARSET_PARAMETER = re.compile(rb"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


@dataclass(frozen=True)
class SavedArticle:
    path: Path
    source: str  # FROM_PAGE or FROM_FEED
    note: str | None  # why the feed's text was saved instead of the page


class OverBudget(Exception):
    """A page that would take its feed's saved pages past the feed's disk budget."""


class DiskBudget:
    """The room a feed's saved pages have left on disk, shared by the threads saving its entries at once."""

    def __init__(self, limit: int, folder: Path) -> None:
        self.limit = limit
        self.reached = False  # a page was refused for want of room
        try:
            self._used = sum(file.stat().st_size for file in os.scandir(folder))
        except OSError:  # no folder yet (or a file gone meanwhile: then it takes no room)
            self._used = 0
        self._lock = threading.Lock()

    def check(self) -> None:
        """OverBudget once no room is left: then no page is fetched at all."""
        if self._used >= self.limit:
            self._refuse()

    def take(self, size: int) -> None:
        """Count `size` more bytes, or OverBudget when they do not fit."""
        with self._lock:
            if self._used + size > self.limit:
                self._refuse()
            self._used += size

    def _refuse(self) -> NoReturn:
        self.reached = True
        raise OverBudget(f"the feed's saved pages would pass its {size_words(self.limit)} budget")


def entry_key(guid: str) -> str:
    """A file-name-safe key for an entry, stable across refreshes."""
    return hashlib.sha1(guid.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def save_article(
    fetcher: Fetcher, folder: Path, entry: ParsedEntry, full_articles: bool, budget: DiskBudget
) -> SavedArticle:
    """Save `entry` under `folder`: its page when wanted, usable and within `budget`, else the feed's own text.
    OSError when the disk refuses."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / entry_key(entry.guid)
    note = None
    if full_articles and entry.link:
        try:
            return _save_page(fetcher, stem.with_suffix(".html"), entry.link, budget)
        except (FetchError, SourceError, OverBudget) as error:
            note = f"the page was not used: {error}"
    elif full_articles:
        note = "the entry links to no page"
    return _save_feed_text(stem.with_suffix(".md"), entry, note)


def _save_page(fetcher: Fetcher, path: Path, link: str, budget: DiskBudget) -> SavedArticle:
    budget.check()
    fetched = fetcher.get(link, fetcher.options.max_page_bytes, PAGE_ACCEPT)
    kind = fetched.content_type.split(";")[0].strip().lower()
    if kind and kind not in HTML_TYPES:
        raise FetchError(f"it is {kind}, not an HTML page")
    page = read_part(as_utf8(fetched.body, fetched.content_type))
    _write_atomically(path, page)
    try:
        read_document(path)  # the page must hold an article, or the feed's text serves the reader better
        budget.take(len(page))
    except (SourceError, OverBudget):
        path.unlink(missing_ok=True)
        raise
    return SavedArticle(path, FROM_PAGE, None)


def read_part(page: bytes) -> bytes:
    """What the reader reads of a web page (its first MAX_PAGE_BYTES), cut before a UTF-8 character, not inside
    one."""
    if len(page) <= MAX_PAGE_BYTES:
        return page
    end = MAX_PAGE_BYTES
    while end and page[end] & 0b1100_0000 == 0b1000_0000:  # a continuation byte: its character began before
        end -= 1
    return page[:end]


def as_utf8(page: bytes, content_type: str) -> bytes:
    """The page in UTF-8, the encoding reader.sources reads. A saved file loses the HTTP header that may have
    named its charset, so a page in another one (the header's, else its <meta>'s) is re-encoded now."""
    declared = CHARSET_PARAMETER.search(content_type.encode("latin-1", errors="replace")) or META_CHARSET.search(
        page[:4096]
    )
    if not declared:
        return page
    try:
        charset = codecs.lookup(declared.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return page  # a charset nobody knows: the bytes as they came, left to the reader's own guess
    return page if charset.name == "utf-8" else page.decode(charset.name, errors="replace").encode()


def _save_feed_text(path: Path, entry: ParsedEntry, note: str | None) -> SavedArticle:
    text = entry.text or "The feed gives only this title."
    _write_atomically(path, f"# {entry.title}\n\n{text}\n".encode())
    return SavedArticle(path, FROM_FEED, note)


def _write_atomically(path: Path, data: bytes) -> None:
    """A reader opening `path` meanwhile sees the old file or the new one, never half of one."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
