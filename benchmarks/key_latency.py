"""How long a key press takes while the library is analysed in the background, against the same keys idle.

Usage: python benchmarks/key_latency.py [N] [PRESSES]   (default 3000 articles, 300 presses)
Makes N synthetic articles (make_corpus.py) and opens them in the reader through Textual's Pilot, with an
empty cache of its own. Once every file is listed and the worker processes are analysing the library, it
presses `j` PRESSES times (one each 50 ms, as a held key repeats), timing each from the key reaching the app
to the frame that shows the cursor on the next article; then the same on the same library with no background
analysis.
Prints the median, 95th percentile and slowest of each and their ratios (targets while analysing 10,000:
p95 at most 30 ms, slowest at most 60 ms; on a loaded machine read the ratios to idle).
Held, the key shows each article it passes by its headline (the rest follows once the cursor rests), so each
run also times SINGLE presses a second apart: from the key to the frame that shows the article's text.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Between presses: a key held down repeats about this often.
REST = 0.05
# Single presses, a person's pace: the article's whole text on screen.
SINGLE, SINGLE_REST = 20, 1.0


async def press_times(folder: Path, presses: int, background: bool) -> tuple[list[float], list[float], str]:
    from reader.ui.app import NewsReader
    from reader.ui.reading import ReadingPanes

    def idle(self, *_) -> None:
        """No background analysis: the baseline."""

    analyse_library = ReadingPanes.analyse_library
    ReadingPanes.analyse_library = analyse_library if background else idle  # type: ignore[method-assign]
    app = NewsReader(paths=[folder])
    async with app.run_test(size=(120, 40)) as pilot:
        while app.session.loading_files:
            await pilot.pause(0.1)
        if background:  # until the workers have started and sent their first results
            started = app.session.awaiting_analysis
            while app.session.awaiting_analysis == started:
                await pilot.pause(0.1)
        times = []
        for _ in range(presses):
            times.append(await handled_in(app, "j"))
            await pilot.pause(REST)
        singles = []
        for _ in range(SINGLE):
            await pilot.pause(SINGLE_REST)
            singles.append(await handled_in(app, "j", text_too=True))
        state = f"analysed {len(app.session.articles) - app.session.awaiting_analysis} / {len(app.session.articles)} at the end"
    return times, singles, state


async def handled_in(app, key: str, text_too: bool = False) -> float:
    """Seconds from the key reaching the app to the frame that shows its effect: the list's cursor moved (and,
    `text_too`, the text of the article it moved to)."""
    from textual import events

    from reader.session import article_key

    def text_shown() -> bool:
        shown, current = app.text_view.article, app.article_list.current
        return not text_too or (shown is not None and article_key(shown) == article_key(current))

    painted = asyncio.Event()
    before = app.article_list.highlighted
    start = time.perf_counter()
    app._driver.send_message(events.Key(key, key))
    while app.article_list.highlighted == before or not text_shown():
        await asyncio.sleep(0.0005)
    app.call_after_refresh(painted.set)
    await painted.wait()
    return time.perf_counter() - start


def summary(times: list[float]) -> tuple[float, float, float]:
    """The median, the 95th percentile and the slowest."""
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], ordered[-1]


def main(count: int, presses: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "library"
        subprocess.run([sys.executable, str(HERE / "make_corpus.py"), str(count), str(folder)], check=True,
                       capture_output=True)
        os.environ["XDG_DATA_HOME"] = str(Path(tmp) / "data")
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "busy")
        busy, busy_singles, state = asyncio.run(press_times(folder, presses, background=True))
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "idle")
        idle, idle_singles, _ = asyncio.run(press_times(folder, presses, background=False))
    busy_median, busy_p95, busy_max = summary(busy)
    idle_median, idle_p95, idle_max = summary(idle)
    print(f"articles={count} presses={presses} cores={os.cpu_count()} ({state})")
    print(f"while analysing: median {1000 * busy_median:.1f} ms, p95 {1000 * busy_p95:.1f} ms, "
          f"slowest {1000 * busy_max:.1f} ms (targets: p95 <= 30 ms, slowest <= 60 ms)")
    print(f"idle:            median {1000 * idle_median:.1f} ms, p95 {1000 * idle_p95:.1f} ms, "
          f"slowest {1000 * idle_max:.1f} ms")
    print(f"ratio analysing/idle: median {busy_median / idle_median:.2f}, p95 {busy_p95 / idle_p95:.2f}, "
          f"slowest {busy_max / idle_max:.2f}")
    for name, singles in (("while analysing", busy_singles), ("idle", idle_singles)):
        median, p95, slowest = summary(singles)
        print(f"single presses, the article's text on screen, {name}: median {1000 * median:.1f} ms, "
              f"p95 {1000 * p95:.1f} ms, slowest {1000 * slowest:.1f} ms ({len(singles)} presses)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3000, int(sys.argv[2]) if len(sys.argv) > 2 else 300)
