"""Subscription lists in and out: OPML (every feed reader's export) and newsboat's `urls` file.

OPML is parsed with defusedxml, which refuses entity declarations and external references; its folders are
walked without recursion, however deep they nest. In a `urls` file, newsboat's `exec:`, `filter:` and `query:`
lines are skipped with a note: a subscription here is never a command. The OPML written is well-formed whatever
the store holds.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from email.utils import formatdate
from xml.etree import ElementTree

from ..display import escape_invisible
from .fetch import FetchError, checked_url

# Folders deeper than this still give up their feeds, but their names are not taken as tags.
MAX_FOLDER_TAGS = 10
# What XML 1.0 cannot hold at all, not even as a character reference.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Subscription:
    url: str
    name: str | None = None  # the user's own name for the feed
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportedList:
    subscriptions: list[Subscription]
    skipped: list[str]  # why each unusable line or outline was left out


def read_subscription_list(data: bytes) -> ImportedList:
    """An OPML document or a newsboat `urls` file, told apart by their content."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1024].lower()
    if head.startswith(b"<") and b"<opml" in data[:4096].lower():
        return parse_opml(data)
    return parse_urls(data.decode("utf-8", errors="replace"))


def parse_opml(data: bytes) -> ImportedList:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(data)
    except DefusedXmlException as error:
        return ImportedList([], [f"the OPML was refused: {error}"])
    # expat refuses an encoding it does not know (LookupError) or cannot read (ValueError: UTF-32).
    except (ElementTree.ParseError, LookupError, ValueError) as error:
        return ImportedList([], [f"the OPML cannot be read: {error}"])
    body = root.find("body")
    found = list(_outlines(body if body is not None else root))
    return ImportedList([s for s in found if isinstance(s, Subscription)], [s for s in found if isinstance(s, str)])


def _outlines(top: ElementTree.Element) -> Iterator[Subscription | str]:
    """Feeds under `top`, in document order; an outline without xmlUrl is a folder, and its name a tag of what
    it holds. A stack of our own, not recursion: a file can nest folders deeper than Python's stack allows."""
    stack: list[tuple[Iterator[ElementTree.Element], tuple[str, ...]]] = [(iter(top.findall("outline")), ())]
    while stack:
        outlines, folders = stack[-1]
        outline = next(outlines, None)
        if outline is None:
            stack.pop()
            continue
        name = (outline.get("title") or outline.get("text") or "").strip()
        url = outline.get("xmlUrl")
        if not url:
            tagged = (*folders, name) if name and len(folders) < MAX_FOLDER_TAGS else folders
            stack.append((iter(outline.findall("outline")), tagged))
            continue
        categories = (c.strip().strip("/") for c in (outline.get("category") or "").split(","))
        tags = tuple(dict.fromkeys([*folders, *(c for c in categories if c)]))
        try:
            # Exports name an untitled feed by its URL: that is no name of the user's.
            yield Subscription(checked_url(url), name if name and name != url else None, tags)
        except FetchError as error:
            yield f"{url}: {error}"


def parse_urls(text: str) -> ImportedList:
    """newsboat's `urls`: a URL a line, then tags ("quoted" when they hold spaces) and `~Name`; `#` comments."""
    subscriptions, skipped = [], []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            words = shlex.split(line)
        except ValueError as error:
            skipped.append(f"line {number}: {error}")
            continue
        url, *rest = _before_comment(words)
        try:
            subscriptions.append(Subscription(checked_url(url), _name(rest), _tags(rest)))
        except FetchError as error:
            skipped.append(f"line {number}: {url}: {error}")
    return ImportedList(subscriptions, skipped)


def _before_comment(words: list[str]) -> list[str]:
    for index, word in enumerate(words):
        if index and word.startswith("#"):
            return words[:index]
    return words


def _name(words: list[str]) -> str | None:
    return next((w[1:].strip() for w in words if w.startswith("~") and w[1:].strip()), None)


def _tags(words: list[str]) -> tuple[str, ...]:
    # "!" hides a feed in newsboat; here every feed shows, so that mark is dropped.
    return tuple(w for w in words if not w.startswith(("~", "!")))


@dataclass(frozen=True)
class ExportedFeed:
    url: str
    name: str
    site_url: str | None
    tags: tuple[str, ...]


def opml_document(feeds: Iterable[ExportedFeed]) -> str:
    """OPML 2.0 with a flat outline a feed; tags go in `category`, where readers that import OPML look.

    Well-formed whatever was stored (an older version stored what it was given): URLs as checked_url writes
    them, control characters percent-encoded; from names and tags what XML cannot hold is dropped. Characters a
    terminal would act on, or that reorder text, are written as character references: the data is kept, and the
    document can be shown as it is."""
    opml = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(opml, "head")
    ElementTree.SubElement(head, "title").text = "newsreader subscriptions"
    ElementTree.SubElement(head, "dateCreated").text = formatdate(usegmt=True)
    body = ElementTree.SubElement(opml, "body")
    for feed in feeds:
        url = _exported_url(feed.url)
        # An untitled feed is named by its URL, written as its xmlUrl, so an import takes it for no name.
        name = url if feed.name == feed.url else NOT_XML.sub("", feed.name)
        outline = ElementTree.SubElement(body, "outline", type="rss", text=name, title=name, xmlUrl=url)
        if feed.site_url:
            outline.set("htmlUrl", _exported_url(feed.site_url))
        if feed.tags:
            outline.set("category", ",".join(NOT_XML.sub("", tag) for tag in feed.tags))
    ElementTree.indent(opml)
    document = '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(opml, encoding="unicode") + "\n"
    return escape_invisible(document, lambda char: f"&#x{ord(char):X};")


def _exported_url(url: str) -> str:
    try:
        return checked_url(url)
    except FetchError:  # no http(s) URL (no import takes it back), but still the user's: kept, made XML
        return NOT_XML.sub("", url)
