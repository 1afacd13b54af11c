"""The offline text core: paragraphs, sentences, words, stems and stop words.

Nothing here may touch NLTK's data directory. sumy's own ``Tokenizer`` calls
``nltk.data.load("tokenizers/punkt_tab/...")`` and raises ``LookupError`` on a
machine without NLTK data, so newsum builds Punkt from parameters it ships
(an abbreviation list, below) instead of a trained pickle. The Treebank word
tokenizer and the Snowball stemmer are pure code and need no data either.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from nltk.tokenize.punkt import PunktSentenceTokenizer

# Punkt stores abbreviations lower-case and without the final period. Without a
# trained model it only knows what is listed here, so the list covers what news
# copy actually abbreviates: titles, months and days, dotted acronyms, US state
# abbreviations and single-letter initials ("John F. Kennedy").
ABBREVIATIONS: frozenset[str] = frozenset(
    [
        # titles and ranks
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "mt",
        "ft",
        "gen",
        "gov",
        "sen",
        "rep",
        "rev",
        "lt",
        "col",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "maj",
        "pres",
        "supt",
        "det",
        "insp",
        "cpl",
        "pvt",
        "hon",
        "messrs",
        "mme",
        "mlle",
        "fr",
        "atty",
        "amb",
        # organisations and references
        "inc",
        "ltd",
        "co",
        "corp",
        "plc",
        "bros",
        "dept",
        "univ",
        "assn",
        "est",
        "no",
        "nos",
        "vs",
        "etc",
        "al",
        "approx",
        "fig",
        "vol",
        "pp",
        "ed",
        "eds",
        "ave",
        "blvd",
        "rd",
        "hwy",
        "ext",
        "tel",
        "op",
        "cf",
        # months and days
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        # dotted acronyms (Punkt strips only the final period)
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
        "d.c",
        "l.a",
        "n.y",
        "u.s.a",
        "ph.d",
        "b.a",
        "m.a",
        "b.sc",
        "m.sc",
        "r.i.p",
        "n.j",
        "n.c",
        "s.c",
        "u.a.e",
        "n.z",
        # US states as news copy abbreviates them
        "ala",
        "ariz",
        "ark",
        "calif",
        "colo",
        "conn",
        "del",
        "fla",
        "ga",
        "ill",
        "ind",
        "kan",
        "ky",
        "la",
        "md",
        "mass",
        "mich",
        "minn",
        "miss",
        "mo",
        "mont",
        "neb",
        "nev",
        "okla",
        "ore",
        "pa",
        "tenn",
        "tex",
        "va",
        "vt",
        "wash",
        "wis",
        "wyo",
    ]
    + list("abcdefghijklmnopqrstuvwxyz")
)

# A "word" for the summarisers: letters, optionally with inner apostrophes or
# hyphens. Same rule as sumy's own tokenizer, so scores stay comparable.
_WORD = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’-])*$")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_SPACE = re.compile(r"\s+")

SUPPORTED_LANGUAGES: tuple[str, ...] = (
    "english",
    "french",
    "german",
    "italian",
    "portuguese",
    "spanish",
    "swedish",
)


@dataclass(frozen=True)
class Sentence:
    """A sentence of the article, located by character offsets into the text."""

    text: str
    start: int
    end: int
    position: int
    paragraph: int
    count: int = 1
    """How many sentences this is: a summary unit may join several (a quotation)."""


@functools.lru_cache(maxsize=1)
def _punkt() -> PunktSentenceTokenizer:
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


@functools.lru_cache(maxsize=1)
def _word_tokenizer():  # -> NLTKWordTokenizer
    """NLTK's Treebank word tokenizer, its fixed rules run by ``re``.

    NLTK 3.10 routes every pattern through ``nltk.redos`` (the ``regex``
    engine under a timeout), a guard meant for patterns a caller supplies;
    the tokenizer's own patterns are NLTK's constants, and ``re`` runs them
    twice as fast with the same tokens (checked on 15,719 English, German and
    Spanish news sentences; a test keeps a sample). Where ``re`` cannot compile
    one of them (possessive quantifiers before Python 3.11), NLTK's own runs."""
    from nltk.tokenize.destructive import NLTKWordTokenizer

    try:
        rules = {name: _plain_rules(getattr(NLTKWordTokenizer, name)) for name in _TREEBANK_RULES}
    except re.error:
        return NLTKWordTokenizer()
    return type("PlainTreebankTokenizer", (NLTKWordTokenizer,), rules)()


_TREEBANK_RULES = (
    "STARTING_QUOTES",
    "PUNCTUATION",
    "PARENS_BRACKETS",
    "CONVERT_PARENTHESES",
    "DOUBLE_DASHES",
    "ENDING_QUOTES",
)


def _plain_rules(rules):  # (pattern, substitution) pairs, or one pair -> the same with re patterns
    if isinstance(rules, tuple):
        pattern, substitution = rules
        return (_plain(pattern), substitution)
    return [(_plain(pattern), substitution) for pattern, substitution in rules]


def _plain(pattern):  # an nltk.redos TimedPattern (or an re.Pattern) -> an re.Pattern
    if isinstance(pattern, re.Pattern):
        return pattern
    return re.compile(pattern.pattern, pattern.flags & (re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE))


