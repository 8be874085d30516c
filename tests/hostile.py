"""A folder of every kind of broken and hostile input the reader must survive, made on demand (nothing large
is committed). Used by the analysis tests and the app tests alike."""

from __future__ import annotations

import gzip
import hashlib
import os
from pathlib import Path

ARTICLE = (
    "Storm Closes Schools Across the Region\n\n"
    "Heavy snow closed schools across the region on Tuesday, officials said.\n\n"
    "“We expect the roads to reopen by Thursday,” said Governor Ann Lee.\n"
)
# name -> (content, what the error must say); every other file must load.
BAD = {
    "empty.txt": (b"", "the file is empty"),
    "blank.txt": (b" \n\t\n   \n", "empty"),
    "report.pdf.txt": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >>", "a PDF document, not text"),
    "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "a PNG image, not text"),
    "archive.txt": (gzip.compress(ARTICLE.encode()), "gzip-compressed data, not text"),
    "nothing.html": (b"<html><head></head><body><script>var x = 1;</script></body></html>", "no article text"),
}
GOOD = {
    "article.txt": ARTICLE.encode(),
    "invalid-utf8.txt": ARTICLE.encode() + b"A stray \xff\xfe byte and \xc3 half a letter.\n",
    "utf16-no-bom.txt": ARTICLE.encode("utf-16-le"),
    "one-sentence.txt": b"Only one sentence stands here.\n",
    "one-word.txt": b"Hello\n",
    "only-quotes.txt": "“Yes.”\n\n“No,” she said.\n\n\"Maybe\"\n".encode(),
    "markup.txt": b"Markup [bold]Title[/bold]\n\nThe body has [bold]tags[/bold] and [@click=app.quit]a link[/] "
    b"and [link=https://example.com]another[/link], all of it plain text.\n",
    "escapes.txt": b"Escapes \x1b]0;pwned\x07Title\n\nA body that clears \x1b[2J\x1b[H the screen, copies "
    b"\x1b]52;c;ZXZpbA==\x07 to the clipboard, links \x1b]8;;http://evil.example\x1b\\here\x1b]8;;\x1b\\ and "
    b"turns \xe2\x80\xae text around \xe2\x80\x8b invisibly. Averyveryverylongwordwithoutanybreak" + b"x" * 300 + b".\n",
    "malformed.html": b"<html><body><p>An unclosed <b>paragraph with <i>broken nesting</b> that still says "
    b"something worth reading about the storm and the schools that closed across the region.</p>"
    b"<p>Another paragraph tells of the roads and the snow, <div>without closing anything",
}


def make_hostile_folder(root: Path, huge: bool = True) -> Path:
    """Every case in `root`; returns `root`. `huge` adds the 50 MB article and the 10 MB single line."""
    root.mkdir(parents=True, exist_ok=True)
    for name, (content, _) in BAD.items():
        (root / name).write_bytes(content)
    for name, content in GOOD.items():
        (root / name).write_bytes(content)
    depth = 100_000
    (root / "deep.html").write_text("<html><body>" + "<div>" * depth + "<p>Deep inside.</p>" + "</div>" * depth)
    (root / "dangling.txt").symlink_to(root / "no-such-file.txt")
    (root / "loop").mkdir()
    (root / "loop" / "back").symlink_to(root, target_is_directory=True)
    if huge:
        paragraph = ("The council debated the budget for hours, and the mayor said the plan would hold. " * 12) + "\n\n"
        with (root / "huge.txt").open("w") as file:
            file.write("A Very Long Report\n\n")
            for _ in range(50_000_000 // len(paragraph)):
                file.write(paragraph)
        (root / "one-line.txt").write_text("word " * 2_000_000)
    return root


def fingerprints(root: Path) -> dict[str, tuple[str, int]]:
    """Content hash and modification time of every regular file under `root` (links not followed)."""
    prints = {}
    for folder, _, files in os.walk(root):
        for name in files:
            path = Path(folder, name)
            if path.is_file() and not path.is_symlink():
                prints[str(path)] = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    return prints
