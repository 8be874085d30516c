"""The whole analysis of an article against sumy's LexRank alone, on the same articles, in one process.

Usage: python benchmarks/analysis_speed.py [FOLDER]   (default: the bundled seeds)
Prints both times and their ratio (target: the whole analysis at most 2x LexRank alone). Both run once
before timing so that neither pays for importing NLTK and sumy.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from reader.analysis import analyze_document
from reader.sentences import SumyTokenizer
from reader.sources import discover, read_document, seed_paths

SENTENCES = 3


def lexrank_alone(text: str) -> list[str]:
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    document = PlaintextParser.from_string(text, SumyTokenizer()).document
    return [str(s) for s in summarizer(document, SENTENCES)]


def timed(function, items) -> float:
    function(items[0])  # warm up: imports and caches
    start = time.perf_counter()
    for item in items:
        function(item)
    return time.perf_counter() - start


def main(folder: str | None) -> None:
    paths = [p for p in discover([folder]) if isinstance(p, Path)] if folder else seed_paths()
    documents = [read_document(p) for p in paths]
    rounds = max(1, 50 // len(documents))  # enough work to time on a small folder such as the seeds
    items = documents * rounds
    baseline = timed(lambda d: lexrank_alone(d.text), items)
    analysis = timed(lambda d: analyze_document(d, SENTENCES), items)
    print(f"articles={len(items)} lexrank_alone={baseline:.3f}s whole_analysis={analysis:.3f}s")
    print(f"ratio whole_analysis/lexrank_alone = {analysis / baseline:.2f} (target <= 2.00)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
