"""The `newsreader` command: the reader app, and `newsreader analyze` for scripts."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .display import CommandParser, end_progress, show, show_json, show_progress
from .summary import ALGORITHMS, DEFAULT_ALGORITHM, DEFAULT_SENTENCES

if TYPE_CHECKING:
    from .model import Article
    from .topics import UserTopic


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def _analysis_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sentences", type=_positive, default=DEFAULT_SENTENCES, metavar="N",
                        help=f"summary length in sentences (default {DEFAULT_SENTENCES})")
    parser.add_argument("--algorithm", choices=list(ALGORITHMS), default=DEFAULT_ALGORITHM,
                        help=f"sumy summarizer (default {DEFAULT_ALGORITHM})")
    parser.add_argument("--topics", metavar="FILE",
                        help="your own topics (TOML; default: topics.toml in the config folder)")


def app_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="newsreader",
        description="Read the news in a terminal: cleaned text beside its summary. "
        "With no PATH, opens the bundled seed articles. "
        "Other commands: `newsreader analyze PATH... [--json]` prints the analysis; "
        "`newsreader index [PATH...]` analyses into the cache ahead of time; `newsreader search QUERY` searches it; "
        "`newsreader add URL`, `feeds`, `remove`, `refresh`, `import FILE`, `export` manage news feeds.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders")
    parser.add_argument("--theme", metavar="NAME", help="colour theme (remembered for next time)")
    _analysis_options(parser)
    return parser


def analyze_parser() -> argparse.ArgumentParser:
    parser = CommandParser(prog="newsreader analyze", description="Analyse articles and print the result.")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the bundled seeds)")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the analysis as JSON (see analyze-json.md)")
    output.add_argument("--jsonl", action="store_true",
                        help="print each article as one line of JSON as soon as it is done, each analysed on its own")
    _analysis_options(parser)
    return parser


def index_parser() -> argparse.ArgumentParser:
    parser = CommandParser(prog="newsreader index", description="Analyse articles into the cache ahead of time.")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files or folders (default: what `newsreader` opens, the bundled seeds and the saved "
                        "feed articles)")
    parser.add_argument("--workers", type=_positive, default=os.cpu_count() or 1, metavar="N",
                        help="processes to use (default: every core)")
    _analysis_options(parser)
    return parser


def search_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="newsreader search",
        description="Search the analysed articles (see `newsreader index`). "
        "Words match titles and text; speaker:NAME and topic:NAME match one field.",
    )
    parser.add_argument("query", nargs="+", help="words, speaker:NAME, topic:NAME")
    parser.add_argument("--json", action="store_true", help="print the hits as JSON")
    return parser


def run_index(argv: list[str]) -> int:
    args = index_parser().parse_args(argv)
    from .library import library_name, library_paths
    from .model import LoadError
    from .session import Session

    session = Session(args.sentences, args.algorithm)
    cache = session.open_cache()
    told = cache.notice
    if told:
        show(f"newsreader: {told}", file=sys.stderr)
    if args.paths:
        library = args.paths
    else:  # the library the app opens with no path
        library, feeds_notice = library_paths()
        if feeds_notice:
            show(f"newsreader index: {feeds_notice}", file=sys.stderr)
    start = time.perf_counter()
    walked = session.walk_for_index(library)
    errors, files, done = list(walked.errors), walked.files, len(walked.known)
    for result in session.index(walked.new, args.workers):
        done += 1
        if isinstance(result, LoadError):
            errors.append(result)
        _progress(done, len(files))
    elapsed = max(time.perf_counter() - start, 1e-9)
    end_progress()
    # The order found, for the app's first start on the library (see Session.list_outlines): the rows it lists,
    # not the files that failed (the shelf would show them by their names until the walk found them failing).
    failed = {error.path for error in errors}
    cache.shelve(library_name(library), [path for path in files if path not in failed])
    if cache.notice != told:  # the cache was rebuilt, or the disk filled, while indexing
        show(f"newsreader: {cache.notice}", file=sys.stderr)
    show(f"indexed {len(files) - len(errors)} of {len(files)} articles in {elapsed:.1f} s "
         f"({done / elapsed:.1f} articles/s on {args.workers} processes) into {cache.path}")
    show(*(f"failed: {error.path}: {error.error}" for error in errors))
    return 1 if errors else 0


def _progress(done: int, total: int, width: int = 30) -> None:
    filled = width * done // max(total, 1)
    show_progress(f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")


def run_search(argv: list[str]) -> int:
    args = search_parser().parse_args(argv)
    from .session import Session

    hits = Session().search_hits(" ".join(args.query))
    if args.json:
        show_json({"hits": [{"id": i, "path": p, "title": t} for i, p, t in hits]})
    else:
        for _, path, title in hits:
            show(title, f"  {path}")
    return 0 if hits else 1


def user_topics(path: str | None) -> tuple[UserTopic, ...]:
    """The user's topics, or exit 2 with the file's problem in words."""
    from .topics import TopicsFileError, load_user_topics

    try:
        return load_user_topics(path)
    except TopicsFileError as error:
        show(f"newsreader: {error}", file=sys.stderr)
        raise SystemExit(2) from error


def run_analyze(argv: list[str]) -> int:
    args = analyze_parser().parse_args(argv)
    from .analysis import analyze_paths
    from .model import LoadError
    from .report import render_report
    from .sources import seed_paths

    topics = user_topics(args.topics)
    if args.jsonl:
        return stream_jsonl(args.paths or seed_paths(), args.sentences, args.algorithm, topics)
    articles: list[Article] = []
    errors: list[LoadError] = []
    for result in analyze_paths(args.paths or seed_paths(), args.sentences, args.algorithm, topics):
        if isinstance(result, LoadError):
            errors.append(result)
        else:
            articles.append(result)
    for error in errors:
        show(f"newsreader: {error.path}: {error.error}", file=sys.stderr)
    if args.json:
        show_json(
            {"version": 1, "articles": [a.to_json() for a in articles], "errors": [e.to_json() for e in errors]},
            indent=1,
        )
    elif articles:
        show("\n\n".join(render_report(a) for a in articles))
    return 1 if errors else 0


def stream_jsonl(paths: Iterable[str | Path], sentences: int, algorithm: str, topics: tuple[UserTopic, ...] = ()) -> int:
    """`analyze --jsonl`: one line for each file under `paths` as soon as it is analysed, `{"article": ...}` or
    `{"error": ...}`, each as in the --json document. Nothing is kept from one article to the next, so memory stays
    flat over any number of them; `paths` is read as it goes (a generator may still be making it). Each article
    is analysed on its own, as `newsreader index` does: topics weighed across them all would mean reading them all
    before the first line. Exit 1 when some failed (also told on standard error), else 0."""
    from .analysis import complete, load
    from .model import LoadError
    from .sources import discover

    failed = False
    for found in discover(paths):
        result = found if isinstance(found, LoadError) else load(found)
        if not isinstance(result, LoadError):
            try:
                result = complete(result, sentences, algorithm, user_topics=topics)
            except Exception as error:  # noqa: BLE001 - one article's failure is a line of its own, the others go on
                result = LoadError(result.path, f"analysis failed: {type(error).__name__}: {error}")
        if isinstance(result, LoadError):
            failed = True
            show(f"newsreader: {result.path}: {result.error}", file=sys.stderr)
            show_json({"error": result.to_json()})
        else:
            show_json({"article": result.to_json()})
        sys.stdout.flush()  # a line is out as soon as it is done, also down a pipe
    return 1 if failed else 0


def run_app(argv: list[str]) -> int:
    parser = app_parser()
    args = parser.parse_args(argv)
    # A mistyped path is told before the app takes the screen, not left behind `e` in an empty app.
    missing = [path for path in args.paths if not os.path.lexists(path)]
    if missing:
        parser.error("; ".join(f"{path}: no such file or folder" for path in missing))
    from .ui.app import NewsReader

    app = NewsReader(
        paths=args.paths,
        theme_name=args.theme,
        sentences=args.sentences,
        algorithm=args.algorithm,
        topics_file=args.topics,
    )
    app.run()
    return app.return_code or 0


def _feeds_command(name: str) -> Callable[[list[str]], int]:
    """Feed commands load httpx and feedparser only when one of them runs."""

    def run(argv: list[str]) -> int:
        from .feeds_cli import FEED_COMMANDS

        return FEED_COMMANDS[name](argv)

    return run


COMMANDS = {
    "analyze": run_analyze,
    "index": run_index,
    "search": run_search,
    **{name: _feeds_command(name) for name in ("add", "feeds", "remove", "refresh", "import", "export")},
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        command = COMMANDS.get(argv[0]) if argv else None
        return command(argv[1:]) if command else run_app(argv)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader of our output (head, less) went away: not an error of ours
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
