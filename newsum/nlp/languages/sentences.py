"""Sentences in any registered language: Punkt from shipped parameters plus rules.

``split_sentences(text, language)`` returns the ``Sentence`` objects of
``newsum.nlp.text`` (offsets into ``text``, paragraph numbers), so every stage
reads sentences of any language the same way. English is
``newsum.nlp.text.split_sentences`` itself, unchanged.

For the other languages, each paragraph goes through NLTK's Punkt built from
the language's abbreviation list (no trained data, nothing read from NLTK's
data directory), and then through rules Punkt has no way to know without
training:

* Ordinals and dates are not sentence ends: ``am 16. April``, ``in der 19.
  Minute``, ``zum 1. Januar``, ``sein 21. Grand-Slam-Turnier`` (a number of at
  most three digits after a word of ``ordinal_before.txt``, a preposition or
  determiner, which no sentence ends in, or before a noun of
  ``ordinal_nouns.txt``/a month), and a list number ("2. Die Grünen ...")
  starts the sentence it numbers.
* A "sentence" that starts with a lower-case word continues the one before:
  ``¿Dónde está? —preguntó el juez.``, ``„Wann?“ fragte sie.``
* Punkt only knows ASCII quotes around a sentence end. It reads a same-length
  copy of the text with „ “ ” « » turned into ``"`` and ‚ ‘ ’ ‹ › into ``'``,
  so ``„Wir gehen.“ Dann ...`` ends after the closing mark; offsets are the
  original text's.
* An ellipsis before a capitalised function word (``... Die``), and a
  semicolon or colon before one (``...; El municipio``, ``zufrieden: Der
  Grund``; not before a quotation mark) end a sentence: what German and
  Spanish capitalise after a colon or semicolon is a new sentence; but not a
  colon after a verb of saying (``Er sagte: Die Lage ist ernst.``), which
  would cut reported speech off its speaker.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from newsum.nlp.languages.base import Language
from newsum.nlp.text import Sentence, normalise_space, paragraph_spans

if TYPE_CHECKING:  # pragma: no cover
    from nltk.tokenize.punkt import PunktSentenceTokenizer

__all__ = ["split_sentences"]

_SHADOW = str.maketrans(
    {"„": '"', "“": '"', "”": '"', "«": '"', "»": '"', "‚": "'", "‘": "'", "’": "'", "‹": "'", "›": "'"}
)
_OPENING = "\"'„“”«»‚‘’‹›([¿¡—–- "
_LAST_NUMBER = re.compile(r"(?:^|\s)(?:(\S+)\s+)?\(?(\d{1,4})\.[\"'„“”«»‚‘’‹›)]*$")
_ONLY_NUMBER = re.compile(r"^\(?(?:\d{1,3}|[IVXLC]{1,6})\.$")
_FIRST_WORD = re.compile(r"[\"'„“”«»‚‘’‹›(\[¿¡—–\s-]*([^\W\d_][\w'’-]*)")
# Inner boundaries Punkt does not see: "; El", ": Der", "... Die", "… Das".
_INNER = re.compile(r"(?:[;:]|\.\.\.+|…)(?=\s+([^\W\d_][\w'’-]*))")


@functools.lru_cache(maxsize=8)
def _punkt(code: str, abbreviations: frozenset[str]) -> PunktSentenceTokenizer:
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(abbreviations)
    return PunktSentenceTokenizer(params)


def _first_word(chunk: str) -> str:
    match = _FIRST_WORD.match(chunk)
    return match.group(1) if match else ""


def _joins(language: Language, left: str, right: str) -> bool:
    """Whether the Punkt boundary between ``left`` and ``right`` is false."""
    first = _first_word(right)
    stripped = right.lstrip(_OPENING)
    if stripped[:1].islower():
        return True
    if _ONLY_NUMBER.match(left.strip()):
        return True
    match = _LAST_NUMBER.search(left.rstrip())
    if match:
        before, number = (match.group(1) or "").lower(), match.group(2)
        lower = first.lower().rstrip(".")
        if lower in language.months:
            return True
        if len(number) <= 3 and (before in language.ordinal_before or lower in language.ordinal_nouns):
            return True
    return False


def _inner_breaks(language: Language, chunk: str) -> list[int]:
    """Offsets inside a Punkt sentence where a new sentence starts."""
    out = []
    for match in _INNER.finditer(chunk):
        word = match.group(1)
        if not word[:1].isupper() or word.lower() not in language.stop_words:
            continue
        if match.group().startswith(":") and _introduces_speech(language, chunk[: match.start()]):
            continue  # "Er sagte: Die Lage ist ernst.": the words stay with their speaker
        rest = chunk[match.end() :]
        out.append(match.end() + len(rest) - len(rest.lstrip()))
    return out


def _introduces_speech(language: Language, before: str) -> bool:
    """A verb of saying among the last five words before a colon."""
    return any(w.lower().strip(",;()") in language.speech_verbs for w in before.split()[-5:])


def _split_paragraph(language: Language, paragraph: str) -> list[tuple[int, int]]:
    punkt = _punkt(language.code, language.abbreviations)
    spans = [(s, e) for s, e in punkt.span_tokenize(paragraph.translate(_SHADOW)) if paragraph[s:e].strip()]
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and _joins(language, paragraph[merged[-1][0] : merged[-1][1]], paragraph[start:end]):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    out: list[tuple[int, int]] = []
    for start, end in merged:
        cut = start
        for offset in _inner_breaks(language, paragraph[start:end]):
            out.append((cut, start + offset))
            cut = start + offset
        out.append((cut, end))
    # Trim the whitespace an inner break leaves at a sentence's end.
    return [(s, s + len(paragraph[s:e].rstrip())) for s, e in out if paragraph[s:e].strip()]


def split_sentences(text: str, language: Language | str) -> list[Sentence]:
    """Sentences of ``text`` in ``language`` (a ``Language`` or a code); never across a paragraph break."""
    if isinstance(language, str):
        from newsum.nlp.languages.registry import get

        language = get(language)
    if language.code == "en":
        from newsum.nlp.text import split_sentences as english

        return english(text)
    sentences: list[Sentence] = []
    for p_index, (p_start, p_end) in enumerate(paragraph_spans(text)):
        paragraph = text[p_start:p_end]
        for s, e in _split_paragraph(language, paragraph):
            sentences.append(
                Sentence(
                    text=normalise_space(paragraph[s:e]),
                    start=p_start + s,
                    end=p_start + e,
                    position=len(sentences),
                    paragraph=p_index,
                )
            )
    return sentences
