"""Feeds when things go wrong: a damaged, foreign or newer subscriptions file, a read-only or full data folder, a
server that never finishes its headers, a proxy in the way, a feed removed while it refreshes, pages too big to
keep.

Servers and the proxy are local (127.0.0.1); a full disk is a small tmpfs (skipped where none can be mounted); a
read-only folder is tried by a forked child that gives root up, since root writes through read-only permissions.
"""

from __future__ import annotations

import dataclasses
import errno
import io
import os
import sqlite3
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from feeds_server import FeedServer, Route
from privileges import as_nobody
from test_app import settle
from test_app_feeds import HARBOUR, HTML, LIBRARY, RSS, SIZE

from reader.feeds import (
    FAILED,
    FROM_FEED,
    FROM_PAGE,
    OK,
    FeedStore,
    FeedStoreError,
    FetchError,
    FetchOptions,
    entries,
    entry_paths,
    refresh_all,
    remove_feed,
)
from reader.feeds.fetch import Fetcher
from reader.feeds.refresh import refresh_feeds
from reader.feeds.store import RefreshRecord, default_data_folder
from reader.feeds_cli import FEED_COMMANDS
from reader.feeds import articles
from reader.sources import read_document
from reader.ui.app import NewsReader
from reader.ui.feeds import FeedsScreen

FAST = FetchOptions(timeout=2, deadline=5, retries=0, connections=8)
ORCHARD = "Old orchard varieties return to village gardens"


@pytest.fixture
def server():
    with FeedServer() as running:
        for page in ("harbour", "library", "orchard"):
            running.serve_fixture(f"/pages/{page}.html", f"page_{page}.html", HTML)
        running.serve_fixture("/rss2.xml", "rss2.xml", RSS)
        yield running


@pytest.fixture
def store():
    with FeedStore() as opened:
        yield opened


def saved_feeds(server: FeedServer, folder: Path | None = None) -> Path:
    """Two feeds in the subscriptions at `folder` (the user's own by default): the Courier with its two articles
    saved, and one that failed. The subscriptions file's path."""
    with FeedStore(folder) as store:
        store.subscribe(server.url("/rss2.xml"), name="Courier", tags=["news", "coast"])
        store.subscribe(server.url("/gone.xml"), tags=["old"])
        refresh_all(options=FAST, store=store)
        assert len(entry_paths(store)) == 2
        return store.path


def listed(store: FeedStore) -> list[tuple[str, str | None, tuple[str, ...]]]:
    return [(feed.url, feed.name, feed.tags) for feed in store.feeds()]


def run(command: str, *argv: str) -> int:
    return FEED_COMMANDS[command](list(argv))


def wait_until(condition: Callable[[], object], seconds: float = 5) -> None:
    ends = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < ends, "it never happened"
        time.sleep(0.01)


# --- a damaged, foreign or newer subscriptions file ------------------------------------------------------------


