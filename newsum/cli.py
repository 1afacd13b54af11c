"""The command line: a thin layer that parses flags, calls `newsum.digest`,
renders, and maps errors to exit codes.

Start-up time matters (cron runs, shell loops), so this module imports only
typer and newsum's light modules; nltk, sumy, numpy and rich load inside the
code paths that need them. A test guards it.
"""

from __future__ import annotations

import contextlib
import enum
import os
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Optional

import typer

from . import __version__
from .errors import ExitCode, NewsumError, UsageError, exit_code_for, exit_code_of

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from .evaluate import System
    from .roundup_model import Problem
    from .state import Summary

EXIT_CODES_HELP = (
    "\b\nExit codes:\n"
    "  0    every input produced a digest\n"
    "  1    some inputs failed (one error line each on stderr)\n"
    "  2    usage error (bad option or value)\n"
    "  3    nothing usable: every input failed\n"
    "  4    internal error (a bug; --debug shows the traceback)\n"
    "  75   newsum digest/state: another run held the state lock longer than --wait\n"
    "  130  interrupted (Ctrl-C)"
)
EVAL_EXIT_CODES_HELP = (
    "\b\nExit codes:\n"
    "  0    every system scored every article\n"
    "  1    an algorithm failed on some articles (one line each on stderr)\n"
    "  2    usage error (bad option or value; the eval extra not installed)\n"
    "  3    nothing usable: data file missing, unreadable, empty, or a bad line\n"
    "  4    internal error (a bug; --debug shows the traceback)\n"
    "  130  interrupted (Ctrl-C)"
)

DIGEST_EXIT_CODES_HELP = (
    "\b\nExit codes:\n"
    "  0    every source was read and every new item digested\n"
    "  1    something failed (listed under Problems / errors[] and on stderr); the rest was written\n"
    "  2    usage error (bad option or value, a bad feeds file)\n"
    "  3    nothing usable: every source failed, or the state cannot be used\n"
    "  4    internal error (a bug; --debug shows the traceback)\n"
    "  75   another run held the state lock longer than --wait (nothing done; try later)\n"
    "  130  interrupted (Ctrl-C; nothing marked seen)"
)
STATE_EXIT_CODES_HELP = (
    "\b\nExit codes:\n"
    "  0    done\n"
    "  2    usage error (bad option or value)\n"
    "  3    the state cannot be used (unwritable, not newsum's, a newer schema)\n"
    "  75   another run held the state lock longer than --wait"
)

def _typer(name: str, help: str, epilog: str) -> typer.Typer:  # noqa: A002 - typer's own keyword
    """newsum's apps and sub-apps all read the same way: plain help (typer's
    rich help imports rich.markdown, a slow start-up), help when called bare,
    no shell-completion options, no pretty tracebacks (errors.py maps those)."""
    return typer.Typer(
        name=name,
        help=help,
        epilog=epilog,
        add_completion=False,
        no_args_is_help=True,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
    )


app = _typer("newsum", "Digest news articles: headline, byline, summary, keyphrases, quotes and actors.", EXIT_CODES_HELP)


class Format(str, enum.Enum):
    rich = "rich"
    text = "text"
    markdown = "markdown"
    json = "json"
    jsonl = "jsonl"


class Order(str, enum.Enum):
    position = "position"
    score = "score"


