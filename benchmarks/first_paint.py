"""Time to first paint: `newsreader` on the bundled seeds against a minimal Textual app, in one run.

Usage: python benchmarks/first_paint.py [ROUNDS]
Each app starts in a fresh interpreter (so imports count, as they do for a user), runs headless, and exits
right after its first screen refresh. Prints the median wall time of each and their ratio (target <= 1.3).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

MINIMAL = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Minimal(App):
    def compose(self):
        yield Header()
        yield Static("hello")
        yield Footer()

    def on_mount(self):
        self.call_after_refresh(self.exit)

Minimal().run(headless=True, size=(120, 40))
"""

NEWSREADER = """
from reader.ui.app import NewsReader

class FirstPaint(NewsReader):
    def on_mount(self):
        self.call_after_refresh(self.exit)

FirstPaint(paths=[]).run(headless=True, size=(120, 40))
"""


def wall_time(program: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", program], check=True, capture_output=True)
    return time.perf_counter() - start


def main(rounds: int) -> None:
    wall_time(MINIMAL), wall_time(NEWSREADER)  # warm the OS file cache and bytecode
    minimal, newsreader = [], []
    for _ in range(rounds):  # interleaved, so both see the same machine load
        minimal.append(wall_time(MINIMAL))
        newsreader.append(wall_time(NEWSREADER))
    m, n = statistics.median(minimal), statistics.median(newsreader)
    print(f"rounds={rounds} minimal_textual={m:.3f}s newsreader_seeds={n:.3f}s")
    print(f"ratio newsreader/minimal = {n / m:.2f} (target <= 1.30)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
