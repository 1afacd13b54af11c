"""Keyphrases: noun phrases ranked by a position-biased word graph (PositionRank).

Candidates are noun phrases found by part-of-speech pattern (adjectives and
nouns, ending in a noun: "tough economic sanctions", "Hurricane Andrew"),
tagged by ``newsum.nlp.pos``. Their words are nodes of a graph whose edges join
words that occur within a few tokens of each other; a PageRank that teleports
to words in proportion to how early they occur (news states its point first)
scores the words (Florescu & Caragea 2017, "PositionRank"). Variants that stem
alike ("proposal"/"proposals") are one phrase.

How a phrase's score is made from its words' scores is where the evaluation
data had its say (``python -m benchmarks.keyphrases``, README). PositionRank
sums the word scores; here a phrase scores by its mean word score, times the
square root of its length, times how often it occurs (inside longer phrases
too), and a word standing alone counts 0.7. Repetition is the strongest single
signal in both news sets (a noun phrase seen twice is three to four times as
likely to be a gold phrase as one seen once). On length the two sets pull in
opposite directions: DUC-2001's editors chose two-word phrases (a one-word
candidate is gold under 1% of the time), KPCrowd's crowd chose single words
(three in four of its gold phrases), and every setting that gains on one loses
about as much on the other. The settings sit where DUC-2001, the editors' set,
stays above PositionRank's own figure; ``Settings`` holds them so the
trade-off can be measured again. A surname alone gives way to the full name
("Lavrov" -> "Foreign Minister Sergei Lavrov"): one entry per actor. Words
every story uses and none is about ("Thursday", "years", "people") join no
phrase (`Language.news_nouns`: a ``news_nouns.txt`` in each language's data
folder; English's list, the one this module always had, in the registry).

German and Spanish read their own tagger (`newsum.nlp.languages.pos`, in
Universal tags), stop words and Snowball stems; sumy's other languages have
no tagger: candidates are then runs of words between stop words and
punctuation, ranked by the same graph. For German and Spanish, phrases also end
where those languages' noun phrases end though the tags run on
(`_phrase_breaks`: no two common nouns side by side, lower-case "nouns" in
German), Spanish phrases keep the adjectives that follow their noun
("política exterior"), month names join no phrase, nor do their news nouns
but inside a name ("Semana Santa", `_in_name`), and the reader gets one
entry per thing, its name in full (`_distinct`). An editor's judgement, in
each language's data folder (`_Lexicon`): adjectives that judge, count or
place in time, participles, comparatives and superlatives are dropped from a
phrase's front ("ungewöhnliche Aktion" -> "Aktion", "nuevas medidas" ->
"medidas"; `_modifiers`, ``weak_modifiers.txt``); a news medium the article
only cites is no keyphrase ("laut der New York Times"; `_cited_source`,
``media.txt``, ``report_words.txt``); a Spanish name keeps its "de la"
("Organización Mundial de la Salud"; `_connectors`, ``name_connectors.txt``);
and a Spanish verb the tagger read as an adjective ends its phrase
("legislación genera | barreras", `_after_misread_adjective`). English is
untouched.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsum.model import Keyphrase
from newsum.nlp.text import Sentence, stemmer, stop_words

if TYPE_CHECKING:  # pragma: no cover
    from newsum.nlp.languages.base import Language

DEFAULT_COUNT = 10


@dataclass(frozen=True)
class Settings:
    """The ranking's parameters, in one place so a benchmark run can vary them."""

    window: int = 10
    """Co-occurrence window in tokens (PositionRank's)."""
    damping: float = 0.85
    max_words: int = 4
    """A longer noun phrase keeps its last ``max_words`` words (the head end)."""
    length_exponent: float = 0.5
    """A phrase scores (mean word score) x (words ** length_exponent) x ...;
    PositionRank's sum of word scores is 1.0."""
    frequency_exponent: float = 1.0
    """... x (occurrences ** frequency_exponent) x ..."""
    single_factor: float = 0.7
    """... x single_factor for a one-word phrase."""
    multi_word_first: bool = True
    """Phrases of two words or more first; single words only to make up the count."""


SETTINGS = Settings()

_NOUN = frozenset({"NN", "NNS", "NNP", "NNPS"})
_PHRASE_TAGS = frozenset({"JJ", "JJR", "JJS"}) | _NOUN
# The tagger learnt from Reuters copy, where "attacks" or "plans" are mostly
# nouns; after a subject pronoun such a word is the verb ("if he attacks"), and
# so is a singular noun between "to" and an object ("prepared to attack Ukraine").
_FROM_UPOS = {"NOUN": "NN", "PROPN": "NNP", "ADJ": "JJ"}
_SUBJECT_PRONOUNS = frozenset({"i", "he", "she", "we", "they", "who"})
_OBJECT_START = frozenset({"DT", "NNP", "NNPS", "PRP", "PRP$"})
# Treebank/CoNLL-style tokens, which is what the tagger learnt from: clitics
# ("'s", "n't") split off, dotted acronyms and hyphenated words kept whole.
_TOKEN = re.compile(
    r"""(?:[A-Za-z]\.){2,}                     # U.S. p.m.
    |[A-Z][a-z]{0,3}\.(?=\s+\w)                # Mr. Jan. Gen. inside a sentence
    |\w+(?=n['’]t\b)|n['’]t\b                  # do n't
    |['’](?:s|re|ve|ll|d|m)\b                  # 's 're ...
    |\w+(?:[-&]\w+|['’](?!(?:s|re|ve|ll|d|m|t)\b)\w+|\.\d+|,\d{3})*  # words, O'Brien, 1,000 3.5
    |--|\.\.\.|[^\w\s]""",
    re.VERBOSE,
)
_LETTER = re.compile(r"[^\W\d_]")


