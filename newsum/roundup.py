"""One `newsum digest` run: read sources -> pick new items -> fetch and digest
them -> merge stories -> overview. Returns the `Roundup` to render and the
`Commit` to record once the output is written (the caller does both, in that
order, so an item is marked seen only after it was delivered).

Sources named by the user (feed URLs, article URLs, files) are trusted; links
found inside a feed obey `newsum.addresses.LinkPolicy`. Fetching runs on
threads (``jobs``, at least 4) with a politeness delay per host; digesting
runs on ``jobs`` processes (0 = all cores; the CPU work of a digest holds the
GIL, so threads would not help), models loaded once per process.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

from .addresses import LinkPolicy, Network, url_network
from .digest import Options, _digest_text, digest_text
from .errors import HTTPError, InputError, SourceDisabled, SourceGone
from .feeds import Feed, FeedItem, feed_kind, parse_feed
from .model import Actor, Digest, Quote
from .roundup_model import ActorCount, Mention, PhraseCount, Problem, Roundup, Story
from .sources import SourceText, decode, decode_html, is_html, is_url, read_bytes
from .state import Commit, SeenItem, SourceState, SourceUpdate, State, now_iso
from .stories import canonical_link, fingerprint, group

Progress = Callable[[str], None]

TOP_ACTORS = 8
TOP_KEYPHRASES = 10
STORY_ACTORS = 5
# Feed text shorter than this is a teaser, not an article worth summarising.
_MIN_FEED_TEXT_WORDS = 60


@dataclass(frozen=True)
class SourceSpec:
    """One source as the user listed it (command line or feeds.toml)."""

    location: str
    """A URL or a file path."""
    name: str | None = None
    limit: int | None = None
    language: str | None = None
    enabled: bool = True


@dataclass(frozen=True)
class RunOptions:
    digest: Options = field(default_factory=Options)
    since: timedelta | None = None
    per_source: int | None = None
    jobs: int = 0
    """Processes that digest items (0 = all cores); downloads run on at least 4 threads."""
    host_delay: float = 1.0
    """Seconds between two requests to the same host."""
    allow_private: bool = False
    mark_seen_only: bool = False
    """Remember every current item without fetching or showing any."""


@dataclass
class _Candidate:
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
class _Read:
    """What reading one source gave."""

    spec: SourceSpec
    candidates: list[_Candidate] = field(default_factory=list)
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


def collect(specs: list[SourceSpec], state: State, options: RunOptions, progress: Progress | None = None) -> tuple[Roundup, Commit]:
    """The run, up to (not including) rendering and recording."""
    say = progress or (lambda message: None)
    pacer = HostPacer(options.host_delay)
    enabled = [s for s in specs if s.enabled]
    commit = Commit()
    problems: list[Problem] = []
    # The database stays in this thread (sqlite3 connections are per thread).
    known = {spec.location: state.source(spec.location) for spec in enabled}
    with ThreadPoolExecutor(max_workers=_download_threads(options)) as pool:
        reads = list(pool.map(lambda spec: _read_source(spec, known[spec.location], options, pacer, say), enabled))
    candidates: list[_Candidate] = []
    for read in reads:
        problems += read.problems
        candidates += read.candidates
        if read.update is not None:
            commit.sources.append(read.update)
    fresh = [c for c in candidates if not state.is_seen(c.keys)]
    roundup = Roundup(generated=now_iso(), sources=len(enabled), new_items=len(fresh))
    if options.mark_seen_only:
        commit.seen += [_seen(c) for c in fresh]
        roundup.problems = problems
        return roundup, commit
    shown, more, older = _select(fresh, options)
    roundup.older = len(older)
    roundup.more = [_mention(c) for c in more]
    commit.seen += [_seen(c) for c in shown + more + older]
    say(f"{len(fresh)} new items: {len(shown)} to digest, {len(more)} over the limit, {len(older)} too old")
    with ThreadPoolExecutor(max_workers=_download_threads(options)) as pool:
        pages = _fetch_articles(shown, options, pacer, pool)
    # Every download thread has ended here: the digest pool may fork safely.
    entries = _digest_all(shown, pages, options, problems, say)
    roundup.stories = _merge(entries)
    roundup.top_actors, roundup.top_keyphrases = _overview(roundup.stories)
    roundup.problems = problems
    commit.run = {"sources": len(enabled), "items": len(fresh), "stories": len(roundup.stories),
                  "problems": len(roundup.errors)}
    return roundup, commit


def _download_threads(options: RunOptions) -> int:
    return max(4, options.jobs)


# --- reading sources -----------------------------------------------------------


def _read_source(spec: SourceSpec, known: SourceState | None, options: RunOptions, pacer: HostPacer, say: Progress) -> _Read:
    read = _Read(spec)
    location = spec.location
    name = spec.name or location
    try:
        if known is not None and known.disabled:
            raise SourceDisabled(f"disabled: {known.disabled}; `newsum state forget {location}` enables it again", location)
        if is_url(location):
            _read_url(read, known, options, pacer)
        else:
            _read_file(read, options)
    except InputError as exc:
        disable = None
        if isinstance(exc, HTTPError) and exc.status == 410:
            disable = "the server answered 410 Gone"
            exc = SourceGone(f"HTTP 410 Gone: the source is gone for good; it is disabled (`newsum state forget {location}` "
                             "enables it again)", location)
        read.problems.append(Problem(name, exc.code, exc.message))
        if not isinstance(exc, SourceDisabled):
            read.update = SourceUpdate(location, spec.name, ok=False, error=exc.message, disable=disable)
        say(f"{name}: failed: {exc.message}")
        return read
    say(f"{name}: {len(read.candidates)} items" + (" (not modified)" if any(p.code == "not_modified" for p in read.problems) else ""))
    read.problems = [p for p in read.problems if p.level != "info"]
    return read


def _read_url(read: _Read, known: SourceState | None, options: RunOptions, pacer: HostPacer) -> None:
    from .fetch import FetchOptions, fetch

    spec = read.spec
    fetching = FetchOptions(
        timeout=options.digest.timeout, max_bytes=options.digest.max_bytes, user_agent=options.digest.user_agent,
        feeds=True, etag=known.etag if known else None, last_modified=known.last_modified if known else None,
    )
    pacer.wait(spec.location)
    page = fetch(spec.location, fetching)
    read.update = SourceUpdate(spec.location, spec.name, etag=page.etag, last_modified=page.last_modified,
                               moved_to=page.moved_to)
    if page.moved_to:
        read.problems.append(Problem(spec.name or spec.location, "moved", f"moved permanently to {page.moved_to}; "
                                     "update your list of sources", level="warning"))
    if page.not_modified:
        read.problems.append(Problem(spec.name or spec.location, "not_modified", "not modified since the last run (HTTP 304)", level="info"))
        return
    kind = feed_kind(page.body)
    if kind is not None:
        content_type = f"{page.content_type}; charset={page.charset}" if page.charset else page.content_type
        feed = parse_feed(page.body, page.final_url, kind, content_type)
        _add_feed(read, feed, url_network(page.final_url))
        return
    # Not a feed: the page is an article the user named.
    from .fetch import HTML_TYPES
    from .sources import codec_for_label

    if page.content_type in HTML_TYPES or is_html(page.body):
        text = decode_html(page.body, spec.location, page.charset, options.digest.encoding)
    else:
        text = decode(page.body, spec.location, options.digest.encoding or codec_for_label(page.charset))
    item = FeedItem(link=spec.location)
    read.candidates.append(_Candidate(spec, spec.name or spec.location, spec.location, item,
                                      item_keys(item, spec.location), Network.LOCAL_FILE, replace(text, url=page.final_url)))


def _read_file(read: _Read, options: RunOptions) -> None:
    spec = read.spec
    data = read_bytes(spec.location, max_bytes=options.digest.max_bytes)
    kind = feed_kind(data)
    if kind is not None:
        _add_feed(read, parse_feed(data, Path(spec.location).resolve().as_uri(), kind), Network.LOCAL_FILE)
        read.update = SourceUpdate(spec.location, spec.name)
        return
    text = decode_html(data, spec.location, encoding=options.digest.encoding) if is_html(data) else decode(
        data, spec.location, options.digest.encoding)
    item = FeedItem(link=str(Path(spec.location).resolve()))
    read.candidates.append(_Candidate(spec, spec.name or spec.location, spec.location, item,
                                      item_keys(item, spec.location), Network.LOCAL_FILE, text))


def _add_feed(read: _Read, feed: Feed, network: Network) -> None:
    spec = read.spec
    name = spec.name or feed.title or spec.location
    if feed.warning:
        read.problems.append(Problem(name, "lenient_feed", feed.warning, level="warning"))
    for item in feed.items:
        read.candidates.append(_Candidate(spec, name, spec.location, item, item_keys(item, spec.location), network))


# --- choosing what to show -------------------------------------------------------


def _select(fresh: list[_Candidate], options: RunOptions) -> tuple[list[_Candidate], list[_Candidate], list[_Candidate]]:
    """(to digest, over the limit: titles only, older than --since). Newest
    first within a source; undated items count as new."""
    older: list[_Candidate] = []
    if options.since is not None:
        cutoff = datetime.now(timezone.utc) - options.since
        older = [c for c in fresh if (_when(c.item.published) or cutoff) < cutoff]
        fresh = [c for c in fresh if (_when(c.item.published) or cutoff) >= cutoff]
    shown: list[_Candidate] = []
    more: list[_Candidate] = []
    by_source: dict[str, list[_Candidate]] = {}
    for candidate in fresh:
        by_source.setdefault(candidate.source_url, []).append(candidate)
    for items in by_source.values():
        limit = items[0].spec.limit or options.per_source
        ordered = sorted(items, key=lambda c: _when(c.item.published) or datetime.max.replace(tzinfo=timezone.utc), reverse=True)
        kept = {id(c) for c in (ordered[:limit] if limit else ordered)}
        shown += [c for c in items if id(c) in kept]  # feed order within the source
        more += [c for c in items if id(c) not in kept]
    return shown, more, older


def _when(stamp: str | None) -> datetime | None:
    if not stamp:
        return None
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def _seen(candidate: _Candidate) -> SeenItem:
    return SeenItem(candidate.keys, candidate.source_url, candidate.item.link, candidate.item.title)


def _mention(candidate: _Candidate) -> Mention:
    item = candidate.item
    return Mention(candidate.source, candidate.source_url, item.title, item.link, item.published)


# --- fetching and digesting items ---------------------------------------------------


def _fetch_articles(shown: list[_Candidate], options: RunOptions, pacer: HostPacer, pool: ThreadPoolExecutor) -> dict[str, SourceText | InputError]:
    """Each distinct link fetched once (two feeds with one article: one request),
    under the rule of the feed it came from."""
    from .sources import read_source

    jobs: dict[str, _Candidate] = {}
    for candidate in shown:
        link = candidate.item.link
        if candidate.text is None and link and canonical_link(link) not in jobs:
            jobs[canonical_link(link)] = candidate

    def fetch_one(candidate: _Candidate) -> SourceText | InputError:
        from .fetch import FetchOptions

        link = candidate.item.link or ""
        policy = LinkPolicy(candidate.network, options.allow_private)
        try:
            policy(link)  # file: and other schemes are refused here, before read_source could open a path
            if not is_url(link):
                from .errors import UnsupportedSource

                raise UnsupportedSource("not an http or https link", link)
            pacer.wait(link)
            fetching = FetchOptions(timeout=options.digest.timeout, user_agent=options.digest.user_agent, check_url=policy)
            return read_source(link, max_bytes=options.digest.max_bytes, fetch_options=fetching)
        except InputError as exc:
            exc.source = exc.source or link
            return exc

    futures = {key: pool.submit(fetch_one, candidate) for key, candidate in jobs.items()}
    return {key: future.result() for key, future in futures.items()}


@dataclass
class _Entry:
    candidate: _Candidate
    digest: Digest | None
    notes: list[str]


@dataclass(frozen=True)
class _Job:
    """What one item's digest needs, sent to a worker process (it pickles)."""

    text: SourceText | None
    fallback: str | None
    """The item's full text from the feed, as HTML, when it has one."""
    fallback_name: str
    settings: Options


