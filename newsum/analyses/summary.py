"""Extractive summaries: rate every sentence, then choose within a length budget.

Each algorithm is a sumy summarizer (sumy's own, or newsum's written to the same
interface), so new ones sit beside sumy's. sumy only returns the chosen
sentences; newsum needs a score for every sentence (for ``--order score``, word
budgets and the digest), so it captures the ratings each summarizer computes on
the way to its choice and makes the choice itself, with ties broken by position.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsum.errors import UsageError
from newsum.model import SummarySentence
from newsum.nlp.text import Sentence, words

if TYPE_CHECKING:  # pragma: no cover
    from newsum.nlp.languages.base import Language

# name -> (module, class) of a sumy summarizer; imported only when used.
_SUMY: dict[str, tuple[str, str]] = {
    "lex-rank": ("sumy.summarizers.lex_rank", "LexRankSummarizer"),
    "text-rank": ("sumy.summarizers.text_rank", "TextRankSummarizer"),
    "lsa": ("sumy.summarizers.lsa", "LsaSummarizer"),
    "luhn": ("sumy.summarizers.luhn", "LuhnSummarizer"),
    "kl": ("sumy.summarizers.kl", "KLSummarizer"),
    "sum-basic": ("sumy.summarizers.sum_basic", "SumBasicSummarizer"),
    "reduction": ("sumy.summarizers.reduction", "ReductionSummarizer"),
    "edmundson": ("sumy.summarizers.edmundson", "EdmundsonSummarizer"),
}
# `news` (newsum's own, see news_summarizer.py) beats Lead-3 on news while
# choosing by content; `lead` is the baseline every classic algorithm loses to.
ALGORITHMS: tuple[str, ...] = ("news", "lead", *_SUMY)
# sumy's graph, matrix and greedy algorithms compare every sentence with every
# other (LexRank on 2,300 sentences: 34 s). Long texts are rated in windows of
# this many sentences, so cost grows linearly with length; news articles are
# far shorter and are rated whole.
# KL's greedy loop is cubic in sentences, so its windows are smaller.
WINDOW = 200
_WINDOWS = {"kl": 60}
_LINEAR = frozenset({"news", "lead", "luhn", "edmundson"})
DEFAULT_ALGORITHM = "news"
DEFAULT_SENTENCES = 3


@dataclass(frozen=True)
class Length:
    """How much summary: exactly one of sentences, ratio or words is set."""

    sentences: int | None = None
    ratio: float | None = None
    words: int | None = None

    @classmethod
    def from_options(cls, sentences: int | None, ratio: float | None, words: int | None) -> Length:
        given = [
            name
            for name, value in (("--sentences", sentences), ("--ratio", ratio), ("--words", words))
            if value is not None
        ]
        if len(given) > 1:
            raise UsageError(f"{' and '.join(given)} are mutually exclusive; pass only one")
        if sentences is not None and sentences < 1:
            raise UsageError("--sentences must be at least 1")
        if ratio is not None and not 0 < ratio <= 1:
            raise UsageError("--ratio must be in (0, 1], e.g. 0.2 for a fifth of the sentences")
        if words is not None and words < 1:
            raise UsageError("--words must be at least 1")
        if not given:
            return cls(sentences=DEFAULT_SENTENCES)
        return cls(sentences=sentences, ratio=ratio, words=words)

    def describe(self) -> dict[str, Any]:
        return {
            k: v
            for k, v in (("sentences", self.sentences), ("ratio", self.ratio), ("words", self.words))
            if v is not None
        }


def _lead_summarizer_class() -> type:
    from sumy.summarizers._summarizer import AbstractSummarizer

    class LeadSummarizer(AbstractSummarizer):
        """The first sentences: the strongest baseline on news (the inverted pyramid)."""

        def __call__(self, document: Any, sentences_count: Any) -> Any:
            sentences = document.sentences
            total = len(sentences)
            ratings = {sentence: float(total - position) for position, sentence in enumerate(sentences)}
            return self._get_best_sentences(sentences, sentences_count, ratings)

    return LeadSummarizer


def build_summarizer(algorithm: str, language: str = "english") -> Any:
    """A configured summarizer object for ``algorithm``: usable directly with sumy."""
    import importlib

    from newsum.nlp.text import stemmer, stop_words

    if algorithm == "news":
        from newsum.analyses.news_summarizer import news_summarizer_class

        cls = news_summarizer_class()
    elif algorithm == "lead":
        cls = _lead_summarizer_class()
    elif algorithm in _SUMY:
        module, name = _SUMY[algorithm]
        cls = getattr(importlib.import_module(module), name)
    else:
        raise UsageError(f"unknown algorithm {algorithm!r}; choose from {', '.join(ALGORITHMS)}")
    if algorithm == "edmundson":
        # Cue and key methods need hand-made bonus/stigma word lists; title and
        # location methods need only the stop words, so those two are used.
        summarizer = cls(stemmer(language), cue_weight=0.0, key_weight=0.0, title_weight=1.0, location_weight=1.0)
        summarizer.null_words = stop_words(language)
        return summarizer
    summarizer = cls(stemmer(language))
    if hasattr(summarizer, "stop_words"):
        summarizer.stop_words = stop_words(language)
    return summarizer


def _sentence_class() -> type:
    from sumy.models.dom import Sentence as SumySentence

    class PositionedSentence(SumySentence):
        """sumy keys ratings by sentence text, so a repeated sentence (a caption
        printed twice) would share the rating of its first copy; adding the
        position makes every occurrence its own key."""

        __slots__ = ("_position",)

        def __init__(self, text: str, tokenizer: Any, position: int, is_heading: bool = False) -> None:
            super().__init__(text, tokenizer, is_heading)
            self._position = position

        def __eq__(self, other: object) -> bool:
            return isinstance(other, PositionedSentence) and self._position == other._position and super().__eq__(other)

        def __hash__(self) -> int:
            return hash((self._position, self._is_heading, self._text))

    return PositionedSentence


def build_document(sentences: list[Sentence], title: str | None, language: str = "english") -> Any:
    """A sumy document built from newsum's sentences, so positions line up 1:1."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph

    from newsum.nlp.text import NewsTokenizer

    SumySentence = _sentence_class()

    tokenizer = NewsTokenizer(language)
    paragraphs: list[list[Any]] = []
    current = -1
    for sentence in sentences:
        if sentence.paragraph != current:
            paragraphs.append([])
            current = sentence.paragraph
        paragraphs[-1].append(SumySentence(sentence.text, tokenizer, sentence.position))
    if title and paragraphs:
        paragraphs[0].insert(0, SumySentence(title, tokenizer, -1, is_heading=True))
    return ObjectDocumentModel(tuple(Paragraph(p) for p in paragraphs))


