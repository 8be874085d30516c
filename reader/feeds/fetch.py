"""HTTP for feeds and their pages: one GET with every limit a broken or hostile server calls for.

Only http and https URLs are fetched, redirects are followed by hand (each target checked, a bounded number of
them), every read has a timeout and every fetch a deadline (connecting, headers, body, redirects and retries
together; `SlicedNetwork` keeps to it, and ends fetches at once when stopped), and bodies are decompressed here,
chunk by chunk, so a response (or a gzip bomb) is cut off at the size limit in bounded memory. Temporary failures
(timeouts, broken connections, 5xx, 429) are retried with exponential backoff; permanent ones (404, a bad URL) are
not.
"""

from __future__ import annotations

import errno
import functools
import math
import os
import random
import selectors
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpcore
import httpx

USER_AGENT = "newsreader (a terminal news reader; +https://pypi.org/project/newsreader/)"
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8"
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.8"
ALLOWED_SCHEMES = ("http", "https")
TEMPORARY_STATUSES = {408, 425, 429, 500, 502, 503, 504}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
WAIT_SLICE = 0.1  # seconds a socket waits at a time before it looks again at the deadline and the stop flag
STOPPED = "the refresh was stopped"
T = TypeVar("T")


@dataclass(frozen=True)
class FetchOptions:
    timeout: float = 10.0  # seconds to connect, and between any two reads
    deadline: float = 30.0  # seconds for a whole fetch (redirects and retries too), however slowly it trickles in
    retries: int = 2  # further attempts after a temporary failure
    backoff: float = 0.5  # seconds before the first retry; doubled for each next one
    max_redirects: int = 5
    max_feed_bytes: int = 5_000_000
    max_page_bytes: int = 5_000_000
    # Bytes a feed's saved pages may take on disk (each is at most reader.sources.MAX_BYTES); past them, new
    # entries keep the feed's own text, and nothing saved is deleted.
    feed_disk_budget: int = 500_000_000
    connections: int = 16  # feeds and pages fetched at once


class FetchError(Exception):
    """A URL that could not be fetched; the message says why, in words."""

    def __init__(self, message: str, temporary: bool = False) -> None:
        super().__init__(message)
        self.temporary = temporary


@dataclass(frozen=True)
class Fetched:
    url: str  # where the body came from, after redirects
    status: int  # 200-299, or 304 when the copy we have is still current
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == HTTPStatus.NOT_MODIFIED


@functools.cache
def tls_context() -> ssl.SSLContext:
    """Loading the CA certificates takes tens of milliseconds: done once, shared by every Fetcher."""
    return httpx.create_ssl_context()


def checked_url(url: str) -> str:
    """`url` if it is an http or https URL with a host, else a FetchError saying what is wrong with it.

    As browsers do, spaces and controls at either end and tabs and newlines within are dropped, and any other
    control, space or invisible character (a bidi override, a zero-width space) is percent-encoded: the URL
    returned holds none of them, and names the same page.
    """
    visible = [index for index, char in enumerate(url) if char.isprintable() and not char.isspace()]
    trimmed = url[visible[0] : visible[-1] + 1] if visible else ""
    url = "".join(
        char if char.isprintable() and not char.isspace()
        else "".join(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))
        for char in trimmed
        if char not in "\t\n\r"
    )
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as error:  # such as an unclosed IPv6 bracket
        raise FetchError(f"invalid URL ({error})") from None
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        shown = f"'{parts.scheme}'" if parts.scheme else "none"
        raise FetchError(f"only http and https URLs are fetched (this one's scheme: {shown})")
    if not host:
        raise FetchError(f"no host in the URL {url!r}")
    return url


def size_words(limit: int) -> str:
    return f"{limit / 1_000_000:g} MB" if limit >= 1_000_000 else f"{limit / 1000:g} kB"


