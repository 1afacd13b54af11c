"""Actors: the people, organisations and places a story is about.

Mentions come from the shipped CRF tagger (or, without python-crfsuite, from
capitalised-name rules), with titles and roles ("Foreign Minister Sergei
Lavrov"). Then each article's mentions are resolved into actors, one per
entity, by what the article itself shows:

* a surname or a "Mr." form joins the person named in full ("Lavrov",
  "Mr. Lavrov" -> Sergei Lavrov); when two people share the surname (Joe and
  Hunter Biden) a bare "Biden" goes to the one the article last named in full,
  and stays apart when none was; two full names never merge;
* an acronym joins its expansion when the article pairs them ("National
  Security Council (NSC)") or its initials match; a part of a longer
  organisation's name joins it ("Intelligence Committee");
* a span that runs two names together is split ("European Union Gordon
  Sondland": his role, or the EU, and Gordon Sondland);
* one type per actor, voted over its mentions and overruled by strong cues
  (a title or role, "said" after a name, a given name, "company Burisma",
  "Inc");
* headings, table rows and short title-cased label lines are article text
  but not prose: names in them help resolve the others, but make no actor
  and count no mention.

The quotes stage reads the mention offsets to name speakers.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsum.model import Actor
from newsum.nlp.lexicon import (
    CALENDAR_WORDS,
    COMPANY_SUFFIXES,
    DEMONYMS,
    HONORIFICS,
    KNOWN_ORGS,
    LOC_HEADS,
    MISC_HEADS,
    NON_ACTOR_ACRONYMS,
    ORG_HEADS,
    ORG_NAME_ENDINGS,
    ORG_NOUNS,
    ROLE_MODIFIERS,
    ROLE_WORDS,
    SPEECH_VERBS,
    TITLE_ABBREVIATIONS,
    TITLE_EXPANSIONS,
    countries,
    first_names,
    place_name,
)
from newsum.nlp.text import Sentence, paragraph_spans, stop_words

if TYPE_CHECKING:  # pragma: no cover
    from newsum.nlp.languages import Language

_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*[\w]|[^\W\d_]|\d[\w.,:]*|[^\w\s]")
_CONNECTORS = frozenset({"of", "de", "van", "von", "der", "da", "al", "bin", "del", "la", "du"})
_MAX_ROLE_TOKENS = 8


@dataclass
class Token:
    text: str
    start: int
    end: int
    sentence_start: bool = False
    possessive: bool = False

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper() and self.text[:1].isalpha()


@dataclass
class Mention:
    """One place in the text that names an actor."""

    start: int
    end: int
    name: str
    type: str
    role: str | None = None
    surface: str = ""
    label: bool = False
    """In a heading or a table/list label: context for resolving the others, not a mention."""
    first_token: int = -1
    last_token: int = -1


@dataclass
class ActorIndex:
    """The actors of one article and every mention of them, in text order."""

    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    method: str = "rules"
    """Which recogniser found the mentions: "crf" or "rules"."""
    subjects: dict[str, int] = field(default_factory=dict)
    """Per actor, mentions that open a sentence or come right before a speech verb."""

    def __post_init__(self) -> None:
        self._by_name = {a.name: a for a in self.actors}
        self._starts = [m.start for m in self.mentions]

    def actor(self, name: str) -> Actor | None:
        return self._by_name.get(name)

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        """Mentions inside [start, end); a bisect, since quotes ask per quote."""
        first = bisect.bisect_left(self._starts, start)
        last = bisect.bisect_left(self._starts, end)
        return [m for m in self.mentions[first:last] if m.end <= end]

    def mentions_before(self, offset: int) -> list[Mention]:
        """Mentions starting before ``offset``, in text order."""
        return self.mentions[: bisect.bisect_left(self._starts, offset)]

    def last_before(self, offset: int, kind: str) -> Mention | None:
        """The nearest mention of type ``kind`` ending before ``offset``: what "he" or "it" refers to."""
        for mention in reversed(self.mentions_before(offset)):
            if mention.type == kind and mention.end <= offset:
                return mention
        return None


def tokenize(text: str, sentences: list[Sentence]) -> list[Token]:
    starts = {s.start for s in sentences}
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text):
        word, start, end = match.group(), match.start(), match.end()
        possessive = False
        if word.endswith(("'s", "’s")) and len(word) > 2:
            word, end, possessive = word[:-2], end - 2, True
        elif word.endswith(".") and len(word) > 2 and word.count(".") == 1:
            word, end = word[:-1], end - 1  # sentence-final period glued to a name
        token = Token(word, start, end, possessive=possessive)
        previous = tokens[-1] if tokens else None
        token.sentence_start = start in starts or (
            previous is not None and previous.text in {'"', "“", "‘", "'", "(", ":"} and previous.sentence_start
        )
        tokens.append(token)
    return tokens


def find_actors(
    text: str,
    sentences: list[Sentence],
    language: str = "english",
    exclude: tuple[str, ...] = (),
    method: str = "crf",
    labels: list[tuple[int, int]] | None = None,
) -> ActorIndex:
    """Actors of one article. ``exclude``: names that must not become actors
    (the byline's authors). ``method``: "crf" (the shipped tagger, English) or
    "rules" (capitalised spans and word lists), which is also the fallback
    when python-crfsuite cannot be imported. ``labels``: (start, end) offsets
    of headings and table labels the extractor knows of; short title-cased
    lines and table rows are found here in any case."""
    from newsum.nlp.languages import registered_language

    tokens = tokenize(text, sentences)
    registered = registered_language(language)
    if registered is not None and method == "crf":
        found = _find_actors_in(registered, text, tokens, sentences, exclude, labels)
        if found is not None:
            return found
    lowered = {t.text for t in tokens if t.text.islower()}
    stops = stop_words(language)
    spans: list[tuple[int, int, str | None]] | None = None
    if method == "crf" and language == "english":
        spans = _tagged_spans(tokens, sentences)
    if spans is None:
        method = "rules"
        spans = [(first, last, None) for first, last in _name_spans(tokens, lowered, stops)]
    raw: list[Mention] = []
    for first, last, kind, role in _split_mixed(tokens, spans, text):
        mention = (
            _classify(tokens, first, last, text, lowered, stops)
            if kind is None
            else _typed(tokens, first, last, text, kind, role)
        )
        if mention is not None and mention.name not in exclude:
            mention.surface = text[mention.start : mention.end]
            mention.first_token, mention.last_token = _token_range(tokens, mention, first, last)
            raw.append(mention)
    _mark_labels(raw, text, label_spans(text), labels or [])
    index = resolve(raw, tokens, text)
    index.method = method
    return index


_LABEL_MAX_WORDS = 12
_NAME_MAX_WORDS = 4
_LABEL_ENUMERATOR = re.compile(r"^\(?\d{1,2}[.)]\s+")
_PROSE_END = (".", ",", ";", ":", '"', "”", "’", "'", ")", "…")


def label_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs that are labels, not prose: table rows ("| Studio | 2 movers |")
    and short title-cased lines with no sentence-final punctuation ("Pros &
    Cons", "How Much Does It Cost To Hire Local Movers in NY?", "Seka Moving")."""
    found = []
    for start, end in paragraph_spans(text):
        paragraph = text[start:end]
        if "\n" in paragraph:
            continue
        if paragraph.startswith("|") and paragraph.endswith("|"):
            found.append((start, end))
        elif _title_label(paragraph):
            found.append((start, end))
    return found


def _title_label(line: str) -> bool:
    line = _LABEL_ENUMERATOR.sub("", line.lstrip("-•*# "))
    words = line.split()
    if not words or len(words) > _LABEL_MAX_WORDS or line.endswith(_PROSE_END):
        return False
    if any(ch.isdigit() or ch in ",()" for ch in line):
        return False  # a results line ("Galatasaray 3 Antalyaspor 1") or a list of names, not a heading
    long_words = [w for w in words if sum(ch.isalpha() for ch in w) > 3]
    if not long_words:
        return all(w[:1].isupper() for w in words if w[:1].isalpha())
    return sum(w[:1].isupper() for w in long_words) >= 0.7 * len(long_words)


def _mark_labels(
    mentions: list[Mention], text: str, shaped: list[tuple[int, int]], marked: list[tuple[int, int]]
) -> None:
    """Mentions inside a label line are context, not mentions. ``marked``: the
    page's own headings, whatever they say. ``shaped``: lines that look like
    labels, except those made mostly of names: a name standing alone ("Seka
    Moving") or a line of names ("Austria at Croatia", "Walsall v Wrexham")
    is about those entities, where a heading ("Pros & Cons", "Top Local
    Movers in New York") is mostly words of its own."""
    named: dict[tuple[int, int], int] = {}
    starts = [start for start, _ in shaped]
    for mention in mentions:
        i = bisect.bisect_right(starts, mention.start) - 1
        if i < 0 or mention.end > shaped[i][1]:
            continue
        words = len(mention.surface.split())
        whole = (mention.start, mention.end) == shaped[i]
        # A name is short; a longer line the tagger read as one organisation is a heading ("Pros & Cons").
        if words <= _NAME_MAX_WORDS and not (whole and mention.type == "ORG" and words > 2):
            named[shaped[i]] = named.get(shaped[i], 0) + words
    shaped = [(s, e) for s, e in shaped if 2 * named.get((s, e), 0) < len(text[s:e].split())]
    spans = sorted([*shaped, *marked])
    starts = [start for start, _ in spans]
    for mention in mentions:
        i = bisect.bisect_right(starts, mention.start) - 1
        if i >= 0 and spans[i][0] <= mention.start and mention.end <= spans[i][1]:
            mention.label = True


def _token_range(tokens: list[Token], mention: Mention, first: int, last: int) -> tuple[int, int]:
    """Token indices of the mention's own words (a title cut off the span is not among them)."""
    while first < last and tokens[first].start < mention.start:
        first += 1
    while last > first and tokens[last].end > mention.end:
        last -= 1
    return first, last


def _tagged_spans(
    tokens: list[Token], sentences: list[Sentence], language: Language | None = None
) -> list[tuple[int, int, str | None]] | None:
    """Entity spans from the CRF tagger (English's, or ``language``'s), as
    (first, last, type) token indices; None when the tagger is not available.
    A possessive "'s" is its own token for the tagger, as in its training data."""
    from collections.abc import Callable

    tag_sentences: Callable[[list[list[str]]], list[list[str]]]
    if language is not None:
        from newsum.nlp.languages.ner import tag_sentences as tag_in

        def tag_sentences(words: list[list[str]]) -> list[list[str]]:
            return tag_in(words, language)
    else:
        from newsum.nlp.ner import tag_sentences as tag_english

        tag_sentences = tag_english
    groups: list[list[int]] = []
    bounds = [(s.start, s.end) for s in sentences]
    b = 0
    for index, token in enumerate(tokens):
        while b + 1 < len(bounds) and token.start >= bounds[b][1]:
            b += 1
        if not groups or groups[-1][0] != b:
            groups.append([b])
        groups[-1].append(index)
    words: list[list[str]] = []
    owners: list[list[int]] = []
    for group in groups:
        sentence_words, sentence_owners = [], []
        for index in group[1:]:
            sentence_words.append(tokens[index].text)
            sentence_owners.append(index)
            if tokens[index].possessive:
                sentence_words.append("'s")
                sentence_owners.append(-1)
        words.append(sentence_words)
        owners.append(sentence_owners)
    try:
        tags = tag_sentences(words)
    except RuntimeError:  # python-crfsuite missing: the rules take over
        return None
    spans: list[tuple[int, int, str | None]] = []
    for sentence_tags, sentence_owners in zip(tags, owners, strict=False):
        start: int | None = None
        kind = ""
        for position, tag in enumerate([*sentence_tags, "O"]):
            owner = sentence_owners[position] if position < len(sentence_owners) else -1
            inside = tag.startswith("I-") and tag[2:] == kind and start is not None and owner != -1
            if inside:
                end = owner
                continue
            if start is not None:
                spans.append((start, end, kind))
                start = None
            if tag != "O" and owner != -1:
                start, end, kind = owner, owner, tag[2:]
    return [span for span in spans if span[2] in {"PER", "ORG", "LOC"}]


def _split_mixed(
    tokens: list[Token], spans: list[tuple[int, int, str | None]], text: str
) -> list[tuple[int, int, str | None, str | None]]:
    """Spans that run two names together, split: "European Union Gordon
    Sondland" (an organisation or place, then a given name and a surname) and
    "International Tennis Federation and Kosmos". When a title stands before
    the first part ("Ambassador to the European Union Gordon Sondland"), that
    part belongs to the person's role and is no actor of its own. Yields
    (first, last, type, role) with role None unless found here."""
    out: list[tuple[int, int, str | None, str | None]] = []
    for first, last, kind in spans:
        if kind == "MISC":
            continue
        cut = _person_after_name(tokens, first, last) if last - first >= 2 else None
        if cut is not None:
            role_start = _role_before(tokens, first)
            if role_start is not None:
                out.append((cut, last, "PER", text[tokens[role_start].start : tokens[cut - 1].end]))
            else:
                left = " ".join(t.text for t in tokens[first:cut])
                out.append((first, cut - 1, "LOC" if place_name(left) else "ORG", None))
                out.append((cut, last, "PER", None))
            continue
        joint = _joined_names(tokens, first, last) if kind in {"ORG", "LOC"} else None
        if joint is not None:
            out.append((first, joint - 1, kind, None))
            out.append((joint + 1, last, kind, None))
            continue
        out.append((first, last, kind, None))
    return out


def _person_after_name(tokens: list[Token], first: int, last: int) -> int | None:
    """Where a person's name (a given name, then one or two capitalised words)
    starts after a known organisation or place inside one span."""
    names = first_names()
    for cut in range(first + 1, last):
        person = tokens[cut : last + 1]
        if len(person) > 3 or tokens[cut].text.lower() not in names or tokens[cut - 1].text.lower() in names:
            continue
        if not all(t.capitalised and t.text.lower() not in ORG_HEADS | LOC_HEADS for t in person):
            continue
        left = [t.text for t in tokens[first:cut]]
        name = " ".join(left)
        if (
            place_name(name)
            or name in KNOWN_ORGS
            or _is_acronym(name)
            or (len(left) > 1 and left[-1].lower() in ORG_HEADS)
        ):
            return cut
    return None


def _role_before(tokens: list[Token], first: int) -> int | None:
    """Index of a title that governs the name at ``first``: "Ambassador to the | European Union"."""
    i = first - 1
    if i >= 0 and tokens[i].text.lower() == "the":
        i -= 1
    if i < 1 or tokens[i].text.lower() not in {"to", "of", "for", "at"}:
        return None
    i -= 1
    if tokens[i].text.lower() not in ROLE_WORDS:
        return None
    while i > 0 and (
        tokens[i - 1].text.lower() in ROLE_MODIFIERS - {"the", "and", "to", "for", "of"}
        or tokens[i - 1].text in countries()
        or tokens[i - 1].text in DEMONYMS
        or tokens[i - 1].text in {"U.S", "U.S."}
    ):
        i -= 1
    return i


def _joined_names(tokens: list[Token], first: int, last: int) -> int | None:
    """The "and" between two names in one span: the name before it ends in a
    head word ("Federation", "Bank"), so it is complete ("Procter and Gamble" is not split)."""
    for j in range(first + 1, last):
        if tokens[j].text in {"and", "&"} and tokens[j + 1].capitalised:
            before = tokens[j - 1].text.lower()
            if before in ORG_HEADS or before in LOC_HEADS:
                return j
    return None


def _typed(tokens: list[Token], first: int, last: int, text: str, kind: str, role: str | None = None) -> Mention | None:
    """A span the tagger typed: add the role, canonical place names, and the
    few corrections its 1996 training data needs ("Kremlin" is ORG here)."""
    following = tokens[last + 1] if last + 1 < len(tokens) else None
    if following is not None and following.capitalised and following.text.lower() in MISC_HEADS:
        return None  # "Winter" of "Winter Olympics"
    # Take in a title the tagger left outside the span or cut in half:
    # "US Secretary of | State Antony Blinken".
    tagged_first = first
    while role is None and kind != "LOC" and first > 0 and _title_word(tokens[first - 1]) and last > first:
        first -= 1
    span = tokens[first : last + 1]
    words = [t.text for t in span]
    abbreviated = _abbreviated_title(tokens, first)
    while words and words[0].lower().rstrip(".") in HONORIFICS | TITLE_ABBREVIATIONS:
        abbreviated = TITLE_EXPANSIONS.get(words[0].lower().rstrip("."), abbreviated)
        span, words = span[1:], words[1:]
        kind = "PER"
    if not words:
        return None
    # A title opens a person's name, never a company's ("General Motors").
    titled = (kind == "PER" or first < tagged_first) and _head(words).lower() not in ORG_HEADS
    cut = _title_end(words) if titled else None
    if cut is not None and cut < len(words):
        return Mention(span[cut].start, span[-1].end, " ".join(words[cut:]), "PER", _role_text(span[:cut], text))
    if first < tagged_first:  # no title after all ("American Tom Johnson"): the tagger's span
        span, words, first = span[tagged_first - first :], words[tagged_first - first :], tagged_first
    while words and (not (words[0][:1].isupper() or words[0][:1].isdigit()) or words[0] in {"The", "A", "An"}):
        span, words = span[1:], words[1:]  # title words taken in but no title found; "The"
    if not words:
        return None
    name = " ".join(words)
    start, end = span[0].start, span[-1].end
    if name in NON_ACTOR_ACRONYMS or words[-1].lower() in MISC_HEADS:
        return None
    if name in KNOWN_ORGS:
        kind = "ORG"
    if kind == "LOC":
        # The tokenizer leaves the final period off "U.S.": try it with one.
        return Mention(start, end, place_name(name) or place_name(name + ".") or name, "LOC")
    if kind == "PER":
        return Mention(start, end, name, "PER", role or _context_role(tokens, first, last, text) or abbreviated)
    return Mention(start, end, name, kind)


def _abbreviated_title(tokens: list[Token], first: int) -> str | None:
    """The role an abbreviated title right before a name stands for: "Gov. Chris Christie" -> Governor."""
    before = first - 1
    if before >= 0 and tokens[before].text == ".":
        before -= 1
    return TITLE_EXPANSIONS.get(tokens[before].text.lower().rstrip(".")) if before >= 0 else None


def _title_word(token: Token) -> bool:
    """A word that can sit inside a capitalised title: "Secretary", "of", "Foreign"."""
    low = token.text.lower()
    if low in {"the", "a", "an", "and", "to", "for"} or token.possessive:
        return False
    return token.text == "of" or (
        token.capitalised
        and (low in ROLE_WORDS or low in ROLE_MODIFIERS or token.text in DEMONYMS or token.text in countries())
    )


def _name_spans(tokens: list[Token], lowered: set[str], stops: frozenset[str]) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens (with "of"/"de"... inside), as index pairs."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if not _can_start(tokens[i], lowered, stops):
            i += 1
            continue
        j = i
        while not tokens[j].possessive and j + 1 < len(tokens):
            nxt = tokens[j + 1]
            if nxt.capitalised and not nxt.sentence_start and nxt.text not in CALENDAR_WORDS:
                j += 1
            elif (
                nxt.text in _CONNECTORS
                and j + 2 < len(tokens)
                and tokens[j + 2].capitalised
                and not tokens[j + 2].sentence_start
            ):
                j += 2
            else:
                break
        spans.append((i, j))
        i = j + 1
    return spans


def _can_start(token: Token, lowered: set[str], stops: frozenset[str]) -> bool:
    if not token.capitalised or token.text in CALENDAR_WORDS:
        return False
    if token.text.lower() in HONORIFICS:
        return True
    if token.sentence_start and (token.text.lower() in ROLE_WORDS or token.text.lower() in ROLE_MODIFIERS - stops):
        return True  # "Prime Minister Ephraim Inoni, who …" opening a sentence
    if token.sentence_start:
        # "The", "While", "Their" start sentences; a word the article also writes
        # in lower case is a common word, not a name.
        low = token.text.lower()
        return low not in stops and low not in lowered
    return True


def _classify(
    tokens: list[Token], first: int, last: int, text: str, lowered: set[str], stops: frozenset[str]
) -> Mention | None:
    """Type one capitalised span. ``lowered``: words the article also writes in
    lower case, which real names almost never are ("Human Rights", "History Boys")."""
    span = tokens[first : last + 1]
    words = [t.text for t in span]
    role_words: list[Token] = []
    honorific = False
    # Split a leading title off the name: "US Secretary of State | Antony Blinken"
    # (but "General Motors" is a company, not General Motors the officer).
    cut = _title_end(words) if _head(words).lower() not in ORG_HEADS else None
    if cut is not None:
        role_words, span, words = span[:cut], span[cut:], words[cut:]
    while words and words[0].lower().rstrip(".") in HONORIFICS | TITLE_ABBREVIATIONS:
        honorific = True
        span, words = span[1:], words[1:]
    while words and (
        words[0].lower() in _CONNECTORS
        or (words[0].lower() in stops and not words[0].isupper())  # "After Tim Henman", not "US"
        or (span[0].sentence_start and words[0].endswith("ing"))  # "Describing Mr Jackson"
        or (words[0] in DEMONYMS and len(words) > 1 and not role_words)
    ):
        span, words = span[1:], words[1:]
    if not words:
        return None
    name = " ".join(words)
    start, end = span[0].start, span[-1].end
    role = _role_text(role_words, text) if role_words else _context_role(tokens, first, last, text)
    after = tokens[last + 1].text.lower() if last + 1 < len(tokens) else ""
    if words[-1].lower() in MISC_HEADS or words[-1] in DEMONYMS or name in NON_ACTOR_ACRONYMS:
        return None
    if role or honorific:
        return Mention(start, end, name, "PER", role)
    place = place_name(name) if not _CONNECTORS.intersection(words) else None
    if place:
        return Mention(start, end, place, "LOC")
    if name in KNOWN_ORGS or _head(words).lower() in ORG_HEADS or _is_acronym(name):
        return Mention(start, end, name, "ORG")
    if words[-1].lower() in LOC_HEADS and len(words) > 1:
        return Mention(start, end, name, "LOC")
    # A place as the last word ("Real Madrid", "Santa Barbara") is no surname.
    if len(words) >= 2 and all(_name_like(w, lowered) for w in words) and not place_name(words[-1]):
        return Mention(start, end, name, "PER")
    if after in SPEECH_VERBS:
        return Mention(start, end, name, "PER")
    # A lone unknown capitalised word: kept only if it later merges with a full name.
    return Mention(start, end, name, "?")


def _head(words: list[str]) -> str:
    """The head word: "Bank" in "Bank of England", else the last word."""
    return next((words[i - 1] for i, w in enumerate(words) if w in _CONNECTORS and i > 0), words[-1])


def _name_like(word: str, lowered: set[str]) -> bool:
    return (
        word[:1].isupper()
        and not word.isupper()
        and word.lower() not in lowered
        and word.replace("-", "").replace("'", "").isalpha()
    )


def _title_end(words: list[str]) -> int | None:
    """Index where the name starts after a leading title, if the span has one."""
    cut = None
    i = 0
    while i < len(words):
        low = words[i].lower()
        if low in ROLE_WORDS:
            cut = i + 1
            # "Secretary of State", "Minister of Defence": the "of X" is the title's.
            if i + 2 < len(words) and words[i + 1] == "of":
                cut = i + 3
                i += 2
        elif cut is None and not (low in ROLE_MODIFIERS or words[i] in DEMONYMS or words[i] in countries()):
            return None
        i += 1
    if cut is None or cut >= len(words):
        return cut if cut is not None and cut >= len(words) else None
    return cut


def _role_text(role_tokens: list[Token], text: str) -> str:
    return text[role_tokens[0].start : role_tokens[-1].end]


def _context_role(tokens: list[Token], first: int, last: int, text: str) -> str | None:
    """A title written around the name: "Belarusian leader X", "The US
    ambassador to Moscow, X," or "X, Russia's foreign minister,"."""
    # Directly before: lower-case title words ("leader", "foreign minister").
    i = first - 1
    taken: list[Token] = []
    while i >= 0 and len(taken) < _MAX_ROLE_TOKENS and tokens[i].text not in {",", ".", '"', "“", "”"}:
        word = tokens[i].text
        if (
            word.lower() in ROLE_WORDS
            or word.lower() in ROLE_MODIFIERS
            and taken
            or word in DEMONYMS
            or (tokens[i].possessive and taken)
        ):
            if word.lower() in {"the", "of", "and", "to", "for"}:
                break
            taken.insert(0, tokens[i])
            i -= 1
            continue
        break
    if any(t.text.lower() in ROLE_WORDS for t in taken):
        return _role_text(taken, text)
    # Appositive before: "The US ambassador to Moscow, John Sullivan,"
    if first > 0 and tokens[first - 1].text == ",":
        clause = _clause_before(tokens, first - 1)
        if clause and any(t.text.lower() in ROLE_WORDS for t in clause):
            return _role_text(clause, text)
    # Appositive after: "Sergei Lavrov, Russia's foreign minister,"
    if last + 1 < len(tokens) and tokens[last + 1].text == ",":
        clause = _clause_after(tokens, last + 1)
        if clause and any(t.text.lower() in ROLE_WORDS for t in clause):
            return _role_text(clause, text)
    return None


def _clause_before(tokens: list[Token], comma: int) -> list[Token]:
    i = comma - 1
    clause: list[Token] = []
    while i >= 0 and tokens[i].text not in {",", ".", '"', "“", "”", ";"} and len(clause) <= _MAX_ROLE_TOKENS:
        clause.insert(0, tokens[i])
        if tokens[i].sentence_start:
            break
        i -= 1
    if len(clause) > _MAX_ROLE_TOKENS or any(t.text.lower() in SPEECH_VERBS for t in clause):
        return []
    while clause and clause[0].text.lower() in {"the", "a", "an"}:
        clause = clause[1:]
    return clause


def _clause_after(tokens: list[Token], comma: int) -> list[Token]:
    i = comma + 1
    clause: list[Token] = []
    while i < len(tokens) and tokens[i].text not in {",", ".", '"', "“", "”", ";"} and len(clause) <= _MAX_ROLE_TOKENS:
        if tokens[i].text.lower() in SPEECH_VERBS:
            return []
        clause.append(tokens[i])
        i += 1
    if len(clause) > _MAX_ROLE_TOKENS or (i < len(tokens) and tokens[i].text not in {",", "."}):
        return []
    while clause and clause[0].text.lower() in {"the", "a", "an"}:
        clause = clause[1:]
    return clause


def _is_acronym(name: str) -> bool:
    letters = name.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


# --- resolution: mentions -> actors ------------------------------------------------

_ORG_LINKS = frozenset({"of", "and", "for", "the", "&", "on", "in", "de", "du", "des", "la", "le"})
_APPOSITION_PERSON = re.compile(r"^,\s+(?:the|a|an)\s+(?:\d+-year-old|[A-Z][a-z]+(?:-born)?)\b(?!\s+[A-Z])")
_APPOSITION_ORG = re.compile(r"^,\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,2}(company|firm|group|corporation|bank)\b")


def resolve(
    raw: list[Mention],
    tokens: list[Token],
    text: str,
    after_org_noun: set[str] | None = None,
    loose_acronyms: bool = True,
) -> ActorIndex:
    """One actor per entity (see the module docstring). ``raw``: every mention
    in text order, label mentions included; only prose mentions are counted.
    ``after_org_noun``: the words that follow a noun naming an organisation
    ("energy company Burisma"); English's are found here, other languages
    bring their own (``_after_org_nouns_in``). ``loose_acronyms``: any
    name but an acronym pairs with the acronym in brackets next to it. Other
    languages say no: Spanish copy writes a person's party or country there
    ("Matías González (PSOE)", "Andrei Pavel (RUM)") and spells out what a
    name is ("Síndrome Respiratorio de Oriente Medio (MERS)"), so a pair
    needs a name that is not a person's, whose initials open with the
    acronym's first letter. English keeps the loose pairing it was measured
    with: on eng.testa the strict one changes a single case, for the worse
    (an organisation its tagger typed PER, "World Boxing Council (WBC)")."""
    resolved = _resolve_names(raw, tokens, text, loose_acronyms)
    by_name: dict[str, list[Mention]] = {}
    for mention in resolved:
        by_name.setdefault(mention.name, []).append(mention)
    actors: list[Actor] = []
    subjects: dict[str, int] = {}
    if after_org_noun is None:
        # Words written right after "company", "firm", "Kyiv-based"... anywhere,
        # tagged there or not: "energy company Burisma".
        after_org_noun = {
            tokens[i + 1].text
            for i in range(len(tokens) - 1)
            if tokens[i + 1].capitalised and (tokens[i].text.lower() in ORG_NOUNS or tokens[i].text.endswith("-based"))
        }
    for name, group in by_name.items():
        prose = [m for m in group if not m.label]
        kind = _vote_type(name, group, tokens, text, name.split()[0] in after_org_noun)
        if not prose or kind is None:
            continue
        name = _display_name(name, kind, prose)
        for mention in group:
            mention.type, mention.name = kind, name
        roles = [m.role for m in prose if m.role] or [m.role for m in group if m.role]
        aliases = sorted({m.surface for m in prose if m.surface and m.surface != name})
        actors.append(
            Actor(
                name=name,
                type=kind,
                mentions=len(prose),
                role=roles[0] if kind == "PER" and roles else None,
                aliases=aliases,
                first_offset=prose[0].start,
            )
        )
        subjects[name] = sum(_subject(m, tokens) for m in prose)
    kept = {a.name for a in actors}
    mentions = [m for m in resolved if not m.label and m.name in kept]
    actors.sort(key=lambda a: (-a.mentions, a.first_offset))
    return ActorIndex(actors=actors, mentions=mentions, subjects=subjects)


def _display_name(name: str, kind: str, prose: list[Mention]) -> str:
    """An organisation goes by its acronym when the article mostly does
    ("IMF", with "International Monetary Fund" among its aliases), else by its full name."""
    if kind != "ORG" or _is_acronym(name):
        return name
    short = [m.surface for m in prose if _is_acronym(m.surface)]
    if len(short) * 2 > len(prose):
        return max(set(short), key=lambda form: (short.count(form), form))
    return name


def _resolve_names(raw: list[Mention], tokens: list[Token], text: str, loose_acronyms: bool = True) -> list[Mention]:
    """Each mention renamed to the entity it refers to; unresolvable lone words
    of unknown type ("?") are dropped."""
    people = _full_people(raw)
    organisations = _organisations(raw)
    expansions = _acronym_expansions(raw, organisations, tokens, loose_acronyms)
    by_surname: dict[str, set[str]] = {}
    by_given: dict[str, set[str]] = {}
    for full in set(people.values()):
        words = full.split()
        by_surname.setdefault(words[-1], set()).add(full)
        by_given.setdefault(words[0], set()).add(full)
    paragraphs = [start for start, _ in paragraph_spans(text)]
    last_full: dict[str, tuple[str, int]] = {}
    ambiguous: set[str] = set()
    longer: dict[str, str | None] = {}
    out: list[Mention] = []
    for i, mention in enumerate(raw):
        name, kind = mention.name, mention.type
        words = name.split()
        paragraph = bisect.bisect_right(paragraphs, mention.start)
        if name in people:
            name = people[name]
            surname = name.split()[-1]
            previous = last_full.get(surname)
            if surname in ambiguous or (previous and previous[0] != name and previous[1] == paragraph):
                # "Joe and Hunter Biden", "John Smith met Jane Smith": both named at once
                ambiguous.discard(surname)
                last_full.pop(surname, None)
            else:
                last_full[surname] = (name, paragraph)
        elif len(words) == 1 and (kind != "LOC" or place_name(name) is None) and not _is_acronym(name):
            joint = _coordinated(raw, i, tokens)  # "Joe and Hunter Biden": Joe Biden
            if joint is not None and joint in people:
                name = people[joint]
                ambiguous.add(joint.split()[-1])
            elif name in by_surname and (kind != "ORG" or name not in KNOWN_ORGS):
                surname = name
                name = _bearer(name, by_surname[name], last_full.get(name), paragraph, mention, tokens, text)
                if name != surname and len(by_surname[surname]) > 1:
                    last_full[surname] = (name, paragraph)  # the chain of "Biden"s goes on
            elif name in by_given and len(by_given[name]) == 1 and kind != "ORG" and name not in by_surname:
                name = next(iter(by_given[name]))  # "Xi" -> "Xi Jinping"
        if (
            name == mention.name
            and name not in people
            and (kind in {"ORG", "?"} or (kind == "PER" and len(words) == 1 and name not in by_surname))
        ):
            if name not in longer:  # one look per distinct name: the text may name thousands
                longer[name] = _longer_organisation(words, organisations)
            name = expansions.get(name) or longer[name] or name
            if name != mention.name:
                kind = "ORG"
        if name == mention.name and kind == "?":
            parts = [o for o in organisations if name in o.split()]
            if not parts:
                continue  # a lone unknown capitalised word that joined no one
            kind = "ORG"  # part of organisations' names ("Disney Channel", "Walt Disney Co")
        if name != mention.name and name in people.values():
            kind = "PER"
        renamed = Mention(mention.start, mention.end, name, kind, mention.role, mention.surface, mention.label)
        renamed.first_token, renamed.last_token = mention.first_token, mention.last_token
        out.append(renamed)
    return out


_PRONOUN = re.compile(r"\b(he|his|him|she|her)\b", re.IGNORECASE)


def _bearer(
    surname: str,
    candidates: set[str],
    last: tuple[str, int] | None,
    paragraph: int,
    mention: Mention,
    tokens: list[Token],
    text: str,
) -> str:
    """Which of the people with this surname a bare "Biden" is. One: that one.
    Several: those the text's gender cues allow ("Mr.", "she said"); then the
    one the article last named, in full or by a "Biden" resolved so, if that
    was in this paragraph or the one before; else nobody: "Biden" stays
    apart. (Farther back, the last one named in full is often not the one
    meant: "Trump's plan" three paragraphs after "Ivanka Trump".)"""
    if len(candidates) == 1:
        return next(iter(candidates))
    if mention.first_token > 0 and tokens[mention.first_token - 1].text.lower() in {"the", "a", "an"}:
        return surname  # "the Trump campaign": a name used as a modifier says nothing of which Trump
    gender = _gender_near(mention, tokens, text)
    names = first_names()
    allowed = sorted(c for c in candidates if gender is None or names.get(c.split()[0].lower(), gender) == gender)
    if len(allowed) == 1:
        return allowed[0]
    if last is not None and last[0] in allowed and paragraph - last[1] <= 1:
        return last[0]
    return surname


def _gender_near(mention: Mention, tokens: list[Token], text: str) -> str | None:
    """ "m" or "f" from an honorific before the name ("Mr. Biden") or the first
    personal pronoun after it in its sentence; None when the text says neither."""
    first = mention.first_token
    if first > 0:
        before = tokens[first - 1].text.lower().rstrip(".")
        if before in {"mr", "sir", "lord"}:
            return "m"
        if before in {"mrs", "ms", "miss", "dame", "lady"}:
            return "f"
    end = mention.last_token + 1
    while end < len(tokens) and not tokens[end].sentence_start and end - mention.last_token < 30:
        end += 1
    stop = tokens[end - 1].end if end > mention.last_token + 1 else mention.end
    found = _PRONOUN.search(text, mention.end, stop)
    if found is None:
        return None
    return "m" if found.group(1).lower() in {"he", "his", "him"} else "f"


def _full_people(raw: list[Mention]) -> dict[str, str]:
    """Full personal names (two words or more, typed PER somewhere or led by
    a given name) -> the fullest form of that name: "George Bush" ->
    "George W. Bush" when both first and last words agree."""
    names = first_names()
    found: dict[str, int] = {}
    for mention in raw:
        words = mention.name.split()
        if len(words) < 2 or mention.type == "LOC" or _has_head(words):
            continue
        if mention.type == "PER" or _personal_name(words):
            found[mention.name] = max(found.get(mention.name, 0), len(words))
    canonical = {name: name for name in found}
    for name in found:
        words = name.split()
        longer = [
            other
            for other in found
            if len(other.split()) > len(words)
            and other.split()[0] == words[0]
            and other.split()[-1] == words[-1]
            and _subsequence(words, other.split())
        ]
        if len(longer) == 1:
            canonical[name] = longer[0]
    # A name with words before a person's full name that are no given name is
    # that person, decorated: "Crooked Hillary Clinton", "Republican Donald Trump".
    for mention in raw:
        words = mention.name.split()
        if len(words) < 3 or mention.type == "LOC":
            continue
        for k in range(1, len(words) - 1):
            core = " ".join(words[k:])
            if core in found and not any(w.lower() in names for w in words[:k]):
                canonical[mention.name] = canonical.get(core, core)
                break
    return canonical


def _has_head(words: list[str]) -> bool:
    return any(w.lower() in ORG_HEADS or w.lower() in LOC_HEADS for w in words[1:])


def _subsequence(short: list[str], long: list[str]) -> bool:
    rest = iter(long)
    return all(word in rest for word in short)


def _organisations(raw: list[Mention]) -> list[str]:
    """Names of two words or more typed ORG somewhere, longest first."""
    names = {m.name for m in raw if m.type == "ORG" and len(m.name.split()) > 1}
    return sorted(names, key=lambda n: (-len(n.split()), n))


def _longer_organisation(words: list[str], organisations: list[str]) -> str | None:
    """The one longer organisation's name this one is a part of: its start
    ("National Security" in "National Security Council"), its end, with the
    same head ("Intelligence Committee" in "House Intelligence Committee"),
    or one distinctive word before its head ("Disney" in "Walt Disney Co";
    "House" alone is not the White House). A head word alone
    ("Council") is too vague, and a whole name inside a longer span ("National
    Security Council" in "White House National Security Council Ukraine") is
    a name of its own."""
    n = len(words)
    if n == 1 and (words[0].lower() in ORG_HEADS or not words[0][:1].isupper()):
        return None
    found = []
    for name in organisations:
        other = name.split()
        if len(other) <= n:
            continue
        if n == 1:
            # Not its head ("the House" is not the White House), unless the longer
            # name is a person's the tagger mistook ("Opelka" of "Reilly Opelka").
            part = words[0] in other[:-1] or (other[-1] == words[0] and len(other) <= 3 and _name_shaped(other))
        else:
            part = other[-n:] == words or (other[:n] == words and words[-1].lower() not in ORG_HEADS)
        if part:
            found.append(name)
    if len(found) == 1:
        return found[0]
    shortest = [f for f in found if len(f.split()) == min((len(x.split()) for x in found), default=0)]
    return shortest[0] if len(shortest) == 1 else None


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper() and w.lower() not in _ORG_LINKS)


