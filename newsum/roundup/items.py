"""Digesting a run's shown items, on ``jobs`` processes (0 = all cores; the
CPU work of a digest holds the GIL, so threads would not help), models loaded
once per process: each item from its page, else from the feed's own text."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from newsum.errors import InputError
from newsum.model import Digest, Problem
from newsum.pipeline import Options, digest_decoded, digest_text, source_warning
from newsum.roundup.config import Progress, RunOptions
from newsum.roundup.reading import Candidate
from newsum.roundup.stories import canonical_link
from newsum.sources.decode import SourceText
from newsum.sources.feeds import FeedItem

# A digest's notes about how its page was read, worth a warning in the run.
_WARNINGS = frozenset({"charset_corrected"})
# Feed text shorter than this is a teaser, not an article worth summarising.
_MIN_FEED_TEXT_WORDS = 60


# --- fetching and digesting items ---------------------------------------------------


@dataclass
class Entry:
    candidate: Candidate
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


def digest_all(
    shown: list[Candidate],
    pages: dict[str, SourceText | InputError],
    options: RunOptions,
    problems: list[Problem],
    say: Progress,
    finished: dict[str, Digest] | None = None,
    keep: Callable[[str, Digest], None] | None = None,
) -> list[Entry]:
    """Every item's digest, on ``options.jobs`` processes, in feed order.

    ``finished``: digests a killed run already made, by the item's first key
    (reused, not redone); ``keep``: called with each new digest as it is done
    (the state keeps it until the output is delivered)."""
    from newsum.pipeline import run_many

    finished = finished or {}
    todo = [c for c in shown if c.keys[0] not in finished]
    jobs: list[_Job] = []
    failures: list[InputError | None] = []
    for candidate in todo:
        item = candidate.item
        settings = (
            replace(options.digest, language=candidate.spec.language) if candidate.spec.language else options.digest
        )
        text, failure = candidate.text, None
        if text is None and item.link:
            got = pages.get(canonical_link(item.link))
            if isinstance(got, InputError):
                failure = got
            else:
                text = got
        failures.append(failure)
        jobs.append(_Job(text, _feed_text(item), item.link or candidate.source, settings))
    done = run_many(_digest_job, jobs, options.jobs, options.digest) if jobs else iter(())
    by_key: dict[str, Entry] = {}
    for number, (candidate, result, failure) in enumerate(zip(todo, done, failures, strict=False), 1):
        if keep is not None and result.digest is not None and not result.from_feed:
            keep(candidate.keys[0], result.digest)
        by_key[candidate.keys[0]] = _entry(candidate, result, failure, problems, say)
        say(f"digested {number}/{len(todo)}: {candidate.item.title or candidate.item.link or candidate.source}")
    if finished:
        say(f"{len(shown) - len(todo)} items digested by a run that did not finish: reused")
    return [
        by_key[c.keys[0]] if c.keys[0] in by_key else _entry(c, _Done(finished[c.keys[0]], None), None, problems, say)
        for c in shown
    ]


def _digest_job(job: _Job) -> _Done:
    """One item: its page (or file), else the feed's own text. Runs in a worker."""
    failure: tuple[str, str] | None = None
    if job.text is not None:
        text = job.text
        try:
            return _Done(
                digest_decoded(
                    text.text, text.name, job.settings, text.url, text.kind == "html", text.cut, source_warning(text)
                ),
                None,
            )
        except InputError as exc:
            failure = (exc.code, exc.message)
    if job.fallback is not None:
        try:
            return _Done(digest_text(job.fallback, job.fallback_name, job.settings, html=True), failure, from_feed=True)
        except InputError as exc:
            failure = failure or (exc.code, exc.message)
    return _Done(None, failure)


def _entry(
    candidate: Candidate, done: _Done, fetch_failure: InputError | None, problems: list[Problem], say: Progress
) -> Entry:
    item = candidate.item
    failure = (fetch_failure.code, fetch_failure.message) if fetch_failure is not None else done.failure
    notes: list[str] = []
    if done.digest is not None:
        for warning in done.digest.errors:
            if warning.code in _WARNINGS:  # said in the run's errors (level warning) and on stderr
                problems.append(
                    Problem(candidate.source, warning.code, warning.message, "warning", item.title, item.link)
                )
        if done.from_feed and failure is not None:
            notes.append(f"summarised from the feed's own text: the page failed ({failure[1]})")
        return Entry(candidate, done.digest, notes)
    code, reason = failure if failure else ("no_article_text", "the item has no link and no text")
    problems.append(Problem(candidate.source, code, reason, item=item.title, link=item.link))
    notes.append(f"not summarised: {reason}")
    say(f"{candidate.source}: {item.title or item.link}: {reason}")
    return Entry(candidate, None, notes)


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
