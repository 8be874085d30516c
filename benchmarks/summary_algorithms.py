"""Compare the summary algorithms by ROUGE on news sets, in process, as the shared scorers count.

Usage: python benchmarks/summary_algorithms.py CORPUS_DIR ... [--algorithms a,b,...]
A CORPUS_DIR in the BBC News Summary layout (article/<topic>/<n>.txt, summary/<topic>/<n>.txt, extractive
references) gets summaries as long as their references; one of NAME.txt beside NAME.ref.txt (CNN highlights,
abstractive) gets SENTENCES_FOR_HIGHLIGHTS sentences, like `summary_news_eval.py --sentences 3`.
`lead` is the first sentences of the cleaned body (the scorers' lead-body). Each row ends with the time the
algorithm took per article (summarising only: cleaning is done before). Needs `pip install rouge-score`.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from rouge_score import rouge_scorer

from reader.analysis import outline
from reader.sources import read_document
from reader.summary import ALGORITHMS, body_sentences, summarize_sentences

METRICS = ("rouge1", "rouge2", "rougeLsum")
SENTENCES_FOR_HIGHLIGHTS = 3
LEAD = "lead"


def corpus(root: Path) -> list[tuple[Path, list[str], int]]:
    """(article, reference lines, summary length) of every article of the set."""
    if (root / "article").is_dir():
        found = [(a, root / "summary" / a.relative_to(root / "article")) for a in sorted((root / "article").rglob("*.txt"))]
        fixed = 0
    else:
        found = [(r.with_name(r.name.replace(".ref.txt", ".txt")), r) for r in sorted(root.glob("*.ref.txt"))]
        fixed = SENTENCES_FOR_HIGHLIGHTS
    items = []
    for article, summary in found:
        reference = [line for line in summary.read_text(encoding="utf-8").splitlines() if line.strip()]
        items.append((article, reference, fixed or len(reference)))
    return items


def main(folders: list[str], algorithms: list[str]) -> None:
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    for folder in folders:
        items = corpus(Path(folder))
        articles = [(outline(read_document(a)), reference, n) for a, reference, n in items]
        print(f"{folder}: {len(articles)} articles", flush=True)
        for algorithm in algorithms:
            totals = dict.fromkeys(METRICS, 0.0)
            spent = 0.0
            for article, reference, n in articles:
                candidates = body_sentences(article.paragraphs)
                start = time.perf_counter()
                chosen = candidates[:n] if algorithm == LEAD else summarize_sentences(candidates, n, algorithm, article.title)
                spent += time.perf_counter() - start
                scores = scorer.score("\n".join(reference), "\n".join(s.text for s in chosen))
                for metric in METRICS:
                    totals[metric] += scores[metric].fmeasure
            print(
                f"  {algorithm:10s} " + " ".join(f"{m}={totals[m] / len(articles):.3f}" for m in METRICS)
                + f" ms/article={1000 * spent / len(articles):.1f}",
                flush=True,
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--algorithms", default=",".join([*ALGORITHMS, LEAD]))
    args = parser.parse_args()
    main(args.folders, args.algorithms.split(","))
