"""The stores when their files are not as expected: damaged, of another shape, from a newer version, on a full
disk. Nothing hangs, and `notice` says what was done."""

from __future__ import annotations

import os
import random
import re
import sqlite3
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from reader.analysis import ANALYSIS_VERSION, analyze_document
from reader.library import AnalysisCache, Entry, index_paths, scan
from reader.sources import read_document

PAGE = 4096  # SQLite's page size, the default of the files the stores make


@pytest.fixture
def article(seed_path):
    return analyze_document(read_document(seed_path))


def damage(path: Path, start: int, end: int) -> bytes:
    """Overwrite bytes start..end of `path` with noise (the same noise every run); the file as it is now."""
    data = bytearray(path.read_bytes())
    data[start:end] = random.Random(11).randbytes(end - start)
    path.write_bytes(bytes(data))
    return bytes(data)


def set_aside_copies(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.damaged-*"))


# -- a full disk ------------------------------------------------------------------------------------


class TmpfsDisk:
    """A real small disk (tmpfs) that can be filled to the last byte and freed again."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.filler = folder / "filler"

    def fill(self) -> None:
        descriptor = os.open(self.filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        try:
            while True:
                os.write(descriptor, b"\0" * 512)
        except OSError:  # ENOSPC: full
            pass
        finally:
            os.close(descriptor)

    def free(self) -> None:
        self.filler.unlink()


class SimulatedDisk:
    """Where no disk can be mounted: every SQLite connection's writes fail as on a full disk while it is full."""

    WRITES = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|PRAGMA\s+(journal_mode|\w+\s*=))", re.I)

    def __init__(self, folder: Path, monkeypatch) -> None:
        self.folder = folder
        self.full = False
        real_connect = sqlite3.connect
        disk = self

        class Connection:
            def __init__(self, *args, **kwargs) -> None:
                self._real = real_connect(*args, **kwargs)

            def _check(self, sql: str) -> None:
                if disk.full and disk.WRITES.match(sql):
                    error = sqlite3.OperationalError("database or disk is full")
                    error.sqlite_errorcode = 13  # SQLITE_FULL
                    raise error

            def execute(self, sql, *args):
                self._check(sql)
                return self._real.execute(sql, *args)

            def executemany(self, sql, *args):
                self._check(sql)
                return self._real.executemany(sql, *args)

            def executescript(self, script):
                self._check(script)
                return self._real.executescript(script)

            def __enter__(self):
                self._real.__enter__()
                return self

            def __exit__(self, *exc):
                return self._real.__exit__(*exc)

            def __getattr__(self, name):
                return getattr(self._real, name)

        monkeypatch.setattr(sqlite3, "connect", Connection)

    def fill(self) -> None:
        self.full = True

    def free(self) -> None:
        self.full = False


def mount_tmpfs(folder: Path) -> bool:
    if os.geteuid() != 0:
        return False
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(folder)], capture_output=True)
    return done.returncode == 0


@pytest.fixture(params=["tmpfs", "simulated"])
def full_disk(request, tmp_path, monkeypatch):
    folder = tmp_path / "disk"
    if request.param == "simulated":
        folder.mkdir()
        yield SimulatedDisk(folder, monkeypatch)
        return
    if not mount_tmpfs(folder):
        pytest.skip("a tmpfs cannot be mounted here (needs root and the right to mount)")
    try:
        yield TmpfsDisk(folder)
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


# -- the analysis cache ------------------------------------------------------------------------------


def test_a_cache_of_another_shape_is_rebuilt(tmp_path, article):
    path = tmp_path / "c.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE analyses (old TEXT)")
    db.close()
    cache = AnalysisCache(path)
    assert "another shape" in cache.notice and "rebuilt" in cache.notice
    cache.put("k", article)
    assert cache.get("k") == article