@dataclass
class _Candidate:
    stems: tuple[str, ...]
    first: int
    """Token index of the first occurrence: ties go to the earlier phrase."""
    count: int = 0
    forms: Counter[tuple[str, ...]] = field(default_factory=Counter)
    name_words: int = 0
    """How many of its last words the tagger read as a name where it first
    occurred: 2 for "presidente Donald Trump", 1 for "Firma Boeing"."""
    positions: list[int] = field(default_factory=list)
    """Token index where each of its own occurrences starts (`_cited_source`)."""


@dataclass
class _Document:
    tokens: list[str]
    tags: list[str | None]
    starts: list[int]
    """Token index where each sentence starts."""
    breaks: set[int] = field(default_factory=set)
    """Token indices where a new noun phrase starts although the words before
    could carry on (German and Spanish, `_phrase_breaks`)."""
    language: Language | None = None
    """The registered language whose tagger read the text (German, Spanish);
    None for English's."""
    capitalised_nouns: bool = False
    """Whether the article writes its common nouns with a capital (German,
    `_capitalises_nouns`): then a capital says nothing about a name."""
    adjectives: frozenset[str] | None = None
    """Where the language puts adjectives after their noun (Spanish): the
    words the article uses as adjectives more than once (`_repeated_adjectives`)."""
    lexicon: _Lexicon | None = None
    """The registered language's keyphrase word lists."""
    lemmas: list[str] = field(default_factory=list)
    """Each token's lemma (German: HanTa's; else the lower-cased token)."""
    weak: set[int] = field(default_factory=set)
    """Adjectives that make no keyphrase with the noun after them (`_modifiers`)."""
    participles: set[int] = field(default_factory=set)
    """Adjectives that are participles (`_participle`)."""
    adverbs: set[int] = field(default_factory=set)
    """Tagged adjectives that are adverbs ("rápidamente"): no phrase word."""
    connectors: set[int] = field(default_factory=set)
    """Lower-case words inside a capitalised name ("Organización Mundial de la
    Salud", `_connectors`): phrase words, but no word of the phrase's key."""


@dataclass(frozen=True)
class _Lexicon:
    """A registered language's keyphrase word lists, from its data folder
    (``weak_modifiers.txt``, ``report_words.txt``, ``name_connectors.txt``;
    each file says what it holds; ``media.txt`` is read by the ``Language``
    record, which the actors share)."""

    weak: frozenset[str] = frozenset()
    """Stems of the weak modifiers' lemmas."""
    strong: frozenset[str] = frozenset()
    """Stems of lemmas that are never weak, though an ending says so ("minderjährig")."""
    weak_endings: tuple[str, ...] = ()
    inflection: tuple[str, ...] = ()
    """The endings an attributive adjective adds to its lemma (German), longest first."""
    adverb_endings: tuple[str, ...] = ()
    report: frozenset[str] = frozenset()
    """Words that cite a source: report words and one-word speech verbs."""
    connectors: tuple[tuple[str, ...], ...] = ()
    """In the file's order: where names chain, the first listed join first."""


def extract_keyphrases(
    sentences: list[Sentence], count: int = DEFAULT_COUNT, language: str = "english", settings: Settings = SETTINGS
) -> list[Keyphrase]:
    """The ``count`` best phrases, best first; scores in [0, 1], the best 1.0."""
    if count < 1 or not sentences:
        return []
    document = _read(sentences, language)
    stem = _stem_function(language)
    candidates = _candidates(document, _stops(language), _news_nouns(language), stem, settings.max_words)
    if not candidates:
        return []
    word_scores = _rank_words(document.tokens, candidates, stem, settings)
    scored = _score(candidates, word_scores, settings)
    if document.lexicon is not None:
        scored = [item for item in scored if not _cited_source(document, item[1])]
        if not scored:
            return []
    ranked = _reader_order(_full_names(scored), count, settings, distinct=document.language is not None)
    top = ranked[0][0]
    return [Keyphrase(phrase=_display(c), score=_relative(s, top)) for s, c in ranked]


def _stops(language: str) -> frozenset[str]:
    """Words that never join a phrase: the stop words; for a registered
    language its month names too ("März Russland", "Anfang Juni": a date is no
    keyphrase)."""
    stops = stop_words(language)
    if language == "english":
        return stops
    from newsum.nlp.languages import registered_language

    registered = registered_language(language)
    return stops | registered.months if registered is not None else stops


def _news_nouns(language: str) -> frozenset[str]:
    """Words every news story uses and none is about ("Thursday", "Jahre",
    "día"; `Language.news_nouns`). sumy's other languages have no list of
    their own and keep English's, as they always did."""
    from newsum.nlp.languages import UnknownLanguage, get

    try:
        return get(language).news_nouns
    except UnknownLanguage:
        return get("en").news_nouns


