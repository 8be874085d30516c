"""The library is one thing to every command: what `refresh` saves is analysed into the cache `search` reads,
and `index` with no path indexes what `newsreader` with no path opens (the bundled seeds, the saved articles)."""

from __future__ import annotations

import json

import pytest
from feeds_server import FeedServer

from reader.cli import main
from reader.feeds import FeedStore, entry_paths
from reader.library import AnalysisCache, default_cache_path, library_paths, scan
from reader.sources import seed_paths

RSS = "application/rss+xml; charset=utf-8"
HTML = "text/html; charset=utf-8"


@pytest.fixture
def feed():
    """A local feed of two entries, whose pages are served too, subscribed to."""
    with FeedServer() as server:
        for page in ("harbour", "library"):
            server.serve_fixture(f"/pages/{page}.html", f"page_{page}.html", HTML)
        url = server.serve_fixture("/rss2.xml", "rss2.xml", RSS)
        with FeedStore() as store:
            store.subscribe(url, full_articles=True)
        yield server


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def hits(capsys, query: str) -> list[str]:
    code, out, _ = run(capsys, "search", query, "--json")
    return [hit["path"] for hit in json.loads(out)["hits"]] if code == 0 else []


def test_refresh_analyses_what_it_saves_so_search_finds_it(feed, capsys):
    assert hits(capsys, "Ellery") == []
    code, out, err = run(capsys, "refresh", "--timeout", "5")
    assert code == 0, err
    assert "2 new entries" in out and "analysed 2 new articles" in out
    with FeedStore() as store:
        saved = [str(path) for path in entry_paths(store)]
    found = hits(capsys, "promenade")  # a word of the harbour page, not of the feed's own text
    assert len(found) == 1 and found[0] in saved
    assert hits(capsys, "speaker:Oduya") == found
    # The app lists them without reading them: the cache knows the files as they are.
    assert [type(f).__name__ for f in scan(saved, AnalysisCache())] == ["Entry", "Entry"]
    code, out, _ = run(capsys, "refresh", "--timeout", "5")
    assert code == 0 and "analysed" not in out  # nothing new: nothing analysed again


def test_index_with_no_path_indexes_the_seeds_and_the_saved_articles(feed, capsys):
    assert run(capsys, "refresh", "--timeout", "5")[0] == 0
    default_cache_path().unlink()  # as if refreshed by a version that did not analyse (or in the app)
    paths, notice = library_paths()
    with FeedStore() as store:
        assert paths == [*seed_paths(), *entry_paths(store)] and notice == ""
    code, out, err = run(capsys, "index", "--workers", "2")
    assert code == 0, err
    assert f"indexed {len(paths)} of {len(paths)} articles" in out
    assert hits(capsys, "Hangzhou") == [str(seed_paths()[0])] and len(hits(capsys, "Ellery")) == 1
    assert {type(f).__name__ for f in scan(paths, AnalysisCache())} == {"Entry"}


def test_index_with_no_path_and_no_feeds_indexes_the_seeds(capsys):
    code, out, _ = run(capsys, "index", "--workers", "1")
    assert code == 0 and f"indexed {len(seed_paths())} of {len(seed_paths())} articles" in out
    assert hits(capsys, "Hangzhou") == [str(seed_paths()[0])]
