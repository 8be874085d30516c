"""HTTP for feeds and their pages: one GET with every limit a broken or hostile server calls for.

Only http and https URLs are fetched, redirects are followed by hand (each target checked, a bounded number of
them), every read has a timeout and every fetch a deadline (connecting, headers, body, redirects and retries
together; `SlicedNetwork` keeps to it, and stops reading at once when the fetcher is stopped), proxies are the
environment's as httpx takes them, and bodies are decompressed here, chunk by chunk, so a response (or a gzip
bomb) is cut off at the size limit in bounded memory. Temporary failures (timeouts, broken connections, 5xx, 429)
are retried with exponential backoff; permanent ones (404, a bad URL) are not.
"""

from __future__ import annotations

import functools
import math
import random
import ssl
import threading
import time
import urllib.request
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
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
    # Bytes a feed's saved pages may take on disk (each at most what the reader reads of a page); past them, new
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
    """One connection pool (and one for each proxy) shared by every fetch of a refresh; safe to use from many
    threads."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        self.options = options or FetchOptions()
        self._stopped = threading.Event()
        self._network = SlicedNetwork(self._stopped)
        # httpcore's pools as httpx.HTTPTransport builds them, on a network whose waits keep to the deadline.
        self._pool_options: dict[str, Any] = {
            "ssl_context": tls_context(),
            "max_connections": self.options.connections,
            "max_keepalive_connections": self.options.connections,
            "network_backend": self._network,
        }
        self._pool = httpcore.ConnectionPool(**self._pool_options)
        # The proxies the environment names (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY, NO_PROXY), as httpx.Client reads
        # them; a pool for each, made when a fetch first goes through it.
        self._proxies = urllib.request.getproxies()
        self._proxy_pools: dict[str, httpcore.HTTPProxy] = {}
        self._proxy_pools_lock = threading.Lock()
        timeout = self.options.timeout
        self._timeouts = {"connect": timeout, "read": timeout, "write": timeout, "pool": None}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        for pool in [self._pool, *self._proxy_pools.values()]:
            pool.close()

    def stop(self) -> None:
        """End every fetch under way at once (a read looks between short slices; a connect or TLS handshake under
        way ends by its timeout), and retry none."""
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
                with self._pool_for(target).stream(
                    "GET", _request_url(target), headers=headers, extensions={"timeout": self._timeouts}
                ) as response:
                    if response.status not in REDIRECT_STATUSES:
                        return self._read(target, response, max_bytes)
                    url = self._redirect_target(target, response)
            except httpcore.TimeoutException:
                raise FetchError(f"no answer within {self.options.timeout:g} s", temporary=True) from None
            except (httpcore.NetworkError, httpcore.ProtocolError) as error:
                raise FetchError(f"connection failed ({describe(error)})", temporary=True) from None
            except httpcore.ProxyError as error:  # the proxy's answer to CONNECT, such as 502 Bad Gateway
                raise FetchError(f"the proxy refused the connection ({error})", temporary=True) from None
            except (httpx.InvalidURL, httpcore.UnsupportedProtocol) as error:
                raise FetchError(f"invalid URL ({error})") from None
            seen.append(url)
        loop = " (a redirect loop)" if len(set(seen)) < len(seen) else ""
        raise FetchError(f"more than {self.options.max_redirects} redirects{loop}")

    def _pool_for(self, target: httpx.URL) -> httpcore.ConnectionPool:
        """The pool of the proxy the environment names for `target`, or the direct one."""
        proxy_url = self._proxies.get(target.scheme) or self._proxies.get("all")
        if not proxy_url or urllib.request.proxy_bypass(target.raw_host.decode("ascii")):
            return self._pool
        with self._proxy_pools_lock:
            if proxy_url not in self._proxy_pools:
                self._proxy_pools[proxy_url] = self._proxy_pool(proxy_url)
            return self._proxy_pools[proxy_url]

    def _proxy_pool(self, proxy_url: str) -> httpcore.HTTPProxy:
        try:
            # httpx's reading of a proxy URL: http when it names no scheme, its credentials taken out of it.
            proxy = httpx.Proxy(proxy_url if "://" in proxy_url else f"http://{proxy_url}")
        except (ValueError, httpx.InvalidURL) as error:
            raise FetchError(f"invalid proxy URL ({error})") from None
        if proxy.url.scheme not in ALLOWED_SCHEMES:  # SOCKS would take the socksio package
            raise FetchError(f"only http and https proxies are used (this one's scheme: '{proxy.url.scheme}')")
        return httpcore.HTTPProxy(proxy_url=_request_url(proxy.url), proxy_auth=proxy.raw_auth, **self._pool_options)

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


class SlicedNetwork(httpcore.SyncBackend):
    """httpcore's own sockets, kept to the fetch's deadline and the stop flag: a read waits in slices of WAIT_SLICE,
    between which both are looked at; connecting, the TLS handshake and a write wait at most httpcore's timeout or
    what is left of the deadline, whichever is shorter.

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

    def seconds_allowed(self) -> float:
        """What is left of this thread's fetch: a FetchError once the fetcher is stopped or the deadline has passed."""
        if self._stopped.is_set():
            raise FetchError(STOPPED)
        left = self.seconds_left()
        if left <= 0:
            raise self._overdue()
        return left

    def _overdue(self) -> FetchError:
        return FetchError(f"the response took longer than {self._fetch.seconds:g} s")

    def sliced(
        self, wait: Callable[[float], T], timeout: float | None, timed_out: type[httpcore.TimeoutException]
    ) -> T:
        """`wait(seconds)` tried again after each slice it times out in, until httpcore's own `timeout` has passed:
        only for a wait that a timeout leaves undone."""
        gives_up = time.monotonic() + (math.inf if timeout is None else timeout)
        while True:
            left, silence = self.seconds_allowed(), gives_up - time.monotonic()
            if silence <= 0:
                raise timed_out(f"nothing within {timeout:g} s")
            with suppress(timed_out):
                return wait(min(WAIT_SLICE, left, silence))

    def bounded(self, wait: Callable[[float], T], timeout: float | None) -> T:
        """`wait(seconds)` once, for httpcore's `timeout` or until the deadline if that comes first."""
        left = self.seconds_allowed()
        try:
            return wait(left if timeout is None else min(timeout, left))
        except httpcore.TimeoutException:
            if timeout is None or left < timeout:
                raise self._overdue() from None
            raise

    def connect_tcp(
        self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        # Bounded, not sliced: a connect that times out is abandoned, and one given 0.1 s at a time would never
        # reach a server further away than that.
        connect = functools.partial(
            super().connect_tcp, host, port, local_address=local_address, socket_options=socket_options
        )
        return SlicedStream(self.bounded(connect, timeout), self)


class SlicedStream(httpcore.NetworkStream):
    """A stream of httpcore's SyncBackend (plain TCP, or TLS once start_tls has made it so), kept to SlicedNetwork."""

    def __init__(self, stream: httpcore.NetworkStream, network: SlicedNetwork) -> None:
        self._stream = stream
        self._network = network

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        # Sliced: a recv that times out has taken nothing, and neither has a TLS read (OpenSSL keeps the part of a
        # record it has for the next read, as on a non-blocking socket).
        receive = functools.partial(self._stream.read, max_bytes)
        return self._network.sliced(receive, timeout, httpcore.ReadTimeout)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        # Bounded, not sliced: a write that times out does not say how much of the buffer it sent. A request is
        # small enough to go at once.
        self._network.bounded(functools.partial(self._stream.write, buffer), timeout)

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        # Bounded, not sliced: a handshake that times out closes its socket.
        handshake = functools.partial(self._stream.start_tls, ssl_context, server_hostname)
        try:
            return SlicedStream(self._network.bounded(handshake, timeout), self._network)
        except BaseException:
            self._stream.close()  # httpcore closes no stream whose start_tls fails
            raise

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


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
