"""Fetching a web page: the bytes of an http(s) URL, safely.

A news site can be slow, down, rate-limiting, redirecting in circles, serving a
PDF, or (by accident or malice) sending a body that never ends or a small gzip
stream that inflates to gigabytes. `fetch` turns each of those into an
`InputError` with advice, within a fixed time and memory budget: an overall
deadline covers every attempt, redirect and byte, and the decoded body is
capped while it streams in. Every connection goes through `_guarded_backend`:
to the addresses `newsum.sources.addresses.HopGuard` resolved and checked
(a redirect into a more private network than the URL named is refused before
connecting), with every read and write cut short at the deadline, so even
headers trickling in a byte at a time stop on time. Host lookups end by the
deadline too (`newsum.sources.addresses.lookup`: a resolver that hangs costs
the rest of ``timeout`` and a `FetchTimeout`, "could not connect: resolving
host ... did not finish within the 5 s timeout", never more).

newsum connects directly: ``HTTP_PROXY``/``HTTPS_PROXY`` are not used (through
a proxy, the address actually reached could not be checked).

httpx is imported inside the functions that use it, so importing this module
(or `newsum.sources`) costs nothing for a run that reads only files.
"""

from __future__ import annotations

import functools
import re
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http import HTTPStatus
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlsplit

from newsum.errors import (
    BadResponse,
    ConnectionFailed,
    EmptyInput,
    FetchTimeout,
    HTTPError,
    InputError,
    InputTooLarge,
    InvalidURL,
    NotAnArticle,
    TooManyRedirects,
    UnsupportedSource,
)
from newsum.sources.addresses import HopGuard, Network, lookups_by
from newsum.sources.decode import DEFAULT_MAX_BYTES, binary_kind, human_size, is_html
from newsum.version import __version__

if TYPE_CHECKING:
    import httpcore
    import httpx

DEFAULT_USER_AGENT = f"newsum/{__version__} (+https://pypi.org/project/newsum/)"
ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5"
ACCEPT_ENCODING = "gzip, deflate, br"

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
"""Media types decoded as HTML (charset from the header, BOM or ``<meta>``)."""
ARTICLE_TYPES = HTML_TYPES | {"text/plain", "text/markdown", "text/x-markdown"}
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "application/feed+json",
        "application/json",
        "application/x-rss+xml",
    }
)
"""Media types read when a fetch may be a feed (``FetchOptions.feeds``); what it
is gets decided by the body (`newsum.sources.feeds.feed_kind`), not by this header."""
FEED_ACCEPT = (
    "application/rss+xml,application/atom+xml,application/feed+json;q=0.9,"
    "application/xml;q=0.8,text/xml;q=0.8,text/html;q=0.7,*/*;q=0.5"
)
# No type, or "some bytes": servers say this about HTML too, so we look at the body.
_SNIFFED_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
"""Statuses that say "try again later"; every other error status is final."""

# Largest piece a decompressor may produce in one step. Checking the cap after
# every piece keeps memory at max_bytes plus this, whatever the compression ratio.
_OUTPUT_PIECE = 64 * 1024


@dataclass(frozen=True)
class FetchOptions:
    """Limits for one fetch; the CLI fills them from its flags."""

    timeout: float = 30.0
    """Overall deadline per URL in seconds: retries, redirects and a slow body included."""
    connect_timeout: float = 10.0
    read_timeout: float = 15.0
    """Longest silence between two reads."""
    max_bytes: int = DEFAULT_MAX_BYTES
    """Cap on the decoded (decompressed) body, enforced while streaming."""
    max_redirects: int = 10
    retries: int = 2
    """Extra attempts, only on 429/500/502/503/504, timeouts and connection errors."""
    backoff: float = 0.5
    """Wait before the first retry, in seconds; doubled for each further retry."""
    max_retry_after: float = 10.0
    """Cap on a server's ``Retry-After``: a site asking for an hour gets this much."""
    user_agent: str | None = None
    """``None``: `DEFAULT_USER_AGENT`, which names newsum and its version."""
    feeds: bool = False
    """Also accept feed media types (RSS, Atom, JSON Feed, XML, JSON)."""
    etag: str | None = None
    """Conditional GET: sent as ``If-None-Match``; a 304 answer is a `Page` with status 304."""
    last_modified: str | None = None
    """Conditional GET: sent as ``If-Modified-Since``."""
    check_url: Callable[[str], None] | None = None
    """Called with every URL before it is requested, redirects included; raises
    an `InputError` to refuse one (newsum digest's rule for a feed's links)."""
    allow_private: bool = False
    """Follow redirects into more private networks than the URL named (``--allow-private``)."""
    trusted_network: Network | None = None
    """The most private network any connection may reach; None: wherever the
    URL given to `fetch` points (the user named it). A feed's links get the feed's."""
    trusted_origin: str = "the URL you named"
    """What ``trusted_network`` belongs to, for the refusal message."""