def _acronym_expansions(
    raw: list[Mention], organisations: list[str], tokens: list[Token], loose_acronyms: bool = True
) -> dict[str, str]:
    """Acronym -> the organisation it stands for: paired in the text ("National
    Security Council (NSC)", "NSC (National Security Council)"), else the one
    organisation of the article whose initials it is."""
    pairs: dict[str, str] = {}
    for a, b in zip(raw, raw[1:], strict=False):
        between = tokens[a.last_token + 1 : b.first_token] if a.last_token >= 0 and b.first_token >= 0 else []
        if [t.text for t in between] != ["("]:
            continue
        for long, short in ((a, b), (b, a)):
            if (
                _is_acronym(short.name)
                and len(long.name.split()) > 1
                and not _is_acronym(long.name)
                and (loose_acronyms or (long.type != "PER" and _initials(long.name)[:1] == short.name[:1]))
            ):
                pairs.setdefault(short.name.replace(".", ""), long.name)
    initials: dict[str, set[str]] = {}
    for name in organisations:
        initials.setdefault(_initials(name), set()).add(name)
    out: dict[str, str] = {}
    for mention in raw:
        if not _is_acronym(mention.name) or mention.type == "LOC" or place_name(mention.name):
            continue
        key = mention.name.replace(".", "")
        if key in pairs:
            out[mention.name] = pairs[key]
        elif len(initials.get(key, ())) == 1:
            out[mention.name] = next(iter(initials[key]))
    return out