# Kept in step with newsum.summary.ALGORITHMS (a test checks); listed here so
# that `--help` does not import the summary stage.
class Algorithm(str, enum.Enum):
    news = "news"
    lead = "lead"
    lex_rank = "lex-rank"
    text_rank = "text-rank"
    lsa = "lsa"
    luhn = "luhn"
    kl = "kl"
    sum_basic = "sum-basic"
    reduction = "reduction"
    edmundson = "edmundson"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsum {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """Digest news articles: headline, byline, summary, keyphrases, quotes and actors."""


@app.command(epilog=EXIT_CODES_HELP)
def summarize(
    sources: list[str] = typer.Argument(..., metavar="SOURCE...", help="Article URLs (http/https), files (text, Markdown or HTML), or - for standard input."),
    fmt: Optional[Format] = typer.Option(None, "--format", "-f", help="Output format [default: rich on a terminal, else text]."),
    algorithm: Algorithm = typer.Option(Algorithm.news, "--algorithm", "-a", help="Summarisation algorithm."),
    sentences: Optional[int] = typer.Option(None, "--sentences", "-n", help="Summary length in sentences [default: 3].", show_default=False),
    ratio: Optional[float] = typer.Option(None, "--ratio", help="Summary length as a share of the article's sentences, e.g. 0.2."),
    words: Optional[int] = typer.Option(None, "--words", help="Summary length budget in words (whole sentences only)."),
    order: Order = typer.Option(Order.position, "--order", help="List summary sentences by article position or by score."),
    language: Optional[str] = typer.Option(None, "--language", help="Article language for the stemmer and stop words [default: the page's declared language, else english].", show_default=False),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Input encoding if not UTF-8, e.g. cp1252."),
    max_bytes: int = typer.Option(10 * 1024 * 1024, "--max-bytes", help="Refuse inputs (files, stdin, downloaded pages) larger than this many bytes."),
    timeout: float = typer.Option(30.0, "--timeout", help="Give up on a URL after this many seconds, retries included (and on a named pipe nobody writes to)."),
    user_agent: Optional[str] = typer.Option(None, "--user-agent", help="User-Agent header for URLs [default: newsum/VERSION].", show_default=False),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Parallel processes for many inputs [default: all cores].", show_default=False),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No error lines on stderr (exit code only)."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for unexpected failures."),
) -> None:
    """Print a digest of each SOURCE: headline, byline, date, summary,
    keyphrases, key quotes with speakers, and actors."""
    with _exit_codes(debug):
        code = _summarize(
            sources, fmt, algorithm, sentences, ratio, words, order, language, encoding, max_bytes, timeout, user_agent, jobs, quiet, debug
        )
    raise typer.Exit(code)


@contextlib.contextmanager
def _exit_codes(debug: bool) -> Iterator[None]:
    """Every command's failures end here: one stderr line and an exit code
    (`newsum.errors.exit_code_of` maps newsum's own errors)."""
    try:
        yield
    except typer.Exit:
        raise
    except NewsumError as exc:
        _error(str(exc))
        raise typer.Exit(exit_code_of(exc)) from None
    except KeyboardInterrupt:
        _error("interrupted")
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    except BrokenPipeError:
        # The reader went away (`newsum ... | head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(ExitCode.OK) from None
    except Exception as exc:  # the last line of defence: no tracebacks
        if debug:
            raise
        _error(f"internal error: {exc!r}; rerun with --debug for the traceback, and please report it")
        raise typer.Exit(ExitCode.INTERNAL) from None


def _summarize(
    sources: list[str],
    fmt: Format | None,
    algorithm: Algorithm,
    sentences: int | None,
    ratio: float | None,
    words: int | None,
    order: Order,
    language: str | None,
    encoding: str | None,
    max_bytes: int,
    timeout: float,
    user_agent: str | None,
    jobs: int,
    quiet: bool,
    debug: bool,
) -> ExitCode:
    from .digest import Options, digest_many
    from .render import make_renderer
    from .sources import STDIN
    from .summary import Length
    from .text import SUPPORTED_LANGUAGES

    if language is not None and language not in SUPPORTED_LANGUAGES:
        raise UsageError(f"unsupported language {language!r}; choose from {', '.join(SUPPORTED_LANGUAGES)}")
    if sources.count(STDIN) > 1:
        raise UsageError("standard input (-) can be read only once")
    if max_bytes < 1 or jobs < 0 or timeout <= 0:
        raise UsageError("--max-bytes and --timeout must be positive and --jobs zero or more")
    length = Length.from_options(sentences, ratio, words)
    options = Options(
        algorithm=algorithm.value,
        length=length,
        order=order.value,
        language=language,
        encoding=encoding,
        max_bytes=max_bytes,
        timeout=timeout,
        user_agent=user_agent,
        debug=debug,
    )
    stdin_data = sys.stdin.buffer.read(max_bytes + 1) if STDIN in sources else None
    chosen = fmt.value if fmt else ("rich" if sys.stdout.isatty() else "text")
    renderer = make_renderer(chosen, sys.stdout, many=len(sources) > 1)
    failed = 0
    progress = _Progress(len(sources)) if len(sources) > 1 and not quiet and sys.stderr.isatty() else None
    renderer.begin()
    with contextlib.closing(digest_many(sources, options, jobs=jobs, stdin_data=stdin_data)) as digests:
        for digest in digests:
            if progress:
                progress.hide()
            if not digest.ok:
                failed += 1
                if not quiet:
                    for error in digest.errors:
                        _error(f"{digest.source}: {error.message}")
            elif debug or not quiet:
                for error in digest.errors:
                    _error(f"{digest.source}: warning: {error.message}")
            with _no_interrupt():
                renderer.item(digest)
            if progress:
                progress.advance(failed)
    if progress:
        progress.hide()
    renderer.end()
    return exit_code_for(len(sources), failed)


class DigestFormat(str, enum.Enum):
    markdown = "markdown"
    rich = "rich"
    text = "text"
    json = "json"
    jsonl = "jsonl"
    html = "html"


_EXTENSION_FORMATS = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".json": "json",
                      ".jsonl": "jsonl", ".html": "html", ".htm": "html"}