@dataclass(frozen=True)
class Page:
    """A fetched page: the body is decompressed and at most ``max_bytes``."""

    url: str
    """As requested."""
    final_url: str
    """After redirects; what relative links in the page resolve against."""
    status: int
    content_type: str
    """Media type only, lower-case (``"text/html"``); ``""`` when the server sent none."""
    charset: str | None
    """The ``charset`` parameter of Content-Type, as sent (not validated)."""
    body: bytes
    etag: str | None = None
    last_modified: str | None = None
    moved_to: str | None = None
    """Where the URL now lives when the server answered 301 or 308 (the end of
    the leading run of permanent redirects), so a caller can note the move."""

    @property
    def not_modified(self) -> bool:
        """A conditional GET's 304: nothing changed since the ETag/Last-Modified given."""
        return self.status == 304


def fetch(url: str, options: FetchOptions | None = None) -> Page:
    """GET an http(s) URL and return its page.

    Every failure is an `InputError` subclass whose ``source`` is ``url`` and
    whose message says what to do, so `newsum.pipeline.digest_source` records it
    like any other bad input: `UnsupportedSource`, `InvalidURL`, `FetchTimeout`,
    `ConnectionFailed`, `TooManyRedirects`, `HTTPError`, `NotAnArticle`,
    `InputTooLarge`, `EmptyInput`, `BadResponse`.
    """
    options = options or FetchOptions()
    try:
        _check_url(url)
        return _fetch_with_retries(url, options)
    except InputError as exc:
        exc.source = exc.source or url
        raise


def parse_content_type(value: str) -> tuple[str, str | None]:
    """``"Text/HTML; charset=UTF-8"`` -> ``("text/html", "UTF-8")``."""
    media_type, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'").strip() or None
    return media_type.strip().lower(), charset


# --- attempts and retries ----------------------------------------------------


class _Retryable(Exception):
    """Internal: a failure worth another attempt (429/5xx, a timeout, a lost
    connection). ``error`` is what the user sees when no attempt is left."""

    def __init__(self, error: InputError, retry_after: float | None = None) -> None:
        super().__init__(error.message)
        self.error = error
        self.retry_after = retry_after


