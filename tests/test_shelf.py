"""The warm start from the library's shelf: the rows the cache has, in the order the last listing found them,
shown before the walk over the files; the walk then puts right what changed (reader/session.py, `Walk`)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import reader.sources
from reader.analysis import ANALYSIS_VERSION
from reader.library import AnalysisCache, CacheRows, Entry, library_name
from reader.model import LoadError
from reader.session import (
    FIRST_SCREEN,
    SHELF_PAGE,
    EntriesListed,
    Event,
    Rows,
    Session,
    StoresOpened,
    UserTopicsRead,
    heading,
)
from reader.ui.app import NewsReader
from reader.ui.article_list import ArticleList
from reader.ui.feeds import read_paths

from session_events import listed
from status_line import status

# More than a screen of rows, in folders: the walk lists a folder's files before its subfolders'.
FOLDERS = ("", "b", "a", "a/deeper")
PER_FOLDER = 40
WAIT_SECONDS = 30  # the longest a test waits for what must come (never a measure of speed)


def story(number: int) -> str:
    return f"Story {number} Of The Library\n\nThe council met on day {number} and voted, the mayor said.\n"


def remember(cache: AnalysisCache, path: Path, title: str) -> None:
    """The cache's rows for `path` as the library's analysis writes them (its list row: no analysis needed)."""
    stat = path.stat()
    article_id = f"id-{path.name}-{stat.st_size}"
    entry = Entry(str(path), article_id, title, None, None, 15, ("Council",))
    cache.write([CacheRows(None, (), (str(path), stat.st_mtime_ns, stat.st_size, article_id),
                           (article_id, ANALYSIS_VERSION, entry.to_json()))])


@pytest.fixture
def warm(tmp_path: Path) -> Path:
    """A library of 160 files the cache knows as they are."""
    top = tmp_path / "library"
    cache = AnalysisCache()
    number = 0
    for folder in FOLDERS:
        (top / folder).mkdir(parents=True, exist_ok=True)
        for _ in range(PER_FOLDER):
            path = top / folder / f"{number:03}.txt"
            path.write_text(story(number), encoding="utf-8")
            remember(cache, path, f"Story {number} Of The Library")
            number += 1
    cache.close()
    return top


def walk_order(top: Path) -> list[str]:
    return [found[0] for found in reader.sources.discover_stats([top]) if isinstance(found, tuple)]


@pytest.fixture
def blocked_walk(monkeypatch):
    """The walk over the files waits until the test sets the event it returns."""
    released = threading.Event()
    real = reader.sources.discover_stats

    def discover_stats(paths):
        released.wait(WAIT_SECONDS)
        yield from real(paths)

    monkeypatch.setattr(reader.sources, "discover_stats", discover_stats)
    yield released
    released.set()


def test_a_warm_library_sends_its_shelf_before_the_walk_finds_a_file(warm: Path, blocked_walk) -> None:
    first = Session()
    blocked_walk.set()
    listed(first, [warm])  # no shelf yet: the walk lists, and keeps its order as the library's shelf
    order = [entry.path for entry in first.articles]
    assert order == walk_order(warm) and len(order) == len(FOLDERS) * PER_FOLDER
    blocked_walk.clear()

    events: list[Event] = []
    arrived = threading.Event()

    def emit(event: Event) -> None:
        events.append(event)
        if isinstance(event, EntriesListed):
            arrived.set()

    again = Session()
    listing = threading.Thread(target=again.list_outlines, args=([warm], emit))
    listing.start()
    try:
        assert arrived.wait(WAIT_SECONDS)
        screen = next(event for event in events if isinstance(event, EntriesListed))
        assert not blocked_walk.is_set()  # the walk has not found one file yet
        # A screen of rows, counting the shelf's others (pending: read when the rest comes, or when asked for).
        assert len(screen.entries) == len(order)
        assert [entry.path for entry in screen.entries[:FIRST_SCREEN]] == order[:FIRST_SCREEN]
        assert screen.entries[0].title == "Story 0 Of The Library" and screen.entries[0].topics == ("Council",)
    finally:
        blocked_walk.set()
        listing.join(WAIT_SECONDS)
    for event in events:
        if isinstance(event, EntriesListed):
            again.listed(event)
    assert [entry.path for entry in again.articles] == order
    put_right = [(e.at, e.replaced) for e in events if isinstance(e, EntriesListed) and e.at is not None]
    assert put_right == [(FIRST_SCREEN, len(order) - FIRST_SCREEN)]  # the rest of the shelf alone, in its place


def test_the_walk_puts_right_files_gone_new_and_changed_in_the_walks_order(warm: Path) -> None:
    listed(Session(), [warm])  # the shelf
    (warm / "a" / "085.txt").unlink()  # gone, in the first screen (the walk lists "a" after the top's files)
    (warm / "a" / "084b.txt").write_text(story(999), encoding="utf-8")  # new, read from its first lines
    (warm / "b" / "070.txt").write_text(story(70) + "More on the vote.\n", encoding="utf-8")  # changed
    (warm / "b" / "079.txt").unlink()  # gone, the shelf's last row
    (warm / "zz.txt").write_text(story(1000), encoding="utf-8")  # new, among the first folder's files

    again = Session()
    events = listed(again, [warm])
    assert any(isinstance(e, EntriesListed) and e.at is not None for e in events)  # shown first, then put right
    paths = [entry.path for entry in again.articles]
    assert paths == walk_order(warm)
    assert str(warm / "a" / "085.txt") not in paths and str(warm / "b" / "079.txt") not in paths
    titles = {Path(entry.path).name: entry.title for entry in again.articles}
    assert titles["084b.txt"] == "Story 999 Of The Library" and titles["zz.txt"] == "Story 1000 Of The Library"
    assert again.articles[paths.index(str(warm / "b" / "070.txt"))].topics == ()  # read again, not the cache's
    assert again.article_index == {(entry.id, entry.path): n for n, entry in enumerate(again.articles)}
    assert again.awaiting_analysis == 3  # the new and the changed files go to the library's analysis

    third = Session()  # the shelf now holds the new order, the new files by their names (the cache has no row)
    first = next(e for e in listed(third, [warm]) if isinstance(e, EntriesListed))
    assert [entry.path for entry in first.entries[:FIRST_SCREEN]] == paths[:FIRST_SCREEN]
    assert first.entries[paths.index(str(warm / "zz.txt"))].title == "zz.txt"
    assert [(entry.path, entry.title) for entry in third.articles] == [(e.path, e.title) for e in again.articles]


async def first_rows(app: NewsReader, pilot) -> ArticleList:
    """The app's article list once it has rows (the walk may still be waiting)."""
    articles = app.query_one(ArticleList)
    for _ in range(WAIT_SECONDS * 20):
        if articles.option_count:
            break
        await pilot.pause(0.05)
    return articles


