"""Learn, from PolNeAR's training articles, how often each form of a reporting verb really cues an attribution.

Usage: python tools/learn_speaker_verbs.py ../shared/corpus/polnear-train

Writes reader/data/speakers_verb_rates.txt: for every form reader/speakers.py takes for a reporting verb ("said",
"calling", "states"), the share of its occurrences in the articles' text that the annotators marked as the cue of
an attribution, and how many occurrences there were. "said" cues 92 of 100 times; "states" (mostly a noun) 1;
"speaking" ("speaking at a rally") 9. reader/speakers.py takes a form seen often enough as a cue only when its share
is high enough, and as the verb of a clause that goes on from another (", saying ...") only when it is higher still.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.speakers import _reporting_verbs  # noqa: E402
from tools.polnear import DATA, texts_with_cues, write_data  # noqa: E402

OUT = DATA / "speakers_verb_rates.txt"
WORD = re.compile(r"\b[a-z]+\b")


def main(corpus: str) -> None:
    forms = set(_reporting_verbs()) | {"according"}
    seen: Counter[str] = Counter()
    cued: Counter[str] = Counter()
    for text, spans in texts_with_cues(corpus):
        starts = sorted(spans)
        for match in WORD.finditer(text):
            if match.group() in forms:
                seen[match.group()] += 1
                cued[match.group()] += any(start <= match.start() < end for start, end in starts)
    lines = [f"{word} {cued[word] / seen[word]:.2f} {seen[word]}" for word in sorted(seen)]
    header = [
        "# How often each form of a reporting verb cues an attribution in PolNeAR's training articles (made by",
        "# tools/learn_speaker_verbs.py): the form, the share of its occurrences marked as a cue, the occurrences.",
    ]
    write_data(OUT, header, lines, "forms")


if __name__ == "__main__":
    main(sys.argv[1])
