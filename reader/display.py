"""Article text made safe to show: nothing inside an article may act on the terminal.

Terminal escape sequences (CSI, OSC such as title changes, clipboard writes and hyperlinks, DCS/APC/PM/SOS)
and other control characters are removed; bidi overrides and zero-width characters, which can make text
read differently from what it is, are removed too. Markup is a separate matter: the app never parses article
text as markup at all.
"""

from __future__ import annotations

import re

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