async def test_the_app_shows_a_warm_librarys_first_screen_while_the_walk_waits(warm: Path, blocked_walk) -> None:
    first = Session()
    blocked_walk.set()
    listed(first, [warm])
    blocked_walk.clear()
    app = NewsReader(paths=[str(warm)])
    async with app.run_test(size=(120, 40)) as pilot:
        articles = await first_rows(app, pilot)
        await pilot.pause()
        assert not blocked_walk.is_set() and app.session.loading_files
        screen = [articles.render_line(y).text for y in range(articles.size.height)]
        assert "Story 0 Of The Library" in screen[0] and any("Story 5 Of The Library" in line for line in screen)
        assert articles.current is not None and articles.current.title == "Story 0 Of The Library"
        blocked_walk.set()
        while app.session.loading_files:
            await pilot.pause(0.05)
        await pilot.pause()
        assert [entry.path for entry in app.session.articles] == [entry.path for entry in first.articles]
        assert f"({len(first.articles):,})" in str(articles.border_title)


async def test_the_article_being_read_stays_highlighted_when_rows_before_it_go(warm: Path, blocked_walk) -> None:
    blocked_walk.set()
    listed(Session(), [warm])
    blocked_walk.clear()
    (warm / "001.txt").unlink()  # a row above the one being read
    app = NewsReader(paths=[str(warm)])
    async with app.run_test(size=(120, 40)) as pilot:
        articles = await first_rows(app, pilot)
        await pilot.press("j", "j", "j")
        assert articles.current is not None and articles.current.title == "Story 3 Of The Library"
        blocked_walk.set()
        while app.session.loading_files:
            await pilot.pause(0.05)
        await pilot.pause()
        assert "Story 1 Of The Library" not in [entry.title for entry in app.session.articles]
        assert articles.current is not None and articles.current.title == "Story 3 Of The Library"
        assert articles.highlighted == 2


