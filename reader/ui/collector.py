"""Python's full garbage collections, moved to the reader's pauses.

A full collection walks every object the app has made since the listing was frozen (`gc.freeze`): list rows,
drawn lines, analyses. With a big library that is tens of milliseconds, and taken in the middle of a key press
it is the slowest press of all. So while the app runs, the automatic full collection is switched off and one
runs instead once no key or click has come for a moment; the young generations are still collected as usual.
"""

from __future__ import annotations

import gc
from time import monotonic

# How long after the last key or click a full collection may run.
QUIET_SECONDS = 1.0
# The third threshold, so high the automatic full collection never comes while the app runs.
NEVER = 1_000_000


class QuietCollector:
    def __init__(self) -> None:
        self.thresholds = gc.get_threshold()
        self.last_input = monotonic()

    def start(self) -> None:
        young, middle, _ = self.thresholds
        gc.set_threshold(young, middle, NEVER)

    def stop(self) -> None:
        gc.set_threshold(*self.thresholds)

    def input_came(self) -> None:
        self.last_input = monotonic()

    def collect_if_quiet(self) -> bool:
        """A full collection if the reader has paused and the middle generation has been collected since the
        last (the sign that objects have moved on to the old one). Says whether it ran."""
        if monotonic() - self.last_input < QUIET_SECONDS or gc.get_count()[2] == 0:
            return False
        gc.collect()
        return True
