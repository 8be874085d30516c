"""The app over stores that are not as expected: a damaged read state still lists the articles and says what was
set aside, and marks another reader sets show in the list."""

from __future__ import annotations

import random
import sqlite3
import time
from pathlib import Path

import pytest
from test_app import settle
from test_app_library import library  # noqa: F401 - the fixture: the seed and two small articles
from test_faults_stores import SimulatedDisk, damage

from reader.library import AnalysisCache, Entry, ReadState, default_cache_path, default_state_path, scan
from reader import session as session_module
from reader.ui import reading
from reader.ui.app import NewsReader
from reader.ui.article_list import ArticleList

SEED_TITLE = "Obama Calls Putin Meeting 'Constructive But Not Conclusive'"


@pytest.fixture
def article_cache(seed_path) -> Path:
    """The analysis cache's file, where the app looks for it, holding the seed's analysis."""
    from reader.analysis import ANALYSIS_VERSION, analyze_document
    from reader.sources import read_document

    path = default_cache_path()
    cache = AnalysisCache(path)
    cache.put("seed", analyze_document(read_document(seed_path)), ANALYSIS_VERSION)
    cache.close()
    return path


def damaged_cache(path: Path) -> None:
    """Noise over every page but the header's and the schema's."""
    damage(path, 2 * 4096, path.stat().st_size)


def rows(app: NewsReader) -> list[str]:
    articles = app.query_one(ArticleList)
    return [articles.get_option_at_index(i).prompt.plain.splitlines()[0] for i in range(articles.option_count)]


def marks(app: NewsReader) -> list[tuple[bool, bool]]:
    """(unread, starred) of each row: "● " marks an unread article, "★ " a starred one."""
    return [(row[0] == "●", row[2:4] == "★ ") for row in rows(app)]


def notices(app: NewsReader) -> list[str]:
    return [notification.message for notification in app._notifications]


def every_notice(monkeypatch) -> list[str]:
    """Every notice an app gives from now on, those that have faded too (a slow run outlasts their timeout)."""
    given: list[str] = []
    notify = NewsReader.notify

    def recorded(app: NewsReader, message: str, *args, **kwargs) -> None:
        given.append(message)
        notify(app, message, *args, **kwargs)

    monkeypatch.setattr(NewsReader, "notify", recorded)
    return given