def test_the_first_screen_comes_in_the_callers_thread_and_the_listing_goes_on_from_it(warm: Path) -> None:
    """The app takes the shelf's first screen before its first frame; the listing thread sends the rest."""
    first = Session()
    listed(first, [warm])
    order = [entry.path for entry in first.articles]

    again = Session()
    before: list[Event] = []
    again.first_screen([warm], before.append)
    screens = [event for event in before if isinstance(event, EntriesListed)]
    assert [[entry.path for entry in event.entries[:FIRST_SCREEN]] for event in screens] == [order[:FIRST_SCREEN]]
    assert len(screens[0].entries) == len(order)  # the rest counted
    again.listed(screens[0])
    after = listed(again, [warm])
    assert [type(event) for event in before] == [UserTopicsRead, StoresOpened, EntriesListed]
    assert not any(isinstance(event, (UserTopicsRead, StoresOpened)) for event in after)  # read and opened once
    rest = next(event for event in after if isinstance(event, EntriesListed))
    assert [entry.path for entry in rest.entries] == order[FIRST_SCREEN:]
    assert [entry.path for entry in again.articles] == order


def test_the_first_screen_counts_the_whole_shelf_and_a_row_asked_for_is_read_with_its_page(warm: Path,
                                                                                          monkeypatch) -> None:
    """The rows after the first screen are counted, not read: one asked for before the rest of the shelf
    comes is read with its page (SHELF_PAGE rows), and the rest then takes their place."""
    first = Session()
    listed(first, [warm])
    reads: list[tuple[int, int, int]] = []  # each query of the shelf: after which position, how many, found
    real = AnalysisCache.shelf_rows

    def shelf_rows(cache: AnalysisCache, library: str, version: str, after: int = -1, limit: int = -1) -> list:
        rows = real(cache, library, version, after, limit)
        reads.append((after, limit, len(rows)))
        return rows

    monkeypatch.setattr(AnalysisCache, "shelf_rows", shelf_rows)
    again = Session()
    events: list[Event] = []
    again.first_screen([warm], events.append)
    again.listed(next(event for event in events if isinstance(event, EntriesListed)))
    assert len(again.articles) == len(first.articles) == len(FOLDERS) * PER_FOLDER
    assert reads == [(-1, FIRST_SCREEN, FIRST_SCREEN)]  # the first screen alone read
    assert again.articles[150] == first.articles[150]
    assert reads[1:] == [(SHELF_PAGE * 2 - 1, SHELF_PAGE, len(first.articles) - 2 * SHELF_PAGE)]  # its page
    assert again.articles[140] == first.articles[140] and len(reads) == 2  # read with it
    assert again.articles[100] == first.articles[100] and len(reads) == 3  # another page
    events = listed(again, [warm])
    put_right = [(event.at, event.replaced) for event in events if isinstance(event, EntriesListed) and event.at is not None]
    assert put_right == [(FIRST_SCREEN, len(first.articles) - FIRST_SCREEN)]  # the rest, in the pending rows' place
    assert again.articles == first.articles
    assert again.article_index == {(entry.id, entry.path): n for n, entry in enumerate(first.articles)}


@pytest.fixture
def held_rest(monkeypatch):
    """The rest of the shelf (read whole, in the listing thread) waits until the test sets the event it
    returns; a page or the first screen is read at once."""
    released = threading.Event()
    real = AnalysisCache.shelf_rows

    def shelf_rows(cache: AnalysisCache, library: str, version: str, after: int = -1, limit: int = -1) -> list:
        if limit < 0:
            released.wait(WAIT_SECONDS)
        return real(cache, library, version, after, limit)

    monkeypatch.setattr(AnalysisCache, "shelf_rows", shelf_rows)
    yield released
    released.set()


async def test_the_list_counts_a_warm_librarys_every_row_before_the_rest_of_its_shelf_is_read(
        warm: Path, blocked_walk, held_rest) -> None:
    """The count is the shelf's (the last listing's) until the walk has put right what changed since."""
    first = Session()
    blocked_walk.set()
    listed(first, [warm])
    blocked_walk.clear()
    (warm / "001.txt").unlink()  # gone since
    (warm / "b" / "070.txt").unlink()
    (warm / "zz.txt").write_text(story(1000), encoding="utf-8")  # new since
    app = NewsReader(paths=[str(warm)])
    async with app.run_test(size=(120, 40)) as pilot:
        articles = await first_rows(app, pilot)
        await pilot.pause()
        assert not held_rest.is_set() and not blocked_walk.is_set()
        assert str(articles.border_title) == f"Articles ({len(first.articles):,})"  # counted, not read
        assert "loading…" in status(app)  # not confirmed yet
        await pilot.press("end")
        await pilot.pause()
        assert articles.current is not None and articles.current.title == first.articles[-1].title  # its page read
        held_rest.set()
        blocked_walk.set()
        while app.session.loading_files:
            await pilot.pause(0.05)
        await pilot.pause()
        assert [entry.path for entry in app.session.articles] == walk_order(warm)
        assert str(articles.border_title) == f"Articles ({len(first.articles) - 1:,})"
        assert "loading…" not in status(app)
        assert articles.current is not None and articles.current.title == first.articles[-1].title