def _read(sentences: Sequence[Sentence], language: str) -> _Document:
    document = _Document([], [], [])
    for sentence in sentences:
        words = _TOKEN.findall(sentence.text)
        document.starts.append(len(document.tokens))
        document.tokens += words
        document.tags += _tags(words, language)
    if language != "english":
        from newsum.nlp.languages import registered_language

        registered = registered_language(language)
        if registered is not None:
            document.language = registered
            document.lexicon = _lexicon(registered)
            document.lemmas = [
                lemma
                for begin, end in zip(document.starts, [*document.starts[1:], len(document.tokens)], strict=False)
                for lemma in _lemmas(document.tokens[begin:end], registered)
            ]
            document.capitalised_nouns = _capitalises_nouns(document)
            if not registered.adjectives_before_nouns:
                document.adjectives = _repeated_adjectives(document)
            _phrase_breaks(document, registered)
            _modifiers(document, registered)
            _connectors(document)
    return document


def _tags(words: Sequence[str], language: str) -> list[str | None]:
    """Penn tags for English; for a registered language (German, Spanish) its
    tagger's Universal tags as the Penn tags chunking reads (NOUN ``NN``,
    PROPN ``NNP``, ADJ ``JJ``; the rest break a phrase); none (stop-word
    chunking) for sumy's other languages."""
    if language != "english":
        from newsum.nlp.languages import registered_language

        registered = registered_language(language)
        if registered is None or not words:
            return [None] * len(words)
        from newsum.nlp.languages.pos import upos

        native: list[str | None] = [_FROM_UPOS.get(tag, tag) for tag in upos(words, registered)]
        if registered.adjectives_before_nouns:
            # "Jahr | erinnerten Aktivisten": after a noun, an adjective (often a
            # participle, a verb's form) starts the next phrase, never ends this one.
            for i in range(1, len(native)):
                if native[i] == "JJ" and native[i - 1] in ("NN", "NNP") and words[i][:1].islower():
                    native[i] = "ADJ"
        return native
    from newsum.nlp import pos

    tags: list[str | None] = list(pos.tag(words))
    for i in range(1, len(words)):
        if _verb_tagged_noun(words, tags, i):
            tags[i] = "VB"
    return tags


_CAPITALISED_NOUNS = 0.8
"""Share of an article's common nouns written with a capital above which its
language capitalises nouns (German: over 99% on the dev articles; Spanish: 0%)."""
_COMMON = frozenset({"NN"})
_NAMED = frozenset({"NN", "NNP"})


def _phrase_breaks(document: _Document, language: Language) -> None:
    """Where a tagged noun phrase of German or Spanish ends, beyond what the
    tags say (``document.breaks``; ``document.tags`` corrected in place).

    Neither language writes compounds as two nouns side by side (German joins
    them into one word, Spanish with "de"), so a common noun right after a
    noun or name starts another phrase when it cannot be a name: when it is in
    lower case ("válvula | ayuda", "Megyn Kelly | trató": most often a verb the
    tagger took for a noun) or when one of two capitalised common nouns is
    inflected (`_inflected_pair`: "Soldaten | Opfer", "Meldungen | Schäden").
    After an adjective it may go on: the Spanish tagger reads many adjectives
    after a noun as nouns ("enfermedad infecciosa aguda").

    Where nouns are capitalised (German, measured on the article), a lower-case
    "noun" is a verb or adjective ("einnahmen") and no phrase word, a lower-case
    name ("verdi", "n-tv") ends its phrase ("Gewerkschaft verdi | Frank
    Bsirske"), and, as no adjective follows its noun there, a capitalised
    "adjective" or foreign word after a name is the surname ("Kathrin Passig",
    "Nicolas Sarkozy")."""
    tokens, tags = document.tokens, document.tags
    capitalised = document.capitalised_nouns
    surnames = capitalised and language.adjectives_before_nouns
    bounds = [*document.starts, len(tokens)]
    for begin, end in zip(bounds, bounds[1:], strict=False):
        lemmas = document.lemmas[begin:end] if capitalised else None
        for i in range(begin + 1, end):
            word, lower = tokens[i], tokens[i][:1].islower()
            if capitalised and lower and tags[i] == "NN":
                tags[i] = "X"
            elif capitalised and lower and tags[i] == "NNP":
                document.breaks.add(i + 1)
            elif surnames and tags[i] in ("JJ", "X") and word[:1].isupper() and tags[i - 1] == "NNP":
                tags[i] = "NNP"
            if (
                tags[i] in _COMMON
                and tags[i - 1] in _NAMED
                and (lower or _inflected_pair(tokens, tags, lemmas, begin, i))
            ):
                document.breaks.add(i)
            elif _after_misread_adjective(document, begin, i):
                document.breaks.add(i)


def _after_misread_adjective(document: _Document, begin: int, i: int) -> bool:
    """Where adjectives follow their noun (Spanish), a lower-case common noun
    after a one-off "adjective" that itself follows a phrase word: the
    "adjective" is a verb the tagger misread ("legislación genera | barreras",
    "los iraquíes formen | multitudes"), for no noun phrase runs noun,
    adjective, noun without a "de". A repeated adjective may go on
    ("enfermedad infecciosa aguda": the tagger reads "aguda" as a noun)."""
    adjectives = document.adjectives
    if adjectives is None or i - 2 < begin:
        return False
    tokens, tags = document.tokens, document.tags
    return (
        tags[i] in _COMMON
        and tokens[i][:1].islower()
        and tags[i - 1] == "JJ"
        and tokens[i - 1][:1].islower()
        and tokens[i - 1].lower() not in adjectives
        and tags[i - 2] in _PHRASE_TAGS
    )


