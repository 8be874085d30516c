"""HTTP for feeds and their pages: one GET with every limit a broken or hostile server calls for.

Only http and https URLs are fetched, redirects are followed by hand (each target checked, a bounded number of
them), every read has a timeout and every response a deadline, and bodies are decompressed here, chunk by chunk,
so a response (or a gzip bomb) is cut off at the size limit in bounded memory. Temporary failures (timeouts,
broken connections, 5xx, 429) are retried with exponential backoff; permanent ones (404, a bad URL) are not.
"""

from __future__ import annotations

import functools
import random
import ssl
import threading
import time
import zlib
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import urlsplit

import httpx

USER_AGENT = "newsreader (a terminal news reader; +https://pypi.org/project/newsreader/)"
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8"
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.8"
ALLOWED_SCHEMES = ("http", "https")
TEMPORARY_STATUSES = {408, 425, 429, 500, 502, 503, 504}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}


@dataclass(frozen=True)
class FetchOptions:
    timeout: float = 10.0  # seconds to connect, and between any two reads
    deadline: float = 30.0  # seconds for a whole response, however slowly it trickles in
    retries: int = 2  # further attempts after a temporary failure
    backoff: float = 0.5  # seconds before the first retry; doubled for each next one
    max_redirects: int = 5
    max_feed_bytes: int = 5_000_000
    max_page_bytes: int = 5_000_000
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
        self._client = httpx.Client(
            timeout=httpx.Timeout(self.options.timeout, pool=None),
            limits=httpx.Limits(
                max_connections=self.options.connections, max_keepalive_connections=self.options.connections
            ),
            follow_redirects=False,
            verify=tls_context(),
            # Only what we decompress ourselves, so the size limit counts the real bytes.
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def stop(self) -> None:
        """Make fetches under way end soon: no more retries, no more reading (a socket already waiting still
        waits out its timeout)."""
        self._stopped.set()

    def get(
        self, url: str, max_bytes: int, accept: str, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """The body at `url`, retried on temporary failures; a FetchError when it cannot be had."""
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempt = 1
        while True:
            self._check_stopped()
            try:
                return self._follow(checked_url(url), headers, max_bytes)
            except FetchError as error:
                if not error.temporary or attempt > self.options.retries or self._stopped.is_set():
                    tried = f" (tried {attempt} times)" if attempt > 1 else ""
                    raise FetchError(f"{error}{tried}", error.temporary) from None
            self._stopped.wait(self._backoff(attempt))
            attempt += 1

    def _check_stopped(self) -> None:
        if self._stopped.is_set():
            raise FetchError("the refresh was stopped")

    def _backoff(self, attempt: int) -> float:
        # Jitter keeps many feeds on one failing host from retrying in lockstep.
        return float(self.options.backoff * 2 ** (attempt - 1) * random.uniform(0.75, 1.25))

    def _follow(self, url: str, headers: dict[str, str], max_bytes: int) -> Fetched:
        seen = [url]
        for _ in range(self.options.max_redirects + 1):
            try:
                with self._client.stream("GET", url, headers=headers) as response:
                    if response.status_code not in REDIRECT_STATUSES:
                        return self._read(response, max_bytes)
                    url = self._redirect_target(response)
            except httpx.TimeoutException:
                raise FetchError(f"no answer within {self.options.timeout:g} s", temporary=True) from None
            except httpx.TransportError as error:
                raise FetchError(f"connection failed ({describe(error)})", temporary=True) from None
            except httpx.InvalidURL as error:
                raise FetchError(f"invalid URL ({error})") from None
            seen.append(url)
        loop = " (a redirect loop)" if len(set(seen)) < len(seen) else ""
        raise FetchError(f"more than {self.options.max_redirects} redirects{loop}")

    def _redirect_target(self, response: httpx.Response) -> str:
        location = response.headers.get("Location")
        if not location:
            raise FetchError(f"HTTP {response.status_code} redirect without a Location")
        return checked_url(str(response.url.join(location)))

    def _read(self, response: httpx.Response, max_bytes: int) -> Fetched:
        status = response.status_code
        if status >= 400:
            raise FetchError(f"HTTP {status} {reason(status)}", temporary=status in TEMPORARY_STATUSES)
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(f"the response ({size_words(int(declared))}) is over the {size_words(max_bytes)} limit")
        body = b"" if status == HTTPStatus.NOT_MODIFIED else self._body(response, max_bytes)
        return Fetched(
            url=str(response.url),
            status=status,
            body=body,
            content_type=response.headers.get("Content-Type", ""),
            etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
        )

    def _body(self, response: httpx.Response, max_bytes: int) -> bytes:
        decoder = Decoder(response.headers.get("Content-Encoding", ""), max_bytes)
        deadline = time.monotonic() + self.options.deadline
        for raw in response.iter_raw():
            decoder.feed(raw)
            self._check_stopped()
            if time.monotonic() > deadline:
                raise FetchError(f"the response took longer than {self.options.deadline:g} s", temporary=True)
        return decoder.finish()


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
