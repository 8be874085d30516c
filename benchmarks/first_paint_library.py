"""First paint of `newsreader FOLDER` on a library of N articles against a minimal Textual app, in one run.

Usage: python benchmarks/first_paint_library.py [N] [ROUNDS]   (default 10000 articles, 5 rounds)
Makes N synthetic articles (make_corpus.py), then times, each app in a fresh interpreter as first_paint.py
does, from launch to the first screen refresh:
  cold: an empty analysis cache (XDG_CACHE_HOME pointed at a new temporary folder each round);
  warm: the cache filled beforehand by `newsreader index FOLDER` (which takes a few minutes for 10,000).
Also prints when the first rows of the list are on screen (cold and warm), and when every row is listed and
painted (warm). Targets: cold <= 1.5x, warm <= 1.2x minimal, warm first rows <= 1.2x minimal, warm all rows
<= 0.4 s at 10,000.
Needs nothing outside the project; the user's own cache and read state are never touched.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from first_paint import MINIMAL, NEWSREADER, compile_bytecode, paint_time

HERE = Path(__file__).resolve().parent

# When the list's first rows are painted: the first batch listed, then a refresh.
FIRST_ROWS = """
import sys, time
from reader.ui.app import NewsReader
from reader.ui.reading import ReadingPanes

entries_listed = ReadingPanes.entries_listed

def first_rows(panes, event):
    entries_listed(panes, event)
    if event.entries:
        panes.app.call_after_refresh(panes.app.painted)

ReadingPanes.entries_listed = first_rows

class FirstRows(NewsReader):
    def painted(self):
        print(time.time())
        self.exit()

FirstRows(paths=sys.argv[1:]).run(headless=True, size=(120, 40))
"""

# When every row is listed and painted: the listing finished, then a refresh.
ALL_ROWS = """
import sys, time
from reader.ui.app import NewsReader
from reader.ui.reading import ReadingPanes

loading_finished = ReadingPanes.loading_finished

def all_rows(panes):
    loading_finished(panes)
    panes.app.call_after_refresh(panes.app.painted)

ReadingPanes.loading_finished = all_rows

class AllRows(NewsReader):
    def painted(self):
        print(time.time())
        self.exit()

AllRows(paths=sys.argv[1:]).run(headless=True, size=(120, 40))
"""


def main(count: int, rounds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder, warm = Path(tmp) / "library", Path(tmp) / "warm"
        subprocess.run([sys.executable, str(HERE / "make_corpus.py"), str(count), str(folder)], check=True,
                       capture_output=True)
        data = {"XDG_DATA_HOME": str(Path(tmp) / "data")}
        warm_env = {**data, "XDG_CACHE_HOME": str(warm)}
        start = time.perf_counter()
        # This interpreter's reader (the one measured), not whichever `newsreader` is first on the PATH.
        subprocess.run([sys.executable, "-m", "reader.cli", "index", str(folder)], check=True, capture_output=True,
                       env={**os.environ, **warm_env})
        print(f"newsreader index of {count} articles: {time.perf_counter() - start:.0f}s (to warm the cache)")

        def cold_env() -> dict[str, str]:
            return {**data, "XDG_CACHE_HOME": tempfile.mkdtemp(dir=tmp)}

        compile_bytecode()
        paint_time(MINIMAL), paint_time(NEWSREADER, str(folder), env=warm_env)  # warm the OS file cache
        names = ("minimal", "cold", "warm", "cold rows", "warm rows", "warm all rows")
        times: dict[str, list[float]] = {name: [] for name in names}
        for _ in range(rounds):  # interleaved, so all see the same machine load
            times["minimal"].append(paint_time(MINIMAL))
            times["cold"].append(paint_time(NEWSREADER, str(folder), env=cold_env()))
            times["warm"].append(paint_time(NEWSREADER, str(folder), env=warm_env))
            times["cold rows"].append(paint_time(FIRST_ROWS, str(folder), env=cold_env()))
            times["warm rows"].append(paint_time(FIRST_ROWS, str(folder), env=warm_env))
            times["warm all rows"].append(paint_time(ALL_ROWS, str(folder), env=warm_env))
    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"articles={count} rounds={rounds} " + " ".join(f"{k.replace(' ', '_')}={v:.3f}s" for k, v in median.items()))
    print(f"ratio cold/minimal = {median['cold'] / median['minimal']:.2f} (target <= 1.50)")
    print(f"ratio warm/minimal = {median['warm'] / median['minimal']:.2f} (target <= 1.20)")
    print(f"first rows on screen: cold {median['cold rows']:.2f}s, warm {median['warm rows']:.2f}s after launch; "
          f"ratio warm first rows/minimal = {median['warm rows'] / median['minimal']:.2f} (target <= 1.20)")
    print(f"all rows listed, warm: {median['warm all rows']:.2f}s after launch (target <= 0.40 at 10,000)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10000, int(sys.argv[2]) if len(sys.argv) > 2 else 5)