@app.command("digest", epilog=DIGEST_EXIT_CODES_HELP)
def digest_command(
    sources: Optional[list[str]] = typer.Argument(None, metavar="[SOURCE...]", help="Feed URLs (RSS, Atom, JSON Feed), article URLs, feed or article files; told apart by content.", show_default=False),
    feeds: Optional[str] = typer.Option(None, "--feeds", metavar="FILE", help='TOML file of sources: [[feed]] tables with url, and optional name, limit, language, enabled.'),
    since: Optional[str] = typer.Option(None, "--since", metavar="AGE", help="Show only items published within AGE (30m, 24h, 7d); older new items are remembered, not shown."),
    per_source: Optional[int] = typer.Option(None, "--per-source", metavar="N", help="Digest at most N new items per source (newest first); the rest are listed by title. A feed's own limit wins."),
    fmt: Optional[DigestFormat] = typer.Option(None, "--format", "-f", help="Output format [default: from --output's extension, else rich on a terminal, else markdown].", show_default=False),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="PATH", help="Write the digest to PATH ({date} becomes today's date), atomically; nothing is written when nothing is new."),
    state: Optional[str] = typer.Option(None, "--state", metavar="PATH", help="State database [default: $NEWSUM_STATE, else $XDG_STATE_HOME/newsum/state.sqlite3, else ~/.local/state/newsum/state.sqlite3].", show_default=False),
    wait: float = typer.Option(60.0, "--wait", metavar="SECONDS", help="How long to wait for another run holding the state lock, then exit 75."),
    mark_seen: bool = typer.Option(False, "--mark-seen", help="Remember every current item as seen without fetching or printing any (a first run)."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Processes that summarise items [default: all cores]; downloads run this many at once, at least 4.", show_default=False),
    host_delay: float = typer.Option(1.0, "--host-delay", metavar="SECONDS", help="Politeness: at least this long between two requests to one host."),
    allow_private: bool = typer.Option(False, "--allow-private", help="Let links found in feeds point to more private networks than the feed's (loopback, LAN, link-local)."),
    algorithm: Algorithm = typer.Option(Algorithm.news, "--algorithm", "-a", help="Summarisation algorithm."),
    sentences: int = typer.Option(3, "--sentences", "-n", help="Summary sentences per story."),
    language: Optional[str] = typer.Option(None, "--language", help="Article language [default: each page's declared language, else english].", show_default=False),
    max_bytes: int = typer.Option(10 * 1024 * 1024, "--max-bytes", help="Refuse feeds, pages and files larger than this many bytes."),
    timeout: float = typer.Option(30.0, "--timeout", help="Give up on a URL after this many seconds, retries included."),
    user_agent: Optional[str] = typer.Option(None, "--user-agent", help="User-Agent header [default: newsum/VERSION].", show_default=False),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Progress on stderr."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Errors only on stderr (no warnings such as a moved feed)."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for unexpected failures."),
) -> None:
    """A digest of what is new in feeds, article URLs and files since the last
    run: one entry per story (several sources of one event merged), with the
    day's most mentioned actors and keyphrases on top. Made for cron: items
    are marked seen only once the digest is written; problems are listed in
    the digest and on stderr, and nothing else goes to stderr."""
    with _exit_codes(debug):
        code = _digest(sources or [], feeds, since, per_source, fmt, output, state, wait, mark_seen, jobs, host_delay,
                       allow_private, algorithm, sentences, language, max_bytes, timeout, user_agent, verbose, quiet, debug)
    raise typer.Exit(code)


