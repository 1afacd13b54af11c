"""Where a digest's time goes: a stage profile over the dev pages, in process.

    python -m benchmarks.stages [--dev DIR] [--format table|markdown|json]

(`python -m benchmarks.speed` prints the same table beside its end-to-end
figures.) Each page is read, decoded and digested as ``newsum summarize -f
jsonl`` does it, with every stage's entry point wrapped in a timer that keeps
its *own* time: a stage called inside another (the POS tagger inside
keyphrases, the NER tagger inside actors) is taken out of its caller's share.
What no wrapped function covers (building the digest, ranking actors, the
glue between stages) is the row "other, in the pipeline". Per stage: the
median per article and the total over all pages, and the share of the total.

Process start, imports and model loading are not in the per-article figures:
the row "start-up, imports, models" is the CPU time of a cold ``newsum
summarize PAGE -f jsonl`` of the first page minus that page's in-process
time, median of three runs. A batch pays it once per worker process.

The wrapped functions are looked up by name; one that is missing (a module
reorganised) is reported on stderr and its time falls into its caller's row.
"""

from __future__ import annotations

import argparse
import importlib
import io
import json
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks import _readme as readme

PROG = "python -m benchmarks.stages"
ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "extraction" / "dev"
HEADERS = ("stage", "median ms/article", "total s", "share")
HEADLINE = (
    "each stage's own time over the dev pages, digested in one process as `newsum summarize -f jsonl` "
    "does (`python -m benchmarks.stages` prints it alone)"
)

# (stage, module, attribute): the entry point of each stage, in pipeline order.
STAGES: tuple[tuple[str, str, str], ...] = (
    ("read and decode", "newsum.pipeline", "read_source"),
    ("HTML parsing (once, as trafilatura parses)", "newsum.extract.html", "_parse_as_trafilatura"),
    ("HTML parsing (once, as trafilatura parses)", "newsum.extract.html", "_parse"),
    ("text extraction (trafilatura)", "newsum.extract.html", "_bare_extraction"),
    ("metadata (title, date, authors)", "newsum.extract.html", "read_page_metadata"),
    ("metadata (title, date, authors)", "newsum.extract.html", "choose_title"),
    ("metadata (title, date, authors)", "newsum.extract.html", "choose_date"),
    ("metadata (title, date, authors)", "newsum.extract.html", "choose_authors"),
    ("sentence splitting", "newsum.nlp.text", "split_sentences"),
    ("POS tagging", "newsum.nlp.pos", "tag"),
    ("NER tagging", "newsum.nlp.ner", "tag_sentences"),
    ("summary", "newsum.analyses.summary", "summarize"),
    ("keyphrases", "newsum.analyses.keyphrases", "extract_keyphrases"),
    ("quotes", "newsum.analyses.quotes", "find_quotes"),
    ("actors", "newsum.analyses.actors", "find_actors"),
)
OTHER = "other, in the pipeline"
RENDER = "rendering (jsonl)"
START = "start-up, imports, models (once per process)"