def _coordinated(raw: list[Mention], i: int, tokens: list[Token]) -> str | None:
    """ "Joe and Hunter Biden": the given name before "and" shares the surname after."""
    mention = raw[i]
    if i + 1 >= len(raw) or mention.last_token < 0 or mention.name.lower() not in first_names():
        return None
    following = raw[i + 1]
    words = following.name.split()
    between = [t.text for t in tokens[mention.last_token + 1 : following.first_token]]
    if between == ["and"] and len(words) == 2 and following.type == "PER":
        return f"{mention.name} {words[-1]}"
    return None


def _vote_type(
    name: str, group: list[Mention], tokens: list[Token], text: str, after_org_noun: bool = False
) -> str | None:
    """One type per actor: the tagger's votes over its mentions, overruled by
    strong cues in the article when there are any: a title, a role or an
    honorific, a given name, or a speech verb right after a full name's
    mention say person; "company Burisma", "Burisma, the company",
    "Kyiv-based Burisma" or a company suffix say organisation."""
    votes = {"PER": 0, "ORG": 0, "LOC": 0}
    said = 0
    cues = {"PER": 0, "ORG": 0, "LOC": 0}
    for mention in group:
        if mention.type in votes:
            votes[mention.type] += 1
    words = name.split()
    known = (
        name in KNOWN_ORGS
        or _is_acronym(name)
        or place_name(name) is not None
        or any(w.lower() in ORG_HEADS or w.lower() in LOC_HEADS for w in words)
    )
    if _personal_name(words) and not known and not votes["LOC"]:
        cues["PER"] += 1
    if words[-1].lower() in COMPANY_SUFFIXES or name in KNOWN_ORGS or after_org_noun:
        cues["ORG"] += 1
    if len(words) > 1 and words[-1].lower() in ORG_NAME_ENDINGS:
        cues["ORG"] += 1
    for mention in group:
        if mention.role:
            cues["PER"] += 1
        first, last = mention.first_token, mention.last_token
        if first < 0:
            continue
        before = tokens[first - 1].text if first > 0 else ""
        if before.lower().rstrip(".") in HONORIFICS:
            cues["PER"] += 1
        after = text[mention.end : mention.end + 40]
        if _APPOSITION_ORG.match(after):
            cues["ORG"] += 1
        elif _APPOSITION_PERSON.match(after) and not known:
            cues["PER"] += 1
        if not known and last + 1 < len(tokens) and tokens[last + 1].text.lower() in SPEECH_VERBS:
            said += 1
    if max(votes.values()) == 0 and max(cues.values()) == 0:
        return None
    if place_name(name) is not None or votes["LOC"] > votes["PER"] + votes["ORG"]:
        cues = {"PER": 0, "ORG": 0, "LOC": 0}  # "Miami-based Florida ...": the tagger knows its places
    elif said and len(words) > 1 and _name_shaped(words):
        cues["PER"] += 1  # "Opelka said" of a Reilly Opelka: a full name that speaks
    place = _is_place(words)
    # A tie between organisation and place goes to the place when the name is one ("Toronto").
    return max(("PER", "ORG", "LOC"), key=lambda t: (cues[t], votes[t], place and t == "LOC", t == "PER"))


