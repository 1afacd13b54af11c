"""Exact-match benchmark of newsum's keyphrases on a keyphrase JSONL file.

    python -m benchmarks.keyphrases --data ../shared/data/keyphrases/duc2001-dev.jsonl \\
        [--limit N] [--out pred.jsonl] [--no-yake] [--format table|markdown|json] \\
        [--update-readme README.md]

Each record is ``{"id", "text", "keyphrases", ["keyphrase_variants"]}``. newsum
reads the text as the digest does (``newsum.nlp.text.split_sentences``, then
``newsum.analyses.keyphrases.extract_keyphrases`` with 10 phrases; the title is not
given, as the digest does not give it). YAKE with its default settings on the
same text is the baseline row when ``yake`` is installed (``pip install
'.[bench]'``).

The protocol is that of the scorer of record, ``../shared/eval/eval_keyphrases.py``
(pke's): phrases lower-cased, curly quotes and dashes made plain, possessive
's dropped, split into words (letters/digits, inner hyphens and dots kept),
each word Porter-stemmed; predictions and gold de-duplicated on that form;
a prediction hits a gold item (any of its variants) not hit before; P@k over
min(k, predictions), R@k over all gold items (also those absent from the
text), F1@k per document, then macro-averaged over documents. ``--out`` writes
newsum's predictions as ``{"id", "keyphrases"}`` lines so the scorer of record
can check the figures: ``python ../shared/eval/eval_keyphrases.py DATA OUT``.

ms/doc is wall time per document for sentence splitting plus extraction, on one
core, after one warm-up document (which loads the part-of-speech model; its
load time is printed separately). ``--update-readme`` replaces the table
between ``<!-- benchmark:keyphrases:<data stem> -->`` and its end marker. Exit
status 2 for bad input (data file, README markers, output directory), 1 when a
system failed on a document (it scores as empty and the README is left alone).
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import _readme as readme

PROG = "python -m benchmarks.keyphrases"
COUNT = 10
KS = (5, 10)
HEADERS = ("system", "P@5", "R@5", "F1@5", "P@10", "R@10", "F1@10", "ms/doc", "docs")
NEWSUM = "newsum"
YAKE = "YAKE (defaults, baseline)"

_WORD = re.compile(r"[^\W_]+(?:[-.][^\W_]+)*")
_POSSESSIVE = re.compile(r"\s?'s\b")
_PLAIN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2013": "-", "\u2014": "-"})


class BenchmarkError(Exception):
    """Bad input: exit status 2."""


@dataclass
class Record:
    id: str
    text: str
    gold: list[frozenset[str]]
    """Normalised variants per gold item, de-duplicated as the scorer does."""


@dataclass
class SystemScore:
    system: str
    scores: dict[str, float]
    ms_per_doc: float
    documents: int
    predictions: dict[str, list[str]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------- protocol


@functools.lru_cache(maxsize=1)
def _porter() -> Callable[[str], str]:
    from nltk.stem import PorterStemmer

    return functools.lru_cache(maxsize=200_000)(PorterStemmer().stem)


def normalise(phrase: str) -> str:
    """'Exxon Valdez oil spills' -> 'exxon valdez oil spill', as the scorer of record."""
    stem = _porter()
    words = _WORD.findall(_POSSESSIVE.sub("", phrase.translate(_PLAIN).lower()))
    return " ".join(stem(w) for w in words)


def gold_items(record: dict) -> list[frozenset[str]]:
    groups = record.get("keyphrase_variants") or [[k] for k in record["keyphrases"]]
    items: list[frozenset[str]] = []
    seen: set[str] = set()
    for group in groups:
        variants = frozenset(n for n in (normalise(v) for v in group) if n)
        if variants and not variants & seen:
            items.append(variants)
            seen |= variants
    return items


def hits(predicted: Sequence[str], items: Sequence[frozenset[str]]) -> list[int]:
    """1 or 0 per de-duplicated prediction, in rank order; a gold item is hit once."""
    unique = list(dict.fromkeys(n for n in (normalise(p) for p in predicted) if n))
    used = [False] * len(items)
    flags = []
    for phrase in unique:
        hit = 0
        for i, variants in enumerate(items):
            if not used[i] and phrase in variants:
                used[i] = True
                hit = 1
                break
        flags.append(hit)
    return flags


def score(records: Sequence[Record], predictions: dict[str, list[str]]) -> dict[str, float]:
    """Macro-averaged P/R/F1 at each k, × 100."""
    totals = {f"{m}@{k}": 0.0 for k in KS for m in ("P", "R", "F1")}
    for record in records:
        flags = hits(predictions.get(record.id, []), record.gold)
        for k in KS:
            top = flags[:k]
            correct = sum(top)
            p = correct / len(top) if top else 0.0
            r = correct / len(record.gold) if record.gold else 0.0
            totals[f"P@{k}"] += p
            totals[f"R@{k}"] += r
            totals[f"F1@{k}"] += 2 * p * r / (p + r) if p + r else 0.0
    return {key: 100 * value / len(records) if records else 0.0 for key, value in totals.items()}


# ---------------------------------------------------------------------------- systems


def newsum_system() -> tuple[Callable[[str], list[str]], float]:
    """The digest's keyphrase stage on a text, and the seconds its first call took."""
    from newsum.analyses.keyphrases import extract_keyphrases
    from newsum.nlp.text import split_sentences

    def extract(text: str) -> list[str]:
        return [k.phrase for k in extract_keyphrases(split_sentences(text), COUNT)]

    started = time.perf_counter()
    extract("Warm-up: the part-of-speech model loads on first use.")
    return extract, time.perf_counter() - started


