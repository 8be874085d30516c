"""Learn, from PolNeAR's training articles, the verbs beyond reader/data/speakers_verbs.txt that cue an attribution
right after the name of their subject: "Sanders decried ...", "Clinton voiced ...", "Trump railed against ...".

Usage: python tools/learn_speaker_cues.py ../shared/corpus/polnear-train

Writes reader/data/speakers_cue_verbs.txt: every lower-case word form (a past tense, a present tense or a
participle: ending in -ed, -s or -ing) that comes right after a capitalised word or "he"/"she" at least EVIDENCE
times in the articles' text, and that the annotators marked as (part of) the cue of an attribution at least RATE of
those times; with that share and the count. reader/speakers.py takes these forms as reporting verbs after a subject
("Clinton voiced concern"), never after a quotation or as a clause going on from another one.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.speakers import _reporting_verbs  # noqa: E402
from tools.polnear import DATA, texts_with_cues, write_data  # noqa: E402

OUT = DATA / "speakers_cue_verbs.txt"
AFTER_SUBJECT = re.compile(r"\b(?:[A-Z][\w’'.-]*|he|she)\s+([a-z]+(?:ed|s|ing))\b")
EVIDENCE = 6
RATE = 0.65


def main(corpus: str) -> None:
    known = set(_reporting_verbs()) | {"according"}
    seen: Counter[str] = Counter()
    cued: Counter[str] = Counter()
    for text, spans in texts_with_cues(corpus):
        for match in AFTER_SUBJECT.finditer(text):
            form = match.group(1)
            if form in known or form.endswith(("ss", "ly")):
                continue
            seen[form] += 1
            cued[form] += any(start <= match.start(1) < end for start, end in spans)
    chosen = sorted(form for form in seen if seen[form] >= EVIDENCE and cued[form] >= RATE * seen[form])
    lines = [f"{form} {cued[form] / seen[form]:.2f} {seen[form]}" for form in chosen]
    header = [
        "# Verbs that cue an attribution right after their subject in PolNeAR's training articles, beyond",
        "# speakers_verbs.txt (made by tools/learn_speaker_cues.py): the form, the share of its occurrences after a",
        "# capitalised word or he/she marked as a cue, the occurrences.",
    ]
    write_data(OUT, header, lines, "forms")


if __name__ == "__main__":
    main(sys.argv[1])
