"""The reading session without any user interface: listing, the cache, the library's analysis, marks, search,
views and orders (reader/session.py). Nothing here starts Textual."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader import session as session_module
from reader.library import Entry
from reader.model import Article, LoadError
from reader.session import (
    SORTS,
    VIEWS,
    EntriesListed,
    Event,
    LibraryAnalysed,
    LibraryAnalysisEnded,
    LibraryToAnalyse,
    LoadingFinished,
    Session,
    StoresOpened,
    UserTopicsRead,
)
from reader.ui.status import list_status

from session_events import listed

ROOT = Path(__file__).resolve().parent.parent

STORIES = {
    "harbour.txt": "Harbour Reopens After Storm\n\nThe harbour reopened on Monday after the storm, the mayor said.\n\n"
    "“We are open for business again,” the mayor, Jane Smith, told reporters.\n",
    "council.txt": "Council Votes On Library\n\nThe council voted to keep the library open on Sundays.\n\n"
    "Councillors met for three hours before the vote.\n",
    "cricket.txt": "Cricket Club Wins Final\n\nThe village cricket club won the county final on Saturday.\n",
}


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    for name, text in STORIES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"")  # an empty file: nothing to read
    return folder


def analysed(session: Session, events: list[Event]) -> list[Event]:
    """Run the library's analysis the listing asked for, in this thread."""
    done: list[Event] = []
    for event in events:
        if isinstance(event, LibraryToAnalyse):
            session.analyse_library(event.jobs, session.library_to_analyse(event), done.append)
    for event in done:
        if isinstance(event, LibraryAnalysed):
            session.library_analysed(event)
    return done


