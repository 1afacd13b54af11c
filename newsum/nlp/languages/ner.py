"""Named entities for any registered language: a CRF over language-neutral features.

``tag_sentences(sentences, language)`` tags tokenised sentences with IOB2 tags
over PER, ORG, LOC and MISC with the language's model (``Language.ner_model``,
a CRFsuite file trained by ``python -m newsum.training.languages_ner``). The
features are computed here, by the same code at training and tagging time.

The features know nothing of one language: the word, its affixes (up to five
letters) and shape, a ±2 window of words, word pairs and shapes, and cues looked
up in the language's own lists (its gazetteer of place names, also behind a
genitive ``s``, titles and roles, forms of address, stop words), given names and
surnames (``fname``/``lname``: the English first names plus the gazetteer file's
name lists, every Latin-script locale's, accents folded: an unseen "Jürgen
Kranz" is still a person), and, for a model trained with one, the
``EntityLexicon`` of its training data (``ent=B-ORG``: whole names seen in
training, "Bundesamt für Statistik"). One gzipped ``name<TAB>kind`` file holds
all three (``gazetteer``, ``name_lists``, ``entity_lexicon`` read it apart).

The sentences given to ``tag_sentences`` are one document (an article), as for
the English tagger: each capitalised word also gets what the rest of the
document says about it (``DocumentContext``: seen in lower case, capitalised
inside a sentence, the lower-case words around its other occurrences), and a
model trained for it (``model_is_stacked``: the Spanish one) tags twice, the
second pass seeing the first pass's types for the same word elsewhere
(``with_first_pass``). German is trained on isolated sentences, so its model
knows none of these and tags once. English keeps its own tagger
(``newsum.nlp.ner``) and model; this module serves the other languages.
"""

from __future__ import annotations

import functools
import gzip
import re
import threading
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsum.nlp.languages.base import Language
from newsum.nlp.ner import longest_matches, with_first_pass, word_shape

if TYPE_CHECKING:  # pragma: no cover
    import pycrfsuite

__all__ = [
    "ENTITY_KINDS",
    "NAME_KINDS",
    "DocumentContext",
    "EntityLexicon",
    "entity_lexicon",
    "gazetteer",
    "load_tagger",
    "name_lists",
    "model_is_stacked",
    "sentence_features",
    "tag_sentences",
    "tag_with",
    "tokenize",
    "with_first_pass",
]

_MAX_GAZ_TOKENS = 5
# Rows of a gazetteer file that are single given names and surnames, not places.
NAME_KINDS = frozenset({"first", "last"})
# Rows that are names of the training data's entities with their type (``EntityLexicon``).
ENTITY_KINDS = frozenset({"PER", "ORG", "LOC", "MISC"})
_MAX_ENTITY_TOKENS = 6
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
def _stacked(code: str) -> bool:
    from importlib import resources

    from newsum.nlp.languages.registry import get

    language = get(code)
    assert language.ner_model
    with resources.as_file(resources.files("newsum").joinpath(language.ner_model)) as path:
        return model_is_stacked(path)


@functools.lru_cache(maxsize=8)
def _gazetteer_lines(resource: str) -> tuple[tuple[str, str], ...]:
    """``(name, kind)`` rows of a gazetteer file (``name<TAB>kind``, gzipped);
    none when the file is missing."""
    from importlib import resources

    try:
        raw = resources.files("newsum").joinpath(resource).read_bytes()
    except (FileNotFoundError, OSError):
        return ()
    rows = []
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        name, _, kind = line.rpartition("\t")
        rows.append((name, kind))
    return tuple(rows)


@functools.lru_cache(maxsize=8)
def gazetteer(resource: str) -> dict[tuple[str, ...], str]:
    """Lower-cased place names as token tuples -> kind (``country``, ``region``,
    ``city``). The name lists (``NAME_KINDS``) and the training data's entities
    (``ENTITY_KINDS``) in the same file are left out: callers (the actors'
    place check too) read this as "a place"."""
    return {
        tuple(name.split(" ")): kind
        for name, kind in _gazetteer_lines(resource)
        if kind not in NAME_KINDS and kind not in ENTITY_KINDS
    }


@functools.lru_cache(maxsize=8)
def name_lists(resource: str | None) -> tuple[frozenset[str], frozenset[str]]:
    """First names and surnames (lower case, accents folded) for the ``fname`` and
    ``lname`` cues: the English first-name list plus the gazetteer file's
    ``first`` and ``last`` rows (every Latin-script locale's names, since news
    names people from everywhere)."""
    first = set(_first_names())
    last: set[str] = set()
    for name, kind in _gazetteer_lines(resource) if resource else ():
        if kind == "first":
            first.add(name)
        elif kind == "last":
            last.add(name)
    return frozenset(first), frozenset(last)


