"""Files a second of a cold listing: the session alone (no app) listing a folder new to an empty cache.

Usage: python benchmarks/cold_listing.py FOLDER   (make one with: python benchmarks/make_corpus.py 10000 FOLDER)
Prints the rows listed, the files a second, and the CPU time of this process and of the listing processes (the
machine's other work does not skew the CPU time as it does the clock's). The user's own cache, read state and
settings are never touched: everything goes to a temporary home.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    folder = Path(sys.argv[1])
    with tempfile.TemporaryDirectory() as home:
        for variable in ("XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
            os.environ[variable] = os.path.join(home, variable)
        from reader.session import EntriesListed, Event, Session

        rows = 0

        def emit(event: Event) -> None:
            nonlocal rows
            if isinstance(event, EntriesListed):
                rows += len(event.entries)

        started, cpu = time.perf_counter(), time.process_time()
        Session().list_outlines([folder], emit)
        took, cpu = time.perf_counter() - started, time.process_time() - cpu
        while multiprocessing.active_children():  # the listing processes, ended: their CPU time counted
            time.sleep(0.05)
        children = sum(os.times()[2:4])
    print(f"{rows} rows in {took:.2f} s: {rows / took:.0f} files a second; CPU {cpu:.2f} s here, "
          f"{children:.2f} s in the listing processes")


if __name__ == "__main__":  # the listing processes are spawned: they import this file without running it
    main()