def _check_url(url: str) -> None:
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises ValueError for a port that is not a number
    except ValueError as exc:
        raise InvalidURL(f"not a valid URL: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        hint = "; pass a local file by its path" if scheme == "file" else ""
        raise UnsupportedSource(f"only http and https URLs are supported{hint}")
    if not parts.hostname:
        raise InvalidURL("not a valid URL: it has no host name")


def _fetch_with_retries(url: str, options: FetchOptions) -> Page:
    deadline = time.monotonic() + options.timeout
    guard = HopGuard(options.trusted_network, options.allow_private, options.trusted_origin, deadline, options.timeout)
    # The guard's lookups carry the deadline; lookups_by extends it to any
    # other lookup made during the fetch (options.check_url: a feed's LinkPolicy).
    with lookups_by(deadline, options.timeout), _open_client(options, guard, deadline) as client:
        attempt = 0
        while True:
            try:
                return _attempt(client, url, options, deadline, guard)
            except _Retryable as failure:
                wait = _retry_wait(failure.retry_after, attempt, options)
                # Sleeping past the deadline would only delay the same answer.
                if attempt >= options.retries or time.monotonic() + wait > deadline:
                    raise failure.error from None
                time.sleep(wait)
                attempt += 1


def _retry_wait(retry_after: float | None, attempt: int, options: FetchOptions) -> float:
    if retry_after is not None:
        return min(retry_after, options.max_retry_after)
    return options.backoff * 2**attempt


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delay-seconds or an
    HTTP-date); ``None`` when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    from datetime import datetime, timezone
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _open_client(options: FetchOptions, guard: HopGuard, deadline: float) -> httpx.Client:
    import httpx

    headers = {
        "User-Agent": options.user_agent or DEFAULT_USER_AGENT,
        "Accept": FEED_ACCEPT if options.feeds else ACCEPT,
        "Accept-Encoding": ACCEPT_ENCODING,
    }
    if options.etag:
        headers["If-None-Match"] = options.etag
    if options.last_modified:
        headers["If-Modified-Since"] = options.last_modified
    transport = httpx.HTTPTransport(verify=True)  # never turned off, not even as a fallback
    # httpx has no public way to choose httpcore's network backend; the pool's
    # attribute is the one seam (tests/sources/test_hostile.py fails loudly if it goes).
    pool = transport._pool
    if not hasattr(pool, "_network_backend"):  # pragma: no cover - an httpcore that moved it
        raise RuntimeError("this httpcore version has no network backend seam; newsum cannot check addresses")
    pool._network_backend = _guarded_backend(guard, deadline)
    return httpx.Client(
        follow_redirects=False,  # followed in _send, see there
        transport=transport,
        headers=headers,
    )


@functools.cache
def _guarded_backend_class() -> type:
    """The network backend class, defined when httpcore is first needed
    (importing this module must not import httpcore)."""
    import httpcore

    class GuardedStream(httpcore.NetworkStream):
        """A connection whose every read and write ends by the deadline:
        httpx's timeouts restart with each byte, this one does not."""

        def __init__(self, inner: httpcore.NetworkStream, deadline: float) -> None:
            self._inner = inner
            self._deadline = deadline

        def _left(self, timeout: float | None, error: type[Exception]) -> float:
            left = self._deadline - time.monotonic()
            if left <= 0:
                raise error("the overall deadline passed")
            return left if timeout is None else min(timeout, left)

        def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
            return self._inner.read(max_bytes, self._left(timeout, httpcore.ReadTimeout))

        def write(self, buffer: bytes, timeout: float | None = None) -> None:
            self._inner.write(buffer, self._left(timeout, httpcore.WriteTimeout))

        def close(self) -> None:
            self._inner.close()

        def start_tls(self, ssl_context, server_hostname=None, timeout=None):
            left = self._left(timeout, httpcore.ConnectTimeout)
            return GuardedStream(self._inner.start_tls(ssl_context, server_hostname, left), self._deadline)

        def get_extra_info(self, info: str) -> object:
            return self._inner.get_extra_info(info)

    class GuardedBackend(httpcore.SyncBackend):
        """Connects only to the addresses the guard resolved and allowed (the
        TLS name stays the host's), within the deadline."""

        def __init__(self, guard: HopGuard, deadline: float) -> None:
            self._guard = guard
            self._deadline = deadline

        def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
            # Raises PrivateAddressRefused before any connection, FetchTimeout
            # when the lookup does not end by the deadline (not httpcore errors,
            # so httpx lets them through as they are).
            addresses = self._guard.allowed(host)
            if not addresses:
                # Not an httpcore error either: it reaches the retry loop as it is.
                raise _Retryable(
                    ConnectionFailed(f"could not connect: cannot resolve host {host} ({self._guard.failure(host)})")
                )
            last: Exception | None = None
            for address in addresses:
                left = self._deadline - time.monotonic()
                if left <= 0:
                    raise httpcore.ConnectTimeout("the overall deadline passed")
                try:
                    stream = super().connect_tcp(
                        address, port, left if timeout is None else min(timeout, left), local_address, socket_options
                    )
                except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                    last = exc
                    continue
                return GuardedStream(stream, self._deadline)
            assert last is not None
            raise last

    return GuardedBackend


