"""What the tools that make reader/data share: PolNeAR's articles with their annotated cue spans, and the shape of
the data files they write into reader/data/."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "reader" / "data"


def cue_spans(annotation: str) -> list[tuple[int, int]]:
    """The character spans of every Cue in a brat annotation (a discontinuous cue gives one span per part)."""
    spans = []
    for line in annotation.splitlines():
        fields = line.split("\t")
        if len(fields) > 1 and fields[1].startswith("Cue "):
            for part in fields[1].split(" ", 1)[1].split(";"):
                start, end = part.split()
                spans.append((int(start), int(end)))
    return spans


def texts_with_cues(corpus: str) -> Iterator[tuple[str, list[tuple[int, int]]]]:
    """Each article of a PolNeAR split (text/NAME.txt, ann/NAME_ANNOTATOR.ann) with its cue spans, read from the
    first annotator's file of it."""
    annotations: dict[str, Path] = {}
    for path in sorted(Path(corpus, "ann").glob("*.ann")):
        annotations.setdefault(re.sub(r"_[0-9a-f]+\.ann$", "", path.name), path)
    for stem, annotation in annotations.items():
        text = Path(corpus, "text", f"{stem}.txt").read_text(encoding="utf-8")
        yield text, cue_spans(annotation.read_text(encoding="utf-8"))


def write_data(out: Path, header: list[str], lines: list[str], what: str) -> None:
    """A learned data file: its comment header, then one line per item; says how many went where."""
    out.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} {what} -> {out}")
