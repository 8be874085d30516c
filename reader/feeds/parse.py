"""Feed bodies to entries: RSS 0.9x/1.0/2.0 and Atom through feedparser, JSON Feed here; and a page's feed links.

Nothing from a feed is run or kept as markup: titles and texts become plain, terminal-safe text, links are kept
only when they are http or https, and XML declaring entities is refused before any parser sees it.
"""

from __future__ import annotations

import calendar
import codecs
import hashlib
import io
import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

from ..display import printable
from .fetch import ALLOWED_SCHEMES

FEED_LINK_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/json")
# Entity declarations live in a DOCTYPE's internal subset: "<!DOCTYPE name [ ... ]>".
ENTITY_DECLARATION = re.compile(rb"<!ENTITY|<!DOCTYPE[^>\[]*\[", re.IGNORECASE)
UTF16_AND_32 = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
    (b"<\x00?\x00", "utf-16-le"),
    (b"\x00<\x00?", "utf-16-be"),
)
BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "pre", "section", "table", "tr", "ul",
}
HIDDEN_TAGS = {"script", "style", "template", "noscript", "iframe", "object"}


class NotAFeed(Exception):
    """A body that holds no feed we can read; the message says what it is instead."""


@dataclass(frozen=True)
class ParsedEntry:
    guid: str  # the feed's id for the entry, else its link, else a hash of its text
    link: str | None  # the full article's page (http or https only)
    title: str
    published: str | None  # ISO 8601, UTC
    text: str  # the feed's own summary or content, as plain paragraphs separated by blank lines


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    site_url: str | None
    entries: tuple[ParsedEntry, ...]
    warning: str | None = None  # read anyway, but something was wrong (malformed XML read leniently)


