"""Languages: one place per language for everything newsum knows about it.

Each language is a ``Language`` record (``base``) in a registry (``registry``):
its code, name and Snowball stemmer, and, loaded on first use from its data
folder ``newsum/data/<code>/``, its sentence rules and abbreviations, stop
words, quotation marks, verbs of saying and attribution patterns, pronouns,
titles and roles, and its tagger and named-entity models. English has the same
shape and points at the resources newsum always had. Importing this package
reads no data file and imports no NLTK, numpy or CRF code.

What the stages call::

    from newsum.nlp.languages import get, available, choose_language
    from newsum.nlp.languages.sentences import split_sentences   # Sentence objects
    from newsum.nlp.languages.ner import tokenize, tag_sentences # IOB2 tags
    from newsum.nlp.languages.pos import tag, upos, lemmas

Adding a language: a folder ``newsum/data/<code>/`` with the files listed in
``base`` and one ``register(Language(...))`` in ``registry``.
"""

from newsum.nlp.languages.base import Language
from newsum.nlp.languages.detect import choose_language, detect
from newsum.nlp.languages.registry import (
    UnknownLanguage,
    available,
    get,
    register,
    registered_language,
    unsupported,
)

__all__ = [
    "Language",
    "UnknownLanguage",
    "available",
    "choose_language",
    "detect",
    "get",
    "register",
    "registered_language",
    "unsupported",
]
