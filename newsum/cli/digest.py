"""``newsum digest``: what is new in feeds, URLs and files since the last run."""

from __future__ import annotations

import enum
import io
import sys
from typing import TYPE_CHECKING, Optional, TextIO, cast

import typer

from newsum.cli.common import Algorithm, actor_count, exit_codes, say_error
from newsum.errors import ExitCode, UsageError

if TYPE_CHECKING:  # pragma: no cover
    from newsum.model import Problem


class DigestFormat(str, enum.Enum):
    markdown = "markdown"
    rich = "rich"
    text = "text"
    json = "json"
    jsonl = "jsonl"
    html = "html"
    atom = "atom"


_EXTENSION_FORMATS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".json": "json",
    ".jsonl": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".atom": "atom",
}


def digest_command(
    sources: Optional[list[str]] = typer.Argument(
        None,
        metavar="[SOURCE...]",
        help="Feed URLs (RSS, Atom, JSON Feed), article URLs, feed or article files; told apart by content.",
        show_default=False,
    ),
    feeds: Optional[str] = typer.Option(
        None,
        "--feeds",
        metavar="FILE",
        help="TOML file of sources: [[feed]] tables with url, and optional name, limit, language, enabled.",
    ),
    since: Optional[str] = typer.Option(
        None,
        "--since",
        metavar="AGE",
        help="Show only items published within AGE (30m, 24h, 7d); older new items are remembered, not shown.",
    ),
    actors: str = typer.Option(
        "5",
        "--actors",
        metavar="N",
        help="Actors each story lists, most mentioned first (0: none; all: every one).",
    ),
    story_window: str = typer.Option(
        "14d",
        "--story-window",
        metavar="AGE",
        help="A new report of a story shown within AGE is marked as its follow-up, with what is new first.",
    ),
    per_source: Optional[int] = typer.Option(
        None,
        "--per-source",
        metavar="N",
        help="Digest at most N new items per source, newest first [default: 10; 0: all]; the rest are listed by title and stay new for the next run. A feed's own limit wins.",
    ),
    fmt: Optional[DigestFormat] = typer.Option(
        None,
        "--format",
        "-f",
        help="Output format [default: from --output's extension, else rich on a terminal, else markdown].",
        show_default=False,
    ),
    output: Optional[str] = typer.Option(
        None,
        "--output",
        "-o",
        metavar="PATH",
        help="Write the digest to PATH ({date} becomes today's date), atomically; nothing is written when nothing is new.",
    ),
    state: Optional[str] = typer.Option(
        None,
        "--state",
        metavar="PATH",
        help="State database [default: $NEWSUM_STATE, else $XDG_STATE_HOME/newsum/state.sqlite3, else ~/.local/state/newsum/state.sqlite3].",
        show_default=False,
    ),
    wait: float = typer.Option(
        60.0, "--wait", metavar="SECONDS", help="How long to wait for another run holding the state lock, then exit 75."
    ),
    mark_seen: bool = typer.Option(
        False, "--mark-seen", help="Remember every current item as seen without fetching or printing any (a first run)."
    ),
    jobs: int = typer.Option(
        0,
        "--jobs",
        "-j",
        help="Processes that summarise items [default: all cores]; downloads run this many at once, at least 4.",
        show_default=False,
    ),
    host_delay: float = typer.Option(
        1.0, "--host-delay", metavar="SECONDS", help="Politeness: at least this long between two requests to one host."
    ),
    allow_private: bool = typer.Option(
        False,
        "--allow-private",
        help="Follow redirects (and feeds' links) into more private networks than the URL named: loopback, LAN, link-local.",
    ),
    algorithm: Algorithm = typer.Option(Algorithm.news, "--algorithm", "-a", help="Summarisation algorithm."),
    sentences: int = typer.Option(3, "--sentences", "-n", help="Summary sentences per story."),
    language: Optional[str] = typer.Option(
        None,
        "--language",
        help="Article language: a code or name (de, german, es, spanish, en, english, french...) "
        "[default: each page's declared language, else detected from the words, else english].",
        show_default=False,
    ),
    max_bytes: int = typer.Option(
        10 * 1024 * 1024, "--max-bytes", help="Refuse feeds, pages and files larger than this many bytes."
    ),
    timeout: float = typer.Option(
        30.0, "--timeout", help="Give up on a URL after this many seconds, retries included."
    ),
    user_agent: Optional[str] = typer.Option(
        None, "--user-agent", help="User-Agent header [default: newsum/VERSION].", show_default=False
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Progress on stderr."),
    quiet: bool = typer.Option(
        False, "--quiet", "-q", help="Errors only on stderr (no warnings such as a moved feed)."
    ),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for unexpected failures."),
) -> None:
    """A digest of what is new in feeds, article URLs and files since the last
    run: one entry per story (several sources of one event merged), with the
    day's most mentioned actors and keyphrases on top. Made for cron: items
    are marked seen only once the digest is written; problems are listed in
    the digest and on stderr, and nothing else goes to stderr."""
    with exit_codes(debug):
        code = _digest(
            sources or [],
            feeds,
            since,
            actors,
            story_window,
            per_source,
            fmt,
            output,
            state,
            wait,
            mark_seen,
            jobs,
            host_delay,
            allow_private,
            algorithm,
            sentences,
            language,
            max_bytes,
            timeout,
            user_agent,
            verbose,
            quiet,
            debug,
        )
    raise typer.Exit(code)


def _digest(
    sources: list[str],
    feeds: str | None,
    since: str | None,
    actors: str,
    story_window: str,
    per_source: int | None,
    fmt: DigestFormat | None,
    output: str | None,
    state: str | None,
    wait: float,
    mark_seen: bool,
    jobs: int,
    host_delay: float,
    allow_private: bool,
    algorithm: Algorithm,
    sentences: int,
    language: str | None,
    max_bytes: int,
    timeout: float,
    user_agent: str | None,
    verbose: bool,
    quiet: bool,
    debug: bool,
) -> ExitCode:
    from pathlib import Path

    from newsum.analyses.summary import Length
    from newsum.pipeline import Options
    from newsum.roundup.config import RunOptions, SourceSpec, load_feeds, parse_duration
    from newsum.roundup.run import run

    if language is not None:
        from newsum.nlp.languages import unsupported

        why = unsupported(language)
        if why:
            raise UsageError(why)
    if max_bytes < 1 or jobs < 0 or timeout <= 0 or sentences < 1 or wait < 0 or host_delay < 0:
        raise UsageError(
            "--max-bytes, --timeout and --sentences must be positive; --jobs, --wait and --host-delay zero or more"
        )
    if per_source is not None and per_source < 0:
        raise UsageError("--per-source must be 0 (all) or more")
    if "-" in sources:
        raise UsageError("newsum digest reads feeds, URLs and files, not standard input")
    specs = [SourceSpec(s) for s in sources]
    if feeds:
        specs += load_feeds(Path(feeds))
    if not specs:
        raise UsageError("no sources: name feeds, URLs or files, or pass --feeds FILE")
    options = RunOptions(
        digest=Options(
            algorithm=algorithm.value,
            length=Length(sentences=sentences),
            language=language,
            max_bytes=max_bytes,
            timeout=timeout,
            user_agent=user_agent,
            debug=debug,
        ),
        since=parse_duration(since) if since else None,
        story_window=parse_duration(story_window),
        actors=actor_count(actors),
        per_source=per_source,
        jobs=jobs,
        host_delay=host_delay,
        allow_private=allow_private,
        mark_seen_only=mark_seen,
    )
    if fmt is not None:
        chosen = fmt.value
    elif output is not None:
        chosen = _EXTENSION_FORMATS.get(Path(output).suffix.lower(), "markdown")
    else:
        chosen = "rich" if sys.stdout.isatty() else "markdown"
    # Progress: lines with -v; else one line rewritten in place on a terminal
    # (never off one: cron mails whatever a job prints).
    line = _ProgressLine() if not verbose and not quiet and sys.stderr.isatty() else None
    progress = (lambda message: say_error(message)) if verbose else line
    try:
        result = run(
            specs,
            options,
            fmt=chosen,
            output=output,
            stdout=sys.stdout if line is None else cast("TextIO", _ClearFirst(line)),
            state_path=Path(state).expanduser() if state else None,
            wait=wait,
            progress=progress,
        )
    finally:
        if line is not None:
            line.clear()
    for problem in result.problems:
        if problem.level == "error" or not quiet:
            say_error(_problem_line(problem))
    if verbose:
        say_error(f"{len(result.stories)} stories from {result.new_items} new items; {len(result.errors)} problems")
    failed_sources = {p.source for p in result.errors if p.item is None}
    # A story whose every item failed is listed (by title, with the reason) but
    # is no digest: when those are all there is, nothing usable came out.
    if result.errors and len(failed_sources) >= result.sources and not any(s.summary for s in result.stories):
        return ExitCode.FAILED
    return ExitCode.PARTIAL if result.errors else ExitCode.OK


class _ProgressLine:
    """On a terminal: one line on stderr showing what the run is doing,
    rewritten in place, cleared before anything else is written there."""

    width = 100

    def __init__(self) -> None:
        self.shown = False

    def __call__(self, message: str) -> None:
        from newsum.render.common import safe

        line = " ".join(safe(message).split())
        sys.stderr.write("\r\x1b[2K" + ("newsum: " + line)[: self.width])
        sys.stderr.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[2K")
            sys.stderr.flush()
            self.shown = False


class _ClearFirst(io.TextIOBase):
    """stdout that clears the progress line before the digest is written on the same terminal."""

    def __init__(self, line: _ProgressLine) -> None:
        self.line = line

    def write(self, text: str) -> int:
        self.line.clear()
        return sys.stdout.write(text)

    def flush(self) -> None:
        sys.stdout.flush()


def _problem_line(problem: Problem) -> str:
    item = f" ({problem.item})" if problem.item else ""
    level = "warning: " if problem.level == "warning" else ""
    return f"{problem.source}{item}: {level}{problem.message}"
