"""The analysis as data: small frozen dataclasses shared by the CLI, the app and the tests.

Everything here is plain Python (no Textual, no NLTK) so any part of the program can import it cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Paragraph roles of the analyze-json contract (docs: analyze-json.md).
BODY = "body"
CAPTION = "caption"
CREDIT = "credit"
MEDIA = "media"
BYLINE = "byline"
DATELINE = "dateline"
HEADING = "heading"
BOILERPLATE = "boilerplate"
ROLES = (BODY, CAPTION, CREDIT, MEDIA, BYLINE, DATELINE, HEADING, BOILERPLATE)

DIRECT = "direct"
REPORTED = "reported"


@dataclass(frozen=True)
class Paragraph:
    text: str
    role: str
    topics: tuple[str, ...] = ()

    @property
    def is_body(self) -> bool:
        return self.role == BODY


# What a saved web page's markup made a line of its article (PageBlock.markup).
TEXT = "text"  # a paragraph, a table cell, loose text
HEADLINE = "headline"  # an <h1>
SUBHEADING = "subheading"  # <h2> to <h6>
LIST_ITEM = "list item"
QUOTE = "quote"  # a <blockquote>
FIGURE = "figure"  # a <figcaption>, or text inside a <figure>
ASIDE = "aside"  # inside an <aside>, <nav> or <footer> (or an ARIA role of one): beside the article, not of it


@dataclass(frozen=True)
class PageBlock:
    """One line of a saved web page's article, with what the page's markup said of it."""

    text: str
    markup: str = TEXT
    linked: bool = False  # (nearly) all its words are a link's: a way to another page, not text
    extracted: bool = True  # trafilatura took it for the article; False for what it left out around it


@dataclass(frozen=True)
class Document:
    """A file read into text, before any analysis."""

    path: str
    text: str  # for HTML, the article trafilatura found and what it left out around it, a line each
    kind: str  # "text", "markdown" or "html"
    title: str | None = None  # known from the source itself (HTML metadata)
    author: str | None = None
    date: str | None = None
    site: str | None = None
    notes: tuple[str, ...] = ()  # what the reader should know about how the file was read
    blocks: tuple[PageBlock, ...] = field(default=(), repr=False)  # HTML: `text` line by line, with its markup


@dataclass(frozen=True)
class CleanedText:
    title: str
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class SummarySentence:
    text: str
    paragraph: int  # index into Article.paragraphs


@dataclass(frozen=True)
class Statement:
    text: str
    paragraph: int
    kind: str  # DIRECT or REPORTED
    # A quotation inside a reported statement of the same speaker ("Obama said the meeting was “constructive”"):
    # marked in the text, but a reader counts the sentence once, with its quotation inside it.
    nested: bool = False


@dataclass(frozen=True)
class Speaker:
    name: str
    aliases: tuple[str, ...]
    statements: tuple[Statement, ...]
    # A source the article does not name ("officials", "a source familiar with the talks"), a speaker of its own.
    unnamed: bool = False

    @property
    def counted(self) -> tuple[Statement, ...]:
        """The statements a reader counts and steps through: a quotation inside a reported one is not counted again."""
        return tuple(statement for statement in self.statements if not statement.nested)


@dataclass(frozen=True)
class Person:
    name: str
    aliases: tuple[str, ...]
    mentions: int


@dataclass(frozen=True)
class Topic:
    name: str
    paragraphs: tuple[int, ...]


@dataclass(frozen=True)
class Article:
    id: str
    path: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    summary: tuple[SummarySentence, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    people: tuple[Person, ...] = ()
    topics: tuple[Topic, ...] = ()
    algorithm: str = ""
    site: str | None = None
    date: str | None = None
    author: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def body_indexes(self) -> list[int]:
        return [i for i, p in enumerate(self.paragraphs) if p.is_body]

    @property
    def length(self) -> int:
        """Words in the cleaned text."""
        return sum(len(p.text.split()) for p in self.paragraphs if p.is_body)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "site": self.site,
            "date": self.date,
            "author": self.author,
            "algorithm": self.algorithm,
            "notes": list(self.notes),
            "paragraphs": [
                {"text": p.text, "role": p.role, "topics": list(p.topics)} for p in self.paragraphs
            ],
            "summary": [{"text": s.text, "paragraph": s.paragraph} for s in self.summary],
            "speakers": [_speaker_json(s) for s in self.speakers if not s.unnamed],
            "unnamed_speakers": [_speaker_json(s) for s in self.speakers if s.unnamed],
            "people": [
                {"name": p.name, "aliases": list(p.aliases), "mentions": p.mentions}
                for p in self.people
            ],
            "topics": [{"name": t.name, "paragraphs": list(t.paragraphs)} for t in self.topics],
        }


def _speaker_json(speaker: Speaker) -> dict[str, Any]:
    return {
        "name": speaker.name,
        "aliases": list(speaker.aliases),
        "statements": [
            {"text": st.text, "paragraph": st.paragraph, "kind": st.kind, "nested": st.nested}
            for st in speaker.statements
        ],
    }


def _speaker_from_json(data: dict[str, Any], unnamed: bool) -> Speaker:
    statements = (
        Statement(st["text"], st["paragraph"], st["kind"], st.get("nested", False)) for st in data["statements"]
    )
    return Speaker(data["name"], tuple(data["aliases"]), tuple(statements), unnamed)


@dataclass(frozen=True)
class LoadError:
    path: str
    error: str

    def to_json(self) -> dict[str, str]:
        return {"path": self.path, "error": self.error}


def article_from_json(data: dict[str, Any]) -> Article:
    """The inverse of Article.to_json (the cache stores articles this way)."""
    return Article(
        id=data["id"],
        path=data["path"],
        title=data["title"],
        paragraphs=tuple(Paragraph(p["text"], p["role"], tuple(p["topics"])) for p in data["paragraphs"]),
        summary=tuple(SummarySentence(s["text"], s["paragraph"]) for s in data["summary"]),
        speakers=tuple(_speaker_from_json(s, False) for s in data["speakers"])
        + tuple(_speaker_from_json(s, True) for s in data.get("unnamed_speakers", ())),
        people=tuple(Person(p["name"], tuple(p["aliases"]), p["mentions"]) for p in data["people"]),
        topics=tuple(Topic(t["name"], tuple(t["paragraphs"])) for t in data["topics"]),
        algorithm=data.get("algorithm", ""),
        site=data.get("site"),
        date=data.get("date"),
        author=data.get("author"),
        notes=tuple(data.get("notes", ())),
    )
