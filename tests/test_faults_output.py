"""Issue 11: no command prints what an article, a feed, a file or a path says raw to the terminal.

Every command with human output is fed an article and a feed whose titles and texts hold an OSC 52 clipboard
write, a screen clear, BEL, an 8-bit CSI and bidi overrides, and what it prints (standard output and error)
must hold no ESC, BEL, C1 control or bidi control. `--json` keeps the exact text as data (escaped, so its bytes
hold none either), and `export` writes OPML that parses and imports again whatever the store holds.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from feeds_server import FeedServer, Route

from reader.cli import main
from reader.feeds import FeedStore
from reader.feeds.fetch import FetchError, checked_url
from reader.feeds import subscriptions

OSC52 = "\x1b]52;c;aGk=\x07"
CLEAR = "\x1b[2J"
BEL = "\x07"
C1_CSI = "\x9b2J"
BIDI = "\u202e\u2066"
HOSTILE = f"{OSC52}{CLEAR}{BEL}{C1_CSI}{BIDI}"
# What a terminal acts on (ESC, BEL, DEL and C1 controls) or what reorders the text it shows (bidi controls).
UNSAFE = re.compile("[\x07\x1b\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
ARTICLE = (
    f"Budget {HOSTILE} vote\n\n"
    f"The council debated the budget {HOSTILE} for hours on Monday, officials said.\n\n"
    f"“The plan {HOSTILE} will hold,” said Mayor Ann Lee. The budget passed by one vote.\n"
)
JSON_FEED = "application/feed+json"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """The command's exit status and output, once the output is known to hold nothing a terminal acts on."""
    try:
        code = main(list(argv))
    except SystemExit as stopped:  # argparse's usage errors
        code = stopped.code
    out, err = capsys.readouterr()
    assert not UNSAFE.findall(out), (argv, out)
    assert not UNSAFE.findall(err), (argv, err)
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture
def articles(tmp_path) -> Path:
    """A folder whose own name holds escapes, with a hostile article and an empty file named with escapes."""
    folder = tmp_path / f"news{CLEAR}{BIDI}"
    folder.mkdir()
    (folder / "budget.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / f"empty{OSC52}.txt").write_text("")
    return folder


# --- analyze, index, search ------------------------------------------------------------------------------------


def test_analyze_report_and_its_errors_print_nothing_raw(capsys, articles):
    code, out, err = run(capsys, "analyze", str(articles))

    assert code == 1
    assert "Budget ]52" not in out and "Budget  vote" in out, "the whole escape sequence goes, not only ESC"
    assert "Mayor Ann Lee" in out
    assert "empty.txt: the file is empty" in err


def test_analyze_json_keeps_the_text_exactly_without_raw_control_bytes(capsys, articles):
    code, out, _ = run(capsys, "analyze", str(articles), "--json")
    data = json.loads(out)

    assert code == 1
    assert HOSTILE in data["articles"][0]["title"], "the data is exact"
    assert data["errors"] == [{"path": str(articles / f"empty{OSC52}.txt"), "error": "the file is empty"}]
    assert "\\u202e" in out and "\\u009b" in out, "what JSON leaves raw is written as an escape"


def test_a_broken_topics_file_is_named_without_its_escapes(capsys, tmp_path):
    topics = tmp_path / f"topics{CLEAR}.toml"
    topics.write_text("bad = [\n")
    code, _, err = run(capsys, "analyze", "--topics", str(topics))

    assert code == 2 and f"{tmp_path}/topics.toml is not valid TOML" in err


def test_index_and_search_print_nothing_raw(capsys, articles, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / f"cache{OSC52}"))
    code, out, err = run(capsys, "index", str(articles), "--workers", "1")
    assert code == 1
    assert "indexed 1 of 2 articles" in out and f"into {tmp_path}/cache/newsreader/" in out
    assert f"failed: {tmp_path}/news/empty.txt: the file is empty" in out

    code, out, _ = run(capsys, "search", "budget")
    assert code == 0 and out == f"Budget  vote\n  {tmp_path}/news/budget.txt\n"

    code, out, _ = run(capsys, "search", "budget", "--json")
    [hit] = json.loads(out)["hits"]
    assert code == 0 and hit["title"] == f"Budget {HOSTILE} vote" and hit["path"] == str(articles / "budget.txt")


def test_index_then_search_in_a_terminal_session_leave_the_clipboard_and_screen_alone(articles, tmp_path):
    """The issue's own case, run as a user would: `newsreader index`, then `newsreader search budget`."""
    env = {**os.environ, **{name: str(tmp_path / name.lower()) for name in ("XDG_CACHE_HOME", "XDG_DATA_HOME",
                                                                             "XDG_CONFIG_HOME", "XDG_STATE_HOME")}}
    for argv in (["index", str(articles), "--workers", "1"], ["search", "budget"]):
        done = subprocess.run([sys.executable, "-m", "reader.cli", *argv], env=env, capture_output=True, timeout=120)
        printed = (done.stdout + done.stderr).decode("utf-8")
        assert not UNSAFE.findall(printed), (argv, printed)
    assert b"Budget  vote" in done.stdout


