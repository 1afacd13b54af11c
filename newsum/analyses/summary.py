"""Extractive summaries: rate every sentence, then choose within a length budget.

Each algorithm is a sumy summarizer (sumy's own, or newsum's written to the same
interface), so new ones sit beside sumy's. sumy only returns the chosen
sentences; newsum needs a score for every sentence (for ``--order score``, word
budgets and the digest), so it captures the ratings each summarizer computes on
the way to its choice and makes the choice itself, with ties broken by position.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from newsum.errors import UsageError
from newsum.model import SummarySentence
from newsum.nlp.text import Sentence, words

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


def summary_units(sentences: list[Sentence]) -> list[Sentence]:
    """Sentences of one quotation ("If it depends on Russia, then there will be
    no war. We don't want wars. …," Lavrov told radio stations) become one unit,
    so a summary never shows a quote cut off from its speaker. Only double and
    curly marks count: single quotes are too often apostrophes."""
    units: list[Sentence] = []
    group: list[Sentence] = []
    for sentence in sentences:
        if group and (sentence.paragraph != group[0].paragraph or len(group) == _MAX_UNIT_SENTENCES):
            units.append(_join(group))
            group = []
        group.append(sentence)
        if not _quote_open(" ".join(s.text for s in group)):
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


def _join(group: list[Sentence]) -> Sentence:
    if len(group) == 1:
        return group[0]
    first, last = group[0], group[-1]
    return Sentence(" ".join(s.text for s in group), first.start, last.end, first.position, first.paragraph, len(group))


def choose(sentences: list[Sentence], ratings: list[float], length: Length) -> list[int]:
    """Indices of the chosen sentences, best first. A word budget skips a
    sentence that does not fit rather than cutting it."""
    ranked = _without_repeats(sentences, sorted(range(len(sentences)), key=lambda i: (-ratings[i], i)))
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
    sentences = without_headings(summary_units(sentences))
    ratings = rate_sentences(sentences, algorithm, title, language, expected_count(sentences, length))
    scores = normalise(ratings)
    chosen = choose(sentences, ratings, length)
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
