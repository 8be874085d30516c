"""The reader at 1,000, 10,000 and 100,000 articles, in one run (issue 18's "What it must show", point 1).

Usage: python benchmarks/library_scale.py [--sizes 1000,10000,100000] [--corpora DIR] [--analyse-seconds S]
                                         [--warm-caches DIR] [--warm-only | --cold-only]
For each size N: N synthetic articles (make_corpus.py; under DIR/N and kept there when --corpora is given, so a
second run skips making them), then
  index:      `newsreader index` on them, every core, with an empty cache of its own, against sumy's LexRank
              alone on one core (its rate measured on a sample just before and just after the index, the mean of
              the two: the machine's load changes over a long index); target at least 1.5x; also by CPU time
              (the index's, its workers' included, spread over every core, against LexRank's), which other
              work on a shared machine does not skew;
  first rows: from launch until an article's title is on the screen of a real terminal (tmux, polled), against
              a minimal Textual app's text on the same screen; cold (an empty cache) and warm (the cache the
              index filled); target at most 1.2x the minimal app;
  all rows:   from launch until the list's title counts all N articles;
              target warm at 10,000 at most 0.4 s;
  memory:     the peak proportional set size of the app and every process under it (the forkserver, the
              workers) together, sampled while the cold app lists and then analyses for S seconds (default
              20); target at most 300 MB at 100,000; and the warm start's ("warm peak").
--warm-caches DIR keeps each size's warm cache (DIR/N) and, when one is there already, reuses it without
indexing again (the index figures are then left out; `newsreader index` fills DIR/N/newsreader/ as well, with
XDG_CACHE_HOME=DIR/N); --warm-only times the warm start alone (no index, no cold run): a quick before/after;
--cold-only the cold start alone (no index, no warm run).
--index-last K times, at each size N above K, the index of the last K articles into a cache already holding
the other N - K, FILLED with copies of real analyses of a few (each under its own file's id, path and title,
with its search rows: a cache of the size N's index makes; labelled so in the output): whether the N-th article
is indexed as fast as the first, without the hour of indexing 100,000 on a shared machine; the walk over all N
files is in the time, the rate counts the K alone.
--synthesise-warm fills a size's warm cache, when it has none, with SYNTHESISED rows instead of `index` (each
file's list row from its first lines, made-up topics from its title's words, no analysis: the index's figures are
left out, and the output says so): a warm start at 100,000 without hours of indexing.
The warm start is timed on a library opened once before (an untimed start first): the reader then starts from
the order that start found (the library's shelf), as anyone reopening it does.
Needs tmux. The user's own cache, read state and settings are never touched.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from analysis_speed import lexrank_alone
from first_paint import compile_bytecode

from reader.library import CacheRows
from reader.model import LoadError

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LEXRANK_SAMPLE = 200
# The real analyses a filled cache's rows are copies of (see fill_cache).
FILL_PATTERNS = 200
POLL_SECONDS = 0.01
# The warm start's memory is sampled until all its rows are listed and this long after (its walk goes on).
WARM_SAMPLE_SECONDS = 3.0
SIZE = (120, 40)
# What the minimal app shows, and a word every synthetic article's title has (make_corpus.py).
MINIMAL_TEXT = "hello minimal"
TITLE_WORD = "Weighs"
MINIMAL = f"""
from textual.app import App
from textual.widgets import Footer, Header, Static

class Minimal(App):
    def compose(self):
        yield Header()
        yield Static({MINIMAL_TEXT!r})
        yield Footer()