def parse_feed(body: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """The feed in `body`, fetched from `url` (the base for relative links); NotAFeed when it holds none.

    The content type is only a hint: feeds served as text/html or text/plain are common and still read.
    """
    if _looks_like_json(body, content_type):
        return parse_json_feed(body, url)
    refuse_entity_declarations(body)
    return _parse_xml_feed(body, url, content_type)


def refuse_entity_declarations(body: bytes) -> None:
    """Raise NotAFeed when XML declares entities ("billion laughs", external entities): refused, never expanded."""
    if ENTITY_DECLARATION.search(_as_ascii_compatible(body)):
        raise NotAFeed("the XML declares entities (a DOCTYPE with an internal subset); refused, not expanded")


def _as_ascii_compatible(body: bytes) -> bytes:
    """`body` with UTF-16/32 re-encoded as UTF-8, so a byte search for markup finds it in any encoding."""
    for start, encoding in UTF16_AND_32:
        if body.startswith(start):
            return body.decode(encoding, errors="replace").encode("utf-8")
    return body


def _looks_like_json(body: bytes, content_type: str) -> bool:
    return "json" in content_type.lower() or body.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def _parse_xml_feed(body: bytes, url: str, content_type: str) -> ParsedFeed:
    import feedparser

    # A stream, never bytes or str: feedparser takes a string for a URL or a file name and would open it.
    parsed = feedparser.parse(
        io.BytesIO(body), response_headers={"content-location": url, "content-type": _xml_content_type(content_type)}
    )
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    entries = tuple(e for e in (_xml_entry(raw, url) for raw in parsed.entries) if e is not None)
    if not parsed.version and not entries:
        raise NotAFeed(_what_it_is(body, content_type, problem))
    if not entries and _is_syntax_error(problem):
        raise NotAFeed(f"malformed XML ({problem})")
    feed = parsed.feed
    return ParsedFeed(
        title=_plain(feed.get("title", ""), feed.get("title_detail")),
        site_url=safe_link(feed.get("link"), url),
        entries=entries,
        warning=f"malformed XML ({problem}); read what could be read" if _is_syntax_error(problem) else None,
    )


def _xml_content_type(content_type: str) -> str:
    """The charset of `content_type` under an XML type, so feedparser sniffs the body rather than trusting a
    server that calls its feed text/html."""
    charset = re.search(r"charset=([\w.:-]+)", content_type, re.IGNORECASE)
    return "application/xml" + (f"; charset={charset.group(1)}" if charset else "")


def _is_syntax_error(problem: object) -> bool:
    return problem is not None and type(problem).__name__ == "SAXParseException"


def _what_it_is(body: bytes, content_type: str, problem: object) -> str:
    head = body[:2048].lower()
    if b"<html" in head or b"<!doctype html" in head:
        return "not a feed but an HTML page"
    if _is_syntax_error(problem):
        return f"not a feed: malformed XML ({problem})"
    shown = content_type.split(";")[0].strip() or "no content type"
    return f"not a feed (the server sent {shown}, and the body is no RSS, Atom or JSON Feed)"


def _xml_entry(raw: Any, base: str) -> ParsedEntry | None:
    link = safe_link(raw.get("link"), base)
    title = _plain(raw.get("title", ""), raw.get("title_detail"))
    contents = raw.get("content") or []
    html = max((c.get("value", "") for c in contents), key=len, default="") or raw.get("summary", "")
    text = html_to_text(html)
    if not (title or link or text):
        return None  # nothing a reader could use: debris of a damaged feed
    published = raw.get("published_parsed") or raw.get("updated_parsed")
    return ParsedEntry(
        guid=raw.get("id") or link or _digest(title + text),
        link=link,
        title=title or _first_words(text) or "(untitled)",
        published=_iso(calendar.timegm(published)) if published else None,
        text=text,
    )


def parse_json_feed(body: bytes, url: str) -> ParsedFeed:
    """A JSON Feed (https://jsonfeed.org, versions 1 and 1.1)."""
    try:
        document = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise NotAFeed(f"not a feed: the JSON cannot be read ({error})") from None
    if not isinstance(document, dict) or "jsonfeed.org" not in str(document.get("version", "")):
        raise NotAFeed("not a feed: JSON, but not a JSON Feed (no jsonfeed.org version)")
    items = document.get("items")
    raw_items = [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []
    return ParsedFeed(
        title=_clean(_string(document.get("title"))),
        site_url=safe_link(_string(document.get("home_page_url")), url),
        entries=tuple(e for e in (_json_entry(item, url) for item in raw_items) if e is not None),
    )


def _json_entry(item: dict[str, Any], base: str) -> ParsedEntry | None:
    link = safe_link(_string(item.get("url")) or _string(item.get("external_url")), base)
    title = _clean(_string(item.get("title")))
    html = _string(item.get("content_html"))
    plain = _string(item.get("content_text")) or _string(item.get("summary"))
    text = html_to_text(html) if html else _paragraphs(plain)
    if not (title or link or text):
        return None
    return ParsedEntry(
        guid=_string(item.get("id")) or link or _digest(title + text),
        link=link,
        title=title or _first_words(text) or "(untitled)",
        published=_iso_from_text(_string(item.get("date_published")) or _string(item.get("date_modified"))),
        text=text,
    )


def _string(value: object) -> str:
    """JSON Feed values as text: a number id is fine, a list or object where text belongs is nothing."""
    return str(value) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""


def safe_link(link: str | None, base: str) -> str | None:
    """`link` made absolute against `base`, if it is an http or https URL; anything else (javascript:, data:,
    file:) is dropped."""
    if not link:
        return None
    absolute = urljoin(base, link.strip())
    parts = urlsplit(absolute)
    return absolute if parts.scheme.lower() in ALLOWED_SCHEMES and parts.hostname else None


def _plain(value: str, detail: Any) -> str:
    is_markup = bool(detail) and "html" in str(detail.get("type", ""))
    return _clean(html_to_text(value) if is_markup else value)


def _clean(text: str) -> str:
    """One line of terminal-safe text."""
    return " ".join(printable(text).split())


def _first_words(text: str, limit: int = 80) -> str:
    line = _clean(text)
    return line if len(line) <= limit else line[:limit].rsplit(" ", 1)[0] + "…"


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def _iso(timestamp: int) -> str:
    return datetime.fromtimestamp(timestamp, timezone.utc).isoformat()


def _iso_from_text(text: str) -> str | None:
    """An RFC 3339 date (JSON Feed's) in UTC, like the dates feedparser gives, so entries sort together."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone(timezone.utc).isoformat()


def _paragraphs(text: str) -> str:
    """Plain text as terminal-safe paragraphs separated by blank lines."""
    blocks = re.split(r"\n\s*\n", printable(text))
    return "\n\n".join(" ".join(block.split()) for block in blocks if block.strip())


class _TextCollector(HTMLParser):
    """The text of an HTML fragment, a paragraph per block element; scripts and styles are dropped unread."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN_TAGS:
            self._hidden += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN_TAGS:
            self._hidden = max(0, self._hidden - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return _paragraphs("".join(collector.parts))


class _FeedLinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: (value or "") for name, value in attrs}
        rels = found.get("rel", "").lower().split()
        kind = found.get("type", "").split(";")[0].strip().lower()
        if tag == "link" and "alternate" in rels and kind in FEED_LINK_TYPES and found.get("href"):
            self.links.append(found["href"])


def feed_links(page: str, base: str) -> list[str]:
    """The feeds an HTML page announces with <link rel="alternate" type="application/rss+xml|atom+xml|json">,
    as absolute http(s) URLs in page order."""
    collector = _FeedLinkCollector()
    collector.feed(page)
    collector.close()
    links = (safe_link(href, base) for href in collector.links)
    return list(dict.fromkeys(link for link in links if link))