def test_the_session_imports_no_textual() -> None:
    code = (
        "import sys; import reader.session; from reader.session import Session; s = Session(); "
        "import reader.library, reader.analysis; print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.strip() == "[]"


def test_listing_reports_rows_errors_and_the_end(library: Path) -> None:
    session = Session()
    events = listed(session, [library])
    kinds = [type(event) for event in events]
    assert kinds[0] is UserTopicsRead and StoresOpened in kinds
    assert kinds[-1] is LoadingFinished and not session.loading_files
    titles = sorted(entry.title for entry in session.articles)
    assert titles == ["Council Votes On Library", "Cricket Club Wins Final", "Harbour Reopens After Storm"]
    assert [Path(error.path).name for error in session.load_errors] == ["broken.txt"]
    assert session.awaiting_analysis == 3
    to_analyse = [event for event in events if isinstance(event, LibraryToAnalyse)]
    assert len(to_analyse) == 1 and not to_analyse[0].pooled  # three files: analysed in this process


def test_the_library_is_analysed_into_the_cache_and_listed_from_it_next_time(library: Path) -> None:
    session = Session()
    done = analysed(session, listed(session, [library]))
    assert isinstance(done[-1], LibraryAnalysisEnded) and done[-1].urgent is None
    assert session.awaiting_analysis == 0
    assert all(entry.topics for entry in session.articles)
    assert session.cache is not None and session.cache.search("harbour")

    (library / "broken.txt").unlink()  # a file the cache cannot know (its title is read: shown at once)
    again = Session()
    events = listed(again, [library])
    assert not any(isinstance(event, LibraryToAnalyse) for event in events)  # every row from the cache
    first = next(event for event in events if isinstance(event, EntriesListed))
    assert len(first.entries) == 3  # the first screen of warm rows comes at once, in one batch
    assert sorted(e.title for e in again.articles) == sorted(e.title for e in session.articles)
    entry = next(e for e in again.articles if e.title.startswith("Harbour"))
    read = again.read_article(entry)  # in a thread of the app's; taken in on its own thread
    assert read.analysed and isinstance(read.found, Article) and read.found.summary and not again.is_analysed(entry)
    again.article_read(read)
    assert again.is_analysed(entry) and again.analysis_at_hand(entry) == read.found


def test_the_article_on_screen_waits_for_the_listing_then_is_analysed_here(library: Path) -> None:
    session = Session()
    events: list[Event] = []
    session.list_outlines([library], events.append)
    for event in events:
        if isinstance(event, EntriesListed):
            session.listed(event)
    entry = session.articles[0]
    outline = session.outline_of(entry)
    assert not isinstance(outline, LoadError)
    assert session.where_to_analyse(outline) == "later"  # still listing: where is not known yet
    session.loading_finished()
    wanted = session.wanted_outline(entry)
    assert wanted is not None and session.where_to_analyse(wanted) == "here"
    result = session.analyse(wanted, session.algorithm, session.sentences)
    key, _ = session.analysis_done(result)  # type: ignore[arg-type]
    assert key == session.analysis_key(entry) and session.is_analysed(entry)


def test_a_large_library_goes_to_the_workers(library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session_module, "POOL_MINIMUM", 2)
    events = listed(Session(), [library])
    assert [event.pooled for event in events if isinstance(event, LibraryToAnalyse)] == [True]


def entry(number: int, title: str, topics: tuple[str, ...] = (), date: str | None = None,
          site: str | None = None) -> Entry:
    return Entry(f"/news/{number}.txt", f"id{number}", title, site, date, 100, topics)


@pytest.fixture
def rows() -> Session:
    session = Session()
    session.listed(EntriesListed([
        entry(0, "Zebra crossing", ("Roads",), "2024-01-02", "b.example"),
        entry(1, "apple harvest", ("Farming", "Roads"), "2024-03-01", "a.example"),
        entry(2, "Middle of the road", (), None, "c.example"),
    ], []))
    session.loading_finished()
    return session


def test_views_orders_and_filters_pick_the_rows(rows: Session) -> None:
    assert list(rows.shown()) == [0, 1, 2] and not rows.list_is_narrowed()
    rows.topic_filter = "Roads"
    assert list(rows.shown()) == [0, 1]
    rows.topic_filter = None
    orders = {}
    for sort in SORTS:
        rows.sort = sort
        orders[sort] = list(rows.shown())
    assert orders == {"as found": [0, 1, 2], "newest first": [1, 0, 2], "by title": [1, 2, 0],
                      "by source": [1, 0, 2]}
    rows.sort = SORTS[0]
    following = []
    for view in VIEWS:
        rows.view = view
        following.append(rows.next_view())
    assert following == ["unread", "starred", "all"]


def test_read_and_starred_marks_narrow_the_views_and_reach_another_session(rows: Session) -> None:
    rows.open_stores()
    assert rows.toggle_star(rows.articles[1]) and rows.open_marks_read(rows.articles[0])
    assert not rows.open_marks_read(rows.articles[0])  # read already
    rows.view = "unread"
    assert list(rows.shown()) == [1, 2]
    rows.view = "starred"
    assert list(rows.shown()) == [1]
    other = Session()
    other.open_stores()
    assert other.read_ids == {"id0"} and other.starred_ids == {"id1"}
    other.mark_read([rows.articles[2]])
    assert rows.reload_marks() == {"id2"}
    assert rows.reload_marks() is None  # nothing new since


def test_search_matches_indexed_text_and_titles_not_analysed_yet(rows: Session) -> None:
    rows.open_stores()
    rows.search("apple")
    assert rows.search_matches == set() and list(rows.shown()) == [1]  # by its title: not in the search index
    rows.search("topic:roads")
    assert list(rows.shown()) == []  # a field search needs the index
    rows.search("  ")
    assert rows.search_matches is None and list(rows.shown()) == [0, 1, 2]


def test_the_status_line_says_how_the_list_is_narrowed(rows: Session) -> None:
    assert list_status(rows, 3, "") == ["3 articles", "all", "as found"]
    rows.topic_filter, rows.view, rows.sort, rows.awaiting_analysis = "Roads", "unread", "by title", 1
    rows.load_errors.append(LoadError("/x", "unreadable"))
    assert " · ".join(list_status(rows, 2, "feeds 1/3…")) == (
        "2 of 3 articles about Roads so far · unread · by title · 1 not loaded (e) · analysed 2 / 3 · feeds 1/3…")


def test_new_topics_change_their_row_once(rows: Session) -> None:
    changed = rows.library_analysed(LibraryAnalysed([replace_topics(rows.articles[2], ("Roads",))], 1))
    assert changed == [2] and rows.articles[2].topics == ("Roads",)
    assert rows.library_analysed(LibraryAnalysed([rows.articles[2]], 0)) == []
    assert rows.known_topics() == ["Roads", "Farming"]


def replace_topics(row: Entry, topics: tuple[str, ...]) -> Entry:
    from dataclasses import replace

    return replace(row, topics=topics)


def indexed(library: Path | list[Path]) -> list[Entry | LoadError]:
    """What `newsreader index` gets for `library`: the rows the cache knows, then those it analyses."""
    session = Session()
    walked = session.walk_for_index(library if isinstance(library, list) else [library])
    return [*walked.known, *walked.errors, *session.index(walked.new, workers=1)]


def test_cli_index_and_search_go_through_the_session(library: Path) -> None:
    results = indexed(sorted(library.glob("*.txt")))
    assert sum(isinstance(result, Entry) for result in results) == 3
    hits = Session().search_hits("harbour")
    assert [title for _, _, title in hits] == ["Harbour Reopens After Storm"]


def test_index_reads_again_only_the_files_the_cache_does_not_know_as_they_are(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader import library as library_module

    paths = sorted(library.glob("*.txt"))
    first = indexed(paths)
    analysed_paths: list[list[Path]] = []
    index_paths = library_module.index_paths

    def recording(new, *args, **kwargs):
        analysed_paths.append(list(new))
        return index_paths(new, *args, **kwargs)

    monkeypatch.setattr(library_module, "index_paths", recording)
    again = indexed(paths)
    assert analysed_paths == [[library / "broken.txt"]]  # only what failed before is read again
    assert sorted(r.title for r in again if isinstance(r, Entry)) == sorted(
        r.title for r in first if isinstance(r, Entry))
    (library / "cricket.txt").write_text("Cricket Club Loses Final\n\nThe club lost the county final.\n")
    indexed(paths)
    assert analysed_paths[-1] == [library / "broken.txt", library / "cricket.txt"]


def test_newsreader_index_stats_each_file_once(library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader import cli, sources

    stats: list[str] = []
    stat = sources.os.stat

    def counting(path, *args, **kwargs):
        stats.append(os.fspath(path))
        return stat(path, *args, **kwargs)

    cli.main(["index", str(library)])
    monkeypatch.setattr(sources.os, "stat", counting)
    cli.main(["index", str(library)])  # every file known now but the empty one
    article_stats = [path for path in stats if path.endswith(".txt")]
    assert sorted(article_stats) == sorted(str(path) for path in library.glob("*.txt"))


def test_a_listed_row_takes_the_analysis_words_and_title_once_analysed(library: Path) -> None:
    """The listing reads a title from a file's first lines and counts its words roughly; the analysis's row wins."""
    from dataclasses import replace

    session = Session()
    events = listed(session, [library])
    index = next(n for n, row in enumerate(session.articles) if row.title.startswith("Harbour"))
    listed_row = session.articles[index]
    session.articles[index] = replace(listed_row, title="Harbour", words=1)  # as a misleading first line would
    analysed(session, events)
    assert session.articles[index].title == listed_row.title == "Harbour Reopens After Storm"
    read = session.read_article(listed_row)
    assert read.analysed and isinstance(read.found, Article) and session.articles[index].words == read.found.length


def test_many_new_files_are_listed_on_every_core_in_the_order_found(library: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    for number in range(7):
        (library / f"more{number}.txt").write_text(f"Story Number {number}\n\nIt happened on day {number}.\n",
                                                   encoding="utf-8")
    alone = Session()
    listed(alone, [library])
    monkeypatch.setattr(session_module, "SPREAD_LISTING_FROM", 2)
    monkeypatch.setattr(session_module, "LISTING_CHUNK", 2)
    import concurrent.futures

    pools: list[concurrent.futures.ProcessPoolExecutor] = []
    real_pool = concurrent.futures.ProcessPoolExecutor

    def pool(*args: object, **kwargs: object) -> concurrent.futures.ProcessPoolExecutor:
        pools.append(real_pool(*args, **kwargs))  # type: ignore[arg-type]
        return pools[-1]

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", pool)
    spread = Session()
    listed(spread, [library])
    assert spread.articles == alone.articles and len(spread.articles) == 10
    assert spread.load_errors == alone.load_errors and len(spread.load_errors) == 1
    assert len(pools) == 1  # the listing processes read all but the first two