@functools.lru_cache(maxsize=8)
def _lexicon(language: Language) -> _Lexicon:
    from newsum.nlp.languages.base import read_lines

    def lines(name: str) -> list[str]:
        return [line.lower() for line in read_lines(language.resource(name))]

    stem = _stem_function(language.name)
    weak, strong, weak_endings, inflection, adverbs = set(), set(), [], [], []
    for line in lines("weak_modifiers.txt"):
        directive, *rest = line.split()
        if directive == "@inflection":
            inflection += rest
        elif directive == "@adverb":
            adverbs += [ending.lstrip("-") for ending in rest]
        elif line.startswith("-"):
            weak_endings.append(line[1:])
        elif line.startswith("+"):
            strong.add(stem(line[1:]))
        else:
            weak.add(stem(line))
    connectors = [tuple(line.split()) for line in lines("name_connectors.txt")]
    return _Lexicon(
        weak=frozenset(weak),
        strong=frozenset(strong),
        weak_endings=tuple(weak_endings),
        inflection=tuple(sorted(inflection, key=len, reverse=True)),
        adverb_endings=tuple(adverbs),
        report=frozenset(lines("report_words.txt")) | {v for v in language.speech_verbs if " " not in v},
        connectors=tuple(connectors),
    )


def _modifiers(document: _Document, language: Language) -> None:
    """Which tagged adjectives are weak modifiers (``document.weak``: a noun
    phrase drops them from its front, "ungewöhnliche Aktion" -> "Aktion") and
    which are adverbs (``document.adverbs``, no phrase word). A capitalised
    adjective inside a sentence, or a first word the article also capitalises
    inside one or whose lemma keeps its capital, is part of a name ("Neue
    Sächsische Galerie", "Gran Bretaña", "Berliner Kammergericht") and neither."""
    lexicon = document.lexicon
    if lexicon is None:
        return
    tokens, tags, lemmas = document.tokens, document.tags, document.lemmas
    starts = set(document.starts)
    capitals_inside = {t for i, t in enumerate(tokens) if i not in starts and t[:1].isupper()}
    stem = _stem_function(language.name)
    cased = any(lemma[:1].isupper() for lemma in lemmas)
    for i, tag in enumerate(tags):
        if tag != "JJ":
            continue
        word, lemma = tokens[i], lemmas[i]
        if word[:1].isupper() and (i not in starts or word in capitals_inside or lemma[:1].isupper()):
            continue
        lemma = lemma.lower()
        if lexicon.adverb_endings and lemma.endswith(lexicon.adverb_endings):
            document.adverbs.add(i)
            continue
        # A capitalised first word is as often a name ("Cristina"), unless the
        # tagger's lemmas keep their case and this one is in lower case ("Geplante").
        participle = (word[:1].islower() or cased) and _participle(lemma, language)
        if participle:
            document.participles.add(i)
        if stem(lemma) in lexicon.strong:
            continue
        if (
            participle
            or stem(lemma) in lexicon.weak
            or (lexicon.weak_endings and lemma.endswith(lexicon.weak_endings))
            or _plain_or_graded(word.lower(), lemma, lexicon.inflection)
        ):
            document.weak.add(i)


def _plain_or_graded(word: str, lemma: str, inflection: tuple[str, ...]) -> bool:
    """Where an attributive adjective adds an ending to its lemma (German,
    ``inflection``): one without it stands as an adverb before the noun
    ("grundlos Zivilisten", "ständig Probleme"), and one that adds more than
    the ending is a comparative or superlative ("größten", "höheren",
    "emotionalsten"), no part of a term. "dunkle" for "dunkel" drops a letter
    and is neither."""
    if not inflection:
        return False
    if word == lemma:
        return True
    ending = next((e for e in inflection if word.endswith(e) and len(word) > len(e)), "")
    base = word[: len(word) - len(ending)]
    return base != lemma and len(base) > len(lemma)


@functools.lru_cache(maxsize=4096)
def _participle(lemma: str, language: Language) -> bool:
    """An adjective whose lemma the tagger reads alone as a verb is a
    participle ("geplant", "betroffen", "ausgerufen"): it tells what happened
    to the noun, not what kind of thing it is."""
    from newsum.nlp.languages.pos import upos

    return bool(lemma) and upos([lemma], language)[0] in ("VERB", "AUX")


def _connectors(document: _Document) -> None:
    """The lower-case words that join the parts of one name (Spanish "de",
    "de la", "del": "Organización Mundial de la Salud"), where the words on
    both sides are capitalised phrase words of the same sentence
    (``document.connectors``). One connector a name: a chain of them names
    one thing inside another, and the connectors listed first in
    ``name_connectors.txt`` join first ("Facultad de Medicina | de la |
    Universidad de Southampton", "Servicio de Neumología | del | Instituto
    Nacional de Enfermedades Respiratorias | de | México")."""
    lexicon = document.lexicon
    if lexicon is None or not lexicon.connectors:
        return
    tokens, tags = document.tokens, document.tags
    starts = set(document.starts)
    bounds = [*document.starts[1:], len(tokens)]
    longest_first = sorted(lexicon.connectors, key=len, reverse=True)

    def name_word(k: int) -> bool:
        return tokens[k][:1].isupper() and tags[k] in _PHRASE_TAGS

    joins: list[tuple[int, int, int, int, int]] = []  # (preference, first, connector, after, last)
    for i in range(1, len(tokens)):
        if i in starts or not name_word(i - 1) or (i - 1 in starts and tags[i - 1] != "NNP"):
            continue  # "Datos de Sanidad": the capital may only start the sentence
        sentence = bisect.bisect_right(document.starts, i) - 1
        begin, end = document.starts[sentence], bounds[sentence]
        for connector in longest_first:
            after = i + len(connector)
            if (
                after < end
                and tuple(tokens[i:after]) == connector
                and name_word(after)
                and not (after + 2 < end and tokens[after + 1] == ".")  # "EE.UU.": an abbreviation
            ):
                first, last = i - 1, after
                while first > begin and name_word(first - 1):
                    first -= 1
                while last + 1 < end and name_word(last + 1):
                    last += 1
                joins.append((lexicon.connectors.index(connector), first, i, after, last))
                break
    used: set[int] = set()
    for _, first, i, after, last in sorted(joins):
        if used.isdisjoint(range(first, last + 1)):
            used.update(range(first, last + 1))
            document.connectors.update(range(i, after))