def _personal_name(words: list[str]) -> bool:
    """Two or three words led by a given name, none of them a place or lower
    case, the last no plural: "Reilly Opelka", not "Houston Astros", "Dynamo
    Moscow" or "Gazzetta dello Sport"."""
    if not 2 <= len(words) <= 3 or words[0].lower() not in first_names() or words[-1].endswith("s"):
        return False
    return _name_shaped(words)


def _name_shaped(words: list[str]) -> bool:
    """Words as a person's name is written: capitalised, not in capitals, no place among them."""
    from newsum.nlp.ner import gazetteer

    places = gazetteer()
    return all(
        w[:1].isupper() and not w.isupper() and w.replace("-", "").isalpha() and (w.lower(),) not in places
        for w in words
    )


def _is_place(words: list[str]) -> bool:
    from newsum.nlp.ner import gazetteer

    return place_name(" ".join(words)) is not None or tuple(w.lower() for w in words) in gazetteer()


def _subject(mention: Mention, tokens: list[Token]) -> bool:
    """A mention that opens its sentence or comes right before a speech verb."""
    if mention.first_token < 0:
        return False
    after = tokens[mention.last_token + 1].text.lower() if mention.last_token + 1 < len(tokens) else ""
    return tokens[mention.first_token].sentence_start or after in SPEECH_VERBS


