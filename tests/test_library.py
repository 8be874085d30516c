import re
import sqlite3
import tempfile
from pathlib import Path

import pytest
from privileges import as_nobody

from reader.analysis import ANALYSIS_VERSION, analyze_document
from reader.library import SCHEMA_VERSION, AnalysisCache, cache_key, default_cache_path
from reader.sources import read_document


@pytest.fixture
def article(seed_path):
    return analyze_document(read_document(seed_path))


def test_round_trip_keeps_the_whole_analysis(tmp_path, article):
    cache = AnalysisCache(tmp_path / "c.sqlite3")
    key = cache_key(article.id, "v1", "reduction", 3)
    cache.put(key, article)
    cache.close()
    assert AnalysisCache(tmp_path / "c.sqlite3").get(key) == article


def test_other_options_or_versions_miss(tmp_path, article):
    cache = AnalysisCache(tmp_path / "c.sqlite3")
    cache.put(cache_key(article.id, "v1", "reduction", 3), article)
    assert cache.get(cache_key(article.id, "v2", "reduction", 3)) is None
    assert cache.get(cache_key(article.id, "v1", "lexrank", 3)) is None


def test_default_path_is_under_the_user_cache_folder(private_dirs):
    assert str(default_cache_path()).startswith(str(private_dirs / "xdg_cache_home"))


def test_a_corrupt_file_is_rebuilt(tmp_path, article):
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    cache = AnalysisCache(path)
    assert "rebuilt" in cache.notice
    cache.put("k", article)
    assert cache.get("k") == article


@pytest.mark.parametrize("version, words", [(SCHEMA_VERSION - 1, "older version"), (SCHEMA_VERSION + 7, "newer version")])
def test_a_cache_of_another_schema_is_rebuilt_and_the_notice_says_which(tmp_path, article, version, words):
    path = tmp_path / "c.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(f"CREATE TABLE analyses (old TEXT); PRAGMA user_version = {version};")
    db.close()
    cache = AnalysisCache(path)
    assert words in cache.notice and "rebuilt" in cache.notice
    cache.put("k", article)
    assert cache.get("k") == article


def runs_without_a_cache(folder: Path, article) -> None:
    cache = AnalysisCache(folder / "c.sqlite3")
    assert "without a cache" in cache.notice
    cache.put("k", article)
    assert cache.get("k") == article


def test_a_read_only_folder_runs_without_a_cache(article):
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp).chmod(0o755)
        folder = Path(tmp) / "ro"
        folder.mkdir()
        folder.chmod(0o555)
        as_nobody(lambda: runs_without_a_cache(folder, article))


def test_an_unusable_folder_runs_without_a_cache(tmp_path, article):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    cache = AnalysisCache(blocker / "c.sqlite3")
    assert "without a cache" in cache.notice
    cache.put("k", article)
    assert cache.get("k") == article


def test_a_damaged_entry_is_a_miss(tmp_path):
    cache = AnalysisCache(tmp_path / "c.sqlite3")
    cache._db.execute("INSERT INTO analyses VALUES ('k', '{not json')")
    assert cache.get("k") is None


def analysed_by_a_worker(cache: AnalysisCache, path: Path, monkeypatch):
    """What a worker process sends back for `path` (run here), written to `cache` as the library does."""
    from reader import library

    monkeypatch.setattr(library, "_worker_cache", cache, raising=False)
    indexed = library._index_one((str(path), 3, "reduction"), True)
    cache.write([indexed.rows])
    return indexed


def test_a_worker_analyses_once_and_then_only_tells_the_cache_of_the_file(tmp_path, seed_path, monkeypatch):
    from reader import analysis
    from reader.library import cached

    cache = AnalysisCache(tmp_path / "c.sqlite3")
    outline = analysis.load(seed_path)
    assert cached(cache, outline, 3, "reduction") is None
    first = analysed_by_a_worker(cache, seed_path, monkeypatch)
    assert first.rows.analysis is not None and first.entry.title == outline.title
    monkeypatch.setattr(analysis, "complete", lambda *a: pytest.fail("analysed again"))
    again = analysed_by_a_worker(cache, seed_path, monkeypatch)
    assert again.article == first.article and again.rows.analysis is None and again.rows.file is not None
    assert cached(cache, outline, 3, "reduction") == first.article


