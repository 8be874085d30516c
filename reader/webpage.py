"""Saved web pages: the article trafilatura finds, line by line with what the markup made each line, the clutter
around it inside the article's part of the page, and the page's metadata in order of trust.

trafilatura keeps the article's text and drops what it takes for clutter, captions included; the reader sets
clutter apart instead of dropping it, so the lines trafilatura left out of the article's part of the page come
back, marked as left out, for reader/clean.py to label (a caption, a list of related links, a sign-up box).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any, TypeGuard
from dataclasses import dataclass, replace
from functools import lru_cache

from .model import ASIDE, FIGURE, HEADLINE, LIST_ITEM, QUOTE, SUBHEADING, TEXT, PageBlock
from .resources import data_file

# The lines of trafilatura's XML: its block elements, and the markup each stands for.
ARTICLE_BLOCKS = {"head": SUBHEADING, "p": TEXT, "item": LIST_ITEM, "quote": QUOTE, "cell": TEXT}
ARTICLE_CONTAINERS = {"list", "table", "row", "div", "main", "body", "doc", "figure", "note", "section"}
# The page's own elements that hold a line of text whole.
PAGE_LINES = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "figcaption", "td", "th", "dt", "dd", "pre",
              "caption", "address", "blockquote"}
NEVER_SHOWN = {"script", "style", "noscript", "template", "svg", "button", "select", "option", "input",
               "textarea", "iframe", "object", "embed", "video", "audio", "canvas", "map", "head", "title"}
BESIDE_THE_ARTICLE = {"aside", "nav", "footer"}
BESIDE_ROLES = {"complementary", "navigation", "contentinfo", "search"}
LINKED_SHARE = 0.8  # of a line's characters inside links: a link (or a list of them), not text
JSON_LD = "application/ld+json"


@dataclass(frozen=True)
class Page:
    """A web page read: its article's lines and what its metadata says."""

    blocks: tuple[PageBlock, ...]
    title: str | None
    author: str | None
    date: str | None
    site: str | None


def one_line(text: str) -> str:
    return " ".join(text.split())


def parse(page: str) -> Any:  # an lxml.html.HtmlElement, or None
    """The page as an lxml tree (None if it holds no element), its scripts and styles emptied (JSON-LD metadata kept).

    libxml2 refuses a text over 10 MB (a page's script can be) unless told the tree may be huge; told so, it also
    lets elements nest beyond 256 levels, which only pathological pages do and which makes extraction slow. So the
    page is read as huge only when a text of it was too long. Emptied, the scripts cost nothing in the copies
    trafilatura makes of the tree.
    """
    from lxml import etree, html

    data = page.encode("utf-8", "replace")
    tree: Any = None
    for huge in (False, True):
        parser = html.HTMLParser(
            huge_tree=huge, remove_comments=True, remove_pis=True, collect_ids=False, default_doctype=False,
            encoding="utf-8",
        )
        try:
            tree = html.document_fromstring(data, parser=parser)
        except etree.ParserError:  # nothing but comments and blanks
            return None
        too_long = any(
            error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT and "depth" not in error.message
            for error in parser.error_log
        )
        if not too_long:
            break
    for element in tree.iter("script", "style"):
        if element.tag == "style" or (element.get("type") or "").strip().lower() != JSON_LD:
            element.text = None
    return tree


def read_page(page: str) -> Page | None:
    """The article of a page and its metadata; None when trafilatura finds no article."""
    from trafilatura.core import bare_extraction
    from trafilatura.settings import set_date_params

    tree = parse(page)
    if tree is None:
        return None
    extracted: Any = bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_links=True,
        author_blacklist=set(placeholders()["names"]),
        # The page's own dates only: a search of all its text takes a copyright year for the article's date.
        date_extraction_params=set_date_params(extensive=False),
    )
    if extracted is None or extracted.body is None:
        return None
    article = list(article_lines(extracted.body))
    if not article:
        return None
    blocks = tuple(with_what_was_left_out(tree, article))
    return Page(
        blocks=blocks,
        title=story_title(extracted.title, extracted.sitename, blocks),
        author=author_names(extracted.author, extracted.sitename),
        date=extracted.date or None,
        site=extracted.sitename or None,
    )


# --- trafilatura's XML, line by line -------------------------------------------------------------------------


