"""Time to first paint: `newsreader` on the bundled seeds against a minimal Textual app, in one run.

Usage: python benchmarks/first_paint.py [ROUNDS]
Each app starts in a fresh interpreter (so imports count, as they do for a user), runs headless, and says the
moment its first screen refresh is done; the time from launching the interpreter to then is its first paint
(quitting afterwards is not part of it). The reader's modules are byte-compiled first, as installing does.
Prints the median of each and their ratio (target <= 1.3).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

MINIMAL = """
import time
from textual.app import App
from textual.widgets import Footer, Header, Static

class Minimal(App):
    def compose(self):
        yield Header()
        yield Static("hello")
        yield Footer()

    def on_mount(self):
        self.call_after_refresh(self.painted)

    def painted(self):
        print(time.time())
        self.exit()

Minimal().run(headless=True, size=(120, 40))
"""

# NewsReader's own on_mount runs too (Textual calls each class's handler), loading starts as it would.
NEWSREADER = """
import sys, time
from reader.ui.app import NewsReader

class FirstPaint(NewsReader):
    def on_mount(self):
        self.call_after_refresh(self.painted)

    def painted(self):
        print(time.time())
        self.exit()

FirstPaint(paths=sys.argv[1:]).run(headless=True, size=(120, 40))
"""


def paint_time(program: str, *args: str, env: dict[str, str] | None = None) -> float:
    """Seconds from launching `program` in a fresh interpreter to its first paint."""
    start = time.time()
    result = subprocess.run([sys.executable, "-c", program, *args], check=True, capture_output=True, text=True,
                            env={**os.environ, **(env or {})})
    return float(result.stdout.split()[-1]) - start


def compile_bytecode() -> None:
    """Byte-compile the reader's modules, as `pip install .` does for a user (and Textual's are already): an
    editable install run with PYTHONDONTWRITEBYTECODE set would otherwise compile them on every start."""
    import compileall
    import importlib.util

    package = Path(importlib.util.find_spec("reader").origin).parent
    compileall.compile_dir(package, quiet=1)


def main(rounds: int) -> None:
    compile_bytecode()
    paint_time(MINIMAL), paint_time(NEWSREADER)  # warm the OS file cache
    minimal, newsreader = [], []
    for _ in range(rounds):  # interleaved, so both see the same machine load
        minimal.append(paint_time(MINIMAL))
        newsreader.append(paint_time(NEWSREADER))
    m, n = statistics.median(minimal), statistics.median(newsreader)
    print(f"rounds={rounds} minimal_textual={m:.3f}s newsreader_seeds={n:.3f}s")
    print(f"ratio newsreader/minimal = {n / m:.2f} (target <= 1.30)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
