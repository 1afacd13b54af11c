"""The languages newsum knows, by ISO 639-1 code.

Adding a language is a data folder (``newsum/data/<code>/``, files as listed in
``newsum.nlp.languages.base``) and one ``register(Language(...))`` line below.
English points at the resources newsum always had (``newsum.nlp.text`` and
``newsum.nlp.lexicon``, the models in ``newsum/data/``), unchanged; its
word lists that were never files (its detection profile, its news nouns) stay
in code here, so an English run opens no data file for them.
"""

from __future__ import annotations

from newsum.nlp.languages.base import Language

__all__ = ["UnknownLanguage", "available", "get", "register", "registered_language"]

_REGISTRY: dict[str, Language] = {}
# Names people type for a language (sumy's names, ISO 639-2/B codes).
_ALIASES: dict[str, str] = {}


class UnknownLanguage(LookupError):
    """A code or name no registered language has."""


def register(language: Language, *aliases: str) -> Language:
    _REGISTRY[language.code] = language
    for alias in (language.name, *aliases):
        _ALIASES[alias.lower()] = language.code
    return language


def get(code: str) -> Language:
    """The language for an ISO 639-1 code (``de``), a name (``german``) or a tag (``de-AT``)."""
    key = code.strip().lower().replace("_", "-")
    key = _ALIASES.get(key, key)
    if key not in _REGISTRY and "-" in key:
        key = key.split("-", 1)[0]
    try:
        return _REGISTRY[key]
    except KeyError:
        raise UnknownLanguage(f"no language {code!r}; newsum knows {', '.join(available())}") from None


def registered_language(name: str | None) -> Language | None:
    """The ``Language`` a stage reads for ``name`` (a code or name) when it is a
    registered language other than English; None for English (whose stages
    keep their own code paths) and for sumy's other languages (``french``)."""
    if not name:
        return None
    try:
        language = get(name)
    except UnknownLanguage:
        return None
    return None if language.code == "en" else language


def available() -> tuple[str, ...]:
    """Registered codes, in registration order (English first)."""
    return tuple(_REGISTRY)


# ---------------------------------------------------------------------------- English


def _english_abbreviations() -> frozenset[str]:
    from newsum.nlp.text import ABBREVIATIONS

    return ABBREVIATIONS


def _english_stop_words() -> frozenset[str]:
    from newsum.nlp.text import stop_words

    return stop_words("english")


def _english_speech_verbs() -> frozenset[str]:
    from newsum.nlp.lexicon import QUOTE_CUES

    return QUOTE_CUES


def _english_titles() -> frozenset[str]:
    from newsum.nlp.lexicon import ROLE_WORDS

    return ROLE_WORDS


def _english_honorifics() -> frozenset[str]:
    from newsum.nlp.lexicon import HONORIFICS

    return HONORIFICS


_ENGLISH_PROFILE = (
    "the of and to a in that is for it on was with he as at by said be this from have are his "
    "an not but has had they we were who which will their been would its or she her more there "
    "one all than after also up about out can when into i you what if over new our"
).split()

# Words every news story uses and none is about: never a keyphrase word
# (German and Spanish: ``news_nouns.txt``). The list keyphrases always used.
_ENGLISH_NEWS_NOUNS = frozenset(
    (
        "monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow "
        "january february march april may june july august september october november december "
        "jan feb mar apr jun jul aug sep sept oct nov dec "
        "mr mrs ms dr reuters ap afp cnn bbc percent cent year years month months week weeks "
        "day days time times people thing things way lot number part"
    ).split()
)

register(
    Language(
        code="en",
        name="english",
        stemmer="english",
        folder="data",
        ner_model="data/ner.crfsuite",
        gazetteer="data/gazetteer.tsv.gz",
        pos_model="data/pos.npz",
        pos_tagset="ptb",
        overrides={
            "abbreviations": _english_abbreviations,
            "stop_words": _english_stop_words,
            "speech_verbs": _english_speech_verbs,
            "titles": _english_titles,
            "honorifics": _english_honorifics,
            "profile": lambda: _ENGLISH_PROFILE,
            "news_nouns": lambda: _ENGLISH_NEWS_NOUNS,
            "pronouns": lambda: {"he": "m", "she": "f"},
            "quote_pairs": lambda: (("\u201c", "\u201d"), ('"', '"'), ("\u2018", "\u2019"), ("'", "'")),
        },
    ),
    "eng",
)

# ---------------------------------------------------------------------------- German, Spanish

register(
    Language(
        code="de",
        name="german",
        stemmer="german",
        folder="data/de",
        ner_model="data/de/ner.crfsuite",
        gazetteer="data/de/gazetteer.tsv.gz",
        pos_model="hanta:morphmodel_ger.pgz",
        pos_tagset="stts",
        ner_uses_pos=True,
        adjectives_before_nouns=True,
    ),
    "deu",
    "ger",
    "deutsch",
)

register(
    Language(
        code="es",
        name="spanish",
        stemmer="spanish",
        folder="data/es",
        ner_model="data/es/ner.crfsuite",
        gazetteer="data/es/gazetteer.tsv.gz",
        pos_model="data/es/pos.npz",
        pos_tagset="eagles",
    ),
    "spa",
    "español",
    "espanol",
    "castellano",
)


def unsupported(value: str) -> str | None:
    """Why ``value`` cannot be a ``--language`` (or a feed's ``language``), or
    None when it can: a registered language's code or name, or one of the
    languages sumy stems (`newsum.nlp.text.SUPPORTED_LANGUAGES`)."""
    from newsum.nlp.text import SUPPORTED_LANGUAGES

    if value in SUPPORTED_LANGUAGES:
        return None
    try:
        get(value)
    except UnknownLanguage:
        choices = ", ".join(dict.fromkeys((*available(), *SUPPORTED_LANGUAGES)))
        return f"unsupported language {value!r}; choose from {choices}"
    return None
