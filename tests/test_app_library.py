"""The reader over a library: the cache, search, read state, views and orders, the background analysis."""

from __future__ import annotations

import multiprocessing
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import reader.analysis
from reader import session as session_module
from reader.session import Session
from reader.ui.app import NewsReader
from reader.ui.reading import ReadingPanes
from reader.ui.search import SearchBox
from reader.ui.article_list import ArticleList
from tests.test_app import TOPICS, article_text, settle, summary_texts
from tests.status_line import status


@pytest.fixture
def library(tmp_path, seed_path) -> Path:
    """The seed and two small articles."""
    folder = tmp_path / "library"
    folder.mkdir()
    shutil.copy(seed_path, folder / seed_path.name)
    for number, (title, thing, place) in enumerate(TOPICS[:2]):
        (folder / f"{number}_{thing}.txt").write_text(article_text(title, thing, place), encoding="utf-8")
    return folder


def rows(app: NewsReader) -> list[str]:
    articles = app.query_one(ArticleList)
    return [articles.get_option_at_index(i).prompt.plain.splitlines()[0] for i in range(articles.option_count)]


async def type_search(pilot, query: str) -> None:
    await pilot.press("slash")
    box = pilot.app.query_one(SearchBox)
    box.value = ""
    await pilot.press(*query)
    await pilot.pause(0.4)  # the list is filtered once typing pauses


