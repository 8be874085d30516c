"""The stores when their files are not as expected: damaged, of another shape, from a newer version, on a full
disk, or shared by several readers at once. Nothing hangs, no mark is lost, and `notice` says what was done."""

from __future__ import annotations

import json
import os
import random
import re
import sqlite3
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from reader.analysis import ANALYSIS_VERSION, analyze_document
from reader.library import STATE_VERSION, AnalysisCache, Entry, ReadState, index_paths, scan
from reader.settings import Settings, load_settings, save_settings, settings_path
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


# -- the read state: damaged, of another shape, from a newer version --------------------------------


def marks_file(path: Path, count: int) -> dict[str, tuple[int, int]]:
    """A real read state with `count` marks, as the reader has always written it; id -> (read, starred)."""
    marks = {f"{number:016x}": (number % 2, int(number % 3 == 0)) for number in range(count)}
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE marks (id TEXT PRIMARY KEY, read INT, starred INT)")
    db.executemany("INSERT INTO marks VALUES (?, ?, ?)", [(i, *flags) for i, flags in marks.items()])
    db.commit()
    db.close()
    return marks


def test_a_foreign_marks_table_is_set_aside_and_marks_start_afresh(tmp_path):
    path = tmp_path / "state.sqlite3"
    db = sqlite3.connect(path)
    db.executescript("CREATE TABLE marks(id TEXT PRIMARY KEY, flags INT); INSERT INTO marks VALUES ('a', 3);")
    db.close()
    before = path.read_bytes()
    state = ReadState(path)
    [aside] = set_aside_copies(tmp_path)
    assert aside.read_bytes() == before  # nothing of it lost
    assert "another shape" in state.notice and aside.name in state.notice
    assert state.read == set() and state.starred == set()
    assert state.toggle_star("b") is True
    assert ReadState(path).starred == {"b"}


@pytest.mark.parametrize("where", ["the first table page", "the header page"])
def test_an_overwritten_page_is_set_aside_and_the_reader_goes_on(tmp_path, where):
    path = tmp_path / "state.sqlite3"
    marks_file(path, 3)
    start = PAGE if where == "the first table page" else 0
    damaged = damage(path, start, start + PAGE)
    state = ReadState(path)
    [aside] = set_aside_copies(tmp_path)
    assert aside.read_bytes() == damaged
    assert "damaged" in state.notice and aside.name in state.notice
    assert state.toggle_star("new") is True
    assert ReadState(path).starred == {"new"}


def test_a_damaged_leaf_loses_only_the_marks_on_it(tmp_path):
    path = tmp_path / "state.sqlite3"
    marks = marks_file(path, 3000)
    db = sqlite3.connect(path)
    leaves = [page for (page,) in db.execute(
        "SELECT pageno FROM dbstat WHERE name = 'marks' AND pagetype = 'leaf' ORDER BY pageno")]
    db.close()
    damage(path, (leaves[-1] - 1) * PAGE, leaves[-1] * PAGE)
    state = ReadState(path)
    kept = state.read | state.starred
    assert 0 < len(kept) < len([i for i, flags in marks.items() if any(flags)])
    assert all((i in state.read, i in state.starred) == tuple(map(bool, marks[i])) for i in kept)
    assert "damaged" in state.notice and f"kept the {len(kept):,} marks" in state.notice
    assert len(set_aside_copies(tmp_path)) == 1
    again = ReadState(path)  # the kept marks are in the new file
    assert (again.read, again.starred) == (state.read, state.starred) and again.notice == ""


def test_a_new_state_has_a_schema_version_and_an_unversioned_one_keeps_its_marks(tmp_path):
    new = tmp_path / "new.sqlite3"
    ReadState(new).close()
    assert sqlite3.connect(new).execute("PRAGMA user_version").fetchone() == (STATE_VERSION,)
    old = tmp_path / "old.sqlite3"
    db = sqlite3.connect(old)
    db.executescript("CREATE TABLE marks (id TEXT PRIMARY KEY, read INT, starred INT);"
                     "INSERT INTO marks VALUES ('a', 1, 1);")
    db.close()
    state = ReadState(old)
    assert (state.read, state.starred, state.notice) == ({"a"}, {"a"}, "")
    assert sqlite3.connect(old).execute("PRAGMA user_version").fetchone() == (STATE_VERSION,)


def test_a_newer_versions_state_is_read_but_never_written(tmp_path):
    path = tmp_path / "state.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE marks (id TEXT PRIMARY KEY, read INT, starred INT, tags TEXT);"
        "INSERT INTO marks VALUES ('a', 1, 0, 'x'), ('b', 0, 1, NULL);"
        f"PRAGMA user_version = {STATE_VERSION + 1};"
    )
    db.close()
    before = path.read_bytes()
    state = ReadState(path)
    assert (state.read, state.starred) == ({"a"}, {"b"})
    assert "newer version" in state.notice
    assert state.toggle_star("a") is True and state.toggle_read("a") is False
    state.set_read(["c"])
    assert state.reload() is False
    assert (state.read, state.starred) == ({"c"}, {"a", "b"})  # shown for this run
    assert path.read_bytes() == before and set_aside_copies(tmp_path) == []


def test_a_newer_version_without_the_marks_columns_is_left_alone(tmp_path):
    path = tmp_path / "state.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(f"CREATE TABLE marks (id TEXT PRIMARY KEY, flags INT); PRAGMA user_version = {STATE_VERSION + 1};")
    db.close()
    before = path.read_bytes()
    state = ReadState(path)
    assert "newer version" in state.notice and "only for this run" in state.notice
    assert state.toggle_star("a") is True
    assert path.read_bytes() == before and set_aside_copies(tmp_path) == []


