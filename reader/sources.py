"""Files to documents: find the articles under a path and read each into text.

Plain text and Markdown are decoded here; saved web pages go through trafilatura, which finds the article
and its metadata. The user's files are only ever opened for reading.
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from .model import Document, LoadError
from .resources import shipped

TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}
HTML_SUFFIXES = {".html", ".htm"}
SUFFIXES = set(TEXT_SUFFIXES) | HTML_SUFFIXES
# Far beyond any news article; a larger file is read up to here, with a note, in bounded memory and time.
MAX_BYTES = 1_000_000
MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
)


class SourceError(Exception):
    """A file that cannot be read as an article; the message says why, in words."""


def seed_paths() -> list[Path]:
    return sorted(p for p in shipped("seeds").iterdir() if p.suffix.lower() in SUFFIXES)


def discover(paths: Iterable[str | Path]) -> Iterator[Path | LoadError]:
    """Every article file under `paths` (folders are read recursively, in name order).

    Linked folders are followed once each, so a symlink loop ends; a dangling link is reported, and so is
    anything that is not a regular file (a device, a named pipe), which is never opened.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        else:
            yield _article_file(path)


def _walk(top: Path) -> Iterator[Path | LoadError]:
    seen = {os.path.realpath(top)}
    problems: list[LoadError] = []

    def unreadable(error: OSError) -> None:
        problems.append(LoadError(str(error.filename), f"cannot read the folder: {error.strerror}"))

    for folder, subfolders, files in os.walk(top, onerror=unreadable, followlinks=True):
        yield from problems
        problems.clear()
        unvisited = []
        for name in sorted(subfolders):
            real = os.path.realpath(os.path.join(folder, name))
            if real not in seen:
                seen.add(real)
                unvisited.append(name)
        subfolders[:] = unvisited
        for name in sorted(files):
            child = Path(folder, name)
            if child.suffix.lower() in SUFFIXES:
                yield _article_file(child)
    yield from problems


def _article_file(path: Path) -> Path | LoadError:
    """`path` when it is a regular file or a link to one (a stat, nothing opened), else why it cannot be read."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return LoadError(str(path), "a symbolic link to nothing" if path.is_symlink() else "no such file or folder")
    except OSError as error:
        return LoadError(str(path), error.strerror or str(error))
    return path if stat.S_ISREG(mode) else LoadError(str(path), _not_regular(mode))


def _not_regular(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    kinds = (
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    )
    return "not a regular file: " + next((kind for test, kind in kinds if test(mode)), "an unusual kind of file")


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
        # Pages saved from the web often mix encodings: decode line by line, so a stray Windows-1252 byte
        # does not turn every UTF-8 line of the page into mojibake.
        return "".join(_decode_line(line) for line in data.splitlines(keepends=True))


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        # Windows-1252 leaves five bytes undefined; map those through Latin-1 rather than fail.
        return line.decode("cp1252") if _is_cp1252(line) else line.decode("latin-1")


def _is_cp1252(data: bytes) -> bool:
    return not any(b in data for b in (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d"))


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when NUL bytes fall on one side of every pair, as in mostly-ASCII UTF-16."""
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even_nuls = head[0 : 2 * pairs : 2].count(0)
    odd_nuls = head[1 : 2 * pairs : 2].count(0)
    if odd_nuls > 0.4 * pairs and even_nuls < 0.05 * pairs:
        return "utf-16-le"
    if even_nuls > 0.4 * pairs and odd_nuls < 0.05 * pairs:
        return "utf-16-be"
    return None


def _binary_kind(head: bytes) -> str | None:
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return kind
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "binary data"
    return None


def read_document(path: str | Path) -> Document:
    """One file as a Document; at most MAX_BYTES of it are read, with a note when there was more.

    Only a regular file is read: a device or a named pipe is refused before it is opened (a named pipe would
    wait for a writer), and opened without blocking and checked again, should it have been swapped meanwhile.
    """
    path = Path(path)
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            raise SourceError(_not_regular(mode))
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY), "rb") as file:
            opened = os.fstat(file.fileno())
            if not stat.S_ISREG(opened.st_mode):
                raise SourceError(_not_regular(opened.st_mode))
            data = file.read(MAX_BYTES + 1)
            size = opened.st_size
    except OSError as error:
        raise SourceError(error.strerror or str(error)) from error
    notes: tuple[str, ...] = ()
    if len(data) > MAX_BYTES:
        cut = data.rfind(b"\n", 0, MAX_BYTES)
        data = data[: cut + 1 if cut > MAX_BYTES // 2 else MAX_BYTES]
        notes = (f"only the first {MAX_BYTES // 1_000_000} MB of {max(size, len(data)) / 1e6:.0f} MB were read",)
    utf16 = _utf16_without_bom(data[:4096])
    if utf16:
        text = data[: len(data) // 2 * 2].decode(utf16, errors="replace")
    else:
        kind = _binary_kind(data[:4096])
        if kind:
            raise SourceError(f"{kind}, not text")
        text = decode(data)
    if not text.strip():
        raise SourceError("the file is empty" if not data.strip() else "the file holds only blank characters")
    if path.suffix.lower() in HTML_SUFFIXES:
        return _html_document(path, text, notes)
    return Document(str(path), text, TEXT_SUFFIXES.get(path.suffix.lower(), "text"), notes=notes)


def _html_document(path: Path, page: str, notes: tuple[str, ...]) -> Document:
    import trafilatura

    try:
        body = trafilatura.extract(page, include_comments=False, include_tables=True) or ""
        meta = trafilatura.extract_metadata(page) if body.strip() else None
    except (RecursionError, ValueError, TypeError, MemoryError) as error:  # lxml on pathological markup
        raise SourceError(f"the page could not be parsed ({type(error).__name__})") from error
    if not body.strip():
        raise SourceError("no article text found in the page")
    return Document(
        path=str(path),
        text=body,
        kind="html",
        title=(meta.title if meta else None) or None,
        author=(meta.author if meta else None) or None,
        date=(meta.date if meta else None) or None,
        site=(meta.sitename if meta else None) or None,
        notes=notes,
    )
