"""Article extraction from HTML: newsum beside trafilatura, on a folder of saved pages.

    python -m benchmarks.extraction --data ../shared/data/extraction/dev \\
        [--limit N] [--out preds.jsonl] [--save-eval-json preds.json] \\
        [--format table|markdown|json] [--update-readme README.md]

The folder holds ``<id>.html.gz`` pages and one ``ground-truth*.json``
(``{id: {"articleBody", "url", optional "title", "publish_date", ...}}``), as in
``../shared/data/extraction/dev`` and ``../shared/data/extraction/wcxb-articles-dev``.

The scorer of record is ``../shared/eval/eval_extraction.py``. Figures quoted in
the README must agree with it to the printed decimals, so this module re-implements
its protocol step by step (it does not import it: the eval script lives outside
the project and may be absent):

* page: gzip, decoded as UTF-8 with ``errors="replace"``; ids sorted, ``--limit N``
  keeps the first N (the eval script's ``--limit``);
* body (ScrapingHub metric): ``\\w+`` tokens, multisets of 4-token shingles (a text
  of 1-3 tokens is one shingle); per page TP/FP/FN normalised by their sum;
  precision = mean page precision over pages with output, recall = mean page
  recall over pages with a non-empty truth, F1 = harmonic mean of those two means;
* title: "exact" when the lower-cased ``\\w+`` token sequences are equal, judged
  against the gold ``title`` when the ground truth has title/publish_date fields
  (WCXB), else against the page's own JSON-LD headline / og:title ("silver");
* date: the first YYYY-MM-DD of the output equals the reference day (gold
  ``publish_date``, else the page's JSON-LD / meta / microdata / URL date);
* a system that raises on a page scores an empty output there, with no title or
  date (the eval script scores a failed page the same way).

Rows:

* ``newsum``: ``newsum.extract.html.extract_html`` as the product calls it:
  text = ``article.text``, title = ``meta.title``, date = ``meta.published``,
  author = ``meta.byline``. ``NoArticleText`` and other ``InputError`` are
  newsum's answer for "no article here" and only count in the errors column; any
  other exception is a bug: it is reported on stderr with the page id, the exit
  status becomes 1 and the README is left alone.
* ``trafilatura (defaults, comments not in text)``: ``trafilatura.bare_extraction(
  html, url=url, with_metadata=True)`` with the library's defaults, i.e.
  ``include_comments=True``: comments are extracted, but into ``.comments``, and
  the row scores ``.text`` alone. It is therefore neither the eval script's
  ``trafilatura_defaults`` (``extract()``, which appends the comments to the text)
  nor its ``trafilatura_meta`` (``include_comments=False``, which also changes how
  the main text is cut on a few pages).

Timing is ``time.perf_counter()`` around the extractor call only, after one
untimed warm-up call on the first page (lazy imports); ms/page is the mean.
One lazy cost survives that warm-up: the first page whose date htmldate can only
find through ``dateparser`` pays dateparser's one-off locale set-up (about 1.5 s
measured, page ``0251`` of wcxb-articles-dev), and it lands in whichever row runs
first, newsum's. The slowest page of each row is printed on stderr for that reason.

``--save-eval-json FILE`` writes newsum's outputs in the eval script's
``--predictions`` format, so every newsum figure can be re-derived with
``python ../shared/eval/eval_extraction.py <folder> --predictions FILE --metadata``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from benchmarks import _readme as readme
from benchmarks._readme import ReadmeError, check_readme, command_line, update_readme

PROG = "python -m benchmarks.extraction"
README_NAME = "extraction"
HEADERS: tuple[str, ...] = ("system", "F1", "P", "R", "title exact", "date same-day", "ms/page", "errors")
NEWSUM = "newsum"
TRAFILATURA = "trafilatura (defaults, comments not in text)"


class BenchmarkError(Exception):
    """Bad input (data folder, ground truth, output path): exit status 2."""


# ---------------------------------------------------------------------------- metric
# Same definitions, same order of operations as the eval script, so the floats
# (not only their rounding) are the same.

TOKEN_RE = re.compile(r"\w+", re.UNICODE)
SHINGLE_N = 4


def tokens(text: str | None) -> list[str]:
    return TOKEN_RE.findall(text or "")


def shingles(text: str | None, n: int = SHINGLE_N) -> Counter:
    toks = tokens(text)
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def page_counts(true: str, pred: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of shingles for one page."""
    t, p = shingles(true), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def page_precision(tp: float, fp: float, fn: float) -> float:
    if fp == 0 and fn == 0:
        return 1.0
    if tp == 0 and fp == 0:
        return 0.0
    return tp / (tp + fp)


