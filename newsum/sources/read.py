"""Reading a source (a path, ``-`` for stdin, an http(s) URL) into checked,
decoded text.

Every way an input can be unusable before we even look for an article (missing,
a directory, empty, binary, too big, not in the expected encoding, a server
that fails) is caught here, in `newsum.sources.decode` or in
`newsum.sources.fetch`, and becomes an `InputError` with advice, so later
stages can assume text.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from dataclasses import replace
from typing import TYPE_CHECKING, BinaryIO

from newsum.errors import EmptyInput, SourceIsDirectory, SourceNotFound, SourceUnreadable, UnsupportedSource
from newsum.sources.decode import (
    DEFAULT_MAX_BYTES,
    SourceText,
    charset_warning,
    check_size,
    codec_for_label,
    correct_codec,
    decode,
    decode_html,
    is_html,
)

if TYPE_CHECKING:
    from newsum.sources.fetch import FetchOptions, Page

STDIN = "-"
FIFO_WAIT = 30.0
"""Seconds to wait for a writer on a named pipe (``--timeout`` sets it)."""

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(source: str) -> bool:
    """Anything that starts like ``scheme://`` is a URL (and only http and https
    are fetched); everything else, ``www.example.com`` included, is a path."""
    return _SCHEME.match(source) is not None


def read_bytes(
    source: str, max_bytes: int = DEFAULT_MAX_BYTES, stdin: BinaryIO | None = None, wait: float = FIFO_WAIT
) -> bytes:
    """Read at most ``max_bytes`` (+1 to detect overflow): a huge file or an
    endless pipe must not fill memory before we can say it is too big.
    ``wait``: seconds to wait for a writer when ``source`` is a named pipe."""
    if source == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(max_bytes + 1)
        name = "<stdin>"
    else:
        if is_url(source):
            raise UnsupportedSource("read_bytes reads files and stdin; read URLs with read_source", source)
        if os.path.isdir(source):
            raise SourceIsDirectory("is a directory; pass the article files inside it", source)
        try:
            data, fifo = _read_file(source, max_bytes, wait)
        except FileNotFoundError:
            hint = f" (for a web page, give the full URL: https://{source})" if source.startswith("www.") else ""
            raise SourceNotFound(f"no such file{hint}", source) from None
        except PermissionError:
            raise SourceUnreadable("permission denied", source) from None
        except OSError as exc:
            raise SourceUnreadable(exc.strerror or str(exc), source) from None
        name = source
        if fifo and not data:
            raise EmptyInput("input is empty (a named pipe whose writer sent nothing)", source)
    check_size(data, max_bytes, name)
    return data


def _read_file(path: str, max_bytes: int, wait: float) -> tuple[bytes, bool]:
    """Read at most ``max_bytes + 1`` bytes; also says whether ``path`` is a FIFO.

    A FIFO is opened without blocking (a plain ``open`` waits forever for a
    writer), then given ``wait`` seconds for a writer to send something or
    hang up. A pipe a process is writing to (``<(curl …)``) reads as usual.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        fifo = stat.S_ISFIFO(os.fstat(fd).st_mode)
        if fifo and not _wait_readable(fd, wait):
            raise SourceUnreadable(f"a named pipe (FIFO) that nobody wrote to within {wait:g} s", path)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=True) as handle:
            fd = -1
            return _read_up_to(handle, max_bytes + 1), fifo
    finally:
        if fd >= 0:
            os.close(fd)


def _wait_readable(fd: int, wait: float) -> bool:
    import select

    if not hasattr(select, "poll"):  # pragma: no cover - Windows has no FIFOs
        return True
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLHUP)
    return bool(poller.poll(max(0.0, wait) * 1000))


def _read_up_to(handle: BinaryIO, size: int) -> bytes:
    """``size`` bytes or up to end of file; pipes deliver in chunks, so one
    ``read`` is not enough."""
    chunks = []
    while size > 0:
        chunk = handle.read(size)  # a file comes whole, in one buffer
        if not chunk:
            break
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def read_source(
    source: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    encoding: str | None = None,
    data: bytes | None = None,
    fetch_options: FetchOptions | None = None,
    wait: float | None = None,
) -> SourceText:
    """Read and decode one source: an http(s) URL (fetched with
    `newsum.sources.fetch.fetch`), a path, or ``-``.

    ``data``: the bytes of ``-`` when they were read already (stdin can be
    read only once, and only by the parent process of a batch).
    ``fetch_options``: limits for URLs; their ``max_bytes`` is replaced by
    ``max_bytes``, so one flag caps files and pages alike.
    ``wait``: seconds to wait for a writer on a named pipe (default: the
    fetch timeout, else `FIFO_WAIT`).
    HTML (by Content-Type, or by its first bytes) comes back with kind "html".
    """
    if is_url(source):
        return _read_url(source, max_bytes, encoding, fetch_options)
    name = "<stdin>" if source == STDIN else source
    if data is None:
        if wait is None:
            wait = fetch_options.timeout if fetch_options else FIFO_WAIT
        data = read_bytes(source, max_bytes=max_bytes, wait=wait)
    else:
        check_size(data, max_bytes, name)
    if is_html(data):
        return decode_html(data, name, encoding=encoding)
    return decode(data, name, encoding)


def _read_url(url: str, max_bytes: int, encoding: str | None, fetch_options: FetchOptions | None) -> SourceText:
    from newsum.sources.fetch import FetchOptions, fetch

    page = fetch(url, replace(fetch_options or FetchOptions(), max_bytes=max_bytes))
    return decode_page(page, url, encoding)


def decode_page(page: Page, name: str, encoding: str | None = None) -> SourceText:
    """A fetched page's text: HTML as a browser decodes it, plain text by its
    declared charset (not a guess, so it counts) unless its bytes are plainly
    UTF-8; ``encoding`` (``--encoding``) overrides both."""
    from newsum.sources.fetch import HTML_TYPES

    if page.content_type in HTML_TYPES or is_html(page.body):
        decoded = decode_html(page.body, name, page.charset, encoding)
    else:
        declared = None if encoding else codec_for_label(page.charset)
        better = correct_codec(page.body, declared) if declared and declared != "utf-8" else None
        decoded = decode(page.body, name, encoding or better or declared)
        if better is not None:
            decoded = replace(decoded, warning=charset_warning(page.charset, "HTTP header", better))
    return replace(decoded, url=page.final_url)