def _guarded_backend(guard: HopGuard, deadline: float) -> httpcore.SyncBackend:
    """httpcore's network backend for one fetch (see `_guarded_backend_class`)."""
    return _guarded_backend_class()(guard, deadline)


def _attempt(client: httpx.Client, url: str, options: FetchOptions, deadline: float, guard: HopGuard) -> Page:
    """One try: a `Page`, a final `InputError`, or `_Retryable`."""
    import httpx

    try:
        response, moved_to = _send(client, url, options, deadline, guard)
        try:
            return _read_page(url, response, options, deadline, moved_to)
        finally:
            response.close()
    except httpx.TimeoutException as exc:
        raise _Retryable(_timeout_error(exc, options, deadline)) from None
    except httpx.ConnectError as exc:
        error, retryable = _connect_error(exc)
        if not retryable:
            raise error from None
        raise _Retryable(error) from None
    except httpx.NetworkError as exc:  # read, write or close failed mid-response
        raise _Retryable(ConnectionFailed(f"the connection broke: {_reason(exc)}")) from None
    except httpx.RemoteProtocolError as exc:  # e.g. disconnected before answering
        raise _Retryable(BadResponse(f"the server sent a broken response: {_protocol_problem(exc)}")) from None
    except httpx.ProxyError as exc:
        raise ConnectionFailed(f"the proxy failed: {_reason(exc)}") from None
    except httpx.InvalidURL as exc:
        raise InvalidURL(f"not a valid URL: {exc}") from None


def _send(
    client: httpx.Client, url: str, options: FetchOptions, deadline: float, guard: HopGuard
) -> tuple[httpx.Response, str | None]:
    """GET ``url`` and follow up to ``max_redirects`` redirects; returns the
    final response, its body not yet read, and where the URL moved to when
    the first hops were permanent redirects (301/308), else None.

    The first URL is trusted as named and sets the guard's ceiling; a
    redirect into a more private network is refused here, before connecting.
    ``options.check_url`` sees every URL before it is requested, so a
    redirect cannot lead around the caller's rules.

    Why not httpx's ``follow_redirects=True``: httpx reads every redirect
    response's body whole, with no size cap and no deadline, so a 3xx with an
    endless body fills memory (measured: a 200 MB redirect body, 400 MB RSS).
    Here a redirect response is closed unread, and each hop gets only the time
    left before the deadline.

    Headers trickling in a byte at a time are cut off at the deadline by the
    connection itself (`_GuardedBackend`), which sees every read.
    """
    request = client.build_request("GET", url)
    moved_to: str | None = None
    permanent = True
    for hop in range(options.max_redirects + 1):
        if hop == 0:
            guard.trust(str(request.url))
        else:
            guard.check_redirect(str(request.url))
        if options.check_url is not None:
            options.check_url(str(request.url))
        request.extensions["timeout"] = _timeouts_left(options, deadline)
        response = client.send(request, stream=True)
        if response.next_request is None:
            return response, moved_to
        response.close()
        permanent = permanent and response.status_code in (301, 308)
        request = response.next_request
        if permanent:
            moved_to = str(request.url)
        if request.url.scheme not in ("http", "https"):
            raise UnsupportedSource(f"redirected to {request.url}, which is not an http or https URL")
    raise TooManyRedirects(f"too many redirects (more than {options.max_redirects}), last {request.url}")


def _timeouts_left(options: FetchOptions, deadline: float) -> dict[str, float | None]:
    """httpx's per-request timeouts, none longer than the time left."""
    import httpx

    left = deadline - time.monotonic()
    if left <= 0:
        raise _deadline_error(options)
    connect = min(options.connect_timeout, left)
    read = min(options.read_timeout, left)
    return httpx.Timeout(connect=connect, read=read, write=read, pool=connect).as_dict()


# --- the response ------------------------------------------------------------


