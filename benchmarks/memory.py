"""Peak memory of the reader with a library of N articles open, its background analysis running.

Usage: python benchmarks/memory.py [N] [SECONDS]   (default 10000 articles, 60 s of analysis)
Makes N synthetic articles (make_corpus.py) and opens them in the reader (Pilot, headless, 120x40) in a fresh
interpreter with an empty cache of its own: every file is listed (read and cleaned), then the worker processes
analyse the library for SECONDS while the reader steps through the list. Prints the RSS high-water mark
of the app's process (getrusage ru_maxrss), the largest proportional set size (PSS, /proc on Linux: pages
shared among processes counted once) of the processes it started (forkserver, workers) together, and the sum
of the two (target: at most 400 MB).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

PROGRAM = """
import asyncio, os, resource, sys, time
from pathlib import Path
from reader.ui.app import NewsReader

# Every process started under this one: the forkserver, its workers, multiprocessing's resource tracker.
def descendants():
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, queue = [], [os.getpid()]
    while queue:
        children = parents.get(queue.pop(), [])
        found += children
        queue += children
    return found

# The proportional set size of the processes started under this one, together (Linux /proc: the workers are
# the forkserver's children, so getrusage does not see them; PSS counts the pages they share with the
# forkserver once among them all), and how many there are.
def helpers_now():
    total, count = 0, 0
    for pid in descendants():
        try:
            rollup = open(f"/proc/{pid}/smaps_rollup").read()
        except OSError:
            continue
        count += 1
        total += sum(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:"))
    return total, count

async def main(folder, seconds):
    app = NewsReader(paths=[folder])
    async with app.run_test(size=(120, 40)) as pilot:
        while app.session.loading_files:
            await pilot.pause(0.2)
        listed = len(app.session.articles)
        end = time.monotonic() + seconds
        peak, helpers = 0, 0
        while time.monotonic() < end and app.session.awaiting_analysis:
            await pilot.press("j")
            await pilot.pause(0.5)
            total, count = helpers_now()
            peak, helpers = max(peak, total), max(helpers, count)
        done = listed - app.session.awaiting_analysis
    kib = 1024
    print(listed, done, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // kib, helpers, peak // kib)

if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], float(sys.argv[2])))
"""


def main(count: int, seconds: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "library"
        subprocess.run([sys.executable, str(HERE / "make_corpus.py"), str(count), str(folder)], check=True,
                       capture_output=True)
        env = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "cache"), "XDG_DATA_HOME": str(Path(tmp) / "data")}
        script = Path(tmp) / "memory_run.py"  # a file, so the worker processes can start from it
        script.write_text(PROGRAM, encoding="utf-8")
        result = subprocess.run([sys.executable, str(script), str(folder), str(seconds)], check=True,
                                capture_output=True, text=True, env=env)
    listed, analysed, app_mb, helpers, helpers_mb = map(int, result.stdout.split()[-5:])
    print(f"articles={count} listed={listed} analysed={analysed} in the {seconds:.0f}s")
    print(f"peak: app {app_mb} MB RSS; its {helpers} helper processes (forkserver, workers, resource tracker) "
          f"{helpers_mb} MB PSS together; app + helpers {app_mb + helpers_mb} MB (target <= 400 MB)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10000, float(sys.argv[2]) if len(sys.argv) > 2 else 60)