def _digest(
    sources: list[str], feeds: str | None, since: str | None, per_source: int | None, fmt: DigestFormat | None,
    output: str | None, state: str | None, wait: float, mark_seen: bool, jobs: int, host_delay: float,
    allow_private: bool, algorithm: Algorithm, sentences: int, language: str | None, max_bytes: int, timeout: float,
    user_agent: str | None, verbose: bool, quiet: bool, debug: bool,
) -> ExitCode:
    from pathlib import Path

    from . import roundup
    from .digest import Options
    from .summary import Length
    from .text import SUPPORTED_LANGUAGES

    if language is not None and language not in SUPPORTED_LANGUAGES:
        raise UsageError(f"unsupported language {language!r}; choose from {', '.join(SUPPORTED_LANGUAGES)}")
    if max_bytes < 1 or jobs < 0 or timeout <= 0 or sentences < 1 or wait < 0 or host_delay < 0:
        raise UsageError("--max-bytes, --timeout and --sentences must be positive; --jobs, --wait and --host-delay zero or more")
    if per_source is not None and per_source < 1:
        raise UsageError("--per-source must be at least 1")
    if "-" in sources:
        raise UsageError("newsum digest reads feeds, URLs and files, not standard input")
    specs = [roundup.SourceSpec(s) for s in sources]
    if feeds:
        specs += roundup.load_feeds(Path(feeds))
    if not specs:
        raise UsageError("no sources: name feeds, URLs or files, or pass --feeds FILE")
    options = roundup.RunOptions(
        digest=Options(algorithm=algorithm.value, length=Length(sentences=sentences), language=language,
                       max_bytes=max_bytes, timeout=timeout, user_agent=user_agent, debug=debug),
        since=roundup.parse_duration(since) if since else None,
        per_source=per_source, jobs=jobs, host_delay=host_delay, allow_private=allow_private, mark_seen_only=mark_seen,
    )
    if fmt is not None:
        chosen = fmt.value
    elif output is not None:
        chosen = _EXTENSION_FORMATS.get(Path(output).suffix.lower(), "markdown")
    else:
        chosen = "rich" if sys.stdout.isatty() else "markdown"
    progress = (lambda message: _error(message)) if verbose else None
    result = roundup.run(specs, options, fmt=chosen, output=output, stdout=sys.stdout,
                         state_path=Path(state).expanduser() if state else None, wait=wait, progress=progress)
    for problem in result.problems:
        if problem.level == "error" or not quiet:
            _error(_problem_line(problem))
    if verbose:
        _error(f"{len(result.stories)} stories from {result.new_items} new items; {len(result.errors)} problems")
    failed_sources = {p.source for p in result.errors if p.item is None}
    if result.errors and len(failed_sources) >= result.sources and not result.stories:
        return ExitCode.FAILED
    return ExitCode.PARTIAL if result.errors else ExitCode.OK


def _problem_line(problem: Problem) -> str:
    item = f" ({problem.item})" if problem.item else ""
    level = "warning: " if problem.level == "warning" else ""
    return f"{problem.source}{item}: {level}{problem.message}"