def test_usage_errors_quote_arguments_without_their_escapes(capsys):
    code, _, err = run(capsys, "export", f"extra{CLEAR}")
    assert code == 2 and "unrecognized arguments: extra" in err


# --- feeds -----------------------------------------------------------------------------------------------------


@pytest.fixture
def server():
    with FeedServer() as running:
        feed = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": f"Courier {HOSTILE}",
            "home_page_url": running.url("/"),
            "items": [{"id": "1", "url": running.url("/pages/budget.html"), "title": f"Budget {HOSTILE} vote",
                       "content_text": ARTICLE}],
        }
        running.routes["/feed.json"] = Route(json.dumps(feed).encode(), content_type=JSON_FEED)
        page = f"<html><head><title>Budget {HOSTILE}</title></head><body><article><p>{ARTICLE}</p></article></body>"
        running.routes["/pages/budget.html"] = Route(page.encode(), content_type="text/html; charset=utf-8")
        yield running


def store_as_an_older_version_did(url: str, name: str | None, error: str = "", tags: tuple[str, ...] = ()) -> None:
    """A feed row written straight into the user's feeds.sqlite3, unchecked, as an older version might have."""
    with FeedStore() as store:
        path = store.path
    with sqlite3.connect(path) as db:
        db.execute(
            "INSERT INTO feeds (url, name, site_url, tags, last_refreshed, last_result, last_error, added) "
            "VALUES (?, ?, ?, ?, 1.7e9, 'failed', ?, 1.7e9)",
            (url, name, f"http://127.0.0.1:9/site{HOSTILE}", json.dumps(list(tags)), error or None),
        )
    db.close()


OLD_URL = f"http://127.0.0.1:9/old\x01{HOSTILE} feed.xml"
OLD_NAME = f"Old\x00 name {HOSTILE}"


def test_add_feeds_refresh_and_remove_print_nothing_raw(server, capsys):
    code, out, _ = run(capsys, "add", server.url("/feed.json"), "--name", f"Mine {HOSTILE}", "--tag", HOSTILE)
    assert code == 0 and f"subscribed to Mine  <{server.url('/feed.json')}>" in out
    store_as_an_older_version_did(OLD_URL, OLD_NAME, error=f"broken {HOSTILE} server")

    code, out, _ = run(capsys, "feeds")
    assert code == 0 and "Old name" in out and "broken  server" in out
    code, out, _ = run(capsys, "feeds", "--json")
    assert [(f["name"], f["last_error"]) for f in json.loads(out)["feeds"]] == [
        (f"Mine {HOSTILE}", None), (OLD_NAME, f"broken {HOSTILE} server")
    ]

    code, out, err = run(capsys, "refresh", "--timeout", "2")
    assert code == 1 and "Mine : 1 new" in out and "Old name : failed: " in out and "[2/2]" in err

    code, out, _ = run(capsys, "remove", "2")
    assert code == 0 and "unsubscribed from Old name  <http://127.0.0.1:9/old" in out
    code, _, err = run(capsys, "remove", f"gone{HOSTILE}")
    assert code == 1 and "no feed gone" in err


def test_add_errors_print_nothing_raw(capsys):
    code, _, err = run(capsys, "add", f"ftp://example.org/{HOSTILE}")
    assert code == 1 and "ftp://example.org/" in err and "only http and https" in err


def test_import_prints_what_it_skipped_and_bad_file_names_without_escapes(capsys, tmp_path):
    urls = tmp_path / "urls"
    urls.write_text(f'ftp://example.org/{HOSTILE}\nhttp://example.org/new.xml "tag{HOSTILE}"\n', encoding="utf-8")
    code, out, _ = run(capsys, "import", str(urls))
    assert code == 0 and "1 feed added" in out and "skipped: line 1: ftp://example.org/" in out

    code, _, err = run(capsys, "import", str(tmp_path / f"missing{OSC52}"))
    assert code == 1 and f"{tmp_path}/missing: No such file or directory" in err


# --- export ----------------------------------------------------------------------------------------------------


def test_export_of_any_stored_feed_is_opml_that_imports_the_same_feed(capsys, tmp_path, monkeypatch):
    store_as_an_older_version_did(OLD_URL, OLD_NAME, tags=(f"a{CLEAR}b", "news"))
    code, document, _ = run(capsys, "export")
    assert code == 0
    [outline] = ElementTree.fromstring(document.encode("utf-8")).iter("outline")  # well-formed XML 1.0
    assert outline.get("xmlUrl") == checked_url(OLD_URL)

    exported = tmp_path / "feeds.opml"
    exported.write_text(document, encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "fresh"))
    code, out, _ = run(capsys, "import", str(exported))
    assert code == 0 and "1 feed added" in out
    code, out, _ = run(capsys, "feeds", "--json")
    [feed] = json.loads(out)["feeds"]
    assert feed["url"] == "http://127.0.0.1:9/old%01%1B]52;c;aGk=%07%1B[2J%07%C2%9B2J%E2%80%AE%E2%81%A6%20feed.xml"
    assert feed["name"] == f"Old name ]52;c;aGk=[2J\x9b2J{BIDI}", "only what XML cannot hold is dropped"
    assert feed["tags"] == ["a[2Jb", "news"]


