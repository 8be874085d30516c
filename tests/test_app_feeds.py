"""Feeds in the app, against a local server on 127.0.0.1: refresh with `r`, unread counts on the feeds screen,
a feed's articles alone in the list, a fetched article's summary, its original page with `o`."""

from __future__ import annotations

import time
import webbrowser
from pathlib import Path

import pytest
from feeds_server import FeedServer, Route
from test_app import settle

from reader.feeds import FeedStore, FetchOptions, refresh_all
from reader.ui.app import NewsReader
from reader.ui.feeds import FeedsScreen
from reader.ui.widgets import SummaryList
from status_line import status

RSS = "application/rss+xml; charset=utf-8"
HTML = "text/html; charset=utf-8"
HARBOUR = "Harbour town votes to rebuild its flooded sea wall"
LIBRARY = "City library lends out tools as well as books"
SIZE = (120, 40)


@pytest.fixture
def server():
    with FeedServer() as running:
        for page in ("harbour", "library"):
            running.serve_fixture(f"/pages/{page}.html", f"page_{page}.html", HTML)
        running.serve_fixture("/rss2.xml", "rss2.xml", RSS)
        running.routes["/gone.xml"] = Route(b"gone", status=404, content_type="text/plain")
        yield running


@pytest.fixture
def subscribed(server):
    """The user's own subscriptions (in the test's data folder): a working feed and a dead one."""
    with FeedStore() as store:
        store.subscribe(server.url("/rss2.xml"))
        store.subscribe(server.url("/gone.xml"), name="Gone Gazette")
    return server


def titles(app: NewsReader) -> list[str]:
    return [app.session.articles[index].title for index in app.article_list.shown]


async def refreshed(pilot) -> None:
    """Press r and wait for the refresh and the loading of its new articles."""
    await pilot.press("r")
    for _ in range(400):
        await pilot.pause(0.02)
        if pilot.app.article_list.feeds_status.startswith("feeds:"):
            break
    await settle(pilot)


async def choose(pilot, title: str) -> None:
    pilot.app.article_list.highlighted = titles(pilot.app).index(title)
    await settle(pilot)


def feed_prompts(app: NewsReader) -> list[str]:
    assert isinstance(app.screen, FeedsScreen)
    return [str(option.prompt) for option in app.screen.query_one("#feeds").options]


async def test_r_refreshes_every_feed_and_its_new_articles_join_the_list(subscribed):
    app = NewsReader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(app.article_list.shown) == 1  # the seed: nothing fetched yet
        await refreshed(pilot)
        assert {HARBOUR, LIBRARY} <= set(titles(app))
        title = status(app)
        assert "feeds: 2 new, 1 failed (F)" in title


async def test_the_feeds_screen_counts_unread_articles_and_says_how_each_refresh_went(subscribed):
    app = NewsReader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await refreshed(pilot)
        await pilot.press("F")
        prompts = feed_prompts(app)
        assert prompts[0] == "All articles (2 unread)"
        courier = next(p for p in prompts if p.startswith("The Coastal Courier"))
        assert "2 unread of 2" in courier and "refreshed " in courier
        gone = next(p for p in prompts if p.startswith("Gone Gazette"))
        assert "0 unread of 0" in gone and "failed: " in gone and "404" in gone
        await pilot.press("escape")

        await choose(pilot, HARBOUR)
        await pilot.press("enter")  # opening it marks it read
        await pilot.press("F")
        assert "1 unread of 2" in next(p for p in feed_prompts(app) if p.startswith("The Coastal Courier"))


async def test_choosing_a_feed_lists_only_its_articles_and_a_fetched_article_has_its_summary(subscribed):
    app = NewsReader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await refreshed(pilot)
        await pilot.press("F", "down", "enter")  # the first feed, below "All articles"
        await settle(pilot)
        assert sorted(titles(app)) == sorted([HARBOUR, LIBRARY])
        assert "from The Coastal Courier" in status(app)

        await choose(pilot, HARBOUR)
        summary = app.query_one(SummaryList)
        sentences = [summary.get_option_at_index(i).prompt.plain for i in range(summary.option_count)]
        assert any("sea wall" in sentence or "Port Ellery" in sentence for sentence in sentences), sentences

        await pilot.press("F", "enter")  # "All articles": the seed is back
        await settle(pilot)
        assert len(titles(app)) == 3


async def test_saved_articles_open_with_the_seed_when_no_path_is_given(subscribed):
    refresh_all(options=FetchOptions(timeout=2, deadline=5, retries=0))
    app = NewsReader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert {HARBOUR, LIBRARY} <= set(titles(app)) and len(titles(app)) == 3


async def test_a_reader_opened_on_a_folder_lists_a_feeds_articles_once_it_is_chosen(subscribed, tmp_path):
    refresh_all(options=FetchOptions(timeout=2, deadline=5, retries=0))
    folder = tmp_path / "notes"  # not tmp_path itself: the saved articles are under it (the test's data folder)
    folder.mkdir()
    (folder / "note.txt").write_text(
        "A Local Note\n\nWritten here and read here, it says nothing about the harbour or the library.\n\n"
        "A second paragraph makes it an article rather than a line.\n"
    )
    app = NewsReader(paths=[folder])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert [Path(entry.path).name for entry in app.session.articles] == ["note.txt"]
        await pilot.press("F", "down", "enter")
        await settle(pilot)
        assert sorted(titles(app)) == sorted([HARBOUR, LIBRARY])


async def test_o_opens_the_original_page_and_only_for_articles_from_feeds(subscribed, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *args, **kwargs: opened.append(url) or True)
    monkeypatch.setattr("reader.ui.external.terminal_browser", lambda *args: None)  # a graphical browser
    app = NewsReader()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")  # the seed: a local file
        await pilot.app.workers.wait_for_complete()
        assert opened == []
        await refreshed(pilot)
        await choose(pilot, HARBOUR)
        await pilot.press("o")
        await pilot.app.workers.wait_for_complete()
        assert opened == [subscribed.url("/pages/harbour.html")]


async def test_quitting_during_a_refresh_stops_it(server, tmp_path):
    server.routes["/slow.xml"] = Route(server.fixture("rss2.xml"), content_type=RSS, delay=5)
    with FeedStore() as store:
        store.subscribe(server.url("/slow.xml"))
    app = NewsReader(paths=[tmp_path])  # an empty folder: what is listed is not the point here
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause(0.2)
        started = time.monotonic()
    assert app.stop_refresh.is_set()
    assert time.monotonic() - started < 2
