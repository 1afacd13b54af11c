"""ROUGE benchmark of newsum's extractive summarisers on a summarisation JSONL file.

    python -m benchmarks.summarization --data ../shared/data/summarization/cnndm-dev.jsonl \\
        [--limit N] [--out preds.jsonl] [--algorithm A ...] [--sentences 3|ref] \\
        [--format table|markdown|json] [--update-readme README.md]

The scorer of record is ``../shared/eval/eval_summarization.py``. Figures quoted in
the README must agree with it to the decimal, so this module copies its protocol
step by step instead of approximating it:

* text: split on blank lines, whitespace collapsed per paragraph, empty paragraphs
  dropped, re-joined with a blank line;
* k: ``--sentences N`` (3 is the CNN/DailyMail convention) or ``ref``, the number of
  non-empty reference lines (the BBC convention);
* prediction: the chosen sentences in article order, whitespace collapsed, joined
  with "\\n" (rougeLsum reads newline-separated sentences);
* ROUGE: Google ``rouge-score`` with Porter stemming against the reference as stored,
  F1, ``round(100 * mean(f1), 2)`` over articles (the same order of operations as the
  eval script, so the last decimal rounds the same way).

Every run also has a "Lead-k (baseline)" row: the eval script's ``lead`` system
re-implemented. Its splitter is Punkt built from an abbreviation list, as newsum's
is; newsum's list adds a few entries (fr, atty, amb, ext, tel, op, cf, u.a.e, n.z)
that change no split on either dev file, so ``split_sentences(text)[:k]`` gives the
same sentences. The row ties each run to the scorer of record, and a newsum
``lead`` row that drifts from it exposes a change in newsum's own pipeline (sentence
grouping, rating, document building) rather than in Lead. Note that ``summarize``
chooses k *units*, and a unit can be a multi-sentence quotation, so newsum rows are
not always exactly k sentences long.

Timing is ``time.perf_counter()`` around the summariser call only. For newsum rows
that is ``summarize()`` on already-split sentences; the baseline row times its
splitting too, because that is what the eval script's ``lead`` timing covers.

An exception from a summariser on one article does not stop the run: it is
reported on stderr with the article id, the article scores as an empty prediction
(as the eval script scores one), the exit status becomes 1 and the README is left
alone, so a partial table is never published as a result.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from benchmarks import _readme as readme
from newsum.summary import ALGORITHMS, Length, summarize
from newsum.text import Sentence, split_sentences

PROG = "python -m benchmarks.summarization"
METRICS: tuple[str, ...] = ("rouge1", "rouge2", "rougeL", "rougeLsum")
HEADERS: tuple[str, ...] = ("system", "R1", "R2", "RL", "RLsum", "ms/article", "articles")
ROUGE_MISSING = "rouge-score is not installed: pip install '.[bench]'"
REF = "ref"

SentenceCount = int | str  # a positive int, or REF


class BenchmarkError(Exception):
    """Bad input (data file, README markers, output path): exit status 2."""


@dataclass(frozen=True)
class Article:
    """One evaluation record, normalised the way the eval script normalises it."""

    id: str
    text: str
    reference: str
    title: str | None
    k: int
    sentences: tuple[Sentence, ...]


@dataclass
class SystemRun:
    """Per-article results of one system; ``row()`` reduces them to the table row."""

    name: str
    algorithm: str | None
    f1: dict[str, list[float]] = field(default_factory=lambda: {m: [] for m in METRICS})
    seconds: list[float] = field(default_factory=list)
    predictions: list[tuple[str, str]] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)

    def row(self) -> dict[str, Any]:
        """Means rounded as the eval script rounds them; the slowest article is kept
        so that an outlier behind a high mean can be found without a profiler."""
        slowest = max(range(len(self.seconds)), key=self.seconds.__getitem__)
        return {
            "system": self.name,
            "algorithm": self.algorithm,
            **{m: round(100 * statistics.mean(v), 2) for m, v in self.f1.items()},
            "ms_per_article": round(1000 * statistics.mean(self.seconds), 2),
            "ms_max": round(1000 * self.seconds[slowest], 2),
            "slowest_id": self.predictions[slowest][0],
            "articles": len(self.seconds),
            "errors": len(self.errors),
        }


# ---------------------------------------------------------------------------- input


def normalise_text(text: str) -> str:
    """Blank-line paragraphs with collapsed whitespace: the eval script's view of the text."""
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paragraphs if p)


def reference_length(reference: str) -> int:
    """Non-empty reference lines: the summary length under the BBC convention."""
    return len([line for line in reference.split("\n") if line.strip()])


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


def positive_int(value: str) -> int:
    """argparse type for ``--limit``."""
    count = int(value)
    if count < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return count


