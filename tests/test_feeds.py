"""Feeds against a local server on 127.0.0.1: subscribe, refresh, full articles, failures, OPML and urls."""

from __future__ import annotations

import codecs
import gzip
import json
import threading

import pytest
from feeds_server import FIXTURES, FeedServer, Route

from reader.analysis import analyze_document
from reader.feeds import (
    FAILED,
    FROM_FEED,
    FROM_PAGE,
    NOT_MODIFIED,
    OK,
    FeedStore,
    FetchError,
    FetchOptions,
    NotAFeed,
    add_feed,
    entries,
    entry_for,
    entry_paths,
    export_opml,
    import_subscriptions,
    last_refreshed,
    list_feeds,
    refresh_all,
    remove_feed,
)
from reader.feeds.parse import html_to_text, parse_feed, refuse_entity_declarations
from reader.feeds_cli import FEED_COMMANDS
from reader.sources import read_document

FAST = FetchOptions(
    timeout=0.5, deadline=2, retries=1, backoff=0.01, max_feed_bytes=200_000, max_page_bytes=200_000, connections=8
)
RSS = "application/rss+xml; charset=utf-8"
HTML = "text/html; charset=utf-8"


@pytest.fixture
def server():
    with FeedServer() as running:
        for page in ("harbour", "library", "orchard"):
            running.serve_fixture(f"/pages/{page}.html", f"page_{page}.html", HTML)
        yield running


@pytest.fixture
def store():
    with FeedStore() as opened:
        yield opened


def subscribe(store: FeedStore, *urls: str, full_articles: bool = True) -> None:
    for url in urls:
        store.subscribe(url, full_articles=full_articles)


def outcome_of(report, url: str):
    return next(o for o in report.outcomes if o.feed.url == url)


# --- new entries, full articles --------------------------------------------------------------------------------


def test_every_feed_format_brings_its_entries_with_full_articles_and_summaries(server, store):
    urls = [
        server.serve_fixture("/rss2.xml", "rss2.xml", RSS),
        server.serve_fixture("/atom.xml", "atom.xml", "application/atom+xml"),
        server.serve_fixture("/feed.json", "feed.json", "application/feed+json"),
        server.serve_fixture("/rss1.rdf", "rss1.rdf", "application/rdf+xml"),
    ]
    subscribe(store, *urls)
    report = refresh_all(options=FAST, store=store)

    assert [outcome_of(report, url).result for url in urls] == [OK] * 4
    assert [outcome_of(report, url).new_entries for url in urls] == [2, 2, 2, 1]
    pages = [e for e in entries(store=store) if e.source == FROM_PAGE]
    assert sorted(e.title for e in pages) == sorted([
        "Harbour town votes to rebuild its flooded sea wall",
        "City library lends out tools as well as books",  # relative link in RSS 2.0, resolved
        "Old orchard varieties return to village gardens",  # Atom title given as HTML, made plain
        "City library lends out tools as well as books",
        "Old orchard varieties return to village gardens",
    ])
    for entry in pages:
        assert entry.path.suffix == ".html" and entry.path.is_file()
        article = analyze_document(read_document(entry.path))
        assert article.title == entry.title
        assert article.summary, entry.path


def test_a_page_that_fails_leaves_the_feeds_own_text_readable(server, store):
    url = server.serve_fixture("/atom.xml", "atom.xml", "application/atom+xml")
    subscribe(store, url)
    report = refresh_all(options=FAST, store=store)

    assert outcome_of(report, url).from_feed_text == 1
    bridge = next(e for e in entries(store=store) if e.title == "Bridge repairs delayed until summer")
    assert bridge.source == FROM_FEED and bridge.path.suffix == ".md"
    assert "HTTP 404" in bridge.note
    document = read_document(bridge.path)
    assert "specialist masons" in document.text
    assert analyze_document(document).title == "Bridge repairs delayed until summer"


def test_summary_only_feeds_fetch_no_pages_and_keep_no_markup(server, store):
    url = server.serve_fixture("/rss2.xml", "rss2.xml", RSS)
    subscribe(store, url, full_articles=False)
    refresh_all(options=FAST, store=store)

    assert not any(path.startswith("/pages/") for path in server.statuses)
    saved = {e.title: e for e in entries(store=store)}
    harbour = saved["Harbour town votes to rebuild its flooded sea wall"]
    assert harbour.source == FROM_FEED and harbour.note is None
    text = harbour.path.read_text(encoding="utf-8")
    assert "twelve million pound plan" in text
    assert "<" not in text and "alert" not in text