state_app = _typer("state", "Inspect and maintain newsum digest's state (seen items, feed health).", STATE_EXIT_CODES_HELP)
app.add_typer(state_app, name="state")

_STATE_OPTION_HELP = "State database [default: $NEWSUM_STATE, else $XDG_STATE_HOME/newsum/state.sqlite3]."


@state_app.callback()
def _state() -> None:
    """Inspect and maintain newsum digest's state (seen items, feed health)."""


@state_app.command("show", epilog=STATE_EXIT_CODES_HELP)
def state_show(
    state: Optional[str] = typer.Option(None, "--state", metavar="PATH", help=_STATE_OPTION_HELP, show_default=False),
    as_json: bool = typer.Option(False, "--json", help="One JSON object instead of text."),
    wait: float = typer.Option(60.0, "--wait", metavar="SECONDS", help="How long to wait for a run holding the lock."),
) -> None:
    """Where the state is, how many items it remembers, and each source's
    health: last success, consecutive failures, last error, moved, disabled."""
    with _exit_codes(False):
        from dataclasses import asdict

        from .state import open_state

        with open_state(_state_path(state), wait) as db:
            summary = db.summary()
        if as_json:
            import json

            data = {"path": str(summary.path), "schema_version": summary.schema_version, "seen": summary.seen,
                    "oldest": summary.oldest, "last_run": summary.last_run,
                    "sources": [{**asdict(s), "seen": n} for s, n in summary.sources]}
            sys.stdout.write(json.dumps(data, indent=2) + "\n")
        else:
            sys.stdout.write(_state_text(summary))
    raise typer.Exit(ExitCode.OK)


def _state_text(summary: Summary) -> str:
    from .render import safe

    lines = [f"state: {summary.path} (schema {summary.schema_version})",
             f"seen items: {summary.seen}" + (f", oldest {summary.oldest}" if summary.oldest else "")]
    if summary.last_run:
        run = summary.last_run
        lines.append(f"last run: {run['finished']}: {run['stories']} stories from {run['items']} new items, "
                     f"{run['problems']} problems, output {run['output'] or 'none'}")
    for source, seen in summary.sources:
        lines.append("")
        lines.append(safe(source.url) + (f"  ({safe(source.name)})" if source.name else ""))
        lines.append(f"  seen items: {seen}; last success: {source.last_success or 'never'}; failures in a row: {source.failures}")
        if source.last_error and source.failures:
            lines.append(f"  last error: {safe(source.last_error)}")
        if source.etag or source.last_modified:
            lines.append(f"  validators: ETag {safe(source.etag) or '-'}, Last-Modified {safe(source.last_modified) or '-'}")
        if source.moved_to:
            lines.append(f"  moved permanently to {safe(source.moved_to)}")
        if source.disabled:
            lines.append(f"  DISABLED: {safe(source.disabled)} (newsum state forget URL enables it)")
    return "\n".join(lines) + "\n"


@state_app.command("prune", epilog=STATE_EXIT_CODES_HELP)
def state_prune(
    older_than: str = typer.Option(..., "--older-than", metavar="AGE", help="Forget items seen longer ago than AGE (e.g. 90d)."),
    state: Optional[str] = typer.Option(None, "--state", metavar="PATH", help=_STATE_OPTION_HELP, show_default=False),
    wait: float = typer.Option(60.0, "--wait", metavar="SECONDS", help="How long to wait for a run holding the lock."),
) -> None:
    """Forget items seen long ago, to keep the state small. Choose AGE longer
    than your feeds keep items, or old items still listed come back."""
    with _exit_codes(False):
        from .roundup import parse_duration
        from .state import open_state

        age = parse_duration(older_than)
        with open_state(_state_path(state), wait) as db:
            removed = db.prune(age)
        sys.stdout.write(f"forgot {removed} item identities seen more than {older_than} ago\n")
    raise typer.Exit(ExitCode.OK)