def make_article(record: dict[str, Any], sentences: SentenceCount) -> Article:
    """Normalise and split once; every system then sees the very same sentences."""
    k = reference_length(record["reference"]) if sentences == REF else int(sentences)
    if k < 1:
        # newsum's Length cannot express zero sentences, and ROUGE against an empty
        # reference is meaningless: refuse instead of scoring something else.
        raise BenchmarkError(f"article {record['id']!r} has an empty reference")
    text = normalise_text(record["text"])
    return Article(
        id=str(record["id"]),
        text=text,
        reference=record["reference"],
        title=record.get("title"),
        k=k,
        sentences=tuple(split_sentences(text)),
    )


def load_articles(path: Path, limit: int | None, sentences: SentenceCount) -> list[Article]:
    """The first ``limit`` records of a JSONL file (blank lines skipped, like the eval script)."""
    articles: list[Article] = []
    try:
        with path.open(encoding="utf-8") as handle:
            for line_no, line in enumerate(handle, 1):
                if limit is not None and len(articles) >= limit:
                    break
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise BenchmarkError(f"{path}:{line_no}: not JSON: {exc}") from None
                missing = [key for key in ("id", "text", "reference") if key not in record]
                if missing:
                    raise BenchmarkError(f"{path}:{line_no}: missing {', '.join(missing)}")
                articles.append(make_article(record, sentences))
    except OSError as exc:
        raise BenchmarkError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not articles:
        raise BenchmarkError(f"{path} has no articles")
    return articles


# ---------------------------------------------------------------------------- systems

Summariser = Callable[[Article], list[str]]


def lead_baseline(article: Article) -> list[str]:
    """The eval script's ``lead``: the first k sentences of its Punkt split."""
    return [s.text for s in split_sentences(article.text)[: article.k]]


def newsum_summariser(algorithm: str) -> Summariser:
    """newsum's ``summarize`` as the product calls it (article order, title passed on)."""

    def run(article: Article) -> list[str]:
        chosen = summarize(
            list(article.sentences),
            algorithm,
            Length(sentences=article.k),
            order="position",
            title=article.title,
        )
        return [s.text for s in chosen]

    return run


def baseline_name(sentences: SentenceCount) -> str:
    """"Lead-3 (baseline)" or "Lead-ref (baseline)": named by k, so it is never
    mistaken for newsum's own ``lead`` row."""
    return f"Lead-{sentences} (baseline)"


def load_rouge_scorer() -> Any:
    """Imported lazily: rouge-score is a benchmark-only extra, not a newsum dependency."""
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)


def warm_up(summariser: Summariser, articles: Sequence[Article]) -> None:
    """One untimed call first: newsum imports sumy and numpy lazily on first use, and
    that one-off cost would otherwise land on whichever algorithm happens to run first
    (the eval script builds its systems before its timer starts, too)."""
    try:
        summariser(articles[0])
    except Exception:  # noqa: BLE001 - the timed loop records and reports it
        pass


def run_system(
    name: str, algorithm: str | None, summariser: Summariser, articles: Sequence[Article], scorer: Any
) -> SystemRun:
    """Summarise and score every article; a failing article is recorded, not fatal."""
    warm_up(summariser, articles)
    result = SystemRun(name, algorithm)
    for article in articles:
        start = time.perf_counter()
        try:
            chosen = summariser(article)
        except Exception as exc:  # noqa: BLE001 - reported per article, see module docstring
            chosen = []
            result.errors.append((article.id, f"{type(exc).__name__}: {exc}"))
            print(f"error: {name} failed on {article.id}: {type(exc).__name__}: {exc}", file=sys.stderr)
        result.seconds.append(time.perf_counter() - start)
        prediction = "\n".join(" ".join(s.split()) for s in chosen)
        scores = scorer.score(article.reference, prediction)
        for metric in METRICS:
            result.f1[metric].append(scores[metric].fmeasure)
        result.predictions.append((article.id, prediction))
    return result


def run_systems(
    systems: Sequence[tuple[str, str | None, Summariser]], articles: Sequence[Article], scorer: Any
) -> list[SystemRun]:
    """Run each system in turn; one progress line per system, only for a person
    watching a terminal, so redirected output and CI logs stay clean."""
    progress = sys.stderr.isatty()
    runs = []
    for index, (name, algorithm, summariser) in enumerate(systems, 1):
        started = time.perf_counter()
        runs.append(run_system(name, algorithm, summariser, articles, scorer))
        if progress:
            elapsed = time.perf_counter() - started
            print(f"[{index}/{len(systems)}] {name}: {len(articles)} articles, {elapsed:.1f} s", file=sys.stderr)
    return runs


# ---------------------------------------------------------------------------- output


