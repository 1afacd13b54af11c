"""Train the part-of-speech tagger shipped as ``newsum/data/pos.npz``.

    python -m newsum.training.pos --train ../shared/data/ner/eng.train \\
        --dev ../shared/data/ner/eng.testa --out newsum/data/pos.npz \\
        [--iterations 8] [--min-weight 10]

The learner is NLTK's averaged perceptron (``PerceptronTagger(load=False)``,
Honnibal's greedy tagger) on the second column of a CoNLL-2003 file, its Penn
Treebank tags. Training is deterministic: NLTK shuffles the sentences between
iterations with the global ``random`` module, so it is seeded here, and the
saved file (an ``.npz`` of integer and byte arrays, no pickles) is written in a
fixed member order with fixed zip timestamps, so the same data and settings
give the same bytes. At the end it prints the token accuracy
on the dev file's POS column, tagged through ``newsum.nlp.pos`` exactly as the
keyphrase stage tags text.

The CoNLL-2003 files are research-only data (``../shared/data/ner/SOURCES.md``):
nothing of them is copied into the package; only the trained weights are
shipped, like the named-entity model, and that needs a human's licence check
before a public release.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

from newsum.nlp import pos

SEED = 20030101
TaggedSentence = list[tuple[str, str]]


def read_pos(path: str | Path) -> list[TaggedSentence]:
    """(token, POS) per sentence from a CoNLL-2003 file; ``-DOCSTART-`` lines are skipped."""
    sentences: list[TaggedSentence] = []
    current: TaggedSentence = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if not parts:
                if current:
                    sentences.append(current)
                    current = []
            elif parts[0] != "-DOCSTART-" and len(parts) > 1:
                current.append((parts[0], parts[1]))
    if current:
        sentences.append(current)
    return sentences


def train(
    sentences: Sequence[TaggedSentence], iterations: int
) -> tuple[dict[str, dict[str, int]], dict[str, str], list[str]]:
    """Weights in thousandths per feature and class, the tag dictionary, the classes."""
    from nltk.tag.perceptron import PerceptronTagger

    tagger = PerceptronTagger(load=False)
    state = random.getstate()
    random.seed(SEED)  # NLTK shuffles with the global generator between iterations
    try:
        tagger.train([list(s) for s in sentences], nr_iter=iterations)
    finally:
        random.setstate(state)
    # NLTK rounds averaged weights to thousandths; as integers they compress
    # better and sum exactly.
    return (
        {
            feature: {label: round(1000 * w) for label, w in by_class.items()}
            for feature, by_class in tagger.model.weights.items()
        },
        tagger.tagdict,
        sorted(tagger.classes),
    )


def to_json(weights: dict[str, dict[str, int]], tagdict: dict[str, str], classes: list[str]) -> dict:
    """The layout ``newsum.nlp.pos.Tagger.from_json`` reads: feature names in one
    list and the non-zero weights as three parallel integer columns (feature,
    class, weight), which parse and load into an array several times faster
    than nested objects."""
    features = sorted(weights)
    class_index = {c: j for j, c in enumerate(classes)}
    entries = [
        (f, class_index[c], w) for f, feature in enumerate(features) for c, w in sorted(weights[feature].items())
    ]
    return {
        "format": pos.FORMAT,
        "classes": classes,
        "tagdict": tagdict,
        "features": features,
        "feature_index": [e[0] for e in entries],
        "class_index": [e[1] for e in entries],
        "weight": [e[2] for e in entries],
    }


def prune(weights: dict[str, dict[str, int]], min_weight: int) -> dict[str, dict[str, int]]:
    """Drop weights smaller than ``min_weight`` thousandths in magnitude: tiny
    weights of rare words never change a decision (the dev accuracy printed at
    the end says what it cost)."""
    pruned = {}
    for feature, by_class in weights.items():
        kept = {c: w for c, w in by_class.items() if abs(w) >= min_weight}
        if kept:
            pruned[feature] = kept
    return pruned


def write_model(model: dict, path: Path) -> None:
    """An ``.npz`` (``newsum.nlp.pos.read_model`` reads it, ``allow_pickle=False``)
    written member by member in a fixed order with a fixed timestamp:
    retraining with the same data gives the same bytes. (``numpy.savez``
    would stamp each member with the current time.)"""
    import numpy as np

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, array in sorted(pos.model_arrays(model).items()):
            member = io.BytesIO()
            np.lib.format.write_array(member, array, allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            archive.writestr(info, member.getvalue(), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    path.write_bytes(buffer.getvalue())


def accuracy(tagger: pos.Tagger, sentences: Sequence[TaggedSentence]) -> tuple[int, int]:
    """Correct and total tokens."""
    correct = total = 0
    for sentence in sentences:
        tokens = [t for t, _ in sentence]
        for (_, gold), predicted in zip(sentence, tagger.tag(tokens), strict=True):
            correct += gold == predicted
            total += 1
    return correct, total


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m newsum.training.pos",
        description="Train newsum's part-of-speech tagger (NLTK averaged perceptron) on a CoNLL-2003 POS column.",
    )
    parser.add_argument("--train", type=Path, required=True, help="CoNLL-2003 training file")
    parser.add_argument("--dev", type=Path, help="CoNLL-2003 file to report accuracy on")
    parser.add_argument("--out", type=Path, required=True, help="where to write the model (.npz)")
    parser.add_argument("--iterations", type=int, default=8, help="perceptron passes over the data (default 8)")
    parser.add_argument(
        "--min-weight", type=int, default=10, help="drop weights smaller than this many thousandths (default 10)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    started = time.perf_counter()
    sentences = read_pos(args.train)
    weights, tagdict, classes = train(sentences, args.iterations)
    model = to_json(prune(weights, args.min_weight), tagdict, classes)
    write_model(model, args.out)
    print(
        f"trained on {len(sentences)} sentences in {time.perf_counter() - started:.1f} s; "
        f"{len(model['features'])} features, {len(model['weight'])} weights; "
        f"{args.out} {args.out.stat().st_size / 1e6:.2f} MB"
    )
    if args.dev is not None:
        correct, total = accuracy(pos.Tagger.from_file(args.out), read_pos(args.dev))
        print(f"dev accuracy ({args.dev.name}, POS column): {100 * correct / total:.2f}% ({correct}/{total} tokens)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