def _read_page(
    url: str, response: httpx.Response, options: FetchOptions, deadline: float, moved_to: str | None = None
) -> Page:
    """Status, type and size checks in the order that reads the fewest bytes."""
    validators = {"etag": response.headers.get("etag"), "last_modified": response.headers.get("last-modified")}
    if response.status_code == 304 and (options.etag or options.last_modified):
        return Page(
            url,
            str(response.url),
            304,
            "",
            None,
            b"",
            moved_to=moved_to,
            etag=validators["etag"] or options.etag,
            last_modified=validators["last_modified"] or options.last_modified,
        )
    _check_status(url, response)
    media_type, charset = parse_content_type(response.headers.get("content-type", ""))
    accepted = ARTICLE_TYPES | FEED_TYPES if options.feeds else ARTICLE_TYPES
    if media_type not in accepted and media_type not in _SNIFFED_TYPES:
        raise NotAnArticle(_not_an_article(media_type))
    content_encoding = response.headers.get("content-encoding", "").strip().lower()
    decoder = _decoder_for(content_encoding)
    if isinstance(decoder, _Identity):
        # Compressed, Content-Length is the wire size, not the page size.
        _check_declared_length(response, options.max_bytes)
    body = _read_body(response, decoder, options, deadline)
    if not body or body.isspace():
        raise EmptyInput("the page is empty")
    if media_type in _SNIFFED_TYPES and not is_html(body):
        kind = binary_kind(body)
        if kind:
            raise NotAnArticle(f"this is {kind} ({media_type or 'no Content-Type'}), not an article")
    return Page(
        url=url,
        final_url=str(response.url),
        status=response.status_code,
        content_type=media_type,
        charset=charset,
        body=body,
        moved_to=moved_to,
        **validators,
    )


_STATUS_HINTS = {
    401: "try --user-agent, or save the page and pass the file",
    403: "try --user-agent, or save the page and pass the file",
    404: "check the URL",
    410: "check the URL",
    429: "the site is rate-limiting; try later",
}


def _check_status(url: str, response: httpx.Response) -> None:
    status = response.status_code
    if 200 <= status < 300:
        return
    reason = _reason_phrase(status, response.reason_phrase)
    message = f"HTTP {status} {reason}".rstrip()
    hint = _STATUS_HINTS.get(status) or ("the server failed; try later" if status >= 500 else None)
    if hint:
        message += f" ({hint})"
    error = HTTPError(message, status=status, reason=reason, url=url, final_url=str(response.url))
    if status in RETRY_STATUSES:
        raise _Retryable(error, _retry_after(response.headers.get("retry-after")))
    raise error