class StageClock:
    """Own time per stage: a wrapped call's time minus the wrapped calls inside it."""

    def __init__(self) -> None:
        self.current: dict[str, float] = defaultdict(float)
        self._nested: list[float] = []

    def wrap(self, stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            self._nested.append(0.0)
            try:
                return function(*args, **kwargs)
            finally:
                elapsed = time.perf_counter() - started
                inner = self._nested.pop()
                self.current[stage] += elapsed - inner
                if self._nested:
                    self._nested[-1] += elapsed

        return timed

    @contextmanager
    def article(self) -> Iterator[dict[str, float]]:
        """Times one article: yields the dict its stages fill, with the
        unattributed rest of the article's time under `OTHER`."""
        self.current = defaultdict(float)
        started = time.perf_counter()
        yield self.current
        total = time.perf_counter() - started
        self.current[OTHER] += total - sum(self.current.values())


@contextmanager
def wrapped(clock: StageClock, say: Callable[[str], None]) -> Iterator[None]:
    """Every stage entry point wrapped for the duration, then put back."""
    originals: list[tuple[Any, str, Any]] = []
    try:
        for stage, module_name, attribute in STAGES:
            module = importlib.import_module(module_name)
            function = getattr(module, attribute, None)
            if function is None:
                say(f"stages: {module_name}.{attribute} not found; its time counts in its caller's row")
                continue
            originals.append((module, attribute, function))
            setattr(module, attribute, clock.wrap(stage, function))
        yield
    finally:
        for module, attribute, function in reversed(originals):
            setattr(module, attribute, function)


def profile(pages: Sequence[Path], say: Callable[[str], None] = print) -> list[dict[str, float]]:
    """One dict of stage -> seconds per page, the pages digested as the CLI does."""
    from newsum.pipeline import Options, digest_source, warm_up
    from newsum.render.digest import make_renderer

    options = Options()
    warm_up(options)  # models load once per process, as in the CLI's workers
    clock = StageClock()
    per_article: list[dict[str, float]] = []
    sink = io.StringIO()
    renderer = make_renderer("jsonl", sink, many=True)
    with wrapped(clock, say):
        for page in pages:
            with clock.article() as times:
                digest = digest_source(str(page), options)
                started = time.perf_counter()
                renderer.item(digest)
                times[RENDER] += time.perf_counter() - started
                times[OTHER] -= time.perf_counter() - started
            per_article.append(dict(times))
    return per_article


def rows(per_article: Sequence[dict[str, float]], startup: float | None) -> list[dict[str, Any]]:
    """Table rows in pipeline order: median ms per article, total s, share."""
    order = list(dict.fromkeys([s for s, _, _ in STAGES] + [RENDER, OTHER]))
    totals = {stage: sum(a.get(stage, 0.0) for a in per_article) for stage in order}
    grand = sum(totals.values()) + (startup or 0.0)
    out = []
    for stage in order:
        median = statistics.median(a.get(stage, 0.0) for a in per_article) if per_article else 0.0
        out.append(
            {"stage": stage, "median_ms": 1000 * median, "total_s": totals[stage], "share": totals[stage] / grand}
        )
    if startup is not None:
        out.append({"stage": START, "median_ms": None, "total_s": startup, "share": startup / grand})
    out.append({"stage": "total", "median_ms": None, "total_s": grand, "share": 1.0})
    return out


def cells(table: Sequence[dict[str, Any]]) -> list[list[str]]:
    return [
        [
            r["stage"],
            "" if r["median_ms"] is None else f"{r['median_ms']:.1f}",
            f"{r['total_s']:.2f}",
            f"{100 * r['share']:.1f} %",
        ]
        for r in table
    ]


def measure(dev: Path, say: Callable[[str], None] = print, startup: bool = True) -> list[dict[str, Any]]:
    """The stage table for the dev pages in ``dev`` (with the start-up row
    when ``startup``: one ``--jobs 1`` CLI run over the same pages)."""
    from benchmarks.speed import dev_pages, run

    with tempfile.TemporaryDirectory() as tmp:
        pages = dev_pages(dev, Path(tmp))
        say(f"stage profile of {len(pages)} dev pages ...")
        per_article = profile(pages, say)
        rest = None
        if startup:
            cold = statistics.median(run(["summarize", str(pages[0]), "-f", "jsonl"]).cpu for _ in range(3))
            rest = max(0.0, cold - sum(per_article[0].values()))
    return rows(per_article, rest)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", type=Path, default=DEV, help="folder of dev HTML pages (.html or .html.gz)")
    parser.add_argument("--format", choices=("table", "markdown", "json"), default="table")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not args.dev.is_dir():
        print(f"error: no dev pages in {args.dev}", file=sys.stderr)
        return 2
    table = measure(args.dev, say=lambda message: print(message, file=sys.stderr))
    if args.format == "json":
        print("\n".join(json.dumps(r) for r in table))
    else:
        render = readme.text_table if args.format == "table" else readme.markdown_table
        print(render(HEADERS, cells(table)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
