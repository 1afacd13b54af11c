"""Direct quotes and who said them.

Quote marks are paired paragraph by paragraph (straight, curly, guillemets,
Treebank backticks); an unclosed quote runs to the end of its paragraph, or on
into the next when that paragraph opens with a quote mark (the newspaper
convention for long quotes), so an odd number of marks never loses the article.
The speaker comes from a speech verb next to the quote ("…," Lavrov said /
Lavrov said: "…"), resolved to a named actor where possible; a pronoun takes
the most recent speaker or person; a quote with no attribution of its own
inherits the speaker of the quote beside it in the paragraph.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .actors import ActorIndex, Mention
from .lexicon import SPEECH_VERBS
from .model import Quote
from .text import paragraph_spans

MIN_QUOTE_WORDS = 4
KEY_QUOTES = 5
# Opening mark -> the marks that may close it (writers mix straight and curly).
_CLOSERS: dict[str, frozenset[str]] = {
    '"': frozenset({'"', "”"}),
    "“": frozenset({"”", '"'}),
    "„": frozenset({"“", "”"}),
    "«": frozenset({"»"}),
    "``": frozenset({"''", '"'}),
}
_MARK = re.compile(r"``|''|[\"“”«»„]")
_REOPENING = re.compile(r"\n\s*\n\s*(?:``|[\"“„«])")
_VERBS = "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))
_PRONOUNS = {"he", "she", "they", "i", "we"}
# `…," Lavrov said` / `…," said Lavrov` / `…," according to Lavrov`
_AFTER_SPEAKER_VERB = re.compile(r"^[\s,;:—–-]*(?P<who>\w[^\"“”«».!?;]{1,90}?)\s+(?:" + _VERBS + r")\b")
_AFTER_VERB_SPEAKER = re.compile(r"^[\s,;:—–-]*(?:" + _VERBS + r"|according to)\s+(?P<who>[^\"“”«».,;!?]{1,90})")
# `Lavrov said: "…` / `The head of X told Reuters that … but added: "…`
_BEFORE = re.compile(r"(?P<who>\w[^\"“”«».!?;]{1,120}?)\s+(?:" + _VERBS + r")\b[^\"“”«»]*?[,:]?\s*$")
# `"…," said Tom Jones, "…` seen from the second part
_BEFORE_INVERTED = re.compile(r"^[\s,.;:—–-]*(?:" + _VERBS + r")\s+(?P<who>\w[^\"“”«».,;!?]{0,89}?)[\s,:]*$")
_BEFORE_COLON = re.compile(r"(?P<who>[A-Z][^\"“”«».!?;:]{1,60}?)\s*:\s*$")


@dataclass
class _Span:
    start: int
    end: int
    open_mark: int
    close_mark: int
    paragraph: int


def find_quote_spans(text: str) -> list[_Span]:
    """Inner offsets of every quotation, pairing marks within paragraphs."""
    spans: list[_Span] = []
    pending: _Span | None = None  # a quote left open at the end of a paragraph
    pending_closers: frozenset[str] = frozenset()
    for p_index, (p_start, p_end) in enumerate(paragraph_spans(text)):
        marks = list(_MARK.finditer(text, p_start, p_end))
        open_at: int | None = None
        start = p_start
        closers: frozenset[str] = frozenset()
        if pending is not None:
            if marks and marks[0].start() == p_start and marks[0].group() in _CLOSERS:
                # The quote goes on in this paragraph: skip the reopening mark.
                marks = marks[1:]
                open_at, start, closers = pending.open_mark, pending.start, pending_closers
            else:
                spans.append(pending)
            pending = None
        for match in marks:
            mark = match.group()
            if open_at is None:
                if mark in _CLOSERS:
                    open_at, start, closers = match.start(), match.end(), _CLOSERS[mark]
            elif mark in closers:
                spans.append(_Span(start, match.start(), open_at, match.end(), p_index))
                open_at = None
        if open_at is not None:
            pending, pending_closers = _Span(start, p_end, open_at, p_end, p_index), closers
    if pending is not None:
        spans.append(pending)
    return [s for s in (_trim(text, s) for s in spans) if s.end > s.start]


def _trim(text: str, span: _Span) -> _Span:
    start, end = span.start, span.end
    while start < end and text[start] in " \n\t":
        start += 1
    while end > start and text[end - 1] in " \n\t":
        end -= 1
    return _Span(start, end, span.open_mark, span.close_mark, span.paragraph)


def find_quotes(text: str, actors: ActorIndex, count: int = KEY_QUOTES) -> list[Quote]:
    """The key quotes: attributed, substantial quotes, best first by score,
    returned in text order."""
    quotes = attribute(text, actors)
    ranked = sorted(quotes, key=lambda q: (-q.score, q.start))[:count]
    return sorted(ranked, key=lambda q: q.start)


def attribute(text: str, actors: ActorIndex) -> list[Quote]:
    """Every quote of at least MIN_QUOTE_WORDS words, with its speaker."""
    paragraphs = paragraph_spans(text)
    spans = [s for s in find_quote_spans(text) if len(text[s.start : s.end].split()) >= MIN_QUOTE_WORDS]
    speakers: list[tuple[str | None, str | None]] = []
    for span in spans:
        opening = paragraphs[_paragraph_of(paragraphs, span.open_mark)]
        closing = paragraphs[_paragraph_of(paragraphs, span.close_mark - 1)]
        speakers.append(_speaker(text, span, opening[0], closing[1], actors, speakers))
    # Split quotes: `"…," he said. "…"` — a part with no attribution of its own
    # takes the speaker of its neighbour in the same paragraph.
    for i, span in enumerate(spans):
        if speakers[i][0] is not None:
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(spans) and speakers[j][0] is not None and _same_paragraph(paragraphs, span, spans[j]):
                speakers[i] = speakers[j]
                break
    quotes = []
    for span, (speaker, role) in zip(spans, speakers):
        quote_text = " ".join(_REOPENING.sub(" ", text[span.start : span.end]).split()).rstrip(",")
        quotes.append(Quote(quote_text, speaker, span.start, span.end, role, 0.0))
    _score(quotes, actors)
    return quotes


def _speaker(
    text: str,
    span: _Span,
    p_start: int,
    p_end: int,
    actors: ActorIndex,
    earlier: list[tuple[str | None, str | None]],
) -> tuple[str | None, str | None]:
    after_end = _next_mark(text, span.close_mark, p_end)
    after = text[span.close_mark : after_end]
    # `"… done." It added …` starts a new sentence: only `"…," X said` attributes after.
    ended = text[span.start : span.end].rstrip().endswith(".")
    for pattern in () if ended else (_AFTER_SPEAKER_VERB, _AFTER_VERB_SPEAKER):
        match = pattern.match(after)
        if match:
            who_start = span.close_mark + match.start("who")
            who_end = span.close_mark + match.end("who")
            return _resolve(text, who_start, who_end, actors, span, earlier)
    before_start = max(p_start, _previous_mark(text, span.open_mark, p_start))
    before = text[before_start : span.open_mark]
    for pattern in (_BEFORE_INVERTED, _BEFORE, _BEFORE_COLON):
        match = pattern.search(before)
        if match:
            return _resolve(text, before_start + match.start("who"), before_start + match.end("who"), actors, span, earlier)
    return None, None


def _resolve(
    text: str, start: int, end: int, actors: ActorIndex, span: _Span, earlier: list[tuple[str | None, str | None]]
) -> tuple[str | None, str | None]:
    who = text[start:end].strip(" ,")
    if who.lower() == "it":
        # "It added": the organisation that spoke last, else the last one named.
        if earlier and earlier[-1][0] is not None:
            return earlier[-1]
        organisation = actors.last_before(span.open_mark, "ORG")
        return _named(actors, organisation) if organisation else (None, None)
    if who.lower() in _PRONOUNS:
        if earlier and earlier[-1][0] is not None:
            return earlier[-1]
        person = actors.last_before(span.open_mark, "PER")
        return _named(actors, person) if person else (None, None)
    mentions = actors.mentions_between(start, end)
    people = [m for m in mentions if m.type == "PER"]
    if people:
        return _named(actors, people[-1])
    words = who.split()
    if mentions and (mentions[0].start - start) <= 4 and len(words) <= 3:
        return _named(actors, mentions[0])  # "the Kremlin", "NATO"
    if 0 < len(words) <= 10:
        if words[0].lower() in {"the", "a", "an"}:
            words = words[1:]
        return " ".join(words) or None, None
    return None, None


def _named(actors: ActorIndex, mention: Mention) -> tuple[str, str | None]:
    actor = actors.actor(mention.name)
    return mention.name, actor.role if actor else mention.role


def _next_mark(text: str, start: int, limit: int) -> int:
    match = _MARK.search(text, start, limit)
    return match.start() if match else limit


def _previous_mark(text: str, end: int, limit: int) -> int:
    last = limit
    for match in _MARK.finditer(text, limit, end):
        last = match.end()
    return last


def _paragraph_of(paragraphs: list[tuple[int, int]], offset: int) -> int:
    for i, (start, end) in enumerate(paragraphs):
        if start <= offset < end:
            return i
    return len(paragraphs) - 1


def _same_paragraph(paragraphs: list[tuple[int, int]], a: _Span, b: _Span) -> bool:
    return _paragraph_of(paragraphs, a.start) == _paragraph_of(paragraphs, b.start)


def _score(quotes: list[Quote], actors: ActorIndex) -> None:
    """Key quotes are substantial, attributed, and from the story's main actors."""
    if not quotes:
        return
    raw = []
    for quote in quotes:
        n_words = len(quote.text.split())
        length = min(n_words, 40) / 40 if n_words >= 6 else 0.1
        actor = actors.actor(quote.speaker) if quote.speaker else None
        salience = 1.0 + math.log1p(actor.mentions) if actor else (0.8 if quote.speaker else 0.3)
        raw.append(length * salience)
    top = max(raw) or 1.0
    for quote, value in zip(quotes, raw):
        quote.score = round(value / top, 4)
