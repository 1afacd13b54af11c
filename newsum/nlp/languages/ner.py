"""Named entities for any registered language: a CRF over language-neutral features.

``tag_sentences(sentences, language)`` tags tokenised sentences with IOB2 tags
over PER, ORG, LOC and MISC with the language's model (``Language.ner_model``,
a CRFsuite file trained by ``python -m newsum.training.languages_ner``). The
features are computed here, by the same code at training and tagging time.

The features know nothing of one language: the word, its affixes and shape, a
±2 window of words and shapes, and cues looked up in the language's own lists
(its gazetteer of place names, titles and roles, forms of address, stop words)
plus first names (the English list, accents folded). English keeps its own
tagger (``newsum.nlp.ner``) and model; this module serves the other languages.
"""

from __future__ import annotations

import functools
import gzip
import re
import threading
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from newsum.nlp.languages.base import Language

if TYPE_CHECKING:  # pragma: no cover
    import pycrfsuite

__all__ = ["load_tagger", "sentence_features", "tag_sentences", "tag_with", "tokenize"]

_MAX_GAZ_TOKENS = 5
_SHAPE_RUNS = re.compile(r"(.)\1+")
_LOCK = threading.Lock()

# ---------------------------------------------------------------------------- tokens

_TOKEN = re.compile(
    r"""
    (?:[^\W\d_]{1,2}\.){2,}                 # dotted abbreviations: EE.UU. U.S.A. z.B.
  | \d+(?:[.,:]\d+)*                         # numbers: 3,5  1.000  14:49
  | [^\W_](?:[\w'’]|-(?=\w))*                # words, inner apostrophes and hyphens
  | \S                                       # any other mark on its own
    """,
    re.VERBOSE,
)


def tokenize(text: str, language: Language) -> list[tuple[str, int, int]]:
    """Word and punctuation tokens with their offsets, CoNLL style: a known
    abbreviation keeps its period (``Dr.``, ``bzw.``), contractions stay whole
    (``del``, ``zum``)."""
    abbreviations = language.abbreviations
    out: list[tuple[str, int, int]] = []
    for match in _TOKEN.finditer(text):
        token, start, end = match.group(), match.start(), match.end()
        if (
            out
            and token == "."
            and out[-1][2] == start
            and (out[-1][0].lower() in abbreviations or (len(out[-1][0]) == 1 and out[-1][0].isupper()))
        ):
            previous = out.pop()
            token, start = previous[0] + ".", previous[1]
        out.append((token, start, end))
    return out


# ---------------------------------------------------------------------------- resources


@functools.lru_cache(maxsize=8)
def load_tagger(code: str) -> pycrfsuite.Tagger:
    """The language's shipped CRF, opened once per process."""
    from newsum.nlp.languages.registry import get

    language = get(code)
    if not language.ner_model:
        raise RuntimeError(f"no named-entity model for {language.name}")
    try:
        import pycrfsuite
    except ImportError as exc:
        raise RuntimeError("named-entity tagging needs the python-crfsuite package") from exc
    from importlib import resources

    tagger = pycrfsuite.Tagger()
    with resources.as_file(resources.files("newsum").joinpath(language.ner_model)) as path:
        if not path.is_file():
            raise RuntimeError(f"named-entity model missing: {path}")
        tagger.open(str(path))
    return tagger


@functools.lru_cache(maxsize=8)
def gazetteer(resource: str) -> dict[tuple[str, ...], str]:
    """Lower-cased names as token tuples -> kind (``country``, ``region``, ``city``)."""
    from importlib import resources

    try:
        raw = resources.files("newsum").joinpath(resource).read_bytes()
    except (FileNotFoundError, OSError):
        return {}
    entries: dict[tuple[str, ...], str] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        name, _, kind = line.rpartition("\t")
        entries[tuple(name.split(" "))] = kind
    return entries


@functools.lru_cache(maxsize=8)
def _gazetteer_prefixes(resource: str) -> frozenset[tuple[str, ...]]:
    return frozenset(key[:n] for key in gazetteer(resource) for n in range(1, len(key) + 1))


