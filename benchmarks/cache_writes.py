"""Cost of one analysis-cache write as the cache grows: the last fifth of N writes against the first fifth.

Usage: python benchmarks/cache_writes.py [N]   (default 10000)
Writes N synthetic articles' rows (a 400-word body each) in batches of 4, as the library writes what its workers
send, into an empty cache of its own; prints milliseconds per article for each fifth and the ratio of the last to
the first (target: at most 1.5, a write costs the same at any size). Then one search, to see the rows are found.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from reader.library import AnalysisCache, CacheRows

BATCH = 4


def main(count: int) -> None:
    body = " ".join(f"word{i % 997} text{i % 13}" for i in range(400))
    fifth = max(BATCH, count // 5 // BATCH * BATCH)
    costs: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        cache = AnalysisCache(Path(tmp) / "c.sqlite3")
        start = time.perf_counter()
        for first in range(0, fifth * 5, BATCH):
            cache.write([
                CacheRows((f"k{i}", '{"x": 1}'), (f"id{i}", f"/p/{i}.txt", f"Title {i}", body, "A\nB", "T"), None, None)
                for i in range(first, first + BATCH)
            ])
            if (first + BATCH) % fifth == 0:
                now = time.perf_counter()
                costs.append((now - start) / fifth * 1000)
                start = now
        hits = len(cache.search("word5"))
    for number, cost in enumerate(costs):
        print(f"articles {number * fifth + 1:>7,}-{(number + 1) * fifth:>7,}: {cost:.2f} ms a write")
    print(f"ratio last/first = {costs[-1] / costs[0]:.2f} (target <= 1.50); search found {hits}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10000)