@state_app.command("forget", epilog=STATE_EXIT_CODES_HELP)
def state_forget(
    url: str = typer.Argument(..., metavar="URL", help="A source (its validators, health and seen items go) or an item's link."),
    state: Optional[str] = typer.Option(None, "--state", metavar="PATH", help=_STATE_OPTION_HELP, show_default=False),
    wait: float = typer.Option(60.0, "--wait", metavar="SECONDS", help="How long to wait for a run holding the lock."),
) -> None:
    """Forget a source, so its next run starts afresh (a disabled source is
    enabled again), or one item, so it is shown again."""
    with _exit_codes(False):
        from .state import open_state

        with open_state(_state_path(state), wait) as db:
            sources, items = db.forget(url)
        if not sources and not items:
            raise UsageError(f"the state knows no source or item {url!r} (see newsum state show)")
        sys.stdout.write(f"forgot {sources} source(s) and {items} item identities for {url}\n")
    raise typer.Exit(ExitCode.OK)


def _state_path(state: str | None) -> Path | None:
    from pathlib import Path

    return Path(state).expanduser() if state else None


eval_app = _typer("eval", "Score newsum's analyses on your own labelled data.", EVAL_EXIT_CODES_HELP)
app.add_typer(eval_app, name="eval")


@eval_app.callback()
def _eval() -> None:
    """Score newsum's analyses on your own labelled data."""


class EvalFormat(str, enum.Enum):
    rich = "rich"
    text = "text"
    json = "json"