@dataclass(frozen=True)
class _Done:
    digest: Digest | None
    failure: tuple[str, str] | None
    """(code, message) of the page's failure, when there was one."""
    from_feed: bool = False


def _digest_all(shown: list[_Candidate], pages: dict[str, SourceText | InputError], options: RunOptions,
                problems: list[Problem], say: Progress) -> list[_Entry]:
    """Every item's digest, on ``options.jobs`` processes, in feed order."""
    from .digest import run_many

    jobs: list[_Job] = []
    failures: list[InputError | None] = []
    for candidate in shown:
        item = candidate.item
        settings = replace(options.digest, language=candidate.spec.language) if candidate.spec.language else options.digest
        text, failure = candidate.text, None
        if text is None and item.link:
            got = pages.get(canonical_link(item.link))
            if isinstance(got, InputError):
                failure = got
            else:
                text = got
        failures.append(failure)
        jobs.append(_Job(text, _feed_text(item), item.link or candidate.source, settings))
    done = run_many(_digest_job, jobs, options.jobs, options.digest)
    return [_entry(c, d, f, problems, say) for c, d, f in zip(shown, done, failures)]


def _digest_job(job: _Job) -> _Done:
    """One item: its page (or file), else the feed's own text. Runs in a worker."""
    failure: tuple[str, str] | None = None
    if job.text is not None:
        text = job.text
        try:
            return _Done(_digest_text(text.text, text.name, job.settings, text.url, text.kind == "html", text.cut), None)
        except InputError as exc:
            failure = (exc.code, exc.message)
    if job.fallback is not None:
        try:
            return _Done(digest_text(job.fallback, job.fallback_name, job.settings, html=True), failure, from_feed=True)
        except InputError as exc:
            failure = failure or (exc.code, exc.message)
    return _Done(None, failure)


