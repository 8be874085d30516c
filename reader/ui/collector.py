"""Python's full garbage collections, moved to the reader's pauses.

A full collection walks every object the app has made since the listing was frozen (`gc.freeze`): list rows,
drawn lines, analyses. With a big library that is tens of milliseconds, and taken in the middle of a key press
it is the slowest press of all. So while the app runs, the automatic full collection is switched off and one
runs instead once no key or click has come for a moment (or, for a reader who never pauses, once it is long
overdue, so memory stays bounded); the young generations are still collected as usual. While the files are
listed (`busy`) none runs at all: the listing is frozen whole once done, and a full collection of a library
half listed (a fifth of a second at 10,000) only holds the rest back.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from time import monotonic

# How long after the last key or click a full collection may run.
QUIET_SECONDS = 1.0
# The third threshold, so high the automatic full collection never comes while the app runs.
NEVER = 1_000_000
# Collections of the middle generation after which a full one runs even without a pause (Python's own
# threshold is 10; this is about one every few hundred key presses).
OVERDUE = 250


class QuietCollector:
    def __init__(self, busy: Callable[[], bool] = lambda: False) -> None:
        self.thresholds = gc.get_threshold()
        self.last_input = monotonic()
        self.busy = busy

    def start(self) -> None:
        young, middle, _ = self.thresholds
        gc.set_threshold(young, middle, NEVER)

    def stop(self) -> None:
        gc.set_threshold(*self.thresholds)

    def input_came(self) -> None:
        self.last_input = monotonic()

    def collect_if_quiet(self) -> bool:
        """A full collection if the middle generation has been collected since the last (objects have moved
        on to the old one) and the reader has paused, or it is overdue. Says whether it ran."""
        if self.busy():
            return False
        moved_on = gc.get_count()[2]
        quiet = monotonic() - self.last_input >= QUIET_SECONDS
        if not moved_on or (not quiet and moved_on < OVERDUE):
            return False
        gc.collect()
        return True