def rate_sentences(
    sentences: list[Sentence],
    algorithm: str,
    title: str | None = None,
    language: str = "english",
    count: int = DEFAULT_SENTENCES,
) -> list[float]:
    """One raw rating per sentence (higher is better); scales differ by algorithm.
    ``count``: how many sentences the summary will have (``news`` weighs its
    lead prior by it; sumy's algorithms rate the same whatever it is)."""
    rateable = [s for s in sentences if words(s.text)]
    if not rateable:
        return [0.0] * len(sentences)
    summarizer = None if algorithm == "news" else build_summarizer(algorithm, language)
    size = len(rateable) if algorithm in _LINEAR else _WINDOWS.get(algorithm, WINDOW)
    by_position: dict[int, float] = {}
    for begin in range(0, len(rateable), size):
        window = rateable[begin : begin + size]
        if summarizer is None:
            ratings = _rate_news(window, count, language)
        else:
            ratings = _rate_window(summarizer, build_document(window, title, language), count)
        by_position.update((s.position, r) for s, r in zip(window, ratings, strict=False))
    floor = min(by_position.values())
    return [by_position.get(s.position, floor - 1.0) for s in sentences]


def _rate_news(sentences: list[Sentence], count: int, language: str) -> list[float]:
    """The `news` summariser's ratings, straight from newsum's sentences: the
    same numbers its sumy class gives (`_rate_window`, rounded alike), without
    importing sumy, whose document model alone costs a cold run ~0.09 s."""
    from newsum.analyses.news_summarizer import rate
    from newsum.nlp.text import stemmer, stop_words

    texts = [s.text for s in sentences]
    scores = rate(texts, [words(t) for t in texts], count, stemmer(language), stop_words(language))
    return [round(score, 9) for score in scores]