@eval_app.command("summaries", epilog=EVAL_EXIT_CODES_HELP)
def eval_summaries(
    data: str = typer.Argument(..., metavar="DATA.jsonl", help='JSONL, one article per line: {"id", "text", "reference", "title"?}; text paragraphs separated by blank lines, reference one sentence per line.'),
    algorithms: Optional[list[Algorithm]] = typer.Option(None, "--algorithm", "-a", help="Algorithm to score; repeatable [default: all]. A Lead-k baseline row always comes first.", show_default=False),
    sentences: Optional[int] = typer.Option(None, "--sentences", "-n", help="Summary length in sentences [default: 3].", show_default=False),
    reference_length: bool = typer.Option(False, "--reference-length", help="Summary length per article: as many sentences as its reference has lines."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Score only the first N articles."),
    fmt: Optional[EvalFormat] = typer.Option(None, "--format", "-f", help="Output format [default: rich on a terminal, else text]."),
    jobs: int = typer.Option(1, "--jobs", "-j", help="Processes for scoring; 0 = all cores [default: 1, so ms/article is measured without contention].", show_default=False),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for unexpected failures (a failing algorithm stops the run)."),
) -> None:
    """ROUGE scores of summarisers on your data.

    Scores each algorithm on the articles of DATA.jsonl with ROUGE-1/2/L/Lsum
    F1 (x 100, mean over articles; Google rouge-score with stemming), after
    a Lead-k baseline row (the first k sentences). Needs the eval extra:
    pip install 'newsum[eval]'."""
    with _exit_codes(debug):
        code = _eval_summaries(data, algorithms or [], sentences, reference_length, limit, fmt, jobs, debug)
    raise typer.Exit(code)


def _eval_summaries(
    data: str,
    algorithms: list[Algorithm],
    sentences: int | None,
    reference_length: bool,
    limit: int | None,
    fmt: EvalFormat | None,
    jobs: int,
    debug: bool,
) -> ExitCode:
    from pathlib import Path

    from . import evaluate
    from .render import safe
    from .summary import ALGORITHMS

    count = evaluate.sentence_count(sentences, reference_length)
    if limit is not None and limit < 1:
        raise UsageError("--limit must be at least 1")
    if jobs < 0:
        raise UsageError("--jobs must be zero or more")
    evaluate.load_scorer()  # the missing extra is a usage error, before any work
    articles = evaluate.load_articles(Path(data), count, limit)
    systems = evaluate.systems_for([a.value for a in algorithms] or ALGORITHMS, count)

    progress = _eval_progress(len(systems), len(articles)) if sys.stderr.isatty() else None
    try:
        scores = evaluate.evaluate(articles, systems, jobs=jobs, progress=progress, debug=debug)
    finally:
        if progress:
            _clear_progress()
            sys.stderr.flush()
    for score in scores:
        for failure in score.failures:
            _error(f"{data}:{failure.line}: {score.system} failed on {failure.id} (scored as empty): {failure.message}")

    chosen = fmt.value if fmt else ("rich" if sys.stdout.isatty() else "text")
    if chosen == "json":
        sys.stdout.write(evaluate.format_json(scores, data, count) + "\n")
    elif chosen == "text":
        sys.stdout.write(evaluate.format_text(scores) + "\n")
    else:
        from rich.console import Console

        k = "reference lines" if count == evaluate.REF else count
        caption = f"ROUGE F1 x 100, k = {k}: {safe(data)}"
        Console(file=sys.stdout, highlight=False, emoji=False, markup=False).print(evaluate.rich_table(scores, caption))
    sys.stdout.flush()
    return ExitCode.PARTIAL if any(score.failures for score in scores) else ExitCode.OK


class _Progress:
    """A rich progress bar on stderr (only on a terminal, for many inputs).

    It refreshes only when an item is done: no refresh thread, so the process
    pool can still fork safely. It is hidden while a digest is written, so
    output on the same terminal never mixes with it.
    """

    def __init__(self, total: int) -> None:
        from rich import progress
        from rich.console import Console

        self.progress = progress.Progress(
            progress.TextColumn("newsum"), progress.BarColumn(), progress.MofNCompleteColumn(),
            progress.TextColumn("done, {task.fields[failed]} failed"), progress.TimeElapsedColumn(),
            console=Console(file=sys.stderr), transient=True, auto_refresh=False,
            redirect_stdout=False, redirect_stderr=False,
        )
        self.task = self.progress.add_task("digests", total=total, failed=0)
        self.shown = False
        self.show()

    def advance(self, failed: int) -> None:
        self.progress.update(self.task, advance=1, failed=failed)
        if not self.progress.tasks[0].finished:
            self.show()

    def show(self) -> None:
        if not self.shown:
            self.progress.start()
            self.shown = True
        self.progress.refresh()

    def hide(self) -> None:
        if self.shown:
            self.progress.stop()
            self.shown = False


@contextlib.contextmanager
def _no_interrupt() -> Iterator[None]:
    """Ctrl-C waits until a digest is written whole: JSONL stays line-complete,
    even when the write blocks on a full pipe. SIGINT is caught and held
    meanwhile (a Python handler: it runs in the main thread whichever thread
    the signal reaches, which a signal mask does not ensure once the process
    pool's threads exist), then raised as KeyboardInterrupt."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():  # pragma: no cover - signals are main-thread only
        yield
        return
    held: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: held.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if held:
        raise KeyboardInterrupt


def _eval_progress(systems: int, articles: int) -> Callable[[int, System, int], None]:
    """One self-overwriting stderr line: which system, how many articles done."""

    def show(index: int, system: System, done: int) -> None:
        _clear_progress()
        sys.stderr.write(f"newsum: [{index}/{systems}] {system.name}: {done}/{articles} articles")
        sys.stderr.flush()

    return show


def _clear_progress() -> None:
    """Progress is one self-overwriting stderr line, shown only on a terminal."""
    sys.stderr.write("\r\x1b[2K")


def _error(message: str) -> None:
    from .render import safe

    sys.stderr.write(f"newsum: {safe(message)}\n")
    sys.stderr.flush()


def main() -> None:
    """Console-script entry point.

    numpy's OpenBLAS otherwise starts a thread per core that spins while idle:
    newsum's matrices are small (summary windows, keyphrase graphs) and a batch
    already uses every core through --jobs, so the CLI asks for one BLAS thread
    (measured: 0.76 -> 0.65 s CPU for a cold article). Only the command sets
    it; a program importing newsum keeps its own setting.
    """
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    app()
