"""Bounding the size of an HTML page before anything parses it.

A 20 MB page (most of it scripts and inline SVG) would cost trafilatura over
600 MB; slimmed and cut it costs a small page's memory plus ~120 MB. Slimming
works on the raw bytes of a download too, so a huge page never becomes a huge
string.
"""

from __future__ import annotations

import re

# Pages above this many characters of markup are slimmed before parsing:
# scripts (all but JSON-LD), styles, SVG, comments and templates go, and what
# is still above the limit is cut at a tag. trafilatura's work on a page takes
# up to ~70 times its markup (dense markup, measured), so a 20 MB page read
# whole peaks above 600 MB; slimmed and cut, at most ~120 MB over a small
# page's. One dev page is over the limit (1.1 MB, 65 KB slimmed, the same
# article and metadata); none is cut.
MAX_HTML_CHARS = 1_000_000
_BULK = re.compile(
    r"<(script|style|svg|noscript|template|iframe)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL
)


def reduce_html(html: str, limit: int = MAX_HTML_CHARS) -> tuple[str, bool]:
    """The page, slimmed when it is over ``limit`` characters: scripts (JSON-LD
    kept, it carries the metadata), styles, SVG, comments and the like removed;
    then, if still too long, cut at the last tag before the limit (lxml closes
    what the cut leaves open). Returns the markup and whether it was cut."""
    if len(html) <= limit:
        return html, False
    html = _BULK.sub(_keep_json_ld, html)
    if len(html) <= limit:
        return html, False
    cut = html.rfind("<", 0, limit)
    return html[: cut if cut > 0 else limit], True


_BULK_BYTES = re.compile(_BULK.pattern.encode(), re.IGNORECASE | re.DOTALL)


def reduce_html_bytes(data: bytes, limit: int = MAX_HTML_CHARS) -> tuple[bytes, bool]:
    """`reduce_html` on the raw bytes of an ASCII-compatible page (UTF-8 and
    the legacy encodings: ``<`` is never part of another character there),
    before decoding: a 20 MB page never becomes an 80 MB string."""
    if len(data) <= limit:
        return data, False
    data = _BULK_BYTES.sub(lambda m: m.group(0) if _is_json_ld(m.group(0)[:200].decode("latin-1")) else b"", data)
    if len(data) <= limit:
        return data, False
    cut = data.rfind(b"<", 0, limit)
    return data[: cut if cut > 0 else limit], True


def _is_json_ld(opening: str) -> bool:
    opening = opening.lower()
    return opening.startswith("<script") and "ld+json" in opening


def _keep_json_ld(match: re.Match[str]) -> str:
    return match.group(0) if _is_json_ld(match.group(0)[:200]) else ""