def page_recall(tp: float, fp: float, fn: float) -> float:
    if fp == 0 and fn == 0:
        return 1.0
    if tp == 0 and fn == 0:
        return 0.0
    return tp / (tp + fn)


def aggregate(counts: Sequence[tuple[float, float, float]]) -> dict[str, float]:
    """Precision over pages with output (tp+fp > 0), recall over pages with a
    truth (tp+fn > 0), F1 of the two means."""
    ps = [page_precision(*c) for c in counts if c[0] + c[1] > 0]
    rs = [page_recall(*c) for c in counts if c[0] + c[2] > 0]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    f1 = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return {"precision": p, "recall": r, "f1": f1}


# ---------------------------------------------------------------------------- metadata reference

DATE_RE = re.compile(r"(19|20)\d\d-[01]\d-[0-3]\d")
URL_DATE_RE = re.compile(r"/((?:19|20)\d\d)[/-]([01]?\d)[/-]([0-3]?\d)(?:/|[-_])")
_ARTICLE_TYPES = (
    "Article",
    "NewsArticle",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "TechArticle",
    "ScholarlyArticle",
    "Report",
    "LiveBlogPosting",
    "WebPage",
)
_DATE_METAS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date_published",
    "publishdate",
    "pubdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.created",
    "article.published",
    "published_time",
    "date",
)


def norm_date(value: Any) -> str | None:
    """The first YYYY-MM-DD in the value, or None."""
    if not value:
        return None
    m = DATE_RE.search(str(value))
    return m.group(0) if m else None


def norm_title(value: Any) -> str:
    return " ".join(tokens(str(value or ""))).lower()


def title_match(ref: str | None, got: str | None) -> str:
    """'exact' (same lower-cased tokens), 'close' (one contains the other),
    'wrong' or 'none' (no title output)."""
    if not got:
        return "none"
    a, b = norm_title(ref), norm_title(got)
    if a == b:
        return "exact"
    if a and b and (a in b or b in a):
        return "close"
    return "wrong"


def _walk(obj: Any):
    if isinstance(obj, list):
        for x in obj:
            yield from _walk(x)
    elif isinstance(obj, dict):
        yield obj
        for k in ("@graph", "mainEntity", "mainEntityOfPage"):
            if k in obj:
                yield from _walk(obj[k])


def html_reference(html: str, url: str) -> dict[str, str | None]:
    """The "silver" title/date the page declares about itself, exactly as the
    eval script reads them: JSON-LD article headline / datePublished, then
    og:title / twitter:title and date metas, microdata, a date in the URL."""
    import lxml.html

    ref: dict[str, str | None] = {"title": None, "title_src": None, "date": None, "date_src": None}
    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # noqa: BLE001 - the eval script gives up on any parse error
        return ref

    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content().strip() or "null")
        except Exception:  # noqa: BLE001, S112 - the eval script skips bad JSON-LD too
            continue
        for obj in _walk(data):
            types = obj.get("@type")
            types = types if isinstance(types, list) else [types]
            if not any(t in _ARTICLE_TYPES for t in types if isinstance(t, str)):
                continue
            if ref["title"] is None and isinstance(obj.get("headline"), str) and obj["headline"].strip():
                ref["title"], ref["title_src"] = obj["headline"].strip(), "jsonld"
            if ref["date"] is None and norm_date(obj.get("datePublished")):
                ref["date"], ref["date_src"] = norm_date(obj["datePublished"]), "jsonld"

    def meta(*names: str) -> str | None:
        for n in names:
            for attr in ("property", "name", "itemprop"):
                vals = tree.xpath(
                    f'//meta[translate(@{attr},"ABCDEFGHIJKLMNOPQRSTUVWXYZ",'
                    f'"abcdefghijklmnopqrstuvwxyz")="{n}"]/@content'
                )
                for v in vals:
                    if v and v.strip():
                        return v.strip()
        return None

    if ref["title"] is None:
        t = meta("og:title", "twitter:title")
        if t:
            ref["title"], ref["title_src"] = t, "og"
    if ref["date"] is None:
        d = norm_date(meta(*_DATE_METAS))
        if d:
            ref["date"], ref["date_src"] = d, "meta"
    if ref["date"] is None:
        for v in tree.xpath('//time[@itemprop="datePublished"]/@datetime|//*[@itemprop="datePublished"]/@content'):
            if norm_date(v):
                ref["date"], ref["date_src"] = norm_date(v), "microdata"
                break
    if ref["date"] is None and url:
        m = URL_DATE_RE.search(url)
        if m:
            y, mo, d = m.groups()
            ref["date"], ref["date_src"] = f"{y}-{int(mo):02d}-{int(d):02d}", "url"
    return ref