async def test_the_rest_of_the_shelf_leaves_the_article_being_read_as_it_is(warm: Path, blocked_walk, held_rest,
                                                                             monkeypatch) -> None:
    """The rows put right after the cursor (the rest of the shelf in place of the rows counted) do not move
    it, nor show its article again."""
    from reader.ui.reading import ReadingPanes

    blocked_walk.set()
    listed(Session(), [warm])
    blocked_walk.clear()
    highlighted: list[int | None] = []
    real = ReadingPanes.article_highlighted

    def article_highlighted(panes: ReadingPanes, running: bool) -> None:
        highlighted.append(panes.article_list.highlighted)
        real(panes, running)

    monkeypatch.setattr(ReadingPanes, "article_highlighted", article_highlighted)
    app = NewsReader(paths=[str(warm)])
    async with app.run_test(size=(120, 40)) as pilot:
        articles = await first_rows(app, pilot)
        await pilot.press("j")
        await pilot.pause()
        assert highlighted[-1] == 1
        told = len(highlighted)
        held_rest.set()
        while any(isinstance(item, int) for item in app.session.articles.items):  # the rest not in yet
            await pilot.pause(0.05)
        await pilot.pause()
        assert len(highlighted) == told and articles.highlighted == 1


MANY = 100_000


def decodes_in_this_thread(monkeypatch, everywhere: list[str] | None = None) -> list[str]:
    """The paths of the shelf rows made into Entries in the calling thread (the app's, in an app test), and
    in `everywhere` those made in any thread."""
    import reader.library

    mine = threading.current_thread()
    decoded: list[str] = []
    real = reader.library.Entry.from_json

    def from_json(path: str, article_id: str, text: str) -> Entry:
        if threading.current_thread() is mine:
            decoded.append(path)
        if everywhere is not None:
            everywhere.append(path)
        return real(path, article_id, text)

    monkeypatch.setattr(reader.library.Entry, "from_json", staticmethod(from_json))
    return decoded


def test_the_shelfs_rows_are_decoded_only_once_asked_for(warm: Path, monkeypatch) -> None:
    first = Session()
    listed(first, [warm])
    again = Session()
    decoded = decodes_in_this_thread(monkeypatch)
    events: list[Event] = []
    again.first_screen([warm], events.append)
    for event in events:
        if isinstance(event, EntriesListed):
            again.listed(event)
    assert len(again.articles) == len(first.articles) and decoded == []  # listed, indexed: none decoded
    assert again.article_index == {(entry.id, entry.path): n for n, entry in enumerate(first.articles[:FIRST_SCREEN])}
    assert decoded == []  # the index is made from the rows as the cache gave them
    assert again.articles[5] == first.articles[5] and decoded == [first.articles[5].path]
    assert again.articles[:FIRST_SCREEN] == first.articles[:FIRST_SCREEN] and len(decoded) == FIRST_SCREEN  # once each
    assert again.articles[:FIRST_SCREEN] == first.articles[:FIRST_SCREEN] and len(decoded) == FIRST_SCREEN


def test_a_damaged_shelf_row_shows_its_files_name_until_the_walk_reads_the_file(warm: Path) -> None:
    listed(Session(), [warm])
    cache = AnalysisCache()
    damaged = str(warm / "003.txt")
    cache._db.execute("UPDATE listing SET entry = '[\"only a title\"]' WHERE article_id = "
                      "(SELECT article_id FROM files WHERE path = ?)", (damaged,))
    cache._db.commit()
    again = Session()
    events: list[Event] = []
    again.first_screen([warm], events.append)
    again.listed(next(event for event in events if isinstance(event, EntriesListed)))
    assert again.articles[3].title == "003.txt" and again.articles[3].path == damaged
    listed(again, [warm])
    read = heading(Path(damaged))
    assert not isinstance(read, LoadError)
    assert (again.articles[3].path, again.articles[3].title) == (damaged, read.title)  # the file read again
    assert len(again.articles) == len(FOLDERS) * PER_FOLDER