def text_key(text: str) -> str:
    """A text without its white space: the same words whether a <br> became a space, a line break or nothing."""
    return "".join(text.split())


def article_lines(body: Any) -> Iterator[tuple[str, PageBlock]]:
    """trafilatura's article as lines: each block element's text (split at its <lb/>), loose text between them;
    each with the text_key of the whole element it came from."""
    yield from _lines_of(body, TEXT)


def _lines_of(element: Any, markup: str) -> Iterator[tuple[str, PageBlock]]:
    own = ARTICLE_BLOCKS.get(element.tag)
    if own is not None and not (element.tag == "p" and markup != TEXT):  # a <p> in a quote is the quote's
        markup = HEADLINE if element.tag == "head" and element.get("rend") == "h1" else own
    pieces: list[str] = [element.text or ""]
    linked = [0]  # characters inside <ref> in the pieces so far

    def flush() -> Iterator[tuple[str, PageBlock]]:
        yield from _split(pieces, linked[0], markup)
        pieces.clear()
        linked[0] = 0

    for child in element:
        if not isinstance(child.tag, str):
            continue
        if child.tag in ARTICLE_BLOCKS or child.tag in ARTICLE_CONTAINERS:
            yield from flush()
            yield from _lines_of(child, markup)
        else:
            text = _inline_text(child)
            if child.tag == "ref":
                linked[0] += len(one_line(text))
            pieces.append(text)
        pieces.append(child.tail or "")
    yield from flush()