def _entry(candidate: _Candidate, done: _Done, fetch_failure: InputError | None, problems: list[Problem],
           say: Progress) -> _Entry:
    item = candidate.item
    failure = (fetch_failure.code, fetch_failure.message) if fetch_failure is not None else done.failure
    notes: list[str] = []
    if done.digest is not None:
        if done.from_feed and failure is not None:
            notes.append(f"summarised from the feed's own text: the page failed ({failure[1]})")
        return _Entry(candidate, done.digest, notes)
    code, reason = failure if failure else ("no_article_text", "the item has no link and no text")
    problems.append(Problem(candidate.source, code, reason, item=item.title, link=item.link))
    notes.append(f"not summarised: {reason}")
    say(f"{candidate.source}: {item.title or item.link}: {reason}")
    return _Entry(candidate, None, notes)


def _feed_text(item: FeedItem) -> str | None:
    """The item's full text from the feed, as a small HTML page, when it is
    long enough to be the article rather than a teaser."""
    body = item.content or item.summary
    if not body or len(re.sub(r"<[^>]+>", " ", body).split()) < _MIN_FEED_TEXT_WORDS:
        return None
    if not re.search(r"<(p|div|br|ul|ol|li|h[1-6]|blockquote|article|section)\b", body, re.IGNORECASE):
        body = "".join(f"<p>{html.escape(p.strip())}</p>" for p in re.split(r"\n\s*\n", body) if p.strip())
    title = html.escape(item.title or "")
    return f"<!DOCTYPE html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"


