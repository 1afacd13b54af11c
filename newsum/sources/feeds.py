"""Feeds: telling a feed from an article by its bytes, and reading its items.

RSS 0.9x/1.0/2.0 and Atom go through feedparser, which reads the broken XML
real feeds are full of. feedparser is only ever handed bytes that newsum's own
fetcher (`newsum.sources.fetch`) downloaded: its own fetcher has no overall timeout
and no size cap. feedparser 6 does not read JSON Feed, which is plain JSON
with a published shape, so `_parse_json_feed` maps it to the same items.

A source is a feed because of what it contains, not because of its name or
Content-Type: many servers send RSS as ``text/html`` or ``text/plain``.

Everything a feed says (titles, links, authors, content) is cleaned of
control characters and escape sequences here (`newsum.sanitize`), where it
enters newsum.
"""

from __future__ import annotations

import calendar
import json
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from newsum.errors import MalformedFeed
from newsum.sanitize import clean, clean_optional

RSS, ATOM, RDF, JSON_FEED = "rss", "atom", "rdf", "json"

_XML_ROOTS = {"rss": RSS, "feed": ATOM, "rdf": RDF}
_SCAN = 4096
_PROLOG_SCAN = 256 * 1024
"""How far into a body its root element is looked for (a DOCTYPE's internal subset can be long)."""
_MAX_ENTITIES = 256
_MAX_ENTITY_VALUE = 1024


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed, in the shape every feed format is mapped to."""

    title: str | None = None
    link: str | None = None
    """Absolute (resolved against the feed's URL), or None."""
    guid: str | None = None
    """The entry's id/guid as the feed gives it."""
    published: str | None = None
    """ISO 8601 in UTC (``2024-05-01T08:00:00+00:00``), published else updated."""
    author: str | None = None
    content: str | None = None
    """Full content (HTML or text) when the feed carries it."""
    summary: str | None = None
    """The feed's description/summary of the item (often a teaser)."""


@dataclass(frozen=True)
class Feed:
    url: str
    kind: str
    """``rss``, ``atom``, ``rdf`` or ``json``."""
    title: str | None = None
    items: list[FeedItem] = field(default_factory=list)
    warning: str | None = None
    """Set when the feed was not well-formed but items could still be read."""


def feed_kind(body: bytes) -> str | None:
    """What feed ``body`` is (`RSS`, `ATOM`, `RDF`, `JSON_FEED`), or None when it
    is not a feed (an article page, plain text). Judged by the root element
    (after the XML prolog) or, for JSON, by JSON Feed's ``version`` URL."""
    head = body[:_SCAN].removeprefix(b"\xef\xbb\xbf")
    stripped = head.lstrip()
    if stripped.startswith(b"{"):
        return JSON_FEED if b"jsonfeed.org/version" in head else None
    root = _root_element(body[:_PROLOG_SCAN])
    return _XML_ROOTS.get(root.lower()) if root else None


def _root_element(data: bytes) -> str | None:
    """The local name of the document's first element, read by an XML parser
    (lxml), so a BOM, comments, processing instructions and a DOCTYPE with an
    internal subset are all fine. Entities are not expanded and no DTD is
    loaded: a billion-laughs subset costs nothing here. None when ``data``
    does not start like XML."""
    from lxml import etree

    parser = etree.XMLPullParser(
        events=("start",), resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False
    )
    step = 16 * 1024
    for offset in range(0, len(data), step):
        try:
            parser.feed(data[offset : offset + step])
            broken = False
        except etree.XMLSyntaxError:  # an error after the root's start tag still tells the root
            broken = True
        for _event, element in parser.read_events():
            return etree.QName(element).localname if isinstance(element.tag, str) else None
        if broken:
            return None
    return None


def parse_feed(body: bytes, url: str, kind: str | None = None, content_type: str | None = None) -> Feed:
    """Items of the feed in ``body``, links resolved against ``url``.

    Raises `MalformedFeed` when nothing usable can be read; a feed that is
    broken XML but still yields items comes back with ``warning`` set.
    """
    kind = kind or feed_kind(body)
    if kind == JSON_FEED:
        return _parse_json_feed(body, url)
    if kind is None:
        raise MalformedFeed("not a feed (no <rss>, <feed> or <rdf:RDF> root, and not JSON Feed)", url)
    return _parse_xml_feed(body, url, kind, content_type)


def _parse_xml_feed(body: bytes, url: str, kind: str, content_type: str | None) -> Feed:
    import feedparser

    # What it is was decided by the content, so the header only matters for
    # its charset; without one, the XML declaration decides.
    if not content_type or "charset" not in content_type.lower():
        content_type = "application/xml"
    body = _without_doctype(body)
    # Bytes, never a URL or a path: feedparser.parse would fetch those itself.
    parsed = feedparser.parse(body, response_headers={"content-location": url, "content-type": content_type})
    items = [item for item in (_xml_item(e, url) for e in parsed.entries) if item.link or item.content or item.title]
    warning = None
    benign = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
    if parsed.bozo and not isinstance(parsed.bozo_exception, benign):
        problem = _bozo_message(parsed.bozo_exception)
        if not items:
            raise MalformedFeed(f"malformed feed: {problem}", url)
        warning = f"the feed is not well-formed ({problem}); {len(items)} item(s) read leniently"
    title = parsed.feed.get("title") or None
    return Feed(url=url, kind=kind, title=_clean(title), items=items, warning=warning)


def _without_doctype(body: bytes) -> bytes:
    """``body`` without its DOCTYPE, the internal subset's plain entities
    (``<!ENTITY nbsp "&#160;">``: text and character references only, no
    entity inside) written out where they are used. feedparser's own DOCTYPE
    handling turns a valid internal subset into a syntax error; entities that
    name other entities (how a billion-laughs bomb grows) are left undefined,
    so nothing expands more than once and the size stays bounded."""
    span = _doctype_span(body)
    if span is None:
        return body
    start, end = span
    entities: dict[bytes, bytes] = {}
    for name, value in _ENTITY.findall(body, start, end)[:_MAX_ENTITIES]:
        plain = value[1:-1]
        if len(plain) <= _MAX_ENTITY_VALUE and not _ENTITY_REFERENCE.search(plain) and b"<" not in plain:
            entities[name] = plain
    rest = body[end:]
    if entities:
        rest = _REFERENCE.sub(lambda m: entities.get(m.group(1), m.group(0)), rest)
    return body[:start] + rest


_ENTITY = re.compile(rb"""<!ENTITY\s+([A-Za-z_][\w.-]*)\s+("[^"]*"|'[^']*')\s*>""")
_ENTITY_REFERENCE = re.compile(rb"&[A-Za-z_][\w.-]*;|%[A-Za-z_][\w.-]*;")
_REFERENCE = re.compile(rb"&([A-Za-z_][\w.-]*);")


def _doctype_span(body: bytes) -> tuple[int, int] | None:
    """Where the DOCTYPE declaration is (start, end), scanning the prolog as
    XML does: a BOM, white space, comments and processing instructions may
    come first; the internal subset's brackets, quoted strings and comments
    are stepped over, so a ``>`` inside them does not end it."""
    i = 3 if body.startswith(b"\xef\xbb\xbf") else 0
    limit = min(len(body), _PROLOG_SCAN)
    while i < limit:
        if body[i : i + 1].isspace():
            i += 1
        elif body.startswith(b"<?", i):
            i = _after(body, b"?>", i + 2)
        elif body.startswith(b"<!--", i):
            i = _after(body, b"-->", i + 4)
        elif body[i : i + 9].upper() == b"<!DOCTYPE":
            start, i, depth = i, i + 9, 0
            while i < limit:
                char = body[i : i + 1]
                if char in (b'"', b"'"):
                    i = _after(body, char, i + 1)
                    continue
                if body.startswith(b"<!--", i):
                    i = _after(body, b"-->", i + 4)
                    continue
                if char == b"[":
                    depth += 1
                elif char == b"]":
                    depth -= 1
                elif char == b">" and depth <= 0:
                    return start, i + 1
                i += 1
            return None
        else:
            return None
    return None


def _after(body: bytes, token: bytes, start: int) -> int:
    end = body.find(token, start)
    return len(body) if end < 0 else end + len(token)


def _bozo_message(exc: BaseException | None) -> str:
    if exc is None:
        return "unknown problem"
    line = getattr(exc, "getLineNumber", None)
    where = f" at line {line()}" if callable(line) else ""
    message = getattr(exc, "getMessage", None)
    text = message() if callable(message) else str(exc)
    return f"{text}{where}"


def _xml_item(entry: dict, base: str) -> FeedItem:
    content = None
    for part in entry.get("content") or []:
        if part.get("value"):
            content = part["value"]
            break
    link = entry.get("link")
    return FeedItem(
        title=_clean(entry.get("title")),
        link=_absolute(link, base),
        guid=clean_optional(entry.get("id") or None),
        published=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
        author=_clean(entry.get("author")),
        content=clean_optional(content),
        summary=clean_optional(entry.get("summary") or None),
    )


def _iso(parsed: time.struct_time | None) -> str | None:
    """feedparser's dates are UTC struct_times."""
    if not parsed:
        return None
    from datetime import datetime, timezone

    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), timezone.utc).isoformat()
    except (OverflowError, ValueError, OSError):
        return None


