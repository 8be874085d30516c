"""Refresh speed: 50 feeds on a local server (127.0.0.1 only), 10 of them slow, refreshed in one run.

Usage: python benchmarks/refresh_speed.py [FEEDS] [SLOW] [DELAY_SECONDS] [ENTRIES_PER_FEED]
Each feed lists ENTRIES_PER_FEED entries whose pages are fetched and saved too, as in a real refresh. SLOW feeds
answer only after DELAY_SECONDS. Fetched concurrently, the refresh should take about as long as the slowest feed,
not the sum of the delays: prints total time, the slowest single feed's time and the sum of delays, and ratios.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from feeds_server import FeedServer, Route  # noqa: E402 - the tests' server, found through the path above

from reader.feeds import FeedStore, FetchOptions, refresh_all  # noqa: E402

PAGES = ("page_harbour.html", "page_library.html", "page_orchard.html")


def feed_xml(base: str, feed: int, entries: int) -> bytes:
    items = "".join(
        f"<item><title>Story {n} of feed {feed}</title><link>{base}/pages/{feed}/{n}.html</link>"
        f"<guid>feed-{feed}-story-{n}</guid><description>Teaser {n}.</description></item>"
        for n in range(entries)
    )
    channel = f"<channel><title>Feed {feed}</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


def serve(server: FeedServer, feeds: int, slow: int, delay: float, entries: int) -> list[str]:
    pages = [server.fixture(name) for name in PAGES]
    urls = []
    for feed in range(feeds):
        path = f"/feeds/{feed}.xml"
        server.routes[path] = Route(feed_xml(server.base, feed, entries), delay=delay if feed < slow else 0.0)
        for n in range(entries):
            server.routes[f"/pages/{feed}/{n}.html"] = Route(pages[(feed + n) % len(pages)], content_type="text/html")
        urls.append(server.url(path))
    return urls


def main(feeds: int, slow: int, delay: float, entries: int) -> None:
    with FeedServer() as server, tempfile.TemporaryDirectory() as folder, FeedStore(Path(folder)) as store:
        for url in serve(server, feeds, slow, delay, entries):
            store.subscribe(url)
        report = refresh_all(options=FetchOptions(), store=store)
    slowest = max(outcome.seconds for outcome in report.outcomes)
    delays = slow * delay
    failed = len(report.failures)
    print(f"feeds={feeds} slow={slow} delay={delay:g}s entries_per_feed={entries} "
          f"connections={FetchOptions().connections} new_entries={report.new_entries} failed={failed}")
    print(f"total={report.seconds:.3f}s slowest_feed={slowest:.3f}s sum_of_delays={delays:.3f}s")
    print(f"ratio total/slowest_feed = {report.seconds / slowest:.2f} (about 1 is the target)")
    print(f"ratio total/sum_of_delays = {report.seconds / delays:.2f} (1 or more would mean one after another)")


if __name__ == "__main__":
    arguments = sys.argv[1:]
    main(
        int(arguments[0]) if len(arguments) > 0 else 50,
        int(arguments[1]) if len(arguments) > 1 else 10,
        float(arguments[2]) if len(arguments) > 2 else 1.0,
        int(arguments[3]) if len(arguments) > 3 else 2,
    )