# --- stories and overview -------------------------------------------------------------


def _merge(entries: list[_Entry]) -> list[Story]:
    prints = [fingerprint(_entry_text(e), _language(e)) for e in entries]
    links = [e.candidate.item.link for e in entries]
    stories = [_story([entries[i] for i in members]) for members in group(links, prints)]
    # Stories told by more sources first, then the newest.
    stories.sort(key=lambda s: (len({m.source_url for m in s.mentions}), s.published or ""), reverse=True)
    return stories


def _entry_text(entry: _Entry) -> str:
    title = _title(entry)
    if entry.digest is None:
        return title
    return " ".join([title, *(s.text for s in entry.digest.summary)])


def _language(entry: _Entry) -> str:
    if entry.digest is not None and entry.digest.article is not None:
        return entry.digest.article.meta.language
    return "english"


def _title(entry: _Entry) -> str:
    item = entry.candidate.item
    meta = entry.digest.article.meta if entry.digest and entry.digest.article else None
    return item.title or (meta.title if meta else None) or item.link or entry.candidate.source


def _story(group_entries: list[_Entry]) -> Story:
    """One story from its entries: the text of the fullest digest, every source."""
    lead = max(group_entries, key=lambda e: (e.digest is not None, len(e.digest.summary) if e.digest else 0))
    meta = lead.digest.article.meta if lead.digest and lead.digest.article else None
    mentions = []
    for entry in [lead] + [e for e in group_entries if e is not lead]:
        mention = _mention(entry.candidate)
        mention.title = mention.title or _title(entry)
        mention.link = mention.link or (entry.digest.article.meta.url if entry.digest and entry.digest.article else None)
        mentions.append(mention)
    digests = [e.digest for e in group_entries if e.digest is not None]
    summary = [s.text for s in lead.digest.summary] if lead.digest else []
    notes = [n for e in group_entries for n in e.notes] if not digests else list(lead.notes)
    return Story(
        title=_title(lead),
        link=lead.candidate.item.link or (meta.url if meta else None),
        published=lead.candidate.item.published or (meta.published if meta else None),
        mentions=mentions,
        summary=summary,
        actors=_merged_actors(digests)[:STORY_ACTORS],
        quote=_best_quote(digests, summary),
        keyphrases=lead.digest.keyphrases[:5] if lead.digest else [],
        notes=notes,
    )


