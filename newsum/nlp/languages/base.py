"""One language's resources: the ``Language`` record and how its data files are read.

A language is a record of names and package paths; every resource is read on
first use from the language's data folder (``newsum/data/<code>/``) and kept
(``functools.cached_property``). Creating a ``Language`` reads nothing, so the
registry can hold every language while an English run never opens a German or
Spanish file.

Data files are UTF-8 text, one entry a line; ``#`` starts a comment, blank
lines are skipped. The file names a language folder may hold:

``abbreviations.txt``
    Punkt abbreviations, lower case, without the final period (``bzw``, ``z.b``, ``sra``).
``ordinal_before.txt``
    Words after which ``<number>.`` is an ordinal, never a sentence end (``am``, ``vom``).
``ordinal_nouns.txt``
    Nouns an ordinal goes with (``Minute``, ``Jahrhundert``); month names are in ``months.txt``.
``months.txt``
    Month names (and their abbreviations), any case.
``stopwords.txt``
    The stop-word list (built by ``python -m newsum.training.stopwords``).
``news_nouns.txt``
    Words every news story uses and none is about, never a keyphrase word:
    weekdays, time units, amounts, agencies, generic nouns (``Tag``,
    ``Jahre``, ``día``), time-placing adjectives and participles that point
    at a name ("so genannte"). Every inflected form, lower case.
``weak_modifiers.txt``, ``report_words.txt``, ``name_connectors.txt``
    Keyphrase word lists, read by ``newsum.analyses.keyphrases`` itself (each
    file's header says what it holds): adjectives dropped from a phrase's front,
    words that cite a source, words inside a name.
``media.txt``
    Words naming a news medium ("times", "-zeitung" for any word ending so):
    a cited medium is no keyphrase, a medium's name is an organisation.
``quotes.txt``
    Quotation mark pairs, ``OPEN CLOSE`` per line, in order of preference.
``speech_verbs.txt``
    Verbs of saying, every form news copy uses (``sagte``, ``betonte``; ``dijo``, ``afirmó``).
``attribution.txt``
    Attribution patterns, one regular expression a line, with ``{VERB}`` (any
    speech verb), ``{NAME}`` (a capitalised name of up to four words) and
    ``{ROLE}`` (a title or role) to fill in; named group ``speaker``, or
    ``dropped`` for a verb whose subject the language leaves out ("…",
    aseguró): the quote goes to the last person named as a subject.
``pronouns.txt``
    ``PRONOUN GENDER`` per line (``er m``, ``ella f``).
``titles.txt``
    Titles, offices and roles, lower case, one or more words (``bundeskanzler``,
    ``ministra de sanidad``).
``honorifics.txt``
    Forms of address before a name (``herr``, ``frau``, ``sra.``).
``entities.txt``, ``org_nouns.txt``
    Actor lists: names whose type
    the article cannot show (``NAME<TAB>TYPE``: "Weiße Haus" ORG; MISC drops
    a name, "COVID-19"), and nouns that say the name after them is an
    organisation's ("Konzern", "farmacéutica"), compounds included.
``profile.txt``
    The most frequent function words, for language detection.

Models: ``ner.crfsuite`` (``newsum.nlp.languages.ner``) and ``gazetteer.tsv.gz``
(place names, first names and surnames, and for German whole names seen in its
training data: the tagger's list features), ``pos.npz`` (``newsum.nlp.pos`` format) or a
package's tagger (``Language.pos_model`` = ``"hanta:<model>"``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

__all__ = ["Language", "read_lines"]


def read_lines(resource: str) -> list[str]:
    """The entries of a package data file (``data/de/stopwords.txt``): comments
    and blank lines dropped, whitespace trimmed; a missing file is no entries."""
    try:
        raw = resources.files("newsum").joinpath(resource).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return []
    out = []
    for line in raw.splitlines():
        line = line.split(" #", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if line:
            out.append(line)
    return out


@dataclass(frozen=True, eq=False)
class Language:
    """A language newsum reads, with its resources loaded on first use.

    ``code`` is the ISO 639-1 code (``de``), ``name`` the English name sumy and
    NLTK use (``german``), ``stemmer`` the Snowball stemmer's name. ``folder``
    is the data folder inside the package (``data/de``). ``ner_model`` and
    ``pos_model`` are package paths (or ``hanta:<file>`` for the HanTa
    package's own model); ``None`` when the language has none;
    ``ner_uses_pos`` says whether its NER features include those tags. ``overrides``
    replace file-backed resources by functions (English points at the
    existing lists in ``newsum.nlp.text`` and ``newsum.nlp.lexicon`` this way).
    """

    code: str
    name: str
    stemmer: str
    folder: str
    ner_model: str | None = None
    gazetteer: str | None = None
    pos_model: str | None = None
    pos_tagset: str = "upos"
    ner_uses_pos: bool = False
    adjectives_before_nouns: bool = False
    """Whether an adjective only ever comes before its noun (German): a noun
    then an adjective is where one noun phrase ends and the next begins."""
    overrides: dict[str, Callable[[], object]] = field(default_factory=dict, repr=False)

    # ------------------------------------------------------------------ helpers

    def resource(self, name: str) -> str:
        """The package path of one of this language's data files."""
        return f"{self.folder}/{name}"

    def _lines(self, name: str) -> list[str]:
        return read_lines(self.resource(name))

    def _override(self, name: str) -> Any:
        loader = self.overrides.get(name)
        return loader() if loader is not None else None

    # ------------------------------------------------------------------ sentences

    @functools.cached_property
    def abbreviations(self) -> frozenset[str]:
        """Punkt abbreviations: lower case, no final period."""
        given = self._override("abbreviations")
        if given is not None:
            return frozenset(given)
        return frozenset(line.lower().rstrip(".") for line in self._lines("abbreviations.txt"))

    @functools.cached_property
    def ordinal_before(self) -> frozenset[str]:
        """Lower-case words after which ``<number>.`` is an ordinal (``am 16. April``)."""
        return frozenset(w.lower() for w in self._lines("ordinal_before.txt"))

    @functools.cached_property
    def ordinal_nouns(self) -> frozenset[str]:
        """Lower-case nouns an ordinal goes with (``19. Minute``), month names included."""
        return frozenset(w.lower() for w in self._lines("ordinal_nouns.txt")) | self.months

    @functools.cached_property
    def months(self) -> frozenset[str]:
        return frozenset(w.lower().rstrip(".") for w in self._lines("months.txt"))

    # ------------------------------------------------------------------ words

    @functools.cached_property
    def stop_words(self) -> frozenset[str]:
        """Lower-case stop words: every function word of the language."""
        given = self._override("stop_words")
        if given is not None:
            return frozenset(given)
        return frozenset(w.lower() for w in self._lines("stopwords.txt"))

    @functools.cached_property
    def news_nouns(self) -> frozenset[str]:
        """Lower-case words every news story uses and none is about ("Donnerstag",
        "Jahre", "día"): a keyphrase holds none, though they are no stop words
        (a summary sentence needs its "Jahre" and its "día")."""
        given = self._override("news_nouns")
        if given is not None:
            return frozenset(given)
        return frozenset(w.lower() for w in self._lines("news_nouns.txt"))

    @functools.cached_property
    def profile(self) -> tuple[str, ...]:
        """Frequent function words, most frequent first: the language-detection profile."""
        given = self._override("profile")
        if given is not None:
            return tuple(given)
        return tuple(w.lower() for w in self._lines("profile.txt"))

    # ------------------------------------------------------------------ quotes

    @functools.cached_property
    def quote_pairs(self) -> tuple[tuple[str, str], ...]:
        """Quotation marks as (opening, closing) pairs, preferred first."""
        given = self._override("quote_pairs")
        if given is not None:
            return tuple(given)
        pairs = []
        for line in self._lines("quotes.txt"):
            opening, closing = line.split()
            pairs.append((opening, closing))
        return tuple(pairs)

    @functools.cached_property
    def speech_verbs(self) -> frozenset[str]:
        """Lower-case forms of the verbs of saying."""
        given = self._override("speech_verbs")
        if given is not None:
            return frozenset(given)
        return frozenset(w.lower() for w in self._lines("speech_verbs.txt"))

    @functools.cached_property
    def attribution_patterns(self) -> tuple[re.Pattern[str], ...]:
        """Compiled attribution patterns; group ``speaker`` is who speaks.

        ``{VERB}`` matches any speech verb, ``{NAME}`` a capitalised name of one
        to four words (particles such as ``von``/``de`` inside), ``{ROLE}`` a
        title from ``titles`` in any case ("Bundeskanzlerin", "ministra")."""
        verbs = "|".join(sorted((re.escape(v) for v in self.speech_verbs), key=len, reverse=True)) or "(?!)"
        roles = "|".join(sorted((re.escape(t) for t in self.titles), key=len, reverse=True)) or "(?!)"
        upper = r"[^\W\d_a-zß-ÿ]"
        name_word = rf"{upper}[\w'’-]*"
        particles = r"(?:von|van|der|de|del|la|las|los|y|zu|ten|di|da|dos|do)"
        name = rf"{name_word}(?:\s+(?:{particles}\s+)?{name_word}){{0,3}}"
        compiled = []
        for line in self._lines("attribution.txt"):
            pattern = (
                line.replace("{VERB}", rf"(?:{verbs})").replace("{NAME}", name).replace("{ROLE}", rf"(?i:{roles})")
            )
            compiled.append(re.compile(pattern, re.IGNORECASE if "(?i)" in line else 0))
        return tuple(compiled)

    @functools.cached_property
    def pronouns(self) -> dict[str, str]:
        """Third-person subject pronouns, lower case -> ``m`` / ``f`` / ``n``."""
        given = self._override("pronouns")
        if given is not None:
            return dict(given)
        out = {}
        for line in self._lines("pronouns.txt"):
            word, gender = line.split()
            out[word.lower()] = gender
        return out

    @functools.cached_property
    def titles(self) -> frozenset[str]:
        """Lower-case titles, offices and roles (one or more words)."""
        given = self._override("titles")
        if given is not None:
            return frozenset(given)
        return frozenset(w.lower() for w in self._lines("titles.txt"))

    @functools.cached_property
    def title_words(self) -> frozenset[str]:
        """Every single word that heads or ends a title: the NER's role cue."""
        out = set()
        for title in self.titles:
            parts = title.split()
            out.add(parts[0])
            out.add(parts[-1])
        return frozenset(out - self.stop_words)

    @functools.cached_property
    def title_heads(self) -> frozenset[str]:
        """The words a title opens with ("ministra" of "ministra de sanidad"):
        a name after one is a person's. A title's other words do not say so:
        the "Gobierno" of "presidente del gobierno" opens "Gobierno Nacional"."""
        return frozenset(title.split()[0] for title in self.titles) - self.stop_words

    # ------------------------------------------------------------------ actors and media

    @functools.cached_property
    def entity_types(self) -> dict[str, str]:
        """Lower-case names whose type the article cannot show (``entities.txt``:
        "weiße haus" ORG, "estados unidos" LOC; MISC: no actor, "covid-19")."""
        out = {}
        for line in self._lines("entities.txt"):
            name, _, kind = line.rpartition("\t") if "\t" in line else line.rpartition(" ")
            out[name.strip().lower()] = kind.strip()
        return out

    @functools.cached_property
    def org_nouns(self) -> frozenset[str]:
        """Lower-case nouns that make the name after them an organisation's
        (``org_nouns.txt``: "konzern", "farmacéutica")."""
        return frozenset(w.lower() for w in self._lines("org_nouns.txt"))

    @functools.cached_property
    def media(self) -> tuple[frozenset[str], tuple[str, ...]]:
        """Words that name a news medium (``media.txt``), lower case: whole
        words ("times", "diario") and word endings ("-zeitung" as "zeitung")."""
        words = [w.lower() for w in self._lines("media.txt")]
        return (
            frozenset(w for w in words if not w.startswith("-")),
            tuple(w[1:] for w in words if w.startswith("-")),
        )

    def names_medium(self, word: str) -> bool:
        """``word`` is a media word or ends in one ("Times", "Tageszeitung")."""
        whole, endings = self.media
        lower = word.lower()
        return lower in whole or (bool(endings) and lower.endswith(endings))

    @functools.cached_property
    def honorifics(self) -> frozenset[str]:
        """Lower-case forms of address, with and without their period."""
        given = self._override("honorifics")
        words = given if given is not None else self._lines("honorifics.txt")
        out = set()
        for w in words:
            out.add(w.lower())
            out.add(w.lower().rstrip("."))
        return frozenset(out)