def rank(index: ActorIndex, quoted: dict[str, int], length: int) -> list[Actor]:
    """The actors by salience, each with its score (in [0, 1], 1 = the most
    salient): mentions, a key quote as two mentions, half a mention for each
    time the actor is a sentence's subject or says something, and up to two
    for being named early (the lead says who the story is about)."""
    raw = {}
    for actor in index.actors:
        early = 2.0 * (1.0 - actor.first_offset / length) if length else 0.0
        raw[actor.name] = (
            actor.mentions + 2 * quoted.get(actor.name, 0) + 0.5 * index.subjects.get(actor.name, 0) + early
        )
    top = max(raw.values(), default=0.0) or 1.0
    for actor in index.actors:
        actor.salience = round(raw[actor.name] / top, 4)
    return sorted(index.actors, key=lambda a: (-raw[a.name], a.first_offset))


# ---------------------------------------------------------------- other languages
#
# German, Spanish and any language registered after them: mentions from the
# language's CRF (`newsum.nlp.languages.ner`), titles and roles from its lists
# ("Bundeskanzler Olaf Scholz", "la ministra de Sanidad, Carolina Darias"),
# forms of address, its place names and its known entity types
# (``entities.txt``: "Weiße Haus" ORG, "Estados Unidos" LOC), then the same
# resolution and ranking as English.