@pytest.mark.parametrize(
    "query, found",
    [
        ("cease-fire", True),
        ("speaker:Obama", True),
        ("topic:Syria", True),
        ("speaker:Putin", False),
        ("Hangzhou speaker:obama", True),
        ("zebra", False),
        ('"unbalanced NEAR( OR', False),
    ],
)
def test_search_finds_the_seed(tmp_path, article, query, found):
    from dataclasses import replace

    from reader.model import Speaker, Topic

    tagged = replace(article, speakers=(Speaker("Barack Obama", ("Obama",), ()),), topics=(Topic("Syria", (3,)),))
    cache = AnalysisCache(tmp_path / "c.sqlite3")
    cache.put("k", tagged)
    hits = cache.search(query)
    assert bool(hits) is found
    if found:
        assert hits[0][0] == article.id


def test_read_state_persists_across_runs(tmp_path):
    from reader.library import ReadState

    state = ReadState(tmp_path / "s.sqlite3")
    assert state.toggle_read("a") is True
    state.set_read(["b", "c"])
    assert state.toggle_star("c") is True
    assert state.toggle_read("b") is False
    again = ReadState(tmp_path / "s.sqlite3")
    assert again.read == {"a", "c"} and again.starred == {"c"}


def test_read_state_default_lives_in_the_user_data_folder(private_dirs):
    from reader.library import ReadState

    assert str(ReadState().path).startswith(str(private_dirs / "xdg_data_home"))


def test_read_state_without_a_usable_folder_still_works(tmp_path):
    from reader.library import ReadState

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    state = ReadState(blocker / "s.sqlite3")
    assert "only for this run" in state.notice
    assert state.toggle_star("x") is True


def test_scan_lists_known_files_without_reading_them(tmp_path, seed_path, monkeypatch):
    from reader.library import Entry, scan

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(seed_path.read_bytes())
    (folder / "new.txt").write_text("Fresh News\n\nSomething happened today in the town.\n")
    cache = AnalysisCache(tmp_path / "c.sqlite3")
    assert all(isinstance(found, Path) for found in scan([folder], cache))
    analysed_by_a_worker(cache, folder / "seed.txt", monkeypatch)
    found = {Path(getattr(f, "path", f)).name: f for f in scan([folder], cache)}
    assert isinstance(found["seed.txt"], Entry) and found["seed.txt"].title.startswith("Obama Calls Putin")
    assert "Syria" in found["seed.txt"].topics
    assert isinstance(found["new.txt"], Path)
    (folder / "seed.txt").write_text("Changed\n\nThe file was rewritten since.\n")
    assert isinstance({Path(getattr(f, "path", f)).name: f for f in scan([folder], cache)}["seed.txt"], Path)


def test_a_write_killed_midway_leaves_a_readable_cache(tmp_path, article):
    """A writer killed (SIGKILL) in the middle of its writes: the cache opens, and what was committed is there."""
    import signal
    import subprocess
    import sys
    import time

    path = tmp_path / "c.sqlite3"
    AnalysisCache(path).put("first", article)
    writer = subprocess.Popen([sys.executable, "-c", (
        "import sys; from reader.library import AnalysisCache; from reader.analysis import load;"
        f"c = AnalysisCache(__import__('pathlib').Path({str(path)!r})); a = load({str(article.path)!r})\n"
        "for i in range(10**6): c.put(f'k{i}', a)"
    )])
    time.sleep(2.0)
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    cache = AnalysisCache(path)
    assert cache.notice == ""
    assert cache.get("first") == article