def _repeated_adjectives(document: _Document) -> frozenset[str]:
    """Lower-case words the article's tagger reads as adjectives at least
    twice. After a noun such a word is the phrase's adjective ("ácido tánico",
    "violencia policial"); a one-off "adjective" after a noun is as often a verb
    the tagger misread ("Mandela acompañó", "la mascarilla protege")."""
    seen = Counter(t.lower() for t, tag in zip(document.tokens, document.tags, strict=False) if tag == "JJ")
    return frozenset(word for word, n in seen.items() if n > 1)


def _capitalises_nouns(document: _Document) -> bool:
    starts = set(document.starts)
    cases = [
        t[:1].isupper()
        for i, (t, tag) in enumerate(zip(document.tokens, document.tags, strict=False))
        if tag == "NN" and i not in starts and t[:1].isalpha()
    ]
    return bool(cases) and sum(cases) >= _CAPITALISED_NOUNS * len(cases)


def _lemmas(words: Sequence[str], language: Language) -> list[str]:
    from newsum.nlp.languages.pos import lemmas

    return lemmas(words, language)


def _inflected_pair(
    tokens: Sequence[str], tags: Sequence[str | None], lemmas: Sequence[str] | None, begin: int, i: int
) -> bool:
    """Two capitalised common nouns side by side, one of them inflected
    ("Terroristen Informationen", "Meldungen Schäden"): two phrases. A title
    and a name the tagger does not know keep their bare forms ("Musikband
    Landser", "VW-Chef Winterkorn") and stay one phrase."""
    if lemmas is None or tags[i - 1] not in _COMMON:
        return False
    return any(lemmas[k - begin].lower() != tokens[k].lower() for k in (i - 1, i))


def _verb_tagged_noun(words: Sequence[str], tags: Sequence[str | None], i: int) -> bool:
    after_subject = tags[i] in ("NN", "NNS") and words[i - 1].lower() in _SUBJECT_PRONOUNS
    to_object = tags[i] == "NN" and tags[i - 1] == "TO" and i + 1 < len(words) and tags[i + 1] in _OBJECT_START
    return after_subject or to_object


@functools.lru_cache(maxsize=8)
def _stem_function(language: str) -> Callable[[str], str]:
    """Stems cached across articles: the Snowball stemmer is slower than all
    the rest of this stage together, and news vocabulary repeats."""
    stem = stemmer(language)
    return functools.lru_cache(maxsize=100_000)(lambda word: stem(word.lower()))


def _is_content_word(token: str, stops: frozenset[str]) -> bool:
    return len(token) > 1 and _LETTER.search(token) is not None and token.lower().rstrip(".") not in stops


def _candidates(
    document: _Document, stops: frozenset[str], news: frozenset[str], stem: Callable[[str], str], max_words: int
) -> dict[tuple[str, ...], _Candidate]:
    """Noun phrases by stemmed form, with their counts and surface forms;
    no stop word and no news noun (``news``) among their words."""
    tokens, tags = document.tokens, document.tags
    sentence_starts = set(document.starts)
    lower_inside = {t for i, t in enumerate(tokens) if t.islower() and i not in sentence_starts}
    candidates: dict[tuple[str, ...], _Candidate] = {}
    run: list[int] = []
    adjectives = document.adjectives
    keep = None if adjectives is None else (lambda i: _kept_adjective(document, adjectives, i))

    connectors = document.connectors

    def close() -> None:
        phrase = _trim(run, tags, keep)
        run.clear()
        while len(phrase) > 1 and phrase[0] in document.weak:
            phrase = phrase[1:]  # "ungewöhnliche | Aktion": the noun, not the judgement
        phrase = _cut(phrase, connectors, max_words)
        while len(phrase) > 1 and _title_tail(tokens, phrase[0]):
            phrase = phrase[1:]  # "Secretary of | State Antony Blinken": the name, not half a title
        if not phrase:
            return
        words = tuple(tokens[i] for i in phrase)
        if phrase[0] in sentence_starts and words[0].lower() in lower_inside:
            # "Sanctions were imposed": the capital only starts the sentence.
            words = (words[0].lower(), *words[1:])
        key = tuple(stem(w) for i, w in zip(phrase, words, strict=True) if i not in connectors)
        candidate = candidates.get(key)
        if candidate is None:
            names = _name_words(phrase, tags, connectors) if document.language is not None else 0
            candidate = candidates[key] = _Candidate(key, phrase[0], name_words=names)
        candidate.count += 1
        candidate.forms[words] += 1
        candidate.positions.append(phrase[0])

    for i in range(len(tokens)):
        if (i in sentence_starts or i in document.breaks) and run:
            close()  # a phrase never runs across a sentence boundary
        if run and i in connectors and run[-1] == i - 1:
            run.append(i)  # "Organización Mundial | de la | Salud"
        elif (tags[i] is None or tags[i] in _PHRASE_TAGS) and _phrase_word(document, i, stops, news):
            run.append(i)
        elif run:
            close()
    if run:
        close()
    _count_inner_phrases(candidates)
    return candidates


