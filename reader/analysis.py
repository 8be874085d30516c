"""The one pipeline: a file in, an Article out (load, clean, summarise, speakers, topics).

Plain Python: the CLI, the app and the tests all call this, and none of it imports Textual.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from collections.abc import Iterable, Iterator
from pathlib import Path

from .clean import clean_document
from .model import Article, Document, LoadError
from .sources import SourceError, discover, read_document
from .speakers import find_speakers
from .summary import DEFAULT_ALGORITHM, DEFAULT_SENTENCES, summarize
from .topics import find_topics



def _fingerprint() -> str:
    """Changes whenever the analysis code or its data changes, so cached analyses are redone then."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha1()
    for path in sorted([*package.glob("*.py"), *(package / "data").glob("*")]):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


ANALYSIS_VERSION = _fingerprint()


def article_id(document: Document) -> str:
    return hashlib.sha1(document.text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def outline(document: Document) -> Article:
    """The cheap part: cleaned paragraphs and title, no summary (no NLTK or sumy needed)."""
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


def complete(
    article: Article, sentences: int = DEFAULT_SENTENCES, algorithm: str = DEFAULT_ALGORITHM
) -> Article:
    """The expensive part: summary, speakers and topics on an outlined article."""
    paragraphs, topics = find_topics(article.paragraphs)
    speakers, people = find_speakers(paragraphs)
    summary = summarize(paragraphs, sentences, algorithm, article.title)
    return replace(
        article,
        paragraphs=paragraphs,
        summary=summary,
        speakers=speakers,
        people=people,
        topics=topics,
        algorithm=algorithm,
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
    paths: Iterable[str | Path], sentences: int = DEFAULT_SENTENCES, algorithm: str = DEFAULT_ALGORITHM
) -> Iterator[Article | LoadError]:
    for found in discover(paths):
        if isinstance(found, LoadError):
            yield found
            continue
        loaded = load(found)
        yield loaded if isinstance(loaded, LoadError) else complete(loaded, sentences, algorithm)
