"""Peak memory of the reader with a library of N articles open, its background analysis running.

Usage: python benchmarks/memory.py [N] [SECONDS]   (default 10000 articles, 60 s of analysis)
Makes N synthetic articles (make_corpus.py) and opens them in the reader (Pilot, headless, 120x40) in a fresh
interpreter with an empty cache of its own: every file is listed (read and cleaned), then the worker processes
analyse the library for SECONDS while the reader steps through the list. Prints the RSS high-water mark
of the app's process (getrusage ru_maxrss), and the largest proportional set size (PSS, /proc on Linux: pages
shared among the workers counted once) of each worker, and their sum (target: at most 400 MB).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

PROGRAM = """
import asyncio, multiprocessing, resource, sys, time
from reader.ui.app import NewsReader

# Each live worker's largest proportional set size seen (Linux /proc: the workers are the forkserver's
# children, so getrusage does not see them; PSS shares the pages they have from the forkserver among them).
def worker_peaks(peaks):
    for process in multiprocessing.active_children():
        try:
            rollup = open(f"/proc/{process.pid}/smaps_rollup").read()
        except OSError:
            continue
        for line in rollup.splitlines():
            if line.startswith("Pss:"):
                peaks[process.pid] = max(peaks.get(process.pid, 0), int(line.split()[1]))

async def main(folder, seconds):
    app = NewsReader(paths=[folder])
    async with app.run_test(size=(120, 40)) as pilot:
        while app.loading_files:
            await pilot.pause(0.2)
        listed = len(app.articles)
        end = time.monotonic() + seconds
        peaks = {}
        while time.monotonic() < end and app.awaiting_analysis:
            await pilot.press("j")
            await pilot.pause(0.5)
            worker_peaks(peaks)
        done = listed - app.awaiting_analysis
    kib = 1024
    print(listed, done, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // kib, len(peaks),
          max(peaks.values(), default=0) // kib, sum(peaks.values()) // kib)

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
    listed, analysed, app_mb, workers, worker_mb, workers_mb = map(int, result.stdout.split()[-6:])
    print(f"articles={count} listed={listed} analysed={analysed} in the {seconds:.0f}s")
    print(f"peak: app {app_mb} MB RSS; {workers} workers, the largest {worker_mb} MB PSS; "
          f"app + workers {app_mb + workers_mb} MB (target <= 400 MB)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10000, float(sys.argv[2]) if len(sys.argv) > 2 else 60)
