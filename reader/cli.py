"""The `newsreader` command: the reader app, and `newsreader analyze` for scripts."""

from __future__ import annotations

import argparse
import json
import sys

from .summary import ALGORITHMS, DEFAULT_ALGORITHM, DEFAULT_SENTENCES

COMMANDS = ("analyze",)


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


def app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsreader",
        description="Read the news in a terminal: cleaned text beside its summary. "
        "With no PATH, opens the bundled seed articles. "
        "`newsreader analyze PATH... [--json]` prints the analysis instead.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders")
    parser.add_argument("--theme", metavar="NAME", help="colour theme (remembered for next time)")
    _analysis_options(parser)
    return parser


def analyze_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsreader analyze", description="Analyse articles and print the result.")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the bundled seeds)")
    parser.add_argument("--json", action="store_true", help="print the analysis as JSON (see analyze-json.md)")
    _analysis_options(parser)
    return parser


def run_analyze(argv: list[str]) -> int:
    args = analyze_parser().parse_args(argv)
    from .analysis import analyze_paths
    from .model import LoadError
    from .report import render_report
    from .sources import seed_paths

    articles, errors = [], []
    for result in analyze_paths(args.paths or seed_paths(), args.sentences, args.algorithm):
        (errors if isinstance(result, LoadError) else articles).append(result)
    for error in errors:
        print(f"newsreader: {error.path}: {error.error}", file=sys.stderr)
    if args.json:
        json.dump(
            {"version": 1, "articles": [a.to_json() for a in articles], "errors": [e.to_json() for e in errors]},
            sys.stdout,
            ensure_ascii=False,
            indent=1,
        )
        sys.stdout.write("\n")
    else:
        sys.stdout.write("\n\n".join(render_report(a) for a in articles) + ("\n" if articles else ""))
    return 1 if errors else 0


def run_app(argv: list[str]) -> int:
    args = app_parser().parse_args(argv)
    from .ui.app import NewsReader

    app = NewsReader(paths=args.paths, theme_name=args.theme, sentences=args.sentences, algorithm=args.algorithm)
    app.run()
    return app.return_code or 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv and argv[0] == "analyze":
            return run_analyze(argv[1:])
        return run_app(argv)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader of our output (head, less) went away: not an error of ours
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