def test_index_paths_on_forkserver_workers_fills_the_cache(tmp_path, seed_path):
    from reader.library import index_paths, scan

    cache = AnalysisCache(tmp_path / "cache.sqlite3")
    results = list(index_paths([seed_path], cache, 3, "lexrank", 1, start_method="forkserver"))
    assert [r.path for r in results] == [str(seed_path)]
    assert [type(found).__name__ for found in scan([seed_path], cache)] == ["Entry"]


def test_index_workers_can_run_at_a_lower_priority(tmp_path, seed_path, monkeypatch):
    from reader import library

    niceness: list[int] = []
    monkeypatch.setattr(library.os, "nice", niceness.append)
    library._start_worker(tmp_path / "cache.sqlite3", 10)
    library._start_worker(tmp_path / "cache.sqlite3")
    assert niceness == [10]


def test_the_forkserver_can_preload_more_modules(tmp_path, seed_path, monkeypatch):
    import multiprocessing

    from reader.library import index_paths

    preloaded: list[list[str]] = []
    context = multiprocessing.get_context("forkserver")
    monkeypatch.setattr(type(context), "set_forkserver_preload", lambda self, names: preloaded.append(names))
    cache = AnalysisCache(tmp_path / "cache.sqlite3")
    list(index_paths([seed_path], cache, 3, "lexrank", 1, start_method="forkserver", preload=["json"]))
    assert preloaded == [["reader.analysis", "reader.library", "json"]]


def test_an_urgent_job_goes_ahead_of_the_library_and_every_job_is_done(tmp_path, seed_path):
    import queue

    from reader.library import analyse_in_workers

    files = []
    for number in range(6):
        path = tmp_path / f"article_{number}.txt"
        path.write_text(f"Story {number}\n\nThe council met on Monday {number} times. It voted.\n", encoding="utf-8")
        files.append(path)
    jobs: queue.SimpleQueue = queue.SimpleQueue()
    for path in files:
        jobs.put((str(path), 2, "lexrank"))
    jobs.put(None)
    urgent: queue.SimpleQueue = queue.SimpleQueue()
    urgent.put((str(seed_path), 3, "reduction"))
    cache = AnalysisCache(tmp_path / "cache.sqlite3")
    results = list(analyse_in_workers(jobs, cache, 1, urgent=urgent))
    first_job, first_result, first_asked = results[0]
    assert (first_job, first_asked) == ((str(seed_path), 3, "reduction"), True)
    first_result = first_result.article  # the whole analysis, for the reader
    assert first_result.algorithm == "reduction" and len(first_result.summary) == 3
    assert sorted(job[0] for job, _, asked in results if not asked) == sorted(map(str, files))
    assert cache.get(cache_key(first_result.id, ANALYSIS_VERSION, "reduction", 3)) == first_result



# The plans SQLite may choose for the cache's statements: a search of the FTS5 table is by its rowid ("=") or
# by MATCH ("M"); a table is read through a key, `known_files` too (the files the listing asks for, by path: a
# warm library's first rows wait for no other row).


def uses_keys(plan: list[str]) -> bool:
    for detail in plan:
        virtual = re.match(r"SCAN (\w+) VIRTUAL TABLE INDEX \d+:(\S*)", detail)
        if virtual:
            if not re.search(r"[=M]", virtual.group(2)):
                return False
            continue
        scanned = re.match(r"SCAN (\w+)", detail)
        if scanned:
            name = scanned.group(1)  # a subquery's rows (at most the LIMIT) may be read whole
            if f"MATERIALIZE {name}" not in plan and f"CO-ROUTINE {name}" not in plan:
                return False
    return True


