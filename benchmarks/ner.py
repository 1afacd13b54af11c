"""Entity-level benchmark of newsum's named-entity tagger on a CoNLL-style file.

    python -m benchmarks.ner --data ../shared/data/ner/eng.testa [--limit N] \\
        [--out pred.conll] [--format table|markdown|json] [--update-readme README.md]

Reads any CoNLL-style file (first column the token, last column the gold tag,
IOB1 or IOB2, ``-DOCSTART-`` between documents), tags each document with
``newsum.nlp.ner.tag_sentences`` (document context on) and prints precision, recall
and F1 with conlleval semantics, as ``../shared/eval/eval_ner.py`` computes
them: a chunk starts at B-X, or at I-X after O or another type; only an exact
(start, end, type) match counts; micro averages overall, per type, and for
"actors" (PER/ORG/LOC, MISC dropped from both sides). It also prints the time
to load the model and the tagging speed (tokens per second, features included,
model loading and the one-off gazetteer build excluded).

``--out`` writes ``token gold predicted`` per line with a blank line between
sentences, in the gold file's order, so the scorer of record can check the
figures: ``python ../shared/eval/eval_ner.py GOLD --out-file``. ``--limit N``
keeps the first N documents. ``--update-readme`` replaces the markdown table
between ``<!-- benchmark:ner:<data file name> -->`` and
``<!-- /benchmark:ner:<data file name> -->``. Exit status 2 for bad input
(data file, README markers, output directory).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks import _readme as readme
from newsum.nlp import ner
from newsum.training.ner import ROWS, Document, Score, read_conll, score

PROG = "python -m benchmarks.ner"
HEADERS = ("entities", "P", "R", "F1", "tp", "predicted", "gold")


class BenchmarkError(Exception):
    """Bad input: exit status 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Score newsum's named-entity tagger with conlleval semantics, as ../shared/eval/eval_ner.py does.",
    )
    parser.add_argument("--data", type=Path, required=True, help="CoNLL-style file (token first, gold tag last)")
    parser.add_argument("--limit", type=readme.positive_int, help="use only the first N documents")
    parser.add_argument("--out", type=Path, help="write 'token gold predicted' lines here (conlleval style)")
    readme.add_output_options(parser, "ner", "<data file name>")
    return parser


def run(documents: Sequence[Document]) -> tuple[list[list[str]], float, float, int]:
    """Predicted tags for every sentence, model load seconds, tagging seconds, token count."""
    started = time.perf_counter()
    ner.load_tagger()
    load_seconds = time.perf_counter() - started
    ner.gazetteer()  # built once per process; not part of the per-token cost
    predicted: list[list[str]] = []
    started = time.perf_counter()
    for document in documents:
        predicted += ner.tag_sentences(document.sentences)
    tag_seconds = time.perf_counter() - started
    tokens = sum(len(s) for d in documents for s in d.sentences)
    return predicted, load_seconds, tag_seconds, tokens


def write_predictions(path: Path, documents: Sequence[Document], predicted: Sequence[Sequence[str]]) -> None:
    gold_sentences = [(s, t) for d in documents for s, t in zip(d.sentences, d.tags, strict=False)]
    with path.open("w", encoding="utf-8") as handle:
        for (tokens, gold), tags in zip(gold_sentences, predicted, strict=True):
            for token, g, p in zip(tokens, gold, tags, strict=True):
                handle.write(f"{token} {g} {p}\n")
            handle.write("\n")


def rows(scores: dict[str, Score]) -> list[list[str]]:
    return [
        [
            name,
            f"{100 * s.precision:.2f}",
            f"{100 * s.recall:.2f}",
            f"{100 * s.f1:.2f}",
            str(s.tp),
            str(s.predicted),
            str(s.gold),
        ]
        for name, s in ((row, scores[row]) for row in ROWS)
    ]


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    try:
        if not args.data.is_file():
            raise BenchmarkError(f"no such data file: {args.data}")
        if args.update_readme is not None:
            readme.check_readme(args.update_readme, "ner", args.data.name)
        if args.out is not None and not args.out.parent.is_dir():
            raise BenchmarkError(f"directory of --out does not exist: {args.out.parent}")
        documents = read_conll(args.data)
    except (BenchmarkError, readme.ReadmeError, OSError, UnicodeDecodeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.limit is not None:
        documents = documents[: args.limit]

    predicted, load_seconds, tag_seconds, tokens = run(documents)
    scores = score([t for d in documents for t in d.tags], predicted)
    speed = tokens / tag_seconds if tag_seconds else float("inf")
    header = (
        f"{args.data.name}: {len(documents)} documents, {len(predicted)} sentences, {tokens} tokens; "
        f"model loaded in {load_seconds:.3f} s; {speed:,.0f} tokens/s"
    )
    if args.format == "json":
        print(
            json.dumps(
                {
                    "data": str(args.data),
                    "documents": len(documents),
                    "sentences": len(predicted),
                    "tokens": tokens,
                    "load_seconds": round(load_seconds, 4),
                    "tokens_per_second": round(speed),
                    "scores": {
                        row: {
                            "precision": round(100 * scores[row].precision, 2),
                            "recall": round(100 * scores[row].recall, 2),
                            "f1": round(100 * scores[row].f1, 2),
                            "tp": scores[row].tp,
                            "predicted": scores[row].predicted,
                            "gold": scores[row].gold,
                        }
                        for row in ROWS
                    },
                }
            )
        )
    elif args.format == "markdown":
        print(header + "\n\n" + readme.markdown_table(HEADERS, rows(scores)))
    else:
        print(header + "\n" + readme.text_table(HEADERS, rows(scores)))

    try:
        if args.out is not None:
            write_predictions(args.out, documents, predicted)
        if args.update_readme is not None:
            body = readme.section(PROG, argv, header, HEADERS, rows(scores))
            readme.update_readme(args.update_readme, "ner", args.data.name, body)
    except (OSError, readme.ReadmeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