class Fetcher:
    """One connection pool shared by every fetch of a refresh; safe to use from many threads."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        self.options = options or FetchOptions()
        self._stopped = threading.Event()
        self._network = SlicedNetwork(self._stopped)
        # httpcore's pool as httpx.HTTPTransport builds it, on a network whose waits keep to the deadline.
        self._pool = httpcore.ConnectionPool(
            ssl_context=tls_context(),
            max_connections=self.options.connections,
            max_keepalive_connections=self.options.connections,
            network_backend=self._network,
        )
        timeout = self.options.timeout
        self._timeouts = {"connect": timeout, "read": timeout, "write": timeout, "pool": None}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._pool.close()

    def stop(self) -> None:
        """End every fetch under way at once (each socket wait looks between short slices), and retry none."""
        self._stopped.set()

    def get(
        self, url: str, max_bytes: int, accept: str, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """The body at `url`, retried on temporary failures, all within the deadline; a FetchError when it cannot
        be had."""
        wanted = {"Accept": accept, "If-None-Match": etag, "If-Modified-Since": last_modified}
        # Only what we decompress ourselves is accepted, so the size limit counts the real bytes. Bytes: a
        # validator as a server sent it may be more than ASCII.
        headers = [
            (name.encode(), value.encode())
            for name, value in {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate", **wanted}.items()
            if value
        ]
        with self._network.deadline(self.options.deadline):
            attempt = 1
            while True:
                if self._stopped.is_set():
                    raise FetchError(STOPPED)
                try:
                    return self._follow(checked_url(url), headers, max_bytes)
                except FetchError as error:
                    pause = self._backoff(attempt)
                    if (not error.temporary or attempt > self.options.retries or self._stopped.is_set()
                            or self._network.seconds_left() <= pause):
                        tried = f" (tried {attempt} times)" if attempt > 1 else ""
                        raise FetchError(f"{error}{tried}", error.temporary) from None
                self._stopped.wait(pause)
                attempt += 1

    def _backoff(self, attempt: int) -> float:
        # Jitter keeps many feeds on one failing host from retrying in lockstep.
        return float(self.options.backoff * 2 ** (attempt - 1) * random.uniform(0.75, 1.25))

    def _follow(self, url: str, headers: list[tuple[bytes, bytes]], max_bytes: int) -> Fetched:
        seen = [url]
        for _ in range(self.options.max_redirects + 1):
            try:
                target = httpx.URL(url)
                with self._pool.stream(
                    "GET", _request_url(target), headers=headers, extensions={"timeout": self._timeouts}
                ) as response:
                    if response.status not in REDIRECT_STATUSES:
                        return self._read(target, response, max_bytes)
                    url = self._redirect_target(target, response)
            except httpcore.TimeoutException:
                raise FetchError(f"no answer within {self.options.timeout:g} s", temporary=True) from None
            except (httpcore.NetworkError, httpcore.ProtocolError) as error:
                raise FetchError(f"connection failed ({describe(error)})", temporary=True) from None
            except (httpx.InvalidURL, httpcore.UnsupportedProtocol) as error:
                raise FetchError(f"invalid URL ({error})") from None
            seen.append(url)
        loop = " (a redirect loop)" if len(set(seen)) < len(seen) else ""
        raise FetchError(f"more than {self.options.max_redirects} redirects{loop}")

    def _redirect_target(self, target: httpx.URL, response: httpcore.Response) -> str:
        location = httpx.Headers(response.headers).get("Location")
        if not location:
            raise FetchError(f"HTTP {response.status} redirect without a Location")
        return checked_url(str(target.join(location)))

    def _read(self, target: httpx.URL, response: httpcore.Response, max_bytes: int) -> Fetched:
        status, headers = response.status, httpx.Headers(response.headers)
        if status >= 400:
            raise FetchError(f"HTTP {status} {reason(status)}", temporary=status in TEMPORARY_STATUSES)
        declared = headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(f"the response ({size_words(int(declared))}) is over the {size_words(max_bytes)} limit")
        body = b""
        if status != HTTPStatus.NOT_MODIFIED:
            decoder = Decoder(headers.get("Content-Encoding", ""), max_bytes)
            for raw in response.iter_stream():
                decoder.feed(raw)
            body = decoder.finish()
        return Fetched(
            url=str(target),
            status=status,
            body=body,
            content_type=headers.get("Content-Type", ""),
            etag=headers.get("ETag"),
            last_modified=headers.get("Last-Modified"),
        )


def _request_url(target: httpx.URL) -> httpcore.URL:
    """The URL for httpcore, from httpx's reading of it (IDNA host, percent-encoding) as httpx.HTTPTransport does."""
    return httpcore.URL(scheme=target.raw_scheme, host=target.raw_host, port=target.port, target=target.raw_path)


