"""Article text made safe to show: nothing inside an article may act on the terminal.

Terminal escape sequences (CSI, OSC such as title changes, clipboard writes and hyperlinks, DCS/APC/PM/SOS)
and other control characters are removed; bidi overrides and zero-width characters, which can make text
read differently from what it is, are removed too. Markup is a separate matter: the app never parses article
text as markup at all.

The commands print only through `show`, `show_progress`, `show_json` and `CommandParser`, so what an article,
a feed, a server or a file name says reaches the terminal as `printable` text, whichever command prints it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

_ESCAPE_SEQUENCES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]                          # CSI: cursor moves, colours, screen clears
  | \x1b[\]P_^X][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?  # OSC, DCS, APC, PM, SOS to their end or the line's
  | \x9b[0-?]*[ -/]*[@-~]                            # 8-bit CSI
  | [\x90\x9d\x9e\x9f][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?  # 8-bit OSC, DCS, APC, PM
  | \x1b[ -/]*[0-~]?                                 # any other escape
    """,
    re.VERBOSE,
)
# C0 controls but tab and newline, DEL, C1 controls; bidi embeddings, overrides and isolates; zero-width
# characters and the BOM.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def printable(text: str) -> str:
    """`text` without anything a terminal would act on or that hides what the text says."""
    return _INVISIBLE.sub("", _ESCAPE_SEQUENCES.sub("", text))


def flowed(text: str) -> str:
    """A paragraph as it reads: printable, the line breaks a hard wrap left inside it as spaces (one character for
    one, so places in the text stay where they were), to be wrapped again to the pane."""
    return printable(text).replace("\n", " ")


def escape_invisible(text: str, escape: Callable[[str], str]) -> str:
    """`text` with each character `printable` would remove written as `escape` gives it: data formats keep
    such characters exactly, as escapes, so the bytes that reach a terminal hold none of them."""
    return _INVISIBLE.sub(lambda match: escape(match.group()), text)


def show(*lines: str, file: TextIO | None = None) -> None:
    """Print each of `lines` for a person to read (standard output unless `file`), through `printable`."""
    for line in lines:
        print(printable(line), file=file or sys.stdout)


def show_progress(line: str, width: int = 120) -> None:
    """Draw `line` over the last one on standard error when it is a terminal (a file gets no progress bar)."""
    if sys.stderr.isatty():
        sys.stderr.write(f"\r\x1b[K{printable(line)[:width]}")
        sys.stderr.flush()


def end_progress() -> None:
    """Leave the progress line be, so what follows starts on a line of its own."""
    if sys.stderr.isatty():
        sys.stderr.write("\n")


def show_json(data: object, indent: int | None = None) -> None:
    """Print `data` as JSON for programs: the text exactly, but every character `printable` would remove
    (json.dumps escapes only C0 controls, and leaves DEL, C1 and bidi controls raw) written as a \\u escape."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    sys.stdout.write(escape_invisible(text, lambda char: f"\\u{ord(char):04x}") + "\n")


class CommandParser(argparse.ArgumentParser):
    """argparse whose help and usage errors are printed through `printable`: an error quotes the arguments it
    was given, and a file name can hold escape sequences."""

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        super()._print_message(printable(message), file)
