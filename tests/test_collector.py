"""Full garbage collections wait for a pause in the reader's keys (reader/ui/collector.py)."""

from __future__ import annotations

import gc

from reader.ui import collector as collector_module
from reader.ui.app import NewsReader
from reader.ui.collector import NEVER, QUIET_SECONDS, QuietCollector
from tests.test_app import settle


def full_collections() -> int:
    return gc.get_stats()[2]["collections"]


def test_a_full_collection_runs_only_once_the_keys_pause(monkeypatch):
    collector = QuietCollector()
    before = gc.get_threshold()
    collector.start()
    try:
        assert gc.get_threshold()[2] == NEVER
        gc.collect(1)  # objects have moved on to the oldest generation
        collector.input_came()
        count = full_collections()
        assert not collector.collect_if_quiet()  # a key just came
        monkeypatch.setattr(collector_module, "monotonic", lambda: collector.last_input + QUIET_SECONDS)
        assert collector.collect_if_quiet()
        assert full_collections() == count + 1
        assert not collector.collect_if_quiet()  # nothing has moved on since
    finally:
        collector.stop()
    assert gc.get_threshold() == before


def test_a_reader_who_never_pauses_still_gets_an_overdue_full_collection():
    collector = QuietCollector()
    before = gc.get_threshold()
    collector.start()
    try:
        gc.collect(1)
        collector.input_came()
        assert not collector.collect_if_quiet()
        for _ in range(collector_module.OVERDUE):
            gc.collect(1)
        collector.input_came()
        count = full_collections()
        assert collector.collect_if_quiet()
        assert full_collections() == count + 1
    finally:
        collector.stop()
    assert gc.get_threshold() == before


def test_no_full_collection_runs_while_the_files_are_listed(monkeypatch):
    listing = [True]
    collector = QuietCollector(busy=lambda: listing[0])
    collector.start()
    try:
        for _ in range(collector_module.OVERDUE):
            gc.collect(1)
        monkeypatch.setattr(collector_module, "monotonic", lambda: collector.last_input + QUIET_SECONDS)
        count = full_collections()
        assert not collector.collect_if_quiet()  # quiet and overdue, but the listing goes on
        assert full_collections() == count
        listing[0] = False
        assert collector.collect_if_quiet()
    finally:
        collector.stop()


async def test_the_app_holds_full_collections_while_it_runs_and_keys_count_as_input(seed_path):
    before = gc.get_threshold()
    app = NewsReader(paths=[seed_path])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert gc.get_threshold()[2] == NEVER
        assert not app.collector.busy()  # the listing is over: collections may run again
        quiet_since = app.collector.last_input
        await pilot.press("j")
        assert app.collector.last_input > quiet_since
    assert gc.get_threshold() == before
