"""A local HTTP server for the feed tests and the refresh benchmark.

It listens on 127.0.0.1 only, on a port the system picks, and serves what the test puts in `routes`. It counts
the body bytes it sends for each path, so a test can see that a 304 carried none. Every handler ends by itself:
delays are bounded, streamed bodies are finite, and a client hanging up ends the stream.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "feeds"
MAX_DELAY = 5.0  # seconds: no test ever waits longer on the server
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    delay: float = 0.0  # seconds before answering: a slow server
    etag: str | None = None  # answer 304 to a client that already has this version
    last_modified: str | None = None
    location: str | None = None  # where a redirect points
    content_encoding: str | None = None  # the body is sent as given: a test compresses it itself
    stream_bytes: int = 0  # send this many bytes in chunks without a Content-Length: a huge response
    chunk_delay: float = 0.0  # seconds between streamed chunks: a server that trickles
    header_trickle: float = 0.0  # seconds between the bytes of a header that never ends: a read timeout never fires


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.body_bytes: Counter[str] = Counter()
        self.statuses: dict[str, list[int]] = {}
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True  # a handler still sleeping never keeps the tests from ending
        self._server.feed_server = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def fixture(self, name: str) -> bytes:
        """A fixture file with `{base}` pointing at this server."""
        return (FIXTURES / name).read_bytes().replace(b"{base}", self.base.encode())

    def serve_fixture(self, path: str, name: str, content_type: str, **options: object) -> str:
        self.routes[path] = Route(self.fixture(name), content_type=content_type, **options)  # type: ignore[arg-type]
        return self.url(path)

    # Recorded before the client can see the answer, so a test that has its answer finds the record too.
    def record_status(self, path: str, status: int) -> None:
        with self._lock:
            self.statuses.setdefault(path, []).append(status)

    def record_body(self, path: str, size: int) -> None:
        with self._lock:
            self.body_bytes[path] += size

    def __enter__(self) -> FeedServer:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


class _Handler(BaseHTTPRequestHandler):
    timeout = 5  # seconds a client may take to send its request
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the name http.server gives it
        """Quiet: the tests look at what was served, not at a log."""

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        self._path = self.path.split("?")[0]
        route = self._server.routes.get(self._path, Route(b"not here", status=404, content_type="text/plain"))
        time.sleep(min(route.delay, MAX_DELAY))
        # The client may give up (a timeout, a size limit): then there is nothing more to do.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._answer(route)

    @property
    def _server(self) -> FeedServer:
        return self.server.feed_server  # type: ignore[attr-defined,no-any-return]

    def _answer(self, route: Route) -> None:
        if route.header_trickle:
            self._server.record_status(self._path, 200)
            self._trickle_header(route.header_trickle)
            return
        status = 304 if self._unchanged(route) else route.status
        self._server.record_status(self._path, status)
        self.send_response(status)
        self._validators(route)
        if status == 304:
            self.end_headers()
            return
        self.send_header("Content-Type", route.content_type)
        if route.location:
            self.send_header("Location", route.location)
        if route.stream_bytes:
            self._stream(route.stream_bytes, route.chunk_delay)
            return
        if route.content_encoding:
            self.send_header("Content-Encoding", route.content_encoding)
        self.send_header("Content-Length", str(len(route.body)))
        self.end_headers()
        self._write(route.body)

    def _write(self, data: bytes) -> None:
        self._server.record_body(self._path, len(data))
        self.wfile.write(data)

    def _unchanged(self, route: Route) -> bool:
        etag_matches = route.etag is not None and self.headers.get("If-None-Match") == route.etag
        date_matches = route.last_modified is not None and self.headers.get("If-Modified-Since") == route.last_modified
        return etag_matches or date_matches

    def _validators(self, route: Route) -> None:
        if route.etag:
            self.send_header("ETag", route.etag)
        if route.last_modified:
            self.send_header("Last-Modified", route.last_modified)

    def _trickle_header(self, every: float) -> None:
        """A status line, then one header a byte at a time, never finished (for MAX_DELAY at most)."""
        self.close_connection = True
        self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        started = time.monotonic()
        while time.monotonic() - started < MAX_DELAY:
            self.wfile.write(b"z")
            time.sleep(every)

    def _stream(self, total: int, chunk_delay: float) -> None:
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        sent = 0
        chunk = b"<!-- padding -->".ljust(CHUNK, b" ")
        started = time.monotonic()
        while sent < total and time.monotonic() - started < MAX_DELAY:
            self._write(chunk)
            self.wfile.flush()
            sent += len(chunk)
            time.sleep(chunk_delay)
