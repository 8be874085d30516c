"""The first sort or filter of a warm list, the session alone (no app): N rows as the library's shelf gives them
(undecoded: `session.Rows`), each order and filter timed first on a fresh list, then a sort and a filter after it.

Usage: python benchmarks/shelf_sort.py [N]   (default 100,000)
The garbage collector's thresholds are the app's (no automatic full collection: see reader/ui/collector.py).
"""

from __future__ import annotations

import gc
import sys
import time

from reader.library import Entry
from reader.session import Rows, Session
from reader.ui.collector import NEVER


def shelf(count: int) -> list[list[object]]:
    rows: list[list[object]] = []
    for n in range(count):
        path = f"/library/{n:06}.txt"
        entry = Entry(path, f"id{n:06}", f"Foreign Minister Okoye Weighs The Budget in Canada ({n})", None,
                      f"2026-01-{1 + n % 28:02}" if n % 3 else None, 400 + n % 300, ("Foreign", "Minister", "Okoye"))
        rows.append([n, path, 1, 1, entry.id, entry.to_json()])
    return rows


def narrow(session: Session, what: str) -> None:
    session.sort, session.view, session.topic_filter = "as found", "all", None
    if what == "unread":
        session.view = "unread"
    elif what == "topic":
        session.topic_filter = "Okoye"
    else:
        session.sort = what


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, NEVER)
    rows = shelf(count)
    for first in ("by title", "newest first", "by source", "unread", "topic"):
        session = Session()
        session.articles = Rows([list(row) for row in rows])
        times = []
        for what in (first, "by title", "topic"):
            narrow(session, what)
            start = time.perf_counter()
            session.shown()
            times.append(f"{what} {time.perf_counter() - start:.3f} s")
        print(f"{count:,} rows, first: {' then '.join(times)}", flush=True)


if __name__ == "__main__":
    main()