_ROLE_LINKS = frozenset("de del de la la el für des der von of y und".split())
_MAX_ROLE_WORDS = 8


def _find_actors_in(
    language: Language,
    text: str,
    tokens: list[Token],
    sentences: list[Sentence],
    exclude: tuple[str, ...],
    labels: list[tuple[int, int]] | None,
) -> ActorIndex | None:
    """Actors from the language's tagger; None when it cannot run (the rules take over)."""
    try:
        spans = _tagged_spans(tokens, sentences, language)
    except RuntimeError:
        return None
    if spans is None:
        return None
    raw: list[Mention] = []
    after_org_noun = _after_org_nouns_in(language, tokens)
    for first, last, kind in _with_particles(language, tokens, spans):
        mention = _typed_in(language, tokens, first, last, text, kind or "ORG")
        if mention is not None and mention.type == "PER" and _bare_title(language, tokens, first, last):
            continue  # "der Vorsitzende Richter": an office, not a name
        if mention is not None and mention.name not in exclude:
            mention.surface = text[mention.start : mention.end]
            mention.first_token, mention.last_token = _token_range(tokens, mention, first, last)
            # "die Unternehmen Pfizer und BioNTech": the noun says so, whatever the tagger read
            if mention.first_token in after_org_noun and not _in_gazetteer(language, mention.name):
                mention.type = "ORG"
            raw.append(mention)
    _mark_labels(raw, text, label_spans(text), labels or [])
    _join_forms_in(raw, text)
    index = resolve(raw, tokens, text, {tokens[i].text for i in after_org_noun}, loose_acronyms=False)
    index.method = "crf"
    return index