@pytest.mark.parametrize("declared_in", ["header", "meta"])
def test_a_page_in_another_charset_is_saved_readable(server, store, declared_in):
    title = "Библиотека выдаёт инструменты"
    page = (FIXTURES / "page_library.html").read_text(encoding="utf-8")
    page = page.replace("City library lends out tools as well as books", title)
    if declared_in == "meta":
        meta = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        page = page.replace('<meta charset="utf-8">', meta)
    content_type = "text/html; charset=windows-1251" if declared_in == "header" else "text/html"
    server.routes["/pages/library.html"] = Route(page.encode("windows-1251"), content_type=content_type)
    subscribe(store, server.serve_fixture("/rss2.xml", "rss2.xml", RSS))
    refresh_all(options=FAST, store=store)

    assert title in [read_document(path).title for path in entry_paths(store)]


def test_a_link_that_is_not_http_is_never_followed(server, store):
    url = server.serve_fixture("/feed.json", "feed.json", "application/feed+json")
    subscribe(store, url)
    refresh_all(options=FAST, store=store)

    entry = next(e for e in entries(store=store) if e.title == "A link that is never followed")
    assert entry.link is None and entry.source == FROM_FEED
    assert "only this text is kept" in entry.path.read_text(encoding="utf-8")


def test_entries_arrive_once_and_progress_reports_every_feed(server, store):
    urls = [server.serve_fixture("/rss2.xml", "rss2.xml", RSS), server.serve_fixture("/atom.xml", "atom.xml", RSS)]
    subscribe(store, *urls)
    heard = []
    first = refresh_all(progress=heard.append, options=FAST, store=store)
    second = refresh_all(options=FAST, store=store)

    assert [(p.done, p.total) for p in heard] == [(1, 2), (2, 2)]
    assert {p.outcome.feed.url for p in heard} == set(urls)
    assert first.new_entries == 4 and second.new_entries == 0
    assert len(entry_paths(store)) == 4
    assert all(last_refreshed(feed) is not None for feed in store.feeds())


# --- conditional requests --------------------------------------------------------------------------------------


@pytest.mark.parametrize("validator", [{"etag": '"v1"'}, {"last_modified": "Tue, 03 Mar 2026 09:00:00 GMT"}])
def test_an_unchanged_feed_answers_304_and_transfers_no_body(server, store, validator):
    url = server.serve_fixture("/rss2.xml", "rss2.xml", RSS, **validator)
    subscribe(store, url)
    refresh_all(options=FAST, store=store)
    sent_first = server.body_bytes["/rss2.xml"]
    report = refresh_all(options=FAST, store=store)

    assert server.statuses["/rss2.xml"] == [200, 304]
    assert sent_first > 0 and server.body_bytes["/rss2.xml"] == sent_first
    assert outcome_of(report, url).result == NOT_MODIFIED, outcome_of(report, url).message
    assert len(entries(store=store)) == 2


# --- failures: one clear message each, the other feeds untouched -----------------------------------------------

BOMB = gzip.compress(b"<rss>" + b" " * 50_000_000)  # 50 MB of spaces in about 50 kB


def failing_routes(server: FeedServer) -> dict[str, tuple[Route, str]]:
    """path: (what the server does, what the user is told)."""
    rss = server.fixture("rss2.xml")
    return {
        "/slow.xml": (Route(rss, delay=1.2), "no answer within 0.5 s (tried 2 times)"),
        "/gone.xml": (Route(b"gone", status=404), "HTTP 404 Not Found"),
        "/broken.xml": (Route(b"oops", status=500), "HTTP 500 Internal Server Error (tried 2 times)"),
        "/loop.xml": (Route(status=302, location="/loop.xml"), "more than 5 redirects (a redirect loop)"),
        "/elsewhere.xml": (Route(status=301, location="file:///etc/passwd"), "only http and https URLs"),
        "/malformed.xml": (Route(server.fixture("malformed.xml")), "malformed XML"),
        "/laughs.xml": (Route(server.fixture("billion_laughs.xml")), "declares entities"),
        "/external.xml": (Route(server.fixture("external_entity.xml")), "declares entities"),
        "/huge.xml": (Route(stream_bytes=20_000_000), "over the 200 kB limit; stopped reading"),
        "/bomb.xml": (Route(BOMB, content_encoding="gzip"), "over the 200 kB limit; stopped reading"),
        "/picture.xml": (Route(b"\x89PNG\r\n\x1a\n" + b"\0" * 64, content_type="image/png"), "not a feed"),
        "/homepage.xml": (Route(server.fixture("page_harbour.html"), content_type=HTML), "not a feed but an HTML page"),
    }


