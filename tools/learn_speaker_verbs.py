"""Learn, from PolNeAR's training articles, how often each form of a reporting verb really cues an attribution.

Usage: python tools/learn_speaker_verbs.py ../shared/corpus/polnear-train

Writes reader/data/speakers_verb_rates.txt: for every form reader/speakers.py takes for a reporting verb ("said",
"calling", "states"), the share of its occurrences in the articles' text that the annotators marked as the cue of
an attribution, and how many occurrences there were. "said" cues 92 of 100 times; "states" (mostly a noun) 1;
"speaking" ("speaking at a rally") 9. reader/speakers.py takes a form seen often enough as a cue only when its share
is high enough, and as the verb of a clause that goes on from another (", saying ...") only when it is higher still.

Also writes reader/data/speakers_verb_pairs.txt: a form and the word right after it that together cue far less
often than the form alone ("pledged delegates" 0 of 44, "adding to" 0 of 9, "reported from" 0 of 9, "compared
with"): seen at least PAIR_EVIDENCE times, at most PAIR_SHARE of the form's own share. reader/speakers.py takes the
pair's share for the form's there.
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
PAIRS_OUT = DATA / "speakers_verb_pairs.txt"
WORD = re.compile(r"\b[a-z]+\b")
PAIR_EVIDENCE = 8
PAIR_SHARE = 0.25


def main(corpus: str) -> None:
    forms = set(_reporting_verbs()) | {"according"}
    seen: Counter[str] = Counter()
    cued: Counter[str] = Counter()
    pairs_seen: Counter[tuple[str, str]] = Counter()
    pairs_cued: Counter[tuple[str, str]] = Counter()
    for text, spans in texts_with_cues(corpus):
        words = list(WORD.finditer(text))
        for match, after in zip(words, words[1:] + [None]):
            if match.group() in forms:
                is_cue = any(start <= match.start() < end for start, end in spans)
                seen[match.group()] += 1
                cued[match.group()] += is_cue
                if after is not None and text[match.end() : after.start()].isspace():
                    pairs_seen[match.group(), after.group()] += 1
                    pairs_cued[match.group(), after.group()] += is_cue
    lines = [f"{word} {cued[word] / seen[word]:.2f} {seen[word]}" for word in sorted(seen)]
    header = [
        "# How often each form of a reporting verb cues an attribution in PolNeAR's training articles (made by",
        "# tools/learn_speaker_verbs.py): the form, the share of its occurrences marked as a cue, the occurrences.",
    ]
    write_data(OUT, header, lines, "forms")
    rare = [
        pair for pair, times in pairs_seen.items()
        if times >= PAIR_EVIDENCE and pairs_cued[pair] / times <= PAIR_SHARE * cued[pair[0]] / seen[pair[0]]
    ]
    pair_lines = [f"{form} {after} {pairs_cued[form, after] / pairs_seen[form, after]:.2f} {pairs_seen[form, after]}"
                  for form, after in sorted(rare)]
    pair_header = [
        "# A reporting verb's form and the word after it that together cue an attribution far less often than the",
        "# form alone, in PolNeAR's training articles (made by tools/learn_speaker_verbs.py): the form, the word,",
        "# the share of the pair's occurrences marked as a cue, the occurrences.",
    ]
    write_data(PAIRS_OUT, pair_header, pair_lines, "pairs")


if __name__ == "__main__":
    main(sys.argv[1])
