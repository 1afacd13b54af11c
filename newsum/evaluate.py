"""Score summarisation algorithms with ROUGE on a user's own data (``newsum eval summaries``).

The data is JSONL, one article per line::

    {"id": "a1", "text": "First paragraph.\\n\\nSecond ...", "reference": "One sentence.\\nAnother.", "title": "optional"}

This module is the one implementation of the protocol of the scorer of record,
``../shared/eval/eval_summarization.py``; ``benchmarks/summarization.py`` runs it
too, so its figures and this command's are the same for the same data:

* text: split on blank lines, whitespace collapsed per paragraph, empty paragraphs
  dropped, re-joined with a blank line; sentences from ``split_sentences``;
* k: a fixed number of sentences, or ``"ref"``: the reference's non-empty lines;
* a newsum algorithm chooses with ``summarize(sentences, algorithm, Length(sentences=k),
  order="position", title=title)``; the Lead-k baseline is the first k sentences
  of ``split_sentences`` (the eval script's ``lead``; see `lead_baseline`);
* prediction: the chosen sentences, whitespace collapsed, joined with "\\n";
* ROUGE: Google ``rouge-score`` (the optional ``eval`` extra) with Porter stemming,
  F1 against the reference as stored, ``round(100 * mean(f1), 2)`` over articles;
* time: ``perf_counter`` around the summariser call only, after one untimed
  warm-up call per algorithm and process (sumy and numpy load on first use).

Every record is checked before any scoring: a line that is not JSON, or a record
without a non-empty ``text`` and ``reference`` string, stops the run naming the
line (an empty reference would score 0 whatever the system did).

An algorithm that raises on one article does not stop the run: the article
scores as an empty prediction (as the eval script scores one) and the failure is
kept in the result, so the caller can report it.

Importing this module is cheap: nltk, sumy, numpy, rouge-score and rich load
only when articles are split, summarised, scored or drawn.
"""

from __future__ import annotations

import functools
import json
import math
import os
import re
import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Union

from newsum.errors import (
    BadRecord,
    EmptyInput,
    MissingExtra,
    SourceIsDirectory,
    SourceNotFound,
    SourceUnreadable,
    UndecodableInput,
    UsageError,
)
from newsum.nlp.text import Sentence, split_sentences

METRICS: tuple[str, ...] = ("rouge1", "rouge2", "rougeL", "rougeLsum")
HEADERS: tuple[str, ...] = ("system", "R1", "R2", "RL", "RLsum", "ms/article", "articles")
REF: Literal["ref"] = "ref"
ROUGE_MISSING = "ROUGE needs the eval extra: pip install 'newsum[eval]'"
DEFAULT_SENTENCES = 3

SentenceCount = Union[int, Literal["ref"]]
"""Summary length: a positive number of sentences, or ``"ref"`` for the reference's line count."""


# ---------------------------------------------------------------------------- input


@dataclass(frozen=True)
class Record:
    """One validated line of the data file, as stored."""

    line: int
    id: str
    text: str
    reference: str
    title: str | None


@dataclass(frozen=True)
class Article:
    """A record normalised and split once, so every system sees the same sentences."""

    line: int
    id: str
    text: str
    reference: str
    title: str | None
    k: int
    sentences: tuple[Sentence, ...]


def sentence_count(sentences: int | None, reference_length: bool) -> SentenceCount:
    """The length options of ``eval summaries``, checked: at most one, and positive."""
    if sentences is not None and reference_length:
        raise UsageError("--sentences and --reference-length are mutually exclusive; pass only one")
    if reference_length:
        return REF
    if sentences is not None and sentences < 1:
        raise UsageError("--sentences must be at least 1")
    return DEFAULT_SENTENCES if sentences is None else sentences


def normalise_text(text: str) -> str:
    """Blank-line paragraphs with collapsed whitespace: the eval script's view of the text."""
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paragraphs if p)


def reference_length(reference: str) -> int:
    """Non-empty reference lines: the summary length under the BBC convention."""
    return len([line for line in reference.split("\n") if line.strip()])


