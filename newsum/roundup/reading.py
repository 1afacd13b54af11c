"""Reading a run's sources into candidate items: feeds fetched (politely, with
conditional GET) or read from files, articles named directly, which new items
to show, and each shown item's page fetched once under its feed's link policy.

Sources named by the user (feed URLs, article URLs, files) are trusted; links
found inside a feed obey `newsum.sources.addresses.LinkPolicy`.
"""

from __future__ import annotations

import hashlib
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from newsum.errors import HTTPError, InputError, SourceDisabled, SourceGone
from newsum.model import Mention, Problem
from newsum.roundup.config import Progress, RunOptions, SourceSpec
from newsum.roundup.state import SeenItem, SourceState, SourceUpdate
from newsum.roundup.stories import canonical_link
from newsum.sources.addresses import LinkPolicy, Network, url_network
from newsum.sources.decode import SourceText, decode, decode_html, is_html
from newsum.sources.feeds import Feed, FeedItem, feed_kind, parse_feed
from newsum.sources.read import is_url, read_bytes


@dataclass
class Candidate:
    """A new item on its way to becoming (part of) a story."""

    spec: SourceSpec
    source: str
    source_url: str
    item: FeedItem
    keys: tuple[str, ...]
    network: Network
    """The network of the feed it came from (links may not go more private)."""
    text: SourceText | None = None
    """Already read: the article itself when the source is an article, not a feed."""


@dataclass
class Read:
    """What reading one source gave."""

    spec: SourceSpec
    candidates: list[Candidate] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    update: SourceUpdate | None = None


def item_keys(item: FeedItem, source_url: str) -> tuple[str, ...]:
    """Every identity of an item, strongest first: the feed's guid (scoped to
    the feed, since guids like "1" repeat across feeds), the canonical link,
    a hash of title and link. Any one of them seen before means seen."""
    keys = []
    if item.guid:
        keys.append(f"guid:{source_url}|{item.guid}")
    if item.link:
        keys.append(f"link:{canonical_link(item.link)}")
    digest = hashlib.sha256(f"{item.title or ''}\n{item.link or ''}".encode()).hexdigest()[:32]
    keys.append(f"hash:{source_url}|{digest}")
    return tuple(keys)