def _parse_json_feed(body: bytes, url: str) -> Feed:
    """JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1)."""
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MalformedFeed(f"malformed JSON Feed: {exc}", url) from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise MalformedFeed("malformed JSON Feed: no list of items", url)
    items = []
    for raw in data["items"]:
        if not isinstance(raw, dict):
            continue
        link = _text(raw.get("url")) or _text(raw.get("external_url"))
        authors = raw.get("authors") if isinstance(raw.get("authors"), list) else [raw.get("author")]
        names = [str(a["name"]) for a in authors or [] if isinstance(a, dict) and isinstance(a.get("name"), str)]
        item = FeedItem(
            title=_squash(_text(raw.get("title"))),  # JSON Feed titles are plain text by the spec
            link=_absolute(link, url),
            guid=clean_optional(_text(raw.get("id"))) if raw.get("id") is not None else None,
            published=_json_date(_text(raw.get("date_published")) or _text(raw.get("date_modified"))),
            author=_squash(", ".join(names)),
            content=clean_optional(_text(raw.get("content_html")) or _text(raw.get("content_text"))),
            summary=clean_optional(_text(raw.get("summary"))),
        )
        if item.link or item.content or item.title:
            items.append(item)
    return Feed(url=url, kind=JSON_FEED, title=_squash(_text(data.get("title"))), items=items)


def _text(value: object) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) and value.strip() else None


def _json_date(value: str | None) -> str | None:
    """RFC 3339 to ISO 8601 in UTC; None when unreadable."""
    if not value:
        return None
    from datetime import datetime, timezone

    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc).isoformat()


def _absolute(link: str | None, base: str) -> str | None:
    if not link or not link.strip():
        return None
    link = clean(link).strip()
    if urlsplit(link).scheme:
        return link
    if urlsplit(base).scheme in ("http", "https"):
        return urljoin(base, link)
    return None  # a relative link in a local feed file resolves to nothing


_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]+>")


def _squash(text: str | None) -> str | None:
    return _SPACE.sub(" ", clean(text)).strip() or None if text else None


def _clean(text: str | None) -> str | None:
    """Titles sometimes carry markup or entity-escaped markup; a title is text."""
    if not text:
        return None
    import html

    text = _TAG.sub(" ", html.unescape(_TAG.sub(" ", clean(text))))
    return _SPACE.sub(" ", clean(text)).strip() or None
