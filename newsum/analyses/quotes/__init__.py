"""Direct quotes and who said them.

Quote marks of every style writers use are paired paragraph by paragraph; an
unclosed double quote runs to the end of its paragraph, or on into the next
when that paragraph opens with a quote mark (the convention for long quotes),
so an odd number of marks never loses the article.

A speaker comes from a speech verb in the quote's sentence ("…," Lavrov said /
said Lavrov / Lavrov said: "…" / according to Lavrov): its subject is resolved
to a named actor from the actors stage where possible, else kept as the
article writes it ("a campaign spokesman"). Then come colon and dash lead-ins,
the other half of a split quote, and a paragraph that goes on quoting the
previous speaker. "He" and "she" resolve to a recent speaker or subject whose
gender (honorifics, roles, pronouns, census first names) does not clash.
Measured by benchmarks/quotes.py on PolNeAR.

Other languages read their own marks, verbs and patterns (`attribute_in`);
one that leaves out a known subject (Spanish: "…", aseguró.) gives the quote
to the person last named as a subject or to the previous quote's speaker.
German is read by its word order (`_verb_second_source`): the finite verb
stands second, so the subject is the opening phrase or follows the verb;
reported speech in the subjunctive and quotes standing alone go on with the
last speaker; quoted names and titles („Computerwoche“, „Nackt unter Wölfen“)
are no quotes. Measured by benchmarks/quotes.py on German Wikinews.

The package: `core` pairs the marks, holds the context, the English rules and
what every other language reads by (its marks, verbs, patterns, pronouns);
`german` reads German word order on top of it; this module is the entry
(`find_quotes`, `attribute`, `attribute_in`), the one place both meet.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsum.analyses.actors import ActorIndex
from newsum.analyses.quotes.core import (
    _NOBODY,
    _REOPENING,
    _UNATTRIBUTED,
    KEY_QUOTE_WORDS,
    KEY_QUOTES,
    MIN_QUOTE_WORDS,
    _after_in,
    _before_in,
    _Context,
    _cued,
    _dropped_source,
    _inherit,
    _names_a_thing,
    _score,
    _sentence_pronoun,
    _Source,
    _Span,
    _Speech,
    _speech,
    _without_role,
    attribute,
    find_quote_spans,
    quote_spans_in,
)
from newsum.analyses.quotes.german import _context_source, _inherit_in, _title_in_sentence, _verb_second_source
from newsum.model import Quote
from newsum.nlp.text import Sentence, paragraph_spans

if TYPE_CHECKING:  # pragma: no cover
    from newsum.nlp.languages import Language

__all__ = [
    "KEY_QUOTES",
    "KEY_QUOTE_WORDS",
    "MIN_QUOTE_WORDS",
    "Quote",
    "attribute",
    "attribute_in",
    "find_quote_spans",
    "find_quotes",
    "quote_spans_in",
]


def find_quotes(
    text: str,
    actors: ActorIndex,
    count: int = KEY_QUOTES,
    sentences: list[Sentence] | None = None,
    summary: Sequence[tuple[int, int]] = (),
    language: str | None = None,
) -> list[Quote]:
    """The key quotes: quotes of KEY_QUOTE_WORDS words or more, best first by
    score, returned in text order. ``summary``: (start, end) of the summary's
    sentences; a quote the summary already shows is worth less. ``language``:
    a registered language other than English (``german``, ``es``) reads its
    own marks, verbs and patterns (`attribute_in`); any other, the English rules."""
    from newsum.nlp.languages import registered_language

    registered = registered_language(language)
    found = (
        attribute(text, actors, sentences=sentences)
        if registered is None
        else attribute_in(registered, text, actors, sentences=sentences)
    )
    quotes = [q for q in found if len(q.text.split()) >= KEY_QUOTE_WORDS]
    _score(quotes, actors, summary)
    ranked = sorted(quotes, key=lambda q: (-q.score, q.start))[:count]
    return sorted(ranked, key=lambda q: q.start)


def attribute_in(
    language: Language,
    text: str,
    actors: ActorIndex,
    min_words: int = MIN_QUOTE_WORDS,
    sentences: list[Sentence] | None = None,
    partial: bool = True,
) -> list[Quote]:
    """`attribute` for a registered language other than English: every quote
    of at least ``min_words`` words with its speaker, from the language's
    attribution patterns after the quote („…“, sagte Merkel; „…“, so der
    Minister; —…—dijo Fauci—) or before it (Merkel sagte: „…“; según la
    ministra, «…»), a pronoun resolved to the last speaker or person named,
    a subject the language leaves out ("…", aseguró.) to the person last
    named as a subject or the previous quote's speaker, and a split quote or
    a quoting paragraph going on with its neighbour's."""
    from newsum.nlp.languages.sentences import split_sentences as split_in

    speech = _speech(language)
    sentences = split_in(text, language) if sentences is None else sentences
    marked = quote_spans_in(language, text)
    every = [s for s in marked if not _names_a_thing(speech, text, s)]
    # In a verb-second language a quoted name may be the subject ("schrieb „Die
    # Zeit“"), so only words said are quotes there; elsewhere no name in
    # quotation marks speaks («State of the Union»).
    quoted = every if speech.verb_second else marked
    context = _Context(
        text,
        actors,
        paragraph_spans(text),
        [s.start for s in sentences],
        [(s.open_mark, s.close_mark) for s in quoted],
        {},
        [],
    )
    spans = [s for s in every if len(text[s.start : s.end].split()) >= min_words]
    sources = [_source_in(speech, context, span) for span in spans]
    if speech.verb_second:
        for i in range(len(spans)):
            if sources[i] is None:
                sources[i] = _context_source(speech, context, spans, sources, i)
        _inherit_in(context, spans, sources)
    if speech.dropped:
        for i in range(len(spans)):
            if sources[i] is None:
                sources[i] = _dropped_source(speech, context, spans, sources, i)
    _inherit(context, spans, sources)
    sources = [None if s is _UNATTRIBUTED else s for s in sources]
    quotes = []
    for span, source in zip(spans, sources, strict=False):
        kind = "direct"
        body = text[span.start : span.end]
        short = len(body.split()) < MIN_QUOTE_WORDS
        runs_on = body[:1].islower() and text[span.open_mark - 1 : span.open_mark].isspace()
        if (short and source is None) or runs_on:
            if (source is None and not _cued(speech, context, span)) or not partial:
                continue
            kind = "partial"
        if source is None and speech.verb_second and _title_in_sentence(speech, context, span):
            continue
        quote_text = " ".join(_REOPENING.sub(" ", body).split()).rstrip(",")
        speaker, role = (source.name, source.role) if source else (None, None)
        quotes.append(Quote(quote_text, speaker, span.start, span.end, role, 0.0, kind))
    _score(quotes, actors, ())
    return quotes


def _source_in(speech: _Speech, context: _Context, span: _Span) -> _Source | None:
    """Who speaks ``span``: in a verb-second language, first by the word order
    of its sentence (`_verb_second_source`); then by the attribution patterns
    after or before the quote, which German only reads within the quote's own
    sentence (`„…“. Barry Steinhardt warnte` names the next quote's speaker)."""
    text = context.text
    if speech.verb_second:
        by_order = _verb_second_source(speech, context, span)
        if by_order is not None:
            return None if by_order is _NOBODY else _without_role(speech, by_order)
    sentence_end = context.sentence_end(max(span.open_mark, span.close_mark - 1))
    ended = speech.verb_second and (
        text[span.close_mark : span.close_mark + 1] in (".", "!", "?")
        or not speech.cue.search(text, span.close_mark, sentence_end)
    )
    after = None if ended else _after_in(speech, context, span)  # `„…“. Barry Steinhardt warnte`: another sentence
    inner = text[span.start : span.end].rstrip()
    if after is not None and (inner.endswith((",", "?", "!")) or text[span.close_mark : span.close_mark + 1] == ","):
        return after
    before = _before_in(speech, context, span)
    if before is None and after is None:
        return _sentence_pronoun(speech, context, span)
    return before if before is not None else after