def _reason_phrase(status: int, sent: str) -> str:
    """The standard phrase when there is one: servers send odd ones, and HTTP/2
    sends none, so the message stays the same whatever the server says."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return sent.strip()


_KINDS = {
    "application/pdf": "a PDF document",
    "application/json": "JSON data",
    "application/rss+xml": "a news feed",
    "application/atom+xml": "a news feed",
    "application/xml": "XML data",
    "text/xml": "XML data",
    "application/zip": "a ZIP archive",
    "application/gzip": "gzip-compressed data",
    "application/msword": "a Word document",
    "text/csv": "a CSV table",
    "text/css": "a style sheet",
    "text/javascript": "JavaScript code",
    "application/javascript": "JavaScript code",
}
_KIND_PREFIXES = {"image/": "an image", "audio/": "audio", "video/": "a video", "font/": "a font"}


def _not_an_article(media_type: str) -> str:
    kind = _KINDS.get(media_type)
    if kind is None:
        kind = next((k for prefix, k in _KIND_PREFIXES.items() if media_type.startswith(prefix)), None)
    if kind is None and media_type.endswith("+json"):
        kind = "JSON data"
    if kind is None and media_type.endswith("+xml"):
        kind = "XML data"
    message = f"this is {kind or 'a file newsum cannot read'} ({media_type}), not an article"
    if kind == "a news feed":
        message += "; pass the URL of one of its articles"
    return message


def _check_declared_length(response: httpx.Response, max_bytes: int) -> None:
    declared = response.headers.get("content-length", "").strip()
    if declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(max_bytes)


def _read_body(response: httpx.Response, decoder: _Decoder, options: FetchOptions, deadline: float) -> bytes:
    """The decoded body, never more than ``max_bytes`` of it in memory.

    Why decompress here rather than let httpx: httpx inflates each network
    chunk whole, so a 50 KB gzip bomb becomes 50 MB in one step. Our decoders
    yield bounded pieces and the cap is checked after each one. The deadline is
    checked after every chunk, so a body trickling in a byte at a time (each
    read well within the read timeout) still stops on time.
    """
    body = bytearray()
    for raw in response.iter_raw():
        if time.monotonic() > deadline:
            raise _deadline_error(options)
        for piece in decoder.decode(raw):
            body += piece
            if len(body) > options.max_bytes:
                raise _too_large(options.max_bytes)
    return bytes(body)


# --- Content-Encoding --------------------------------------------------------


class _Decoder(Protocol):
    def decode(self, data: bytes) -> Iterator[bytes]:
        """Decompress ``data``, in pieces of at most about `_OUTPUT_PIECE` bytes."""
        ...


def _decoder_for(content_encoding: str) -> _Decoder:
    if content_encoding in ("", "identity"):
        return _Identity()
    if content_encoding in ("gzip", "x-gzip"):
        return _Zlib(16 + zlib.MAX_WBITS, "gzip")
    if content_encoding == "deflate":
        return _Deflate()
    if content_encoding == "br":
        return _Brotli()
    raise BadResponse(
        f"the server sent an unsupported Content-Encoding {content_encoding!r} (newsum reads gzip, deflate and br)"
    )


class _Identity:
    def decode(self, data: bytes) -> Iterator[bytes]:
        yield data


class _Zlib:
    """gzip or zlib streams via ``zlib.decompressobj``, whose ``max_length``
    bounds each step's output; the rest of the input waits in ``unconsumed_tail``."""

    def __init__(self, wbits: int, name: str) -> None:
        self._inflate = zlib.decompressobj(wbits)
        self._name = name

    def decode(self, data: bytes) -> Iterator[bytes]:
        while not self._inflate.eof:
            try:
                piece = self._inflate.decompress(data, _OUTPUT_PIECE)
            except zlib.error as exc:
                raise BadResponse(f"the server sent corrupt {self._name} data ({exc})") from None
            yield piece
            data = self._inflate.unconsumed_tail
            # A full piece may leave output pending even with no input left.
            if not data and len(piece) < _OUTPUT_PIECE:
                return


class _Deflate:
    """HTTP "deflate" means zlib-wrapped deflate, but some servers send raw
    deflate; browsers accept both, so we tell them apart by the first two bytes."""

    def __init__(self) -> None:
        self._head = b""
        self._inner: _Zlib | None = None

    def decode(self, data: bytes) -> Iterator[bytes]:
        if self._inner is None:
            self._head += data
            if len(self._head) < 2:
                return
            wbits = zlib.MAX_WBITS if _is_zlib_header(self._head) else -zlib.MAX_WBITS
            self._inner = _Zlib(wbits, "deflate")
            data, self._head = self._head, b""
        yield from self._inner.decode(data)


def _is_zlib_header(head: bytes) -> bool:
    """RFC 1950: method 8 (deflate), window <= 32 KB, header a multiple of 31."""
    cmf, flg = head[0], head[1]
    return cmf & 0x0F == 8 and cmf >> 4 <= 7 and (cmf << 8 | flg) % 31 == 0


class _Brotli:
    """brotli >= 1.2: ``output_buffer_limit`` bounds each step's output (to
    within one internal block); the decoder holds the rest of the input until
    ``can_accept_more_data()``."""

    def __init__(self) -> None:
        try:
            import brotli
        except ImportError:
            brotli = None
        # Older brotli has no output limit: a bomb would inflate unbounded.
        if brotli is None or not hasattr(brotli.Decompressor, "can_accept_more_data"):
            raise BadResponse("the page is brotli-compressed; reading it needs: pip install 'brotli>=1.2'")
        self._error = brotli.error
        self._decompressor = brotli.Decompressor()

    def decode(self, data: bytes) -> Iterator[bytes]:
        yield self._process(data)
        while not self._decompressor.can_accept_more_data():
            piece = self._process(b"")
            if not piece:
                return
            yield piece

    def _process(self, data: bytes) -> bytes:
        try:
            return self._decompressor.process(data, output_buffer_limit=_OUTPUT_PIECE)
        except self._error as exc:
            raise BadResponse(f"the server sent corrupt brotli data ({exc})") from None