@pytest.fixture
def many_shelved(tmp_path: Path) -> Path:
    """A library folder whose shelf holds MANY rows the cache knows (their files are not there: the walk
    that would find them gone is held back by the tests)."""
    top = tmp_path / "many"
    top.mkdir()
    paths = [str(top / f"{n:06}.txt") for n in range(MANY)]
    cache = AnalysisCache()
    cache.write(CacheRows(None, (), (path, 1, 1, f"id{n}"),
                          (f"id{n}", ANALYSIS_VERSION, Entry(path, f"id{n}", f"Article {n}", None, None, 9, ()).to_json()))
                for n, path in enumerate(paths))
    cache.shelve(library_name([top]), paths)
    cache.close()
    return top


async def test_a_warm_list_of_100000_shows_its_first_screen_without_decoding_the_rest(many_shelved: Path,
                                                                                       blocked_walk, monkeypatch) -> None:
    everywhere: list[str] = []
    decoded = decodes_in_this_thread(monkeypatch, everywhere)
    when_listed: list[int] = []  # how many rows were decoded, in any thread, when the last row was listed
    real_listed = Session.listed

    def listed_here(session: Session, event: EntriesListed) -> range:
        new = real_listed(session, event)
        if len(session.articles) == MANY:
            when_listed.append(len(everywhere))
        return new

    monkeypatch.setattr(Session, "listed", listed_here)
    app = NewsReader(paths=[str(many_shelved)])
    async with app.run_test(size=(120, 40)) as pilot:
        articles = app.query_one(ArticleList)
        for _ in range(WAIT_SECONDS * 20):
            if articles.option_count == MANY:
                break
            await pilot.pause(0.05)
        await pilot.pause()
        assert articles.option_count == MANY and f"({MANY:,})" in str(articles.border_title)
        assert not blocked_walk.is_set()  # every row from the shelf, before the walk
        assert when_listed and when_listed[0] <= FIRST_SCREEN  # the rest was not decoded to be listed
        on_screen = (articles.scrollable_content_region.height + 1) // 2

        def rows(numbers: range) -> set[str]:
            return {str(many_shelved / f"{n:06}.txt") for n in numbers}

        # The rows drawn (the list was taller in the frame before the footer's), each decoded once, and no more.
        assert rows(range(on_screen)) <= set(decoded) <= rows(range(FIRST_SCREEN)) and len(set(decoded)) == len(decoded)
        decoded.clear()
        await pilot.press("end")
        await pilot.pause()
        assert articles.current is not None and articles.current.title == f"Article {MANY - 1}"
        assert rows(range(MANY - on_screen, MANY)) <= set(decoded) <= rows(range(MANY - FIRST_SCREEN, MANY))
        decoded.clear()
        assert read_paths(app.session) == set() and decoded == []  # what the feeds screen counts as read
        blocked_walk.set()  # the walk finds every file gone
        while app.session.loading_files:
            await pilot.pause(0.05)
        await pilot.pause()
        assert articles.option_count == 0


def test_the_shelfs_rows_are_sorted_and_filtered_without_being_made_entries(warm: Path, monkeypatch) -> None:
    """A sort or a filter reads the shelf's rows once (one JSON text), not an Entry each: the same rows in the
    same order as the Entries give, a damaged row by its file's name."""
    first = Session()
    listed(first, [warm])
    cache = AnalysisCache()
    damaged = str(warm / "a" / "090.txt")
    cache._db.execute("UPDATE listing SET entry = 'not json' WHERE article_id = "
                      "(SELECT article_id FROM files WHERE path = ?)", (damaged,))
    cache._db.commit()
    expected = Session()
    listed(expected, [warm])  # its rows are Entries: the walk read the damaged row's file again
    expected.articles = Rows([e if e.path != damaged else Entry(e.path, "", "090.txt", None, None, 0, ()) for e in
                              expected.articles])
    again = Session()
    events: list[Event] = []
    again.first_screen([warm], events.append)
    again.listed(next(event for event in events if isinstance(event, EntriesListed)))
    again.listed(EntriesListed(Rows(AnalysisCache().shelf_rows(library_name([warm]), ANALYSIS_VERSION,
                                                               after=FIRST_SCREEN - 1)), [], at=FIRST_SCREEN,
                               replaced=len(first.articles) - FIRST_SCREEN))
    again.read_state = expected.read_state = first.read_state
    decoded = decodes_in_this_thread(monkeypatch)
    for sort, view, topic in [("by title", "all", None), ("newest first", "all", None), ("by source", "all", None),
                              ("as found", "unread", None), ("by title", "all", "Council"), ("as found", "all", "Council")]:
        for session in (again, expected):
            session.sort, session.view, session.topic_filter = sort, view, topic
        assert list(again.shown()) == list(expected.shown()), (sort, view, topic)
    again.search_matches, again.title_words = set(), ["story", "10"]
    expected.search_matches, expected.title_words = set(), ["story", "10"]
    assert list(again.shown()) == list(expected.shown()) != []
    assert decoded == [damaged] and sum(isinstance(item, Entry) for item in again.articles.items) == 1
    assert [again.articles[i].title for i in again.shown()] == [expected.articles[i].title for i in expected.shown()]