# -- the read state: several readers on one file ----------------------------------------------------


def test_two_readers_keep_each_others_marks(tmp_path):
    path = tmp_path / "state.sqlite3"
    first, second = ReadState(path), ReadState(path)
    assert second.toggle_star("x") is True  # `*` in one reader
    first.set_read(["x"])  # Enter on the same article in the other, which has not seen the star
    assert first.toggle_star("y") is True
    assert second.toggle_read("y") is True
    fresh = ReadState(path)
    assert fresh.read == {"x", "y"} and fresh.starred == {"x", "y"}


def test_a_toggle_sets_the_opposite_of_what_this_reader_shows(tmp_path):
    path = tmp_path / "state.sqlite3"
    shown, elsewhere = ReadState(path), ReadState(path)
    elsewhere.toggle_star("x")
    assert shown.toggle_star("x") is True  # shown unstarred: starred, not flipped back in the file
    assert ReadState(path).starred == {"x"}


def test_reload_sees_the_marks_another_reader_set(tmp_path):
    path = tmp_path / "state.sqlite3"
    shown, elsewhere = ReadState(path), ReadState(path)
    assert shown.reload() is False
    elsewhere.toggle_star("x")
    elsewhere.set_read(["x", "y"])
    assert shown.reload() is True
    assert shown.read == {"x", "y"} and shown.starred == {"x"}
    assert shown.reload() is False
    elsewhere.set_read(["y"], False)
    assert shown.reload() is True and shown.read == {"x"}


def test_reload_reads_nothing_until_another_reader_writes_at_100000_marks(tmp_path):
    path = tmp_path / "state.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE marks (id TEXT PRIMARY KEY, read INT, starred INT)")
    db.executemany("INSERT INTO marks VALUES (?, 1, 0)", ((f"{n:016x}",) for n in range(100_000)))
    db.commit()
    db.close()
    state = ReadState(path)
    assert len(state.read) == 100_000
    statements: list[str] = []
    state._db.set_trace_callback(statements.append)
    state.toggle_star("mine")  # its own writes need no reading back
    statements.clear()
    for _ in range(3):
        assert state.reload() is False
    assert statements == ["PRAGMA data_version"] * 3
    ReadState(path).toggle_star("theirs")
    assert state.reload() is True and state.starred == {"mine", "theirs"}


# -- the read state: a full disk ---------------------------------------------------------------------


def test_a_full_disk_never_sets_marks_aside_and_they_are_saved_once_there_is_room(full_disk):
    path = full_disk.folder / "state.sqlite3"
    state = ReadState(path)
    state.toggle_star("kept")
    full_disk.fill()
    assert state.toggle_star("new") is True  # shown at once
    state.set_read(["new"])
    assert "no room" in state.notice
    assert set_aside_copies(full_disk.folder) == []
    waiting = ReadState(path)  # another reader, meanwhile: the file as it was
    assert (waiting.starred, waiting.notice) == ({"kept"}, "")
    waiting.close()
    assert state.reload() is False  # still full: still shown
    assert "new" in state.starred and "new" in state.read
    full_disk.free()
    state.reload()  # the app's poll: what waited is saved
    again = ReadState(path)
    assert again.starred == {"kept", "new"} and again.read == {"new"}
    state.close()
    again.close()


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
    assert cache.get("k") == article and cache.known_files(ANALYSIS_VERSION, [article.path]) and cache.search("Obama")
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


# -- settings.json ------------------------------------------------------------------------------------


@pytest.mark.parametrize("damaged", ["{not json", "[1, 2]", "\udcff"])
def test_a_damaged_settings_file_is_set_aside_with_a_notice(damaged):
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(damaged.encode("utf-8", "surrogateescape"))
    settings = load_settings()
    assert settings == Settings()
    [aside] = set_aside_copies(path.parent)
    assert aside.read_bytes() == damaged.encode("utf-8", "surrogateescape")
    assert aside.name in settings.notice
    save_settings(Settings(theme="light"))
    assert aside.read_bytes() == damaged.encode("utf-8", "surrogateescape")
    assert load_settings().theme == "light"


def test_a_settings_file_damaged_after_loading_is_set_aside_when_saving():
    path = settings_path()
    save_settings(Settings(theme="dark"))
    path.write_text("{half a fi", encoding="utf-8")
    notice = save_settings(Settings(theme="light"))
    [aside] = set_aside_copies(path.parent)
    assert aside.read_text(encoding="utf-8") == "{half a fi" and aside.name in notice
    assert load_settings() == Settings(theme="light")


def test_keys_a_newer_version_wrote_are_kept_when_saving():
    path = settings_path()
    path.parent.mkdir(parents=True)
    newer = {"theme": "light", "layout": {"panes": 3}, "keys": ["j", "k"]}
    path.write_text(json.dumps(newer), encoding="utf-8")
    assert load_settings() == Settings(theme="light")
    save_settings(Settings(theme="dark"))
    assert json.loads(path.read_text(encoding="utf-8")) == {**newer, "theme": "dark"}


def test_newsreader_index_says_when_it_rebuilt_a_damaged_cache(article, seed_path, capsys):
    from reader.cli import main
    from reader.library import default_cache_path

    path = default_cache_path()
    path.parent.mkdir(parents=True)
    damaged_cache(path, article, ("analyses", "files", "listing"))  # found only when written
    assert main(["index", str(seed_path), "--workers", "1"]) == 0
    printed = capsys.readouterr()
    assert "damaged" in printed.err and "rebuilt" in printed.err
    assert "indexed 1 of 1" in printed.out