def parse_record(line: str, line_no: int, source: str) -> Record:
    """One JSONL line as a `Record`; `BadRecord` (naming ``source:line``) if it is not one."""
    where = f"{source}:{line_no}"
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadRecord(f"not JSON: {exc.msg} (column {exc.colno})", where) from None
    if not isinstance(data, dict):
        raise BadRecord(f"expected a JSON object with text and reference, got {type(data).__name__}", where)
    missing = [key for key in ("text", "reference") if key not in data]
    if missing:
        raise BadRecord(f"record has no {' and no '.join(missing)}", where)
    for key in ("text", "reference"):
        if not isinstance(data[key], str):
            raise BadRecord(f"{key} must be a string, got {type(data[key]).__name__}", where)
        if not data[key].strip():
            # An empty reference scores 0 whatever the system does, and an empty
            # text cannot be summarised: either would only drag the means down.
            raise BadRecord(f"{key} is empty", where)
    title = data.get("title")
    if title is not None and not isinstance(title, str):
        raise BadRecord(f"title must be a string, got {type(title).__name__}", where)
    record_id = data.get("id")
    return Record(
        line=line_no,
        id=f"line {line_no}" if record_id is None else str(record_id),
        text=data["text"],
        reference=data["reference"],
        title=title,
    )


def read_records(path: Path, limit: int | None = None) -> Iterator[Record]:
    """The first ``limit`` records of a JSONL file, blank lines skipped (as the eval
    script skips them). A UTF-8 byte-order mark is tolerated."""
    source = str(path)
    if limit is not None and limit < 1:
        raise UsageError("--limit must be at least 1")
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise SourceNotFound("no such file", source) from None
    except IsADirectoryError:
        raise SourceIsDirectory("is a directory, not a JSONL file", source) from None
    except OSError as exc:
        raise SourceUnreadable(f"cannot read: {exc.strerror or exc}", source) from None
    count = 0
    with handle:
        try:
            for line_no, raw in enumerate(handle, 1):
                if limit is not None and count >= limit:
                    return
                try:
                    line = raw.decode("utf-8-sig" if line_no == 1 else "utf-8")
                except UnicodeDecodeError as exc:
                    raise UndecodableInput(
                        f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", f"{source}:{line_no}"
                    ) from None
                if not line.strip():
                    continue
                count += 1
                yield parse_record(line, line_no, source)
        except IsADirectoryError:
            raise SourceIsDirectory("is a directory, not a JSONL file", source) from None
        except OSError as exc:
            raise SourceUnreadable(f"cannot read: {exc.strerror or exc}", source) from None


def make_article(record: Record, sentences: SentenceCount) -> Article:
    """Normalise and split once (`parse_record` has made sure the reference has a line)."""
    k = reference_length(record.reference) if sentences == REF else int(sentences)
    text = normalise_text(record.text)
    return Article(
        line=record.line,
        id=record.id,
        text=text,
        reference=record.reference,
        title=record.title,
        k=k,
        sentences=tuple(split_sentences(text)),
    )


def load_articles(path: Path, sentences: SentenceCount, limit: int | None = None) -> list[Article]:
    """Every record checked and prepared before any scoring, so bad data fails fast."""
    articles = [make_article(record, sentences) for record in read_records(path, limit)]
    if not articles:
        raise EmptyInput("no records: the file is empty", str(path))
    return articles


# ---------------------------------------------------------------------------- systems


@dataclass(frozen=True)
class System:
    """A row of the table: newsum's ``algorithm``, or the Lead-k baseline when it is None."""

    name: str
    algorithm: str | None


def baseline_name(sentences: SentenceCount) -> str:
    """ "Lead-3 (baseline)" or "Lead-ref (baseline)": never mistaken for newsum's ``lead``."""
    return f"Lead-{sentences} (baseline)"


def systems_for(algorithms: Sequence[str], sentences: SentenceCount) -> list[System]:
    """The baseline first, then each algorithm once, in the order given."""
    return [System(baseline_name(sentences), None), *(System(a, a) for a in dict.fromkeys(algorithms))]


def lead_baseline(article: Article) -> list[str]:
    """The eval script's ``lead``: the first k sentences of the Punkt split (timed with the split).

    The eval script's splitter is Punkt built from an abbreviation list, as newsum's
    is; newsum's list adds a few entries (fr, atty, amb, ext, tel, op, cf, u.a.e, n.z)
    that change no split on either dev file, so this gives the same sentences. The
    baseline row ties a run to the scorer of record, and a newsum ``lead`` row that
    drifts from it exposes a change in newsum's own pipeline (sentence grouping,
    rating, document building) rather than in Lead. ``summarize`` chooses k *units*,
    and a unit can be a multi-sentence quotation, so newsum rows are not always
    exactly k sentences long.
    """
    return [s.text for s in split_sentences(article.text)[: article.k]]