# Lower-case particles inside a name: "Ursula von der Leyen", "Vincent van Gogh".
_PARTICLE_OPENERS = frozenset({"von", "van", "zu", "vom"})
_PARTICLES = frozenset({"von", "van", "zu", "vom", "der", "den", "de", "ter"})


def _with_particles(
    language: Language, tokens: list[Token], spans: list[tuple[int, int, str | None]]
) -> list[tuple[int, int, str | None]]:
    """Spans with a person's name carried across its particles when the
    tagger stopped before them: "Ursula | von der Leyen" is one name. Only a
    lone given name goes on: after a full name, "von" says where the person
    works ("John Sifton von Human Rights Watch")."""
    out: list[tuple[int, int, str | None]] = []
    skip_to = -1
    for first, last, kind in spans:
        if first <= skip_to:
            continue
        end = last
        if (
            kind == "PER"
            and first == last
            and end + 1 < len(tokens)
            and tokens[end + 1].text in _PARTICLE_OPENERS
            and _given_name_in(language, tokens[first].text)
        ):
            k = end + 1
            while k < len(tokens) and tokens[k].text in _PARTICLES:
                k += 1
            if k < len(tokens) and tokens[k].capitalised and not tokens[k].sentence_start and k - end <= 3:
                end = skip_to = k
        out.append((first, end, kind))
    return out


def _bare_title(language: Language, tokens: list[Token], first: int, last: int) -> bool:
    """A one-word "name" that is itself a title of the language ("Richter",
    "Präsident"), with no given name: the office, not the person."""
    return first == last and tokens[first].text.lower() in language.titles


def _is_title_in(language: Language, word: str) -> bool:
    """A word that opens a title or role of the language, compounds included
    ("Bundesgesundheitsminister", "Human Rights Watch-Sprecher")."""
    low = word.lower()
    heads = language.title_heads
    if low in heads:
        return True
    return len(low) > 8 and any(len(t) >= 5 and low.endswith(t) for t in heads)


# Inflectional endings an organisation noun may carry: "Konzerns", "Konzerne",
# "Herstellern", "farmacéuticas", "empresas".
_NOUN_ENDINGS = ("", "s", "es", "e", "en", "n")


def _org_noun_in(nouns: frozenset[str], word: str) -> str | None:
    """Which organisation noun ``word`` is, inflected or as the end of a
    compound ("Mobilfunkkonzerns": "konzern"); None when it is none."""
    low = word.lower()
    for ending in _NOUN_ENDINGS:
        if ending and not low.endswith(ending):
            continue
        stem = low[: len(low) - len(ending)]
        if stem in nouns:
            return stem
        for noun in nouns:
            if len(noun) >= 5 and len(stem) > len(noun) + 2 and stem.endswith(noun):
                return noun
    return None


_COORDINATORS = frozenset({"und", "y", "e", "and", ",", "sowie"})
_OPENING_QUOTES = frozenset({'"', "„", "“", "«", "»", "‚", "‘", "'"})


def _after_org_nouns_in(language: Language, tokens: list[Token]) -> set[int]:
    """Token indices of the first words of names written right after a noun
    that names an organisation, and of the names coordinated with them: "der
    Mobilfunkkonzern Mannesmann", "die Hersteller Pfizer und Biontech", "las
    farmacéuticas Pfizer y BioNTech". The type evidence English reads from
    "company Burisma"."""
    nouns = language.org_nouns
    out: set[int] = set()
    if not nouns:
        return out
    for i, token in enumerate(tokens[:-1]):
        if len(token.text) < 4 or _org_noun_in(nouns, token.text) is None:
            continue
        j = i + 1
        if tokens[j].text in _OPENING_QUOTES:
            j += 1
        while j < len(tokens) and tokens[j].capitalised:
            out.add(j)
            j += 1
            while j < len(tokens) and tokens[j].capitalised:
                j += 1
            if j + 1 < len(tokens) and tokens[j].text.lower() in _COORDINATORS and tokens[j + 1].capitalised:
                j += 1
                continue
            break
    return out


def _join_forms_in(raw: list[Mention], text: str) -> None:
    """Join the forms of one name an article writes in several ways, before
    resolution: a genitive or declined form when the article also writes
    the plain one ("Frankreichs", "Deutschen Bank": Frankreich, Deutsche
    Bank), and a person's name that ends a longer one the article gives
    ("Ruiz Gómez": Fernando Ruiz Gómez, a Spanish name's two surnames). Both
    forms must be in the article: nothing is guessed. A declined name the
    article also writes plain where the tagger saw no name (in a quote: "die
    Deutsche Bank") goes by the plain form."""
    kinds: dict[str, str] = {}
    for mention in raw:
        kinds.setdefault(mention.name, mention.type)
    people = [name for name, kind in kinds.items() if kind == "PER" and len(name.split()) >= 2]
    target: dict[str, str] = {}
    for name, kind in list(kinds.items()):
        plain = _plain_form(name, kinds)
        if plain is not None:
            target[name] = plain
            continue
        nominative = _nominative(name)
        if nominative is not None and re.search(rf"(?<!\w){re.escape(nominative)}(?!\w)", text):
            target[name] = nominative
            kinds[nominative] = kind
        elif kind == "PER" and len(name.split()) >= 2:
            longer = [p for p in people if p.endswith(" " + name)]
            if len(longer) == 1:
                target[name] = longer[0]
    for mention in raw:
        joined = target.get(mention.name)
        if joined is not None:
            mention.name, mention.type = joined, kinds[joined]


def _plain_form(name: str, names: dict[str, str]) -> str | None:
    """The uninflected form of ``name`` among ``names``: a genitive ``s`` or
    ``es`` dropped ("Frankreichs", "Bundestages"), or a declined first
    adjective in ``-e`` ("Deutschen Bank": "Deutsche Bank")."""
    for ending in ("s", "es"):
        if name.endswith(ending) and name[: -len(ending)] in names:
            return name[: -len(ending)]
    plain = _nominative(name)
    return plain if plain is not None and plain in names else None


def _nominative(name: str) -> str | None:
    """``name`` with its declined first adjective in ``-e`` ("Deutschen Bank":
    "Deutsche Bank"); None when its first word is not so declined."""
    first, _, rest = name.partition(" ")
    if rest and first[:1].isupper() and len(first) > 4:
        for ending in ("en", "er", "es", "em"):
            if first.endswith(ending):
                return f"{first[: -len(ending)]}e {rest}"
    return None