def table_cells(row: dict[str, Any]) -> list[str]:
    return [
        row["system"],
        *(f"{row[m]:.2f}" for m in METRICS),
        f"{row['ms_per_article']:.2f}",
        str(row["articles"]),
    ]


def format_table(rows: Sequence[dict[str, Any]]) -> str:
    return readme.text_table(HEADERS, [table_cells(r) for r in rows])


def format_markdown(rows: Sequence[dict[str, Any]]) -> str:
    return readme.markdown_table(HEADERS, [table_cells(r) for r in rows])


def format_json(rows: Sequence[dict[str, Any]], data: str, sentences: SentenceCount) -> str:
    """One object per system per line, with enough context to stand alone."""
    return "\n".join(json.dumps({"data": data, "k": str(sentences), **r}, ensure_ascii=False) for r in rows)


def failure_notes(runs: Sequence[SystemRun]) -> list[str]:
    """One line per system with failures, naming the articles, for the end of the run
    (the individual errors scroll past while it runs)."""
    return [
        f"! {run.name}: {len(run.errors)} article(s) failed and scored as empty: "
        + ", ".join(article_id for article_id, _ in run.errors)
        for run in runs
        if run.errors
    ]


def prediction_paths(out: Path, algorithms: Sequence[str]) -> dict[str, Path]:
    """FILE itself for one algorithm, else ``<stem>.<algorithm>.jsonl`` beside it."""
    if len(algorithms) == 1:
        return {algorithms[0]: out}
    return {a: out.with_name(f"{out.stem}.{a}.jsonl") for a in algorithms}


def write_predictions(path: Path, predictions: Sequence[tuple[str, str]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for article_id, summary in predictions:
            handle.write(json.dumps({"id": article_id, "summary": summary}, ensure_ascii=False) + "\n")


def emit(fmt: str, rows: Sequence[dict[str, Any]], header: str, data: str, sentences: SentenceCount, out: TextIO) -> None:
    """Print the header line and the table; with JSON the header goes to stderr so
    stdout stays one JSON object per line."""
    if fmt == "json":
        print(header, file=sys.stderr)
        print(format_json(rows, data, sentences), file=out)
        return
    print(header, file=out)
    print(format_table(rows) if fmt == "table" else format_markdown(rows), file=out)


# ---------------------------------------------------------------------------- main


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Score newsum's summarisers with ROUGE, as ../shared/eval/eval_summarization.py does.",
    )
    parser.add_argument("--data", required=True, help="summarisation JSONL ({id, text, reference, title?})")
    parser.add_argument("--limit", type=positive_int, help="use only the first N articles")
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
    parser.add_argument("--format", choices=("table", "markdown", "json"), default="table")
    parser.add_argument(
        "--update-readme",
        type=Path,
        metavar="README",
        help="replace the markdown table between <!-- benchmark:summarization:<data stem> --> markers",
    )
    return parser


def check_inputs(args: argparse.Namespace, stem: str) -> None:
    """Fail before the (possibly long) run, not after it."""
    if args.update_readme is not None:
        readme.check_readme(args.update_readme, "summarization", stem)
    if args.out is not None and not args.out.parent.is_dir():
        raise BenchmarkError(f"directory of --out does not exist: {args.out.parent}")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    try:
        scorer = load_rouge_scorer()
    except ImportError:
        print(ROUGE_MISSING, file=sys.stderr)
        return 2
    stem = Path(args.data).stem
    try:
        check_inputs(args, stem)
        articles = load_articles(Path(args.data), args.limit, args.sentences)
    except (BenchmarkError, readme.ReadmeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    algorithms = list(dict.fromkeys(args.algorithm or ALGORITHMS))
    systems: list[tuple[str, str | None, Summariser]] = [(baseline_name(args.sentences), None, lead_baseline)]
    systems += [(a, a, newsum_summariser(a)) for a in algorithms]
    runs = run_systems(systems, articles, scorer)
    if args.out is not None:
        paths = prediction_paths(args.out, algorithms)
        for run in runs:
            if run.algorithm is not None:  # the baseline's predictions are the eval script's
                write_predictions(paths[run.algorithm], run.predictions)

    rows = [run.row() for run in runs]
    header = f"data: {args.data}  articles: {len(articles)}  k: {args.sentences}"
    emit(args.format, rows, header, args.data, args.sentences, sys.stdout)
    notes = failure_notes(runs)
    for note in notes:
        print(note, file=sys.stderr)
    if notes:
        if args.update_readme is not None:
            print(f"error: {args.update_readme} not updated because some articles failed", file=sys.stderr)
        return 1
    if args.update_readme is not None:
        body = f"`{readme.command_line(PROG, argv)}`\n\n{format_markdown(rows)}"
        readme.update_readme(args.update_readme, "summarization", stem, body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
