"""Part-of-speech tags (Penn Treebank) from a tagger shipped in the package.

The model (``newsum/data/pos.npz``) is NLTK's averaged perceptron trained by
``python -m newsum.training.pos`` on the POS column of CoNLL-2003 (Reuters
news), stored as a numpy ``.npz`` of plain integer and byte arrays, read with
``allow_pickle=False``: loading it runs no code (unlike a pickle) and never
looks in NLTK's data directory. It is read on first use and cached. (The
previous gzip JSON layout took 0.1 s to parse; the arrays load in a fraction.)

Tagging is done here rather than by ``nltk.tag.perceptron.PerceptronTagger``:
the features and the decision rule are the same (a test checks the two agree
token for token), but summing the word-only features for a whole sentence at
once with numpy makes it about four times faster, and tagging is most of the
keyphrase stage's time budget. The weights are stored as integer thousandths
(NLTK rounds them to thousandths anyway).
"""

from __future__ import annotations

import functools
import io
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

MODEL_RESOURCE = "data/pos.npz"
FORMAT = "nltk-averaged-perceptron/1 (weights in thousandths)"
_START = ("-START-", "-START2-")
_END = ("-END-", "-END2-")
# The Treebank word tokenizer writes quotes as `` and ''; CoNLL-2003, which the
# model learnt from, writes a plain " (curly quotes likewise).
_TAG_WORD = "i-1 tag+i word "
_QUOTE_TOKENS = {"``": '"', "''": '"', "\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2019s": "'s"}


class ModelError(Exception):
    """The model file is missing or not a model this code can read."""


class Tagger:
    """A greedy left-to-right tagger: integer weights (thousandths) per feature
    and class, and a dictionary of frequent words that always had one tag.

    Nine of the thirteen features depend only on the words, so their scores for
    a whole sentence are one numpy gather-and-sum; the three tag-history
    features are a precomputed table per (previous tag, tag before that); only
    the previous-tag-and-word feature is looked up token by token.
    """

    def __init__(
        self,
        features: Sequence[str],
        entries: tuple[Sequence[int], Sequence[int], Sequence[int]],
        tagdict: dict[str, str],
        classes: Sequence[str],
    ) -> None:
        import numpy as np

        rows, cols, values = (np.asarray(e, dtype=np.intp) for e in entries)
        # Descending class order, so argmax (the first maximum) picks the
        # alphabetically last class on a tie, as NLTK does.
        order = sorted(range(len(classes)), key=classes.__getitem__, reverse=True)
        self.classes = tuple(classes[j] for j in order)
        column = np.empty(len(classes), dtype=np.intp)
        column[order] = np.arange(len(classes))
        self.tagdict = tagdict
        # Row 0 is all zeros: the row of a feature the model never saw.
        self._row = {f: r for r, f in enumerate(features, start=1)}
        self._weights = np.zeros((len(features) + 1, len(classes)), dtype=np.int16)
        self._weights[rows + 1, column[cols]] = values
        self._history_index, self._history = self._history_table()

    def _history_table(self):
        """Scores of the three features made of the previous two tags, for every pair."""
        history = (*self.classes, *_START)
        index = {t: k for k, t in enumerate(history)}
        row = self._row.get
        prev = self._weights[[row(f"i-1 tag {t}", 0) for t in history]]
        prev2 = self._weights[[row(f"i-2 tag {t}", 0) for t in history]]
        both = self._weights[[[row(f"i tag+i-2 tag {a} {b}", 0) for b in history] for a in history]]
        table = prev[:, None, :].astype("int32") + prev2[None, :, :] + both
        return index, table

    @classmethod
    def from_json(cls, data: dict) -> Tagger:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ModelError(f"not a {FORMAT} model")
        entries = (data["feature_index"], data["class_index"], data["weight"])
        if not len(entries[0]) == len(entries[1]) == len(entries[2]):
            raise ModelError("part-of-speech model: weight columns of different lengths")
        return cls(data["features"], entries, data["tagdict"], data["classes"])

    @classmethod
    def from_bytes(cls, raw: bytes) -> Tagger:
        try:
            return cls.from_json(read_model(raw))
        except (OSError, EOFError, ValueError, KeyError, IndexError, zipfile.BadZipFile) as exc:
            raise ModelError(f"unreadable part-of-speech model: {exc}") from None

    @classmethod
    def from_file(cls, path: str | Path) -> Tagger:
        return cls.from_bytes(Path(path).read_bytes())

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """One tag per token, in order."""
        if not tokens:
            return []
        words = [_QUOTE_TOKENS.get(t, t) for t in tokens]
        context = [*_START, *(_normalise(w) for w in words), *_END]
        known = [self.tagdict.get(word) for word in words]
        # A word of the tag dictionary takes its tag without scoring: only the
        # others (half of news text) need their features summed.
        scored = [i for i, tag in enumerate(known) if not tag]
        static = self._static_scores(words, context, scored)
        history, index, weights, row, classes = (
            self._history,
            self._history_index,
            self._weights,
            self._row,
            self.classes,
        )
        tags: list[str] = []
        prev, prev2 = _START
        for i, tag in enumerate(known):
            if not tag:
                tag_word = weights[row.get(_TAG_WORD + prev + " " + context[i + 2], 0)]
                scores = static[i] + history[index[prev], index[prev2]] + tag_word
                tag = classes[int(scores.argmax())]
            tags.append(tag)
            prev2, prev = prev, tag
        return tags

    def _static_scores(self, words: Sequence[str], context: Sequence[str], positions: Sequence[int]) -> dict[int, Any]:
        """Summed weights of the word-only features of the tokens at ``positions``, by position."""
        if not positions:
            return {}
        row = self._row.get
        rows = [[row(f, 0) for f in _word_features(i + 2, words[i], context)] for i in positions]
        return dict(zip(positions, self._weights[rows].sum(axis=1, dtype="int32"), strict=True))


