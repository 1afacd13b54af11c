"""One `newsum digest` run: read sources -> pick new items -> fetch and digest
them -> merge stories -> overview. Returns the `Roundup` to render and the
`Commit` to record once the output is written (the caller does both, in that
order, so an item is marked seen only after it was delivered).

Sources named by the user (feed URLs, article URLs, files) are trusted; links
found inside a feed obey `newsum.sources.addresses.LinkPolicy`. Fetching runs on
threads (``jobs``, at least 4) with a politeness delay per host; digesting
runs on ``jobs`` processes (0 = all cores; the CPU work of a digest holds the
GIL, so threads would not help), models loaded once per process.
"""

from __future__ import annotations

import contextlib
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path
from typing import TextIO

from newsum.model import Problem, Roundup
from newsum.roundup.config import Progress, RunOptions, SourceSpec
from newsum.roundup.items import digest_all
from newsum.roundup.merge import merge, overview
from newsum.roundup.reading import (
    Candidate,
    HostPacer,
    download_threads,
    fetch_articles,
    mention_of,
    read_source_spec,
    seen_item,
    select,
)
from newsum.roundup.state import Commit, State, now_iso


def collect(
    specs: list[SourceSpec], state: State, options: RunOptions, progress: Progress | None = None
) -> tuple[Roundup, Commit]:
    """The run, up to (not including) rendering and recording."""
    say = progress or (lambda message: None)
    pacer = HostPacer(options.host_delay)
    enabled = [s for s in specs if s.enabled]
    # Microseconds: a run's name in a story's history, unique even for two
    # runs within one second.
    commit = Commit(started=datetime.now(timezone.utc).isoformat())
    problems: list[Problem] = []
    # The database stays in this thread (sqlite3 connections are per thread).
    known = {spec.location: state.source(spec.location) for spec in enabled}
    with ThreadPoolExecutor(max_workers=download_threads(options)) as pool:
        reads = list(pool.map(lambda spec: read_source_spec(spec, known[spec.location], options, pacer, say), enabled))
    candidates: list[Candidate] = []
    for read in reads:
        problems += read.problems
        candidates += read.candidates
        if read.update is not None:
            commit.sources.append(read.update)
    fresh = [c for c in candidates if not state.is_seen(c.keys)]
    roundup = Roundup(generated=now_iso(), sources=len(enabled), new_items=len(fresh))
    if options.mark_seen_only:
        commit.seen += [seen_item(c) for c in fresh]
        roundup.problems = problems
        return roundup, commit
    shown, more, older = select(fresh, options)
    roundup.older = len(older)
    roundup.more = [mention_of(c) for c in more]
    # Items over the per-source limit stay unseen: the next run digests them.
    # So their feed's validators are not kept (a 304 would hide them).
    commit.seen += [seen_item(c) for c in shown + older]
    waiting = {c.source_url for c in more}
    for update in commit.sources:
        if update.url in waiting:
            update.etag = update.last_modified = None
    say(f"{len(fresh)} new items: {len(shown)} to digest, {len(more)} over the limit, {len(older)} too old")
    # A run killed after digesting some items left their digests behind.
    finished = state.pending(c.keys[0] for c in shown)
    with ThreadPoolExecutor(max_workers=download_threads(options)) as pool:
        pages = fetch_articles([c for c in shown if c.keys[0] not in finished], options, pacer, pool)
    # Every download thread has ended here: the digest pool may fork safely.
    entries = digest_all(shown, pages, options, problems, say, finished, state.keep_pending)
    remembered = state.stories(options.story_window)
    sentences = options.digest.length.sentences or 3
    roundup.stories, commit.stories = merge(entries, remembered, sentences, options.digest.algorithm, options.actors)
    roundup.top_actors, roundup.top_keyphrases = overview(roundup.stories)
    roundup.problems = problems
    commit.run = {
        "sources": len(enabled),
        "items": len(fresh),
        "stories": len(roundup.stories),
        "problems": len(roundup.errors),
    }
    return roundup, commit


# --- the whole run: collect, write, then record ------------------------------------------------


def run(
    specs: list[SourceSpec],
    options: RunOptions,
    *,
    fmt: str,
    output: str | None,
    stdout: TextIO,
    state_path: Path | None = None,
    wait: float = 60.0,
    progress: Progress | None = None,
) -> Roundup:
    """Collect, write the digest (``output``, else ``stdout``), and only then
    mark its items seen. Raises `StateLocked` when another run holds the
    state for longer than ``wait`` seconds."""
    from newsum.roundup.state import open_state

    with open_state(state_path, wait) as state:
        roundup, commit = collect(specs, state, options, progress)
        # --mark-seen prints nothing, but json and jsonl always write a record.
        quiet = options.mark_seen_only and fmt not in ("json", "jsonl")
        written = None if quiet else deliver(roundup, fmt, output, stdout)
        if commit.run is not None:
            commit.run["output"] = written
        state.commit(commit)
    return roundup


def deliver(roundup: Roundup, fmt: str, output: str | None, stdout: TextIO) -> str | None:
    """Write the rendered digest; returns where (a path, ``-`` for stdout) or
    None when there was nothing to say. Human formats say nothing when nothing
    is new (so cron sends no mail); json and jsonl always write a record."""
    import io

    from newsum.render.roundup import render

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

    from newsum.errors import StateError

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
