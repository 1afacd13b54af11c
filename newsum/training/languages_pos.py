"""Train the Spanish part-of-speech tagger, ``newsum/data/es/pos.npz``, and score taggers on UD.

    python -m newsum.training.languages_pos --train ../shared/data/es/pos/esp.train.pos \\
        --ud ../shared/data/es/ud/es_gsd-ud-dev.conllu

The learner and the model format are the English tagger's
(``newsum.training.pos``: NLTK's averaged perceptron, seeded, 8 passes,
weights under 10 thousandths pruned, an ``.npz`` of plain arrays), trained on
the CoNLL-2002 Spanish part-of-speech column (EAGLES short tags, silver:
assigned by a tagger for the shared task). The check is UPOS accuracy on UD
Spanish-GSD dev, hand-annotated, through the tag mapping of
``newsum.nlp.languages.pos.to_upos``.

UPOS accuracy (``upos_accuracy``) is counted on UD's surface tokens, which is
what a tagger of running text sees: a multiword token (``del`` = *de* + *el*,
``zum`` = *zu* + *dem*, ``dárselo``) is one token whose gold tag is its first
word's UPOS (``ADP``, ``ADP``, ``VERB``). The same function scores the German
tagger (HanTa) on UD German-GSD dev.

CoNLL-2002 is research-only data: only the trained weights are shipped, with
the caveat of the English models (a human's licence check before release).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from newsum.nlp.languages import pos as language_pos
from newsum.nlp.languages.base import Language
from newsum.nlp.languages.registry import get

DATA = Path(__file__).resolve().parent.parent


def read_ud(path: str | Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """(``# text``, [(surface token, gold UPOS)]) per sentence of a CoNLL-U file;
    a multiword token takes its first word's UPOS."""
    sentences: list[tuple[str, list[tuple[str, str]]]] = []
    text = ""
    tokens: list[tuple[str, str]] = []
    skip_until = 0
    pending: str | None = None
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line.startswith("# text = "):
                text = line[len("# text = ") :]
            elif not line:
                if tokens:
                    sentences.append((text, tokens))
                tokens, text, skip_until, pending = [], "", 0, None
            elif not line.startswith("#"):
                cols = line.split("\t")
                ident = cols[0]
                if "-" in ident:
                    first, last = ident.split("-")
                    skip_until = int(last)
                    pending = cols[1]
                elif "." in ident:
                    continue
                elif pending is not None:
                    tokens.append((pending, cols[3]))
                    pending = None
                elif int(ident) > skip_until:
                    tokens.append((cols[1], cols[3]))
    if tokens:
        sentences.append((text, tokens))
    return sentences


def upos_accuracy(language: Language, sentences) -> tuple[int, int, float]:
    """Correct tokens, all tokens and seconds spent tagging."""
    correct = total = 0
    started = time.perf_counter()
    for _, tokens in sentences:
        predicted = language_pos.upos([t for t, _ in tokens], language)
        for (_, gold), guess in zip(tokens, predicted, strict=True):
            correct += gold == guess
            total += 1
    return correct, total, time.perf_counter() - started


def main(argv: Sequence[str] | None = None) -> int:
    from newsum.training.pos import prune, read_pos, to_json, train, write_model

    parser = argparse.ArgumentParser(
        prog="python -m newsum.training.languages_pos", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--train", type=Path, required=True, help="token TAG file (CoNLL-2002 esp.train.pos)")
    parser.add_argument("--ud", type=Path, help="UD CoNLL-U file for the UPOS check")
    parser.add_argument("--out", type=Path, default=DATA / "data/es/pos.npz")
    parser.add_argument("--iterations", type=int, default=8)
    parser.add_argument("--min-weight", type=int, default=10)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    sentences = read_pos(args.train)
    weights, tagdict, classes = train(sentences, args.iterations)
    model = to_json(prune(weights, args.min_weight), tagdict, classes)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_model(model, args.out)
    print(
        f"trained on {len(sentences)} sentences in {time.perf_counter() - started:.1f} s; "
        f"{len(model['features'])} features; {args.out} {args.out.stat().st_size / 1e6:.2f} MB"
    )
    if args.ud is not None:
        language_pos.load_tagger.cache_clear()
        correct, total, _ = upos_accuracy(get("es"), read_ud(args.ud))
        print(f"UPOS accuracy on {args.ud.name}: {100 * correct / total:.2f}% ({correct}/{total} surface tokens)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