# The model file's arrays: lists of strings are stored as UTF-8 bytes joined by
# newlines (no string contains one), numbers as integer columns.
_TEXT_ARRAYS = ("format", "classes", "features", "tagdict_words", "tagdict_tags")
_NUMBER_ARRAYS = {"feature_index": "int32", "class_index": "uint8", "weight": "int16"}


def read_model(raw: bytes) -> dict:
    """The model file's contents in the layout ``Tagger.from_json`` takes
    (``format``, ``classes``, ``tagdict``, ``features`` and the three weight
    columns ``feature_index``, ``class_index``, ``weight`` as numpy arrays).
    Pickled arrays are refused."""
    import numpy as np

    with np.load(io.BytesIO(raw), allow_pickle=False) as arrays:
        if not isinstance(arrays, np.lib.npyio.NpzFile):
            raise ValueError("not an .npz archive")
        text = {name: arrays[name].tobytes().decode("utf-8") for name in _TEXT_ARRAYS}
        numbers = {name: arrays[name] for name in _NUMBER_ARRAYS}
    words, tags = text["tagdict_words"].split("\n"), text["tagdict_tags"].split("\n")
    if len(words) != len(tags):
        raise ValueError("tag dictionary columns of different lengths")
    return {
        "format": text["format"],
        "classes": text["classes"].split("\n"),
        "features": text["features"].split("\n"),
        "tagdict": dict(zip(words, tags, strict=False)) if text["tagdict_words"] else {},
        **numbers,
    }


def model_arrays(model: dict) -> dict:
    """The arrays ``read_model`` reads back, from the ``to_json`` layout of
    ``newsum.training.pos`` (the inverse of ``read_model``)."""
    import numpy as np

    def joined(strings: Sequence[str]) -> np.ndarray:
        if any("\n" in s for s in strings):
            raise ValueError("a model string contains a newline")
        return np.frombuffer("\n".join(strings).encode("utf-8"), dtype=np.uint8)

    tagdict = sorted(model["tagdict"].items())
    arrays = {
        "format": joined([model["format"]]),
        "classes": joined(model["classes"]),
        "features": joined(model["features"]),
        "tagdict_words": joined([w for w, _ in tagdict]),
        "tagdict_tags": joined([t for _, t in tagdict]),
    }
    for name, dtype in _NUMBER_ARRAYS.items():
        column = np.asarray(model[name], dtype=np.int64)
        info = np.iinfo(dtype)
        if column.size and (column.min() < info.min or column.max() > info.max):
            raise ValueError(f"{name} does not fit in {dtype}")
        arrays[name] = column.astype(dtype)
    return arrays


def _normalise(word: str) -> str:
    """NLTK's normalisation of context words: hyphenated words, years and numbers
    collapse to one symbol each, everything else is lower-cased."""
    if "-" in word and word[0] != "-":
        return "!HYPHEN"
    if word.isdigit() and len(word) == 4:
        return "!YEAR"
    if word and word[0].isdigit():
        return "!DIGITS"
    return word.lower()


def _word_features(i: int, word: str, context: Sequence[str]) -> tuple[str, ...]:
    """NLTK's ``PerceptronTagger._get_features`` without the three tag-history
    features and the previous-tag-and-word feature (``Tagger.tag`` adds those).
    Each feature has value 1. Changing this means retraining the model."""
    return (
        "bias",
        "i suffix " + word[-3:],
        "i pref1 " + (word[0] if word else ""),
        "i word " + context[i],
        "i-1 word " + context[i - 1],
        "i-1 suffix " + context[i - 1][-3:],
        "i-2 word " + context[i - 2],
        "i+1 word " + context[i + 1],
        "i+1 suffix " + context[i + 1][-3:],
        "i+2 word " + context[i + 2],
    )


@functools.lru_cache(maxsize=1)
def load_tagger() -> Tagger:
    """The shipped model, read once per process."""
    from importlib import resources

    try:
        raw = resources.files("newsum").joinpath(MODEL_RESOURCE).read_bytes()
    except OSError as exc:
        raise ModelError(f"part-of-speech model missing from the package: {exc}") from None
    return Tagger.from_bytes(raw)


def tag(tokens: Sequence[str]) -> list[str]:
    """Penn Treebank tags for one sentence's tokens (Treebank tokenisation, as
    ``newsum.nlp.text`` produces it)."""
    return load_tagger().tag(tokens)
