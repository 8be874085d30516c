"""Throughput of `newsreader index` (every core) against sumy's LexRank alone on one core, same articles.

Usage: python benchmarks/index_speed.py [N]   (default 10000 synthetic articles from make_corpus.py)
Both are measured in this one run; the index runs as the real command with an empty cache of its own.
Prints articles per second of each and their ratio (target: index >= LexRank alone, ratio >= 1.0).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis_speed import lexrank_alone

HERE = Path(__file__).resolve().parent


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        subprocess.run([sys.executable, str(HERE / "make_corpus.py"), str(count), str(corpus)], check=True,
                       capture_output=True)
        texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.rglob("*.txt"))]
        lexrank_alone(texts[0])  # imports outside the timing
        start = time.perf_counter()
        for text in texts:
            lexrank_alone(text)
        lexrank_rate = count / (time.perf_counter() - start)

        env = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "cache")}
        start = time.perf_counter()
        subprocess.run(["newsreader", "index", str(corpus)], check=True, env=env, capture_output=True)
        index_rate = count / (time.perf_counter() - start)
    print(f"articles={count} cores={os.cpu_count()} lexrank_one_core={lexrank_rate:.1f}/s index={index_rate:.1f}/s")
    print(f"ratio index/lexrank = {index_rate / lexrank_rate:.2f} (target >= 1.00)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10000)
