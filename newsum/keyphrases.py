"""Keyphrases: stop-word-delimited candidate phrases, scored by frequency and position.

A first honest version: candidates are runs of content words between stop
words and punctuation (the RAKE idea), scored by how often their words occur
and how early the phrase first appears (news puts the point first). Variants
that stem alike ("proposal"/"proposals") count as one phrase.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .model import Keyphrase
from .text import Sentence, stemmer, stop_words

DEFAULT_COUNT = 10
_MAX_WORDS = 4
_TOKEN = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?|\d[\d.,]*|[^\w\s]")
# Verbs of saying and other words that are everywhere in news and never a topic.
_NEWS_STOP = frozenset(
    """said says say told tell tells added adds according asked reported reports
    percent per cent year years month months week weeks day days time times
    monday tuesday wednesday thursday friday saturday sunday today yesterday
    tomorrow mr mrs ms dr also would could may might must shall will just like
    including include includes made make makes new news reuters cnn bbc afp ap
    one two three four five six seven eight nine ten first second last next
    many much several least lot way ago""".split()
)
_COMMON_VERBS = frozenset(
    """want wants wanted meet meets attack attacks allow allows give gives take takes
    go goes come comes get gets see sees know knows think thinks believe believes
    plan plans expect expects face faces keep keeps seek seeks urge urges warn warns
    agree agrees decide decides respond responds provide provides deploy deploys
    sent send sends set put puts run runs held hold holds became become becomes
    began begin begins called call calls found find finds left leave leaves""".split()
)


@dataclass
class _Candidate:
    words: list[str]
    count: int
    first_sentence: int


def extract_keyphrases(
    sentences: list[Sentence], count: int = DEFAULT_COUNT, language: str = "english"
) -> list[Keyphrase]:
    stops = stop_words(language) | _NEWS_STOP
    stem = stemmer(language)
    candidates: dict[tuple[str, ...], _Candidate] = {}
    stem_freq: Counter[str] = Counter()
    seen_lower = {w for s in sentences for w in _TOKEN.findall(s.text) if w.islower()}
    for sentence in sentences:
        for phrase in _candidate_phrases(sentence.text, stops):
            key = tuple(stem(w.lower()) for w in phrase)
            stem_freq.update(key)
            _add(candidates, key, phrase, sentence.position)
            if len(phrase) > 1:
                # The head noun stands for the topic too: "tough economic
                # sanctions" and "possible sanctions" are both about sanctions.
                _add(candidates, key[-1:], phrase[-1:], sentence.position)
    if not candidates:
        return []
    scored = []
    for key, cand in candidates.items():
        word_weight = sum(stem_freq[s] for s in key) / len(key)
        # Multi-word phrases are rarer but more informative; reward them mildly.
        length_bonus = 1.0 + 0.3 * (len(key) - 1)
        position = 1.0 + 1.0 / (1.0 + cand.first_sentence)
        scored.append(((word_weight * cand.count) ** 0.5 * length_bonus * position, cand.first_sentence, key, cand))
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))
    chosen = _drop_overlaps(scored, count)
    top = chosen[0][0] if chosen else 1.0
    return [Keyphrase(phrase=_display(c.words, seen_lower), score=round(s / top, 4)) for s, _, _, c in chosen]


def _add(candidates: dict[tuple[str, ...], _Candidate], key: tuple[str, ...], words: list[str], position: int) -> None:
    if key in candidates:
        candidates[key].count += 1
    else:
        candidates[key] = _Candidate(words, 1, position)


def _candidate_phrases(text: str, stops: frozenset[str]) -> list[list[str]]:
    phrases: list[list[str]] = []
    current: list[str] = []
    for token in _TOKEN.findall(text):
        word = token.strip("'’")
        for suffix in ("'s", "’s"):
            if token.lower().endswith(suffix):
                word = token[: -len(suffix)]
        is_word = bool(word) and word[0].isalpha() and len(word) > 1
        if is_word and word.lower() not in stops:
            current.append(word)
            if token != word and token.lower().endswith(("'s", "’s")):
                phrases.append(current)  # a possessive ends the phrase: "Russia's troops"
                current = []
            continue
        if current:
            phrases.append(current)
            current = []
    if current:
        phrases.append(current)
    trimmed = [_trim_verbs(p) for p in phrases]
    return [p for p in trimmed if p and len(p) <= _MAX_WORDS]


def _trim_verbs(phrase: list[str]) -> list[str]:
    """Without a part-of-speech tagger yet, drop lower-case words at the phrase
    edges that look like verbs or adverbs ("attacks Ukraine" -> "Ukraine")."""
    def verb_like(word: str) -> bool:
        return word.islower() and (word.endswith(("ing", "ed", "ly")) or word in _COMMON_VERBS)

    while phrase and verb_like(phrase[0]):
        phrase = phrase[1:]
    while phrase and verb_like(phrase[-1]):
        phrase = phrase[:-1]
    return phrase


def _drop_overlaps(scored: list, count: int) -> list:
    """Skip a phrase whose stems are all inside a better phrase already chosen
    ("security" after "security proposals") so the list is not repetitive."""
    chosen: list = []
    seen_stems: list[set[str]] = []
    for item in scored:
        stems = set(item[2])
        if any(stems <= earlier for earlier in seen_stems) and len(stems) < 2:
            continue
        chosen.append(item)
        seen_stems.append(stems)
        if len(chosen) == count:
            break
    return chosen


def _display(words: list[str], seen_lower: set[str]) -> str:
    """Keep proper nouns' case ("Ukraine"), lower-case a word the article also
    writes in lower case (a capital that only came from starting a sentence)."""
    return " ".join(w.lower() if w.lower() in seen_lower else w for w in words)
