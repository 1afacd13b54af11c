"""``newsum summarize``: one digest per source, streamed in input order."""

from __future__ import annotations

import contextlib
import enum
import sys
from typing import Optional

import typer

from newsum.cli.common import Algorithm, actor_count, exit_codes, no_interrupt, say_error
from newsum.errors import ExitCode, UsageError, exit_code_for


class Format(str, enum.Enum):
    rich = "rich"
    text = "text"
    markdown = "markdown"
    json = "json"
    jsonl = "jsonl"


class Order(str, enum.Enum):
    position = "position"
    score = "score"


def summarize(
    sources: list[str] = typer.Argument(
        ...,
        metavar="SOURCE...",
        help="Article URLs (http/https), files (text, Markdown or HTML), or - for standard input.",
    ),
    fmt: Optional[Format] = typer.Option(
        None, "--format", "-f", help="Output format [default: rich on a terminal, else text]."
    ),
    algorithm: Algorithm = typer.Option(Algorithm.news, "--algorithm", "-a", help="Summarisation algorithm."),
    sentences: Optional[int] = typer.Option(
        None, "--sentences", "-n", help="Summary length in sentences [default: 3].", show_default=False
    ),
    ratio: Optional[float] = typer.Option(
        None, "--ratio", help="Summary length as a share of the article's sentences, e.g. 0.2."
    ),
    words: Optional[int] = typer.Option(None, "--words", help="Summary length budget in words (whole sentences only)."),
    order: Order = typer.Option(
        Order.position, "--order", help="List summary sentences by article position or by score."
    ),
    language: Optional[str] = typer.Option(
        None,
        "--language",
        help="Article language: a code or name (de, german, es, spanish, en, english; sumy's french, italian... "
        "for the stemmer and stop words) [default: the page's declared language, else detected from the words, else english].",
        show_default=False,
    ),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Input encoding if not UTF-8, e.g. cp1252."),
    max_bytes: int = typer.Option(
        10 * 1024 * 1024,
        "--max-bytes",
        help="Refuse inputs (files, stdin, downloaded pages) larger than this many bytes.",
    ),
    timeout: float = typer.Option(
        30.0,
        "--timeout",
        help="Give up on a URL after this many seconds, retries included (and on a named pipe nobody writes to).",
    ),
    user_agent: Optional[str] = typer.Option(
        None, "--user-agent", help="User-Agent header for URLs [default: newsum/VERSION].", show_default=False
    ),
    allow_private: bool = typer.Option(
        False,
        "--allow-private",
        help="Follow redirects into more private networks than the URL named: loopback, LAN, link-local.",
    ),
    actors: str = typer.Option(
        "12",
        "--actors",
        metavar="N|all",
        help="List the N most salient actors (0: no actors section; all: every one). JSON keeps them all.",
    ),
    jobs: int = typer.Option(
        0, "--jobs", "-j", help="Parallel processes for many inputs [default: all cores].", show_default=False
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No error lines on stderr (exit code only)."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for unexpected failures."),
) -> None:
    """Print a digest of each SOURCE: headline, byline, date, summary,
    keyphrases, key quotes with speakers, and actors."""
    with exit_codes(debug):
        code = _summarize(
            sources,
            fmt,
            algorithm,
            sentences,
            ratio,
            words,
            order,
            language,
            encoding,
            max_bytes,
            timeout,
            user_agent,
            jobs,
            quiet,
            debug,
            actors,
            allow_private=allow_private,
        )
    raise typer.Exit(code)


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
    actors: str = "12",
    allow_private: bool = False,
) -> ExitCode:
    from newsum.analyses.summary import Length
    from newsum.pipeline import Options, digest_many
    from newsum.render.digest import make_renderer
    from newsum.sources.read import STDIN

    if language is not None:
        from newsum.nlp.languages import unsupported

        why = unsupported(language)
        if why:
            raise UsageError(why)
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
        allow_private=allow_private,
        debug=debug,
    )
    stdin_data = sys.stdin.buffer.read(max_bytes + 1) if STDIN in sources else None
    chosen = fmt.value if fmt else ("rich" if sys.stdout.isatty() else "text")
    renderer = make_renderer(chosen, sys.stdout, many=len(sources) > 1, actors=actor_count(actors))
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
                        say_error(f"{digest.source}: {error.message}")
            elif debug or not quiet:
                for error in digest.errors:
                    say_error(f"{digest.source}: warning: {error.message}")
            with no_interrupt():
                renderer.item(digest)
            if progress:
                progress.advance(failed)
    if progress:
        progress.hide()
    renderer.end()
    return exit_code_for(len(sources), failed)


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
            progress.TextColumn("newsum"),
            progress.BarColumn(),
            progress.MofNCompleteColumn(),
            progress.TextColumn("done, {task.fields[failed]} failed"),
            progress.TimeElapsedColumn(),
            console=Console(file=sys.stderr),
            transient=True,
            auto_refresh=False,
            redirect_stdout=False,
            redirect_stderr=False,
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
