"""Bytes to checked text: empty, binary and oversized input refused with a
message that names what it is, plain text decoded strictly (UTF-8 unless
``--encoding`` says otherwise), HTML decoded the way browsers do it (BOM, the
declared charset, then detection), because pages declare their encoding and
legacy encodings are still common.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, replace

from newsum.errors import BinaryInput, EmptyInput, InputTooLarge, UndecodableInput

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
    kind: str = "text"
    """``"text"`` (plain text or Markdown) or ``"html"`` (markup still in ``text``)."""
    url: str | None = None
    """For a fetched page, its URL after redirects."""
    cut: bool = False
    """An HTML page too long to read whole: slimmed and cut (`newsum.html_extraction.reduce_html`)."""
    warning: str | None = None
    """Said about the reading (a declared charset that was wrong, corrected), for
    the digest's warnings and stderr."""


def check_size(data: bytes, max_bytes: int, name: str) -> None:
    if len(data) > max_bytes:
        raise InputTooLarge(f"input is larger than {human_size(max_bytes)}; raise the limit with --max-bytes", name)


def decode(data: bytes, name: str, encoding: str | None = None) -> SourceText:
    """UTF-8 (with or without BOM) unless told otherwise.

    We do not guess legacy encodings for plain text: a wrong guess silently
    corrupts names and quotes, so we stop and ask for ``--encoding`` instead.
    """
    _reject_empty_or_binary(data, name)
    if encoding:
        return SourceText(name, _decode_as(data, name, encoding), encoding)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return SourceText(name, data.decode("utf-16"), "utf-16")
    bomless = bomless_unicode(data)
    if bomless is not None:
        text = data.decode(bomless, errors="replace")
        if is_html(text.encode("utf-8")):
            return replace(decode_html(text.encode("utf-8"), name), encoding=bomless)
        return SourceText(name, text, bomless)
    try:
        return SourceText(name, data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError as exc:
        raise UndecodableInput(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "pass --encoding, e.g. --encoding cp1252",
            name,
        ) from None


# --- HTML --------------------------------------------------------------------

_HTML_FIRST_TAG = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title)[\s/>]", re.IGNORECASE)
_META_OR_TITLE = re.compile(rb"<(?:meta|title)[\s/>]", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)""", re.IGNORECASE)
_META_SCAN_BYTES = 16 * 1024


def is_html(data: bytes) -> bool:
    """Whether ``data`` is an HTML document (or fragment), by its first tag.

    Skips a BOM, whitespace, comments and an XML declaration, then wants
    ``<!doctype html``, ``<html``, ``<head``, ``<body``, ``<meta`` or
    ``<title``, or a ``<meta``/``<title`` within the first KB of markup.
    Prose never starts with a tag, so plain text and Markdown stay text.
    """
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "ignore").encode("utf-8")
    head = _skip_prolog(head)
    if not head.startswith(b"<"):
        return False
    return bool(_HTML_FIRST_TAG.match(head) or _META_OR_TITLE.search(head, 0, 1024))


def _skip_prolog(head: bytes) -> bytes:
    head = head.removeprefix(b"\xef\xbb\xbf")
    while True:
        head = head.lstrip()
        if head.startswith(b"<!--"):
            end = head.find(b"-->", 4)
            head = head[end + 3 :] if end >= 0 else b""
        elif head.startswith(b"<?xml"):
            end = head.find(b"?>")
            head = head[end + 2 :] if end >= 0 else b""
        else:
            return head


def decode_html(data: bytes, name: str, header_charset: str | None = None, encoding: str | None = None) -> SourceText:
    """Decode an HTML page the way a browser picks its encoding.

    In order: ``encoding`` (the user's ``--encoding``, strict), a BOM, the
    charset of the Content-Type header, a ``<meta>`` charset in the first
    16 KB, UTF-8 if the bytes are valid UTF-8, charset-normalizer's guess,
    and UTF-8 as the last resort. Labels mean what they mean to browsers
    (`codec_for_label`); an unknown label is skipped, not fatal. Past the
    explicit encoding, undecodable bytes become U+FFFD, as in a browser: a
    page with one stray byte is still worth a digest.
    """
    _reject_empty_or_binary(data, name)
    cut = False
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")) and not (codec_for_label(header_charset) or "").startswith(
        "utf-16"
    ):
        from newsum.sources.slim import reduce_html_bytes

        data, cut = reduce_html_bytes(data)
    if encoding:
        return SourceText(name, _decode_as(data, name, encoding), encoding, kind="html", cut=cut)
    codec, declared_by = _html_codec(data, header_charset)
    warning = None
    if declared_by is not None:
        other = _meta_charset(data) if declared_by == "HTTP header" else None
        better = correct_codec(data, codec, other)
        if better is not None:
            label = header_charset if declared_by == "HTTP header" else codec
            warning = charset_warning(label, declared_by, better)
            codec = better
    text = data.decode(codec, errors="replace")
    reported = "utf-8" if codec == "utf-8-sig" else codec
    return SourceText(name, text, reported, kind="html", cut=cut, warning=warning)


def _html_codec(data: bytes, header_charset: str | None) -> tuple[str, str | None]:
    """The codec, and what declared it (``"HTTP header"``, ``"<meta>"``) or
    None when nothing did (a BOM, UTF-8 validity, detection)."""
    bom = _bom_codec(data)
    if bom:
        return bom, None
    declared = codec_for_label(header_charset)
    if declared:
        return declared, "HTTP header"
    meta = _meta_charset(data)
    if meta:
        return meta, "<meta>"
    # Before detection: a detector can mistake valid UTF-8 for a legacy
    # encoding (mojibake), while legacy text is almost never valid UTF-8.
    if _is_utf8(data):
        return "utf-8", None
    return _detect_codec(data) or "utf-8", None


# A well-formed UTF-8 sequence of two to four bytes: legacy text almost never has one.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def correct_codec(data: bytes, declared: str, other: str | None = None) -> str | None:
    """A codec that reads ``data`` cleanly where the ``declared`` one does not,
    or None when the declaration holds.

    Two mistakes are common and can be told with confidence: a page declared
    in a legacy charset (ISO-8859-1, windows-1252...) whose bytes are UTF-8
    (read as declared, "Zürich" becomes "ZÃ¼rich"); and a page declared UTF-8
    whose bytes are a legacy charset (every accented letter becomes U+FFFD).
    The second is corrected only when the page holds no valid UTF-8 sequence
    at all (one stray byte in a UTF-8 page stays one U+FFFD), to ``other`` (the
    page's ``<meta>`` when the header declared), else detection, else windows-1252.
    """
    utf8 = declared in ("utf-8", "utf-8-sig")
    if not utf8:
        if declared.startswith(("utf-16", "utf-32")) or data.isascii() or not _is_utf8(data):
            return None
        return "utf-8" if _UTF8_MULTIBYTE.search(data) else None
    if _is_utf8(data) or _UTF8_MULTIBYTE.search(data):
        return None
    for candidate in (other, _likely_legacy_codec(data), "cp1252"):
        if candidate and candidate not in ("utf-8", "utf-8-sig") and not candidate.startswith(("utf-16", "utf-32")):
            try:
                data.decode(candidate)
            except UnicodeDecodeError:
                continue
            return candidate
    return None


def _likely_legacy_codec(data: bytes) -> str | None:
    """charset-normalizer's least chaotic reading, the Windows code pages first
    among equals (on a short page, a DOS code page often ties with them)."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    best = min(m.chaos for m in matches)
    tied = [c for c in (codec_for_label(m.encoding) for m in matches if m.chaos == best) if c]
    windows = [c for c in tied if c == "cp1252"] or [c for c in tied if c.startswith("cp125")]
    chosen = (windows or tied)[0] if tied else None
    if chosen and chosen != "cp1252":
        # The most common legacy charset on the web, when it reads the same.
        try:
            if data.decode(chosen) == data.decode("cp1252"):
                return "cp1252"
        except UnicodeDecodeError:
            pass
    return chosen


def charset_warning(label: str | None, declared_by: str, codec: str) -> str:
    shown = "UTF-8" if codec == "utf-8" else codec
    return (
        f"the page declares charset {label} (in its {declared_by}) but its bytes are not; "
        f"read as {shown}, which gives clean text"
    )


def _bom_codec(data: bytes) -> str | None:
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    return None


def _meta_charset(data: bytes) -> str | None:
    """``<meta charset=…>`` or ``<meta http-equiv="Content-Type" content="…; charset=…">``."""
    match = _META_CHARSET.search(data, 0, _META_SCAN_BYTES)
    if not match:
        return None
    codec = codec_for_label(match.group(1).decode("ascii"))
    # We could read the tag as ASCII, so the page is not UTF-16 whatever it says
    # (the HTML standard's rule too).
    if codec and codec.startswith("utf-16"):
        return "utf-8"
    return codec


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _detect_codec(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return codec_for_label(best.encoding) if best is not None else None


# The labels whose meaning to a browser (the WHATWG Encoding Standard) differs
# from Python's codec of the same name, or that Python does not know. Python
# resolves the other labels (windows-1251, koi8-r, iso-8859-2, ...) itself.
_WHATWG_LABELS: dict[str, str] = {
    # Pages labelled Latin-1 or ASCII routinely contain curly quotes and dashes
    # in 0x80-0x9F, which only windows-1252 defines.
    **dict.fromkeys(
        (
            "ascii",
            "us-ascii",
            "ansi_x3.4-1968",
            "iso-8859-1",
            "iso8859-1",
            "iso_8859-1",
            "iso88591",
            "latin1",
            "latin-1",
            "l1",
            "cp819",
            "ibm819",
            "csisolatin1",
            "iso-ir-100",
            "x-cp1252",
        ),
        "cp1252",
    ),
    **dict.fromkeys(("iso-8859-9", "iso8859-9", "iso_8859-9", "latin5", "l5", "csisolatin5", "x-cp1254"), "cp1254"),
    **dict.fromkeys(("iso-8859-11", "iso8859-11", "tis-620", "dos-874"), "cp874"),
    **dict.fromkeys(
        ("shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "csshiftjis", "ms932", "windows-31j"), "cp932"
    ),
    **dict.fromkeys(
        (
            "euc-kr",
            "ks_c_5601-1987",
            "ks_c_5601-1989",
            "ksc5601",
            "ksc_5601",
            "korean",
            "cseuckr",
            "csksc56011987",
            "iso-ir-149",
            "windows-949",
        ),
        "cp949",
    ),
    **dict.fromkeys(
        (
            "gb2312",
            "gbk",
            "x-gbk",
            "chinese",
            "csgb2312",
            "gb_2312",
            "gb_2312-80",
            "iso-ir-58",
            "cp936",
            "ms936",
            "windows-936",
        ),
        "gb18030",
    ),
    **dict.fromkeys(("big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"), "big5hkscs"),
    **dict.fromkeys(("x-euc-jp", "cseucpkdfmtjapanese"), "euc_jp"),
    **dict.fromkeys(("koi8-u", "koi8-ru"), "koi8_u"),
    **dict.fromkeys(("mac", "macintosh", "csmacintosh", "x-mac-roman"), "mac_roman"),
    **dict.fromkeys(("unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8"), "utf-8"),
    **dict.fromkeys(("utf-16", "utf-16le", "unicode", "unicodefeff", "ucs-2", "csunicode"), "utf-16-le"),
    **dict.fromkeys(("utf-16be", "unicodefffe"), "utf-16-be"),
}
# Known to Python, refused by browsers: UTF-7 can hide markup.
_REFUSED_CODECS = frozenset({"utf-7"})


def codec_for_label(label: str | None) -> str | None:
    """The Python codec for a charset label as a browser reads it, or ``None``
    when the label is missing or unknown (the caller tries its next clue).

    ``"ISO-8859-1"`` -> ``"cp1252"``, ``"Shift_JIS"`` -> ``"cp932"``,
    ``"windows-1251"`` -> ``"cp1251"``, ``"base64"`` -> ``None``.
    """
    if not label:
        return None
    key = label.strip().strip("\"'").strip().lower()
    try:
        name = codecs.lookup(_WHATWG_LABELS.get(key, key)).name
    except LookupError:
        return None
    if name in _REFUSED_CODECS or not _is_text_codec(name):
        return None
    return name


def _is_text_codec(name: str) -> bool:
    try:
        b"\x00".decode(name)
    except LookupError:  # a bytes-to-bytes codec: base64, zlib, ...
        return False
    except UnicodeDecodeError:  # a text codec that wants more bytes (UTF-16)
        pass
    return True


# --- shared checks -----------------------------------------------------------


def _reject_empty_or_binary(data: bytes, name: str) -> None:
    if not data.strip():
        raise EmptyInput("input is empty", name)
    _reject_binary(data, name)


def _decode_as(data: bytes, name: str, encoding: str) -> str:
    """Strict: the user named the encoding, so a byte that does not fit is news."""
    try:
        return data.decode(encoding)
    except LookupError:
        raise UndecodableInput(f"unknown encoding {encoding!r}", name) from None
    except UnicodeDecodeError as exc:
        raise UndecodableInput(
            f"not valid {encoding} (byte 0x{data[exc.start]:02x} at offset {exc.start})", name
        ) from None


def _reject_binary(data: bytes, name: str) -> None:
    kind = binary_kind(data)
    if kind == _BINARY:
        raise BinaryInput("binary data, not text", name)
    if kind:
        raise BinaryInput(f"this is {kind}, not an article", name)


_BINARY = "binary data"


def binary_kind(data: bytes) -> str | None:
    """What binary data is (``"a PDF document"``, ``"binary data"``), or
    ``None`` for text. Judged by the first 8 KB."""
    head = data[:8192]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 text legitimately contains NUL bytes
    if b"\x00" in head and bomless_unicode(head) is not None:
        return None
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if b"\x00" in head or controls > len(head) * 0.05:
        return _BINARY
    return None


def bomless_unicode(data: bytes) -> str | None:
    """``"utf-32-le"``, ``"utf-32-be"``, ``"utf-16-le"`` or ``"utf-16-be"`` for
    text in one of those without a byte-order mark, else None.

    Told by where the NUL bytes fall (text in Latin script has a NUL in every
    high byte) and confirmed by decoding the first 8 KB strictly into
    printable text, so binary data with NULs stays binary."""
    head = data[:8192]
    if b"\x00" not in head or len(head) < 4:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    quads = [head[i::4].count(0) for i in range(4)]
    candidates = []
    if quads[1] and quads[2] and min(quads[1], quads[2], quads[3]) > quads[0]:
        candidates.append("utf-32-le")
    if quads[0] and quads[1] and min(quads[0], quads[1], quads[2]) > quads[3]:
        candidates.append("utf-32-be")
    candidates.append("utf-16-le" if odd >= even else "utf-16-be")
    for codec in candidates:
        unit = 4 if codec.startswith("utf-32") else 2
        sample = head[: len(head) - len(head) % unit]
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            # A cut surrogate pair or a cut character at the end of the sample.
            try:
                text = sample[:-unit].decode(codec)
            except UnicodeDecodeError:
                continue
        printable = sum(1 for ch in text if ch.isprintable() or ch in "\n\r\t")
        spaces = sum(1 for ch in text if ch.isspace())
        if text and "\x00" not in text and printable >= 0.97 * len(text) and spaces >= 0.02 * len(text):
            return codec
    return None


def human_size(n: int) -> str:
    """``10485760`` -> ``"10 MB"``, for messages about limits."""
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:g} {unit}" if unit == "bytes" else f"{n:.0f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} bytes"