def _merged_actors(digests: Iterable[Digest]) -> list[Actor]:
    merged: dict[tuple[str, str], Actor] = {}
    for digest in digests:
        for actor in digest.actors:
            key = (actor.name, actor.type)
            if key in merged:
                merged[key].mentions += actor.mentions
                merged[key].role = merged[key].role or actor.role
            else:
                merged[key] = Actor(actor.name, actor.type, actor.mentions, actor.role)
    return sorted(merged.values(), key=lambda a: -a.mentions)


def _best_quote(digests: list[Digest], summary: list[str]) -> Quote | None:
    """The best quote the summary does not already show: a speaker's own words
    (direct and attributed) before a partial or unattributed one."""
    shown = " ".join(summary)
    quotes = [q for d in digests for q in d.quotes if q.text not in shown]
    preferred = (
        [q for q in quotes if q.speaker and q.kind == "direct"] or [q for q in quotes if q.speaker] or quotes
    )
    return max(preferred, key=lambda q: q.score, default=None)


def _overview(stories: list[Story]) -> tuple[list[ActorCount], list[PhraseCount]]:
    """The actors named in the most stories (then by mentions), and the
    keyphrases shared by the most stories (then by their summed scores)."""
    actor_stories: Counter[tuple[str, str]] = Counter()
    actor_mentions: Counter[tuple[str, str]] = Counter()
    phrase_stories: Counter[str] = Counter()
    phrase_score: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for story in stories:
        for actor in story.actors:
            actor_stories[(actor.name, actor.type)] += 1
            actor_mentions[(actor.name, actor.type)] += actor.mentions
        for phrase in story.keyphrases:
            key = phrase.phrase.lower()
            shown.setdefault(key, phrase.phrase)
            phrase_stories[key] += 1
            phrase_score[key] += phrase.score
    actors = sorted(actor_stories, key=lambda k: (-actor_stories[k], -actor_mentions[k], k))[:TOP_ACTORS]
    phrases = sorted(phrase_stories, key=lambda k: (-phrase_stories[k], -phrase_score[k], k))[:TOP_KEYPHRASES]
    return (
        [ActorCount(name, kind, actor_stories[(name, kind)], actor_mentions[(name, kind)]) for name, kind in actors],
        [PhraseCount(shown[k], phrase_stories[k]) for k in phrases],
    )


# --- configuration --------------------------------------------------------------------------

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$", re.IGNORECASE)
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_FEED_KEYS = {"url", "name", "limit", "language", "enabled"}


