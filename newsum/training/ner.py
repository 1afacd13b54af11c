"""Train the named-entity CRF shipped as ``newsum/data/ner.crfsuite``.

    python -m newsum.training.ner --train ../shared/data/ner/eng.train \\
        --dev ../shared/data/ner/eng.testa --out newsum/data/ner.crfsuite \\
        [--iterations 100] [--c1 0.05] [--c2 0.1] [--min-freq 1] [--folds 2]

The features are ``newsum.nlp.ner.document_features``, so training and tagging
share one definition. Training is deterministic (L-BFGS, fixed settings, data
in file order): the same data and settings give the same model. At the end it
prints the dev set's precision/recall/F1 with conlleval semantics, computed by
the same functions as ``benchmarks/ner.py``.

The CoNLL-2003 files are research-only data (``../shared/data/ner/SOURCES.md``):
nothing of them may be copied into the package or its tests; only the trained
weights are shipped, and that is a licensing question for a human before
release. ``--drop PREFIX`` (repeatable) removes features whose name starts
with PREFIX at training and dev time, to measure what a feature group is worth.

This module also holds the CoNLL reader and the conlleval-style scorer the
benchmark uses.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

TYPES = ("PER", "ORG", "LOC", "MISC")
ACTOR_TYPES = ("PER", "ORG", "LOC")
ROWS = ("overall", *TYPES, "actors")

# ---------------------------------------------------------------------------- data


@dataclass
class Document:
    """One ``-DOCSTART-`` section: tokens and gold tags (as written, IOB1 or IOB2) per sentence."""

    sentences: list[list[str]] = field(default_factory=list)
    tags: list[list[str]] = field(default_factory=list)


def read_conll(path: str | Path) -> list[Document]:
    """First column token, last column tag; blank lines end sentences, ``-DOCSTART-`` documents.

    Sentences before any ``-DOCSTART-`` form a document of their own.
    """
    documents: list[Document] = []
    tokens: list[str] = []
    tags: list[str] = []

    def end_sentence() -> None:
        if tokens:
            if not documents:
                documents.append(Document())
            documents[-1].sentences.append(tokens.copy())
            documents[-1].tags.append(tags.copy())
            tokens.clear()
            tags.clear()

    with open(path, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if not parts:
                end_sentence()
            elif parts[0] == "-DOCSTART-":
                end_sentence()
                documents.append(Document())
            else:
                tokens.append(parts[0])
                tags.append(parts[-1] if len(parts) > 1 else "O")
    end_sentence()
    return [d for d in documents if d.sentences]


# ---------------------------------------------------------------------------- scoring


def spans(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    """conlleval chunks (start, end, type) of IOB1/IOB2 tags: a chunk starts at B-X,
    or at I-X after O or after another type."""
    out: set[tuple[int, int, str]] = set()
    start: int | None = None
    kind = ""
    for i, tag in enumerate([*tags, "O"]):
        if tag == "O" or "-" not in tag:
            prefix, label = "O", ""
        else:
            prefix, label = tag.split("-", 1)
        begins = prefix in ("B", "S") or (prefix in ("I", "E") and label != kind)
        if start is not None and (prefix == "O" or begins):
            out.add((start, i, kind))
            start, kind = None, ""
        if prefix != "O" and (begins or start is None):
            start, kind = i, label
        if prefix in ("E", "S") and start is not None:
            out.add((start, i + 1, kind))
            start, kind = None, ""
    return out


def to_iob2(tags: Sequence[str]) -> list[str]:
    """The same chunks written as IOB2 (B- on every first token): what the CRF learns."""
    out = ["O"] * len(tags)
    for start, end, kind in spans(tags):
        out[start] = "B-" + kind
        for k in range(start + 1, end):
            out[k] = "I-" + kind
    return out


@dataclass(frozen=True)
class Score:
    tp: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(gold: Iterable[Sequence[str]], predicted: Iterable[Sequence[str]]) -> dict[str, Score]:
    """Micro P/R/F1 per sentence-aligned tag lists: overall, per type and "actors"
    (PER/ORG/LOC, MISC dropped from both sides), exact (start, end, type) matches."""
    tp: Counter[str] = Counter()
    npred: Counter[str] = Counter()
    ngold: Counter[str] = Counter()
    for gold_tags, pred_tags in zip(gold, predicted, strict=True):
        g, p = spans(gold_tags), spans(pred_tags)
        for s in g:
            ngold[s[2]] += 1
        for s in p:
            npred[s[2]] += 1
        for s in g & p:
            tp[s[2]] += 1
    result = {"overall": Score(sum(tp.values()), sum(npred.values()), sum(ngold.values()))}
    for kind in TYPES:
        result[kind] = Score(tp[kind], npred[kind], ngold[kind])
    result["actors"] = Score(*(sum(c[k] for k in ACTOR_TYPES) for c in (tp, npred, ngold)))
    return result


# ---------------------------------------------------------------------------- training


def _filtered(items: list[list[list[str]]], drop: tuple[str, ...]) -> list[list[list[str]]]:
    if not drop:
        return items
    return [[[f for f in token if not f.startswith(drop)] for token in sentence] for sentence in items]


def tag_documents(
    tagger,
    documents: Sequence[Document],
    drop: tuple[str, ...] = (),
    consistency: bool = True,
    second_pass: bool = True,
) -> list[list[str]]:
    """Predicted tags for every sentence of every document, in file order.

    With the defaults this is exactly ``newsum.nlp.ner.tag_with``; the switches are for ablations.
    """
    from newsum.nlp import ner

    predicted: list[list[str]] = []
    for document in documents:
        if not drop and consistency and second_pass:
            predicted += ner.tag_with(tagger, document.sentences)
            continue
        items = _filtered(ner.document_features(document.sentences), drop)
        tags = [tagger.tag(x) if x else [] for x in items]
        if second_pass:
            tags = [tagger.tag(x) if x else [] for x in ner.with_first_pass(document.sentences, items, tags)]
        if consistency:
            tags = ner.consistent_names(document.sentences, tags)
        predicted += tags
    return predicted


def _train_model(
    examples: Iterable[tuple[list[list[str]], list[str]]],
    out: Path,
    iterations: int,
    c1: float,
    c2: float,
    min_freq: float,
) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for items, tags in examples:
        trainer.append(items, tags)
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": iterations,
            "feature.minfreq": min_freq,
            "feature.possible_transitions": True,
        }
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))


def train(
    documents: Sequence[Document],
    out: Path,
    iterations: int,
    c1: float,
    c2: float,
    min_freq: float,
    folds: int = 2,
    drop: tuple[str, ...] = (),
) -> None:
    """Train the model at ``out``.

    With ``folds`` > 1 the training documents get first-pass tags by
    jackknifing (each fold tagged by a model trained on the other folds, so the
    second-pass features are as noisy as they will be at run time), and the
    final model learns every sentence twice: without the second-pass features
    (first pass) and with them (second pass).
    """
    import tempfile

    import pycrfsuite

    from newsum.nlp import ner

    features = [_filtered(ner.document_features(d.sentences), drop) for d in documents]
    gold = [[to_iob2(tags) for tags in d.tags] for d in documents]

    def first_pass_examples(indices):
        for k in indices:
            yield from zip(features[k], gold[k], strict=False)

    examples = list(first_pass_examples(range(len(documents))))
    if folds > 1:
        first_pass: list[list[list[str]] | None] = [None] * len(documents)
        with tempfile.TemporaryDirectory() as tmp:
            for fold in range(folds):
                held_out = range(fold, len(documents), folds)
                kept = [k for k in range(len(documents)) if k % folds != fold]
                path = Path(tmp) / f"fold{fold}.crfsuite"
                _train_model(first_pass_examples(kept), path, iterations, c1, c2, min_freq)
                tagger = pycrfsuite.Tagger()
                tagger.open(str(path))
                for k in held_out:
                    first_pass[k] = [tagger.tag(x) if x else [] for x in features[k]]
                tagger.close()
        for k, document in enumerate(documents):
            stacked = ner.with_first_pass(document.sentences, features[k], first_pass[k] or [])
            examples += zip(stacked, gold[k], strict=False)
    _train_model(examples, out, iterations, c1, c2, min_freq)


def format_scores(scores: dict[str, Score]) -> str:
    lines = [f"{'':10s} {'P':>6s} {'R':>6s} {'F1':>6s} {'tp':>6s} {'pred':>6s} {'gold':>6s}"]
    for row in ROWS:
        s = scores[row]
        lines.append(
            f"{row:10s} {100 * s.precision:6.2f} {100 * s.recall:6.2f} {100 * s.f1:6.2f} {s.tp:6d} {s.predicted:6d} {s.gold:6d}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsum.training.ner", description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", type=Path, required=True, help="CoNLL training file (eng.train)")
    parser.add_argument("--dev", type=Path, help="CoNLL dev file scored at the end (eng.testa)")
    parser.add_argument("--out", type=Path, default=Path("newsum/data/ner.crfsuite"))
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--c1", type=float, default=0.05, help="L1 penalty (prunes features)")
    parser.add_argument("--c2", type=float, default=0.1, help="L2 penalty")
    parser.add_argument("--min-freq", type=float, default=1, help="drop features seen fewer times")
    parser.add_argument("--folds", type=int, default=2, help="jackknife folds for the second pass (0: no second pass)")
    parser.add_argument(
        "--drop",
        action="append",
        default=[],
        metavar="PREFIX",
        help="ablation: leave out features starting with PREFIX",
    )
    parser.add_argument("--no-consistency", action="store_true", help="ablation: skip the name-consistency pass on dev")
    args = parser.parse_args(argv)

    for path in (args.train, args.dev):
        if path is not None and not path.is_file():
            print(f"error: no such file: {path}", file=sys.stderr)
            return 2
    drop = tuple(args.drop)
    started = time.perf_counter()
    documents = read_conll(args.train)
    train(documents, args.out, args.iterations, args.c1, args.c2, args.min_freq, args.folds, drop)
    elapsed = time.perf_counter() - started
    from newsum.nlp.ner import write_gazetteer

    write_gazetteer(args.out.with_name("gazetteer.tsv.gz"))
    size = args.out.stat().st_size
    print(
        f"trained on {sum(len(d.sentences) for d in documents)} sentences in {elapsed:.0f} s; "
        f"model {args.out} ({size / 1e6:.1f} MB)"
    )
    if args.dev is not None:
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(args.out))
        dev = read_conll(args.dev)
        predicted = tag_documents(tagger, dev, drop, not args.no_consistency, args.folds > 1)
        gold = [tags for d in dev for tags in d.tags]
        scores = score(gold, predicted)
        print(f"dev {args.dev}:")
        print(format_scores(scores))
        print(f"dev F1 {100 * scores['overall'].f1:.2f} (actors {100 * scores['actors'].f1:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