class EntityLexicon:
    """The entities of a training set, lower-cased token tuples -> their most
    frequent type, searched longest match first (``ent=B-ORG`` features).

    The CRF remembers single words; this carries whole names ("Bundesamt für
    Gesundheit") and their type to a new sentence. Built from training data only:
    the training script builds it for each training sentence from the *other*
    half of the data (``build``, jackknife), so the model learns how far a match
    can be trusted on names it has not seen, and ships the one built from all of it
    (the gazetteer file's ``PER``/``ORG``/``LOC``/``MISC`` rows)."""

    __slots__ = ("entries", "prefixes")

    def __init__(self, entries: dict[tuple[str, ...], str]) -> None:
        self.entries = entries
        self.prefixes = frozenset(key[:n] for key in entries for n in range(1, len(key) + 1))

    @classmethod
    def build(cls, sentences: Sequence[Sequence[str]], tags: Sequence[Sequence[str]]) -> EntityLexicon:
        """Every gold entity of the tagged ``sentences`` (IOB2) with its most frequent type."""
        counts: dict[tuple[str, ...], dict[str, int]] = {}
        for sentence, sentence_tags in zip(sentences, tags, strict=True):
            for start, end, kind in _spans(sentence_tags):
                if end - start <= _MAX_ENTITY_TOKENS:
                    key = tuple(word.lower() for word in sentence[start:end])
                    kinds = counts.setdefault(key, {})
                    kinds[kind] = kinds.get(kind, 0) + 1
        return cls({key: max(sorted(kinds), key=kinds.__getitem__) for key, kinds in counts.items()})

    def tags(self, lowered: Sequence[str], capitalised: Sequence[bool]) -> list[str | None]:
        """``B-kind``/``I-kind`` of the longest entry starting at each capitalised token."""
        if not self.entries:
            return [None] * len(lowered)
        return longest_matches(lowered, capitalised, self.entries, self.prefixes, _MAX_ENTITY_TOKENS)


@functools.lru_cache(maxsize=8)
def entity_lexicon(resource: str | None) -> EntityLexicon:
    """The shipped ``EntityLexicon`` of a language (empty when its gazetteer file has none)."""
    rows = _gazetteer_lines(resource) if resource else ()
    return EntityLexicon({tuple(name.split(" ")): kind for name, kind in rows if kind in ENTITY_KINDS})


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
    if not resource:
        return [None] * len(lowered)
    return longest_matches(lowered, capitalised, gazetteer(resource), _gazetteer_prefixes(resource), _MAX_GAZ_TOKENS)


# ---------------------------------------------------------------------------- features


@functools.lru_cache(maxsize=200_000)
def _word_features(word: str) -> tuple[tuple[str, ...], str, str]:
    lower = word.lower()
    shape = word_shape(word)
    short = _SHAPE_RUNS.sub(r"\1", shape)
    feats = ["w=" + lower, "sh=" + (shape if len(shape) <= 6 else short), "ssh=" + short]
    for n in (1, 2, 3, 4, 5):
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


class DocumentContext:
    """What a document says about its capitalised words elsewhere: whether a word
    also occurs in lower case, whether it is capitalised inside a sentence, and the
    lower-case words around its other occurrences (as the English tagger does)."""

    __slots__ = ("contexts", "lowered", "mid_capitalised")

    def __init__(self, sentences: Sequence[Sequence[str]]) -> None:
        self.lowered: set[str] = set()
        self.mid_capitalised: set[str] = set()
        self.contexts: dict[str, dict[str, int]] = {}
        for sentence in sentences:
            for k, word in enumerate(sentence):
                if word.islower():
                    self.lowered.add(word)
                elif word[:1].isupper():
                    if k:
                        self.mid_capitalised.add(word.lower())
                    around = self.contexts.setdefault(word.lower(), {})
                    for feature in _context_words(sentence, k):
                        around[feature] = around.get(feature, 0) + 1

    def features(self, sentence: Sequence[str], i: int, lower: str) -> list[str]:
        out = []
        if lower in self.lowered:
            out.append("doc_lower")
        if lower in self.mid_capitalised:
            out.append("doc_midcap" if i else "doc_midcap_first")
        elif i == 0:
            out.append("doc_never_midcap")
        own = _context_words(sentence, i)
        out += [f for f, count in self.contexts.get(lower, {}).items() if count > own.count(f)]
        return out