def parse_duration(text: str) -> timedelta:
    """``30m``, ``24h``, ``90d``, ``2w`` -> a timedelta; `UsageError` otherwise."""
    from .errors import UsageError

    match = _DURATION.match(text)
    if not match:
        raise UsageError(f"not a duration: {text!r}; write a number and a unit (s, m, h, d, w), e.g. 24h or 90d")
    return timedelta(seconds=float(match.group(1)) * _UNITS[match.group(2).lower()])


def load_feeds(path: Path) -> list[SourceSpec]:
    """Sources from a TOML file of ``[[feed]]`` tables: ``url`` (a URL or a
    path, relative to the file), optional ``name``, ``limit``, ``language``,
    ``enabled``. Raises `ConfigError` naming the file and what is wrong."""
    from .errors import ConfigError
    from .text import SUPPORTED_LANGUAGES

    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("no such feeds file", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the feeds file: {exc}", str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", str(path)) from None
    tables = data.get("feed", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise ConfigError('list sources as [[feed]] tables, each with url = "..."', str(path))
    specs = []
    for number, table in enumerate(tables, 1):
        where = f"{path}: feed {number}"
        unknown = set(table) - _FEED_KEYS
        if unknown:
            raise ConfigError(f"unknown key {min(unknown)!r} (known: {', '.join(sorted(_FEED_KEYS))})", where)
        url = table.get("url")
        if not isinstance(url, str) or not url.strip():
            raise ConfigError('each [[feed]] needs url = "https://..." (or a file path)', where)
        limit, language, enabled, name = table.get("limit"), table.get("language"), table.get("enabled", True), table.get("name")
        if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 1):
            raise ConfigError("limit must be a whole number of at least 1", where)
        if language is not None and language not in SUPPORTED_LANGUAGES:
            raise ConfigError(f"unsupported language {language!r}; choose from {', '.join(SUPPORTED_LANGUAGES)}", where)
        if not isinstance(enabled, bool):
            raise ConfigError("enabled must be true or false", where)
        if name is not None and not isinstance(name, str):
            raise ConfigError("name must be a string", where)
        location = url.strip()
        if not is_url(location):
            location = str((path.parent / Path(location).expanduser()).resolve())
        specs.append(SourceSpec(location, name, limit, language, enabled))
    return specs


# --- the whole run: collect, write, then record ------------------------------------------------


def run(specs: list[SourceSpec], options: RunOptions, *, fmt: str, output: str | None, stdout: TextIO,
        state_path: Path | None = None, wait: float = 60.0, progress: Progress | None = None) -> Roundup:
    """Collect, write the digest (``output``, else ``stdout``), and only then
    mark its items seen. Raises `StateLocked` when another run holds the
    state for longer than ``wait`` seconds."""
    from .state import open_state

    with open_state(state_path, wait) as state:
        roundup, commit = collect(specs, state, options, progress)
        written = None if options.mark_seen_only else deliver(roundup, fmt, output, stdout)
        if commit.run is not None:
            commit.run["output"] = written
        state.commit(commit)
    return roundup


def deliver(roundup: Roundup, fmt: str, output: str | None, stdout: TextIO) -> str | None:
    """Write the rendered digest; returns where (a path, ``-`` for stdout) or
    None when there was nothing to say. Human formats say nothing when nothing
    is new (so cron sends no mail); json and jsonl always write a record."""
    import io

    from .render_roundup import render

    if roundup.empty and fmt not in ("json", "jsonl"):
        return None
    buffer = io.StringIO()
    render(roundup, fmt, buffer)
    if output is None:
        stdout.write(buffer.getvalue())
        stdout.flush()
        return "-"
    path = Path(output.replace("{date}", datetime.now().date().isoformat()))
    write_atomically(path, buffer.getvalue())
    return str(path)


def write_atomically(path: Path, content: str) -> None:
    """Temp file in the same directory, fsync, rename: a reader (or a crash)
    sees the old file or the whole new one, never half of it."""
    import os
    import tempfile

    from .errors import StateError

    directory = path.parent if str(path.parent) else Path(".")
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(content)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
    except OSError as exc:
        raise StateError(f"cannot write the digest: {exc.strerror or exc}", str(path)) from None
