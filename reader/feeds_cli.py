"""`newsreader add | feeds | remove | refresh | import | export`: feed subscriptions from the command line.

Each command is a function of its arguments returning the exit code, listed in FEED_COMMANDS for reader.cli.
Everything is printed through reader.display (`show`, `show_json`), so no feed, server or file can act on the
terminal.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .display import CommandParser, end_progress, show, show_json, show_progress
from .feeds import (
    FAILED,
    NOT_MODIFIED,
    Feed,
    FeedCounts,
    FeedOutcome,
    FeedStore,
    FeedStoreError,
    FetchError,
    FetchOptions,
    NotAFeed,
    RefreshProgress,
    add_feed,
    entry_paths,
    export_opml,
    import_subscriptions,
    last_refreshed,
    refresh_all,
    remove_feed,
)

NO_FEEDS = "no feeds yet: `newsreader add URL` or `newsreader import FILE`"
# Far beyond any list of subscriptions; what is longer (or endless, as /dev/zero) is refused, not read whole.
MAX_LIST_BYTES = 10_000_000


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else many or one + 's'}"


def _fail(command: str, message: str) -> int:
    show(f"newsreader {command}: {message}", file=sys.stderr)
    return 1


@contextmanager
def _subscriptions(command: str) -> Iterator[FeedStore]:
    """The user's subscriptions for one command; what was wrong with their file (set aside, only readable) is
    told first, on standard error. FeedStoreError when they cannot be opened at all."""
    with FeedStore() as store:
        if store.notice:
            show(f"newsreader {command}: {store.notice}", file=sys.stderr)
        yield store


def run_add(argv: list[str]) -> int:
    parser = CommandParser(
        prog="newsreader add",
        description="Subscribe to a feed (RSS, Atom, JSON Feed), or to the feed a web page links to. "
        "Adding a feed again updates its name, tags and full-article choice.",
    )
    parser.add_argument("url", help="the feed's URL, or a site's page that links to its feed")
    parser.add_argument("--name", help="your name for the feed (default: its own title)")
    parser.add_argument("--tag", action="append", default=[], metavar="TAG", help="a tag (repeatable)")
    articles = parser.add_mutually_exclusive_group()
    articles.add_argument("--summary-only", dest="full_articles", action="store_false", default=None,
                          help="keep only what the feed says; do not fetch each entry's page")
    articles.add_argument("--full-articles", dest="full_articles", action="store_true",
                          help="fetch each entry's page (the default)")
    args = parser.parse_args(argv)
    try:
        with _subscriptions("add") as store:
            feed, created = add_feed(args.url, args.name, args.tag, args.full_articles, store=store)
    except (FetchError, NotAFeed) as error:
        return _fail("add", f"{args.url}: {error}")
    except FeedStoreError as error:
        return _fail("add", str(error))
    verb = "subscribed to" if created else "updated"
    show(f"{verb} {feed.display_name} <{feed.url}> (feed {feed.id})")
    if created:
        show("`newsreader refresh` fetches its entries")
    return 0


def run_feeds(argv: list[str]) -> int:
    parser = CommandParser(prog="newsreader feeds", description="List the subscribed feeds.")
    parser.add_argument("--json", action="store_true", help="print the list as JSON")
    args = parser.parse_args(argv)
    try:
        with _subscriptions("feeds") as store:
            feeds, counts = store.feeds(), store.counts()
    except FeedStoreError as error:
        return _fail("feeds", str(error))
    if args.json:
        show_json({"feeds": [_feed_json(feed, counts.get(feed.id)) for feed in feeds]}, indent=1)
        return 0
    if not feeds:
        show(NO_FEEDS)
    for feed in feeds:
        count = counts.get(feed.id)
        show(*_feed_lines(feed, count.entries if count else 0, count.full_articles if count else 0))
    return 0


def _feed_lines(feed: Feed, entries: int, full_articles: int) -> list[str]:
    tags = f"  [{', '.join(feed.tags)}]" if feed.tags else ""
    when = last_refreshed(feed)
    refreshed = f"refreshed {when:%Y-%m-%d %H:%M}: {feed.last_result}" if when else "never refreshed"
    kept = f"{full_articles} full articles" if feed.full_articles else "summaries only"
    lines = [
        f"{feed.id:>3}  {feed.display_name}{tags}",
        f"     {feed.url}",
        f"     {entries} entries to read ({kept}) · {refreshed}",
    ]
    if feed.last_error:
        lines.append(f"     {'failed' if feed.last_result == FAILED else 'note'}: {feed.last_error}")
    return lines


def _feed_json(feed: Feed, count: FeedCounts | None) -> dict[str, object]:
    when = last_refreshed(feed)
    return {
        "id": feed.id,
        "url": feed.url,
        "name": feed.display_name,
        "tags": list(feed.tags),
        "full_articles": feed.full_articles,
        "entries": count.entries if count else 0,
        "full_article_entries": count.full_articles if count else 0,
        "last_refreshed": when.isoformat() if when else None,
        "last_result": feed.last_result,
        "last_error": feed.last_error,
    }


def run_remove(argv: list[str]) -> int:
    parser = CommandParser(
        prog="newsreader remove", description="Unsubscribe from a feed; its saved articles are deleted too."
    )
    parser.add_argument("feed", metavar="URL_OR_ID", help="the feed's URL or its number in `newsreader feeds`")
    args = parser.parse_args(argv)
    try:
        with _subscriptions("remove") as store:
            feed = remove_feed(args.feed, store=store)
    except FeedStoreError as error:
        return _fail("remove", str(error))
    if feed is None:
        return _fail("remove", f"no feed {args.feed} (see `newsreader feeds`)")
    show(f"unsubscribed from {feed.display_name} <{feed.url}>")
    return 0


def _connections(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def _seconds(value: str) -> float:
    number = float(value)
    if not number > 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return number


def run_refresh(argv: list[str]) -> int:
    defaults = FetchOptions()
    parser = CommandParser(
        prog="newsreader refresh",
        description="Fetch every feed, and the full article of each new entry, for reading offline.",
    )
    parser.add_argument("--connections", type=_connections, default=defaults.connections, metavar="N",
                        help=f"feeds and pages fetched at once (default {defaults.connections})")
    parser.add_argument("--timeout", type=_seconds, default=defaults.timeout, metavar="SECONDS",
                        help=f"give up on a silent server after this long (default {defaults.timeout:g})")
    args = parser.parse_args(argv)
    options = FetchOptions(timeout=args.timeout, connections=args.connections)
    try:
        with _subscriptions("refresh") as store:
            report = refresh_all(progress=_show_progress, options=options, store=store)
            saved = entry_paths(store)
    except FeedStoreError as error:
        return _fail("refresh", str(error))
    if not report.outcomes:
        show(NO_FEEDS)
        return 0
    end_progress()
    show(*(f"{o.feed.display_name}: {_outcome_words(o)}" for o in sorted(report.outcomes, key=lambda o: o.feed.id)))
    failed = len(report.failures)
    show(f"{_count(len(report.outcomes), 'feed')} in {report.seconds:.1f} s: "
         f"{_count(report.new_entries, 'new entry', 'new entries')}"
         + (f", {failed} failed" if failed else ""))
    _analyse_saved(saved)
    return 1 if failed else 0


def _analyse_saved(paths: list[Path]) -> None:
    """Analyse the saved articles the analysis cache does not have yet into it, as `newsreader index` does: the
    app then lists them at once, and `newsreader search` finds them. What cannot be analysed is told on standard
    error; the articles stay saved, and the refresh's exit status is the feeds'."""
    import os
    import time

    from .library import AnalysisCache, analyse_new
    from .summary import DEFAULT_ALGORITHM, DEFAULT_SENTENCES

    start = time.perf_counter()
    cache = AnalysisCache()
    if cache.notice:
        show(f"newsreader refresh: {cache.notice}", file=sys.stderr)
    told = cache.notice
    entries, errors = analyse_new(paths, cache, DEFAULT_SENTENCES, DEFAULT_ALGORITHM, os.cpu_count() or 1)
    cache.close()
    if cache.notice != told:
        show(f"newsreader refresh: {cache.notice}", file=sys.stderr)
    if entries:
        show(f"analysed {_count(len(entries), 'new article')} in {time.perf_counter() - start:.1f} s: "
             "`newsreader search` finds them")
    show(*(f"newsreader refresh: could not analyse {e.path}: {e.error}" for e in errors), file=sys.stderr)


def _outcome_words(outcome: FeedOutcome) -> str:
    if outcome.result == FAILED:
        return f"failed: {outcome.message}"
    if outcome.result == NOT_MODIFIED:
        return "not modified"
    words = f"{outcome.new_entries} new"
    if outcome.from_feed_text:
        words += f" ({outcome.from_feed_text} from the feed's own text: their pages failed)"
    return words + (f"; note: {outcome.message}" if outcome.message else "")


def _show_progress(progress: RefreshProgress, width: int = 30) -> None:
    name = progress.outcome.feed.display_name
    if sys.stderr.isatty():
        filled = width * progress.done // max(progress.total, 1)
        show_progress(f"[{'#' * filled}{'.' * (width - filled)}] {progress.done}/{progress.total} {name}")
    else:
        show(f"[{progress.done}/{progress.total}] {name}: {progress.outcome.result}", file=sys.stderr)


def run_import(argv: list[str]) -> int:
    parser = CommandParser(
        prog="newsreader import",
        description="Subscribe to the feeds in an OPML file or a newsboat `urls` file (one URL a line, then tags).",
    )
    parser.add_argument("file", metavar="FILE", help="the OPML or urls file ('-' for standard input)")
    args = parser.parse_args(argv)
    source = "standard input" if args.file == "-" else args.file
    try:
        if args.file == "-":
            data = sys.stdin.buffer.read(MAX_LIST_BYTES + 1)
        else:
            with Path(args.file).open("rb") as file:
                data = file.read(MAX_LIST_BYTES + 1)
    except OSError as error:
        return _fail("import", f"{source}: {error.strerror or error}")
    if len(data) > MAX_LIST_BYTES:
        return _fail("import", f"{source}: over the {MAX_LIST_BYTES // 1_000_000} MB a subscription list may hold")
    try:
        with _subscriptions("import") as store:
            report = import_subscriptions(data, store=store)
    except FeedStoreError as error:
        return _fail("import", str(error))
    except Exception as error:  # noqa: BLE001 - whatever a hostile file trips in a parser is told, not a traceback
        return _fail("import", f"{source} could not be read ({type(error).__name__}: {error})")
    show(f"{_count(len(report.added), 'feed')} added, {len(report.updated)} already subscribed")
    show(*(f"skipped: {reason}" for reason in report.skipped))
    if report.added:
        show("`newsreader refresh` fetches their entries")
    return 0 if report.added or report.updated or not report.skipped else 1


def run_export(argv: list[str]) -> int:
    CommandParser(prog="newsreader export", description="Print the subscriptions as OPML.").parse_args(argv)
    try:
        # The OPML writes what printable would remove as character references: showing it loses nothing.
        with _subscriptions("export") as store:
            show(export_opml(store=store).rstrip("\n"))
    except FeedStoreError as error:
        return _fail("export", str(error))
    return 0


FEED_COMMANDS = {
    "add": run_add,
    "feeds": run_feeds,
    "remove": run_remove,
    "refresh": run_refresh,
    "import": run_import,
    "export": run_export,
}