def foreign_shape(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE marks(id TEXT PRIMARY KEY, flags INT)")
    db.close()


def overwritten_bytes(path: Path) -> None:
    """A real state file (some marks, as the reader has always written them) with its bytes 4096-8191 overwritten."""
    db = sqlite3.connect(path)
    db.executescript("CREATE TABLE marks (id TEXT PRIMARY KEY, read INT, starred INT);"
                     "INSERT INTO marks VALUES ('a', 1, 0), ('b', 1, 0), ('c', 0, 1);")
    db.close()
    data = bytearray(path.read_bytes())
    data[4096:8192] = random.Random(7).randbytes(4096)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("spoil", [foreign_shape, overwritten_bytes])
async def test_a_damaged_read_state_still_lists_the_seed_and_says_what_was_set_aside(spoil):
    path = default_state_path()
    path.parent.mkdir(parents=True)
    spoil(path)
    app = NewsReader()
    async with app.run_test(size=(120, 40)) as pilot:
        deadline = time.monotonic() + 10
        while not any(SEED_TITLE in row for row in rows(app)) and time.monotonic() < deadline:
            await pilot.pause(0.05)
        assert any(SEED_TITLE in row for row in rows(app))
        await pilot.pause(0.1)
        [told] = [notice for notice in notices(app) if "set it aside" in notice]
        [aside] = path.parent.glob("state.sqlite3.damaged-*")
        assert aside.name in told
        await pilot.press("asterisk")  # marks work on a new file
        assert marks(app)[0] == (True, True)
    assert len(ReadState(path).starred) == 1


async def test_marks_set_by_another_reader_show_after_the_poll(library, monkeypatch):
    monkeypatch.setattr(reading, "MARKS_POLL_SECONDS", 0.1, raising=False)
    app = NewsReader(paths=[library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert marks(app) == [(True, False)] * 3
        elsewhere = ReadState()  # `newsreader` in another terminal
        elsewhere.toggle_star(app.session.articles[app.article_list.shown[1]].id)
        elsewhere.set_read([app.session.articles[app.article_list.shown[2]].id])
        await pilot.pause(0.5)
        assert marks(app) == [(True, False), (True, True), (False, False)]


async def test_marks_set_by_another_reader_show_after_r(library, monkeypatch):
    monkeypatch.setattr(reading, "MARKS_POLL_SECONDS", 3600, raising=False)  # only r, then
    app = NewsReader(paths=[library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        ReadState().toggle_star(app.session.articles[app.article_list.shown[0]].id)
        await pilot.pause(0.2)
        assert marks(app)[0] == (True, False)
        await pilot.press("r")
        assert marks(app)[0] == (True, True)


async def test_opening_an_article_keeps_the_star_another_reader_gave_it(library, monkeypatch):
    monkeypatch.setattr(reading, "MARKS_POLL_SECONDS", 3600, raising=False)  # this reader has not seen the star
    app = NewsReader(paths=[library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        seed = app.article_list.current.id
        ReadState().toggle_star(seed)
        await pilot.press("enter")
        await pilot.pause(0.1)
    again = ReadState()
    assert seed in again.read and seed in again.starred


async def test_a_cache_damaged_past_its_header_is_rebuilt_and_the_next_start_lists_from_it(library, article_cache):
    damaged_cache(article_cache)
    app = NewsReader(paths=[library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.pause(0.1)
        assert any("damaged" in notice and "rebuilt" in notice for notice in notices(app))
    assert {type(found) for found in scan([library], AnalysisCache())} == {Entry}


async def test_a_disk_that_fills_while_the_library_is_analysed_is_told_and_the_cache_kept(library, monkeypatch,
                                                                                         article_cache):
    disk = SimulatedDisk(article_cache.parent, monkeypatch)
    monkeypatch.setattr(session_module, "POOL_MINIMUM", 1)  # the library's own writer meets the full disk
    given = every_notice(monkeypatch)
    app = NewsReader(paths=[library])
    async with app.run_test(size=(120, 40)) as pilot:
        while app.session.cache is None:
            await pilot.pause(0.01)
        disk.fill()
        for _ in range(600):
            await pilot.pause(0.05)
            if not app.session.loading_files and not app.session.awaiting_analysis:
                break
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)
        assert len([notice for notice in given if "no room" in notice]) == 1  # told, once
    assert article_cache.exists() and not list(article_cache.parent.glob("*.damaged-*"))


async def test_a_damaged_settings_file_is_set_aside_and_the_app_says_so():
    from reader.settings import settings_path

    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"theme": ', encoding="utf-8")
    app = NewsReader()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.1)
        [told] = [notice for notice in notices(app) if "settings" in notice]
        [aside] = path.parent.glob("settings.json.damaged-*")
        assert aside.name in told and aside.read_text(encoding="utf-8") == '{"theme": '


async def test_news_from_the_loading_thread_after_closing_touches_no_widget(library):
    """Quitting while the library loads: the loading thread's last batch arrives after the screen is gone (a
    NoMatches for ArticleList, about one run in seven of the test above, before)."""
    from reader.session import EntriesListed, LoadingFinished
    from reader.ui.messages import SessionNews

    app = NewsReader(paths=[library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        late = [app.session.articles[0]]
        panes = app.panes
    assert not app.is_running
    panes.session_news(SessionNews(EntriesListed(late, [])))
    panes.session_news(SessionNews(LoadingFinished()))


async def test_a_highlight_still_queued_when_the_panes_are_gone_touches_no_widget(library):
    """Quitting as the list moves: a highlight queued before the panes went reaches the app after (a NoMatches
    for ReadingPanes in one CI run, before)."""
    app = NewsReader(paths=[library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        articles = app.article_list
        await app.panes.remove()
        app.post_message(ArticleList.Highlighted(articles, 0))
        await pilot.pause()
        assert app.is_running