def damaged_cache(path: Path, article, tables: tuple[str, ...] = ()) -> None:
    """A cache with a good header page and noise over the pages of `tables` (of every other page without)."""
    cache = AnalysisCache(path)
    for number in range(20):
        cache.put(f"k{number}", replace(article, id=f"id{number}"), ANALYSIS_VERSION)
    cache.close()
    assert not Path(f"{path}-wal").exists()  # everything is in the file itself
    if not tables:
        damage(path, PAGE, path.stat().st_size)
        return
    db = sqlite3.connect(path)
    pages = [page for (page,) in db.execute(
        f"SELECT pageno FROM dbstat WHERE name IN ({', '.join('?' * len(tables))})", tables)]
    db.close()
    for page in pages:
        damage(path, (page - 1) * PAGE, page * PAGE)


def test_damaged_data_pages_are_found_on_a_write_and_the_cache_rebuilt(tmp_path, article, seed_path):
    path = tmp_path / "c.sqlite3"
    damaged_cache(path, article, ("analyses", "files", "listing"))
    cache = AnalysisCache(path)
    assert cache.notice == ""  # the header and the schema are good: nothing to see without reading every page
    cache.put("new", article, ANALYSIS_VERSION)
    assert "damaged" in cache.notice and "rebuilt" in cache.notice
    assert cache.get("new") == article
    fresh = AnalysisCache(path)
    assert fresh.get("new") == article and fresh.notice == ""
    assert [type(found) for found in scan([seed_path], fresh)] == [Entry]


def test_newsreader_index_into_a_damaged_cache_stores_what_it_indexed(tmp_path, article, seed_path):
    path = tmp_path / "c.sqlite3"
    damaged_cache(path, article)
    cache = AnalysisCache(path)
    assert [r.path for r in index_paths([seed_path], cache, 3, "reduction", 1)] == [str(seed_path)]
    assert [type(found) for found in scan([seed_path], AnalysisCache(path))] == [Entry]


def test_a_healthy_cache_is_never_checked_page_by_page(tmp_path, article, monkeypatch):
    statements: list[str] = []
    real_connect = sqlite3.connect

    def traced(*args, **kwargs):
        db = real_connect(*args, **kwargs)
        db.set_trace_callback(statements.append)
        return db

    monkeypatch.setattr(sqlite3, "connect", traced)
    path = tmp_path / "c.sqlite3"
    AnalysisCache(path).put("k", article, ANALYSIS_VERSION)
    cache = AnalysisCache(path)
    assert cache.get("k") == article and cache.known_files(ANALYSIS_VERSION) and cache.search("Obama")
    assert statements and not any(re.search(r"(quick|integrity)_check", s, re.I) for s in statements)


def test_a_full_disk_keeps_the_cache_and_writes_again_once_there_is_room(full_disk, article):
    path = full_disk.folder / "c.sqlite3"
    cache = AnalysisCache(path)
    cache.put("old", article)
    cache.close()
    size = path.stat().st_size
    full_disk.fill()
    cache = AnalysisCache(path)
    assert "no room" in cache.notice and "rebuilt" not in cache.notice
    told = cache.notice
    assert cache.get("old") == article  # read as it is
    cache.put("new", article)
    assert cache.notice == told  # said once
    assert path.stat().st_size >= size and set_aside_copies(full_disk.folder) == []
    full_disk.free()
    cache.put("new", article)  # no restart needed
    assert cache.get("new") == article
    cache.close()
    fresh = AnalysisCache(path)
    assert fresh.get("old") == article and fresh.get("new") == article
    fresh.close()


def test_a_write_that_hits_a_full_disk_keeps_the_cache(full_disk, article):
    path = full_disk.folder / "c.sqlite3"
    cache = AnalysisCache(path)
    cache.put("old", article)
    full_disk.fill()
    for number in range(5):
        cache.put(f"new{number}", replace(article, id=f"new{number}"))
    assert "no room" in cache.notice and "rebuilt" not in cache.notice
    assert cache.get("old") == article
    full_disk.free()
    cache.put("later", article)
    assert cache.get("later") == article and cache.get("old") == article
    cache.close()