def yake_system() -> Callable[[str], list[str]] | None:
    try:
        import yake
    except ImportError:
        return None
    extractor = yake.KeywordExtractor(lan="en")

    def extract(text: str) -> list[str]:
        return [phrase for phrase, _ in extractor.extract_keywords(text)]

    extract("Warm-up text for the baseline.")
    return extract


def run(name: str, extract: Callable[[str], list[str]], records: Sequence[Record]) -> SystemScore:
    predictions: dict[str, list[str]] = {}
    failures: list[str] = []
    elapsed = 0.0
    for record in records:
        started = time.perf_counter()
        try:
            predictions[record.id] = extract(record.text)
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the run
            predictions[record.id] = []
            failures.append(f"{record.id}: {type(exc).__name__}: {exc}")
        elapsed += time.perf_counter() - started
    ms = 1000 * elapsed / len(records) if records else 0.0
    return SystemScore(name, score(records, predictions), ms, len(records), predictions, failures)


# ---------------------------------------------------------------------------- input and output


def load_records(path: Path, limit: int | None) -> list[Record]:
    if not path.is_file():
        raise BenchmarkError(f"no such data file: {path}")
    records = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                records.append(Record(str(data["id"]), data["text"], gold_items(data)))
            except (ValueError, KeyError, TypeError) as exc:
                raise BenchmarkError(f"{path}:{number}: not a keyphrase record ({exc})") from None
            if limit is not None and len(records) == limit:
                break
    return records


def cells(s: SystemScore) -> list[str]:
    return [
        s.system,
        *(f"{s.scores[f'{m}@{k}']:.2f}" for k in KS for m in ("P", "R", "F1")),
        f"{s.ms_per_doc:.1f}",
        str(s.documents),
    ]


def write_predictions(path: Path, records: Sequence[Record], predictions: dict[str, list[str]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps({"id": record.id, "keyphrases": predictions[record.id]}, ensure_ascii=False) + "\n")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Score newsum's keyphrases (P/R/F1@5 and @10, Porter-stemmed exact match), "
        "as ../shared/eval/eval_keyphrases.py does.",
    )
    parser.add_argument("--data", type=Path, required=True, help="keyphrase JSONL ({id, text, keyphrases})")
    parser.add_argument("--limit", type=readme.positive_int, help="use only the first N documents")
    parser.add_argument("--out", type=Path, help="write newsum's predictions {id, keyphrases} here")
    parser.add_argument("--no-yake", action="store_true", help="leave out the YAKE baseline")
    readme.add_output_options(parser, "keyphrases", "<data stem>")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    key = args.data.stem
    try:
        if args.update_readme is not None:
            readme.check_readme(args.update_readme, "keyphrases", key)
        if args.out is not None and not args.out.parent.is_dir():
            raise BenchmarkError(f"directory of --out does not exist: {args.out.parent}")
        records = load_records(args.data, args.limit)
    except (BenchmarkError, readme.ReadmeError, OSError, UnicodeDecodeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    extract, load_seconds = newsum_system()
    results = []
    baseline = None if args.no_yake else yake_system()
    if baseline is not None:
        results.append(run(YAKE, baseline, records))
    results.append(run(NEWSUM, extract, records))
    gold = sum(len(r.gold) for r in records)
    header = (
        f"{args.data.name}: {len(records)} documents, {gold / max(1, len(records)):.1f} gold phrases/doc; "
        f"{COUNT} phrases per document; part-of-speech model loaded in {load_seconds:.2f} s"
        + ("" if baseline is not None or args.no_yake else "; YAKE not installed (pip install '.[bench]')")
    )
    if args.format == "json":
        print(header, file=sys.stderr)
        for s in results:
            print(
                json.dumps(
                    {
                        "system": s.system,
                        **{k: round(v, 2) for k, v in s.scores.items()},
                        "ms_per_doc": round(s.ms_per_doc, 2),
                        "docs": s.documents,
                        "data": str(args.data),
                    }
                )
            )
    else:
        table = readme.text_table if args.format == "table" else readme.markdown_table
        print(header + "\n" + ("\n" if args.format == "markdown" else "") + table(HEADERS, [cells(s) for s in results]))

    failed = [f"{s.system}: {f}" for s in results for f in s.failures]
    for failure in failed:
        print(f"error: {failure}", file=sys.stderr)
    try:
        if args.out is not None:
            write_predictions(args.out, records, results[-1].predictions)
        if args.update_readme is not None:
            if failed:
                print(f"error: {args.update_readme} not updated because some documents failed", file=sys.stderr)
            else:
                body = readme.section(PROG, argv, header, HEADERS, [cells(s) for s in results])
                readme.update_readme(args.update_readme, "keyphrases", key, body)
    except (OSError, readme.ReadmeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
