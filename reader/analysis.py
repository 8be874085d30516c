"""The one pipeline: a file in, an Article out (load, clean, summarise, speakers, topics).

Plain Python: the CLI, the app and the tests all call this, and none of it imports Textual. Each step's module
is imported where it is first needed: a warm listing needs only ANALYSIS_VERSION, a cold one the cleaning, and
the speakers' and topics' modules (a third of a second to import) wait for the first analysis.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .model import Article, Document, LoadError
from .sources import SourceError, discover, read_document
from .summary import DEFAULT_ALGORITHM, DEFAULT_SENTENCES

if TYPE_CHECKING:
    from .topics import DocumentFrequencies, UserTopic

ANALYSIS_MODULES = (
    "model", "sources", "webpage", "clean", "sentences", "summary", "news_summary", "speakers", "topics", "analysis",
)


def _fingerprint() -> str:
    """Changes whenever the analysis code or its data changes, so cached analyses are redone then."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha1()
    modules = [package / f"{name}.py" for name in ANALYSIS_MODULES]
    for path in sorted([*modules, *(package / "data").glob("*")]):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


ANALYSIS_VERSION = _fingerprint()


def article_id(document: Document) -> str:
    return hashlib.sha1(document.text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def outline(document: Document) -> Article:
    """The cheap part: cleaned paragraphs and title, no summary (no NLTK or sumy needed)."""
    from .clean import clean_document

    cleaned = clean_document(document)
    return Article(
        id=article_id(document),
        path=document.path,
        title=document.title or cleaned.title or Path(document.path).stem,
        paragraphs=cleaned.paragraphs,
        site=document.site,
        date=document.date,
        author=document.author,
        notes=document.notes,
    )


# A plain text's headline is among its first lines: the list reads its title from these alone (cleaning is
# most of listing a file, and its cost grows with every line), and the rest of the text only when they hold none.
HEADING_LINES = 12


@dataclass(frozen=True)
class Heading:
    """What the article list shows of a file before it is analysed (see `heading`)."""

    id: str
    path: str
    title: str
    site: str | None
    date: str | None
    words: int


def heading(document: Document) -> Heading:
    """The list's row of a file, cheaply: for a plain text its title from its first lines, as the outline
    finds it there (by the checks a headline needs alone where they are plain, `head_title`; else they are
    cleaned, and the whole text only when they hold no title), and its words counted as the head's body words
    and every word after the head. The analysis gives the exact count (and, for the odd
    text whose first lines mislead, the title) when it is done. A page or a Markdown file is outlined whole:
    its title comes from its markup."""
    from .clean import clean_text, head_title

    if document.kind != "text":
        return _heading_of(outline(document))
    lines = document.text.split("\n")
    counted = end = 0
    for end, line in enumerate(lines, 1):
        counted += bool(line.strip())
        if counted == HEADING_LINES:
            break
    head_text = "\n".join(lines[:end])
    rest = len(document.text.split()) - len(head_text.split())  # the words of the lines after the head
    quick = head_title(head_text)  # the headline by the checks it needs alone: most texts' heads are that plain
    if quick is not None:
        return Heading(article_id(document), document.path, quick.title, document.site, document.date,
                       quick.story_words + rest)
    head = clean_text(head_text)
    if not head.title and rest:  # the headline lies further in (a page's text saved with its menus)
        return _heading_of(outline(document))
    words = sum(len(p.text.split()) for p in head.paragraphs if p.is_body) + rest
    return Heading(article_id(document), document.path, head.title or Path(document.path).stem, document.site,
                   document.date, words)


def _heading_of(article: Article) -> Heading:
    return Heading(article.id, article.path, article.title, article.site, article.date, article.length)


def complete(
    article: Article,
    sentences: int = DEFAULT_SENTENCES,
    algorithm: str = DEFAULT_ALGORITHM,
    *,
    user_topics: tuple[UserTopic, ...] = (),
    frequencies: DocumentFrequencies | None = None,
) -> Article:
    """The expensive part: summary, speakers and topics on an outlined article.

    `frequencies` (over the articles loaded with this one) make topics those distinctive among them.
    """
    from .sentences import forget
    from .speakers import find_speakers
    from .summary import MAX_CANDIDATES, body_sentences, summarize_sentences
    from .topics import find_topics

    forget()  # each article's sentences are its own: what the one before left is dropped, not kept to the bound
    paragraphs, topics = find_topics(
        article.paragraphs, title=article.title, user_topics=user_topics, document_frequencies=frequencies
    )
    speakers, people = find_speakers(paragraphs)
    candidates = body_sentences(paragraphs)
    summary = summarize_sentences(candidates, sentences, algorithm, article.title)
    notes = article.notes
    if len(candidates) > MAX_CANDIDATES:
        notes += (f"the summary is drawn from the first {MAX_CANDIDATES} of {len(candidates)} sentences",)
    return replace(
        article,
        paragraphs=paragraphs,
        summary=summary,
        speakers=speakers,
        people=people,
        topics=topics,
        algorithm=algorithm,
        notes=notes,
    )


def analyze_document(
    document: Document, sentences: int = DEFAULT_SENTENCES, algorithm: str = DEFAULT_ALGORITHM
) -> Article:
    return complete(outline(document), sentences, algorithm)


def load(path: str | Path) -> Article | LoadError:
    """The outline of one file, or the reason it could not be read."""
    try:
        return outline(read_document(path))
    except SourceError as error:
        return LoadError(str(path), str(error))


def analyze_paths(
    paths: Iterable[str | Path],
    sentences: int = DEFAULT_SENTENCES,
    algorithm: str = DEFAULT_ALGORITHM,
    user_topics: tuple[UserTopic, ...] = (),
) -> Iterator[Article | LoadError]:
    """Every file under `paths` analysed, or the reason it could not be; topics weighed across them all."""
    from .topics import DocumentFrequencies

    loaded = [found if isinstance(found, LoadError) else load(found) for found in discover(paths)]
    outlines = [item for item in loaded if isinstance(item, Article)]
    frequencies = DocumentFrequencies.from_articles((a.paragraphs for a in outlines), user_topics)
    for item in loaded:
        yield item if isinstance(item, LoadError) else complete(
            item, sentences, algorithm, user_topics=user_topics, frequencies=frequencies
        )