def test_each_failure_gives_one_clear_message_and_leaves_the_other_feeds_intact(server, store):
    good = server.serve_fixture("/rss2.xml", "rss2.xml", RSS)
    gzipped = server.url("/gzipped.xml")
    server.routes["/gzipped.xml"] = Route(gzip.compress(server.fixture("atom.xml")), content_encoding="gzip")
    mislabelled = server.serve_fixture("/mislabelled.xml", "rss1.rdf", "text/plain; charset=utf-8")
    routes = failing_routes(server)
    for path, (route, _) in routes.items():
        server.routes[path] = route
    subscribe(store, good, gzipped, mislabelled, *(server.url(path) for path in routes))
    report = refresh_all(options=FAST, store=store)

    for path, (_, message) in routes.items():
        outcome = outcome_of(report, server.url(path))
        assert message in (outcome.message or ""), (path, outcome.message)
        assert "\n" not in outcome.message and "Traceback" not in outcome.message
    malformed = outcome_of(report, server.url("/malformed.xml"))
    assert malformed.result == OK, "what a damaged feed still says is kept, with a note"
    assert {o.feed.url for o in report.failures} == {server.url(p) for p in routes} - {server.url("/malformed.xml")}
    assert [outcome_of(report, url).new_entries for url in (good, gzipped, mislabelled)] == [2, 2, 1]
    assert report.seconds < 3, "the slow feed held up nothing but itself"
    recorded = {feed.url: feed for feed in store.feeds()}
    assert recorded[server.url("/gone.xml")].last_result == FAILED
    assert recorded[server.url("/gone.xml")].last_error == "HTTP 404 Not Found"


def test_a_server_that_trickles_is_cut_off_at_the_deadline(server, store):
    server.routes["/trickle.xml"] = Route(stream_bytes=5_000_000, chunk_delay=0.1)  # 8 s in all
    subscribe(store, server.url("/trickle.xml"))
    options = FetchOptions(timeout=0.5, deadline=0.3, retries=0, max_feed_bytes=10_000_000)
    report = refresh_all(options=options, store=store)

    assert report.outcomes[0].message == "the response took longer than 0.3 s"
    assert report.seconds < 2


def test_a_feed_with_more_new_entries_than_one_refresh_takes_gives_the_rest_next_time(server, store, monkeypatch):
    monkeypatch.setattr("reader.feeds.refresh.MAX_NEW_ENTRIES", 1)
    url = server.serve_fixture("/rss2.xml", "rss2.xml", RSS, etag='"v1"')
    subscribe(store, url)
    first = refresh_all(options=FAST, store=store)
    second = refresh_all(options=FAST, store=store)

    assert first.new_entries == 1 and "1 older new entries left for the next refresh" in first.outcomes[0].message
    assert server.statuses["/rss2.xml"] == [200, 200], "no 304 while entries are still to take"
    assert second.new_entries == 1 and len(entry_paths(store)) == 2


def test_a_stopped_refresh_ends_at_once_and_leaves_unfinished_feeds_for_next_time(server, store):
    fast = server.serve_fixture("/rss2.xml", "rss2.xml", RSS)
    server.routes["/slow.xml"] = Route(server.fixture("atom.xml"), delay=1.5)
    subscribe(store, fast, server.url("/slow.xml"))
    stop = threading.Event()
    threading.Timer(0.4, stop.set).start()
    report = refresh_all(options=FetchOptions(timeout=3), store=store, stop=stop)

    assert report.seconds < 1.3, "the slow feed's 1.5 s were not waited for"
    assert [o.feed.url for o in report.outcomes] == [fast]
    assert store.find(server.url("/slow.xml")).last_refreshed is None


def test_a_feed_that_fails_later_keeps_its_saved_entries(server, store):
    url = server.serve_fixture("/rss2.xml", "rss2.xml", RSS)
    subscribe(store, url)
    refresh_all(options=FAST, store=store)
    server.routes["/rss2.xml"] = Route(b"down", status=503)
    report = refresh_all(options=FAST, store=store)

    assert outcome_of(report, url).result == FAILED
    assert len(entry_paths(store)) == 2