async def test_a_warm_list_of_100000_is_sorted_without_making_its_rows_entries(many_shelved: Path, blocked_walk,
                                                                             monkeypatch) -> None:
    decoded = decodes_in_this_thread(monkeypatch)
    app = NewsReader(paths=[str(many_shelved)])
    async with app.run_test(size=(120, 40)) as pilot:
        articles = app.query_one(ArticleList)
        for _ in range(WAIT_SECONDS * 20):
            if articles.option_count == MANY and not any(isinstance(i, int) for i in app.session.articles.items):
                break
            await pilot.pause(0.05)
        await pilot.press("S", "S")  # by title
        await pilot.pause()
        assert app.session.sort == "by title"
        assert [articles.session.articles[articles.shown[row]].title for row in range(4)] == [
            "Article 0", "Article 1", "Article 10", "Article 100"]
        assert len(decoded) <= 2 * FIRST_SCREEN  # the rows drawn, as found and then sorted
        await pilot.press("v")  # unread
        await pilot.pause()
        assert articles.option_count == MANY and len(decoded) <= 3 * FIRST_SCREEN
        assert sum(isinstance(item, Entry) for item in app.session.articles.items) <= 3 * FIRST_SCREEN


FIRST_SCREEN_IMPORTS = """
import sys
import reader.ui.app
from reader.session import Session

Session().first_screen([sys.argv[1]], lambda event: None)
print(sorted(name for name in ("reader.topics", "reader.clean", "nltk", "sumy", "numpy") if name in sys.modules))
"""


def test_the_first_screen_imports_no_analysis_step(warm: Path) -> None:
    """What the first frame waits for: the topics' module only when the user has a topics file."""
    listed(Session(), [warm])
    command = [sys.executable, "-c", FIRST_SCREEN_IMPORTS, str(warm)]
    root = Path(__file__).resolve().parent.parent
    imported = subprocess.run(command, capture_output=True, text=True, check=True, cwd=root, timeout=60)
    assert imported.stdout == "[]\n", imported.stderr
    topics = Path(os.environ["XDG_CONFIG_HOME"]) / "newsreader" / "topics.toml"
    topics.parent.mkdir(parents=True, exist_ok=True)
    topics.write_text('[topics.Council]\nwords = ["council"]\n', encoding="utf-8")
    imported = subprocess.run(command, capture_output=True, text=True, check=True, cwd=root, timeout=60)
    assert imported.stdout == "['reader.topics']\n", imported.stderr


def test_the_shelf_is_read_a_step_of_rows_at_a_time_in_its_order(warm: Path, monkeypatch) -> None:
    """A step's text is read holding Python's lock: a long shelf is read in several, the same rows."""
    import reader.library

    listed(Session(), [warm])
    cache = AnalysisCache()
    library = library_name([warm])
    whole = cache.shelf_rows(library, ANALYSIS_VERSION)
    assert [row[1] for row in whole] == walk_order(warm) and [row[0] for row in whole] == list(range(len(whole)))
    monkeypatch.setattr(reader.library, "SHELF_STEP", 7)
    assert cache.shelf_rows(library, ANALYSIS_VERSION) == whole
    assert cache.shelf_rows(library, ANALYSIS_VERSION, limit=FIRST_SCREEN) == whole[:FIRST_SCREEN]
    assert cache.shelf_rows(library, ANALYSIS_VERSION, after=whole[9][0], limit=20) == whole[10:30]


def test_the_session_looks_for_the_topics_file_where_the_topics_module_reads_it() -> None:
    from reader.settings import topics_path
    from reader.topics import user_topics_path

    assert topics_path() == user_topics_path()