# --- errors ------------------------------------------------------------------


def _deadline_error(options: FetchOptions) -> FetchTimeout:
    return FetchTimeout(f"no complete response within {options.timeout:g} s; raise --timeout or try later")


def _too_large(max_bytes: int) -> InputTooLarge:
    return InputTooLarge(f"page is larger than {human_size(max_bytes)}; raise the limit with --max-bytes")


def _timeout_error(exc: httpx.TimeoutException, options: FetchOptions, deadline: float) -> FetchTimeout:
    import httpx

    if time.monotonic() >= deadline:  # the timeout was cut short to fit the deadline
        return _deadline_error(options)
    if isinstance(exc, (httpx.ConnectTimeout, httpx.PoolTimeout)):
        return FetchTimeout(f"could not connect within {options.connect_timeout:g} s; try later")
    return FetchTimeout(f"the server sent nothing for {options.read_timeout:g} s; try later")


def _connect_error(exc: httpx.ConnectError) -> tuple[ConnectionFailed, bool]:
    """The error to report, and whether another attempt could help (not for TLS:
    a bad certificate stays bad, and we never retry without verification)."""
    import socket
    import ssl

    cause = _root_cause(exc)
    if isinstance(cause, ssl.SSLCertVerificationError):
        problem = cause.verify_message or cause.reason or str(cause)
        return ConnectionFailed(
            f"TLS certificate problem: {problem} (newsum always verifies certificates; save the page and pass the file)"
        ), False
    if isinstance(cause, ssl.SSLError):
        return ConnectionFailed(f"TLS handshake failed: {cause.reason or cause}"), False
    if isinstance(cause, socket.gaierror):
        host = exc.request.url.host
        return ConnectionFailed(f"could not connect: cannot resolve host {host} ({_reason(cause)})"), True
    return ConnectionFailed(f"could not connect: {_reason(cause)}"), True


def _root_cause(exc: BaseException) -> BaseException:
    """httpx wraps httpcore's exception, which wraps the OSError or SSLError."""
    for _ in range(10):
        inner = exc.__cause__ or exc.__context__
        if inner is None:
            break
        exc = inner
    return exc


# h11's words for a broken response, and what to say instead: its messages
# quote the offending bytes as a Python repr (bytearray(b'zz\r\n')).
_PROTOCOL_PROBLEMS = (
    ("illegal chunk header", "a malformed chunk header in its chunked body"),
    ("chunked", "a malformed chunked body"),
    ("illegal header line", "a malformed header line"),
    ("illegal status line", "a malformed status line"),
    ("content-length", "a malformed Content-Length"),
    ("transfer-encoding", "an unsupported Transfer-Encoding"),
    ("peer closed connection without sending complete message body", "the connection closed mid-body"),
    ("exceeded maximum size", "headers longer than 100 KB"),
)
_REPR = re.compile(r""":?\s*(?:bytearray\()?b(['"]).*?(?<!\\)\1\)?""")


def _protocol_problem(exc: BaseException) -> str:
    """What was broken in a response, in words (never a repr of its bytes)."""
    reason = _reason(exc)
    lowered = reason.lower()
    for key, words in _PROTOCOL_PROBLEMS:
        if key in lowered:
            return words
    return _REPR.sub("", reason).strip(" :") or "a malformed response"


def _reason(exc: BaseException) -> str:
    """The innermost error's own words, without httpx's wrapping."""
    cause = _root_cause(exc)
    if isinstance(cause, OSError) and cause.strerror:
        return cause.strerror
    return str(cause) or str(exc) or type(cause).__name__