# ---------------------------------------------------------------------------- input


@dataclass(frozen=True)
class Page:
    id: str
    url: str
    truth: str
    html: str
    ref_title: str | None
    ref_date: str | None
    reference: str  # "gold" or "silver"


def read_html(path: Path) -> str:
    with gzip.open(path, "rb") as f:
        return f.read().decode("utf8", errors="replace")


def load_pages(folder: Path, limit: int | None) -> list[Page]:
    """Pages of the ground truth, ids sorted, the first ``limit`` of them."""
    if not folder.is_dir():
        raise BenchmarkError(f"not a directory: {folder}")
    candidates = sorted(folder.glob("ground-truth*.json"))
    if len(candidates) != 1:
        raise BenchmarkError(f"expected exactly one ground-truth*.json in {folder}, found {len(candidates)}")
    try:
        gt = json.loads(candidates[0].read_text("utf8"))
    except (OSError, ValueError) as exc:
        raise BenchmarkError(f"cannot read {candidates[0]}: {exc}") from None
    if not isinstance(gt, dict) or not gt:
        raise BenchmarkError(f"{candidates[0]} is not a non-empty {{id: record}} object")
    missing = sorted(k for k in gt if not (folder / f"{k}.html.gz").is_file())
    if missing:
        raise BenchmarkError(f"{len(missing)} ground-truth ids have no html.gz, e.g. {missing[:3]}")
    ids = sorted(gt)[:limit] if limit else sorted(gt)
    pages = []
    for k in ids:
        record = gt[k]
        url = record.get("url", "")
        try:
            html = read_html(folder / f"{k}.html.gz")
        except (OSError, EOFError) as exc:
            raise BenchmarkError(f"cannot read {k}.html.gz: {exc}") from None
        if any(f in record for f in ("title", "publish_date")):  # gold fields in the ground truth
            title, date, reference = record.get("title"), norm_date(record.get("publish_date")), "gold"
        else:  # fall back on the page's own structured metadata
            ref = html_reference(html, url)
            title, date, reference = ref["title"], ref["date"], "silver"
        pages.append(Page(k, url, record.get("articleBody", ""), html, title, date, reference))
    return pages


# ---------------------------------------------------------------------------- systems


@dataclass
class Output:
    text: str = ""
    title: str | None = None
    date: str | None = None
    author: str | None = None


Extractor = Callable[[Page], Output]


def newsum_extractor(page: Page) -> Output:
    from newsum.extract.html import extract_html

    article = extract_html(page.html, source=page.id, url=page.url or None)
    meta = article.meta
    return Output(article.text or "", meta.title, meta.published, meta.byline)


def trafilatura_extractor(page: Page) -> Output:
    import trafilatura

    doc = trafilatura.bare_extraction(page.html, url=page.url, with_metadata=True)
    if doc is None:
        return Output()
    return Output(doc.text or "", doc.title, _iso(doc.date), doc.author)