def test_a_404_is_not_retried_but_a_500_is(server, store):
    server.routes["/gone.xml"] = Route(status=404)
    server.routes["/broken.xml"] = Route(status=500)
    subscribe(store, server.url("/gone.xml"), server.url("/broken.xml"))
    refresh_all(options=FAST, store=store)

    assert server.statuses["/gone.xml"] == [404]
    assert server.statuses["/broken.xml"] == [500, 500]


# --- subscribing -----------------------------------------------------------------------------------------------


def test_adding_a_sites_page_subscribes_to_the_feed_it_links(server, store):
    feed_url = server.serve_fixture("/rss2.xml", "rss2.xml", RSS)
    site = server.serve_fixture("/", "site.html", HTML)
    feed, created = add_feed(site, tags=["news"], options=FAST, store=store)

    assert created and feed.url == feed_url
    assert feed.title == "The Coastal Courier" and feed.tags == ("news",)
    assert add_feed(feed_url, options=FAST, store=store)[1] is False


def test_adding_what_is_no_feed_or_no_http_url_is_refused(server, store):
    server.routes["/plain.html"] = Route(b"<html><body>No feeds here</body></html>", content_type=HTML)
    with pytest.raises(NotAFeed, match="links to no feed"):
        add_feed(server.url("/plain.html"), options=FAST, store=store)
    with pytest.raises(FetchError, match="only http and https"):
        add_feed("file:///etc/passwd", options=FAST, store=store)
    assert store.feeds() == []


def test_removing_a_feed_removes_its_entries_and_files(server, store):
    url = server.serve_fixture("/rss2.xml", "rss2.xml", RSS)
    subscribe(store, url)
    refresh_all(options=FAST, store=store)
    paths = entry_paths(store)
    removed = remove_feed(str(store.feeds()[0].id), store=store)

    assert removed is not None and removed.url == url
    assert store.feeds() == [] and entries(store=store) == []
    assert not any(path.exists() for path in paths)
    assert remove_feed(url, store=store) is None


def test_a_saved_article_leads_back_to_its_entry(server, store):
    url = server.serve_fixture("/rss2.xml", "rss2.xml", RSS)
    subscribe(store, url)
    refresh_all(options=FAST, store=store)
    path = entry_paths(store)[0]

    entry = entry_for(path, store)
    assert entry is not None and entry.link and entry.link.startswith(server.base)
    assert entry_for(FIXTURES / "rss2.xml", store) is None


# --- OPML and urls ---------------------------------------------------------------------------------------------


def test_opml_round_trip_keeps_urls_names_and_tags(store, tmp_path):
    store.subscribe("https://example.org/feed.xml", name="Example & Co", tags=["news", "world"])
    store.subscribe("http://example.net/atom", tags=["tech"])
    document = export_opml(store)

    with FeedStore(tmp_path / "elsewhere") as other:
        report = import_subscriptions(document.encode("utf-8"), other)
        assert report.skipped == [] and len(report.added) == 2
        assert [(f.url, f.name, f.tags) for f in other.feeds()] == [
            ("https://example.org/feed.xml", "Example & Co", ("news", "world")),
            ("http://example.net/atom", None, ("tech",)),
        ]


def test_opml_folders_become_tags_and_unsafe_outlines_are_skipped(store):
    opml = b"""<?xml version="1.0"?>
<opml version="1.0"><head><title>Exported</title></head><body>
  <outline text="World"><outline text="Wire" type="rss" xmlUrl="https://wire.example/rss" category="/daily"/></outline>
  <outline text="Local" type="rss" xmlUrl="feed://local.example/rss"/>
</body></opml>"""
    report = import_subscriptions(opml, store)

    assert [(f.url, f.name, f.tags) for f in report.added] == [("https://wire.example/rss", "Wire", ("World", "daily"))]
    assert len(report.skipped) == 1 and "only http and https" in report.skipped[0]


def test_opml_declaring_entities_is_refused(store):
    opml = b"""<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x "xx">]>
<opml version="2.0"><body><outline text="&x;" xmlUrl="https://a.example/rss"/></body></opml>"""
    report = import_subscriptions(opml, store)

    assert report.added == [] and "refused" in report.skipped[0]