def test_every_statement_the_cache_runs_goes_by_a_key(tmp_path, article, seed_path, monkeypatch):
    """A write replaces one article's search rows by key: no statement reads a table whole (at 10,000
    articles the old `DELETE FROM search WHERE article_id = ?` read the whole index for every write)."""
    from dataclasses import replace

    from reader import library

    cache = AnalysisCache(tmp_path / "c.sqlite3")
    statements: list[str] = []
    cache._db.set_trace_callback(statements.append)
    for number in range(3):
        cache.put(f"k{number}", replace(article, id=f"id{number}"), ANALYSIS_VERSION)
    cache.put("k0", replace(article, id="id0"), ANALYSIS_VERSION)  # an analysis replaced
    cache.remember(article, ANALYSIS_VERSION)
    analysed_by_a_worker(cache, seed_path, monkeypatch)
    assert cache.get("k1") is not None and cache.known_files(ANALYSIS_VERSION, [str(seed_path)])
    assert cache.search("Obama") and cache.search("speaker:Nobody zebra") == []
    cache.shelve("a library", [str(seed_path), "/gone.txt"])  # a library's order, and its first screen read back
    assert [row.entry.path for row in cache.shelved("a library", ANALYSIS_VERSION, limit=64)] == [str(seed_path)]
    assert cache.shelf_length("a library") == 2 and cache.shelf_length("another") == 0  # by its last position
    cache._db.set_trace_callback(None)
    ran = {s.strip() for s in statements if re.match(r"\s*(SELECT|INSERT|DELETE|UPDATE|REPLACE|WITH)\b", s, re.IGNORECASE)}
    assert any(s.upper().startswith("DELETE") for s in ran) and any("MATCH" in s.upper() for s in ran)
    plans = {s: [row[3] for row in cache._db.execute(f"EXPLAIN QUERY PLAN {s}")] for s in ran}
    assert [(s, plan) for s, plan in plans.items() if not uses_keys(plan)] == []
    assert len(library.AnalysisCache(tmp_path / "c.sqlite3").search("Obama")) == 4  # id0..id2 and the seed


# Schema 3, the cache before it was keyed: the article's id and path inside the FTS5 table, found by a full scan.
SCHEMA_3 = """
CREATE TABLE analyses (key TEXT PRIMARY KEY, article TEXT NOT NULL);
CREATE TABLE files (path TEXT PRIMARY KEY, mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL, article_id TEXT NOT NULL);
CREATE TABLE listing (article_id TEXT NOT NULL, version TEXT NOT NULL, entry TEXT NOT NULL,
                      PRIMARY KEY (article_id, version));
CREATE VIRTUAL TABLE search USING fts5(article_id UNINDEXED, path UNINDEXED, title, body, speakers, topics);
PRAGMA user_version = 3;
"""


def test_a_schema_3_cache_keeps_its_analyses_and_its_search_rows_are_keyed(tmp_path, article, seed_path):
    from dataclasses import replace

    from reader.library import CacheRows, scan

    path = tmp_path / "c.sqlite3"
    old = sqlite3.connect(path)
    old.executescript(SCHEMA_3)
    articles = [replace(article, id=f"id{n}", path=str(seed_path), title=f"Story {n}") for n in range(3)]
    with old:
        for number, each in enumerate(articles):
            rows = CacheRows.of(each, f"k{number}", ANALYSIS_VERSION)
            old.execute("INSERT INTO analyses VALUES (?, ?)", rows.analysis)
            old.execute("INSERT INTO search VALUES (?, ?, ?, ?, ?, ?)", rows.search)
        old.execute("INSERT INTO files VALUES (?, ?, ?, ?)", rows.file)
        old.execute("INSERT INTO listing VALUES (?, ?, ?)", rows.listing)
        old.execute("INSERT INTO search VALUES (?, ?, ?, ?, ?, ?)", (*rows.search[:2], "Story 2 again", "", "", ""))
    old.close()

    cache = AnalysisCache(path)
    assert "older version" in cache.notice and "analyses kept" in cache.notice
    assert cache.get("k1") == articles[1]
    assert [type(found).__name__ for found in scan([seed_path], cache)] == ["Entry"]  # listed without reading it
    assert sorted(hit[0] for hit in cache.search("Obama")) == ["id0", "id1"]
    assert cache.search("again") == [("id2", str(seed_path), "Story 2 again")]  # the newest row of an article
    cache.put("k1", replace(articles[1], title="Renamed"))
    assert [hit[2] for hit in cache.search("Renamed")] == ["Renamed"] and cache.search("title:Story") != []
    cache.close()
    again = AnalysisCache(path)
    assert again.notice == "" and sqlite3.connect(path).execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    assert {table for (table,) in sqlite3.connect(path).execute("SELECT name FROM sqlite_master")} >= {"searched", "search"}
    assert "search_v3" not in {t for (t,) in sqlite3.connect(path).execute("SELECT name FROM sqlite_master")}


