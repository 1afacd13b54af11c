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
    from .evaluate import System

EXIT_CODES_HELP = (
    "\b\nExit codes:\n"
    "  0    every input produced a digest\n"
    "  1    some inputs failed (one error line each on stderr)\n"
    "  2    usage error (bad option or value)\n"
    "  3    nothing usable: every input failed\n"
    "  4    internal error (a bug; --debug shows the traceback)\n"
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

app = typer.Typer(
    name="newsum",
    help="Digest news articles: headline, byline, summary, keyphrases, quotes and actors.",
    epilog=EXIT_CODES_HELP,
    add_completion=False,
    no_args_is_help=True,
    # Plain help: typer's rich help imports rich.markdown (slow start-up).
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


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
    timeout: float = typer.Option(30.0, "--timeout", help="Give up on a URL after this many seconds, retries included."),
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
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no tracebacks
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
    progress = len(sources) > 1 and not quiet and sys.stderr.isatty()
    renderer.begin()
    for done, digest in enumerate(digest_many(sources, options, jobs=jobs, stdin_data=stdin_data), 1):
        if progress:
            _clear_progress()
        if not digest.ok:
            failed += 1
            if not quiet:
                for error in digest.errors:
                    _error(f"{digest.source}: {error.message}")
        elif debug or not quiet:
            for error in digest.errors:
                _error(f"{digest.source}: warning: {error.message}")
        renderer.item(digest)
        if progress and done < len(sources):
            sys.stderr.write(f"newsum: {done}/{len(sources)} done, {failed} failed")
            sys.stderr.flush()
    renderer.end()
    return exit_code_for(len(sources), failed)


eval_app = typer.Typer(
    name="eval",
    help="Score newsum's analyses on your own labelled data.",
    epilog=EVAL_EXIT_CODES_HELP,
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
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
    """Console-script entry point."""
    app()
