"""``newsum eval``: score newsum's analyses on your own labelled data."""

from __future__ import annotations

import enum
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Optional

import typer

from newsum.cli.common import EVAL_EXIT_CODES_HELP, Algorithm, exit_codes, make_app, say_error
from newsum.errors import ExitCode, UsageError

if TYPE_CHECKING:  # pragma: no cover
    from newsum.evaluate import System

eval_app = make_app("eval", "Score newsum's analyses on your own labelled data.", EVAL_EXIT_CODES_HELP)


@eval_app.callback()
def _eval() -> None:
    """Score newsum's analyses on your own labelled data."""


class EvalFormat(str, enum.Enum):
    rich = "rich"
    text = "text"
    json = "json"


@eval_app.command("summaries", epilog=EVAL_EXIT_CODES_HELP)
def eval_summaries(
    data: str = typer.Argument(
        ...,
        metavar="DATA.jsonl",
        help='JSONL, one article per line: {"id", "text", "reference", "title"?}; text paragraphs separated by blank lines, reference one sentence per line.',
    ),
    algorithms: Optional[list[Algorithm]] = typer.Option(
        None,
        "--algorithm",
        "-a",
        help="Algorithm to score; repeatable [default: all]. A Lead-k baseline row always comes first.",
        show_default=False,
    ),
    sentences: Optional[int] = typer.Option(
        None, "--sentences", "-n", help="Summary length in sentences [default: 3].", show_default=False
    ),
    reference_length: bool = typer.Option(
        False, "--reference-length", help="Summary length per article: as many sentences as its reference has lines."
    ),
    limit: Optional[int] = typer.Option(None, "--limit", help="Score only the first N articles."),
    fmt: Optional[EvalFormat] = typer.Option(
        None, "--format", "-f", help="Output format [default: rich on a terminal, else text]."
    ),
    jobs: int = typer.Option(
        1,
        "--jobs",
        "-j",
        help="Processes for scoring; 0 = all cores [default: 1, so ms/article is measured without contention].",
        show_default=False,
    ),
    debug: bool = typer.Option(
        False, "--debug", help="Show tracebacks for unexpected failures (a failing algorithm stops the run)."
    ),
) -> None:
    """ROUGE scores of summarisers on your data.

    Scores each algorithm on the articles of DATA.jsonl with ROUGE-1/2/L/Lsum
    F1 (x 100, mean over articles; Google rouge-score with stemming), after
    a Lead-k baseline row (the first k sentences). Needs the eval extra:
    pip install 'newsum[eval]'."""
    with exit_codes(debug):
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

    from newsum import evaluate
    from newsum.analyses.summary import ALGORITHMS
    from newsum.render.common import safe

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
            say_error(
                f"{data}:{failure.line}: {score.system} failed on {failure.id} (scored as empty): {failure.message}"
            )

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