def _role_before_in(language: Language, tokens: list[Token], first: int) -> int | None:
    """Index of the first word of a role written right before a name:
    "Bundeskanzler | Olaf Scholz", "la ministra de Sanidad, | Carolina Darias"."""
    best = None
    lowest = max(0, first - _MAX_ROLE_WORDS)
    i = first - 1
    if i >= 0 and tokens[i].text == ",":
        i -= 1
    while i >= lowest:
        token = tokens[i]
        low = token.text.lower()
        if _is_title_in(language, token.text):
            best = i
        elif not (low in _ROLE_LINKS or token.capitalised or low in language.titles or low in language.title_words):
            break
        if token.sentence_start:
            break
        i -= 1
    if best is not None and "-" in tokens[best].text:
        # "Human Rights Watch-Sprecher": a hyphenated title carries the name written before it
        while (
            best > lowest
            and tokens[best - 1].capitalised
            and tokens[best - 1].text.lower() not in language.stop_words
            and not tokens[best].sentence_start
        ):
            best -= 1
    return best


# Words that open a clause, not a role: "X, ministro que ..." is no apposition.
_CLAUSE_WORDS = frozenset("que quien quienes cuyo cuya cuando donde der die das dass wer wie als wenn".split())
_ROLE_ENDS = frozenset({",", ".", ";", ":", "(", ")"})


def _role_after_in(language: Language, tokens: list[Token], last: int, text: str) -> str | None:
    """A role written after the name as an apposition, between commas:
    "Fernando Ruiz Gómez, ministro de Salud y Protección Social, presentó",
    "Josef Ackermann, Vorstandssprecher der Deutschen Bank, sagte". It must
    open with a title and close at a comma or the sentence's end within a
    few words, with no verb of saying or clause word in it."""
    first = last + 2
    if first >= len(tokens) or tokens[last + 1].text != ",":
        return None
    if tokens[first].text.lower() in _DETERMINERS_IN:
        first += 1
    if first >= len(tokens) or not _is_title_in(language, tokens[first].text):
        return None
    end = first
    while end + 1 < len(tokens) and tokens[end + 1].text not in _ROLE_ENDS:
        end += 1
        word = tokens[end].text.lower()
        if end - first >= _MAX_ROLE_WORDS or tokens[end].sentence_start:
            return None
        if word in _CLAUSE_WORDS or word in language.speech_verbs:
            return None
    if end + 1 >= len(tokens) or tokens[end + 1].text not in {",", ".", ";"}:
        return None
    return text[tokens[first].start : tokens[end].end]


def _typed_in(language: Language, tokens: list[Token], first: int, last: int, text: str, kind: str) -> Mention | None:
    """A span the language's tagger found, with its role, forms of address
    and title words moved out of the name, and its type from evidence."""
    span = tokens[first : last + 1]
    role_words: list[Token] = []
    nouns = language.org_nouns
    while span and (
        (span[0].text.lower().rstrip(".") in language.honorifics and span[0].text.lower().rstrip(".") not in _SAINTS)
        or _determiner_before_name(language, tokens, last + 1 - len(span), span)
        or (_is_title_in(language, span[0].text) and len(span) > 1)
    ):
        if _is_title_in(language, span[0].text):
            role_words.append(span[0])
        kind = "PER" if span[0].text.lower() not in _DETERMINERS_IN else kind
        span = span[1:]
    if len(span) > 2 and span[0].text.lower() in language.title_words and _given_name_in(language, span[1].text):
        role_words.append(span[0])  # "compañero de Ejecutivo Josu Erkoreka": a title's word, then a person
        span, kind = span[1:], "PER"
    if len(span) > 1 and span[1].capitalised and _glued_org_noun(nouns, span[0].text):
        span, kind = span[1:], "ORG"  # "Mobilfunkkonzerns Mannesmann": the noun says what Mannesmann is
    span = [t for t in span if t.text not in {",", ";", ":"}] if span and span[-1].text not in {",", ";"} else span
    if (
        span
        and last + 1 < len(tokens)
        and "-" in tokens[last + 1].text
        and _is_title_in(language, tokens[last + 1].text)
    ):
        return None  # "Human Rights | Watch-Sprecher Malinowski": the name is part of his title
    while span and not span[-1].text[:1].isalnum():
        span = span[:-1]
    if not span or not span[0].capitalised:
        return None
    name = " ".join(t.text for t in span)
    known = language.entity_types.get(name.lower())
    if known is not None:
        kind = known
    role = None
    if kind in ("PER", "ORG") and known is None:
        start = _role_before_in(language, tokens, first)
        if start is not None:
            role = text[tokens[start].start : tokens[first - 1].end].rstrip(" ,")
        elif role_words:
            role = text[role_words[0].start : role_words[-1].end]
        if role and kind == "ORG" and (_personal_name(name.split()) or _title_right_before(language, tokens, first)):
            kind = "PER"  # "Human Rights Watch-Sprecher Malinowski"
    if kind == "PER" and known is None and role is None:
        role = _role_after_in(language, tokens, last, text)
    if known is None and language.names_medium(name.split()[-1]):
        kind = "ORG"  # "Washington Post", "Tageszeitung": a news medium, whatever place it is named after
    if kind == "LOC" or (kind != "PER" and known is None and not _is_acronym(name) and _in_gazetteer(language, name)):
        return Mention(span[0].start, span[-1].end, name, "LOC")
    return Mention(span[0].start, span[-1].end, name, kind, role if kind == "PER" else None)


_DETERMINERS_IN = frozenset("der die das dem den des el la los las".split())


def _determiner_before_name(language: Language, tokens: list[Token], first: int, span: list[Token]) -> bool:
    """An article the tagger took into a name, not the name's own: lower case
    ("la Casa Blanca"), or capitalised only because it opens a sentence or a
    list item ("El Gobierno", "1. El Gobierno") unless the whole is a known
    place ("La Paz"). A capitalised article after a word is the name's own
    ("en Las Palmas", "in der Zeitung Die Welt")."""
    word = span[0].text
    if len(span) < 2 or word.lower() not in _DETERMINERS_IN:
        return False
    if word.islower():
        return True
    opens = span[0].sentence_start or first == 0 or not tokens[first - 1].text[:1].isalpha()
    return opens and not _in_gazetteer(language, " ".join(t.text for t in span))


# Forms of address that open place names more often than people's ("San Sebastián", "Sankt Petersburg").
_SAINTS = frozenset({"san", "santa", "santo", "sankt", "st"})


def _given_name_in(language: Language, word: str) -> bool:
    """A given name in the language's name lists (every Latin-script locale's)."""
    from newsum.nlp.languages.ner import fold, name_lists

    return fold(word) in name_lists(language.gazetteer)[0]


def _glued_org_noun(nouns: frozenset[str], word: str) -> bool:
    """A capitalised compound or genitive of an organisation noun that the
    tagger took into a name ("Mobilfunkkonzerns Mannesmann"); the bare noun
    may open a name itself ("Agentur für Arbeit") and stays."""
    noun = _org_noun_in(nouns, word)
    return noun is not None and word.lower() != noun


def _title_right_before(language: Language, tokens: list[Token], first: int) -> bool:
    """A title written right before the name, with no comma between: what
    follows is the person holding it."""
    return (
        first > 0 and _is_title_in(language, tokens[first - 1].text) and not _in_gazetteer(language, tokens[first].text)
    )


def _in_gazetteer(language: Language, name: str) -> bool:
    if not language.gazetteer:
        return False
    from newsum.nlp.languages.ner import gazetteer

    return tuple(name.lower().split()) in gazetteer(language.gazetteer)