def _rate_window(summarizer: Any, document: Any, count: int) -> list[float]:
    """Run a sumy summarizer and keep the rating it gives every sentence."""
    captured: dict[Any, float] = {}

    def capture(doc_sentences: Any, count: Any, rating: Any, *args: Any, **kwargs: Any) -> tuple[()]:
        rate: Callable[..., float] = rating.__getitem__ if isinstance(rating, dict) else rating
        for sentence in doc_sentences:
            captured[sentence] = float(rate(sentence, *args, **kwargs))
        return ()

    summarizer._get_best_sentences = capture  # instance attribute shadows the staticmethod
    with warnings.catch_warnings():
        # LSA warns when a text has fewer distinct words than sentences; the
        # ratings are still usable and a warning would break "one line on stderr".
        warnings.simplefilter("ignore")
        summarizer(document, count)
    # Rounding removes float noise: sumy's LSA orders its vocabulary by set
    # iteration (hash-seed dependent), which otherwise swaps near-tied sentences
    # from one run to the next.
    return [round(captured.get(d, 0.0), 9) for d in document.sentences]


_MAX_UNIT_SENTENCES = 6


def summary_units(sentences: list[Sentence], quote_pairs: Sequence[tuple[str, str]] | None = None) -> list[Sentence]:
    """Sentences of one quotation ("If it depends on Russia, then there will be
    no war. We don't want wars. …," Lavrov told radio stations) become one unit,
    so a summary never shows a quote cut off from its speaker. Only double and
    curly marks count: single quotes are too often apostrophes. ``quote_pairs``:
    the language's (opening, closing) marks („…“, »…«, «…»); English's
    straight and curly quotes when not given."""
    units: list[Sentence] = []
    group: list[Sentence] = []
    for sentence in sentences:
        if group and (sentence.paragraph != group[0].paragraph or len(group) == _MAX_UNIT_SENTENCES):
            units.append(_join(group))
            group = []
        group.append(sentence)
        text = " ".join(s.text for s in group)
        if not (_quote_open(text) if quote_pairs is None else _open_in(text, quote_pairs)):
            units.append(_join(group))
            group = []
    if group:
        units.append(_join(group))
    return units


_HEADING_MAX_WORDS = 20
_SENTENCE_END = (".", "!", "?", ":", '"', "”", "’", "'", ")", "…")


def without_headings(units: list[Sentence]) -> list[Sentence]:
    """Subheadings ("Why it matters", "## Reaction") are article text but not
    summary material: a paragraph of one short line with no sentence-final
    punctuation is left out, unless that would leave nothing."""
    per_paragraph = Counter(u.paragraph for u in units)
    kept = [
        u
        for u in units
        if not (
            per_paragraph[u.paragraph] == 1
            and len(u.text.split()) <= _HEADING_MAX_WORDS
            and not u.text.endswith(_SENTENCE_END)
        )
    ]
    return kept or units


def _quote_open(text: str) -> bool:
    return text.count('"') % 2 == 1 or text.count("“") > text.count("”")


_SINGLE_MARKS = frozenset("'‚‘’‹›")


def _open_in(text: str, quote_pairs: Sequence[tuple[str, str]]) -> bool:
    """Whether a quotation opened in ``text`` is still open at its end, by the
    language's pairs: a mark closes the innermost open quotation when it is its
    closing mark ("„Wir gehen.“": “ closes „, though it opens in English) and
    opens one otherwise; single marks are left out, as in English."""
    closing_of = {o: c for o, c in quote_pairs if o not in _SINGLE_MARKS}
    waiting: list[str] = []
    for char in text:
        if waiting and char == waiting[-1]:
            waiting.pop()
        elif char in closing_of:
            waiting.append(closing_of[char])
    return bool(waiting)


def _join(group: list[Sentence]) -> Sentence:
    if len(group) == 1:
        return group[0]
    first, last = group[0], group[-1]
    return Sentence(" ".join(s.text for s in group), first.start, last.end, first.position, first.paragraph, len(group))


def choose(
    sentences: list[Sentence], ratings: list[float], length: Length, eligible: Callable[[int], bool] | None = None
) -> list[int]:
    """Indices of the chosen sentences, best first. A word budget skips a
    sentence that does not fit rather than cutting it. ``eligible`` (asked
    only of the sentences the choice reaches, best first, as it may be costly)
    passes over sentences a summary should not show, unless it passes over all."""
    ranked = _without_repeats(sentences, sorted(range(len(sentences)), key=lambda i: (-ratings[i], i)))
    if eligible is not None:
        chosen = _choose_ranked(sentences, (i for i in ranked if eligible(i)), length)
        if chosen:
            return chosen
    return _choose_ranked(sentences, iter(ranked), length)


