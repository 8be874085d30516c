"""Compare the eight summary algorithms by ROUGE on a corpus in the BBC News Summary layout.

Usage: python benchmarks/summary_algorithms.py CORPUS_DIR [ALGORITHM ...]
CORPUS_DIR holds article/<topic>/<n>.txt and summary/<topic>/<n>.txt. Needs `pip install rouge-score`.
Each summary has as many sentences as its reference, like the scorer the README's figures come from.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rouge_score import rouge_scorer

from reader.analysis import outline
from reader.sources import read_document
from reader.summary import ALGORITHMS, summarize

METRICS = ("rouge1", "rouge2", "rougeLsum")


def main(corpus: str, algorithms: list[str]) -> None:
    root = Path(corpus)
    pairs = [(a, root / "summary" / a.relative_to(root / "article")) for a in sorted((root / "article").rglob("*.txt"))]
    articles = [(outline(read_document(a)), [l for l in s.read_text().splitlines() if l.strip()]) for a, s in pairs]
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    for algorithm in algorithms or list(ALGORITHMS):
        totals = dict.fromkeys(METRICS, 0.0)
        for article, reference in articles:
            chosen = summarize(article.paragraphs, len(reference), algorithm, article.title)
            scores = scorer.score("\n".join(reference), "\n".join(s.text for s in chosen))
            for metric in METRICS:
                totals[metric] += scores[metric].fmeasure
        print(f"{algorithm:10s} " + " ".join(f"{m}={totals[m] / len(articles):.3f}" for m in METRICS), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
