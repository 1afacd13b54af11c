"""Part-of-speech tags for any registered language, native and as UPOS.

``tag(tokens, language)`` gives the language tagger's own tags: Penn Treebank
for English (``newsum.nlp.pos``, unchanged), the CoNLL-2002 EAGLES short tags
for Spanish (an averaged perceptron in ``newsum.nlp.pos``'s model format,
``newsum/data/es/pos.npz``, trained by ``python -m
newsum.training.languages_pos``), STTS for German (the HanTa package's own
German model: HanTa is a well-kept LGPL-3.0 tagger on PyPI that ships its
model, and no German POS training data is available to newsum).
``upos(tokens, language)`` maps any of them to Universal POS tags, which is
what noun-phrase chunking should read (``NOUN``, ``PROPN``, ``ADJ``...), and
``lemmas`` gives HanTa's lemmas for German (the others: lower-cased words).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Sequence
from typing import Any

from newsum.nlp.languages.base import Language

__all__ = ["lemmas", "load_tagger", "tag", "to_upos", "upos"]

_LOCK = threading.Lock()

# Penn Treebank -> UPOS (the UD project's conversion table, simplified).
_PTB = {
    "NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ",
    "VB": "VERB", "VBD": "VERB", "VBG": "VERB", "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB", "MD": "AUX",
    "RB": "ADV", "RBR": "ADV", "RBS": "ADV", "WRB": "ADV", "DT": "DET", "PDT": "DET", "WDT": "DET",
    "PRP": "PRON", "PRP$": "PRON", "WP": "PRON", "WP$": "PRON", "EX": "PRON", "IN": "ADP", "RP": "ADP",
    "TO": "PART", "POS": "PART", "CC": "CCONJ", "CD": "NUM", "UH": "INTJ", "FW": "X", "SYM": "SYM",
    "LS": "X",
}  # fmt: skip

# STTS (HanTa writes VV(FIN), ADJ(A)...; the part before "(" is looked up first) -> UPOS.
_STTS = {
    "NN": "NOUN", "NE": "PROPN", "TRUNC": "NOUN", "ADJ": "ADJ", "ADJA": "ADJ", "ADJD": "ADJ",
    "VV": "VERB", "VA": "AUX", "VM": "AUX", "ART": "DET", "APPR": "ADP", "APPRART": "ADP", "APPO": "ADP",
    "APZR": "ADP", "ADV": "ADV", "PAV": "ADV", "PROAV": "ADV", "PWAV": "ADV", "PTKA": "ADV",
    "KON": "CCONJ", "KOUS": "SCONJ", "KOUI": "SCONJ", "KOKOM": "ADP", "PPER": "PRON", "PRF": "PRON",
    "PWS": "PRON", "PRELS": "PRON", "PDS": "PRON", "PIS": "PRON", "PPOSS": "PRON", "PPOSAT": "DET",
    "PIAT": "DET", "PIDAT": "DET", "PDAT": "DET", "PWAT": "DET", "PRELAT": "DET", "PTKNEG": "PART",
    "PTKZU": "PART", "PTKVZ": "ADP", "PTKANT": "INTJ", "ITJ": "INTJ", "CARD": "NUM", "FM": "X", "XY": "X",
}  # fmt: skip

# EAGLES short tags of CoNLL-2002 Spanish (first letters decide) -> UPOS.
_EAGLES = {
    "NC": "NOUN", "NP": "PROPN", "AQ": "ADJ", "AO": "ADJ", "VM": "VERB", "VA": "AUX", "VS": "AUX",
    "DN": "NUM", "D": "DET", "P": "PRON", "SP": "ADP", "S": "ADP", "CC": "CCONJ", "CS": "SCONJ",
    "RG": "ADV", "RN": "ADV", "R": "ADV", "Z": "NUM", "F": "PUNCT", "I": "INTJ", "Y": "NOUN", "W": "NUM",
}  # fmt: skip


def to_upos(native: str, tagset: str) -> str:
    """One native tag as UPOS (``X`` when the tag is unknown)."""
    if tagset == "ptb":
        if native in _PTB:
            return _PTB[native]
        return "PUNCT" if not any(ch.isalpha() for ch in native) else "X"
    if tagset == "stts":
        if native.startswith("$"):
            return "PUNCT"
        return _STTS.get(native, _STTS.get(native.split("(", 1)[0], "X"))
    if tagset == "eagles":
        for length in (2, 1):
            if native[:length] in _EAGLES:
                return _EAGLES[native[:length]]
        return "X"
    return native


@functools.lru_cache(maxsize=8)
def load_tagger(code: str) -> Any:
    """The language's tagger, loaded once per process: a ``newsum.nlp.pos.Tagger``
    or a ``HanTa.HanoverTagger.HanoverTagger``."""
    from newsum.nlp.languages.registry import get

    language = get(code)
    model = language.pos_model
    if not model:
        raise RuntimeError(f"no part-of-speech model for {language.name}")
    if model.startswith("hanta:"):
        try:
            from HanTa import HanoverTagger
        except ImportError as exc:
            raise RuntimeError(f"{language.name} part-of-speech tagging needs the HanTa package") from exc
        return HanoverTagger.HanoverTagger(model.split(":", 1)[1])
    from importlib import resources

    from newsum.nlp import pos

    if model == pos.MODEL_RESOURCE:
        return pos.load_tagger()
    try:
        raw = resources.files("newsum").joinpath(model).read_bytes()
    except OSError as exc:
        raise pos.ModelError(f"part-of-speech model missing from the package: {exc}") from None
    return pos.Tagger.from_bytes(raw)


def _hanta(tagger: Any, tokens: Sequence[str]) -> list[tuple[str, str]]:
    """(lemma, tag) per token. HanTa is slow (about 0.3 ms a token) and the
    named-entity features, keyphrases and lemmas all ask for the same
    sentences, so each sentence is tagged once (`_hanta_cached`)."""
    return list(_hanta_cached(tagger, tuple(tokens)))


@functools.lru_cache(maxsize=4096)
def _hanta_cached(tagger: Any, tokens: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    with _LOCK:  # HanTa is not thread-safe
        return tuple((lemma, tag) for _, lemma, tag in tagger.tag_sent(list(tokens), taglevel=1))


def tag(tokens: Sequence[str], language: Language) -> list[str]:
    """The tagger's own tags for one sentence's tokens."""
    if not tokens:
        return []
    tagger = load_tagger(language.code)
    if (language.pos_model or "").startswith("hanta:"):
        return [t for _, t in _hanta(tagger, tokens)]
    return tagger.tag(tokens)


def upos(tokens: Sequence[str], language: Language) -> list[str]:
    """Universal POS tags for one sentence's tokens.

    CoNLL-2002 Spanish tags names as common nouns, adjectives or even verbs
    (``NC``, ``AQ``, ``VMI``: its tags are silver), so for EAGLES a
    capitalised noun, adjective or verb inside the sentence is ``PROPN``."""
    out = [to_upos(t, language.pos_tagset) for t in tag(tokens, language)]
    if language.pos_tagset == "eagles":
        for i, token in enumerate(tokens):
            if (
                out[i] in ("NOUN", "ADJ", "VERB")
                and token[:1].isupper()
                and (i > 0 or token.isupper() and len(token) > 1)
            ):
                out[i] = "PROPN"
    return out


def lemmas(tokens: Sequence[str], language: Language) -> list[str]:
    """Lemmas where the tagger gives them (German, HanTa), else the lower-cased tokens."""
    if tokens and (language.pos_model or "").startswith("hanta:"):
        return [lemma for lemma, _ in _hanta(load_tagger(language.code), tokens)]
    return [t.lower() for t in tokens]
