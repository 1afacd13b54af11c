"""ROUGE benchmark of newsum's extractive summarisers on a summarisation JSONL file.

    python -m benchmarks.summarization --data ../shared/data/summarization/cnndm-dev.jsonl \\
        [--limit N] [--out preds.jsonl] [--algorithm A ...] [--sentences 3|ref] \\
        [--format table|markdown|json] [--update-readme README.md]

The scorer of record is ``../shared/eval/eval_summarization.py``. Figures quoted in
the README must agree with it to the decimal, so the protocol (text normalisation,
k, the "Lead-k (baseline)" row, the summariser call, timing, ROUGE and rounding)
is not approximated here: it is ``newsum.evaluate``, the code behind
``newsum eval summaries``, and its module docstring describes it step by step.
The two therefore print the same figures for the same data.

What is this benchmark's own: the argparse command line, the printed header line
and table formats, ``--out`` prediction files and ``--update-readme`` (through
``benchmarks/_readme.py``), and its exit statuses: 2 for bad input (data file,
README markers, output path, rouge-score missing), 1 when a summariser failed.

An exception from a summariser on one article does not stop the run: the article
scores as an empty prediction (as the eval script scores one), it is reported on
stderr with the article id, the exit status becomes 1 and the README is left
alone, so a partial table is never published as a result.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from benchmarks import _readme as readme
from newsum import evaluate
from newsum.analyses.summary import ALGORITHMS
from newsum.errors import MissingExtra, NewsumError
from newsum.evaluate import HEADERS, REF, SentenceCount, SystemScore

PROG = "python -m benchmarks.summarization"
ROUGE_MISSING = "rouge-score is not installed: pip install '.[bench]'"


class BenchmarkError(Exception):
    """Bad input (README markers, output path): exit status 2."""


# ---------------------------------------------------------------------------- command line


def parse_sentences(value: str) -> SentenceCount:
    """argparse type for ``--sentences``: a positive integer or ``ref``."""
    if value == REF:
        return REF
    try:
        count = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer or {REF!r}, got {value!r}") from None
    if count < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return count


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Score newsum's summarisers with ROUGE, as ../shared/eval/eval_summarization.py does.",
    )
    parser.add_argument("--data", required=True, help="summarisation JSONL ({id, text, reference, title?})")
    parser.add_argument("--limit", type=readme.positive_int, help="use only the first N articles")
    parser.add_argument("--out", type=Path, help="write predictions JSONL {id, summary} here")
    parser.add_argument(
        "--algorithm",
        action="append",
        choices=ALGORITHMS,
        metavar="A",
        help=f"repeatable; default all of: {', '.join(ALGORITHMS)}",
    )
    parser.add_argument(
        "--sentences",
        type=parse_sentences,
        default=3,
        help="sentences per summary, or 'ref' for the reference's line count (default 3)",
    )
    readme.add_output_options(parser, "summarization", "<data stem>")
    return parser


def check_inputs(args: argparse.Namespace, stem: str) -> None:
    """Fail before the (possibly long) run, not after it."""
    if args.update_readme is not None:
        readme.check_readme(args.update_readme, "summarization", stem)
    if args.out is not None and not args.out.parent.is_dir():
        raise BenchmarkError(f"directory of --out does not exist: {args.out.parent}")


def progress_lines(systems: int, articles: int) -> evaluate.Progress:
    """One line per system once it is done, only for a person watching a terminal,
    so redirected output and CI logs stay clean."""
    started = time.perf_counter()

    def show(index: int, system: evaluate.System, done: int) -> None:
        nonlocal started
        if done < articles:
            return
        now = time.perf_counter()
        print(f"[{index}/{systems}] {system.name}: {articles} articles, {now - started:.1f} s", file=sys.stderr)
        started = now

    return show


# ---------------------------------------------------------------------------- output


def format_table(scores: Sequence[SystemScore]) -> str:
    return readme.text_table(HEADERS, [evaluate.table_cells(s) for s in scores])


def format_markdown(scores: Sequence[SystemScore]) -> str:
    return readme.markdown_table(HEADERS, [evaluate.table_cells(s) for s in scores])


def failure_notes(scores: Sequence[SystemScore]) -> list[str]:
    """One line per system with failures, naming the articles, for the end of the run."""
    return [
        f"! {score.system}: {len(score.failures)} article(s) failed and scored as empty: "
        + ", ".join(failure.id for failure in score.failures)
        for score in scores
        if score.failures
    ]


def prediction_paths(out: Path, algorithms: Sequence[str]) -> dict[str, Path]:
    """FILE itself for one algorithm, else ``<stem>.<algorithm>.jsonl`` beside it."""
    if len(algorithms) == 1:
        return {algorithms[0]: out}
    return {a: out.with_name(f"{out.stem}.{a}.jsonl") for a in algorithms}


def write_predictions(path: Path, articles: Sequence[evaluate.Article], predictions: Sequence[str]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for article, summary in zip(articles, predictions, strict=False):
            handle.write(json.dumps({"id": article.id, "summary": summary}, ensure_ascii=False) + "\n")


def emit(
    fmt: str, scores: Sequence[SystemScore], header: str, data: str, sentences: SentenceCount, out: TextIO
) -> None:
    """Print the header line and the table; with JSON the header goes to stderr so
    stdout stays one JSON object per line."""
    if fmt == "json":
        print(header, file=sys.stderr)
        print(evaluate.format_json(scores, data, sentences), file=out)
        return
    print(header, file=out)
    print(format_table(scores) if fmt == "table" else format_markdown(scores), file=out)


# ---------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    try:
        evaluate.load_scorer()
    except MissingExtra:
        print(ROUGE_MISSING, file=sys.stderr)
        return 2
    stem = Path(args.data).stem
    try:
        check_inputs(args, stem)
        articles = evaluate.load_articles(Path(args.data), args.sentences, args.limit)
    except (BenchmarkError, readme.ReadmeError, NewsumError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    algorithms = list(dict.fromkeys(args.algorithm or ALGORITHMS))
    systems = evaluate.systems_for(algorithms, args.sentences)
    progress = progress_lines(len(systems), len(articles)) if sys.stderr.isatty() else None
    scores = evaluate.evaluate(articles, systems, progress=progress)
    for score in scores:
        for failure in score.failures:
            print(f"error: {score.system} failed on {failure.id}: {failure.message}", file=sys.stderr)
    if args.out is not None:
        paths = prediction_paths(args.out, algorithms)
        for score in scores:
            if score.algorithm is not None:  # the baseline's predictions are the eval script's
                write_predictions(paths[score.algorithm], articles, score.predictions)

    header = f"data: {args.data}  articles: {len(articles)}  k: {args.sentences}"
    emit(args.format, scores, header, args.data, args.sentences, sys.stdout)
    notes = failure_notes(scores)
    for note in notes:
        print(note, file=sys.stderr)
    if notes:
        if args.update_readme is not None:
            print(f"error: {args.update_readme} not updated because some articles failed", file=sys.stderr)
        return 1
    if args.update_readme is not None:
        body = f"`{readme.command_line(PROG, argv)}`\n\n{format_markdown(scores)}"
        readme.update_readme(args.update_readme, "summarization", stem, body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