def _choose_ranked(sentences: list[Sentence], ranked: Iterator[int], length: Length) -> list[int]:
    if length.words is not None:
        budget, size_of = length.words, lambda i: len(sentences[i].text.split())
    else:
        # A quotation unit of three sentences uses three of the sentence budget.
        budget, size_of = expected_count(sentences, length), lambda i: sentences[i].count
    chosen, used = [], 0
    for i in ranked:
        if used + size_of(i) <= budget:
            chosen.append(i)
            used += size_of(i)
            if used == budget:
                break
    return chosen


def expected_count(sentences: list[Sentence], length: Length) -> int:
    """How many sentences the summary will hold (for a word budget, an estimate
    from the article's mean sentence length)."""
    if length.ratio is not None:
        return max(1, round(length.ratio * sum(s.count for s in sentences)))
    if length.words is not None:
        mean = sum(len(s.text.split()) for s in sentences) / max(len(sentences), 1)
        return max(1, round(length.words / max(mean, 1.0)))
    return length.sentences or DEFAULT_SENTENCES


def _without_repeats(sentences: list[Sentence], ranked: list[int]) -> list[int]:
    """A sentence the article prints twice (a caption, a pull quote) is offered once."""
    seen: set[str] = set()
    kept = []
    for i in ranked:
        key = sentences[i].text.lower()
        if key not in seen:
            seen.add(key)
            kept.append(i)
    return kept


def normalise(ratings: list[float]) -> list[float]:
    """Min-max to [0, 1], so scores read the same whatever the algorithm's scale."""
    if not ratings:
        return []
    low, high = min(ratings), max(ratings)
    if high == low:
        return [1.0] * len(ratings)
    return [round((r - low) / (high - low), 4) for r in ratings]


def summarize(
    sentences: list[Sentence],
    algorithm: str = DEFAULT_ALGORITHM,
    length: Length | None = None,
    order: str = "position",
    title: str | None = None,
    language: str = "english",
) -> list[SummarySentence]:
    length = length or Length(sentences=DEFAULT_SENTENCES)
    registered = _registered(language)
    if registered is not None:
        sentences = mend_sentences(sentences, registered)
    quote_pairs = registered.quote_pairs if registered is not None else None
    sentences = without_headings(summary_units(sentences, quote_pairs))
    eligible = None
    if registered is not None:
        sentences = complete_sentences(sentences, registered)
        eligible = functools.partial(_unit_reads_alone, sentences, registered)
    ratings = rate_sentences(sentences, algorithm, title, language, expected_count(sentences, length))
    scores = normalise(ratings)
    chosen = choose(sentences, ratings, length, eligible)
    if order == "position":
        chosen = sorted(chosen)
    return [
        SummarySentence(
            text=sentences[i].text,
            position=sentences[i].position,
            score=scores[i],
            start=sentences[i].start,
            end=sentences[i].end,
        )
        for i in chosen
    ]


# ---------------------------------------------------------------------------- German, Spanish...
#
# A summary sentence stands on its own, away from the sentences around it. For
# the registered languages other than English (whose figures are fixed), what
# the splitter leaves that is not a complete sentence is mended or left out:
# a sentence a paragraph break cut in two (scraped and PDF copy), an ordinal
# the splitter took for a sentence end, a dateline, and lines that are no
# sentence at all (standfirsts and list items without a final stop, list
# introductions ending in a colon, verbless captions).

_OPENERS = "\"'„“”«»‚‘’‹›([¿¡—–- "
_CLOSERS = "\"'“”«»‘’‹›)]"
_FINAL_STOPS = (".", "!", "?", "…")
_ORDINAL_END = re.compile(r"(?:^|\s)(\w+)\s+\d{1,3}\.$")
_ORDINAL_START = re.compile(r"\d{1,3}\.(?:\s|$)")
_DATELINE = re.compile(r"(.{2,60}?)\.\s?[-–—]\s*")
_SHORT_CONJUNCTION = 4
"""Coordinating conjunctions that tie a sentence to the one before it ("Pero",
"Y", "Und", "Aber", "Doch") are short; the long ones open a self-contained
correlative pair ("Sowohl ... als auch", "Entweder ... oder")."""


def _registered(language: str) -> Language | None:
    """The language's record when it is registered and not English (English
    keeps its own path, untouched, and pays nothing here)."""
    if language == "english":
        return None
    from newsum.nlp.languages import registered_language

    return registered_language(language)


def _ends_sentence(text: str) -> bool:
    return text.rstrip().rstrip(_CLOSERS).endswith(_FINAL_STOPS)