def _inline_text(element: Any) -> str:
    """The text of an inline element, a line break for each <lb/>."""
    if element.tag == "lb":
        return "\n"
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            parts.append(_inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _split(pieces: list[str], linked_chars: int, markup: str) -> Iterator[tuple[str, PageBlock]]:
    text = "".join(pieces)
    lines = [one_line(line) for line in text.split("\n")]
    lines = [line for line in lines if line]
    total = sum(len(line) for line in lines)
    linked = total > 0 and linked_chars >= LINKED_SHARE * total
    key = text_key(text)
    for line in lines:
        yield key, PageBlock(line, markup, linked)


# --- what trafilatura left out ------------------------------------------------------------------------------


def with_what_was_left_out(tree: Any, article: list[tuple[str, PageBlock]]) -> list[PageBlock]:
    """The article's lines with the page's other lines in the article's part of it, each in its place.

    The article's part is the element holding every line trafilatura took that the page has as it is (an
    <article>, a <div>), or, when that is the page's <body>, the stretch from its first such line to its last.
    """
    order: dict[Any, float] = {}
    for element in tree.iter():
        if isinstance(element.tag, str):
            order[element] = len(order)
    by_text: dict[str, Any] = {}
    for element in order:
        if element.tag in PAGE_LINES or _has_own_text(element):
            by_text.setdefault(text_key(element.text_content()), element)
    sources = [by_text.get(key) for key, _ in article]
    found = [element for element in sources if element is not None]
    if not found:
        return [block for _, block in article]
    region = _holder(found)
    first, last = min(order[element] for element in found), max(order[element] for element in found)
    bounded = region.tag in ("body", "html")
    taken = set(found)
    holding = {ancestor for element in found for ancestor in element.iterancestors()}
    article_text = "\n".join(key for key, _ in article)
    left_out = [
        (place, block)
        for place, block in _page_lines(region, taken, holding, order)
        if (not bounded or first <= place <= last) and text_key(block.text) not in article_text
    ]
    # trafilatura's lines keep their order; a left-out line goes before the first line of the page found after it.
    merged: list[PageBlock] = []
    waiting = iter(left_out)
    pending = next(waiting, None)
    for (_, block), source in zip(article, sources):
        if source is not None:
            while pending is not None and pending[0] < order[source]:
                merged.append(pending[1])
                pending = next(waiting, None)
            if not block.linked and _is_linked(source):
                block = replace(block, linked=True)
        merged.append(block)
    while pending is not None:
        merged.append(pending[1])
        pending = next(waiting, None)
    return merged


def _has_own_text(element: Any) -> bool:
    if element.tag in NEVER_SHOWN:
        return False
    return bool((element.text or "").strip()) or any((child.tail or "").strip() for child in element)


def _holder(found: list[Any]) -> Any:
    """The innermost element holding all of `found`."""
    common = [found[0], *found[0].iterancestors()]
    for element in found[1:]:
        ancestry = {element, *element.iterancestors()}
        common = [candidate for candidate in common if candidate in ancestry]
    return common[0]


def _page_lines(region: Any, taken: set[Any], holding: set[Any], order: dict[Any, float]) -> Iterator[tuple[float, PageBlock]]:
    """The lines of the page in `region` that trafilatura did not take, with their places in the page."""
    stack = [region]
    while stack:
        element = stack.pop()
        if not isinstance(element.tag, str) or element in taken or _not_shown(element):
            continue
        if element.tag in PAGE_LINES and element not in holding:
            yield from _left_out(element, element.text_content(), order[element], region)
            continue
        if (element.text or "").strip():
            yield from _left_out(element, element.text, order[element], region)
        children = [child for child in element if isinstance(child.tag, str)]
        for child in children:
            if (child.tail or "").strip():
                yield from _left_out(element, child.tail, _after(child, order), region)
        stack.extend(reversed(children))


def _after(element: Any, order: dict[Any, float]) -> float:
    """A place just after the element and everything in it."""
    last = element
    for last in element.iter():
        pass
    return float(order[last] + 0.5)


def _not_shown(element: Any) -> bool:
    return element.tag in NEVER_SHOWN or element.get("hidden") is not None


def _left_out(element: Any, text: str, place: float, region: Any) -> Iterator[tuple[float, PageBlock]]:
    markup, linked = _page_markup(element, region), _is_linked(element)
    for line in text.split("\n"):
        if line := one_line(line):
            yield place, PageBlock(line, markup, linked, extracted=False)


def _page_markup(element: Any, region: Any) -> str:
    for ancestor in (element, *element.iterancestors()):
        if ancestor is region:
            break
        if ancestor.tag in ("figure", "figcaption"):
            return FIGURE
        if ancestor.tag in BESIDE_THE_ARTICLE or (ancestor.get("role") or "") in BESIDE_ROLES:
            return ASIDE
    if element.tag == "h1":
        return HEADLINE
    if element.tag in ("h2", "h3", "h4", "h5", "h6"):
        return SUBHEADING
    return {"li": LIST_ITEM, "blockquote": QUOTE}.get(element.tag, TEXT)


def _is_linked(element: Any) -> bool:
    total = len(one_line(element.text_content()))
    if total == 0:
        return False
    return sum(len(one_line(link.text_content())) for link in element.iter("a")) >= LINKED_SHARE * total


# --- metadata -----------------------------------------------------------------------------------------------

# Between a page's title and its site's name: "Storm hits coast | Example News", "Example News: Storm hits coast".
TITLE_SEPARATOR = re.compile(r"\s+[|\-–—·»/:]\s+|\s*[|·»]\s*|:\s+")
SITE_PREFIX_MIN_CHARS = 4  # "Inexhibit" names the site "Inexhibit magazine"; "Ab" names nothing


def squeezed(text: str) -> str:
    """Letters and digits only, case-blind: "9to5Mac" is "9To5Mac", "Inexhibit magazine" starts with "Inexhibit"."""
    return "".join(character for character in text.casefold() if character.isalnum())


def names_the_site(part: str, site: str | None) -> bool:
    """Whether `part` is the site's name, or the start of it ("Inexhibit" of "Inexhibit magazine")."""
    if not site:
        return False
    part, site = squeezed(part), squeezed(site)
    return len(part) >= SITE_PREFIX_MIN_CHARS and site.startswith(part)


def without_site(title: str, site: str | None) -> str:
    """The title without the site's name before or after it (the most of it that names the site)."""
    shortest = title
    for separator in TITLE_SEPARATOR.finditer(title):
        head, tail = title[: separator.start()].strip(), title[separator.end() :].strip()
        if not (head and tail):
            continue
        for kept, dropped in ((head, tail), (tail, head)):
            if names_the_site(dropped, site) and len(kept) < len(shortest):
                shortest = kept
    return shortest


def decorates(title: str, headline: str) -> bool:
    """Whether `title` is the headline with a section or site around it ("Opinion | Is Football a Crime?")."""
    whole, core = squeezed(title), squeezed(headline)
    return len(headline.split()) >= 2 and whole != core and (whole.startswith(core) or whole.endswith(core))


def story_title(title: str | None, site: str | None, blocks: Sequence[PageBlock]) -> str | None:
    """The story's title: the page's own title without the site's name; if what is left is the site's (it names
    the site, or the story uses none of its words), the page's headline (its <h1>) if the story uses its words."""
    from .clean import content_words

    story = content_words(" ".join(block.text for block in blocks if block.markup != HEADLINE))
    headline = next((block.text for block in blocks if block.markup == HEADLINE), None)

    def told(candidate: str | None) -> TypeGuard[str]:
        if not candidate:
            return False
        return bool(content_words(candidate) & story) and not names_the_site(candidate, site)

    trimmed = without_site(one_line(title), site) if title else None
    if told(headline) and (not told(trimmed) or decorates(trimmed, headline)):
        return headline
    return trimmed or headline


@lru_cache(maxsize=1)
def placeholders() -> dict[str, frozenset[str]]:
    """data/page_placeholders.txt: the names and the words that stand where no author is named, lower case."""
    sections: dict[str, set[str]] = {}
    current: set[str] = set()
    for raw in data_file("page_placeholders.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], set())
        elif line and not line.startswith("#"):
            current.add(line.casefold())
    return {name: frozenset(words) for name, words in sections.items()}


def author_names(authors: str | None, site: str | None) -> str | None:
    """trafilatura's "A; B" authors as people's names: each once whatever its case or middle initial ("Jo Doe; JO
    DOE; Jo B. Doe" is Jo B. Doe), without placeholders ("Staff", "Username"), job titles ("AP Writer"), the
    site's name, or the date that a byline ran into ("Jo Doe Monday")."""
    if not authors:
        return None
    from .clean import cues

    dates = set(cues()["date"]) | placeholders()["date"]
    roles = set(cues()["author-role"])
    agencies = sorted(cues()["agency"], key=len, reverse=True)
    names: list[str] = []
    for part in authors.split(";"):
        name = BYLINE_LEAD.sub("", one_line(part))
        name = NOTE_AFTER_NAME.split(name, 1)[0]
        words = name.split()
        while words and words[-1].casefold().strip(".,") in dates:
            words.pop()
        name = " ".join(words)
        # "Jo Doe Associated Press": the agency the writer works for, run into the name
        agency = next((agency for agency in agencies if name.casefold().endswith(" " + agency)), None)
        if agency:
            name = name[: -len(agency)].strip()
        lowered = {word.casefold().strip(".,") for word in re.split(r"[\s-]+", name)}
        if (
            not name
            or name.casefold() in placeholders()["names"]
            or lowered & placeholders()["words"]
            or names_the_site(name, site)
        ):
            continue
        names.append(name)

    def a_person(name: str) -> bool:
        words = {word.casefold().strip(".,") for word in re.split(r"[\s-]+", name)}
        return len(name.split()) > 1 and name.casefold() not in agencies and not words & roles

    people = [name for name in names if a_person(name)]
    if people:
        # Beside a person's name, a single word is a credential or the publisher ("Jo Doe; MS", "Jo Doe; CNN"),
        # an agency is where the person works, and "AP Auto Writer" is the person's job.
        names = people
    distinct: list[str] = []
    for name in names:
        same = [index for index, kept in enumerate(distinct) if _same_person(kept, name)]
        if not same:
            distinct.append(name)
        elif _fuller(name, distinct[same[0]]):
            distinct[same[0]] = name
    return "; ".join(distinct) or None


BYLINE_LEAD = re.compile(r"^(?:.*\bby\s+)", re.IGNORECASE)  # "Analysis by Jo Doe"
NOTE_AFTER_NAME = re.compile(r"\s+(?:is|was|has)\s+(?:an?|the)\b")  # "Jo Doe is a reporter for ..."


def _name_words(name: str) -> list[str]:
    return [word.casefold().strip(".,") for word in name.split()]


def _same_person(one: str, other: str) -> bool:
    """The same words, case-blind, or one name inside the other with a middle name or initial more."""
    first, second = _name_words(one), _name_words(other)
    shorter, longer = sorted((first, second), key=len)
    return first == second or (len(shorter) >= 2 and set(shorter) <= set(longer) and shorter[0] == longer[0])


def _fuller(name: str, kept: str) -> bool:
    """Whether `name` is the better way to write the person: more of the name, or not in capitals."""
    if len(name.split()) != len(kept.split()):
        return len(name.split()) > len(kept.split())
    return kept.isupper() and not name.isupper()