def _kept_adjective(document: _Document, adjectives: frozenset[str], i: int) -> bool:
    """Whether the adjective at ``i``, after its phrase's last noun, stays in
    the phrase (Spanish): one the article uses as an adjective more than once
    (`_repeated_adjectives`), but no participle right after a name ("el Covid
    entregadas a las autonomías", "WhatsApp difundidos": the verb of a clause,
    where "incidencia acumulada" is a term)."""
    tokens, tags = document.tokens, document.tags
    if tags[i] != "JJ" or tokens[i].lower() not in adjectives:
        return False
    return not (tags[i - 1] == "NNP" and i in document.participles)


def _cut(phrase: list[int], connectors: set[int], max_words: int) -> list[int]:
    """A phrase's last ``max_words`` words (the head end). A name joined by
    connectors keeps its head, which comes first: the parts after its last
    connectors go while it is too long ("Instituto Nacional de Enfermedades
    Respiratorias | de México")."""
    content = [i for i in phrase if i not in connectors]
    if len(content) <= max_words:
        return phrase
    while connectors.intersection(phrase) and len([i for i in phrase if i not in connectors]) > max_words:
        last = max(k for k, i in enumerate(phrase) if i in connectors)
        while last > 0 and phrase[last - 1] in connectors:
            last -= 1
        phrase = phrase[:last]
    return phrase[-max_words:]


def _phrase_word(document: _Document, i: int, stops: frozenset[str], news: frozenset[str]) -> bool:
    """Whether token ``i`` may be a word of a phrase: a content word, and no
    news noun unless it is part of a name (`_in_name`)."""
    token = document.tokens[i]
    if not _is_content_word(token, stops) or i in document.adverbs:
        return False
    return token.lower().rstrip(".") not in news or _in_name(document, i)


def _in_name(document: _Document, i: int) -> bool:
    """A capitalised news noun the tagger reads as one word of a longer name,
    where common nouns are written in lower case: "Semana Santa" and "Año
    Nuevo" are feasts, not a week and a year. Not in English (its list stays
    as it was) nor where every noun has a capital (German "Montag"). Never an
    acronym ("BBC Mundo": its capitals are its own, and it is a credit line)
    nor a form of address, which stands before a name without being part of
    it ("Dr. Corey" is Corey)."""
    language = document.language
    if language is None or document.capitalised_nouns:
        return False
    tokens, tags, starts = document.tokens, document.tags, document.starts
    if tags[i] != "NNP" or not tokens[i].istitle() or tokens[i].lower() in language.honorifics:
        return False
    before = i not in starts and tags[i - 1] == "NNP"
    after = i + 1 < len(tokens) and i + 1 not in starts and tags[i + 1] == "NNP"
    return before or after


def _title_tail(tokens: Sequence[str], i: int) -> bool:
    """The capitalised title word after "of" that ends a title ("Secretary of State", "Minister of Defence")."""
    from newsum.nlp.lexicon import ROLE_MODIFIERS, ROLE_WORDS

    word = tokens[i]
    return (
        i > 0
        and tokens[i - 1] == "of"
        and word[:1].isupper()
        and word.lower()
        in ROLE_WORDS
        | ROLE_MODIFIERS
        | {
            "defence",
            "defense",
            "commerce",
            "treasury",
        }
    )


def _cited_source(document: _Document, candidate: _Candidate) -> bool:
    """A news medium the article only cites ("laut der New York Times", "Nach
    einem Bericht der Zeitung The Jakarta Post", "dijo a la radio NPR"): a
    phrase holding a medium's word (``media.txt``) or following one ("der
    Wochenzeitung „Le Canard enchaîné“"), every mention of which stands in a
    sentence that cites (a report word or speech verb). Where common nouns are
    written in lower case a phrase of more words holds a capital too ("cadena
    perpetua" names no network; "diario" alone is only ever the source)."""
    lexicon, language = document.lexicon, document.language
    if lexicon is None or language is None or not candidate.positions:
        return False
    forms = list(candidate.forms)
    if (
        not document.capitalised_nouns
        and len(candidate.stems) > 1
        and not any(w[:1].isupper() for f in forms for w in f)
    ):
        return False
    medium = any(language.names_medium(w) for f in forms for w in f) or any(
        _after_medium(document, language, p) for p in candidate.positions
    )
    return medium and all(_cites(document, lexicon, p) for p in candidate.positions)


def _after_medium(document: _Document, language: Language, position: int) -> bool:
    """The phrase at ``position`` names the medium a word just before it
    names, quotation marks and an article between ("Wochenzeitung „Le")."""
    k = position - 1
    for _ in range(3):
        if k < 0 or k + 1 in document.starts:
            return False
        token = document.tokens[k]
        if language.names_medium(token):
            return True
        if _LETTER.search(token) and len(token) > 3:
            return False
        k -= 1
    return False


def _cites(document: _Document, lexicon: _Lexicon, position: int) -> bool:
    """Whether the sentence holding ``position`` cites a source."""
    starts = document.starts
    s = bisect.bisect_right(starts, position) - 1
    end = starts[s + 1] if s + 1 < len(starts) else len(document.tokens)
    return any(t.lower() in lexicon.report for t in document.tokens[starts[s] : end])