def test_newsboat_urls_import_reads_tags_names_and_comments_and_skips_commands(store):
    data = (FIXTURES / "urls").read_bytes().replace(b"{base}", b"http://127.0.0.1:9")
    report = import_subscriptions(data, store)

    assert [(f.url, f.name, f.tags) for f in report.added] == [
        ("http://127.0.0.1:9/rss2.xml", "Courier", ("news", "coast and sea")),
        ("http://127.0.0.1:9/atom.xml", None, ("news",)),
        ("http://127.0.0.1:9/feed.json", None, ()),
    ]
    assert len(report.skipped) == 3
    assert all("only http and https" in reason for reason in report.skipped)


# --- parsing safety --------------------------------------------------------------------------------------------


def test_entity_declarations_are_found_in_utf16_too():
    laughs = (FIXTURES / "billion_laughs.xml").read_text(encoding="utf-8")
    laughs = laughs.replace('"1.0"?>', '"1.0" encoding="utf-16"?>', 1)
    with pytest.raises(NotAFeed, match="declares entities"):
        refuse_entity_declarations(codecs.BOM_UTF16_LE + laughs.encode("utf-16-le"))


def test_a_body_naming_a_local_file_is_never_opened():
    with pytest.raises(NotAFeed):
        parse_feed(str(FIXTURES / "rss2.xml").encode(), "http://127.0.0.1:9/feed")


def test_markup_from_a_feed_becomes_plain_text():
    html = '<p>One &amp; two</p><script>steal()</script><style>p{}</style><ul><li>three</li></ul>\x1b[2J'
    assert html_to_text(html) == "One & two\n\nthree"


# --- the commands ----------------------------------------------------------------------------------------------


def run(command: str, *argv: str) -> int:
    return FEED_COMMANDS[command](list(argv))


def test_commands_add_refresh_list_export_import_remove(server, capsys, tmp_path):
    feed_url = server.serve_fixture("/rss2.xml", "rss2.xml", RSS)
    server.routes["/gone.xml"] = Route(status=404)
    assert run("add", server.serve_fixture("/", "site.html", HTML), "--tag", "news") == 0
    assert "subscribed to The Coastal Courier" in capsys.readouterr().out
    urls_file = tmp_path / "urls"
    urls_file.write_text(f"{server.url('/gone.xml')} broken\n", encoding="utf-8")
    assert run("import", str(urls_file)) == 0
    capsys.readouterr()

    assert run("refresh", "--timeout", "2") == 1
    refreshed = capsys.readouterr()
    assert "The Coastal Courier: 2 new" in refreshed.out
    assert f"{server.url('/gone.xml')}: failed: HTTP 404 Not Found" in refreshed.out
    assert "2 feeds in" in refreshed.out and "2 new entries, 1 failed" in refreshed.out
    assert "[2/2]" in refreshed.err

    assert run("feeds", "--json") == 0
    listed = json.loads(capsys.readouterr().out)["feeds"]
    assert [(f["url"], f["entries"], f["last_result"]) for f in listed] == [
        (feed_url, 2, OK), (server.url("/gone.xml"), 0, FAILED)
    ]
    assert run("feeds") == 0
    assert "2 entries to read (2 full articles)" in capsys.readouterr().out

    assert run("export") == 0
    assert f'xmlUrl="{feed_url}"' in capsys.readouterr().out
    assert run("remove", feed_url) == 0 and run("remove", feed_url) == 1
    assert [f.url for f in list_feeds()] == [server.url("/gone.xml")]


def test_add_explains_a_url_it_cannot_use(capsys):
    assert run("add", "ftp://example.org/feed") == 1
    assert "only http and https" in capsys.readouterr().err


def test_adding_again_updates_the_full_article_choice_and_tags(server, capsys):
    feed_url = server.serve_fixture("/rss2.xml", "rss2.xml", RSS)
    assert run("add", feed_url, "--tag", "news") == 0
    assert run("add", feed_url, "--summary-only", "--tag", "coast") == 0

    assert "updated The Coastal Courier" in capsys.readouterr().out
    (feed,) = list_feeds()
    assert feed.full_articles is False and feed.tags == ("news", "coast")


def test_an_unreadable_subscriptions_file_is_set_aside_not_deleted(private_dirs, capsys):
    database = private_dirs / "xdg_data_home" / "newsreader" / "feeds.sqlite3"
    database.parent.mkdir(parents=True)
    database.write_bytes(b"not a database at all" * 100)

    assert run("feeds") == 0
    (aside,) = database.parent.glob("feeds.sqlite3.damaged-*")
    assert aside.read_bytes().startswith(b"not a database")
    told = capsys.readouterr().err
    assert f"newsreader feeds: the subscriptions in {database}" in told and aside.name in told