def _first_letter(text: str) -> str:
    return text.lstrip(_OPENERS)[:1]


def mend_sentences(sentences: list[Sentence], language: Language) -> list[Sentence]:
    """Sentences with their datelines taken off and false breaks joined: a
    sentence with no final stop continues in the next when that starts in lower
    case ("... los diez principales motivos de" / "defunción entre los
    mexicanos ..."), and an ordinal read as a sentence end ("sein 21." /
    "Grand-Slam-Turnier.") goes on into the next sentence of its paragraph."""
    out: list[Sentence] = []
    for sentence in sentences:
        sentence = without_dateline(sentence)
        if out and _continues(out[-1], sentence, language):
            before = out[-1]
            out[-1] = Sentence(
                f"{before.text} {sentence.text}", before.start, sentence.end, before.position, before.paragraph
            )
        else:
            out.append(sentence)
    return out


def _continues(before: Sentence, sentence: Sentence, language: Language) -> bool:
    if _first_letter(sentence.text).islower():
        return not _ends_sentence(before.text) and not before.text.rstrip().endswith(":")
    if sentence.paragraph != before.paragraph:
        return False
    ordinal = _ORDINAL_END.search(before.text.rstrip())
    first = sentence.text.lstrip(_OPENERS).split(maxsplit=1)
    # After an article or pronoun ("sein", "der", "el"), a number and a
    # period is an ordinal; the next word (a noun, not "Die" or "El") is its noun.
    return (
        ordinal is not None
        and ordinal.group(1).lower() in language.stop_words
        and bool(first)
        and first[0][:1].isupper()
        and first[0].lower().strip(".,;:") not in language.stop_words
    )


def without_dateline(sentence: Sentence) -> Sentence:
    """The sentence without a dateline ("CIUDAD DE MÉXICO.- El Servicio ..."):
    a place in capitals (an agency in brackets allowed) before ".-"."""
    match = _DATELINE.match(sentence.text)
    if match is None:
        return sentence
    letters = [c for c in re.sub(r"\([^()]*\)", "", match.group(1)) if c.isalpha()]
    rest = sentence.text[match.end() :]
    if len(letters) < 3 or not all(c.isupper() for c in letters) or not rest:
        return sentence
    start = sentence.start + match.end()
    return Sentence(rest, start, sentence.end, sentence.position, sentence.paragraph, sentence.count)


def complete_sentences(units: list[Sentence], language: Language) -> list[Sentence]:
    """The units shaped as complete sentences (`complete_form`), unless none is."""
    kept = [u for u in units if complete_form(u.text, language)]
    return kept or units


def is_complete(text: str, language: Language) -> bool:
    """Whether ``text`` reads as a sentence on its own (`complete_form` and `reads_alone`)."""
    return complete_form(text, language) and reads_alone(text, language)


def complete_form(text: str, language: Language) -> bool:
    """Whether ``text`` is shaped as a sentence: it starts with a capital (not
    with a cut-off date, "April 1982 um ...", or an ordinal, "16. April") and
    ends with a final stop (not a colon: a list follows)."""
    body = text.strip().lstrip(_OPENERS)
    head = body.split(maxsplit=2)
    if not head or not body[:1].isupper() and not body[:1].isdigit() or not _ends_sentence(text):
        return False
    if _ORDINAL_START.match(body):
        return False
    return not (head[0].lower().rstrip(".,") in language.months and len(head) > 1 and head[1][:1].isdigit())


def _unit_reads_alone(units: list[Sentence], language: Language, index: int) -> bool:
    return reads_alone(units[index].text, language)


def reads_alone(text: str, language: Language) -> bool:
    """Whether ``text`` stands without the sentence before it: it has a verb
    by the language's tagger (not a caption, "Una localidad de unos 34.000
    habitantes ..."), and does not open with a short coordinating conjunction
    ("Pero ...", "Und ...") that points back to a sentence the summary may not
    show. Asked only of the sentences a summary reaches: tagging costs."""
    from newsum.analyses.keyphrases import _TOKEN
    from newsum.nlp.languages.pos import upos

    tokens = _TOKEN.findall(text)
    tags = upos(tokens, language)
    if not any(t in ("VERB", "AUX") for t in tags):
        return False
    first = next((i for i, t in enumerate(tokens) if any(c.isalpha() for c in t)), None)
    return first is None or not (tags[first] == "CCONJ" and len(tokens[first]) <= _SHORT_CONJUNCTION)