def _count_inner_phrases(candidates: dict[tuple[str, ...], _Candidate]) -> None:
    """ "insurance claims" also occurs in "Hurricane Andrew insurance claims".
    Only phrases of two words or more gain: a word alone keeps the count of its
    standalone uses, or every head noun would outrank the phrases it heads."""
    inner: Counter[tuple[str, ...]] = Counter()
    for key, candidate in candidates.items():
        for length in range(2, len(key)):
            for start in range(len(key) - length + 1):
                if key[start : start + length] in candidates:
                    inner[key[start : start + length]] += candidate.count
    for key, extra in inner.items():
        candidates[key].count += extra


def _trim(run: Sequence[int], tags: Sequence[str | None], keep: Callable[[int], bool] | None = None) -> list[int]:
    """A noun phrase ends in a noun: trailing adjectives go ("troops massed
    nearby"). Where adjectives follow their noun (Spanish), ``keep`` says which
    of the adjectives right after the last noun stay ("política exterior",
    "ácido tánico")."""
    end = len(run)
    while end and tags[run[end - 1]] is not None and tags[run[end - 1]] not in _NOUN:
        end -= 1
    if keep is not None and end:
        while end < len(run) and keep(run[end]):
            end += 1
    return list(run[:end])


def _rank_words(
    tokens: Sequence[str], candidates: dict[tuple[str, ...], _Candidate], stem: Callable[[str], str], settings: Settings
) -> dict[str, float]:
    """PositionRank: PageRank over candidate words joined within a window,
    teleporting to each word in proportion to the sum of 1/position of its
    occurrences, so early words gain."""
    import numpy as np

    vocabulary = {s for c in candidates.values() for s in c.stems}
    index: dict[str, int] = {}
    occurrences: list[tuple[int, int]] = []  # (token position, node)
    bias: list[float] = []
    for position, token in enumerate(tokens):
        if len(token) < 2 or not _LETTER.search(token):
            continue
        node = index.get(stem(token))
        if node is None:
            if stem(token) not in vocabulary:
                continue
            node = index[stem(token)] = len(bias)
            bias.append(0.0)
        bias[node] += 1.0 / (position + 1)
        occurrences.append((position, node))
    # Edges as a list, not a V x V matrix: memory and time grow with the text,
    # not with the square of its vocabulary.
    edges: Counter[tuple[int, int]] = Counter()
    window, total = settings.window, len(occurrences)
    for k, (position, node) in enumerate(occurrences):
        j = k + 1
        while j < total:
            later, other = occurrences[j]
            if later - position >= window:
                break
            if other != node:
                edges[node, other] += 1
            j += 1
    pairs = np.array(list(edges), dtype=np.intp).reshape(-1, 2)
    counts = np.fromiter(edges.values(), dtype=float, count=len(edges))
    # Undirected: each co-occurrence joins both ways.
    sources = np.concatenate([pairs[:, 0], pairs[:, 1]])
    targets = np.concatenate([pairs[:, 1], pairs[:, 0]])
    scores = _pagerank(
        sources, targets, np.concatenate([counts, counts]), np.asarray(bias) / sum(bias), settings.damping
    )
    return {s: float(scores[i]) for s, i in index.items()}


def _pagerank(sources, targets, weights, teleport, damping: float):  # numpy arrays in, numpy array out
    """Power iteration over weighted edges (``sources[e] -> targets[e]``,
    ``weights[e]``, repeated pairs add up); a word with no neighbour gives its
    share back through the teleport vector, so the scores keep summing to 1."""
    import numpy as np

    size = len(teleport)
    degree = np.bincount(sources, weights=weights, minlength=size)
    dangling = degree == 0
    share = weights / degree[sources] if len(sources) else weights
    scores = teleport.copy()
    for _ in range(100):
        spread = np.bincount(targets, weights=scores[sources] * share, minlength=size)
        updated = (1 - damping) * teleport + damping * (spread + scores[dangling].sum() * teleport)
        converged = np.abs(updated - scores).sum() < 1e-7
        scores = updated
        if converged:
            break
    return scores


def _score(
    candidates: dict[tuple[str, ...], _Candidate], word_scores: dict[str, float], settings: Settings
) -> list[tuple[float, _Candidate]]:
    """Every candidate with its score, best first; ties to the earlier phrase."""
    ranked = []
    for candidate in candidates.values():
        n = len(candidate.stems)
        mean = sum(word_scores.get(s, 0.0) for s in candidate.stems) / n
        score = mean * n**settings.length_exponent * candidate.count**settings.frequency_exponent
        if n == 1:
            score *= settings.single_factor
        ranked.append((score, candidate))
    ranked.sort(key=lambda item: (-item[0], item[1].first, item[1].stems))
    return ranked


def _full_names(ranked: list[tuple[float, _Candidate]]) -> list[tuple[float, _Candidate]]:
    """A name given alone ("Lavrov") takes the place of its full form ("Foreign
    Minister Sergei Lavrov"), which then does not come again: one entry per
    actor, and DUC-2001's editors wrote names in full ("president george bush")."""
    full: dict[str, _Candidate] = {}
    for _, candidate in ranked:
        if len(candidate.stems) > 1 and candidate.stems[-1] not in full and _capitalised(candidate):
            full[candidate.stems[-1]] = candidate
    out: list[tuple[float, _Candidate]] = []
    placed: set[tuple[str, ...]] = set()
    for score, candidate in ranked:
        if len(candidate.stems) == 1 and candidate.stems[0] in full and _capitalised(candidate):
            candidate = full[candidate.stems[0]]
        if candidate.stems in placed:
            continue
        placed.add(candidate.stems)
        out.append((score, candidate))
    return out


