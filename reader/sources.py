"""Files to documents: find the articles under a path and read each into text.

Plain text and Markdown are decoded here; saved web pages go through trafilatura, which finds the article
and its metadata. The user's files are only ever opened for reading.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator
from pathlib import Path

from .model import Document, LoadError
from .resources import shipped

TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}
HTML_SUFFIXES = {".html", ".htm"}
SUFFIXES = set(TEXT_SUFFIXES) | HTML_SUFFIXES


class SourceError(Exception):
    """A file that cannot be read as an article; the message says why, in words."""


def seed_paths() -> list[Path]:
    return sorted(p for p in shipped("seeds").iterdir() if p.suffix.lower() in SUFFIXES)


def discover(paths: Iterable[str | Path]) -> Iterator[Path | LoadError]:
    """Every article file under `paths` (folders are read recursively, in name order)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.suffix.lower() in SUFFIXES and child.is_file():
                    yield child
        elif path.is_file():
            yield path
        elif path.exists():
            yield LoadError(str(path), "not a regular file")
        else:
            yield LoadError(str(path), "no such file or folder")


def decode(data: bytes) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 or UTF-32 with BOM, else Windows-1252."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Windows-1252 leaves five bytes undefined; map those through Latin-1 rather than fail.
        return data.decode("cp1252", errors="strict") if _is_cp1252(data) else data.decode("latin-1")


def _is_cp1252(data: bytes) -> bool:
    return not any(b in data for b in (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d"))


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    return b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def read_document(path: str | Path) -> Document:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(error.strerror or str(error)) from error
    if _looks_binary(data):
        raise SourceError("binary data, not text")
    text = decode(data)
    if not text.strip():
        raise SourceError("the file is empty")
    if path.suffix.lower() in HTML_SUFFIXES:
        return _html_document(path, text)
    return Document(str(path), text, TEXT_SUFFIXES.get(path.suffix.lower(), "text"))


def _html_document(path: Path, page: str) -> Document:
    import trafilatura

    body = trafilatura.extract(page, include_comments=False, include_tables=True) or ""
    if not body.strip():
        raise SourceError("no article text found in the page")
    meta = trafilatura.extract_metadata(page)
    return Document(
        path=str(path),
        text=body,
        kind="html",
        title=(meta.title if meta else None) or None,
        author=(meta.author if meta else None) or None,
        date=(meta.date if meta else None) or None,
        site=(meta.sitename if meta else None) or None,
    )