def overwrite_page(path: Path, table_or_index: str) -> None:
    """Garbage over the first page of a table or index: the file is still a database, but not a whole one."""
    db = sqlite3.connect(path)
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    (root,) = db.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table_or_index,)).fetchone()
    db.close()
    with path.open("r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(b"\xa5" * page_size)


def test_a_damaged_subscriptions_file_is_set_aside_and_what_it_holds_is_kept(server):
    path = saved_feeds(server)
    with FeedStore() as before:
        feeds, saved = listed(before), [(e.feed_id, e.title, e.path) for e in entries(store=before)]
    overwrite_page(path, "sqlite_autoindex_feeds_1")  # the index of feed URLs: the rows themselves still read
    damaged = path.read_bytes()

    with FeedStore() as store:
        assert "damaged" in store.notice and "set aside" in store.notice
        assert listed(store) == feeds
        assert [(e.feed_id, e.title, e.path) for e in entries(store=store)] == saved
        assert store.subscribe("https://new.example/rss")[1], "the new file takes subscriptions"
    (aside,) = path.parent.glob("feeds.sqlite3.damaged-*")
    assert aside.name in store.notice
    assert aside.read_bytes() == damaged, "the damaged file is kept as it was"
    assert sqlite3.connect(path).execute("PRAGMA quick_check").fetchone() == ("ok",)


def test_a_subscriptions_file_that_is_no_database_is_set_aside_and_its_saved_articles_stay(server):
    path = saved_feeds(server)
    articles = sorted(path.parent.glob("articles/*/*"))
    path.write_bytes(b"not a database at all" * 100)
    for companion in path.parent.glob("feeds.sqlite3-*"):
        companion.unlink()

    with FeedStore() as store:
        assert "set aside" in store.notice
        assert store.feeds() == []
        newcomer, _ = store.subscribe("https://new.example/rss")
    (aside,) = path.parent.glob("feeds.sqlite3.damaged-*")
    assert aside.read_bytes().startswith(b"not a database")
    assert sorted(path.parent.glob("articles/*/*")) == articles, "no saved article is deleted"
    assert str(newcomer.id) not in {article.parent.name for article in articles}, "nor taken over by a new feed"
    assert run("feeds") == 0


def test_a_subscriptions_file_of_another_shape_keeps_each_feeds_url_name_and_tags(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    db = sqlite3.connect(folder / "feeds.sqlite3")
    db.execute("CREATE TABLE feeds (id INTEGER PRIMARY KEY, url TEXT, name TEXT, tags TEXT)")
    db.executemany("INSERT INTO feeds VALUES (?, ?, ?, ?)", [
        (1, "https://a.example/rss", "A", '["news", "world"]'),
        (2, "https://b.example/atom", None, "tech, science"),
        (3, None, "no URL, nothing to subscribe to", "[]"),
    ])
    db.commit()
    db.close()

    with FeedStore(folder) as store:
        assert "set aside" in store.notice
        assert listed(store) == [
            ("https://a.example/rss", "A", ("news", "world")),
            ("https://b.example/atom", None, ("tech", "science")),
        ]
        assert store.feeds()[0].full_articles is True
    assert len(list(folder.glob("feeds.sqlite3.damaged-*"))) == 1


def make_newer(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 1000")  # far beyond any schema version this reader knows
    db.commit()
    db.close()


def test_a_subscriptions_file_from_a_newer_version_is_read_but_never_written(server):
    path = saved_feeds(server)
    make_newer(path)
    before = path.read_bytes()
    statuses = {route: list(answers) for route, answers in server.statuses.items()}

    with FeedStore() as store:
        assert store.read_only and "newer version" in store.notice
        assert [name for _, name, _ in listed(store)] == ["Courier", None]
        assert len(entry_paths(store)) == 2
        with pytest.raises(FeedStoreError, match="newer version"):
            store.subscribe("https://new.example/rss")
        with pytest.raises(FeedStoreError, match="newer version"):
            remove_feed("1", store=store)
        with pytest.raises(FeedStoreError, match="newer version"):
            refresh_all(options=FAST, store=store)
    assert server.statuses == statuses, "nothing was fetched that could not be kept"
    assert path.read_bytes() == before
    assert not list(path.parent.glob("feeds.sqlite3.damaged-*"))
    assert run("feeds") == 0


# --- a read-only or full data folder ---------------------------------------------------------------------------


def can_be_read_but_not_written_to(words: str) -> None:
    """What a data folder that cannot be written to gives: every saved article, and why nothing more is saved."""
    with FeedStore() as store:
        assert store.read_only and words in store.notice
        assert [name for _, name, _ in listed(store)] == ["Courier", None]
        assert sorted(e.title for e in entries(store=store)) == sorted([HARBOUR, LIBRARY])
        assert all(path.is_file() for path in entry_paths(store))
        with pytest.raises(FeedStoreError, match=words):
            store.subscribe("https://new.example/rss")
        with pytest.raises(FeedStoreError, match=words):
            refresh_all(options=FAST, store=store)
    shown = io.StringIO()
    with redirect_stdout(shown), redirect_stderr(io.StringIO()):
        assert run("feeds") == 0
    assert "Courier" in shown.getvalue() and "2 entries to read" in shown.getvalue()


def test_a_read_only_data_folder_lists_the_saved_articles_and_says_why_nothing_is_saved(server, monkeypatch):
    with tempfile.TemporaryDirectory() as home:
        Path(home).chmod(0o755)
        monkeypatch.setenv("XDG_DATA_HOME", home)
        path = saved_feeds(server)
        assert default_data_folder() == path.parent  # platformdirs is imported before the child gives root up
        for item in [path.parent, *path.parent.rglob("*")]:
            item.chmod(0o555 if item.is_dir() else 0o444)
        try:
            as_nobody(lambda: can_be_read_but_not_written_to("read-only"))
        finally:
            for item in [path.parent, *path.parent.rglob("*")]:
                item.chmod(0o755)


@pytest.fixture
def small_disk(tmp_path, monkeypatch):
    """The user's data folder on a 1 MB tmpfs (root only; skipped where none can be mounted)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)], capture_output=True, text=True, check=False
    )
    if mounted.returncode != 0:
        pytest.skip(f"no tmpfs can be mounted here: {mounted.stderr.strip()}")
    monkeypatch.setenv("XDG_DATA_HOME", str(disk))
    try:
        yield disk
    finally:
        subprocess.run(["umount", "--lazy", str(disk)], check=False)


def fill(disk: Path) -> None:
    """Write to `disk` until not a byte more fits."""
    with (disk / "filler").open("wb", buffering=0) as filler:
        for size in (64 * 1024, 1):
            with pytest.raises(OSError) as full:
                while True:
                    filler.write(b"\0" * size)
            assert full.value.errno == errno.ENOSPC


def test_a_full_disk_lists_the_saved_articles_and_says_why_nothing_is_saved(server, small_disk):
    saved_feeds(server)
    fill(small_disk)
    can_be_read_but_not_written_to("full")


def feed_prompts(app: NewsReader) -> list[str]:
    assert isinstance(app.screen, FeedsScreen)
    return [str(option.prompt) for option in app.screen.query_one("#feeds").options]


async def the_app_lists_the_saved_articles_and_says(words: str, monkeypatch) -> None:
    app = NewsReader()
    notices: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **_: notices.append(message))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert {HARBOUR, LIBRARY} <= {app.session.articles[index].title for index in app.article_list.shown}
        await pilot.press("F")
        assert words in feed_prompts(app)[0]
    assert len([notice for notice in notices if words in notice]) == 1, notices


async def test_the_app_lists_saved_articles_it_cannot_save_to_and_says_why(server, monkeypatch):
    make_newer(saved_feeds(server))
    await the_app_lists_the_saved_articles_and_says("newer version", monkeypatch)


async def test_the_app_lists_saved_articles_on_a_full_disk_and_says_why(server, small_disk, monkeypatch):
    saved_feeds(server)
    fill(small_disk)
    await the_app_lists_the_saved_articles_and_says("full", monkeypatch)


# --- a server that never finishes its headers ------------------------------------------------------------------


def test_a_server_that_never_finishes_its_headers_is_cut_off_at_the_deadline(server, store):
    # A byte every half second: a read timeout, which restarts with each byte, never fires.
    server.routes["/slow-headers.xml"] = Route(header_trickle=0.5)
    store.subscribe(server.url("/slow-headers.xml"))
    started = time.monotonic()
    report = refresh_all(options=FetchOptions(timeout=10, deadline=1, retries=2, backoff=0.01), store=store)

    assert time.monotonic() - started < 3, "the deadline, not minutes"
    (outcome,) = report.outcomes
    assert outcome.result == FAILED and outcome.message == "the response took longer than 1 s"
    assert server.statuses["/slow-headers.xml"] == [200], "the deadline holds the retries too"


def test_stopping_ends_a_fetch_under_way_at_once(server):
    server.routes["/slow-headers.xml"] = Route(header_trickle=0.5)
    failures: list[str] = []
    with Fetcher(FetchOptions(timeout=10, deadline=30)) as fetcher:

        def fetch() -> None:
            try:
                fetcher.get(server.url("/slow-headers.xml"), 100_000, "*/*")
            except FetchError as error:
                failures.append(str(error))

        fetching = threading.Thread(target=fetch)
        fetching.start()
        wait_until(lambda: server.statuses.get("/slow-headers.xml"))  # the headers have begun to trickle
        stopped = time.monotonic()
        fetcher.stop()
        fetching.join(timeout=10)
        took = time.monotonic() - stopped

    assert not fetching.is_alive() and took < 1, f"the fetch went on for {took:.1f} s after stop()"
    assert failures == ["the refresh was stopped"]


# --- a proxy in the way ----------------------------------------------------------------------------------------


@pytest.fixture
def proxy(monkeypatch):
    """A proxy on 127.0.0.1, the environment's only one (HTTP_PROXY): a FeedServer whose routes are whole URLs, so
    it answers itself the absolute-URI requests sent to a proxy, and records that they came through it."""
    for name in list(os.environ):
        if name.lower().endswith("_proxy"):
            monkeypatch.delenv(name)
    with FeedServer() as running:
        monkeypatch.setenv("HTTP_PROXY", running.base)
        yield running


def test_a_fetch_goes_through_the_environments_proxy_unless_no_proxy_names_the_host(server, proxy, monkeypatch):
    url = server.url("/rss2.xml")
    proxy.routes[url] = Route(b"<rss>from the proxy</rss>")
    with Fetcher(FAST) as fetcher:
        assert fetcher.get(url, 100_000, "*/*").body == b"<rss>from the proxy</rss>"
    assert proxy.statuses == {url: [200]} and "/rss2.xml" not in server.statuses

    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with Fetcher(FAST) as fetcher:
        assert fetcher.get(url, 100_000, "*/*").body == server.fixture("rss2.xml")
    assert proxy.statuses == {url: [200]} and server.statuses["/rss2.xml"] == [200]


def test_the_deadline_holds_through_a_proxy(server, proxy):
    url = server.url("/slow-headers.xml")
    proxy.routes[url] = Route(header_trickle=0.5)
    started = time.monotonic()
    with Fetcher(FetchOptions(timeout=10, deadline=1, retries=0)) as fetcher:
        with pytest.raises(FetchError, match="^the response took longer than 1 s$"):
            fetcher.get(url, 100_000, "*/*")
    assert time.monotonic() - started < 3
    assert proxy.statuses == {url: [200]}


def test_a_proxy_that_cannot_carry_a_fetch_is_named_in_words(server, proxy, monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", proxy.base)  # a FeedServer, which answers CONNECT with 501
    monkeypatch.setenv("HTTP_PROXY", "socks5://127.0.0.1:1080")
    with Fetcher(FAST) as fetcher:
        with pytest.raises(FetchError, match=r"^the proxy refused the connection \(501 "):
            fetcher.get("https://127.0.0.1:1/feed.xml", 100_000, "*/*")
        with pytest.raises(FetchError, match=r"^only http and https proxies are used \(this one's scheme: 'socks5'\)$"):
            fetcher.get(server.url("/rss2.xml"), 100_000, "*/*")


# --- a feed removed while it refreshes -------------------------------------------------------------------------


def test_a_feed_removed_during_its_refresh_leaves_nothing_in_the_feed_added_after_it(server, tmp_path):
    server.routes["/slow.xml"] = Route(server.fixture("rss2.xml"), delay=1, etag='"old"')
    folder = tmp_path / "data"
    with FeedStore(folder) as store:
        store.subscribe(server.url("/slow.xml"))
        before = store.feeds()

        def refresh() -> None:
            with FeedStore(folder) as own:  # as another process would: `newsreader refresh` beside the app
                refresh_feeds(own, before, FAST)

        refreshing = threading.Thread(target=refresh)
        refreshing.start()
        removed = remove_feed(str(before[0].id), store=store)  # while the server takes its second to answer
        store.subscribe(server.serve_fixture("/atom.xml", "atom.xml", "application/atom+xml"))
        refreshing.join(timeout=10)

        (newcomer,) = store.feeds()
        assert newcomer.id != removed.id, "a removed feed's number is never given again"
        assert (newcomer.title, newcomer.etag, newcomer.last_refreshed) == (None, None, None)
        assert store.entries() == []
    assert not store.articles_folder(removed.id).exists(), "what the refresh saved for the removed feed is gone"


def test_feed_numbers_are_never_given_again(store):
    first, _ = store.subscribe("https://a.example/rss")
    second, _ = store.subscribe("https://b.example/rss")
    store.unsubscribe(second)
    third, _ = store.subscribe("https://c.example/rss")

    assert third.id not in (first.id, second.id)


def test_a_refresh_writes_only_to_the_feed_it_fetched(store):
    feed, _ = store.subscribe("https://a.example/rss")
    another = dataclasses.replace(feed, url="https://b.example/rss")  # the same number, another feed
    store.record_refresh(RefreshRecord(another, OK, None, title="Not this feed", validators=('"b"', None)))

    (kept,) = store.feeds()
    assert (kept.title, kept.etag, kept.last_refreshed) == (None, None, None)


# The schema before feed numbers were kept from reuse (PRAGMA user_version 0).
EARLIER_SCHEMA = """
CREATE TABLE feeds (
    id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, name TEXT, title TEXT, site_url TEXT,
    tags TEXT NOT NULL DEFAULT '[]', full_articles INTEGER NOT NULL DEFAULT 1, etag TEXT, last_modified TEXT,
    last_refreshed REAL, last_result TEXT, last_error TEXT, added REAL NOT NULL
);
CREATE TABLE entries (
    feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE, key TEXT NOT NULL, guid TEXT NOT NULL,
    link TEXT, title TEXT NOT NULL, published TEXT, path TEXT NOT NULL, source TEXT NOT NULL, note TEXT,
    fetched REAL NOT NULL, PRIMARY KEY (feed_id, key)
);
INSERT INTO feeds (id, url, name, tags, etag, added) VALUES
    (1, 'https://a.example/rss', 'A', '[]', NULL, 0), (3, 'https://c.example/rss', 'C', '["x"]', '"v3"', 0);
INSERT INTO entries VALUES (3, 'k', 'g', NULL, 'An entry', NULL, 'articles/3/k.md', 'feed', NULL, 0);
"""


def test_subscriptions_from_before_lasting_numbers_keep_their_numbers_and_entries(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    db = sqlite3.connect(folder / "feeds.sqlite3")
    db.executescript(EARLIER_SCHEMA)
    db.close()

    with FeedStore(folder) as store:
        assert not store.notice
        assert [(f.id, f.name, f.tags, f.etag) for f in store.feeds()] == [(1, "A", (), None), (3, "C", ("x",), '"v3"')]
        assert [(e.feed_id, e.title) for e in store.entries()] == [(3, "An entry")]
        newest, _ = store.subscribe("https://d.example/rss")
        assert newest.id == 4
        store.unsubscribe(newest)
        assert store.subscribe("https://e.example/rss")[0].id == 5
    assert not list(folder.glob("feeds.sqlite3.damaged-*"))


# --- pages too big to keep, and an entry without a link ---------------------------------------------------------


def test_a_huge_page_is_saved_only_as_far_as_the_reader_reads(server, store, monkeypatch):
    monkeypatch.setattr(articles, "MAX_PAGE_BYTES", 1_000_000)  # the reader reads 50 MB of a page: less to serve
    padding = b"<!-- " + b"padding " * 250_000 + b"-->"  # 2 MB after the article
    server.routes["/pages/harbour.html"] = Route(server.fixture("page_harbour.html") + padding, content_type=HTML)
    store.subscribe(server.url("/rss2.xml"))
    refresh_all(options=dataclasses.replace(FAST, max_page_bytes=5_000_000), store=store)

    harbour = next(e for e in entries(store=store) if e.title == HARBOUR)
    assert harbour.source == FROM_PAGE
    assert harbour.path.stat().st_size <= 1_000_000
    assert read_document(harbour.path).title == HARBOUR


def orchard_item(server: FeedServer) -> bytes:
    return (
        f"<item><title>{ORCHARD}</title><link>{server.base}/pages/orchard.html</link>"
        "<guid isPermaLink=\"false\">courier-orchard</guid><description>Apples.</description></item>"
    ).encode()


def test_a_feed_past_its_disk_budget_keeps_its_own_text_and_deletes_nothing(server, store):
    store.subscribe(server.url("/rss2.xml"))
    options = dataclasses.replace(FAST, feed_disk_budget=2_400)  # room for one of its two pages (1.8 and 2.3 kB)
    first = refresh_all(options=options, store=store)

    saved = entries(store=store)
    assert sorted(entry.source for entry in saved) == [FROM_FEED, FROM_PAGE]
    assert "budget" in next(entry.note for entry in saved if entry.source == FROM_FEED)
    assert "budget" in first.outcomes[0].message

    rss = server.fixture("rss2.xml").replace(b"<item>", orchard_item(server) + b"<item>", 1)
    server.routes["/rss2.xml"] = Route(rss, content_type=RSS)
    refresh_all(options=options, store=store)
    orchard = next(entry for entry in entries(store=store) if entry.title == ORCHARD)
    assert orchard.source == FROM_FEED and "budget" in orchard.note
    assert all(entry.path.is_file() for entry in saved), "what was saved before stays"


async def test_o_on_an_entry_whose_link_was_dropped_says_it_has_none(server, monkeypatch):
    with FeedStore() as store:
        store.subscribe(server.serve_fixture("/feed.json", "feed.json", "application/feed+json"))
    refresh_all(options=FAST)
    app = NewsReader()
    notices: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **_: notices.append(message))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = [app.session.articles[index].title for index in app.article_list.shown]
        app.article_list.highlighted = titles.index("A link that is never followed")  # its javascript: link
        await settle(pilot)
        await pilot.press("o")
        await pilot.pause()
    assert notices and "no link" in notices[-1] and "local file" not in notices[-1], notices
