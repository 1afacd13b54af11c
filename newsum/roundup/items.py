"""Digesting a run's shown items, on ``jobs`` processes (0 = all cores; the
CPU work of a digest holds the GIL, so threads would not help), models loaded
once per process: each item from its page, else from the feed's own text."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace

from newsum.errors import InputError
from newsum.model import Digest, Problem
from newsum.pipeline import Options, digest_decoded, digest_text
from newsum.roundup.config import Progress, RunOptions
from newsum.roundup.reading import Candidate
from newsum.roundup.stories import canonical_link
from newsum.sources.decode import SourceText
from newsum.sources.feeds import FeedItem

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
) -> list[Entry]:
    """Every item's digest, on ``options.jobs`` processes, in feed order."""
    from newsum.pipeline import run_many

    jobs: list[_Job] = []
    failures: list[InputError | None] = []
    for candidate in shown:
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
    done = run_many(_digest_job, jobs, options.jobs, options.digest)
    return [_entry(c, d, f, problems, say) for c, d, f in zip(shown, done, failures, strict=False)]


def _digest_job(job: _Job) -> _Done:
    """One item: its page (or file), else the feed's own text. Runs in a worker."""
    failure: tuple[str, str] | None = None
    if job.text is not None:
        text = job.text
        try:
            return _Done(
                digest_decoded(text.text, text.name, job.settings, text.url, text.kind == "html", text.cut), None
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
