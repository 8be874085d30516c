"""Files to documents: find the articles under a path and read each into text.

Plain text and Markdown are decoded here; saved web pages go to reader/webpage.py, where trafilatura finds the
article and its metadata. The user's files are only ever opened for reading.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from .model import Document, LoadError, PageBlock
from .resources import shipped

TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}
HTML_SUFFIXES = {".html", ".htm"}
SUFFIXES = set(TEXT_SUFFIXES) | HTML_SUFFIXES
NAMED_SUFFIXES = ".txt, .md, .html"
# Far beyond any news article: a longer text is kept up to here, with a note, in bounded memory and time.
MAX_BYTES = 1_000_000
# A saved web page's markup around its article (scripts, inline styles) often runs to megabytes: pages are read
# up to here, and MAX_BYTES then applies to the article text extracted from them.
MAX_PAGE_BYTES = 50_000_000
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
    for found in discover_stats(paths):
        yield found if isinstance(found, LoadError) else Path(found[0])


def discover_stats(paths: Iterable[str | Path]) -> Iterator[tuple[str, os.stat_result] | LoadError]:
    """`discover`, each file as its path's text with the stat that found it a regular file (what the cache
    compares it by): one stat a file, and no Path made (at 10,000 files making them was a third of a warm
    listing)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        else:
            yield _article_file(str(path))


def _walk(top: Path) -> Iterator[tuple[str, os.stat_result] | LoadError]:
    seen = {os.path.realpath(top)}
    problems: list[LoadError] = []

    def unreadable(error: OSError) -> None:
        problems.append(LoadError(str(error.filename), f"cannot read the folder: {error.strerror}"))

    found = False
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
            if os.path.splitext(name)[1].lower() in SUFFIXES:
                found = True
                yield _article_file(os.path.join(folder, name))
    yield from problems
    if not found:
        # An empty folder, or one of PDFs only, is told as such: "no such file" would send the user looking
        # for a typo.
        yield LoadError(str(top), f"no articles ({NAMED_SUFFIXES}) under {top}")


def _article_file(path: str) -> tuple[str, os.stat_result] | LoadError:
    """`path` and its stat when it is a regular file or a link to one (nothing opened), else why it cannot be
    read."""
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return LoadError(path, "a symbolic link to nothing" if os.path.islink(path) else "no such file or folder")
    except OSError as error:
        return LoadError(path, error.strerror or str(error))
    return (path, found) if stat.S_ISREG(found.st_mode) else LoadError(path, _not_regular(found.st_mode))


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
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 or UTF-32 with BOM, else Windows-1252; a line that
    was UTF-8 decoded as Windows-1252 once and saved again ("â€™" for "’") is read as it was written."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _undo_double_encoding(data.decode(encoding))
    try:
        return _undo_double_encoding(data.decode("utf-8"))
    except UnicodeDecodeError:
        # Pages saved from the web often mix encodings: decode line by line, so a stray Windows-1252 byte
        # does not turn every UTF-8 line of the page into mojibake.
        return _undo_double_encoding("".join(_decode_line(line) for line in data.splitlines(keepends=True)))


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        # Windows-1252 leaves five bytes undefined; map those through Latin-1 rather than fail.
        return line.decode("cp1252") if _is_cp1252(line) else line.decode("latin-1")


def _is_cp1252(data: bytes) -> bool:
    return not any(b in data for b in (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d"))


# A UTF-8 lead byte then a continuation byte, both read as Windows-1252 or Latin-1 characters: "Ã©", "â€", "Ð¾".
_CONTINUATIONS_READ = "".join(bytes([byte]).decode("cp1252") for byte in range(0x80, 0xC0) if _is_cp1252(bytes([byte])))
_DOUBLE_ENCODED = re.compile(f"[\u00c2-\u00f4][\u0080-\u00bf{_CONTINUATIONS_READ}]")


def _undo_double_encoding(text: str) -> str:
    """`text` with each line that was UTF-8 read as Windows-1252 and saved again put back as written (ftfy)."""
    if not _DOUBLE_ENCODED.search(text):
        return text
    import ftfy  # only for text that looks double-encoded: importing it takes a sixth of a second

    # Line by line, as pages mix lines in both states; split at line feeds only: a mangled character may be one
    # of the others str.splitlines breaks at (U+0085).
    return "\n".join(ftfy.fix_encoding(line) if _DOUBLE_ENCODED.search(line) else line for line in text.split("\n"))


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
    """One file as a Document: at most MAX_BYTES of a text, MAX_PAGE_BYTES of a web page and MAX_BYTES of the
    article extracted from it, with a note when there was more.

    Only a regular file is read: a device or a named pipe is refused before it is opened (a named pipe would
    wait for a writer), and opened without blocking and checked again, should it have been swapped meanwhile.
    """
    path = Path(path)
    is_page = path.suffix.lower() in HTML_SUFFIXES
    limit = MAX_PAGE_BYTES if is_page else MAX_BYTES
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            raise SourceError(_not_regular(mode))
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY), "rb") as file:
            opened = os.fstat(file.fileno())
            if not stat.S_ISREG(opened.st_mode):
                raise SourceError(_not_regular(opened.st_mode))
            data = file.read(limit + 1)
            size = opened.st_size
    except OSError as error:
        raise SourceError(error.strerror or str(error)) from error
    notes: tuple[str, ...] = ()
    if len(data) > limit:
        cut = data.rfind(b"\n", 0, limit)
        data = data[: cut + 1 if cut > limit // 2 else limit]
        notes = (f"only the first {_megabytes(limit)} of {_megabytes(max(size, len(data)))} were read",)
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
    if is_page:
        return _html_document(path, text, notes)
    return Document(str(path), text, TEXT_SUFFIXES.get(path.suffix.lower(), "text"), notes=notes)


def _html_document(path: Path, page: str, notes: tuple[str, ...]) -> Document:
    from .webpage import read_page

    try:
        found = read_page(page)
    except (RecursionError, ValueError, TypeError, MemoryError) as error:  # lxml on pathological markup
        raise SourceError(f"the page could not be parsed ({type(error).__name__})") from error
    if found is None:
        read = f" ({notes[0]})" if notes else ""  # the article may lie past the part that was read
        raise SourceError(f"no article text found in the page{read}")
    blocks = found.blocks
    size = sum(_utf8_size(block.text) + 1 for block in blocks)
    if size > MAX_BYTES:
        notes += (f"only the first {_megabytes(MAX_BYTES)} of the article's {_megabytes(size)} of text were kept",)
        blocks = _first_blocks(blocks, MAX_BYTES)
    return Document(
        path=str(path),
        text="".join(block.text + "\n" for block in blocks),
        kind="html",
        title=found.title,
        author=found.author,
        date=found.date,
        site=found.site,
        notes=notes,
        blocks=blocks,
    )


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.1f}".removesuffix(".0") + " MB"


def _utf8_size(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def _first_blocks(blocks: tuple[PageBlock, ...], limit: int) -> tuple[PageBlock, ...]:
    """The first lines of an article that fit in `limit` bytes of UTF-8 (the first line cut, if it alone does not)."""
    kept, size = [], 0
    for block in blocks:
        size += _utf8_size(block.text) + 1
        if size > limit:
            break
        kept.append(block)
    if not kept:
        text = blocks[0].text.encode("utf-8", "surrogatepass")[:limit].decode("utf-8", "ignore")
        kept.append(replace(blocks[0], text=text))
    return tuple(kept)