class HostPacer:
    """Politeness: at most one request per ``delay`` seconds to each host,
    whatever the number of threads."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, url: str) -> None:
        if self.delay <= 0 or not is_url(url):
            return
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next.get(host, now))
            self._next[host] = slot + self.delay
        if slot > now:
            time.sleep(slot - now)


def download_threads(options: RunOptions) -> int:
    return max(4, options.jobs)


# --- reading sources -----------------------------------------------------------


def read_source_spec(
    spec: SourceSpec, known: SourceState | None, options: RunOptions, pacer: HostPacer, say: Progress
) -> Read:
    read = Read(spec)
    location = spec.location
    name = spec.name or location
    try:
        if known is not None and known.disabled:
            raise SourceDisabled(
                f"disabled: {known.disabled}; `newsum state forget {location}` enables it again", location
            )
        if is_url(location):
            _read_url(read, known, options, pacer)
        else:
            _read_file(read, options)
    except InputError as exc:
        disable = None
        if isinstance(exc, HTTPError) and exc.status == 410:
            disable = "the server answered 410 Gone"
            exc = SourceGone(
                f"HTTP 410 Gone: the source is gone for good; it is disabled (`newsum state forget {location}` "
                "enables it again)",
                location,
            )
        read.problems.append(Problem(name, exc.code, exc.message))
        if not isinstance(exc, SourceDisabled):
            read.update = SourceUpdate(location, spec.name, ok=False, error=exc.message, disable=disable)
        say(f"{name}: failed: {exc.message}")
        return read
    say(
        f"{name}: {len(read.candidates)} items"
        + (" (not modified)" if any(p.code == "not_modified" for p in read.problems) else "")
    )
    read.problems = [p for p in read.problems if p.level != "info"]
    return read


def _read_url(read: Read, known: SourceState | None, options: RunOptions, pacer: HostPacer) -> None:
    from newsum.sources.fetch import FetchOptions, fetch

    spec = read.spec
    fetching = FetchOptions(
        timeout=options.digest.timeout,
        max_bytes=options.digest.max_bytes,
        user_agent=options.digest.user_agent,
        feeds=True,
        etag=known.etag if known else None,
        last_modified=known.last_modified if known else None,
        allow_private=options.allow_private,
    )
    pacer.wait(spec.location)
    page = fetch(spec.location, fetching)
    read.update = SourceUpdate(
        spec.location, spec.name, etag=page.etag, last_modified=page.last_modified, moved_to=page.moved_to
    )
    if page.moved_to:
        read.problems.append(
            Problem(
                spec.name or spec.location,
                "moved",
                f"moved permanently to {page.moved_to}; update your list of sources",
                level="warning",
            )
        )
    if page.not_modified:
        read.problems.append(
            Problem(
                spec.name or spec.location, "not_modified", "not modified since the last run (HTTP 304)", level="info"
            )
        )
        return
    kind = feed_kind(page.body)
    if kind is not None:
        content_type = f"{page.content_type}; charset={page.charset}" if page.charset else page.content_type
        feed = parse_feed(page.body, page.final_url, kind, content_type)
        # Its links are judged against the feed's URL as the user named it:
        # a redirect cannot raise what the feed may link to.
        _add_feed(read, feed, url_network(spec.location, options.digest.timeout))
        return
    # Not a feed: the page is an article the user named.
    from newsum.sources.read import decode_page

    text = decode_page(page, spec.location, options.digest.encoding)
    item = FeedItem(link=spec.location)
    read.candidates.append(
        Candidate(
            spec,
            spec.name or spec.location,
            spec.location,
            item,
            item_keys(item, spec.location),
            Network.LOCAL_FILE,
            text,
        )
    )


def _read_file(read: Read, options: RunOptions) -> None:
    spec = read.spec
    data = read_bytes(spec.location, max_bytes=options.digest.max_bytes)
    kind = feed_kind(data)
    if kind is not None:
        _add_feed(read, parse_feed(data, Path(spec.location).resolve().as_uri(), kind), Network.LOCAL_FILE)
        read.update = SourceUpdate(spec.location, spec.name)
        return
    text = (
        decode_html(data, spec.location, encoding=options.digest.encoding)
        if is_html(data)
        else decode(data, spec.location, options.digest.encoding)
    )
    item = FeedItem(link=str(Path(spec.location).resolve()))
    read.candidates.append(
        Candidate(
            spec,
            spec.name or spec.location,
            spec.location,
            item,
            item_keys(item, spec.location),
            Network.LOCAL_FILE,
            text,
        )
    )


def _add_feed(read: Read, feed: Feed, network: Network) -> None:
    spec = read.spec
    name = spec.name or feed.title or spec.location
    if feed.warning:
        read.problems.append(Problem(name, "lenient_feed", feed.warning, level="warning"))
    for item in feed.items:
        read.candidates.append(Candidate(spec, name, spec.location, item, item_keys(item, spec.location), network))


# --- choosing what to show -------------------------------------------------------

DEFAULT_PER_SOURCE = 10
"""New items digested per source and run unless ``--per-source`` (or a feed's
``limit``) says otherwise: a daily digest of ten sources stays readable (a
hundred stories at most), and a first run over a feed of thousands of items
finishes in seconds; the rest wait, unseen, for the next runs."""


def select(fresh: list[Candidate], options: RunOptions) -> tuple[list[Candidate], list[Candidate], list[Candidate]]:
    """(to digest, over the limit: titles only, older than --since). Newest
    first within a source; undated items count as new. Items over the limit
    stay unseen: the next run digests the newest of them."""
    older: list[Candidate] = []
    if options.since is not None:
        cutoff = datetime.now(timezone.utc) - options.since
        older = [c for c in fresh if (_when(c.item.published) or cutoff) < cutoff]
        fresh = [c for c in fresh if (_when(c.item.published) or cutoff) >= cutoff]
    shown: list[Candidate] = []
    more: list[Candidate] = []
    by_source: dict[str, list[Candidate]] = {}
    for candidate in fresh:
        by_source.setdefault(candidate.source_url, []).append(candidate)
    for items in by_source.values():
        limit = items[0].spec.limit or per_source_limit(options)
        ordered = sorted(
            items, key=lambda c: _when(c.item.published) or datetime.max.replace(tzinfo=timezone.utc), reverse=True
        )
        kept = {id(c) for c in (ordered[:limit] if limit else ordered)}
        shown += [c for c in items if id(c) in kept]  # feed order within the source
        more += [c for c in items if id(c) not in kept]
    return shown, more, older


def per_source_limit(options: RunOptions) -> int:
    """Items digested per source: ``--per-source`` (0: all), else `DEFAULT_PER_SOURCE`."""
    return DEFAULT_PER_SOURCE if options.per_source is None else options.per_source


def _when(stamp: str | None) -> datetime | None:
    if not stamp:
        return None
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def seen_item(candidate: Candidate) -> SeenItem:
    return SeenItem(candidate.keys, candidate.source_url, candidate.item.link, candidate.item.title)


def mention_of(candidate: Candidate) -> Mention:
    item = candidate.item
    return Mention(candidate.source, candidate.source_url, item.title, item.link, item.published)


def fetch_articles(
    shown: list[Candidate], options: RunOptions, pacer: HostPacer, pool: ThreadPoolExecutor
) -> dict[str, SourceText | InputError]:
    """Each distinct link fetched once (two feeds with one article: one request),
    under the rule of the feed it came from."""
    from newsum.sources.read import read_source

    jobs: dict[str, Candidate] = {}
    for candidate in shown:
        link = candidate.item.link
        if candidate.text is None and link and canonical_link(link) not in jobs:
            jobs[canonical_link(link)] = candidate

    def fetch_one(candidate: Candidate) -> SourceText | InputError:
        from newsum.sources.fetch import FetchOptions

        link = candidate.item.link or ""
        policy = LinkPolicy(candidate.network, options.allow_private, options.digest.timeout)
        try:
            policy(link)  # file: and other schemes are refused here, before read_source could open a path
            if not is_url(link):
                from newsum.errors import UnsupportedSource

                raise UnsupportedSource("not an http or https link", link)
            pacer.wait(link)
            fetching = FetchOptions(
                timeout=options.digest.timeout,
                user_agent=options.digest.user_agent,
                check_url=policy,
                # Every connection, redirects included, pinned to addresses no
                # more private than the feed's (DNS rebinding included).
                trusted_network=candidate.network,
                trusted_origin="the feed it came from",
                allow_private=options.allow_private,
            )
            return read_source(link, max_bytes=options.digest.max_bytes, fetch_options=fetching)
        except InputError as exc:
            exc.source = exc.source or link
            return exc

    futures = {key: pool.submit(fetch_one, candidate) for key, candidate in jobs.items()}
    return {key: future.result() for key, future in futures.items()}
