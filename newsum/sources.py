"""Reading a source (a path, ``-`` for stdin) into checked, decoded text.

Every way an input can be unusable before we even look for an article (missing,
a directory, empty, binary, too big, not in the expected encoding) is caught
here and becomes an `InputError` with advice, so later stages can assume text.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import BinaryIO

from .errors import (
    BinaryInput,
    EmptyInput,
    InputTooLarge,
    SourceIsDirectory,
    SourceNotFound,
    SourceUnreadable,
    UndecodableInput,
    UnsupportedSource,
)

STDIN = "-"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

# Leading bytes of formats people pipe into the wrong tool by mistake; naming
# the format makes the error message useful.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/Excel document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ", "xz-compressed data"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3", "an SQLite database"),
)


@dataclass(frozen=True)
class SourceText:
    """Decoded input text plus the name to report it by."""

    name: str
    text: str
    encoding: str


def is_url(source: str) -> bool:
    return "://" in source[:12] or source.startswith("www.")


def read_bytes(source: str, max_bytes: int = DEFAULT_MAX_BYTES, stdin: BinaryIO | None = None) -> bytes:
    """Read at most ``max_bytes`` (+1 to detect overflow): a huge file or an
    endless pipe must not fill memory before we can say it is too big."""
    if source == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(max_bytes + 1)
        name = "<stdin>"
    else:
        if is_url(source):
            raise UnsupportedSource(
                "URLs are not supported yet; save the page and pass the file", source
            )
        if os.path.isdir(source):
            raise SourceIsDirectory("is a directory; pass the article files inside it", source)
        try:
            with open(source, "rb") as handle:
                data = handle.read(max_bytes + 1)
        except FileNotFoundError:
            raise SourceNotFound("no such file", source) from None
        except PermissionError:
            raise SourceUnreadable("permission denied", source) from None
        except OSError as exc:
            raise SourceUnreadable(exc.strerror or str(exc), source) from None
        name = source
    check_size(data, max_bytes, name)
    return data


def check_size(data: bytes, max_bytes: int, name: str) -> None:
    if len(data) > max_bytes:
        raise InputTooLarge(
            f"input is larger than {_human(max_bytes)}; raise the limit with --max-bytes", name
        )


def decode(data: bytes, name: str, encoding: str | None = None) -> SourceText:
    """UTF-8 (with or without BOM) unless told otherwise.

    We do not guess legacy encodings for plain text: a wrong guess silently
    corrupts names and quotes, so we stop and ask for ``--encoding`` instead.
    """
    if not data.strip():
        raise EmptyInput("input is empty", name)
    _reject_binary(data, name)
    if encoding:
        try:
            return SourceText(name, data.decode(encoding), encoding)
        except LookupError:
            raise UndecodableInput(f"unknown encoding {encoding!r}", name) from None
        except UnicodeDecodeError as exc:
            raise UndecodableInput(
                f"not valid {encoding} (byte 0x{data[exc.start]:02x} at offset {exc.start})", name
            ) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return SourceText(name, data.decode("utf-16"), "utf-16")
    try:
        return SourceText(name, data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError as exc:
        raise UndecodableInput(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "pass --encoding, e.g. --encoding cp1252",
            name,
        ) from None


def read_source(
    source: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    encoding: str | None = None,
    data: bytes | None = None,
) -> SourceText:
    """``data``: the bytes of ``-`` when they were read already (stdin can be
    read only once, and only by the parent process of a batch)."""
    name = "<stdin>" if source == STDIN else source
    if data is None:
        data = read_bytes(source, max_bytes=max_bytes)
    else:
        check_size(data, max_bytes, name)
    return decode(data, name, encoding)


def _reject_binary(data: bytes, name: str) -> None:
    head = data[:8192]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            raise BinaryInput(f"this is {kind}, not an article", name)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return  # UTF-16 text legitimately contains NUL bytes
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if b"\x00" in head or controls > len(head) * 0.05:
        raise BinaryInput("binary data, not text", name)


def _human(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:g} {unit}" if unit == "bytes" else f"{n:.0f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} bytes"