def run_algorithm(article: Article, algorithm: str) -> list[str]:
    """newsum's ``summarize`` as the product calls it: article order, title passed on."""
    from newsum.analyses.summary import Length, summarize

    chosen = summarize(
        list(article.sentences), algorithm, Length(sentences=article.k), order="position", title=article.title
    )
    return [s.text for s in chosen]


def run_system(article: Article, algorithm: str | None) -> list[str]:
    return lead_baseline(article) if algorithm is None else run_algorithm(article, algorithm)


def prediction_text(chosen: Sequence[str]) -> str:
    """What ROUGE reads: one sentence per line (rougeLsum splits on newlines)."""
    return "\n".join(" ".join(s.split()) for s in chosen)


# ---------------------------------------------------------------------------- scoring


@functools.lru_cache(maxsize=1)
def load_scorer() -> Any:
    """Google's ROUGE scorer, from the optional ``eval`` extra; `MissingExtra` without it."""
    try:
        from rouge_score import rouge_scorer
    except ImportError:
        raise MissingExtra(ROUGE_MISSING) from None
    return rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)


def score_prediction(reference: str, prediction: str, scorer: Any | None = None) -> tuple[float, ...]:
    """F1 per metric, in `METRICS` order."""
    scores = (scorer or load_scorer()).score(reference, prediction)
    return tuple(scores[m].fmeasure for m in METRICS)


@dataclass(frozen=True)
class ArticleResult:
    """One system on one article; ``prediction`` is the text ROUGE read ("" on an error)."""

    f1: tuple[float, ...]
    seconds: float
    error: str | None = None
    prediction: str = ""


@dataclass(frozen=True)
class Failure:
    """An article a system raised on (it scored as an empty prediction)."""

    line: int
    id: str
    message: str


_warmed: set[str | None] = set()


def _warm_up(algorithm: str | None, article: Article) -> None:
    """One untimed call per algorithm and process: sumy and numpy load on first use,
    and that one-off cost would otherwise land on whichever system runs first."""
    if algorithm in _warmed:
        return
    _warmed.add(algorithm)
    try:
        run_system(article, algorithm)
    except Exception:  # noqa: BLE001 - the timed call records and reports it
        pass


def score_articles(algorithm: str | None, articles: Sequence[Article], debug: bool = False) -> list[ArticleResult]:
    """Summarise and score each article; a failing article scores as empty unless ``debug``."""
    if not articles:
        return []
    scorer = load_scorer()
    _warm_up(algorithm, articles[0])
    results = []
    for article in articles:
        error = None
        start = time.perf_counter()
        try:
            chosen = run_system(article, algorithm)
        except Exception as exc:  # noqa: BLE001 - recorded per article, see the module docstring
            if debug:
                raise
            chosen, error = [], f"{exc!r}"
        seconds = time.perf_counter() - start
        prediction = prediction_text(chosen)
        results.append(
            ArticleResult(score_prediction(article.reference, prediction, scorer), seconds, error, prediction)
        )
    return results


@dataclass(frozen=True)
class SystemScore:
    """One row: mean ROUGE F1 × 100 per metric, rounded as the eval script rounds them,
    and timing (the slowest article is kept, so an outlier behind a high mean can be found).
    ``predictions`` are the texts scored, in article order (the benchmark's ``--out``)."""

    system: str
    algorithm: str | None
    rouge1: float
    rouge2: float
    rougeL: float
    rougeLsum: float
    ms_per_article: float
    ms_max: float
    slowest_id: str
    articles: int
    failures: tuple[Failure, ...] = ()
    predictions: tuple[str, ...] = field(default=(), repr=False)

    @classmethod
    def from_results(cls, system: System, articles: Sequence[Article], results: Sequence[ArticleResult]) -> SystemScore:
        if not results or len(results) != len(articles):
            raise ValueError("one result per article is needed")
        means = [round(100 * statistics.mean(r.f1[i] for r in results), 2) for i in range(len(METRICS))]
        seconds = [r.seconds for r in results]
        slowest = max(range(len(seconds)), key=seconds.__getitem__)
        rouge1, rouge2, rouge_l, rouge_lsum = means
        return cls(
            system.name,
            system.algorithm,
            rouge1,
            rouge2,
            rouge_l,
            rouge_lsum,
            ms_per_article=round(1000 * statistics.mean(seconds), 2),
            ms_max=round(1000 * seconds[slowest], 2),
            slowest_id=articles[slowest].id,
            articles=len(results),
            failures=tuple(
                Failure(a.line, a.id, r.error) for a, r in zip(articles, results, strict=False) if r.error is not None
            ),
            predictions=tuple(r.prediction for r in results),
        )

    def to_dict(self) -> dict[str, Any]:
        """The benchmark's JSON row: failures as a count."""
        return {
            "system": self.system,
            "algorithm": self.algorithm,
            **{m: getattr(self, m) for m in METRICS},
            "ms_per_article": self.ms_per_article,
            "ms_max": self.ms_max,
            "slowest_id": self.slowest_id,
            "articles": self.articles,
            "errors": len(self.failures),
        }