def _iso(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def is_expected_failure(exc: Exception) -> bool:
    """newsum's InputError (e.g. NoArticleText) is an answer, not a bug."""
    from newsum.errors import InputError

    return isinstance(exc, InputError)


@dataclass
class SystemRun:
    """Per-page outputs of one system; ``row()`` scores them."""

    name: str
    pages: Sequence[Page]
    outputs: list[Output] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    errors: list[tuple[str, str, bool]] = field(default_factory=list)  # id, message, expected

    @property
    def unexpected_errors(self) -> list[tuple[str, str, bool]]:
        return [e for e in self.errors if not e[2]]

    def row(self) -> dict[str, Any]:
        counts = [page_counts(p.truth, o.text) for p, o in zip(self.pages, self.outputs, strict=False)]
        scores = aggregate(counts)
        title = Counter(
            title_match(p.ref_title, o.title) for p, o in zip(self.pages, self.outputs, strict=False) if p.ref_title
        )
        date = Counter(
            ("none" if not norm_date(o.date) else "same_day" if norm_date(o.date) == p.ref_date else "wrong")
            for p, o in zip(self.pages, self.outputs, strict=False)
            if p.ref_date
        )
        title_ref, date_ref = sum(title.values()), sum(date.values())
        slowest = max(range(len(self.seconds)), key=self.seconds.__getitem__)
        return {
            "system": self.name,
            **scores,
            "title_exact": title["exact"],
            "title_close": title["close"],
            "title_wrong": title["wrong"],
            "title_none": title["none"],
            "title_ref": title_ref,
            "title_exact_pct": 100 * title["exact"] / title_ref if title_ref else None,
            "date_same_day": date["same_day"],
            "date_wrong": date["wrong"],
            "date_none": date["none"],
            "date_ref": date_ref,
            "date_same_day_pct": 100 * date["same_day"] / date_ref if date_ref else None,
            "ms_per_page": 1000 * statistics.mean(self.seconds),
            "ms_median": 1000 * statistics.median(self.seconds),
            "ms_max": 1000 * self.seconds[slowest],
            "slowest_id": self.pages[slowest].id,
            "pages": len(self.pages),
            "empty": sum(1 for o in self.outputs if not tokens(o.text)),
            "errors": len(self.errors),
            "error_ids": [e[0] for e in self.errors],
        }


def warm_up(extractor: Extractor, pages: Sequence[Page]) -> None:
    """One untimed call first: trafilatura and its helpers import lazily, and
    that one-off cost would otherwise land on the first timed page."""
    try:
        extractor(pages[0])
    except Exception:  # noqa: BLE001, S110 - the timed loop records and reports it
        pass


def run_system(name: str, extractor: Extractor, pages: Sequence[Page]) -> SystemRun:
    """Extract every page; a page that raises scores as an empty output."""
    warm_up(extractor, pages)
    run = SystemRun(name, pages)
    for page in pages:
        start = time.perf_counter()
        try:
            output = extractor(page)
        except Exception as exc:  # noqa: BLE001 - recorded per page, see module docstring
            output = Output()
            expected = name == NEWSUM and is_expected_failure(exc)
            run.errors.append((page.id, f"{type(exc).__name__}: {exc}", expected))
            if not expected:
                print(f"error: {name} failed on {page.id}: {type(exc).__name__}: {exc}", file=sys.stderr)
        run.seconds.append(time.perf_counter() - start)
        run.outputs.append(output)
    return run


def run_systems(systems: Sequence[tuple[str, Extractor]], pages: Sequence[Page]) -> list[SystemRun]:
    """One progress line per system, only for a person watching a terminal."""
    progress = sys.stderr.isatty()
    runs = []
    for index, (name, extractor) in enumerate(systems, 1):
        started = time.perf_counter()
        runs.append(run_system(name, extractor, pages))
        if progress:
            elapsed = time.perf_counter() - started
            print(f"[{index}/{len(systems)}] {name}: {len(pages)} pages, {elapsed:.1f} s", file=sys.stderr)
    return runs


# ---------------------------------------------------------------------------- output


def _rate(pct: float | None, hits: int, total: int) -> str:
    return "–" if pct is None else f"{pct:.1f}% ({hits}/{total})"


def table_cells(row: dict[str, Any]) -> list[str]:
    return [
        row["system"],
        f"{row['f1']:.3f}",
        f"{row['precision']:.3f}",
        f"{row['recall']:.3f}",
        _rate(row["title_exact_pct"], row["title_exact"], row["title_ref"]),
        _rate(row["date_same_day_pct"], row["date_same_day"], row["date_ref"]),
        f"{row['ms_per_page']:.1f}",
        str(row["errors"]),
    ]


def format_table(rows: Sequence[dict[str, Any]]) -> str:
    return readme.text_table(HEADERS, [table_cells(r) for r in rows])


def format_markdown(rows: Sequence[dict[str, Any]]) -> str:
    return readme.markdown_table(HEADERS, [table_cells(r) for r in rows])


def format_json(rows: Sequence[dict[str, Any]], data: str, reference: str) -> str:
    """One object per system per line, unrounded, with enough context to stand alone."""
    return "\n".join(json.dumps({"data": data, "reference": reference, **r}, ensure_ascii=False) for r in rows)


def reference_kind(pages: Sequence[Page]) -> str:
    kinds = sorted({p.reference for p in pages})
    return "+".join(kinds)


def header_line(data: str, pages: Sequence[Page]) -> str:
    kind = reference_kind(pages)
    explain = {
        "gold": "gold (ground-truth title/publish_date)",
        "silver": "silver (the page's own JSON-LD/OpenGraph/URL)",
    }.get(kind, kind)
    return f"data: {Path(data).resolve().name} ({data})  pages: {len(pages)}  title/date reference: {explain}"


def emit(fmt: str, rows: Sequence[dict[str, Any]], header: str, data: str, reference: str, out: TextIO) -> None:
    """Header line then table; with JSON the header goes to stderr so stdout
    stays one JSON object per line."""
    if fmt == "json":
        print(header, file=sys.stderr)
        print(format_json(rows, data, reference), file=out)
        return
    print(header, file=out)
    print(format_table(rows) if fmt == "table" else format_markdown(rows), file=out)


def write_jsonl(path: Path, run: SystemRun) -> None:
    """``{"id", "text", "title", "date" (YYYY-MM-DD or null), "author"}`` per page."""
    with path.open("w", encoding="utf-8") as handle:
        for page, o in zip(run.pages, run.outputs, strict=False):
            record = {"id": page.id, "text": o.text, "title": o.title, "date": norm_date(o.date), "author": o.author}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_eval_json(path: Path, run: SystemRun) -> None:
    """The eval script's ``--predictions`` format. Every page is present, failed
    ones included (empty body, null metadata), so the script counts the same
    title/date denominators as this benchmark."""
    data = {
        page.id: {"articleBody": o.text, "title": o.title, "date": o.date, "author": o.author}
        for page, o in zip(run.pages, run.outputs, strict=False)
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), "utf8")