class SlicedNetwork(httpcore.NetworkBackend):
    """httpcore's sockets, every wait on them (connecting, the TLS handshake, each read and write) cut into slices
    of WAIT_SLICE, between which the fetch's deadline and the stop flag are looked at.

    httpcore's timeouts alone cannot bound a fetch: a read timeout starts again with every byte, so a server
    sending its headers a byte a second holds a fetch for as long as it likes; and a socket waiting out its
    timeout keeps a stopped refresh's threads (and so the interpreter's exit) that long.
    """

    def __init__(self, stopped: threading.Event) -> None:
        self._stopped = stopped
        # The deadline of the fetch each thread runs: a fetch stays in its thread, whichever connection it uses.
        self._fetch = threading.local()

    @contextmanager
    def deadline(self, seconds: float) -> Iterator[None]:
        """Every socket wait of this thread, inside the `with`, ends by `seconds` from now (a FetchError)."""
        self._fetch.ends, self._fetch.seconds = time.monotonic() + seconds, seconds
        try:
            yield
        finally:
            self._fetch.ends = math.inf

    def seconds_left(self) -> float:
        return float(getattr(self._fetch, "ends", math.inf) - time.monotonic())

    def next_wait(self, gives_up: float, timeout: float | None, timed_out: type[Exception]) -> float:
        """How long the next slice of a wait may be: a FetchError once the fetcher is stopped or the fetch's
        deadline has passed, `timed_out` once httpcore's own timeout (from `gives_up`) has."""
        if self._stopped.is_set():
            raise FetchError(STOPPED)
        left, silence = self.seconds_left(), gives_up - time.monotonic()
        if left <= 0:
            raise FetchError(f"the response took longer than {self._fetch.seconds:g} s")
        if silence <= 0:
            raise timed_out(f"nothing within {timeout:g} s")
        return min(WAIT_SLICE, left, silence)

    def retried(
        self, sock: socket.socket, operation: Callable[[], T], timeout: float | None,
        timed_out: type[Exception], failed: type[Exception],
    ) -> T:
        """`operation` on `sock`, tried again after each slice it waits in vain: a recv, send or TLS handshake step
        that times out has done nothing, so nothing is lost."""
        gives_up = time.monotonic() + (math.inf if timeout is None else timeout)
        while True:
            wait = self.next_wait(gives_up, timeout, timed_out)
            try:
                sock.settimeout(wait)
                return operation()
            except TimeoutError:
                continue
            except OSError as error:
                raise failed(describe(error)) from error

    def connect_tcp(
        self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            # The one wait not cut in slices: the system's resolver keeps its own timeouts.
            addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as error:
            raise httpcore.ConnectError(describe(error)) from error
        for number, (family, kind, protocol, _, address) in enumerate(addresses, 1):
            sock = socket.socket(family, kind, protocol)
            try:
                for option in socket_options or ():
                    sock.setsockopt(*option)
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                if local_address:
                    sock.bind((local_address, 0))
                self._connect(sock, address, timeout)
                return SlicedStream(sock, self)
            except httpcore.ConnectError:
                sock.close()
                if number == len(addresses):
                    raise
            except BaseException:
                sock.close()
                raise
        raise httpcore.ConnectError(f"no address for {host}")

    def _connect(self, sock: socket.socket, address: tuple[Any, ...], timeout: float | None) -> None:
        gives_up = time.monotonic() + (math.inf if timeout is None else timeout)
        sock.setblocking(False)
        started = sock.connect_ex(address)
        if started not in (0, errno.EINPROGRESS, errno.EWOULDBLOCK):
            raise httpcore.ConnectError(describe(OSError(started, os.strerror(started))))
        with selectors.DefaultSelector() as selector:
            selector.register(sock, selectors.EVENT_WRITE)
            while not selector.select(self.next_wait(gives_up, timeout, httpcore.ConnectTimeout)):
                pass
        failed = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if failed:
            raise httpcore.ConnectError(describe(OSError(failed, os.strerror(failed))))


class SlicedStream(httpcore.NetworkStream):
    """A connection of SlicedNetwork: plain TCP, or TLS once start_tls has made it so."""

    def __init__(self, sock: socket.socket, network: SlicedNetwork) -> None:
        self._sock = sock
        self._network = network

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        receive = functools.partial(self._sock.recv, max_bytes)
        return self._network.retried(self._sock, receive, timeout, httpcore.ReadTimeout, httpcore.ReadError)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        while buffer:
            send = functools.partial(self._sock.send, buffer)
            sent = self._network.retried(self._sock, send, timeout, httpcore.WriteTimeout, httpcore.WriteError)
            buffer = buffer[sent:]

    def close(self) -> None:
        self._sock.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        sock = self._sock
        try:
            sock = ssl_context.wrap_socket(sock, server_hostname=server_hostname, do_handshake_on_connect=False)
            self._network.retried(sock, sock.do_handshake, timeout, httpcore.ConnectTimeout, httpcore.ConnectError)
        except BaseException:
            sock.close()
            raise
        return SlicedStream(sock, self._network)

    def get_extra_info(self, info: str) -> Any:
        if info == "ssl_object":  # httpcore asks which protocol TLS agreed on
            return self._sock if isinstance(self._sock, ssl.SSLSocket) else None
        if info == "is_readable":  # a pooled connection with something to read was closed by the server
            if self._sock.fileno() < 0:
                return True
            with selectors.DefaultSelector() as selector:
                selector.register(self._sock, selectors.EVENT_READ)
                return bool(selector.select(0))
        return None


class Decoder:
    """A body decompressed as it arrives, refused as soon as it grows past `max_bytes`."""

    def __init__(self, content_encoding: str, max_bytes: int) -> None:
        encoding = content_encoding.strip().lower()
        if encoding in ("gzip", "x-gzip"):
            self._zlib: zlib._Decompress | None = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._zlib = zlib.decompressobj()
        elif encoding in ("", "identity"):
            self._zlib = None
        else:
            raise FetchError(f"unsupported Content-Encoding {content_encoding!r}")
        self._max_bytes = max_bytes
        self._chunks: list[bytes] = []
        self._size = 0

    def feed(self, raw: bytes) -> None:
        if self._zlib is None:
            self._keep(raw)
            return
        try:
            # Never inflate more than the room left (plus one byte to notice overflow).
            self._keep(self._zlib.decompress(raw, self._max_bytes - self._size + 1))
        except zlib.error as error:
            raise FetchError(f"the compressed body is damaged ({error})") from None

    def finish(self) -> bytes:
        if self._zlib is not None:
            self._keep(self._zlib.flush())
        return b"".join(self._chunks)

    def _keep(self, data: bytes) -> None:
        self._size += len(data)
        if self._size > self._max_bytes:
            raise FetchError(f"the response is over the {size_words(self._max_bytes)} limit; stopped reading")
        self._chunks.append(data)


def reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "error"


def describe(error: Exception) -> str:
    return str(error) or type(error).__name__