Progress = Callable[[int, System, int], None]
"""Called as (system index from 1, system, articles done) while a run goes on."""


def evaluate(
    articles: Sequence[Article],
    systems: Sequence[System],
    jobs: int = 1,
    progress: Progress | None = None,
    debug: bool = False,
) -> list[SystemScore]:
    """One `SystemScore` per system, in the order given. With ``jobs`` > 1 (0 = all
    cores) articles are scored on that many processes; the figures are the same,
    only the timings share the machine."""
    load_scorer()  # fail before any work without the extra
    workers = min(jobs or os.cpu_count() or 1, len(articles))
    if workers <= 1:
        return [
            _evaluate_sequential(articles, system, index, progress, debug) for index, system in enumerate(systems, 1)
        ]
    return _evaluate_parallel(articles, systems, workers, progress, debug)


def _evaluate_sequential(
    articles: Sequence[Article], system: System, index: int, progress: Progress | None, debug: bool
) -> SystemScore:
    results: list[ArticleResult] = []
    for article in articles:
        results += score_articles(system.algorithm, [article], debug)
        if progress:
            progress(index, system, len(results))
    return SystemScore.from_results(system, articles, results)


def _evaluate_parallel(
    articles: Sequence[Article], systems: Sequence[System], workers: int, progress: Progress | None, debug: bool
) -> list[SystemScore]:
    from concurrent.futures import ProcessPoolExecutor

    size = max(1, math.ceil(len(articles) / (workers * 4)))
    chunks = [tuple(articles[i : i + size]) for i in range(0, len(articles), size)]
    scores = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [[pool.submit(score_articles, s.algorithm, chunk, debug) for chunk in chunks] for s in systems]
        try:
            for index, (system, pending) in enumerate(zip(systems, futures, strict=False), 1):
                results: list[ArticleResult] = []
                for future in pending:
                    results += future.result()
                    if progress:
                        progress(index, system, len(results))
                scores.append(SystemScore.from_results(system, articles, results))
        except BaseException:
            for future in (f for row in futures for f in row):
                future.cancel()
            raise
    return scores


# ---------------------------------------------------------------------------- output


def table_cells(score: SystemScore) -> list[str]:
    return [
        score.system,
        *(f"{getattr(score, m):.2f}" for m in METRICS),
        f"{score.ms_per_article:.2f}",
        str(score.articles),
    ]


def format_text(scores: Sequence[SystemScore]) -> str:
    """Plain aligned columns: names left, numbers right (the benchmark's table)."""
    from newsum.render.common import plain_table

    return plain_table(HEADERS, [table_cells(s) for s in scores])


def format_json(scores: Sequence[SystemScore], data: str, sentences: SentenceCount) -> str:
    """One object per system per line, with the data and k, as the benchmark prints them."""
    return "\n".join(json.dumps({"data": data, "k": str(sentences), **s.to_dict()}, ensure_ascii=False) for s in scores)


def rich_table(scores: Sequence[SystemScore], caption: str | None = None) -> Any:
    """A `rich.table.Table` of the scores (rich imported here, not at start-up)."""
    from rich.table import Table
    from rich.text import Text

    table = Table(header_style="bold cyan", caption=Text(caption) if caption else None, caption_justify="left")
    for i, header in enumerate(HEADERS):
        table.add_column(header, justify="left" if i == 0 else "right")
    for score in scores:
        cells = table_cells(score)
        table.add_row(Text(cells[0], style="dim" if score.algorithm is None else ""), *cells[1:])
    return table