def _reader_order(
    ranked: list[tuple[float, _Candidate]], count: int, settings: Settings, distinct: bool = False
) -> list[tuple[float, _Candidate]]:
    """The ``count`` phrases a reader gets: phrases of two words or more in
    rank order, single words only where the article has too few of those
    (``settings.multi_word_first``). ``distinct`` (German, Spanish): one entry
    per thing (`_same_thing`), and no single word that a chosen phrase holds."""
    if not settings.multi_word_first:
        return ranked[:count]
    multi = [item for item in ranked if len(item[1].stems) > 1]
    single = [item for item in ranked if len(item[1].stems) == 1]
    if distinct:
        multi = _distinct(multi, count)
        held = {m[1].stems[k : k + 1] for m in multi for k in range(len(m[1].stems))}
        single = [s for s in single if s[1].stems not in held]
    chosen = multi[:count] + single[: max(0, count - len(multi))]
    return sorted(chosen, key=lambda item: (-item[0], item[1].first, item[1].stems))


_SHORT_NAME = 2
"""A name of up to this many words gives way to a fuller one that ends in it
("López Obrador" -> "Andrés Manuel López Obrador"); a longer one is already
full ("Isabel Díaz Ayuso", not "PP Isabel Díaz Ayuso")."""


def _distinct(ranked: list[tuple[float, _Candidate]], count: int) -> list[tuple[float, _Candidate]]:
    """The first ``count`` phrases of ``ranked`` that name no thing an earlier
    one names: "Firma Boeing | US-Konkurrenten Boeing | Konkurrenten Boeing",
    "López Obrador | Andrés Manuel López Obrador" are one entry each, at the
    best-ranked form's place, in the form with the fullest name, as a reader
    is told who someone is."""
    entries: list[tuple[float, _Candidate, list[_Candidate]]] = []
    for score, candidate in ranked:
        same = next((e for e in entries if any(_same_thing(candidate, m) for m in e[2])), None)
        if same is None:
            if len(entries) < count:
                entries.append((score, candidate, [candidate]))
            continue
        same[2].append(candidate)
        if _fuller_name(candidate, same[1]):
            entries[entries.index(same)] = (same[0], candidate, same[2])
    return [(score, shown) for score, shown, _ in entries]


def _fuller_name(candidate: _Candidate, shown: _Candidate) -> bool:
    """``candidate``'s name adds first names to the short name ``shown`` ends in."""
    name, short = _name_part(candidate), _name_part(shown)
    if any(len(form) > len(candidate.stems) for form in candidate.forms):
        return False  # "Gobierno de Mariano Rajoy" is no fuller name of Mariano Rajoy
    return 0 < len(short) <= _SHORT_NAME and len(name) > len(short) and name[-len(short) :] == short


def _same_thing(a: _Candidate, b: _Candidate) -> bool:
    """One phrase holds the other ("Surat Thani" in "Provinz Surat Thani"), or
    one's name ends the other's ("presidente Trump", "presidente Donald
    Trump"; "Firma Boeing", "US-Konkurrenten Boeing"). Names, not last words:
    "Plan Nacional" and "Gobierno Nacional" are two things, and so are
    "italienische Soldaten" and "britische Soldaten", which name nobody."""
    if _holds(a.stems, b.stems) or _holds(b.stems, a.stems):
        return True
    if not (a.name_words or b.name_words):
        return False
    short, long = sorted((_name_part(a), _name_part(b)), key=len)
    return bool(short) and long[len(long) - len(short) :] == short


def _name_part(candidate: _Candidate) -> tuple[str, ...]:
    """The stems of the name a phrase ends in: its last words tagged as names,
    else its last word when capitalised (the tagger reads a surname it does
    not know as a noun: "Airbus-Vorstandsvorsitzende Enders")."""
    if candidate.name_words:
        return candidate.stems[len(candidate.stems) - candidate.name_words :]
    last = candidate.forms.most_common(1)[0][0][-1]
    return candidate.stems[-1:] if last[:1].isupper() else ()


def _name_words(phrase: Sequence[int], tags: Sequence[str | None], connectors: set[int] | None = None) -> int:
    """How many of the phrase's last words are tagged as names (the
    connectors inside a name not counted: "Organización Mundial de la Salud" is 3)."""
    count = 0
    for i in reversed(phrase):
        if connectors and i in connectors:
            continue
        if tags[i] != "NNP":
            break
        count += 1
    return count


def _holds(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """Whether ``shorter`` is a run of words inside ``longer``."""
    n = len(shorter)
    return any(longer[k : k + n] == shorter for k in range(len(longer) - n + 1))


def _capitalised(candidate: _Candidate) -> bool:
    return all(w[:1].isupper() for w in candidate.forms.most_common(1)[0][0])


def _relative(score: float, top: float) -> float:
    """In [0, 1] against the best phrase. The square root because word scores
    fall off steeply (the teleport favours the first few words so much that the
    tenth phrase would otherwise read 0.01 beside the first)."""
    return round((score / top) ** 0.5, 4) if top > 0 else 0.0


def _display(candidate: _Candidate) -> str:
    """The phrase as the article writes it most often (first seen wins a tie)."""
    return " ".join(candidate.forms.most_common(1)[0][0])
