"""Learn, from PolNeAR's training articles, the words that a sentence's first word may be without being a name.

Usage: python tools/learn_speaker_words.py ../shared/corpus/polnear-train

Writes reader/data/speakers_lower_words.txt: words that news writing puts in lower case inside a sentence at least
MIN_LOWER times and capitalised there at most a quarter as often ("officials", "reporters", "dozens", "worse").
Capitalised as a sentence's first word ("Officials said ..."), such a word names no one, unless the article itself
writes it capitalised inside a sentence too.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.polnear import DATA, write_data  # noqa: E402

MIN_LOWER = 3
OUT = DATA / "speakers_lower_words.txt"
INSIDE = re.compile(r"(?<=[a-z0-9,;] )([A-Za-z][a-z'’-]+)\b")  # a word after a lower-case word or a comma


def main(corpus: str) -> None:
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    for path in sorted(Path(corpus, "text").glob("*.txt")):
        for word in INSIDE.findall(path.read_text(encoding="utf-8")):
            (capital if word[0].isupper() else lower)[word.lower()] += 1
    words = sorted(w for w, n in lower.items() if n >= MIN_LOWER and capital[w] * 4 <= n and len(w) > 1)
    header = [
        "# Words news writing keeps in lower case inside a sentence (learned from PolNeAR's training articles by",
        "# tools/learn_speaker_words.py): as a sentence's first word alone they name no one. Lower case.",
    ]
    write_data(OUT, header, words, "words")


if __name__ == "__main__":
    main(sys.argv[1])
