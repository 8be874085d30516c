"""Throughput of `newsreader index` (every core) against sumy's LexRank alone on one core, same articles.

Usage: python benchmarks/index_speed.py [N]   (default 10000 synthetic articles from make_corpus.py)
Both are measured in this one run; the index runs as the real command (this checkout's, `python -m reader.cli`)
with an empty cache of its own. LexRank's rate is measured just before and just after the index and the two
averaged: on a machine shared with other work the load changes over a long index. Prints articles per second of
each and their ratio (target: at least 1.5 on two cores), and the ratio by CPU time.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis_speed import lexrank_alone

HERE = Path(__file__).resolve().parent


def lexrank(texts: list[str]) -> tuple[float, float]:
    """Articles a second of LexRank alone on one core, over `texts` (at most a thousand of them): by the clock,
    and by this process's CPU time."""
    sample = texts[:1000]
    start, cpu = time.perf_counter(), time.process_time()
    for text in sample:
        lexrank_alone(text)
    return len(sample) / (time.perf_counter() - start), len(sample) / (time.process_time() - cpu)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        subprocess.run([sys.executable, str(HERE / "make_corpus.py"), str(count), str(corpus)], check=True,
                       capture_output=True)
        texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.rglob("*.txt"))]
        lexrank_alone(texts[0])  # imports outside the timing
        before, before_cpu = lexrank(texts)
        env = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "cache"), "PYTHONPATH": str(HERE.parent)}
        start, cpu = time.perf_counter(), children_cpu()
        subprocess.run([sys.executable, "-m", "reader.cli", "index", str(corpus)], check=True, env=env,
                       capture_output=True)
        index_rate = count / (time.perf_counter() - start)
        index_cpu_rate = count / (children_cpu() - cpu)
        after, after_cpu = lexrank(texts)
        lexrank_rate = (before + after) / 2
        by_cpu = (os.cpu_count() or 1) * index_cpu_rate / ((before_cpu + after_cpu) / 2)
    print(f"articles={count} cores={os.cpu_count()} lexrank_one_core={lexrank_rate:.1f}/s index={index_rate:.1f}/s")
    print(f"lexrank before the index {before:.1f}/s, after {after:.1f}/s")
    print(f"ratio index/lexrank = {index_rate / lexrank_rate:.2f} (target >= 1.50)")
    print(f"ratio by CPU time on every core = {by_cpu:.2f} (the index's CPU, its workers' included, over "
          f"{os.cpu_count()} cores, against LexRank's: what other work on the machine does not skew)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10000)