def failure_notes(runs: Sequence[SystemRun]) -> list[str]:
    """One line per system with failures, naming the pages and the exception
    types, for the end of the run."""
    notes = []
    for run in runs:
        if run.errors:
            listed = ", ".join(f"{pid} ({msg.split(':', 1)[0]})" for pid, msg, _ in run.errors)
            notes.append(f"! {run.name}: {len(run.errors)} page(s) raised and scored as empty: {listed}")
    return notes


# ---------------------------------------------------------------------------- main


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Score newsum's HTML extraction beside trafilatura, "
        "as ../shared/eval/eval_extraction.py scores it.",
    )
    parser.add_argument("--data", required=True, help="folder with <id>.html.gz pages and one ground-truth*.json")
    parser.add_argument("--limit", type=readme.positive_int, help="use only the first N page ids (sorted)")
    parser.add_argument("--out", type=Path, help="write newsum's outputs as JSONL {id, text, title, date, author}")
    parser.add_argument(
        "--save-eval-json",
        type=Path,
        metavar="FILE",
        help="write newsum's outputs as eval_extraction.py --predictions JSON",
    )
    readme.add_output_options(parser, "extraction", "<data folder name>")
    return parser


def data_key(data: str) -> str:
    """The README marker key: the data folder's name (``dev``, ``wcxb-articles-dev``)."""
    return Path(data).resolve().name


def check_inputs(args: argparse.Namespace) -> None:
    """Fail before the (possibly long) run, not after it."""
    if args.update_readme is not None:
        check_readme(args.update_readme, README_NAME, data_key(args.data))
    for option, path in (("--out", args.out), ("--save-eval-json", args.save_eval_json)):
        if path is not None and not path.resolve().parent.is_dir():
            raise BenchmarkError(f"directory of {option} does not exist: {path.parent}")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    try:
        check_inputs(args)
        pages = load_pages(Path(args.data), args.limit)
    except (BenchmarkError, ReadmeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    runs = run_systems([(NEWSUM, newsum_extractor), (TRAFILATURA, trafilatura_extractor)], pages)
    newsum_run = runs[0]
    if args.out is not None:
        write_jsonl(args.out, newsum_run)
    if args.save_eval_json is not None:
        write_eval_json(args.save_eval_json, newsum_run)

    rows = [run.row() for run in runs]
    emit(args.format, rows, header_line(args.data, pages), args.data, reference_kind(pages), sys.stdout)
    for note in failure_notes(runs):
        print(note, file=sys.stderr)
    # A mean can hide one slow page (e.g. a lazy one-off import the first page
    # that needs it pays for): name it so it can be looked at without a profiler.
    slowest = "; ".join(f"{r['system']}: {r['slowest_id']} {r['ms_max']:.0f} ms" for r in rows)
    print(f"slowest page: {slowest}", file=sys.stderr)
    if newsum_run.unexpected_errors:
        if args.update_readme is not None:
            print(f"error: {args.update_readme} not updated because newsum crashed on some pages", file=sys.stderr)
        return 1
    if args.update_readme is not None:
        body = f"`{command_line(PROG, argv)}`\n\n{format_markdown(rows)}"
        try:
            update_readme(args.update_readme, README_NAME, data_key(args.data), body)
        except ReadmeError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