def _context_words(sentence: Sequence[str], k: int) -> tuple[str, ...]:
    """The lower-case words right before and after a token: what the document says around a name."""
    out = []
    if k and sentence[k - 1].islower():
        out.append("dctx-1=" + sentence[k - 1].lower())
    if k + 1 < len(sentence) and sentence[k + 1].islower():
        out.append("dctx+1=" + sentence[k + 1].lower())
    return tuple(out)


def sentence_features(
    sentence: Sequence[str],
    language: Language,
    document: DocumentContext | None = None,
    entities: EntityLexicon | None = None,
) -> list[list[str]]:
    """CRFsuite items (one list of feature names per token) for one sentence.

    ``document`` (the ``DocumentContext`` of the sentences of one article) adds
    what the rest of the document says about each capitalised word; without it
    the sentence stands alone. ``entities`` is the ``EntityLexicon`` to search
    (the training script passes its jackknifed ones); by default the language's
    shipped one.

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
    known = (entity_lexicon(language.gazetteer) if entities is None else entities).tags(lowers, capitalised)
    single = gazetteer(language.gazetteer) if language.gazetteer else {}
    stop, titles, honorifics = language.stop_words, language.title_words, language.honorifics
    first_names, surnames = name_lists(language.gazetteer)
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
        if capitalised[i]:
            folded = fold(lower)
            if folded in first_names:
                cue.append("fname")
            if folded in surnames:
                cue.append("lname")
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
            "w-2|w-1=" + padded_words[c - 2] + "|" + padded_words[c - 1],
            "w+1|w+2=" + padded_words[c + 1] + "|" + padded_words[c + 2],
            "sh-2=" + padded_shapes[c - 2],
            "sh-1=" + padded_shapes[c - 1],
            "sh+1=" + padded_shapes[c + 1],
            "sh+2=" + padded_shapes[c + 2],
            "sh-1|sh|sh+1=" + padded_shapes[c - 1] + "|" + shorts[i] + "|" + padded_shapes[c + 1],
        ]
        if capitalised[i] and not gaz[i]:
            # A name in another case form: German genitive "Deutschlands", "Frankreichs".
            lower = lowers[i]
            if lower.endswith("s") and (lower[:-1],) in single:
                feats.append("gaz_s=" + single[(lower[:-1],)])
        if document is not None and capitalised[i]:
            feats += document.features(sentence, i, lowers[i])
        if tags:
            feats += ["t=" + tags[i], "t-1=" + padded_tags[i], "t+1=" + padded_tags[i + 2]]
            feats.append("t-1|t|t+1=" + padded_tags[i] + "|" + tags[i] + "|" + padded_tags[i + 2])
        if i == 0:
            feats.append("first")
        if gaz[i]:
            feats.append("gaz=" + gaz[i])  # type: ignore[operator]
        if known[i]:
            feats.append("ent=" + known[i])  # type: ignore[operator]
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


def _spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    out, start, kind = [], -1, ""
    for i, tag in enumerate([*tags, "O"]):
        if start >= 0 and not (tag.startswith("I-") and tag[2:] == kind):
            out.append((start, i, kind))
            start = -1
        if tag.startswith("B-") or (tag.startswith("I-") and start < 0):
            start, kind = i, tag[2:]
    return out


def model_is_stacked(path: str | Path) -> bool:
    """Whether a CRFsuite model was trained for a second pass: it knows the ``fp_``
    features (their names are stored as plain strings in the file)."""
    return b"fp_tok=" in Path(path).read_bytes()


def tag_with(
    tagger: Any,
    sentences: Sequence[Sequence[str]],
    language: Language,
    document_context: bool = True,
    stacked: bool = False,
) -> list[list[str]]:
    """IOB2 tags from a given ``pycrfsuite.Tagger``. With ``document_context`` the
    sentences are one document: its context features, and for a model trained with
    them (``stacked``) a second pass that sees
    the first pass's tags for the same words elsewhere in the document."""
    document = DocumentContext(sentences) if document_context else None
    items = [sentence_features(s, language, document) for s in sentences]
    tags = [tagger.tag(x) if x else [] for x in items]
    if document_context and stacked:
        tags = [tagger.tag(x) if x else [] for x in with_first_pass(sentences, items, tags)]
    return tags


def tag_sentences(
    sentences: Sequence[Sequence[str]], language: Language, document_context: bool = True
) -> list[list[str]]:
    """IOB2 tags (``B-PER``, ``I-ORG``, ``O``...) for the tokenised sentences of one
    document (``document_context=False``: unrelated sentences), with the language's model."""
    if not sentences:
        return []
    tagger = load_tagger(language.code)
    with _LOCK:
        return tag_with(tagger, sentences, language, document_context, _stacked(language.code))