def test_workers_forked_from_here_share_the_modules_it_preloads(tmp_path, seed_path):
    """Forked workers share what this process loaded before the fork: the analysis loaded once, not once a worker."""
    import subprocess
    import sys

    code = ("import sys\nfrom pathlib import Path\nfrom reader.library import AnalysisCache, index_paths\n"
            f"cache = AnalysisCache(Path({str(tmp_path / 'cache.sqlite3')!r}))\n"
            f"list(index_paths([Path({str(seed_path)!r})], cache, 3, 'lexrank', 1, preload=['reader.warm_workers']))\n"
            "print('reader.warm_workers' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True"]


def cached_library(tmp_path: Path, count: int) -> tuple[Path, AnalysisCache]:
    """`count` files, each known to the cache as it is now (their rows written as the index writes them)."""
    from reader.library import CacheRows, Entry

    folder = tmp_path / "many"
    folder.mkdir()
    cache = AnalysisCache(tmp_path / "c.sqlite3")
    rows = []
    for number in range(count):
        path = folder / f"{number:04}.txt"
        path.write_text(f"Story {number}\n\nIt happened on day {number}.\n", encoding="utf-8")
        stat = path.stat()
        entry = Entry(str(path), f"id{number}", f"Cached Story {number}", None, None, 6, ("Town",))
        rows.append(CacheRows(None, (entry.id, entry.path, entry.title, "", "", ""),
                              (entry.path, stat.st_mtime_ns, stat.st_size, entry.id),
                              (entry.id, ANALYSIS_VERSION, entry.to_json())))
    cache.write(rows)
    return folder, cache


def test_a_warm_library_lists_its_first_screen_after_looking_up_those_rows_alone(tmp_path, monkeypatch):
    """The first rows of 1,000 cached files come from a query for them alone, not after every row is read."""
    from reader import library
    from reader.library import Entry, scan

    folder, cache = cached_library(tmp_path, 1000)
    asked: list[int] = []
    known_files = cache.known_files
    monkeypatch.setattr(cache, "known_files", lambda version, paths: asked.append(len(paths)) or known_files(version, paths))
    walk = scan([folder], cache)
    first = next(walk)
    assert isinstance(first, Entry) and first.title == "Cached Story 0" and first.topics == ("Town",)
    assert asked == [library.FIRST_LOOKUP]
    rest = list(walk)
    assert [f.title for f in [first, *rest]] == [f"Cached Story {n}" for n in range(1000)]  # in the walk's order
    assert sum(asked) == 1000 and len(asked) < 5


def test_files_changed_removed_or_badly_cached_since_are_never_listed_from_the_cache(tmp_path):
    from reader.library import Entry, scan

    folder, cache = cached_library(tmp_path, 100)
    (folder / "0003.txt").write_text("Rewritten\n\nA longer text than the cached one had.\n", encoding="utf-8")
    (folder / "0070.txt").unlink()
    cache._db.execute("UPDATE listing SET entry = 'not json' WHERE article_id = 'id80'")
    found = {Path(getattr(f, "path", f)).name: f for f in scan([folder], cache)}
    assert isinstance(found.pop("0003.txt"), Path) and isinstance(found.pop("0080.txt"), Path)
    assert "0070.txt" not in found
    assert all(isinstance(f, Entry) for f in found.values()) and len(found) == 97
