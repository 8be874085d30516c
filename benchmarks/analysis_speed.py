"""The whole analysis of an article against sumy's LexRank alone, on the same articles, in one process.

Usage: python benchmarks/analysis_speed.py [FOLDER] [ROUNDS]   (default: the bundled seeds, 5 rounds)
Prints both times and their ratio (targets: the whole analysis at most 1.2x LexRank alone, issue 18; 1.5x,
issue 13). Both run once before timing so that neither pays for importing NLTK and sumy. The two take turns,
round by round, and the median of the rounds' ratios is the figure: on a machine busy with other work, load
that comes and goes falls on both alike.
"""

from __future__ import annotations

import statistics
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


def timed(function, items) -> tuple[float, float]:
    """The clock's time and this process's CPU time the function takes over the items."""
    start, start_cpu = time.perf_counter(), time.process_time()
    for item in items:
        function(item)
    return time.perf_counter() - start, time.process_time() - start_cpu


def main(folder: str | None, rounds: int) -> None:
    paths = [p for p in discover([folder]) if isinstance(p, Path)] if folder else seed_paths()
    documents = [read_document(p) for p in paths]
    items = documents * max(1, 10 // len(documents))  # enough work a round on a small folder such as the seeds
    baseline_of = lambda d: lexrank_alone(d.text)  # noqa: E731
    analysis_of = lambda d: analyze_document(d, SENTENCES)  # noqa: E731
    baseline_of(items[0])  # warm up: imports and caches
    analysis_of(items[0])
    baselines, analyses = [], []
    for round_ in range(rounds):
        first, second = (baseline_of, analysis_of) if round_ % 2 == 0 else (analysis_of, baseline_of)
        times = {first: timed(first, items), second: timed(second, items)}
        baselines.append(times[baseline_of])
        analyses.append(times[analysis_of])
    print(f"articles={len(items)} x {rounds} rounds lexrank_alone={sum(b[0] for b in baselines):.3f}s "
          f"whole_analysis={sum(a[0] for a in analyses):.3f}s (by the clock)")
    for name, which in (("by the clock", 0), ("by CPU time", 1)):
        ratios = [analysis[which] / baseline[which] for analysis, baseline in zip(analyses, baselines)]
        print(f"ratio whole_analysis/lexrank_alone {name} = {statistics.median(ratios):.2f} median of rounds "
              f"({min(ratios):.2f}-{max(ratios):.2f}; targets <= 1.20, issue 18; <= 1.50, issue 13)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None, int(sys.argv[2]) if len(sys.argv) > 2 else 5)