@pytest.mark.parametrize("query", ["speaker:obama", "topic:syria", "obama speaker:obama"])
async def test_search_with_speaker_and_topic_terms_finds_the_seed(library, query):
    app = NewsReader(paths=[library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert len(rows(app)) == 3
        await type_search(pilot, query)
        assert [row.removeprefix("● ") for row in rows(app)] == ["Obama Calls Putin Meeting 'Constructive But Not Conclusive'"]
        assert f"matching “{query}”" in status(app)
        await pilot.press("escape")
        assert len(rows(app)) == 3
        assert not app.query(SearchBox)


async def test_search_matches_titles_of_articles_not_analysed_yet(library, monkeypatch):
    monkeypatch.setattr(ReadingPanes, "analyse_library", lambda self, *_: None)
    app = NewsReader(paths=[library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_search(pilot, "cricket")
        assert rows(app) == []
        await type_search(pilot, "council lib")
        assert rows(app) == ["● Council Votes On New Library Budget"]


async def test_read_and_starred_marks_persist_across_runs(library):
    app = NewsReader(paths=[library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        first = rows(app)[0]
        assert first.startswith("● ")  # unread
        await pilot.press("m", "asterisk")
        assert rows(app)[0] == "  ★ " + first.removeprefix("● ")
    again = NewsReader(paths=[library])
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert rows(again)[0] == "  ★ " + first.removeprefix("● ")
        assert all(row.startswith("● ") for row in rows(again)[1:])
        await pilot.press("m", "asterisk")
        assert rows(again)[0] == first


async def test_opening_an_article_marks_it_read_and_M_marks_every_one_shown(library):
    app = NewsReader(paths=[library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")
        assert [row[0] for row in rows(app)] == ["●", " ", "●"]
        await pilot.press("escape", "M")
        assert [row[0] for row in rows(app)] == [" ", " ", " "]


async def test_unread_and_starred_views_and_the_orders(library):
    app = NewsReader(paths=[library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        found = [row.removeprefix("● ") for row in rows(app)]
        await pilot.press("m", "j", "asterisk")
        await pilot.press("v")  # unread only
        assert len(rows(app)) == 2
        assert "unread" in status(app)
        await pilot.press("v")  # starred only
        assert [row.removeprefix("● ★ ") for row in rows(app)] == [found[1]]
        await pilot.press("v")  # all again
        assert len(rows(app)) == 3
        await pilot.press("S", "S")  # newest first, then by title
        titles = [row[2:].removeprefix("★ ") for row in rows(app)]
        assert titles == sorted(found, key=str.casefold)
        assert "by title" in status(app)


async def test_a_second_start_shows_cached_analyses_without_analysing(library, monkeypatch):
    app = NewsReader(paths=[library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        summary = summary_texts(app)
        topics = [entry.topics for entry in app.session.articles]
        assert app.session.cache is not None and not app.session.cache.notice  # two threads' writes did not tangle
    assert all(topics)

    def no_analysis(*_args, **_kwargs):
        raise AssertionError("analysed again")

    monkeypatch.setattr(reader.analysis, "complete", no_analysis)
    monkeypatch.setattr(reader.analysis, "load", no_analysis)  # not even read: listed from the cache
    again = NewsReader(paths=[library])
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert summary_texts(again) == summary
        assert [entry.topics for entry in again.session.articles] == topics
        assert not again.session.awaiting_analysis


async def test_a_library_is_analysed_in_worker_processes_into_the_cache(library, monkeypatch):
    monkeypatch.setattr(session_module, "POOL_MINIMUM", 1)
    monkeypatch.setattr(Session, "analysed_here", lambda *_: (_ for _ in ()).throw(AssertionError("here")))
    app = NewsReader(paths=[library])
    titles: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(600):
            await pilot.pause(0.05)
            titles.append(status(app))
            if not app.session.loading_files and not app.session.awaiting_analysis:
                break
        await app.workers.wait_for_complete()
        assert all(entry.topics for entry in app.session.articles)
        assert app.session.cache is not None and app.session.cache.search("topic:syria")
    assert any("analysed 0 / 3" in title for title in titles)
    assert multiprocessing.active_children() == []  # quitting stopped the workers


async def test_a_cache_problem_is_told_once(library, monkeypatch, tmp_path):
    cache_folder = tmp_path / "xdg_cache_home" / "newsreader"
    cache_folder.mkdir(parents=True)
    (cache_folder / "analyses.sqlite3").write_bytes(b"not a database at all" * 100)
    app = NewsReader(paths=[library])
    notices: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **_: notices.append(message))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("m", "j", "m")
    assert len([n for n in notices if "rebuilt" in n]) == 1


WORKERS_ANALYSE_THE_OPENED_ARTICLE = """
import asyncio, sys
from reader import session
from reader.ui.app import NewsReader

async def main(folder):
    session.POOL_MINIMUM = 1
    app = NewsReader(paths=[folder])
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(1200):
            await pilot.pause(0.05)
            if app.article_list.current is not None and app.session.analysis_key(app.article_list.current) in app.session.analysed:
                break
        summary = app.text_view.article.summary if app.text_view.article else ()
    print(len(summary), sorted(m for m in ("nltk", "sumy", "numpy") if m in sys.modules))

if __name__ == "__main__":  # the workers' forkserver imports this file again
    asyncio.run(main(sys.argv[1]))
"""


def test_with_workers_the_opened_article_is_analysed_there_and_the_app_never_loads_sumy(library, tmp_path):
    """A large library's workers analyse the article on screen too, so the app process stays without sumy,
    NLTK and numpy (a hundred megabytes of the memory budget)."""
    script = tmp_path / "workers_analyse.py"
    script.write_text(WORKERS_ANALYSE_THE_OPENED_ARTICLE, encoding="utf-8")
    result = subprocess.run([sys.executable, str(script), str(library)], capture_output=True, text=True,
                            check=True, cwd=Path(__file__).resolve().parent.parent, timeout=120)
    assert result.stdout.split(maxsplit=1) == ["3", "[]\n"], result.stderr


MANY = 100_000


@pytest.fixture
def many_rows(monkeypatch) -> list[str]:
    """A warm library of MANY articles, listed at once as from the cache (no files: none is opened), and the
    titles of the rows the list builds to draw."""
    from reader.library import Entry
    from reader.session import EntriesListed, LoadingFinished

    def list_from_cache(self, paths, emit, cancelled=None, shown=None) -> None:
        entries = [Entry(f"/nowhere/{n}.txt", f"id{n}", f"Article {n}", "example.org", None, 100, ("Syria",))
                   for n in range(MANY)]
        emit(EntriesListed(entries, []))
        emit(LoadingFinished())

    monkeypatch.setattr(Session, "list_outlines", list_from_cache)
    built: list[str] = []
    prompt = ArticleList.prompt

    def counted(entry, read=False, starred=False, room=0):
        built.append(entry.title)
        return prompt(entry, read, starred, room)

    monkeypatch.setattr(ArticleList, "prompt", staticmethod(counted))
    return built


async def test_a_warm_list_of_100000_rows_draws_only_the_rows_on_screen(many_rows):
    app = NewsReader(paths=["/nowhere"])
    async with app.run_test(size=(120, 40)) as pilot:
        while app.session.loading_files:
            await pilot.pause(0.05)
        await pilot.pause()
        articles = app.article_list
        assert articles.option_count == MANY and f"({MANY:,})" in str(articles.border_title)
        on_screen = (articles.scrollable_content_region.height + 1) // 2  # the last may show one line of two
        assert set(many_rows) == {f"Article {n}" for n in range(on_screen)}  # the first screen, and no more
        many_rows.clear()
        await pilot.press("end")
        await pilot.pause()
        assert articles.current is not None and articles.current.title == f"Article {MANY - 1}"
        assert set(many_rows) == {f"Article {n}" for n in range(MANY - on_screen, MANY)}


async def test_the_virtual_list_answers_to_the_keys_and_the_mouse(many_rows):
    app = NewsReader(paths=["/nowhere"])
    async with app.run_test(size=(120, 40)) as pilot:
        articles = app.article_list
        while app.session.loading_files or articles.scrollable_content_region.height < 2:
            await pilot.pause(0.05)  # listed and laid out: the first screen may come before the first layout
        height = articles.scrollable_content_region.height  # in lines, two a row
        page = height // 2
        back = (2 * (1 + page) - height) // 2  # a screen's height of lines back: row 0 or 1 as the height is odd or even
        moves = [("j", 1), ("down", 2), ("k", 1), ("pagedown", 1 + page), ("pageup", back), ("G", MANY - 1),
                 ("up", MANY - 2), ("home", 0), ("n", 1), ("p", 0), ("g", 0)]
        for key, row in moves:
            await pilot.press(key)
            assert (key, articles.highlighted) == (key, row)
        await pilot.click(ArticleList, offset=(5, 3))  # the second row's second line (the border is the first)
        assert articles.highlighted == 1 and app.text_view.has_focus  # a click opens it, as Enter does


def test_a_headline_wider_than_the_list_takes_both_lines_of_its_row():
    from reader.library import Entry

    long = Entry("/a/long.txt", "id1", "Stealth Over Health: Clinton Was Headed to the ER", "example.org", None, 194, ())
    first, second = ArticleList.prompt(long, room=30).plain.split("\n")
    assert first == "● Stealth Over Health: Clinton" and second == "  Was Headed to the ER"
    topical = Entry("/a/long.txt", "id1", long.title, "example.org", None, 194, ("Health",))
    assert ArticleList.prompt(topical, room=30).plain.split("\n")[1] == "  Was Headed to the ER · Health"
    short = Entry("/a/short.txt", "id2", "Council Votes", "example.org", None, 120, ("Budget",))
    first, second = ArticleList.prompt(short, room=30).plain.split("\n")
    assert first == "● Council Votes" and "120 words" in second and "Budget" in second
