"""Actors: the people, organisations and places a story is about.

First version, by rule: capitalised-name spans, typed by title cues ("Foreign
Minister Sergei Lavrov"), organisation and place word lists, and speech verbs;
then merged within the article, so "Lavrov" and "Sergei Lavrov" are one actor
and "US" joins "United States". The quotes stage reads the mention offsets to
name speakers.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from newsum.model import Actor
from newsum.nlp.lexicon import (
    CALENDAR_WORDS,
    DEMONYMS,
    HONORIFICS,
    KNOWN_ORGS,
    LOC_HEADS,
    MISC_HEADS,
    NON_ACTOR_ACRONYMS,
    ORG_HEADS,
    ROLE_MODIFIERS,
    ROLE_WORDS,
    SPEECH_VERBS,
    TITLE_ABBREVIATIONS,
    TITLE_EXPANSIONS,
    countries,
    place_name,
)
from newsum.nlp.text import Sentence, stop_words

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


@dataclass
class ActorIndex:
    """The actors of one article and every mention of them, in text order."""

    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    method: str = "rules"
    """Which recogniser found the mentions: "crf" or "rules"."""

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
    text: str, sentences: list[Sentence], language: str = "english", exclude: tuple[str, ...] = (), method: str = "crf"
) -> ActorIndex:
    """Actors of one article. ``exclude``: names that must not become actors
    (the byline's authors). ``method``: "crf" (the shipped tagger, English) or
    "rules" (capitalised spans and word lists), which is also the fallback
    when python-crfsuite cannot be imported."""
    tokens = tokenize(text, sentences)
    lowered = {t.text for t in tokens if t.text.islower()}
    stops = stop_words(language)
    spans: list[tuple[int, int, str | None]] | None = None
    if method == "crf" and language == "english":
        spans = _tagged_spans(tokens, sentences)
    if spans is None:
        method = "rules"
        spans = [(first, last, None) for first, last in _name_spans(tokens, lowered, stops)]
    raw: list[Mention] = []
    for first, last, kind in spans:
        mention = (
            _classify(tokens, first, last, text, lowered, stops)
            if kind is None
            else _typed(tokens, first, last, text, kind)
        )
        if mention is not None and mention.name not in exclude:
            mention.surface = text[mention.start : mention.end]
            raw.append(mention)
    index = _merge(raw)
    index.method = method
    return index


def _tagged_spans(tokens: list[Token], sentences: list[Sentence]) -> list[tuple[int, int, str | None]] | None:
    """Entity spans from the CRF tagger, as (first, last, type) token indices;
    None when the tagger is not available. A possessive "'s" is its own token
    for the tagger, as in its training data."""
    try:
        from newsum.nlp.ner import tag_sentences
    except ImportError:  # pragma: no cover - newsum.nlp.ner imports nothing heavy
        return None
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


def _typed(tokens: list[Token], first: int, last: int, text: str, kind: str) -> Mention | None:
    """A span the tagger typed: add the role, canonical place names, and the
    few corrections its 1996 training data needs ("Kremlin" is ORG here)."""
    following = tokens[last + 1] if last + 1 < len(tokens) else None
    if following is not None and following.capitalised and following.text.lower() in MISC_HEADS:
        return None  # "Winter" of "Winter Olympics"
    # Take in a title the tagger left outside the span or cut in half:
    # "US Secretary of | State Antony Blinken".
    tagged_first = first
    while first > 0 and _title_word(tokens[first - 1]) and last > first:
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
        return Mention(start, end, name, "PER", _context_role(tokens, first, last, text) or abbreviated)
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
    if low in {"the", "a", "an", "and", "to", "for"}:
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


def _merge(raw: list[Mention]) -> ActorIndex:
    """Group mentions into actors: full names absorb surnames and first names
    ("Lavrov" -> "Sergei Lavrov", "Xi" -> "Xi Jinping") when that is unambiguous."""
    owners: dict[str, set[tuple[str, str]]] = {}
    for full, kind in {(m.name, m.type) for m in raw if m.type in {"PER", "ORG"} and " " in m.name}:
        for part in full.split():
            if part[:1].isupper() and part.lower() not in _CONNECTORS and part.lower() not in ORG_HEADS:
                owners.setdefault(part, set()).add((full, kind))
    mentions: list[Mention] = []
    for mention in raw:
        candidates = owners.get(mention.name, set()) if " " not in mention.name else set()
        if len(candidates) == 1:
            # "Lavrov" -> "Sergei Lavrov"; "Disney" -> "Walt Disney Co".
            ((full, kind),) = candidates
            if mention.type in {"?", "PER"}:
                mention = Mention(mention.start, mention.end, full, kind, mention.role, mention.surface)
        elif mention.type in {"?", "PER"} and candidates and {kind for _, kind in candidates} == {"ORG"}:
            # Part of several organisations' names ("Disney Channel", "Walt Disney Co"): an organisation itself.
            mention = Mention(mention.start, mention.end, mention.name, "ORG", mention.role, mention.surface)
        if mention.type == "?":
            continue
        mentions.append(mention)
    # A name typed differently in different places takes its most frequent type.
    by_name: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_name.setdefault(mention.name, []).append(mention)
    actors = []
    for name, group in by_name.items():
        types = [m.type for m in group]
        kind = max(("PER", "ORG", "LOC"), key=lambda t: (types.count(t), t == "PER"))
        roles = [m.role for m in group if m.role]
        aliases = sorted({m.surface for m in group if m.surface and m.surface != name})
        actors.append(
            Actor(
                name=name,
                type=kind,
                mentions=len(group),
                role=roles[0] if roles else None,
                aliases=aliases,
                first_offset=group[0].start,
            )
        )
    actors.sort(key=lambda a: (-a.mentions, a.first_offset))
    return ActorIndex(actors=actors, mentions=mentions)
