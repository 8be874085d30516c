"""Cost of one analysis-cache write as the cache grows: the last fifth of N writes against the first fifth.

Usage: python benchmarks/cache_writes.py [N]   (default 10000)
Writes N synthetic articles' rows (a 400-word body each) in batches of 4, as the library writes what its workers
send, into an empty cache of its own. Prints milliseconds per article for each fifth: the mean (what indexing
pays, merges of the FTS5 index included) and the median batch (steadier on a machine busy with others); and the
ratio of the last fifth to the first (target: at most 1.5, a write costs the same at any size). Then one search.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from reader.library import AnalysisCache, CacheRows

BATCH = 4


def main(count: int) -> None:
    body = " ".join(f"word{i % 997} text{i % 13}" for i in range(400))
    fifth = max(BATCH, count // 5 // BATCH * BATCH)
    costs: list[tuple[float, float]] = []  # the mean and the median batch of each fifth, per article
    with tempfile.TemporaryDirectory() as tmp:
        cache = AnalysisCache(Path(tmp) / "c.sqlite3")
        batches: list[float] = []
        for first in range(0, fifth * 5, BATCH):
            rows = [
                CacheRows((f"k{i}", '{"x": 1}'), (f"id{i}", f"/p/{i}.txt", f"Title {i}", body, "A\nB", "T"), None, None)
                for i in range(first, first + BATCH)
            ]
            start = time.perf_counter()
            cache.write(rows)
            batches.append((time.perf_counter() - start) / BATCH * 1000)
            if (first + BATCH) % fifth == 0:
                costs.append((statistics.mean(batches), statistics.median(batches)))
                batches = []
        hits = len(cache.search("word5"))
    for number, (mean, median) in enumerate(costs):
        print(f"articles {number * fifth + 1:>7,}-{(number + 1) * fifth:>7,}: {mean:.2f} ms a write (median {median:.2f})")
    (first_mean, first_median), (last_mean, last_median) = costs[0], costs[-1]
    print(f"ratio last/first = {last_mean / first_mean:.2f} (median {last_median / first_median:.2f}; target <= 1.50); "
          f"search found {hits}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10000)