def normalise_space(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Blank-line-separated paragraphs as (start, end) offsets, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    trimmed = []
    for s, e in spans:
        chunk = text[s:e]
        left = len(chunk) - len(chunk.lstrip())
        right = len(chunk.rstrip())
        if right > left:
            trimmed.append((s + left, s + right))
    return trimmed


def split_sentences(text: str) -> list[Sentence]:
    """Sentences never cross a paragraph break: a headline or caption without a
    final period must not be glued onto the next paragraph."""
    punkt = _punkt()
    sentences: list[Sentence] = []
    for p_index, (p_start, p_end) in enumerate(paragraph_spans(text)):
        paragraph = text[p_start:p_end]
        for s, e in punkt.span_tokenize(paragraph):
            chunk = paragraph[s:e]
            if not chunk.strip():
                continue
            sentences.append(
                Sentence(
                    text=normalise_space(chunk),
                    start=p_start + s,
                    end=p_start + e,
                    position=len(sentences),
                    paragraph=p_index,
                )
            )
    return sentences


@functools.lru_cache(maxsize=8192)
def words(sentence: str) -> tuple[str, ...]:
    """Word tokens (no punctuation or numbers), in their original case.

    Cached: the summary stage asks twice per sentence (is it rateable, then
    sumy's ``Sentence.words``), and the Treebank tokenizer is the costliest
    step of that stage."""
    return tuple(w for w in _word_tokenizer().tokenize(sentence) if _WORD.match(w))


def _language_name(language: str) -> str:
    """sumy's ``normalize_language`` without its cost: it looks every language
    up as an ISO 639 code in pycountry's database (a 0.1 s load), but only a
    two- or three-letter string can be such a code; a name is just lower-cased."""
    if len(language) <= 3:
        from sumy.utils import normalize_language

        return normalize_language(language)
    return language.lower()


# The languages sumy stems with its own code rather than NLTK's Snowball
# (``sumy.nlp.stemmers.Stemmer.SPECIAL_STEMMERS``; a test keeps them in step).
_SUMY_SPECIAL_STEMMERS = frozenset(
    {"czech", "slovak", "hebrew", "chinese", "japanese", "korean", "ukrainian", "greek", "polish"}
)


@functools.lru_cache(maxsize=8)
def stemmer(language: str = "english"):  # -> a callable str -> str
    """The stemmer sumy's ``Stemmer(language)`` wraps, called directly: for the
    Snowball languages that is NLTK's ``<Language>Stemmer().stem`` (the same
    function, so the same stems), without sumy's pycountry lookup; results
    are cached."""
    name = _language_name(language)
    if name not in _SUMY_SPECIAL_STEMMERS:
        from nltk.stem import snowball

        stemmer_class = getattr(snowball, name.capitalize() + "Stemmer", None)
        if stemmer_class is not None:
            # sumy's Stemmer imports requests (its URL parser's), ~0.07 s of a cold run.
            return _cached(stemmer_class().stem)
    from sumy.nlp.stemmers import Stemmer

    if name in Stemmer.SPECIAL_STEMMERS:
        return _cached(Stemmer(name))
    return Stemmer(name)  # raises sumy's LookupError


def _cached(stem):  # (str -> str) -> (str -> str)
    """Stems are a pure function of the word and news vocabulary repeats: the
    Snowball stemmer was a tenth of a batch's analysis time uncached."""
    return functools.lru_cache(maxsize=100_000)(stem)


@functools.lru_cache(maxsize=8)
def stop_words(language: str = "english") -> frozenset[str]:
    """sumy's bundled stop-word lists: a package file, never a download. Read
    as sumy's ``get_stop_words`` reads them, without its pycountry lookup.
    German and Spanish, whose sumy lists are thin (no "de" or "que"), read
    their language's own list (``newsum/data/<code>/stopwords.txt``)."""
    import pkgutil

    name = _language_name(language)
    code = {"german": "de", "spanish": "es"}.get(name)
    if code is not None:
        # newsum.nlp.languages reads the same file (Language.stop_words); read
        # here directly, since that package imports this module.
        lines = (pkgutil.get_data("newsum", f"data/{code}/stopwords.txt") or b"").decode("utf-8").splitlines()
        return frozenset(w.strip().lower() for w in lines if w.strip() and not w.lstrip().startswith("#"))
    try:
        data = pkgutil.get_data("sumy", f"data/stopwords/{name}.txt")
    except OSError:
        raise LookupError(f"Stop-words are not available for language {name}.") from None
    if data is None:  # pragma: no cover - a loader without get_data
        from sumy.utils import get_stop_words

        return frozenset(get_stop_words(name))
    return frozenset(w.rstrip() for w in data.decode("utf-8").splitlines() if w)


class NewsTokenizer:
    """A drop-in for ``sumy.nlp.tokenizers.Tokenizer`` that needs no NLTK data.

    sumy's parsers and summarizers only call ``language``, ``to_sentences`` and
    ``to_words``; this object gives them Punkt-with-shipped-abbreviations and
    the Treebank word tokenizer.
    """

    def __init__(self, language: str = "english") -> None:
        self._language = language

    @property
    def language(self) -> str:
        return self._language

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(s.text for s in split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return words(sentence)