def fold(word: str) -> str:
    """Lower case without accents: ``José`` -> ``jose``."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    from newsum.nlp.lexicon import first_names

    return frozenset(first_names())


def _gazetteer_tags(resource: str | None, lowered: Sequence[str], capitalised: Sequence[bool]) -> list[str | None]:
    out: list[str | None] = [None] * len(lowered)
    if not resource:
        return out
    entries, prefixes = gazetteer(resource), _gazetteer_prefixes(resource)
    i = 0
    while i < len(lowered):
        best, kind = 0, ""
        if capitalised[i]:
            for j in range(i + 1, min(i + _MAX_GAZ_TOKENS, len(lowered)) + 1):
                key = tuple(lowered[i:j])
                if key not in prefixes:
                    break
                if key in entries:
                    best, kind = j - i, entries[key]
        if best:
            out[i] = "B-" + kind
            for k in range(i + 1, i + best):
                out[k] = "I-" + kind
            i += best
        else:
            i += 1
    return out


# ---------------------------------------------------------------------------- features


def _shape(word: str) -> str:
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
    lower = word.lower()
    shape = _shape(word)
    short = _SHAPE_RUNS.sub(r"\1", shape)
    feats = ["w=" + lower, "sh=" + (shape if len(shape) <= 6 else short), "ssh=" + short]
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
        head = word.rsplit("-", 1)[-1].lower()
        if head:
            feats.append("hyphead=" + head)
    if "." in word and len(word) > 1:
        feats.append("dot")
    return tuple(feats), lower, short


def sentence_features(sentence: Sequence[str], language: Language) -> list[list[str]]:
    """CRFsuite items (one list of feature names per token) for one sentence.

    When the language's NER uses its part-of-speech tags (``ner_uses_pos``),
    the tags of the token and its neighbours are features too (German ``NE`` against ``NN`` is most of
    what separates a name from a noun there)."""
    n = len(sentence)
    tags = _pos_tags(sentence, language)
    padded_tags = ["<s>", *tags, "</s>"]
    local = [_word_features(word) for word in sentence]
    lowers = [w[1] for w in local]
    shorts = [w[2] for w in local]
    capitalised = [word[:1].isupper() for word in sentence]
    gaz = _gazetteer_tags(language.gazetteer, lowers, capitalised)
    stop, titles, honorifics = language.stop_words, language.title_words, language.honorifics
    names = _first_names()
    padded_words = ["<s>", "<s>", *lowers, "</s>", "</s>"]
    padded_shapes = ["<s>", "<s>", *shorts, "</s>", "</s>"]
    cues = []
    for i, lower in enumerate(lowers):
        cue = []
        if lower in stop:
            cue.append("stop")
        if lower in titles:
            cue.append("role")
        if lower in honorifics:
            cue.append("honorific")
        if capitalised[i] and fold(lower) in names:
            cue.append("fname")
        cues.append(cue)
    items = []
    for i in range(n):
        c = i + 2
        feats = [
            "bias",
            *local[i][0],
            *cues[i],
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
        if tags:
            feats += ["t=" + tags[i], "t-1=" + padded_tags[i], "t+1=" + padded_tags[i + 2]]
            feats.append("t-1|t|t+1=" + padded_tags[i] + "|" + tags[i] + "|" + padded_tags[i + 2])
        if i == 0:
            feats.append("first")
        if gaz[i]:
            feats.append("gaz=" + gaz[i])  # type: ignore[operator]
        if i:
            feats += ["-1:" + f for f in cues[i - 1]]
            if gaz[i - 1]:
                feats.append("-1:gaz=" + gaz[i - 1])  # type: ignore[operator]
        if i + 1 < n:
            feats += ["+1:" + f for f in cues[i + 1]]
            if gaz[i + 1]:
                feats.append("+1:gaz=" + gaz[i + 1])  # type: ignore[operator]
        items.append(feats)
    return items


def _pos_tags(sentence: Sequence[str], language: Language) -> list[str]:
    """Coarse native tags (``VV(FIN)`` -> ``VV``; ``VMI`` -> ``VM``), or none without a model."""
    if not language.ner_uses_pos:
        return []
    from newsum.nlp.languages import pos

    return [
        t.split("(", 1)[0][:2] if language.pos_tagset == "eagles" else t.split("(", 1)[0]
        for t in pos.tag(sentence, language)
    ]


# ---------------------------------------------------------------------------- tagging


def tag_with(tagger: Any, sentences: Sequence[Sequence[str]], language: Language) -> list[list[str]]:
    """IOB2 tags from a given ``pycrfsuite.Tagger`` (the training script's fresh model)."""
    return [tagger.tag(sentence_features(s, language)) if s else [] for s in sentences]


def tag_sentences(sentences: Sequence[Sequence[str]], language: Language) -> list[list[str]]:
    """IOB2 tags (``B-PER``, ``I-ORG``, ``O``...) for tokenised sentences, with the language's model."""
    if not sentences:
        return []
    tagger = load_tagger(language.code)
    with _LOCK:
        return tag_with(tagger, sentences, language)