def test_an_unnamed_feed_is_exported_by_its_url_and_imported_without_a_name(capsys, tmp_path, monkeypatch):
    store_as_an_older_version_did(OLD_URL, None)
    code, document, _ = run(capsys, "export")
    exported = tmp_path / "feeds.opml"
    exported.write_text(document, encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "fresh"))
    assert run(capsys, "import", str(exported))[0] == 0

    code, out, _ = run(capsys, "feeds", "--json")
    assert [(f["url"], f["name"]) for f in json.loads(out)["feeds"]] == [(checked_url(OLD_URL), checked_url(OLD_URL))]
    with FeedStore() as store:
        assert [feed.name for feed in store.feeds()] == [None], "the URL standing for a name is no name of the user's"


# --- URLs ------------------------------------------------------------------------------------------------------


def test_new_subscriptions_never_store_control_characters_or_spaces(server, capsys):
    server.routes["/spaced%20feed.json"] = server.routes["/feed.json"]
    code, _, _ = run(capsys, "add", server.url("/spaced feed.json"))
    assert code == 0
    code, out, _ = run(capsys, "feeds", "--json")
    assert [f["url"] for f in json.loads(out)["feeds"]] == [server.url("/spaced%20feed.json")]


@pytest.mark.parametrize(
    "url, checked",
    [
        (" http://example.org/a b\x1b[2J\u202e.xml\n", "http://example.org/a%20b%1B[2J%E2%80%AE.xml"),
        ("http://example.org/x\ty\r\n", "http://example.org/xy"),  # tabs and newlines go, as in browsers
        ("http://example.org/café", "http://example.org/café"),
    ],
)
def test_checked_url_percent_encodes_controls_and_spaces(url, checked):
    assert checked_url(url) == checked


def test_a_url_urllib_cannot_split_is_refused_with_a_reason(capsys):
    with pytest.raises(FetchError, match="invalid URL"):
        checked_url("http://[::1/feed")
    code, _, err = run(capsys, "add", "http://[::1/feed")
    assert code == 1 and "invalid URL" in err


# --- OPML that is hard to read ---------------------------------------------------------------------------------


def nested_opml(depth: int) -> bytes:
    opening = "".join(f'<outline text="folder {level}">' for level in range(depth))
    feed = '<outline text="Deep" type="rss" xmlUrl="https://deep.example/rss"/>'
    return f'<?xml version="1.0"?><opml version="2.0"><body>{opening}{feed}{"</outline>" * depth}</body></opml>'.encode()


def test_opml_nested_a_thousand_folders_deep_imports_its_feed(capsys, tmp_path):
    path = tmp_path / "deep.opml"
    path.write_bytes(nested_opml(1000))
    code, out, _ = run(capsys, "import", str(path))
    assert code == 0 and "1 feed added" in out

    code, out, _ = run(capsys, "feeds", "--json")
    [feed] = json.loads(out)["feeds"]
    assert feed["url"] == "https://deep.example/rss"
    assert feed["tags"] == [f"folder {level}" for level in range(subscriptions.MAX_FOLDER_TAGS)]


@pytest.mark.parametrize("declaration", ['encoding="x-no-such"', 'encoding="utf-32"'])
def test_opml_in_an_encoding_the_parser_refuses_is_one_message(capsys, tmp_path, declaration):
    path = tmp_path / "odd.opml"
    path.write_bytes(f'<?xml version="1.0" {declaration}?><opml version="2.0"><body/></opml>'.encode())
    code, out, _ = run(capsys, "import", str(path))
    assert code == 1 and "the OPML cannot be read" in out


def test_an_unexpected_failure_reading_a_list_is_one_message_naming_the_file(capsys, tmp_path, monkeypatch):
    def parser_trips(data: bytes):  # stands for whatever a parser's bug does on some hostile file
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr("reader.feeds.read_subscription_list", parser_trips)
    path = tmp_path / f"list{CLEAR}.opml"
    path.write_bytes(nested_opml(3))
    code, _, err = run(capsys, "import", str(path))
    assert code == 1
    assert err == f"newsreader import: {tmp_path}/list.opml could not be read (RecursionError: maximum recursion depth exceeded)\n"


def test_importing_an_endless_file_stops_at_the_limit(capsys):
    code, _, err = run(capsys, "import", "/dev/zero")
    assert code == 1 and err == "newsreader import: /dev/zero: over the 10 MB a subscription list may hold\n"


def test_a_stored_name_holding_line_breaks_is_listed_on_one_line(capsys):
    store_as_an_older_version_did(OLD_URL, "First line\nsecond line\r\nthird")
    code, out, _ = run(capsys, "feeds")
    assert code == 0 and "  First line second line third\n" in out