Minimal().run()
"""


def corpus(count: int, keep: Path | None, tmp: Path) -> Path:
    folder = (keep or tmp) / str(count)
    if not (folder / "done").exists():
        subprocess.run([sys.executable, str(HERE / "make_corpus.py"), str(count), str(folder)], check=True,
                       capture_output=True)
        (folder / "done").write_text("made by make_corpus.py\n")  # not an article: .txt/.md/.html only are
    return folder


def lexrank_rate(texts: list[str]) -> tuple[float, float]:
    """Articles a second of LexRank alone over `texts`: by the clock, and by this process's CPU time."""
    start, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        lexrank_alone(text)
    return len(texts) / (time.perf_counter() - start), len(texts) / (time.process_time() - cpu)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def index_rate(folder: Path, count: int, env: dict[str, str]) -> tuple[float, float, float]:
    """Articles a second of `newsreader index` and of LexRank alone on one core, and the ratio of the two by
    CPU time on every core (what a machine with nothing else running would see, start-up aside: the index's
    CPU time, its workers' included, against LexRank's)."""
    sample = [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.txt"))[:LEXRANK_SAMPLE]]
    lexrank_alone(sample[0])  # imports outside the timing
    before, before_cpu = lexrank_rate(sample)
    start, cpu = time.perf_counter(), children_cpu()
    subprocess.run([sys.executable, "-m", "reader.cli", "index", str(folder)], check=True, env=env,
                   capture_output=True, cwd=ROOT)
    rate = count / (time.perf_counter() - start)
    index_cpu_rate = count / (children_cpu() - cpu)
    after, after_cpu = lexrank_rate(sample)
    cores = os.cpu_count() or 1
    return rate, (before + after) / 2, cores * index_cpu_rate / ((before_cpu + after_cpu) / 2)


def synthesised_rows(paths: list[str]) -> list[tuple[tuple[str, int, int, str], tuple[str, str, str]]]:
    """In a pool process: the cache's file and list rows of each of `paths`, made up from its first lines."""
    from reader.analysis import ANALYSIS_VERSION
    from reader.library import Entry
    from reader.session import heading

    rows = []
    for path in paths:
        found = heading(Path(path))
        if isinstance(found, LoadError):
            continue
        stat = os.stat(path)
        topics = tuple(word for word in found.title.split() if word[:1].isupper())[:6]
        entry = Entry(path, found.id, found.title, found.site, found.date, found.words, topics)
        rows.append(((path, stat.st_mtime_ns, stat.st_size, found.id), (found.id, ANALYSIS_VERSION, entry.to_json())))
    return rows


def synthesise_warm_cache(folder: Path, env: dict[str, str]) -> None:
    """A warm cache for `folder` of synthesised rows (see --synthesise-warm), on every core."""
    from multiprocessing import Pool

    from reader.library import AnalysisCache, CacheRows

    paths = sorted(str(path) for path in folder.rglob("*.txt"))
    cache = AnalysisCache(Path(env["XDG_CACHE_HOME"]) / "newsreader" / "analyses.sqlite3")
    with Pool() as pool:
        for rows in pool.imap(synthesised_rows, [paths[n:n + 500] for n in range(0, len(paths), 500)]):
            cache.write(CacheRows(None, (), file, listing) for file, listing in rows)
    cache.close()


def filled_rows(job: tuple[list[str], list[str]]) -> list[CacheRows]:
    """In a pool process: the cache's rows for each of `paths`, each the copy of a real analysis (of the
    `analysed` articles, in turn) under that file's own id, path and title: a cache as big as one `index`
    would fill, analysis and search rows included, without the hours of analysing it."""
    from dataclasses import replace

    from reader.analysis import ANALYSIS_VERSION, DEFAULT_ALGORITHM, DEFAULT_SENTENCES
    from reader.library import Entry, cache_key
    from reader.session import heading

    paths, analysed = job
    rows = []
    for number, path in enumerate(paths):
        found = heading(Path(path))
        assert not isinstance(found, LoadError), found
        stat = os.stat(path)
        article = json.loads(analysed[number % len(analysed)])
        entry = Entry.from_json(path, found.id, json.dumps(article["entry"]))
        entry = replace(entry, title=found.title, words=found.words)
        key = cache_key(entry.id, ANALYSIS_VERSION, DEFAULT_ALGORITHM, DEFAULT_SENTENCES)
        whole = {**article["article"], "id": entry.id, "path": path, "title": entry.title}
        rows.append(CacheRows((key, json.dumps(whole, ensure_ascii=False)),
                              (entry.id, path, entry.title, *article["search"][3:]),
                              (path, stat.st_mtime_ns, stat.st_size, entry.id),
                              (entry.id, ANALYSIS_VERSION, entry.to_json())))
    return rows


def fill_cache(paths: list[str], env: dict[str, str]) -> None:
    """The cache of `env` holding `paths` as analysed (see `filled_rows`), copied from real analyses of a few."""
    from multiprocessing import Pool

    from reader.analysis import ANALYSIS_VERSION, DEFAULT_ALGORITHM, DEFAULT_SENTENCES, complete, load
    from reader.library import AnalysisCache, Entry

    analysed = []
    for path in paths[:FILL_PATTERNS]:
        outline = load(path)
        assert not isinstance(outline, LoadError), outline
        article = complete(outline, DEFAULT_SENTENCES, DEFAULT_ALGORITHM)
        rows = CacheRows.of(article, "", ANALYSIS_VERSION)
        analysed.append(json.dumps({"article": article.to_json(), "search": rows.search,
                                    "entry": json.loads(Entry.of(article).to_json())}))
    cache = AnalysisCache(Path(env["XDG_CACHE_HOME"]) / "newsreader" / "analyses.sqlite3")
    with Pool() as pool:
        jobs = [(paths[n:n + 500], analysed) for n in range(0, len(paths), 500)]
        for rows in pool.imap(filled_rows, jobs):
            cache.write(rows)
    cache.close()


def index_rate_at_scale(folder: Path, count: int, last: int, env: dict[str, str]) -> tuple[float, float, float]:
    """`index_rate` of the last `last` articles of `folder` into a cache already holding the other
    count - last (see `fill_cache`): the walk over all of them included, the rate counting the `last` alone."""
    paths = sorted(str(path) for path in folder.rglob("*.txt"))
    fill_cache(paths[:-last], env)
    return index_rate(folder, last, env)


def descendants(pid: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, waiting = [pid], [pid]
    while waiting:
        children = parents.get(waiting.pop(), [])
        found += children
        waiting += children
    return found


def pss_mb(pid: int) -> float:
    """The proportional set size of `pid` and every process under it, together (pages they share counted once)."""
    total = 0
    for process in descendants(pid):
        try:
            rollup = Path(f"/proc/{process}/smaps_rollup").read_text()
        except OSError:
            continue
        total += sum(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:"))
    return total / 1024


class Terminal:
    """A program in a real terminal (a tmux server of its own), its screen polled."""

    started_here = 0

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        Terminal.started_here += 1  # a server of its own each: one just killed may still hold the last name
        self.socket = f"scale{os.getpid()}-{Terminal.started_here}"
        settings = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        self.started = time.perf_counter()
        # Started in the project's folder: `python -m` takes the `reader` of the folder it starts in first.
        subprocess.run(["tmux", "-L", self.socket, "new-session", "-d", "-c", str(ROOT), "-x", str(SIZE[0]),
                        "-y", str(SIZE[1]), f"exec env {settings} {shlex.join(command)}"], check=True)
        self.pid = int(subprocess.run(["tmux", "-L", self.socket, "list-panes", "-F", "#{pane_pid}"], check=True,
                                      capture_output=True, text=True).stdout.split()[0])

    def screen(self) -> str:
        return subprocess.run(["tmux", "-L", self.socket, "capture-pane", "-p"], capture_output=True,
                              text=True).stdout

    def wait_for(self, shown: Callable[[str], bool], timeout: float, sample: Callable[[], None] = lambda: None
                 ) -> float:
        """Seconds from launch until `shown(screen)`; inf if not within `timeout`."""
        while time.perf_counter() - self.started < timeout:
            sample()
            if shown(self.screen()):
                return time.perf_counter() - self.started
            time.sleep(POLL_SECONDS)
        return float("inf")

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


def all_listed(count: int) -> Callable[[str], bool]:
    # The list's title is its count: all N once the last batch of rows is in.
    return lambda screen: f"Articles ({count:,})" in screen


def reader_run(folder: Path, count: int, env: dict[str, str], analyse_seconds: float, until_listed: bool = False
               ) -> tuple[float, float, float]:
    """First rows, all rows (seconds after launch) and the peak memory (MB) of the reader on `folder`;
    `until_listed`: running until the status line says it has listed every file (it has then kept the order it
    found for the next start)."""
    peak = 0.0
    last_sample = 0.0
    terminal = Terminal([sys.executable, "-m", "reader.cli", str(folder)], env)

    def sample() -> None:
        nonlocal peak, last_sample
        if time.perf_counter() - last_sample > 0.25:
            peak, last_sample = max(peak, pss_mb(terminal.pid)), time.perf_counter()

    try:
        first = terminal.wait_for(lambda screen: TITLE_WORD in screen, 120)
        everything = terminal.wait_for(all_listed(count), 600 + count / 50, sample)
        if until_listed:
            terminal.wait_for(lambda screen: "loading…" not in screen, 600 + count / 50)
        end = time.perf_counter() + analyse_seconds
        while time.perf_counter() < end:
            sample()
            time.sleep(0.25)
    finally:
        terminal.close()
    return first, everything, peak


def minimal_run(env: dict[str, str]) -> float:
    terminal = Terminal([sys.executable, "-c", MINIMAL], env)
    try:
        return terminal.wait_for(lambda screen: MINIMAL_TEXT in screen, 60)
    finally:
        terminal.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--corpora", type=Path, help="keep the generated articles here (DIR/N) for the next run")
    parser.add_argument("--analyse-seconds", type=float, default=20.0)
    parser.add_argument("--warm-caches", type=Path, help="keep (and reuse) each size's warm cache here (DIR/N)")
    parser.add_argument("--warm-only", action="store_true", help="time the warm start alone, from --warm-caches")
    parser.add_argument("--cold-only", action="store_true", help="time the cold start alone (no index, no warm run)")
    parser.add_argument("--synthesise-warm", action="store_true",
                        help="fill a missing warm cache with synthesised rows instead of indexing (no index figures)")
    parser.add_argument("--index-last", type=int, default=0, metavar="K",
                        help="at sizes above K, time the index of the last K articles into a filled cache")
    args = parser.parse_args()
    compile_bytecode()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for count in (int(size) for size in args.sizes.split(",")):
            folder = corpus(count, args.corpora, Path(tmp))
            home = Path(tmp) / f"home{count}"
            base = {"PATH": os.environ["PATH"], "TERM": os.environ.get("TERM", "xterm-256color"),
                    "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(home / "data"),
                    "XDG_CONFIG_HOME": str(home / "config"), "XDG_STATE_HOME": str(home / "state")}
            kept = args.warm_caches / str(count) if args.warm_caches else home / "warm"
            warm = {**base, "XDG_CACHE_HOME": str(kept)}
            cold = {**base, "XDG_CACHE_HOME": str(home / "cold")}
            nan = float("nan")
            synthesised = False
            if args.synthesise_warm and not (kept / "newsreader" / "analyses.sqlite3").exists():
                synthesise_warm_cache(folder, warm)
                synthesised = True
                print(f"{count}: the warm cache is SYNTHESISED (rows from each file's first lines, no analysis)",
                      flush=True)
            if args.cold_only or ((kept / "newsreader" / "analyses.sqlite3").exists() and (args.warm_caches or synthesised)):
                index, lexrank, by_cpu = nan, nan, nan
            elif args.warm_only:
                parser.error(f"--warm-only needs a warm cache: none in {kept}")
            elif args.index_last and count > args.index_last:
                index, lexrank, by_cpu = index_rate_at_scale(folder, count, args.index_last, {**os.environ, **warm})
                print(f"{count}: index timed on the last {args.index_last:,} articles, into a cache FILLED with "
                      f"the other {count - args.index_last:,} (copies of {FILL_PATTERNS} real analyses)", flush=True)
            else:
                index, lexrank, by_cpu = index_rate(folder, count, {**os.environ, **warm})
            minimal = minimal_run(base)
            if args.warm_only:
                cold_first, cold_all, peak = nan, nan, nan
            else:
                cold_first, cold_all, peak = reader_run(folder, count, cold, args.analyse_seconds)
            minimal = min(minimal, minimal_run(base))
            if args.cold_only:
                warm_first, warm_all, warm_peak = nan, nan, nan
            else:
                reader_run(folder, count, warm, 0, until_listed=True)  # opened once before (see the docstring)
                warm_first, warm_all, warm_peak = reader_run(folder, count, warm, WARM_SAMPLE_SECONDS)
            rows.append((count, index, lexrank, by_cpu, minimal, cold_first, warm_first, cold_all, warm_all, peak))
            print(f"{count}: index {index:.1f}/s lexrank {lexrank:.1f}/s (by CPU time {by_cpu:.2f}x); minimal {minimal:.2f}s; first rows cold "
                  f"{cold_first:.2f}s warm {warm_first:.2f}s; all rows cold {cold_all:.2f}s warm {warm_all:.2f}s; "
                  f"peak {peak:.0f} MB; warm peak {warm_peak:.0f} MB", flush=True)
    print()
    print("articles  index/lexrank (by CPU)  first rows cold/warm (x minimal)   all rows cold / warm   peak app+workers")
    for count, index, lexrank, by_cpu, minimal, cold_first, warm_first, cold_all, warm_all, peak in rows:
        print(f"{count:>8,}  {index / lexrank:>12.2f}x ({by_cpu:.2f}x)  {cold_first:.2f}s / {warm_first:.2f}s "
              f"({cold_first / minimal:.2f}x / {warm_first / minimal:.2f}x)   {cold_all:>8.2f}s / {warm_all:.2f}s"
              f"   {peak:>6.0f} MB")
    print("targets: index >= 1.5x; first rows <= 1.2x minimal; warm all rows at 10,000 <= 0.4 s; "
          "peak at 100,000 <= 300 MB")


if __name__ == "__main__":
    main()
