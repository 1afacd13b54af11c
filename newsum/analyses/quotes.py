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

Other languages read their own marks, verbs and patterns (`attribute_in`).
German is read by its word order (`_verb_second_source`): the finite verb
stands second, so the subject is the opening phrase or follows the verb;
reported speech in the subjunctive and quotes standing alone go on with the
last speaker; quoted names and titles („Computerwoche“, „Nackt unter Wölfen“)
are no quotes. Measured by benchmarks/quotes.py on German Wikinews.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsum.analyses.actors import ActorIndex, Mention
from newsum.model import Quote
from newsum.nlp.lexicon import HONORIFICS, QUOTE_CUES, ROLE_MODIFIERS, ROLE_WORDS, first_names
from newsum.nlp.text import Sentence, paragraph_spans, split_sentences

if TYPE_CHECKING:  # pragma: no cover
    from newsum.nlp.languages import Language

MIN_QUOTE_WORDS = 4
KEY_QUOTES = 5
KEY_QUOTE_WORDS = 6
# Quote marks as writers use them: curly, straight, guillemets, Treebank
# backticks, and the doubled apostrophes ('') of some newspapers' text feeds.
_MARK = re.compile(r"'''|''|``|[\"“”«»„‘’']")
_OPENING = frozenset({"“", "„", "«", "``"})
_CLOSING = frozenset({"”", "»"})
# Characters after which a direction-less mark opens rather than closes.
_LEFT_OF_OPENING = frozenset(" \t\n([{—–-:;/")
_END_OF_WORDS = frozenset(".,;:!?)]'’…")
_REOPENING = re.compile(r"\n\s*\n\s*(?:``|''|[\"“„«])")
_NAMING_VERBS = frozenset("called calls calling dubbed labeled labelled labeling labelling termed titled".split())
# A speech verb, and "according to"; capitalised too (`Said Ellis: "…"`).
_CUE = re.compile(
    r"\b(?:according to|put it|" + "|".join(sorted(QUOTE_CUES | _NAMING_VERBS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
# Between a name and its verb: nothing, an age or an aside (`Mr. King, 82, told me`).
_GAP = re.compile(
    r"\s*(?:,\s*\d{1,3}\s*,\s*|\s+\([^)]{1,30}\)\s*,?\s*|,?\s+(?:then|also|later|again|once|simply|quickly)\s+)?\s*"
)
_ATTACHED_NOUN = re.compile(
    r"\s+(?:"
    + "|".join(
        sorted(
            ROLE_WORDS
            | frozenset(
                "campaign aide aides adviser advisers staff staffer staffers supporter supporters team camp ally allies "
                "administration family loyalist loyalists backer backers surrogate surrogates".split()
            ),
            key=len,
            reverse=True,
        )
    )
    + r")\b"
)
_POSSESSIVE = re.compile(r"['’]s?\b")
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:of|for|at|from|with|to|by|in|on|about|against|than)\s+(?:the\s+)?$", re.IGNORECASE
)
_PERSONAL = frozenset({"he", "she", "it", "they", "i", "we"})
_PRONOUN_BEFORE_CUE = re.compile(r"\b(he|she|it|they|i|we)\s+(?:\w+ly\s+|then\s+|also\s+|later\s+)?$", re.IGNORECASE)
_CLAUSE_PRONOUN = re.compile(r"(?:^|[,;:]\s*)\s*(?:(?:and|but|then|so|yet)\s+)?(he|she|it|they|i|we)\b", re.IGNORECASE)
_LEAD_PRONOUN = re.compile(r"^[\s,;:—–-]*(he|she|it|they|i|we)\b", re.IGNORECASE)
_DASH_LEAD = re.compile(r"^[\s\xa0]*(?:―|—|–|--)[\s\xa0]*")
_COLON_LEAD = re.compile(r"(?:\s*\([^()]{1,30}\))?\s*:\s*$")  # `Rep. Trey Gowdy (R-S.C.): "…"`
_INVERTED = re.compile(r"[\s,;:—–-]*(?:and\s+|then\s+)?", re.IGNORECASE)
_FUNCTION_WORDS = frozenset("as when while after before because if since but and so then even also yet still".split())
_HONORIFIC_BEFORE = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+$")
_GENDERED_PRONOUN = re.compile(r"\b(he|his|him|himself|she|her|hers|herself)\b", re.IGNORECASE)
_FEMALE_ROLES = ("woman", "queen", "princess", "duchess", "wife", "mother", "daughter", "sister", "actress")
_ARTICLES = frozenset({"the", "a", "an"})
# First words that show a clause is not a noun phrase subject.
_NOT_SUBJECTS = frozenset(
    """and but or so that which who when while as if because after before this there what it's
    he she they i we you it""".split()
)
_MAX_SUBJECT_WORDS = 30
# `the governor`, `the former secretary`: a role with "the" and nothing else before the verb.
_DEFINITE_ROLE = re.compile(
    r"(?:^|[,;:]\s*)\s*the\s+(?:(?:"
    + "|".join(sorted(ROLE_MODIFIERS - {"of", "the", "for", "and", "to"}, key=len, reverse=True))
    + r")\s+)*("
    + "|".join(sorted(ROLE_WORDS, key=len, reverse=True))
    + r")\s*$",
    re.IGNORECASE,
)
_NOMINAL_AFTER = re.compile(
    r"^\s+((?:the|a|an|one|another|two|three|some|several)\s[^,;:.!?()\[\]—–\"“”]{2,80})", re.IGNORECASE
)
_TITLE_WORDS = (
    ROLE_WORDS
    | ROLE_MODIFIERS
    | HONORIFICS
    | frozenset("""a an the republican democratic presidential nominee candidate businessman retired""".split())
)
_MAX_NOMINAL_WORDS = 8
_PRONOUN_REACH = 1500
_SPEAKER_PARAGRAPHS = 2


@dataclass
class _Span:
    start: int
    end: int
    open_mark: int
    close_mark: int
    paragraph: int


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    opens: bool
    closes: bool
    single: bool
    """‘ ’ or a lone ': a quote only when it pairs, since ' is mostly an apostrophe."""


def _marks(text: str, start: int, end: int) -> list[_Mark]:
    """The quote marks of one paragraph, each told whether it may open or close.

    Direction comes from the mark where it has one (“ ”) and otherwise from its
    neighbours: after a space or at the paragraph start a mark opens, after a
    word it closes. Apostrophes inside words (don't, Clinton's) are not marks.
    """
    found: list[_Mark] = []
    for match in _MARK.finditer(text, start, end):
        mark, at, after = match.group(), match.start(), match.end()
        before = text[at - 1] if at > start else " "
        following = text[after] if after < end else " "
        at_left = before in _LEFT_OF_OPENING
        if mark in _OPENING:
            found.append(_Mark(at, after, True, False, False))
        elif mark in _CLOSING:
            found.append(_Mark(at, after, False, True, False))
        elif mark == '"':
            if before == "=":
                continue  # an HTML attribute left in the text: <a href="…">
            if (before.isalnum() or before in _END_OF_WORDS) and not following.isalnum():
                found.append(_Mark(at, after, False, True, False))  # `…said it."` closes
            elif at_left and not following.isspace():
                found.append(_Mark(at, after, True, False, False))  # `said: "We…` opens
            else:
                found.append(_Mark(at, after, True, True, False))
        elif mark in ("''", "'''"):
            opens = at_left and not following.isspace()
            found.append(_Mark(at, after, opens, not opens, False))
        elif mark == "‘":
            found.append(_Mark(at, after, True, False, True))
        elif not (before.isalnum() and following.isalnum()):  # ’ or ' outside a word
            if at_left and following.isalnum():
                found.append(_Mark(at, after, True, False, True))
            elif not at_left and not following.isalnum():
                found.append(_Mark(at, after, False, True, True))
    return found


def _closes(text: str, opened: _Mark, mark: _Mark) -> bool:
    """Writers mix straight and curly marks, so any double mark closes a double
    quote; a single quote closes with a single mark, or with '' after a lone '
    (the doubled-apostrophe feeds sometimes open with one)."""
    if not mark.closes:
        return False
    if not opened.single:
        return not mark.single
    if text[opened.start : opened.end] == "'":
        return mark.single or text[mark.start : mark.end] in ("''", "'''")
    return mark.single


def find_quote_spans(text: str) -> list[_Span]:
    """Inner offsets of every quotation, pairing marks within paragraphs.

    A double quote left open runs to the end of its paragraph, or on into the
    next when that paragraph opens with a quote mark (the convention for long
    quotes), so unbalanced marks never lose the rest of the article. A single
    quote counts only when it closes in its paragraph (‘Reclaim Our Schools’);
    quotes nested inside a quote are part of it.
    """
    spans: list[_Span] = []
    pending: _Span | None = None  # a double quote left open at the end of a paragraph
    for p_index, (p_start, p_end) in enumerate(paragraph_spans(text)):
        marks = _marks(text, p_start, p_end)
        opened: _Mark | None = None
        start = p_start
        if pending is not None:
            if marks and marks[0].start == p_start and marks[0].opens and not marks[0].single:
                opened, start = _Mark(pending.open_mark, pending.open_mark + 1, True, False, False), pending.start
                marks = marks[1:]  # the quote goes on: skip the reopening mark
            else:
                spans.append(pending)
            pending = None
        for mark in marks:
            if opened is None:
                if mark.opens:
                    opened, start = mark, mark.end
            elif _closes(text, opened, mark):
                spans.append(_Span(start, mark.start, opened.start, mark.end, p_index))
                opened = None
            elif opened.single and mark.opens and not mark.single:
                opened, start = mark, mark.end  # the single mark was an apostrophe after all
        if opened is not None and not opened.single:
            pending = _Span(start, p_end, opened.start, p_end, p_index)
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


def attribute(
    text: str,
    actors: ActorIndex,
    min_words: int = MIN_QUOTE_WORDS,
    sentences: list[Sentence] | None = None,
    partial: bool = True,
) -> list[Quote]:
    """Every quote of at least ``min_words`` words, with its speaker.

    A quote of fewer than MIN_QUOTE_WORDS words is direct only when a speech
    verb stands right beside it (`"No," she said`, `chanting "Dump Trump"`).
    Inside an attributed sentence (`the Kremlin said Putin would spend a "lot
    of time"`) it is a partial quote (``partial``: keep those); anywhere else
    it is a title, a nickname or a scare quote, not a quote.
    """
    every = find_quote_spans(text)
    context = _Context.build(text, actors, sentences, every)
    spans = [s for s in every if len(text[s.start : s.end].split()) >= min_words]
    sources = [_own_source(context, span) for span in spans]
    _inherit(context, spans, sources)
    sources = [None if s is _UNATTRIBUTED else s for s in sources]
    quotes = []
    for span, source in zip(spans, sources, strict=False):
        kind = "direct"
        short = len(text[span.start : span.end].split()) < MIN_QUOTE_WORDS
        if (short and not _spoken(context, span)) or _runs_on(context, span):
            if source is None or not partial:
                continue
            kind = "partial"
        quote_text = " ".join(_REOPENING.sub(" ", text[span.start : span.end]).split()).rstrip(",")
        speaker, role = (source.name, source.role) if source else (None, None)
        quotes.append(Quote(quote_text, speaker, span.start, span.end, role, 0.0, kind))
    _score(quotes, actors, ())
    return quotes


def _spoken(context: _Context, span: _Span) -> bool:
    """A speech verb within three words after the quote or two words before it
    (a verb of naming does not count: `called it a "big deal"` names, not quotes)."""
    after = context.text[span.close_mark : span.close_mark + 60]
    cue = next((c for c in _CUE.finditer(after) if c.group().lower() not in _NAMING_VERBS), None)
    if cue and len(after[: cue.start()].split()) <= 3 and not re.search(r"[.!?]\s", after[: cue.start()]):
        return True
    before = context.text[max(0, span.open_mark - 80) : span.open_mark]
    cues = [c for c in _CUE.finditer(before) if c.group().lower() not in _NAMING_VERBS]
    return bool(cues) and len(before[cues[-1].end() :].split()) <= 2


def _runs_on(context: _Context, span: _Span) -> bool:
    """A quote that starts in lower case straight after the words of its own
    sentence (`had raised the possibility of "reciprocal transparency
    measures…"`) finishes someone's reported sentence: a partial quote."""
    first = context.text[span.start : span.start + 1]
    before = context.text[context.sentence_start(span.open_mark) : span.open_mark].rstrip()
    if not (first.islower() and before and before[-1].isalnum()):
        return False
    # `saying "we faced difficult challenges together."`: a verb of saying or
    # naming right before the quote introduces the words as they were said.
    last_words = before.split()[-3:]
    return not any(w.lower() in QUOTE_CUES or w.lower() in _NAMING_VERBS for w in last_words)


@dataclass(frozen=True)
class _Source:
    """Who spoke a quote: a named actor, or the words the article uses ("a spokesman")."""

    name: str
    role: str | None = None
    kind: str = "PER"
    """PER or ORG for a named actor, "nominal" for words as written."""


@dataclass
class _Context:
    """What attribution needs to know about the article, computed once."""

    text: str
    actors: ActorIndex
    paragraphs: list[tuple[int, int]]
    sentence_starts: list[int]
    quoted: list[tuple[int, int]]
    """(open mark, close mark) of every quotation: names inside a quote do not speak it."""
    genders: dict[str, str]
    named_sources: list[tuple[int, _Source]]
    """Every speech verb with a named subject, "X said" included: pronouns resolve to these."""

    @classmethod
    def build(cls, text: str, actors: ActorIndex, sentences: list[Sentence] | None, spans: list[_Span]) -> _Context:
        sentences = split_sentences(text) if sentences is None else sentences
        quoted = [(s.open_mark, s.close_mark) for s in spans]
        context = cls(text, actors, paragraph_spans(text), [s.start for s in sentences], quoted, {}, [])
        context.genders = _genders(context)
        context.named_sources = _named_sources(context)
        return context

    def sentence_start(self, offset: int) -> int:
        """Start of the sentence holding ``offset``."""
        index = bisect.bisect_right(self.sentence_starts, offset) - 1
        return self.sentence_starts[index] if index >= 0 else 0

    def sentence_end(self, offset: int) -> int:
        index = bisect.bisect_right(self.sentence_starts, offset)
        return self.sentence_starts[index] if index < len(self.sentence_starts) else len(self.text)

    def paragraph_index(self, offset: int) -> int:
        """The paragraph holding ``offset`` (or the last one starting before it)."""
        return max(0, bisect.bisect_right(self.paragraphs, (offset, len(self.text) + 1)) - 1)

    def paragraph(self, offset: int) -> tuple[int, int]:
        return self.paragraphs[self.paragraph_index(offset)] if self.paragraphs else (0, len(self.text))

    def in_quote(self, offset: int) -> bool:
        index = bisect.bisect_right(self.quoted, (offset, len(self.text) + 1)) - 1
        return index >= 0 and self.quoted[index][0] < offset < self.quoted[index][1]

    def speaking_mentions(self, start: int, end: int, after_cue: bool = False) -> list[Mention]:
        """People and organisations named in [start, end) who could be speaking:
        not a possessor ("Trump's plan"), not the object of a preposition ("the
        head of Germany's BND", "a spokesman for Clinton"), not a modifier ("a
        Warren adviser", "the Clinton campaign"), not inside a quote."""
        return [
            m
            for m in self.actors.mentions_between(start, end)
            if m.type in ("PER", "ORG")
            and not _POSSESSIVE.match(self.text, m.end)
            and (after_cue or not _PREPOSITION_BEFORE.search(self.text, max(0, m.start - 12), m.start))
            and not _ATTACHED_NOUN.match(self.text, m.end)
            and not self.in_quote(m.start)
        ]

    def source(self, mention: Mention) -> _Source:
        actor = self.actors.actor(mention.name)
        return _Source(mention.name, actor.role if actor else mention.role, mention.type)


def _own_source(context: _Context, span: _Span) -> _Source | None:
    """The attribution written next to the quote: after it (`"…," X said`), or
    before it (`X said: "…"`, `According to X, "…"`)."""
    text = context.text
    inner = text[span.start : span.end].rstrip()
    after = _after(context, span)
    if after is not None and (
        inner.endswith((",", "?", "!", "-", "—")) or text[span.close_mark : span.close_mark + 1] == ","
    ):
        return after
    before = _before(context, span)
    return before if before is not None else after


def _after(context: _Context, span: _Span) -> _Source | None:
    """`"…," Lavrov said`, `"…," said Tom Jones`, `"…" ― Jane Doe`."""
    text = context.text
    _, p_end = context.paragraph(span.close_mark - 1)
    start = span.close_mark
    if start >= p_end:
        return None
    limit = min(_next_open_mark(context, start, p_end), context.sentence_end(_skip_space(text, start, p_end)))
    window = text[start:limit]
    dash = _DASH_LEAD.match(window)
    if dash:
        mentions = context.speaking_mentions(start + dash.end(), limit)
        if mentions and mentions[0].start - (start + dash.end()) <= 1:
            return context.source(mentions[0])
    sentence_ended = text[span.start : span.end].rstrip().endswith((".", ".'"))
    for cue in _CUE.finditer(window):
        words_before = len(window[: cue.start()].split())
        if words_before > (3 if sentence_ended else _MAX_SUBJECT_WORDS):
            return None
        source = _cue_subject(context, start, cue.start() + start, cue.end() + start, limit)
        if source is not None:
            return source
        if words_before:
            return None
    return None


def _before(context: _Context, span: _Span) -> _Source | None:
    """`Lavrov said: "…"`, `John Dickey, chief executive of Ora, told me, "…"`,
    `Said Ellis: "…"`, `According to Limbaugh, "…"`, and headline `Trump: ‘…’`."""
    text = context.text
    p_start, _ = context.paragraph(span.open_mark)
    start = max(p_start, context.sentence_start(span.open_mark), _previous_close_mark(context, span.open_mark, p_start))
    window = text[start : span.open_mark]
    if not window.strip():
        return None
    for cue in reversed(list(_CUE.finditer(window))):
        source = _cue_subject(context, start, cue.start() + start, cue.end() + start, span.open_mark)
        if source is not None:
            return source
    colon = _COLON_LEAD.search(window)
    if colon:
        mentions = context.speaking_mentions(start, start + colon.start() + 1)
        if mentions and start + colon.start() - mentions[-1].end <= 1:  # the name ends where the lead-in does
            return context.source(mentions[-1])
    return None


def _cue_subject(context: _Context, start: int, cue: int, cue_end: int, limit: int) -> _Source | None:
    """Who a speech verb's subject is: written before it (`Lavrov said`), or,
    when nothing but punctuation comes before the verb, after it (`said Lavrov`)."""
    if _INVERTED.fullmatch(context.text, start, cue):
        return _subject_after(context, cue_end, limit)
    return _subject_before(context, start, cue)


def _subject_before(context: _Context, start: int, cue: int) -> _Source | None:
    """The subject of a speech verb, from the words before it in its sentence:
    the actor named right before the verb, a pronoun right before it, or the
    subject of the sentence's first verb ("John Dickey, the chief executive of
    …, told me"; "The head of Germany's BND … told Reuters … but added:"): a
    name at its head, else the noun phrase as written ("a spokesman")."""
    if not context.text[start:cue].strip():
        return None
    mentions = context.speaking_mentions(start, cue)
    if mentions and _GAP.fullmatch(context.text, mentions[-1].end, cue):
        return context.source(mentions[-1])
    pronoun = _PRONOUN_BEFORE_CUE.search(context.text, start, cue)
    if pronoun:
        return _resolve_pronoun(context, pronoun.group(1).lower(), pronoun.start(1))
    first_cue = _CUE.search(context.text, start, cue)
    if first_cue:
        cue = first_cue.start()
    region = context.text[start:cue]
    heads = [m for m in mentions if m.start < cue and _heads_clause(context.text[start : m.start], m.type)]
    people = [m for m in heads if m.type == "PER"]
    if people or heads:
        return context.source((people or heads)[0])
    lead = list(_CLAUSE_PRONOUN.finditer(region))
    if lead:  # `He then defended the remark, saying, "…"`; `Years ago, he backed Obama and said, "…"`
        return _resolve_pronoun(context, lead[-1].group(1).lower(), start + lead[-1].start(1))
    return _definite_role(context, region, start) or _nominal(region)


def _heads_clause(words_before: str, kind: str) -> bool:
    """A name heads its clause when only capitalised words, a previous clause
    (up to a comma) or, for a person, titles come before it ("Secretary of
    State John Kerry", "Republican nominee Donald Trump", "In Ohio, Kasich");
    an organisation after a title is not the speaker ("the head of the BND")."""
    clause = re.split(r"[,;:]|\s--\s|\s[—–]\s", words_before)[-1]
    allowed = _TITLE_WORDS if kind == "PER" else _ARTICLES
    return all(
        (w[:1].isupper() and w.lower() not in ROLE_WORDS) or w.lower().strip(".") in allowed
        for w in _drop_function_words(clause.split())
    )


def _drop_function_words(words: list[str]) -> list[str]:
    """Leading conjunctions and adverbs are not part of a subject: "And even Obama", "As one employee"."""
    while words and words[0].lower() in _FUNCTION_WORDS:
        words = words[1:]
    return words


def _subject_after(context: _Context, start: int, limit: int) -> _Source | None:
    """Inverted order: `said Tom Jones`, `according to Lavrov`, `said he`."""
    region = context.text[start:limit]
    pronoun = _LEAD_PRONOUN.match(region)
    if pronoun and pronoun.group(1).lower() in _PERSONAL:
        return _resolve_pronoun(context, pronoun.group(1).lower(), start + pronoun.start(1))
    mentions = [
        m
        for m in context.speaking_mentions(start, limit, after_cue=True)
        if len(context.text[start : m.start].split()) <= 3
    ]
    people = [m for m in mentions if m.type == "PER"]  # `said Senate Minority Whip Dick Durbin`
    if people or mentions:
        return context.source((people or mentions)[0])
    phrase = _NOMINAL_AFTER.match(region)  # `said one New Hampshire Democrat`
    return _nominal(phrase.group(1)) if phrase else None


def _definite_role(context: _Context, region: str, offset: int) -> _Source | None:
    """`the governor said`: the person the article last gave that role, when
    the subject is just "the" and a role ("the former secretary of state")."""
    match = _DEFINITE_ROLE.search(region)
    if not match:
        return None
    head = match.group(1).lower()
    earlier = context.actors.mentions_before(offset)
    for mention in reversed(earlier):
        if mention.start < offset - _PRONOUN_REACH:
            break
        actor = context.actors.actor(mention.name)
        role = (actor.role if actor else mention.role) or ""
        if mention.type == "PER" and head in role.lower().split():
            return context.source(mention)
    return None


def _nominal(region: str) -> _Source | None:
    """A speaker the article does not name: `a campaign spokesman said`."""
    clause = re.split(r"[,;:()\[\]—–]|\s--\s|\s-\s", region)[-1]
    words = _drop_function_words(clause.split())
    while words and words[0].lower() in _ARTICLES:
        words = words[1:]
    if not words or len(words) > _MAX_NOMINAL_WORDS or words[0].lower() in _NOT_SUBJECTS:
        return None
    return _Source(" ".join(words), None, "nominal")


def _resolve_pronoun(context: _Context, pronoun: str, offset: int) -> _Source | None:
    """he/she: the nearest named person who spoke before (or, failing that,
    was named before) and whose gender does not clash; it: the nearest
    organisation. Other pronouns (I, we, they) are not resolved."""
    if pronoun in ("he", "she", "him", "her"):
        wanted = "m" if pronoun in ("he", "him") else "f"
        return _nearest(context, offset, "PER", wanted)
    if pronoun == "it":
        return _nearest(context, offset, "ORG", None)
    return None


def _nearest(context: _Context, offset: int, kind: str, gender: str | None) -> _Source | None:
    """Who "he", "she" or "it" at ``offset`` most likely is: a speaker of the
    last few paragraphs (news keeps quoting its current source), else the
    nearest actor named as a clause's subject in those paragraphs, else the
    nearest named actor, else an earlier speaker; the first whose known gender
    does not clash."""
    floor = offset - _PRONOUN_REACH
    here = context.paragraph_index(offset)
    recent = context.paragraphs[max(0, here - _SPEAKER_PARAGRAPHS)][0] if context.paragraphs else 0
    speakers = [(at, s) for at, s in reversed(context.named_sources) if floor <= at < offset and s.kind == kind]
    earlier = context.actors.mentions_before(offset)
    named = [
        m
        for m in reversed(earlier)
        if m.start >= floor and m.type == kind and m.end <= offset and not context.in_quote(m.start)
    ]
    candidates = [s for at, s in speakers if at >= recent]
    candidates += [context.source(m) for m in named if m.start >= recent and _is_subject(context, m)]
    candidates += [context.source(m) for m in named]
    candidates += [s for at, s in speakers if at < recent]
    for candidate in candidates:
        if gender is None or context.genders.get(candidate.name, gender) == gender:
            return candidate
    return None


def _is_subject(context: _Context, mention: Mention) -> bool:
    """A name at the head of its clause: news keeps talking about its subjects."""
    start = context.sentence_start(mention.start)
    return _heads_clause(context.text[start : mention.start], mention.type) and not _POSSESSIVE.match(
        context.text, mention.end
    )


def _inherit(context: _Context, spans: list[_Span], sources: list[_Source | None]) -> None:
    """Quotes with no attribution of their own: a split quote (`"…," he said.
    "…"`) takes its neighbour's speaker in the paragraph; a paragraph that is
    one more quote after a quoted speaker's paragraph goes on with that
    speaker, as does a quote after a lead-in paragraph ending `… added:`."""
    for i, span in enumerate(spans):
        if sources[i] is not None:
            continue
        paragraph = context.paragraph(span.open_mark)
        neighbours = [
            j
            for j in (i - 1, i + 1)
            if 0 <= j < len(spans) and sources[j] is not None and context.paragraph(spans[j].open_mark) == paragraph
        ]
        if neighbours:
            sources[i] = sources[neighbours[0]]
            continue
        if span.open_mark != paragraph[0] or i == 0 or sources[i - 1] is None:
            continue
        if context.paragraph_index(spans[i - 1].open_mark) + 1 == context.paragraph_index(span.open_mark):
            sources[i] = sources[i - 1]


def _named_sources(context: _Context) -> list[tuple[int, _Source]]:
    """Every speech verb whose subject is a named actor ("X said", "said X",
    "X, the chief executive of …, said"), by the verb's offset."""
    found = []
    for cue in _CUE.finditer(context.text):
        if context.in_quote(cue.start()):
            continue
        start = max(context.sentence_start(cue.start()), cue.start() - 300)
        source = _named_subject(context, start, cue.start()) or _named_object(context, cue.end())
        if source is not None:
            found.append((cue.start(), source))
    return found


def _named_subject(context: _Context, start: int, cue: int) -> _Source | None:
    mentions = context.speaking_mentions(start, cue)
    if mentions and _GAP.fullmatch(context.text, mentions[-1].end, cue):
        return context.source(mentions[-1])
    if _PRONOUN_BEFORE_CUE.search(context.text, start, cue):
        return None
    first_cue = _CUE.search(context.text, start, cue)
    end = first_cue.start() if first_cue else cue
    heads = [m for m in mentions if m.start < end and _heads_clause(context.text[start : m.start], m.type)]
    return context.source(heads[0]) if heads else None


def _named_object(context: _Context, start: int) -> _Source | None:
    limit = min(len(context.text), start + 60)
    after = context.speaking_mentions(start, limit, after_cue=True)
    if after and len(context.text[start : after[0].start].split()) <= 1:
        return context.source(after[0])
    return None


def _genders(context: _Context) -> dict[str, str]:
    """Each person's gender as the article shows it: an honorific (Mr., Mrs.),
    a gendered role (chairwoman), a first name that census lists give to one
    gender, and the pronouns that follow their name in the same sentence.
    Unknown people are left out (any pronoun may be them)."""
    votes: dict[str, list[int]] = {}
    text = context.text
    names = first_names()
    people = [m for m in context.actors.mentions if m.type == "PER"]
    for i, mention in enumerate(people):
        tally = votes.setdefault(mention.name, [0, 0])
        honorific = _HONORIFIC_BEFORE.search(text, max(0, mention.start - 6), mention.start)
        if honorific:
            tally[0 if honorific.group(1).lower() == "mr" else 1] += 3
        role = (mention.role or "").lower()
        if any(w in role for w in _FEMALE_ROLES):
            tally[1] += 3
        first = names.get(mention.name.split()[0].lower()) if " " in mention.name else None
        if first:
            tally[0 if first == "m" else 1] += 2
        end = min(context.sentence_end(mention.start), people[i + 1].start if i + 1 < len(people) else len(text))
        pronoun = _GENDERED_PRONOUN.search(text, mention.end, end)
        if pronoun:
            tally[0 if pronoun.group(1).lower() in ("he", "his", "him", "himself") else 1] += 1
    return {name: ("m" if m > f else "f") for name, (m, f) in votes.items() if m != f}


def _next_open_mark(context: _Context, start: int, limit: int) -> int:
    """Where the next quotation of MIN_QUOTE_WORDS or more opens: a short one
    (`wearing "Ted Cruz" pins, said`) does not end an attribution."""
    for open_mark, close_mark in context.quoted[bisect.bisect_left(context.quoted, (start, -1)) :]:
        if open_mark >= limit:
            break
        if len(context.text[open_mark:close_mark].split()) >= MIN_QUOTE_WORDS:
            return open_mark
    return limit


def _previous_close_mark(context: _Context, end: int, limit: int) -> int:
    """The last quotation's close mark in [limit, end], else ``limit``: quotations
    do not overlap, so close marks rise with open marks."""
    index = bisect.bisect_right(context.quoted, (end, len(context.text) + 1)) - 1
    while index >= 0 and context.quoted[index][1] > end:
        index -= 1
    return context.quoted[index][1] if index >= 0 and context.quoted[index][1] >= limit else limit


def _skip_space(text: str, start: int, limit: int) -> int:
    while start < limit and text[start] in " \t\n,":
        start += 1
    return start


def _score(quotes: list[Quote], actors: ActorIndex, summary: Sequence[tuple[int, int]]) -> None:
    """Key quotes are substantial (KEY_QUOTE_WORDS words or more), attributed,
    from the story's main actors, and new to a reader of the summary."""
    if not quotes:
        return
    raw = []
    for quote in quotes:
        n_words = len(quote.text.split())
        length = min(n_words, 40) / 40 if n_words >= KEY_QUOTE_WORDS else 0.1
        actor = actors.actor(quote.speaker) if quote.speaker else None
        salience = 1.0 + math.log1p(actor.mentions) if actor else (0.8 if quote.speaker else 0.3)
        shown = sum(max(0, min(end, quote.end) - max(start, quote.start)) for start, end in summary)
        novelty = 1.0 - min(1.0, shown / max(1, quote.end - quote.start))
        raw.append(length * salience * (0.4 + 0.6 * novelty))
    top = max(raw) or 1.0
    for quote, value in zip(quotes, raw, strict=False):
        quote.score = round(value / top, 4)


# ---------------------------------------------------------------- other languages
#
# German, Spanish and any language registered after them read their quotes
# with their own data (`newsum.nlp.languages`): quotation mark pairs
# (``quotes.txt``: „…“ closes at “, »…« at «, «…» at »), verbs of saying and
# attribution patterns (``attribution.txt``: "sagte Merkel", "so der Minister",
# "dijo Fauci", "según la ministra", "—afirmó el presidente—"), pronouns
# (er/sie, él/ella). A language with a dash pattern (Spanish) also reads
# dialogue paragraphs ("—Vamos a ganar —afirmó—. Y lo haremos."). The English
# rules above stay as they are.

_DASHES = "—―"
_MAX_WORDS_TO_CUE = 4
# Words that attribute without a verb: "…", so Merkel / laut der Polizei / según Fauci.
_ATTRIBUTING = r"laut(?=\s+(?-i:[^\W\d_a-zäöüß]|[„»\"]|(?:dem|der|den|des|einem|einer|eines|einigen)\b))|zufolge|nach\s+(?:angaben|aussagen?|auffassung|ansicht|meinung|darstellung|einschätzung|worten)|según|seg[uú]n"
# "so" attributes only after a comma or a closing mark („…“, so Merkel), not in
# "So heißt es", "so genannte", "so gut wie".
_SO = r"(?:(?<=,\s)|(?<=[“”»«\"]\s)|(?<=[“”»«\"]))so\b"
# Before an organisation, words that make it no speaker: "Sprecher des Weißen Hauses", "von der CFTC".
_PREPOSITIONS = frozenset(
    "von vom der des den dem mit im in bei beim für gegen über zur zum aus de del en con por para sobre contra".split()
)
# `Die Autoren der Studie werfen … vor:` -> "Autoren der Studie".
_NOMINAL_SUBJECT = re.compile(
    r"\s*(?:Der|Die|Das|Ein|Eine|El|La|Los|Las|Un|Una)\s+((?:[\w-]+\s+){0,1}[^\W\d_][\w-]*(?:\s+(?:der|des|de|del)\s+[\w-]+)?)\s+[a-zäöüßáéíóúñ]"
)
_DETERMINERS = frozenset("der die das dem den des ein eine einer el la los las lo un una del al".split())
# Before a capitalised word, words that make it a noun and no speaker: "in seiner
# Radioansprache erklärte", "bezeichnete die Entscheidung", "con su discurso".
_NOUN_MARKERS = (
    _PREPOSITIONS
    | _DETERMINERS
    | frozenset(
        """eines einem einen kein keine keinem keinen keiner dieser diese dieses diesem diesen jener jene
    sein seine seinem seinen seiner seines ihr ihre ihrem ihren ihrer ihres unser unsere unserem unseren
    mein meine meinem meinen dein deine euer eure nach vor auf an am um durch ohne unter zwischen wegen
    während seit bis als wie und oder su sus mi mis nuestro nuestra este esta estos estas ese esa""".split()
    )
)


@dataclass(frozen=True)
class _Speech:
    """One language's quotation marks and attribution, compiled once."""

    closers: dict[str, frozenset[str]]
    """Opening mark -> the marks that close it."""
    singles: frozenset[str]
    patterns: tuple[re.Pattern[str], ...]
    verb: re.Pattern[str]
    pronoun_after: re.Pattern[str]
    pronoun_before: re.Pattern[str]
    pronouns: dict[str, str]
    dialogue: bool
    verb_second: bool
    """Main clauses put the finite verb second (German): word order tells the subject."""
    cue: re.Pattern[str]
    """A verb of saying, or a word that attributes ("so", "laut", "zufolge", "según")."""
    prepositions: frozenset[str]
    stop_words: frozenset[str]
    """The language's stop words: a capitalised one is no speaker ("So", "Dies")."""
    noun_markers: frozenset[str]
    """Words before a noun, not a name: articles, possessives, prepositions."""
    titles: frozenset[str]
    """Single title and role words, lower case ("minister", "sprecher", "chef")."""
    role_ending: re.Pattern[str]
    """A verb-second language's compound role, closed by a title ("Bundesinnenministerin")."""


_SPEECH: dict[str, _Speech] = {}


def _speech(language: Language) -> _Speech:
    cached = _SPEECH.get(language.code)
    if cached is not None:
        return cached
    closers: dict[str, set[str]] = {}
    singles = set()
    for opening, closing in language.quote_pairs:
        closers.setdefault(opening, set()).add(closing)
        if opening == "„":
            closers[opening].add("”")  # „…” in careless copy
        if opening in "‚‘’'‹›":
            singles.add(opening)
    verbs = _verb_alternation(language.speech_verbs)
    pronouns = "|".join(sorted((re.escape(p) for p in language.pronouns), key=len, reverse=True)) or "(?!)"
    speech = _Speech(
        closers={k: frozenset(v) for k, v in closers.items()},
        singles=frozenset(singles),
        patterns=language.attribution_patterns,
        verb=re.compile(rf"\b(?:{verbs})\b", re.IGNORECASE),
        pronoun_after=re.compile(rf"\b(?:{verbs})\s+(?P<speaker>{pronouns})\b", re.IGNORECASE),
        pronoun_before=re.compile(rf"\b(?P<speaker>{pronouns})\s+(?:\w+\s+)?(?:{verbs})\b", re.IGNORECASE),
        pronouns=dict(language.pronouns),
        dialogue=any(p.pattern.startswith(("—", "―")) for p in language.attribution_patterns),
        verb_second=language.code in _VERB_SECOND,
        cue=re.compile(rf"\b(?:{verbs}|{_ATTRIBUTING})\b|{_SO}", re.IGNORECASE),
        prepositions=_PREPOSITIONS,
        stop_words=language.stop_words,
        noun_markers=_NOUN_MARKERS,
        titles=frozenset(t for t in language.titles if " " not in t) | language.title_words,
        role_ending=_role_ending(language),
    )
    _SPEECH[language.code] = speech
    return speech


# A word of a clause (appositions' commas and quoted words included): no space, no sentence punctuation.
_CLAUSE_WORD = r"[^\s.:;!?]+"
_MAX_SPLIT_WORDS = 10


def _verb_alternation(verbs: frozenset[str]) -> str:
    """The verbs of saying as one regex alternation. A verb of several words
    ("gab an", "führte aus", "schloss sich an") matches as written and also
    split, as German splits its separable verbs: the finite verb in second
    place and the particle closing the clause ("gab das Ministerium gestern
    bekannt:", "führte er aus."); then only the finite verb is matched, so
    that a subject after it reads as after any verb."""
    forms = sorted((re.escape(v) for v in verbs), key=len, reverse=True)
    for verb in sorted(v for v in verbs if " " in v):
        head, *middle, particle = verb.split()
        lead = r"\s+".join(re.escape(w) for w in (head, *middle))
        forms.append(
            rf"{lead}(?=(?:\s+{_CLAUSE_WORD}){{1,{_MAX_SPLIT_WORDS}}}?\s+{re.escape(particle)}\s*(?:[,.:;!?„“»«\"]|$))"
        )
    return "|".join(forms) or "(?!)"


def quote_spans_in(language: Language, text: str) -> list[_Span]:
    """Inner offsets of every quotation in a text in ``language``: each opening
    mark closes only at one of its own closing marks („…“ at “, not at the next
    „); a double quote left open runs to the end of its paragraph, or on into
    the next when that one opens with a quote mark; a single quote (‚…‘)
    counts only when it closes in its paragraph; nested quotes are part of the
    outer one. Dialogue paragraphs (—…) are quotes up to the narrator's aside."""
    speech = _speech(language)
    spans: list[_Span] = []
    pending: _Span | None = None
    for p_index, (p_start, p_end) in enumerate(paragraph_spans(text)):
        opened: tuple[int, frozenset[str]] | None = None
        start = p_start
        i = p_start
        if pending is not None:
            first = text[p_start]
            if first in speech.closers and first not in speech.singles:
                opened, start, i = (pending.open_mark, speech.closers[first]), pending.start, p_start + 1
                pending = None
            else:
                spans.append(pending)
                pending = None
        if opened is None and speech.dialogue and text[p_start] in _DASHES:
            spans.extend(_dialogue(text, p_start, p_end, p_index))
            continue
        while i < p_end:
            ch = text[i]
            if opened is not None:
                if ch in opened[1] and (ch != '"' or _may_close(text, i, p_end)):
                    spans.append(_Span(start, i, opened[0], i + 1, p_index))
                    opened = None
                i += 1
                continue
            if ch in speech.closers and _may_open(text, i, p_start, p_end, ch):
                if ch in speech.singles:
                    close = _single_close(text, i + 1, p_end, speech.closers[ch])
                    if close is not None:
                        spans.append(_Span(i + 1, close, i, close + 1, p_index))
                        i = close
                else:
                    opened, start = (i, speech.closers[ch]), i + 1
            i += 1
        if opened is not None:
            pending = _Span(start, p_end, opened[0], p_end, p_index)
    if pending is not None:
        spans.append(pending)
    return [s for s in (_trim(text, s) for s in spans) if s.end > s.start]


def _may_open(text: str, at: int, p_start: int, p_end: int, mark: str) -> bool:
    """A direction-less mark (" ') opens after a space or bracket and before a word."""
    if mark not in "\"'’":
        return True
    before = text[at - 1] if at > p_start else " "
    following = text[at + 1] if at + 1 < p_end else " "
    return before in _LEFT_OF_OPENING and not following.isspace()


def _may_close(text: str, at: int, p_end: int) -> bool:
    following = text[at + 1] if at + 1 < p_end else " "
    return not following.isalnum()


def _single_close(text: str, start: int, p_end: int, closers: frozenset[str]) -> int | None:
    for j in range(start, p_end):
        if text[j] in closers and not (text[j - 1].isalpha() and j + 1 < p_end and text[j + 1].isalpha()):
            return j
    return None


# `—Vamos a ganar —afirmó el presidente—. Y lo haremos.`: the aside opens at a
# dash after a space and before a lower-case word, and closes at the next dash.
_ASIDE = re.compile(r"\s[—―]\s*(?=[a-záéíóúñü¿¡])")


def _dialogue(text: str, p_start: int, p_end: int, p_index: int) -> list[_Span]:
    spans = []
    start = p_start + 1
    while start < p_end:
        aside = _ASIDE.search(text, start, p_end)
        if aside is None:
            spans.append(_Span(start, p_end, start - 1, p_end, p_index))
            break
        spans.append(_Span(start, aside.start(), start - 1, aside.start() + 1, p_index))
        close = next((j for j in range(aside.end(), p_end) if text[j] in _DASHES), None)
        if close is None:
            break
        start = close + 1
        while start < p_end and text[start] in " .,;:":
            start += 1
    return spans


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
    and a split quote or a quoting paragraph going on with its neighbour's."""
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


def _inherit_in(context: _Context, spans: list[_Span], sources: list[_Source | None]) -> None:
    """`_inherit` for a verb-second language, where a quote in its own sentence
    has had its subject read already: a quote takes its neighbour's speaker
    only within one sentence (a quote split by its attribution), or, opening
    its sentence, from the quote before it in the paragraph; what is left
    unattributed stays so (`_inherit` then only carries a speaker into a
    paragraph that is one more quote)."""
    for i, span in enumerate(spans):
        if sources[i] is not None:
            continue
        sentence = context.sentence_start(span.open_mark)
        lead = context.text[sentence : span.open_mark].strip()
        opens = not lead or lead.endswith(":")  # `Seine Zuversicht gründet sich darauf: „…“`
        paragraph = context.paragraph(span.open_mark)
        for j in (i - 1, i + 1):
            if not (0 <= j < len(spans)) or sources[j] is None or context.paragraph(spans[j].open_mark) != paragraph:
                continue
            same_sentence = context.sentence_start(spans[j].open_mark) == sentence
            if same_sentence or (j == i - 1 and opens):
                sources[i] = sources[j]
                break
        if sources[i] is None and i > 0 and span.open_mark == paragraph[0] and sources[i - 1] is not None:
            # A paragraph that is one more quote goes on with the last paragraph's speaker.
            if context.paragraph_index(spans[i - 1].open_mark) + 1 == context.paragraph_index(span.open_mark):
                sources[i] = sources[i - 1]
        if sources[i] is None:
            sources[i] = _UNATTRIBUTED


_UNATTRIBUTED = _Source("", None, "unattributed")
"""A quote the rules read and found no speaker for: not to be filled from a neighbour."""


def _title_in_sentence(speech: _Speech, context: _Context, span: _Span) -> bool:
    """A quotation nobody is said to speak that reads as a title or a name: it
    starts with a capital inside a running sentence, is no sentence itself (no
    final . ! ? …), follows no colon and no word for words ("Sprüche wie")
    („Nackt unter Wölfen“, „Gesetz zur Bekämpfung …“, „Opa Friedrich“)."""
    text = context.text
    body = text[span.start : span.end].rstrip()
    if (
        not body[:1].isupper()
        or body.endswith((".", "!", "?", "…", ".“"))
        or text[span.close_mark : span.close_mark + 1] == ","
    ):
        return False
    before = text[context.sentence_start(span.open_mark) : span.open_mark].split()
    if not before or before[-1].endswith(":"):
        return False
    previous = before[-1].lower()
    return previous not in _WORDING_NOUNS and not (
        previous == "wie" and len(before) > 1 and before[-2].lower() in _WORDING_NOUNS
    )


# Lower-case words a name or title may hold: „Partij voor de Vrijheid“,
# „Biennale for Contemporary Art“, „Mit dem Goldbären zur Kultmarke“ aside.
_NAME_PARTICLES = frozenset(
    "de du des der die das dem den la le les el of for the and voor van von und y pour un et di da del am im an in zu zum zur für".split()
)
_MAX_TITLE_WORDS = 8


def _title_like(body: str) -> bool:
    """A quoted name or title, not words spoken: two to eight words, all
    capitalised but for particles („Neues Deutschland“, „Partij voor de Vrijheid“)."""
    words = re.findall(r"[^\W\d_][\w'’.-]*", body)
    if not 2 <= len(words) <= _MAX_TITLE_WORDS or body.rstrip().endswith((".", "!", "?", ",")):
        return False
    return all(w[:1].isupper() or w.lower() in _NAME_PARTICLES for w in words)


# Before a quoted name: a definite article, a preposition that cites a source
# or a place ("laut „Reuters“", "Ziel von „Wikiasari“"), "so genannt".
_BEFORE_NAMES = frozenset(
    """der die das dem den des laut von vom im zum zur beim ins sogenannte sogenannten sogenannter
    sogenanntes genannte genannten genannter genanntes el la los las del al""".split()
)
_MAX_NAME_WORDS = 3
_WEB_ADDRESS = re.compile(r"\S*\w\.(?:[a-z]{2,}|[a-z]{2,}\.[a-z]{2,})/?\S*")


# Nouns that introduce words as words: what follows in quotation marks was
# said or written ("die Bezeichnung „Gesindel“", "Sprüche wie „Gefälschte Demokratie“").
_WORDING_NOUNS = frozenset(
    """bezeichnung begriff wort worte worten ausdruck formulierung parole parolen spruch sprüche losung
    aussage satz zitat rufe rufen schlagwort""".split()
)
# Words before a judgement in quotation marks, which is no name: "als „…“", "einer „…“".
_JUDGING = frozenset("als ein eine einen einem einer".split())
# Nouns that name what follows: a motto, a title, a name ("unter dem Motto „…“").
_NAMING_NOUNS = frozenset("motto titel untertitel slogan name namen kennwort".split())
# `„Wikiasari“, so heißt ein geplantes Projekt`: the quote is a name.
_NAMED_AFTER = re.compile(r"\s*,?\s*so\s+(?:heißt|hieß|heisst|hiess|lautet|lautete|nennt|nannte)\b", re.IGNORECASE)


def _names_a_thing(speech: _Speech, text: str, span: _Span) -> bool:
    """A quoted name, title or term, not words someone said: a title of
    capitalised words („Neues Deutschland“), a web address („tagesschau.de“),
    or up to three capitalised words that a definite article, a citing
    preposition or the noun they name stands before („die „Computerwoche“",
    "laut „Reuters“", "die Fluggesellschaft „Condor“", "den sogenannten
    „Tigerstreifen“"). An indefinite article introduces a judgement, which
    is a quote: "nannte es einen „Vertrauensbruch“"."""
    body = text[span.start : span.end].strip()
    before = text[max(0, span.open_mark - 60) : span.open_mark].split()
    previous = before[-1].strip("(:").lower() if before else ""
    if previous in _WORDING_NOUNS or (previous == "wie" and len(before) > 1 and before[-2].lower() in _WORDING_NOUNS):
        return False
    if previous in _NAMING_NOUNS or _NAMED_AFTER.match(text, span.close_mark):
        return True
    if previous in _JUDGING:
        return False  # `als „Geschäft des Jahrhunderts“`, `ein „Opfer des Terrorismus“`: a judgement, not a name
    if _title_like(body) or _WEB_ADDRESS.fullmatch(body):
        return True
    words = body.split()
    if (
        len(before) > 1
        and before[-1][:1].isupper()
        and before[-1].isalpha()
        and before[-2].lower() in _DETERMINERS
        and body[:1].isupper()
        and len(words) <= _MAX_TITLE_WORDS
        and not re.search(r"[.,;:!?…]$", body)
    ):
        return True  # `Der Film „Die letzte Fahrt nach Norden“`: the noun's name
    if not 0 < len(words) <= _MAX_NAME_WORDS or not body[:1].isupper() or re.search(r"[.,;:!?…]$|,", body):
        return False
    if not before:
        return False
    previous = before[-1]
    if previous.lower() in ("von", "vom", "vor", "den") and any(
        speech.verb.fullmatch(w.strip(",").lower()) for w in before[-5:-1]
    ):
        return False  # `sprachen in diesem Zusammenhang von „Panikverkäufen“`, `warnte vor den „…“`
    if previous.lower() in _BEFORE_NAMES:
        return True
    # `die Zeitung „Hürriyet“`: a noun, not a sentence's first word, names it.
    return (
        previous.isalpha()
        and previous[:1].isupper()
        and previous.lower() not in speech.stop_words
        and len(before) > 1
        and before[-2][-1:] not in '.!?:“”»«"'
    )


def _cued(speech: _Speech, context: _Context, span: _Span) -> bool:
    """A verb of saying (or "so", "laut") in the quote's sentence, outside it."""
    start = context.sentence_start(span.open_mark)
    end = context.sentence_end(max(span.open_mark, span.close_mark - 1))
    return any(not span.open_mark <= m.start() < span.close_mark for m in speech.cue.finditer(context.text, start, end))


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


# Languages whose main clauses put the finite verb second: what stands before
# the verb is the subject ("Der Minister sagte"), or an adverbial or object
# after which the subject follows the verb ("Am Montag sagte der Minister",
# "Die Äußerungen nannte er").
_VERB_SECOND = frozenset({"de"})
# Words that open a noun phrase in the nominative as well as in other cases.
_NP_OPENERS = frozenset("der die das ein eine einige mehrere viele alle beide zwei drei vier fünf".split())
# Leading words that leave the subject where it is ("Auch Ministerpräsident Koch
# kritisierte", "Und die Polizei sagte").
_FOCUS = frozenset("auch nur selbst sogar und aber doch zudem ebenso gerade".split())
# Words that open a subordinate clause, whose verb comes last and whose subject
# comes first (", indem sie … aufforderte:", "Wie Paech … feststellt,").
_SUBORDINATORS = frozenset(
    """dass ob weil indem nachdem wie als wenn da während obwohl bevor sodass damit wonach zumal weshalb
    weswegen falls sobald solange seitdem ehe wobei woraufhin""".split()
)
# Finite auxiliaries and modals: the verb in second place when the verb of
# saying is a participle at the end ("Aridi hatte … „…“ bekanntgegeben").
_AUXILIARIES = frozenset(
    """hat hatte haben hatten habe hätte ist war sind waren sei wird wurde werden wurden werde würde kann
    konnte will wollte muss musste soll sollte darf durfte möchte lässt ließ""".split()
)
# Prepositions and adverbs that open a sentence as an adverbial (besides the
# stop words): the subject then follows the finite verb.
_ADVERBIALS = frozenset(
    """angesichts trotz seitens aufgrund wegen infolge anlässlich bezüglich hinsichtlich gemäß dank mittels
    gegenüber zuvor offenbar offensichtlich vermutlich ähnlich gestern vorgestern morgen daraufhin zudem
    inzwischen anschließend zunächst schließlich kürzlich jüngst unterdessen indessen derweil demgegenüber
    dagegen hingegen ebenfalls gleichzeitig zugleich mittlerweile bislang bisher weiterhin erneut abschließend
    später damals tags""".split()
)
_ADVERB_ENDINGS = ("lich", "end", "weise", "mals", "falls", "dings", "wärts", "isch")
# Words that may stand between a verb and its subject ("sagte gestern Merkel",
# "äußerte sich der Minister").
_SKIPPABLE = frozenset(
    "sich gestern heute dazu dabei damals zudem außerdem auch bereits noch nun jedoch aber weiter".split()
)
# Inside a noun phrase after its verb, only these prepositions belong to it
# ("der Sportchef von Bayer Leverkusen"); others start an adverbial ("nach dem Spiel").
_ATTRIBUTE_PREPOSITIONS = frozenset("von vom des der für".split())
# Words that stand where an article does ("solcher Alternativen", "jedes Jahr").
_DETERMINER_LIKE = frozenset(
    """solche solcher solchen solches jede jeder jeden jedes jedem alle allen beiden mehreren einigen vielen
    manche manchen welche welcher welchen""".split()
)
_ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")
# Endings of nouns for things, not people ("Äußerungen", "Entwicklung", "Arbeit").
_THING_ENDINGS = ("ung", "ungen", "heit", "keit", "schaft", "nis", "tum", "ismus", "ment", "beit")
_MAX_SKIPPED = 3


def _verb_second_source(speech: _Speech, context: _Context, span: _Span) -> _Source | None:
    """The speaker from the word order of the quote's sentence around its verb
    of saying. A sentence that ends in a comma, the finite verb and its subject
    is attributed whole („…“, sagte der Minister; „…“, hatte Winterkorn
    erklärt; …, wie Hoyzer zitiert wird). Before the quote, the subject is the
    noun phrase right before the verb ("…, Bundestrainer Löw bezeichnete"),
    the subject of the subordinate clause holding it (", indem sie …
    forderte:"), or the sentence's first noun phrase, unless that is an
    adverbial or an object, when it follows the finite verb ("In einem
    Interview erklärte er", "Die Äußerungen nannte Wiefelspütz …"). A passive
    verb of saying without an agent ("die als „nebelartig“ beschrieben
    wurden") has no speaker: `_NOBODY`. None when the sentence has no verb of
    saying or no subject is found: the other rules then try."""
    text = context.text
    start = context.sentence_start(span.open_mark)
    end = context.sentence_end(max(span.open_mark, span.close_mark - 1))
    verbs = _verbs_in(speech, context, start, end)
    before = [c for c in verbs if c.start() < span.open_mark]
    after = [c for c in verbs if c.start() >= span.close_mark]
    opening_clause = re.match(r"\s*(\w+)", text[start : span.open_mark])
    own_clause = bool(before) and opening_clause is not None and opening_clause.group(1).lower() in _SUBORDINATORS
    closing = None if own_clause else _closing_attribution(speech, context, span, after, end)
    if closing is not None:
        return closing
    if not text[start : span.open_mark].strip():
        return None
    if not (before or after):
        cited = _attributed(speech, context, start, end) or _document_source(context, start, end)
        if cited is not None:
            return cited
        # `Dabei griff sie den Präsidenten an: „…“`: the clause before the colon speaks,
        # unless it is reported speech (`Queensland sei … verpflichtet: „…“`).
        colon = _COLON_LEAD.search(text, start, span.open_mark)
        first_comma = text.find(",", start, colon.start()) if colon is not None else -1
        if colon is None or _reported(speech, text, start, first_comma if first_comma > 0 else colon.start()):
            return None
        found = _prefield_subject(speech, context, start, colon.start(), None, colon.start())
        return found if found is None or found.kind != "nominal" or _names_a_person(speech, found.name) else None
    cue = before[-1] if before else after[0]
    said = _heisst_es(speech, context, start, end, cue)
    if said is not None:
        return said
    if _passive(text, cue, start):
        return _passive_source(speech, context, start, end)
    limit = cue.start() if before else span.open_mark
    cited = _wie_clause(speech, context, start, span.open_mark, before) or _denied_claim(context, start, cue, span)
    if cited is not None:
        return cited
    main_verb = _after_opening_clause(speech, context, start, limit)
    if main_verb is not None:
        found = _subject_after_verb(speech, context, main_verb, span.open_mark)
        if found is not None:
            return found
    clause = _subordinate_start(speech, context, start, cue)
    if clause is not None:
        reports = cue.group().lower() in _REPORTING and text[start:clause].split()[0].lower() == "wie"
        main = _main_clause_subject(speech, context, cue, span.open_mark) if reports else None
        return main or _subject_after_verb(speech, context, clause, cue.start())
    if before:
        if (
            re.search(r",\s*$", text[start : cue.start()])
            and not _closes_relative(text, start, cue.start())
            and not re.match(r"\s*(?:\w+\s*)?,", text[cue.end() : span.open_mark])
        ):
            # `Sie sei „geschockt“, sagte die Königin, ihre „Gedanken …“`: the subject follows
            # (not in `…, sagte aber, die Republikaner müssten …`).
            inverted = _subject_after_verb(speech, context, cue.end(), span.open_mark)
            if inverted is not None and (inverted.kind != "nominal" or _names_a_person(speech, inverted.name)):
                return inverted
        nearest = _noun_phrase_before(speech, context, start, cue.start())
        if nearest is not None:
            return nearest
    return _prefield_subject(speech, context, start, limit, cue, span.open_mark)


# Verbs with which a medium reports: "Wie der Sender berichtet, …" cites where
# the news is from; the main clause's subject is the speaker.
_REPORTING = frozenset(
    "berichtet berichtete berichten berichteten meldet meldete melden meldeten schreibt schrieb".split()
)


def _verbs_in(speech: _Speech, context: _Context, start: int, end: int) -> list[re.Match[str]]:
    """The verbs of saying of the sentence [start, end), outside quotes. The
    whole sentence is searched, since a split verb looks ahead to its particle
    ("wies … als „haltlos“ zurück"); a capitalised form past the sentence's
    first word is a noun ("nach Berichten"), and one after an article is an
    adjective ("einem refrainartig skandierten „…“")."""
    text = context.text
    first = _skip_space(text, start, end)
    return [
        c
        for c in speech.verb.finditer(text, start, end)
        if not context.in_quote(c.start())
        and not _attributive(text, c.start())
        and (c.group()[:1].islower() or c.start() == first)
    ]


_NOBODY = _Source("", None, "nobody")
"""Attribution that names no speaker: a passive verb of saying without its agent."""
_PASSIVE = re.compile(r"\s+(?:worden|wurden?|wird|werden)\b")


def _passive(text: str, cue: re.Match[str], start: int | None = None) -> bool:
    """A participle of saying in the passive: followed by its auxiliary ("die
    als „nebelartig“ beschrieben wurden"), or closing a clause that has one
    ("Seine Werke werden von Kennern als „…“ bezeichnet."). "zitiert" is not:
    who "wird zitiert" is the speaker ("Sie wird mit den Worten zitiert")."""
    word = cue.group().lower()
    if not word.endswith(("t", "en")) or word == "zitiert":
        return False
    if _PASSIVE.match(text, cue.end()):
        return True
    closes = re.match(r"\s*[.,;:!?]", text[cue.end() : cue.end() + 3]) is not None
    return (
        start is not None
        and closes
        and re.search(r"\b(?:wird|werden|wurde|wurden)\b", text[start : cue.start()]) is not None
    )


# "laut", "nach Angaben": the source follows; "zufolge": it comes before.
_CITING = re.compile(
    r"\b(?:[Ll]aut|[Nn]ach\s+(?:(?:den|dem|der|einer)\s+)?(?:[Aa]ngaben|[Aa]ussagen?|[Aa]uffassung|[Aa]nsicht|[Mm]einung"
    r"|[Dd]arstellung|[Ee]inschätzung|[Ww]orten|[Aa]nkündigung|[Ii]nformationen|[Ee]rkenntnissen)(?:\s+vo[nm])?)\s+"
    r"(?=[^\W\d_a-zäöüß]|[„»\"]|(?:dem|der|den|des|einem|einer|eines|einigen)\b|[\w.-]+\.[a-z]{2,}\b)"
)
_CITED_AFTER = re.compile(r"(?:dem|der|den|einem|einer|einigen|mehreren)\s+((?:[\w-]+\s+){0,2}[\w-]+)\s+zufolge\b")
# Words for what a source says, before the source in the genitive ("laut einer
# Pressemitteilung des BMI" -> BMI).
_STATEMENT_NOUNS = frozenset(
    """pressemitteilung mitteilung pressemeldung meldung bericht berichten angaben erklärung presseerklärung
    aussage aussagen informationen website homepage sprecher sprecherin""".split()
)


def _attributed(speech: _Speech, context: _Context, start: int, end: int) -> _Source | None:
    """The source a sentence cites without a verb: "laut der Polizei", "nach
    Angaben der Feuerwehr", "laut einer Pressemitteilung des BMI" (the
    ministry), "laut „Reuters“", "dem Bericht zufolge" (as written)."""
    text = context.text
    for cue in _CITING.finditer(text, start, end):
        if context.in_quote(cue.start()):
            continue
        at = cue.end()
        cited = _cited_name(context, text[at : at + 80].split()[0] if text[at : at + 80].split() else "", at)
        if cited is not None:
            return cited
        genitive = re.match(r"(?:(?:einer|einem|eines|der|dem|des|den)\s+)?([\w-]+)\s+(?:des|der|von)\s+", text[at:end])
        if genitive and genitive.group(1).lower() in _STATEMENT_NOUNS:
            at += genitive.end()
        found = _subject_after_verb(speech, context, at, end, oblique=True)
        if found is not None:
            return found
    for cue in _CITED_AFTER.finditer(text, start, end):
        if not context.in_quote(cue.start()):
            return _nominal_source(speech, context, cue.start(1), cue.end(1))
    holder = re.match(r"\s*Für\s+", text[start:end])
    if holder is not None:
        # `Für den Gesundheitsminister Temporao ist die Lage „alarmierend“`: in his view.
        found = _subject_after_verb(speech, context, start + holder.end(), end, oblique=True)
        if found is not None and (found.kind == "PER" or _is_role(speech, found.name.split()[0])):
            return found
    return None


_ATTRIBUTIVE = re.compile(r"\b(?i:der|die|das|dem|den|des|ein|eine|einem|einen|einer|eines)(?:\s+[a-zäöüß][\w-]*)?\s+$")


def _attributive(text: str, at: int) -> bool:
    """A participle used as an adjective, not a verb: inflected after an
    article ("mit einem refrainartig skandierten „…“", "die viel zitierte
    Rede"); "das zumindest meint" is a verb."""
    word = re.match(r"\w+", text[at:])
    inflected = word is not None and word.group().lower().endswith(_ADJECTIVE_ENDINGS)
    return inflected and _ATTRIBUTIVE.search(text, max(0, at - 40), at) is not None


def _closing_attribution(
    speech: _Speech, context: _Context, span: _Span, after: list[re.Match[str]], end: int
) -> _Source | None:
    """A sentence that closes with its attribution after a comma: the finite
    verb ("…, sagte der Minister", "…, hatte Koch-Mehrin damals gesagt",
    "„…“, zitiert Welt-Online den Minister") or "wie" ("…, wie Hoyzer
    zitiert wird"), then the subject. It attributes everything before it."""
    text = context.text
    for cue in after:
        clause = text.find(",", span.close_mark - 1, cue.start())
        while clause >= 0 and context.in_quote(clause):
            clause = text.find(",", clause + 1, cue.start())
        if clause < 0:
            continue
        first = re.match(r",\s*([\w-]+)", text[clause:end])
        if first is None:
            continue
        word, word_end = first.group(1).lower(), clause + first.end(1)
        if word in ("heißt", "hieß", "hiess", "heisst"):
            return _heisst_es(speech, context, clause, end, cue)
        if word in ("wie", "so") and word_end < cue.start():
            return _subject_after_verb(speech, context, word_end, cue.start())
        if cue.start() < word_end:
            return _subject_after_verb(speech, context, cue.end(), end)
        if word in _AUXILIARIES and not re.search(r"[,;:]", text[word_end : cue.start()].replace(", ", " ")):
            return _subject_after_verb(speech, context, word_end, cue.start())
    so = _CLOSING_SO.search(text, span.close_mark, end)
    if so is not None and not context.in_quote(so.start()):
        # `…, so ein Sprecher des CERN.`: "so" and the source close the sentence.
        return _subject_after_verb(speech, context, so.end(), end)
    return None


_CLOSING_SO = re.compile(r",\s*so\s+(?=\S+(?:\s+\S+){0,7}\s*[.!?]?\s*$)")


_HEISST_ES = re.compile(r"\b(?:heißt|hieß|heisst|hiess)\s+es\b", re.IGNORECASE)
_IN_SOURCE = re.compile(r"\s*\b(?:in|im|auf|aus|von|vom|seitens)\s+", re.IGNORECASE)


def _heisst_es(speech: _Speech, context: _Context, start: int, end: int, cue: re.Match[str]) -> _Source | None:
    """ "In der Erklärung heißt es", "heißt es in einem Schreiben": the text
    that says it, as written, or the organisation named in it."""
    text = context.text
    said = _HEISST_ES.match(text, cue.start())
    if said is None:
        is_said = cue.group().lower() in ("heißt", "hieß", "heisst", "hiess")
        return _document_source(context, start, cue.start()) if is_said else None
    places = (_IN_SOURCE.match(text, _skip_words(text, said.end(), end)), _IN_SOURCE.search(text, start, cue.start()))
    for where in places:
        if where is None:
            continue
        # `in einer gestern verbreiteten Erklärung des Bistums`: its first noun and genitive.
        noun = re.compile(r"[^\W\d_a-zäöüß][\w-]*(?:\s+(?:des|der)\s+[^\W\d_][\w-]*)?").search(
            text, where.end(), min(end, where.end() + 60)
        )
        if noun is None:
            continue
        if noun.group().split()[0].lower() not in _DOCUMENTS | _STATEMENT_NOUNS:
            phrase_end = _noun_phrase_end(speech, text, noun.start(), end)
            named = _named_in_phrase(speech, context, noun.start(), max(phrase_end, noun.end()), oblique=True)
            if named is not None:
                return named
        return _Source(noun.group(), None, "nominal")
    return _document_source(context, start, end) or _NOBODY  # "hieß es": nobody named


# "Darin steht", "Darin heißt es": in the document the sentence before named.
_THEREIN = re.compile(r"\s*(?:Darin|Hierin|Dort|Darin\s+\w+)\s+(?:steht|stand|stehe|heißt|hieß|heisst|hiess)\b")
# ", in denen es … heißt": in what the clause's antecedent names.
_IN_WHICH = re.compile(
    r"([^\W\d_a-zäöüß][\w-]*)(?:\s+[a-zäöüß]+)?\s*,\s+(?:in|im|auf)\s+(?:denen|dem|der|welchem|welcher)\s+es\b[^,.]*$"
)
# Documents that say what is quoted from them.
_DOCUMENTS = frozenset(
    """schreiben brief stellungnahme erklärung presseerklärung mitteilung pressemitteilung bericht antrag
    papier positionspapier dokument urteil beschluss gesetz gesetzentwurf vertrag studie text""".split()
)


def _document_source(context: _Context, start: int, end: int) -> _Source | None:
    """What a document says: "Die Staatsanwaltschaft gab eine Stellungnahme ab.
    Darin steht: „…“" -> the statement; "den Tenor chinesischer Medien, in
    denen es heißt" -> the media."""
    text = context.text
    which = _IN_WHICH.search(text, start, end)
    if which is not None:
        return _Source(which.group(1), None, "nominal")
    if _THEREIN.match(text, start) is None or start == 0:
        return None
    previous = context.sentence_start(start - 1)
    nouns = [w for w in re.findall(r"[^\W\d_a-zäöüß][\w-]*", text[previous:start]) if w.lower() in _DOCUMENTS]
    return _Source(nouns[-1], None, "nominal") if nouns else None


def _passive_source(speech: _Speech, context: _Context, start: int, end: int) -> _Source:
    """Who a passive verb of saying names: its agent ("von Experten als „…“
    bezeichnet"), the medium it happened in ("In den Medien war … als „…“
    bezeichnet worden"), else nobody ("die als „nebelartig“ beschrieben wurden")."""
    text = context.text
    agent = re.search(r"\b(?:von|durch)\s+(?=[^\W\d_a-zäöüß]|(?:dem|der|den|einem|einer)\b)", text[start:end])
    if agent is not None:
        found = _subject_after_verb(speech, context, start + agent.end(), end, oblique=True)
        if found is not None:
            return found
    medium = re.match(r"\s*(?:In|Im)\s+(?:den|der|dem|einer|einem)?\s*([^\W\d_a-zäöüß][\w-]*)", text[start:end])
    if medium is not None:
        return _Source(medium.group(1), None, "nominal")
    # `wurden gestern im „Standard“ als „…“ bezeichnet`: a medium named in quotation marks.
    quoted = re.search(r"\b(?:im|in\s+der|in\s+dem)\s+[„»\"]([^“”«»\"]{2,40})[“”«»\"]", text[start:end])
    return _Source(quoted.group(1), None, "ORG") if quoted is not None else _NOBODY


def _skip_words(text: str, start: int, end: int) -> int:
    """Past adverbs after "heißt es" ("heißt es weiter in", "hieß es dazu im")."""
    skipped = re.compile(r"\s*(?:weiter|auch|dazu|darin|dort|wörtlich|unter anderem|außerdem|zudem)\b").match(
        text, start, end
    )
    return skipped.end() if skipped else start


# Subjunctive (Konjunktiv I, and II where I looks like the indicative): the mark
# of reported speech, which goes on quoting the last speaker ("Der BGH
# widersprach … „…“, allerdings sei …").
_SUBJUNCTIVE = frozenset(
    """sei seien habe werde könne müsse solle dürfe wolle gebe stehe gehe liege bleibe gelte komme fehle
    wisse brauche hätte hätten wäre wären würde würden""".split()
)
_LOOK_BACK = 4
# A sentence after a quote that says who said it: "Das musste Steinbrück einräumen."
_THAT_SAID = re.compile(r"\s*(?:Das|Dies|So|Diese\s+Worte|Mit\s+diesen\s+Worten)\s+([\w-]+)\b")


def _context_source(
    speech: _Speech, context: _Context, spans: list[_Span], sources: list[_Source | None], index: int
) -> _Source | None:
    """Who speaks a quote whose sentence names nobody: a quote that makes up
    its sentence is claimed by the next sentence ("„Ja, es gibt Zumutungen.“
    Das musste Steinbrück einräumen.") or goes on from the one before, as does
    reported speech in the subjunctive ("Der BGH widersprach … „…“, allerdings
    sei …"): the speaker of the last quote or verb of saying in the last
    sentences, else the person or organisation that opens the sentence before."""
    text = context.text
    span = spans[index]
    start = context.sentence_start(span.open_mark)
    end = context.sentence_end(max(span.open_mark, span.close_mark - 1))
    alone = not text[start : span.open_mark].strip()
    inner = text[span.start : span.end].rstrip()
    if alone and (not re.search(r"\w", text[span.close_mark : end]) or inner.endswith((".", "!", "?"))):
        # The next sentence may begin right after the quote when the splitter kept them together.
        following = end if not re.search(r"\w", text[span.close_mark : end]) else span.close_mark
        claimed = _THAT_SAID.match(text, following)
        _, p_end = context.paragraph(span.open_mark)
        if claimed is not None and following < p_end:
            stop = context.sentence_end(claimed.end())
            found = _subject_after_verb(speech, context, claimed.end(1), stop)
            if found is not None:
                return found
    frame = (text[start : span.open_mark] + " " + text[span.close_mark : end]).split()
    reported = any(w.lower().strip(",.") in _SUBJUNCTIVE for w in frame) or _subjunctive_verb(speech, text, start, end)
    if not (alone or reported):
        return None
    p_start, _ = context.paragraph(span.open_mark)
    floor = context.paragraphs[max(0, context.paragraph_index(span.open_mark) - 1)][0] if reported else p_start
    sentence = start
    for _ in range(_LOOK_BACK if reported else 1):
        if sentence <= floor:
            return None
        previous = context.sentence_start(sentence - 1)
        earlier = [j for j in range(index) if previous <= spans[j].close_mark - 1 < sentence]
        if earlier:
            return sources[earlier[-1]]
        found = _sentence_subject(speech, context, previous, sentence, alone)
        if found is not None:
            return found
        sentence = previous
    return None


def _reported(speech: _Speech, text: str, start: int, end: int) -> bool:
    """Reported speech: a subjunctive in [start, end) ("sei", "habe", "Es drohe")."""
    return any(w.lower().strip(",.") in _SUBJUNCTIVE for w in text[start:end].split()) or _subjunctive_verb(
        speech, text, start, end
    )


def _subjunctive_verb(speech: _Speech, text: str, start: int, end: int) -> bool:
    """A main clause whose finite verb, second after its first phrase, is a
    Konjunktiv I in -e ("Die Studie zeige …", "Es drohe …"; not the past "-te")."""
    first = _noun_phrase_end(speech, text, start, end, prefield=True)
    verb = re.match(r"[\s,]*([a-zäöüß]+)\b", text[first:end])
    if verb is None:
        return False
    word = verb.group(1)
    return word.endswith("e") and not word.endswith("te") and word not in speech.stop_words and len(word) > 3


def _sentence_subject(speech: _Speech, context: _Context, start: int, end: int, named_only: bool) -> _Source | None:
    """The subject of a sentence with no quote: that of its verb of saying; else,
    when ``named_only``, the person or organisation that opens it."""
    text = context.text
    cue = next(iter(_verbs_in(speech, context, start, end)), None)
    if cue is not None and not _passive(text, cue):
        if _THAT_BEFORE.search(text, start, cue.start()):
            # `– das zumindest meint Rick Homans vom Sekretariat …`: "das" is the object, the subject follows.
            inverted = _subject_after_verb(speech, context, cue.end(), end)
            if inverted is not None:
                return _without_role(speech, inverted)
        if re.search(r",\s*$", text[start : cue.start()]) and not _closes_relative(text, start, cue.start()):
            # `…, so gebe es keine Möglichkeit, schreibt der AK Vorratsdatenspeicherung.`
            closing = _subject_after_verb(speech, context, cue.end(), end)
            if closing is not None:
                return _without_role(speech, closing)
        clause = _subordinate_start(speech, context, start, cue)
        if clause is not None:
            return _subject_after_verb(speech, context, clause, cue.start())
        found = _noun_phrase_before(speech, context, start, cue.start()) or _prefield_subject(
            speech, context, start, cue.start(), cue, end
        )
        if found is not None and found is not _NOBODY:
            return _without_role(speech, found)
    words = text[start:end].split()
    if words and words[0].endswith(":"):
        words = words[1:]  # `Europapolitik: Die SPD will …`: a label
    if not words or not named_only:
        return None
    at = start + text[start:end].index(words[0])
    if words[0].lower() in speech.pronouns:
        return _resolve_in(speech, context, words[0].lower(), at)
    if not _opens_noun_phrase(speech, words[0]):
        # `Um die Zeit zu gewinnen, will Oettinger … straffen.`: the subject after the verb.
        main_verb = _after_opening_clause(speech, context, at, end)
        found = _subject_after_verb(speech, context, main_verb, end) if main_verb is not None else None
        return found if found is not None and found.kind == "PER" else None
    phrase_end = _noun_phrase_end(speech, text, at, end, True)
    named = _named_in_phrase(speech, context, at, phrase_end)
    if named is not None and named.kind in ("PER", "ORG"):
        return named
    # `Die SPD will am Kurs festhalten.`: a name that heads the phrase, whatever its type.
    head = next((m for m in context.actors.mentions_between(at, phrase_end)), None)
    opening = text[at : head.start].split() if head is not None else ["?"]
    return context.source(head) if head is not None and all(w.lower() in _DETERMINERS for w in opening) else None


# "das" or "dies" right before a verb of saying, perhaps with an adverb: the said thing, not the sayer.
_THAT_BEFORE = re.compile(r"(?:^|[–—,:]\s*|\s)(?:[Dd]as|[Dd]ies)(?:\s+(?:zumindest|jedenfalls|auch|jedoch|zumal))?\s+$")
_RELATIVE = frozenset("der die das dem den deren dessen welche welcher welches".split())


def _closes_relative(text: str, start: int, comma_end: int) -> bool:
    """The comma before ``comma_end`` closes a relative clause or an apposition
    (", die den Brief unterschrieben,"), after which the subject's verb comes."""
    clauses = text[start:comma_end].rstrip().rstrip(",").split(",")
    if len(clauses) < 2:
        return False
    words = clauses[-1].split()
    if not words:
        return False
    # `Die Haushaltspolitikerin der Grünen, Anja Hajduk, kritisierte`: an apposition, no verb in it.
    return words[0].lower() in _RELATIVE or all(
        w.strip('()„“»«"')[:1].isupper() or w[:1].isdigit() or w.lower() in _NOUN_MARKERS for w in words
    )


def _main_clause_subject(speech: _Speech, context: _Context, cue: re.Match[str], limit: int) -> _Source | None:
    """`Wie der Sender berichtet, gab Regierungssprecher Gibbs … bekannt: „…“`:
    after an opening "wie"-clause that cites a source, the main clause's
    subject, right after its verb, speaks."""
    text = context.text
    comma = re.match(r"\s*,\s*([\w-]+)", text[cue.end() : limit])
    if comma is None:
        return None
    return _subject_after_verb(speech, context, cue.end() + comma.end(1), limit)


def _without_role(speech: _Speech, source: _Source) -> _Source:
    """A person's name without the role the tagger took into it: "FIFA-Chef
    Sepp Blatter" -> Sepp Blatter, role FIFA-Chef."""
    if source.kind != "PER":
        return source
    named = _role_and_name(speech, source.name.split())
    if named is None or not named[0] or not _PERSONAL_NAME.fullmatch(named[1]):
        return source
    return _Source(named[1], source.role or named[0], "PER")


# Verbs of denial: what follows them is someone else's claim.
_DENYING = frozenset(
    "zurückgewiesen wies weist dementiert dementierte dementiere bestritt bestreitet bestritten".split()
)
# What a denial rejects, naming whose claim it was ("Berichte der Wochenzeitung …").
_CLAIM = re.compile(
    r"\b(?:[Bb]erichte?|[Vv]orwürfe?|[Bb]ehauptung(?:en)?|[Gg]erüchte|[Mm]eldung(?:en)?|[Ss]pekulationen)\s+(?:der|des)\s+[^,]+"
)


def _denied_claim(context: _Context, start: int, cue: re.Match[str], span: _Span) -> _Source | None:
    """`Borloo hat Berichte der Wochenzeitung „Le Canard enchaîné“
    zurückgewiesen, er sei „bereits zu 99 %“ vorgesehen`: reported words after
    a denial are the denied claim's, so its source speaks them, as written."""
    text = context.text
    clause_end = text.find(",", cue.end(), span.open_mark)
    if cue.group().lower() not in _DENYING or clause_end < 0:
        return None
    claim = _CLAIM.search(text, start, clause_end)
    if claim is None:
        return None
    words = claim.group().split()
    while words and (words[-1].lower() in _DENYING or words[-1].lower() in ("zurück", "hat", "haben", "hatte")):
        words = words[:-1]
    return _Source(" ".join(words), None, "nominal") if len(words) > 2 else None


def _wie_clause(
    speech: _Speech, context: _Context, start: int, limit: int, before: list[re.Match[str]]
) -> _Source | None:
    """`Wie der Finanzminister Möllring erklärte, sieht die Landesregierung …
    „…“`: an opening "wie"-clause with a verb of saying names who says the
    sentence, unless it cites a medium's report ("Wie der Sender berichtet, …")."""
    text = context.text
    opening = re.match(r"\s*[Ww]ie\s", text[start:limit])
    if opening is None:
        return None
    comma = text.find(",", start, limit)
    cue = next((c for c in before if c.start() < comma), None) if comma > 0 else None
    if cue is None or cue.group().lower() in _REPORTING:
        return None
    return _subject_after_verb(speech, context, start + opening.end(), cue.start())


def _after_opening_clause(speech: _Speech, context: _Context, start: int, limit: int) -> int | None:
    """`Als ein Fluggast zu Hilfe eilte, biss der Randalierer … und rief: „…“`:
    a sentence that opens with a subordinate clause has the main clause's
    finite verb right after its comma; where that verb ends, when it comes before ``limit``."""
    text = context.text
    opening = re.match(r"\s*(\w+)\s", text[start:limit])
    if opening is None:
        return None
    infinitive = opening.group(1).lower() in ("um", "ohne", "statt", "anstatt") and re.search(
        r"\szu\s+\w+\s*,", text[start:limit]
    )  # `Um die Zeit dafür zu gewinnen, will Oettinger …`
    if opening.group(1).lower() not in _SUBORDINATORS and not infinitive:
        return None
    for comma in re.finditer(r",\s+([\w-]+)", text[start:limit]):
        word = comma.group(1)
        if context.in_quote(start + comma.start()):
            continue
        if word[:1].islower() and word.lower() not in speech.stop_words and word.lower() not in _NOUN_MARKERS:
            return start + comma.end(1)
        if word.lower() in _AUXILIARIES:
            return start + comma.end(1)
    return None


def _subordinate_start(speech: _Speech, context: _Context, start: int, cue: re.Match[str]) -> int | None:
    """Where the subject of a subordinate clause holding the verb ``cue`` starts:
    after its conjunction (", indem sie … aufforderte:", "Wie Paech … feststellt,").
    The verb closes such a clause, so a comma, colon or quote must follow it
    ("Als Begründung sagte ein Wissenschaftler" is no subordinate clause)."""
    text = context.text
    closing = re.compile(r"(?:\s+(?:" + "|".join(_AUXILIARIES) + r"))*\s*[,:;„“»«\"]")
    if not closing.match(text, cue.end()):
        return None  # the verb does not close its clause (`betont hatte,` does)
    found = None
    for match in re.finditer(r"(?:^|,\s+)(\w+)\s", text[start : cue.start()]):
        if match.group(1).lower() in _SUBORDINATORS and not context.in_quote(start + match.start(1)):
            found = start + match.end(1)
    if found is None or speech.verb.search(text, found, cue.start()):
        return None
    return found


def _noun_phrase_before(speech: _Speech, context: _Context, start: int, cue: int) -> _Source | None:
    """A named subject right before the verb of saying, in a clause after a
    comma ("nannte ihn „überzogen“, Bundestrainer Löw bezeichnete") or with its
    appositions ("…, die Sprecherin der Fraktion, Sandra Boser (Grüne), erklärte")."""
    text = context.text
    words = list(re.finditer(r"\S+", text[start:cue]))
    first = len(words)
    while first > 0 and _noun_phrase_word(speech, context, words, first - 1, start):
        first -= 1
    if first in (0, len(words)):
        return None  # the whole prefield: read as a prefield
    if words[first - 1].group()[-1:] not in ',“”»«"':
        return None  # not the start of a clause: `Union Générale … du Travail (UGIT) sagte`
    opening = start + words[first].start()
    mentions = [m for m in _speaking_in(speech, context, opening, cue) if _may_speak(speech, context, m)]
    people = [m for m in mentions if m.type == "PER"]
    return context.source((people or mentions)[0]) if people or mentions else None


def _noun_phrase_word(speech: _Speech, context: _Context, words: list[re.Match[str]], index: int, offset: int) -> bool:
    """Whether ``words[index]`` can belong to a noun phrase that ends at the
    verb: a capitalised word, an article or preposition, an adjective, an
    apposition's comma or parentheses, a quoted name; not a verb or a quote."""
    word = words[index].group()
    at = offset + words[index].start()
    if any(c in '„“”»«"' for c in (word[:1], word.rstrip(",")[-1:]) if c):
        return not context.in_quote(at + 1) and not any(o <= at < c for o, c in context.quoted)
    bare = word.strip(",()")
    lower = bare.lower()
    if not bare or lower in _AUXILIARIES or speech.verb.fullmatch(lower) or word.endswith((".", ":", ";")):
        return False
    if bare[:1].isupper() or bare[:1].isdigit():
        return lower not in _SUBORDINATORS
    if lower in _NOUN_MARKERS and lower not in _SUBORDINATORS:
        return True
    return lower.endswith(_ADJECTIVE_ENDINGS) and index > 0 and words[index - 1].group().lower() in _NOUN_MARKERS


def _prefield_subject(
    speech: _Speech, context: _Context, start: int, limit: int, cue: re.Match[str] | None, reach: int
) -> _Source | None:
    """The subject of a main clause from its first words: a pronoun; a person
    (else an organisation) in the opening noun phrase, appositions and all
    ("Arni Finnsson, ein Vertreter der Inca, kommentierte"; "Der Vorsitzende
    der Gewerkschaft, Frank Bsirske, würdigte"); a noun phrase naming a person
    as written ("Der Hauptgeschäftsführer des BPI nannte"). An opening
    adverbial or object puts the subject after the finite verb, before ``reach``."""
    text = context.text
    words = list(re.finditer(r"\S+", text[start:limit]))
    lead = 0
    while lead < len(words) - 1 and words[lead].group().lower() in _FOCUS:
        lead += 1
    if not words:
        return None
    first = words[lead].group().strip(",")
    at = start + words[lead].start()
    if first.lower() in speech.pronouns:
        return _resolve_in(speech, context, first.lower(), at)
    named_here = any(m.start == at for m in context.actors.mentions_between(at, at + 1))
    adverbial = not named_here and _adverbial(speech, first, words[lead + 1].group() if lead + 1 < len(words) else "")
    phrase_end = _noun_phrase_end(speech, text, at, limit, prefield=True)
    if adverbial:
        phrase_end = max(phrase_end, _adverbial_end(speech, text, at, limit))
    nominal = None
    if not adverbial and phrase_end > at:
        named = _named_in_phrase(speech, context, at, phrase_end)
        head = next((w for w in text[at:phrase_end].split() if w[:1].isupper() and w.lower() not in _NP_OPENERS), "")
        if named is not None and head and head not in named.name and not _names_a_person(speech, head):
            # `Die Äußerungen Hassemers …`, `Jegliche Mitverantwortung … der SPD weist Hartmann von sich`:
            # a name in the attribute of a thing; the subject may follow the verb.
            finite = _finite_verb_end(speech, context, phrase_end, reach, cue)
            after_verb = _subject_after_verb(speech, context, finite, reach) if finite is not None else None
            if after_verb is not None:
                return after_verb
        if named is not None:
            return named
        nominal = _nominal_phrase(text, at, phrase_end)
        if nominal is not None and _names_a_person(speech, text[nominal[0] : nominal[1]]):
            phrase = text[nominal[0] : nominal[1]]
            if not _is_role(speech, phrase.split()[0]):
                # `Die Pläne des Ministers nannte Fraktionschef Jonas Albrecht …`: a person
                # with a role right after the verb is the subject; the opening phrase its object.
                finite = _finite_verb_end(speech, context, phrase_end, reach, cue)
                titled = _subject_after_verb(speech, context, finite, reach) if finite is not None else None
                if titled is not None and titled.kind == "PER" and titled.role:
                    return titled
            return _nominal_source(speech, context, *nominal)
    finite = _finite_verb_end(speech, context, phrase_end, reach, cue)
    if finite is not None:
        found = _subject_after_verb(speech, context, finite, reach)
        # `Die Stadtverwaltung bestätigte die Zahlen`: a thing after the verb is
        # its object; the opening phrase stays the subject.
        after_article = re.match(r"\s*(\w+)", text[finite:reach])
        common = after_article is not None and after_article.group(1).lower() in _DETERMINERS | _DETERMINER_LIKE
        if found is not None and (
            nominal is None
            or found.kind != "nominal"
            or (_names_a_person(speech, found.name) and not common)
            or _is_role(speech, found.name.split()[0])
        ):
            return found
    return _speaker_source(speech, context, *nominal) if nominal is not None else None


def _adverbial_end(speech: _Speech, text: str, start: int, limit: int) -> int:
    """Where an opening adverbial ends: adverbs and prepositional phrases
    ("Bereits am Sonntagabend zogen …", "Nach einem Besuch im Krisengebiet sprach …")."""
    end = start
    while True:
        word = re.match(r"\s*(\S+)", text[end:limit])
        if word is None:
            return end
        bare = word.group(1).strip(",")
        lower = bare.lower()
        if lower in _NOUN_MARKERS or lower in _DETERMINER_LIKE:
            following = _noun_phrase_end(speech, text, end + word.start(1), limit, prefield=True)
            if following <= end + word.start(1):
                return end
            end = following
        elif (lower in speech.stop_words or lower in _ADVERBIALS or end == start) and not (
            lower in _AUXILIARIES or speech.verb.fullmatch(lower) or lower in speech.pronouns
        ):
            end += word.end(1)
        else:
            return end
        if word.group(1).endswith(","):
            return end


def _adverbial(speech: _Speech, word: str, following: str) -> bool:
    """A sentence that opens with a preposition, an oblique article, an adverb
    ("Dazu", "Vermutlich", "Relativierend") or a subordinate conjunction opens
    with an adverbial or object, not with its subject."""
    lower = word.lower()
    if lower in _NP_OPENERS:
        # `Der englischsprachigen Zeitung sagte …`: "der" before an adjective in -en is dative.
        return lower == "der" and following[:1].islower() and following.endswith("en")
    if lower in _OBLIQUE or lower in _ADVERBIALS or lower in speech.stop_words:
        return True
    return word[:1].isupper() and lower.endswith(_ADVERB_ENDINGS) and not following[:1].isupper()


def _noun_phrase_end(speech: _Speech, text: str, start: int, limit: int, prefield: bool = False) -> int:
    """Where the noun phrase at ``start`` ends. At its start or after a
    preposition: articles and words like "solcher"; after an article:
    adjectives; nouns and names; after a noun: genitives and attributes ("der
    Grünen", "von Bayer Leverkusen", "für Arbeit"), "und" before another noun,
    and appositions between commas ("Arni Finnsson, ein Vertreter der Inca,
    kommentierte"). The first place of a main clause holds one phrase, so there
    any preposition belongs to it ("vom Max-Planck-Institut in Heidelberg");
    after a verb it ends one ("der Sportchef … nach dem Spiel"). It ends at a
    verb, a relative or subordinate clause, a quote or other punctuation."""
    end = start
    previous = ""
    skip_to = start
    for match in re.finditer(r"\S+", text[start:limit]):
        if start + match.start() < skip_to:
            continue
        word = match.group()
        bare = word.strip(",()")
        lower = bare.lower()
        if word[:1] in "„»" and previous and not previous.endswith(","):
            named = _QUOTED_NAME.match(text, start + match.start(), limit)
            if named is None:
                break
            # `Der „Chaos Computer Club“ (CCC) fordert`: a quoted name within the phrase.
            end = skip_to = named.end()
            previous = "Name"
            continue
        if not bare or word[:1] in '„“”»«"' or speech.verb.fullmatch(lower) or lower in _AUXILIARIES:
            break
        if previous.endswith(",") and (lower in _SUBORDINATORS or lower in ("der", "die", "das", "welche", "welcher")):
            if lower in _SUBORDINATORS or not _apposition_follows(speech, text, start + match.end(), limit):
                break
        if not _continues_phrase(speech, bare, previous.strip(",()"), prefield, previous.endswith(",")):
            break
        end = start + match.end()
        previous = word
        glued = re.search(r"[.!?][^\W\d_]", bare)  # `Papst.Der`: a sentence end with no space
        if glued:
            end = start + match.start() + word.index(bare) + glued.start()
            break
        if word.endswith((".", ":", ";", "!", "?")) and not _ABBREVIATION.fullmatch(bare):
            break
    return end


# A short name in quotation marks, no sentence in it ("„Chaos Computer Club“").
_QUOTED_NAME = re.compile(r"[„»][^“”«»\".!?:;]{1,60}?[“”«»\"][,)]?")
# A word that ends in a period and no sentence: a numeral, an initial, a title
# ("Elisabeth II.", "Matthias W. Beckmann", "Prof. Dr.").
_ABBREVIATION = re.compile(r"[IVX]+\.|\w\.|[^\W\d_a-zäöüß][a-zäöüß]{1,3}\.")
# Particles inside a person's name.
_NAME_PARTICLES_IN = frozenset("van de di da du le la ten bin al".split())


def _continues_phrase(speech: _Speech, word: str, previous: str, prefield: bool, after_comma: bool) -> bool:
    """Whether ``word`` goes on the noun phrase whose last word is ``previous``."""
    lower, before = word.lower(), previous.lower()
    opening = not previous or after_comma or before in _NOUN_MARKERS or before in _ADVERBIALS
    if lower in _DETERMINERS or lower in _NP_OPENERS or lower in _DETERMINER_LIKE:
        # "der Sprecher der Grünen": after a noun only a genitive article.
        return opening or lower in ("der", "des")
    if lower in _ATTRIBUTE_PREPOSITIONS or (prefield and lower in _NOUN_MARKERS):
        return bool(previous) or prefield
    if lower in _NAME_PARTICLES_IN and previous[:1].isupper():
        return True  # `Heike van Laak`, `Karl-Theodor zu Guttenberg`
    if word[:1].isupper() or word[:1].isdigit():
        # A capitalised word inside a phrase is a noun or a name ("(AU)"); a
        # capitalised function word can only open it.
        return lower not in _SUBORDINATORS and (bool(previous) or lower not in speech.stop_words)
    if (
        (lower.endswith(_ADJECTIVE_ENDINGS) or lower.endswith(_ADVERB_ENDINGS))
        and (
            not previous
            or before in _NOUN_MARKERS | _DETERMINER_LIKE
            or (previous[:1].isupper() and before.endswith("s"))  # `Mannheims oberster Bürgermeister`
            or (previous[:1].islower() and before.endswith(_ADJECTIVE_ENDINGS + _ADVERB_ENDINGS))
        )
    ):
        return True  # "die staatlich kontrollierten Medien"
    return lower in ("und", "sowie") and previous[:1].isupper()


def _apposition_follows(speech: _Speech, text: str, start: int, limit: int) -> bool:
    """After ", der": an apposition ("der Verteidigungsminister Österreichs,",
    "die britische Königin Elisabeth II.,") rather than a relative clause ("der
    als Zeuge gilt,"): a noun before the next comma and no verb."""
    clause = text[start:limit].split(",")[0]
    words = clause.split()
    return (
        bool(words)
        and (words[-1][:1].isupper() or words[-1][:1].isdigit())
        and not any(speech.verb.fullmatch(w.lower()) or w.lower() in _AUXILIARIES for w in words)
    )


def _may_speak(speech: _Speech, context: _Context, mention: Mention) -> bool:
    """A name that can be a subject: not after an oblique article or a
    preposition, not a genitive ("die Handlungsweise Kozulins", "Stoibers Äußerungen")."""
    return not _oblique(speech, context.text, mention.start) and not _genitive(speech, context, mention)


def _genitive(speech: _Speech, context: _Context, mention: Mention) -> bool:
    """A name in the genitive: its last word is the actor's name plus -s
    ("Obamas Einsatz"), or it ends in -s beside a noun or an adjective where the
    article also writes it without ("die Handlungsweise Kozulins", "Mannheims
    oberster Bürgermeister")."""
    text = context.text
    surface = text[mention.start : mention.end].split()
    last = surface[-1] if surface else ""
    if not last.endswith("s") or len(last) < 4:
        return False
    stem = last[:-1]
    if mention.name.split()[-1] == stem:
        return True
    following = text[mention.end : mention.end + 40].split()
    if (
        len(surface) == 1
        and len(following) > 1
        and (
            (following[0][:1].islower() and following[0].endswith(_ADJECTIVE_ENDINGS) and following[1][:1].isupper())
            or (mention.type != "PER" and following[0][:1].isupper())
            or _is_role(speech, following[0])
        )
    ):
        return True  # `Mannheims oberster Bürgermeister`, `Hessens Ministerpräsident`, `Thüringens Justizminister`
    before = text[max(0, mention.start - 40) : mention.start].split()
    beside_noun = (before and before[-1][:1].isupper() and before[-1].isalpha()) or (
        following
        and following[0].isalpha()
        and (following[0][:1].isupper() or following[0].endswith(_ADJECTIVE_ENDINGS))
    )
    return bool(beside_noun) and re.search(rf"\b{re.escape(stem)}\b", text) is not None


def _finite_verb_end(
    speech: _Speech, context: _Context, start: int, limit: int, cue: re.Match[str] | None
) -> int | None:
    """The end of the finite verb after an opening phrase: the word that
    follows it, when that is lower case and no article or preposition."""
    text = context.text
    word = re.match(r"[\s,]*([\w-]+)", text[start:limit])
    if word is not None and word.group(1)[:1].islower() and word.group(1).lower() not in _NOUN_MARKERS:
        return start + word.end(1)
    return cue.end() if cue is not None and start <= cue.start() < limit else None


def _subject_after_verb(
    speech: _Speech, context: _Context, start: int, limit: int, oblique: bool = False
) -> _Source | None:
    """The subject right after a finite verb or a conjunction: a pronoun, a
    person (else organisation) in the noun phrase there, or that phrase as
    written ("sprach der mexikanische Präsident"). None when an oblique
    article or a preposition comes first (that is an object)."""
    text = context.text
    words = list(re.finditer(r"\S+", text[start:limit]))
    index = 0
    while index < min(len(words), _MAX_SKIPPED) and words[index].group().lower().strip(",") in _SKIPPABLE:
        index += 1
    if index >= len(words):
        return None
    first = words[index].group().strip(",")
    at = start + words[index].start()
    if first.lower() in speech.pronouns:
        return _resolve_in(speech, context, first.lower(), at)
    cited = _cited_name(context, first, at)
    if cited is None and first.lower() in _DETERMINERS and index + 1 < len(words):
        # `schrieb die „Abendzeitung“`: a medium named in quotation marks after its article.
        cited = _cited_name(context, words[index + 1].group(), start + words[index + 1].start())
    if cited is not None:
        return cited
    named_here = any(m.start == at for m in context.actors.mentions_between(at, at + 1))
    cited_case = oblique and first.lower() in _NOUN_MARKERS | _DETERMINER_LIKE
    if not named_here and not _opens_noun_phrase(speech, first) and not cited_case:
        return None
    phrase_end = _noun_phrase_end(speech, text, at, limit)
    if phrase_end <= at:
        return None
    # The name may stand in an apposition past an adverbial ("der General der
    # US-Streitkräfte im Irak, General George Casey"); the phrase as written does not.
    named = _named_in_phrase(speech, context, at, phrase_end, oblique)
    if named is not None and named.kind == "PER":
        return named
    wider = max(phrase_end, _noun_phrase_end(speech, text, at, limit, True))
    people = [m for m in _speaking_in(speech, context, at, wider) if m.type == "PER" and _may_speak(speech, context, m)]
    if people:
        return context.source(people[0])
    if named is not None:
        return named
    nominal = _nominal_phrase(text, at, phrase_end)
    return _nominal_source(speech, context, *nominal) if nominal is not None else None


def _named_in_phrase(speech: _Speech, context: _Context, start: int, end: int, oblique: bool = False) -> _Source | None:
    """Who the subject phrase in [start, end) names: its person; an
    organisation, unless a role heads the phrase ("der Sprecher der Downing
    Street", "der Sportchef von Bayer Leverkusen": that speaker as written).
    ``oblique``: the phrase is a source after "laut" or "nach Angaben", in the
    dative or genitive ("laut der Polizei"). A phrase that is roles and then a
    name is read by its words first, whatever the tagger made of them
    ("Human Rights Watch-Sprecher Malinowski", "Der Vorsitzende Richter Klaus Tolksdorf")."""
    titled = None if oblique else _titled_name(speech, context.text[start:end])
    if titled is not None:
        return titled
    mentions = [
        m
        for m in _speaking_in(speech, context, start, end, oblique)
        if (oblique and not _genitive(speech, context, m)) or _may_speak(speech, context, m)
    ]
    # `Der Vorsitzende Richter Klaus Tolksdorf`: a role the tagger took for a name.
    named = [m for m in mentions if not _is_role(speech, context.text[m.start : m.end])]
    mentions = named if any(m.type == "PER" for m in named) else mentions
    people = [m for m in mentions if m.type == "PER"]
    if people:
        return context.source(people[0])
    if not mentions:
        return None
    lead = context.text[start : mentions[0].start].split()
    if any(_is_role(speech, w) for w in lead if w[:1].isupper()):
        nominal = _nominal_phrase(context.text, start, end)
        if nominal is not None:
            return _nominal_source(speech, context, *nominal)
    return context.source(mentions[0])


# A person's name as written: two to four capitalised words, particles between
# ("Heike van Laak", "Frank-Jürgen Weise").
_PERSONAL_NAME = re.compile(
    r"[^\W\d_a-zäöüß][\w'’.-]*(?:\s+(?:(?:van|von|de|der|den|di|da|du|le|la|ten|zu|y)\s+)?[^\W\d_a-zäöüß][\w'’.-]*){1,3}"
)


def _titled_name(speech: _Speech, phrase: str) -> _Source | None:
    """A person written as roles and then a name: "Human Rights Watch-Sprecher
    Malinowski", "Der Vorsitzende Richter Klaus Tolksdorf", or with the name in
    an apposition ("Der Sprecher des Welternährungsprogramms, Tomson Phiri")."""
    parts = [p.strip(" ()") for p in phrase.strip(" ,.:;").split(",")]
    if len(parts) > 1:
        name = next((p for p in reversed(parts) if p), "")
        if (
            _PERSONAL_NAME.fullmatch(name)
            and not any(_is_role(speech, w) for w in name.split())
            and any(_is_role(speech, w) for w in parts[0].split())
        ):
            return _Source(name, _strip_article(parts[0]), "PER")
        return None
    words = phrase.split()
    roles = [k for k, w in enumerate(words) if _is_role(speech, w)]
    if not roles:
        return None
    named = [w for w in words[roles[-1] + 1 :] if w.lower() not in ("prof.", "dr.", "dr", "prof")]
    if not 1 <= len(named) <= 3 or (len(named) > 1 and not _PERSONAL_NAME.fullmatch(" ".join(named))):
        return None
    if not all(w[:1].isupper() and w.lower() not in speech.stop_words for w in named):
        return None
    return _Source(" ".join(named), _strip_article(" ".join(words[: roles[-1] + 1])), "PER")


def _strip_article(phrase: str) -> str:
    words = phrase.split()
    while words and words[0].lower() in _DETERMINERS | _NP_OPENERS:
        words = words[1:]
    return " ".join(words)


def _nominal_source(speech: _Speech, context: _Context, start: int, end: int) -> _Source | None:
    """A subject phrase with no name the tagger found: a surname the article
    gave a person before ("Der 84-jährige Küng" -> Hans Küng), else as
    `_speaker_source` reads it."""
    text = context.text
    phrase = text[start:end].strip(" ,.:;")
    if "," in phrase:
        # `der Chef der Bundesagentur für Arbeit, Frank-Jürgen Weise`: the apposition names him.
        role, name = phrase.rsplit(",", 1)
        if _PERSONAL_NAME.fullmatch(name.strip()) and not any(_is_role(speech, w) for w in name.split()):
            return _Source(name.strip(), role.strip(), "PER")
        phrase = role.strip()
    words = phrase.split()
    if any(w in ("der", "des", "von", "vom", "für") for w in words[1:]):
        return _Source(phrase, None, "nominal")  # `Sprecher der Downing Street`, as written
    found = _speaker_source(speech, context, start, start + len(text[start:end].rstrip(" ,.:;")))
    if found is not None and found.kind == "PER" and not found.role and context.actors.actor(found.name) is None:
        return _Source(found.name, None, "nominal")  # capitalised words the tagger named no one
    return found


def _cited_name(context: _Context, word: str, at: int) -> _Source | None:
    """A medium named by a web address or in quotation marks: "zitiert ndr.de",
    "schrieb „Die Zeit“"."""
    if _WEB_ADDRESS.fullmatch(word.rstrip(".,")):
        return _Source(word.rstrip(".,"), None, "ORG")
    if word[:1] and word[:1] in '„»«"' and not context.in_quote(at + 1):
        close = re.search(r"[“”«»\"]", context.text[at + 1 : at + 80])
        if close is not None:
            return _Source(context.text[at + 1 : at + 1 + close.start()], None, "ORG")
    return None


def _opens_noun_phrase(speech: _Speech, word: str) -> bool:
    """A nominative article, a number, or a capitalised word that is no function word."""
    lower = word.lower()
    if lower in _NP_OPENERS:
        return True
    return (word[:1].isupper() or word[:1].isdigit()) and lower not in speech.stop_words


def _nominal_phrase(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The noun phrase in [start, end) without its leading article, ending at its
    last capitalised word: `Der Hauptgeschäftsführer des BPI` -> `Hauptgeschäftsführer des BPI`."""
    words = list(re.finditer(r"[^\s,()]+", text[start:end]))
    while words and words[0].group().lower() in _DETERMINERS | _NP_OPENERS:
        words = words[1:]
    while words and not (words[-1].group()[:1].isupper() or words[-1].group()[:1].isdigit()):
        words = words[:-1]
    if not words:
        return None
    return start + words[0].start(), start + words[-1].end()


def _names_a_person(speech: _Speech, phrase: str) -> bool:
    """A noun phrase for people or an institution, not a thing: its head
    (first capitalised word) is a role ("Hauptgeschäftsführer") or no abstract
    noun ("Äußerungen", "Entwicklung"); a lone adverb ("Ähnlich") is none."""
    head = next((w for w in phrase.split() if w[:1].isupper()), "")
    if not head:
        return False
    if _is_role(speech, head):
        return True
    lower = head.lower().strip(",.")
    return not lower.endswith(_THING_ENDINGS) and not lower.endswith(_ADVERB_ENDINGS) and lower not in _ADVERBIALS


def _sentence_pronoun(speech: _Speech, context: _Context, span: _Span) -> _Source | None:
    """`Er halte das für vertretbar und bezeichnete es als „maßvoll“`, `Er fuhr
    fort: „…“`: a sentence that opens with er/sie and has a verb of saying or a
    colon before the quote."""
    text = context.text
    start = context.sentence_start(span.open_mark)
    first = re.match(r"\s*(\w+)", text[start : span.open_mark])
    if first is None or first.group(1).lower() not in speech.pronouns:
        return None
    if not speech.cue.search(text, start, span.open_mark) and not _COLON_LEAD.search(text, start, span.open_mark):
        return None
    return _resolve_in(speech, context, first.group(1).lower(), start + first.start(1))


def _after_in(speech: _Speech, context: _Context, span: _Span) -> _Source | None:
    """„…“, sagte Merkel / „…“, so der Minister / „…“, hatte VW-Chef Winterkorn erklärt."""
    text = context.text
    _, p_end = context.paragraph(max(span.open_mark, span.close_mark - 1))
    start = span.close_mark
    if start >= p_end:
        return None
    limit = min(
        _next_open_mark(context, start, p_end),
        context.sentence_end(_skip_space(text, start, p_end)),
        start + 250,
    )
    following = text[_skip_space(text, start, p_end) : _skip_space(text, start, p_end) + 1]
    if text[span.start : span.end].rstrip().endswith((".", "!", "?", "…")) and following[:1].isupper():
        return None  # the quote ended its sentence: what follows is a new one
    cue = speech.cue.search(text, start, limit)
    if cue is None:
        return None
    if len(text[start : cue.start()].split()) > _MAX_WORDS_TO_CUE + 4:
        # `„…“, da … hätten, so die FIFA.`: a comma-led cue ending the sentence
        # attributes all of it.
        cue = next(
            (m for m in speech.cue.finditer(text, start, limit) if text[: m.start()].rstrip().endswith(",")), None
        )
        if cue is None or len(text[cue.end() : limit].split()) > _MAX_WORDS_TO_CUE + 2:
            return None
    return _cue_source(speech, context, start, limit, cue)


def _before_in(speech: _Speech, context: _Context, span: _Span) -> _Source | None:
    """Merkel sagte: „…“ / Der englischsprachigen Zeitung sagte Filep Karma: „…“ / según la ministra, «…»."""
    text = context.text
    p_start, _ = context.paragraph(span.open_mark)
    start = max(p_start, context.sentence_start(span.open_mark), _previous_close_mark(context, span.open_mark, p_start))
    if not text[start : span.open_mark].strip():
        return None
    cues = list(speech.cue.finditer(text, start, span.open_mark))
    if cues:
        source = _cue_source(speech, context, start, span.open_mark, cues[-1])
        if source is not None:
            return source
    colon = _COLON_LEAD.search(text, start, span.open_mark)
    if colon:
        # `Louis Gallois kommentierte das Ende mit den Worten: „…“`: the
        # sentence's subject, a name before its verb, or its first noun phrase.
        mentions = _speaking_in(speech, context, start, colon.start() + 1)
        people = [m for m in mentions if m.type == "PER"]
        if people or mentions:
            return context.source((people or mentions)[0])
        subject = _NOMINAL_SUBJECT.match(text, start, colon.start())
        if subject:
            return _Source(subject.group(1), None, "nominal")
        # `BKA-Präsident Ziercke: „…“`
        lead = text[start : colon.start()].split()
        named = _role_and_name(speech, lead) if len(lead) <= _SUBJECT_WORDS else None
        if named is not None and named[0]:
            return _Source(named[1], named[0], "PER")
    return None


def _cue_source(speech: _Speech, context: _Context, start: int, end: int, cue: re.Match[str]) -> _Source | None:
    """Who speaks by the verb (or "so", "laut", "según") ``cue`` in [start, end):
    a pronoun right beside it; else the person named nearest to it, else the
    organisation; else what an attribution pattern names ("der Minister")."""
    text = context.text
    pronoun = speech.pronoun_after.match(text, cue.start(), end) or next(
        (m for m in speech.pronoun_before.finditer(text, start, cue.end()) if m.end() == cue.end()), None
    )
    if pronoun is not None:
        resolved = _resolve_in(speech, context, pronoun.group("speaker").lower(), pronoun.start("speaker"))
        if resolved is not None:
            return resolved
    mentions = _speaking_in(speech, context, start, end)

    def distance(m: Mention) -> int:
        return cue.start() - m.end if m.end <= cue.start() else m.start - cue.end()

    mentions = [m for m in mentions if not _oblique(speech, text, m.start)]
    for kind in ("PER", "ORG"):
        named = [m for m in mentions if m.type == kind]
        if named:
            nearest = min(named, key=lambda m: (distance(m), m.start))
            if kind == "ORG" and nearest.end <= cue.start():
                # `Human Rights Watch-Sprecher Malinowski erklärte`: the organisation's speaker.
                tail = _role_and_name(speech, text[nearest.end : cue.start()].split())
                if tail is not None and tail[0] and len(tail[1].split()) <= 3:
                    return _Source(tail[1], (text[nearest.start : nearest.end] + tail[0]).strip(), "PER")
            return context.source(nearest)
    # The patterns are written in lower case ("según", "so der"); a sentence's
    # first word is read lower-cased too (same offsets).
    window = text[start:end]
    found = []
    for variant in {window, window[:1].lower() + window[1:]}:
        for pattern in speech.patterns:
            for match in pattern.finditer(variant):
                if match.group("speaker") and not _common_noun(
                    speech, text, start + match.start("speaker"), match.group("speaker")
                ):
                    found.append((abs(start + match.start() - cue.start()), -len(match.group("speaker")), match))
    if not found:
        subject = _subject_by(speech, context, start, cue)
        if subject:
            return _speaker_source(speech, context, *subject)
        return _capitalised_name(speech, context, start, end, cue)
    match = min(found, key=lambda item: (item[0], item[1]))[2]
    return _speaker_source(speech, context, start + match.start("speaker"), start + match.end("speaker"))


# `… sprach der mexikanische Präsident von …`, `beschreibt ein Reporter des Senders`:
# an article, at most two lower-case adjectives, a capitalised noun.
_INVERTED_SUBJECT = re.compile(
    r"\s+(?:der|die|das|ein|eine|el|la|los|las|un|una)\s+((?:[a-zäöüßáéíóúñ][\w-]*\s+){0,2}[^\W\d_a-zäöüßáéíóúñ][\w-]*)"
)
_SUBJECT_WORDS = 5


def _subject_by(speech: _Speech, context: _Context, start: int, cue: re.Match[str]) -> tuple[int, int] | None:
    """The sentence's subject beside a verb of saying when no name is there:
    the words from the sentence start up to the verb when they are a short noun
    phrase ("Der BGH widersprach", "Ein Polizeisprecher meinte", "Von der Leyen
    betonte"), else the noun phrase right after it ("sprach der mexikanische Präsident")."""
    text = context.text
    if cue.group().split()[0].lower() in ("so", "laut", "zufolge", "nach", "según"):
        return None
    begin = max(start, context.sentence_start(cue.start()))
    begin = _skip_space(text, begin, cue.start())
    # `Die CCE bestätigte das nicht und nannte sie „…“`: the first verb of the sentence.
    cue = next((m for m in speech.cue.finditer(text, begin, cue.start()) if not context.in_quote(m.start())), cue)
    words = text[begin : cue.start()].split()
    if words and len(words) <= _SUBJECT_WORDS and words[-1][:1].isupper() and words[-1].isalpha():
        lead = 0
        while lead < len(words) - 1 and words[lead].lower() in _DETERMINERS | {"ein", "eine", "einer"}:
            lead += 1
        body = words[lead:]
        if all(
            w[:1].isupper() or w.lower() in ("von", "der", "de", "des", "van") or w.endswith(("e", "en", "er", "es"))
            for w in body
        ) and not any(
            w.lower() in speech.pronouns
            or (w[:1].isupper() and w.lower() in speech.stop_words and w.lower() not in ("von", "der"))
            for w in body
        ):
            offset = text.index(body[0], begin)
            return offset, cue.start() - (len(text[begin : cue.start()]) - len(text[begin : cue.start()].rstrip()))
    # Inverted only after an adverbial opening ("Nach einem Besuch sprach der
    # Präsident"), not after a subject ("Er bezeichnete die Erweiterung als").
    opening = words[0].lower() if words else ""
    if opening in _DETERMINERS or opening in speech.pronouns or opening not in speech.stop_words:
        return None
    after = _INVERTED_SUBJECT.match(text, cue.end())
    if after and not context.in_quote(after.start(1)):
        noun = after.group(1).split()[-1]
        if noun.lower() not in speech.stop_words:
            return after.start(1), after.end(1)
    return None


def _common_noun(speech: _Speech, text: str, start: int, speaker: str) -> bool:
    """A capitalised ``speaker`` that is no name: a noun after an article,
    possessive or preposition ("in seiner Radioansprache erklärte", "bezeichnete
    die Entscheidung"), or a capitalised function word ("So heißt es")."""
    first = speaker.split()[0]
    if not first[:1].isupper():
        return False
    if first.lower() in speech.stop_words:
        return True
    before = text[max(0, start - 40) : start].split()
    if (
        before
        and before[-1][:1].islower()
        and before[-1].endswith(("e", "en", "em", "er", "es"))
        and before[-1].lower() not in speech.noun_markers
    ):
        before = before[:-1]  # "in seiner wöchentlichen Radioansprache"
    return bool(before) and before[-1].lower() in speech.noun_markers


# Words that put the name after them in the accusative, dative or genitive, so
# that it is no speaker: "griff den iranischen Präsidenten Ahmadinedschad an",
# "Über Steve Fossett sagte Branson", "würdigte Kluncker mit".
_OBLIQUE = frozenset(
    """den dem des einen einem eines seinen seinem seines ihren ihrem ihres über mit von vom gegen für
    an am bei beim zu zum zur gegenüber um ohne nach durch auf al del a con sobre contra para""".split()
)


def _oblique(speech: _Speech, text: str, start: int) -> bool:
    """The name at ``start`` follows an oblique article or a preposition, perhaps
    across adjectives and role words ("den iranischen Präsidenten Mahmud …")."""
    words = text[max(0, start - 80) : start].split()
    for word in reversed(words[-5:]):
        lower = word.lower()
        if lower in _OBLIQUE:
            return True
        if word[-1:] in ',.;:!?“”„»«"' or not (word[:1].islower() or _is_role(speech, word)):
            return False
        if word[:1].islower() and lower in speech.stop_words:
            return False
    return False


def _speaking_in(speech: _Speech, context: _Context, start: int, end: int, cited: bool = False) -> list[Mention]:
    """People and organisations named in [start, end) outside quotes, not the
    object of a preposition ("Sprecher des Weißen Hauses", "von der CFTC")
    unless ``cited`` (the phrase after "laut": "laut der Polizei")."""
    out = []
    for m in context.actors.mentions_between(start, end):
        if m.type not in ("PER", "ORG") or context.in_quote(m.start):
            continue
        before = context.text[max(start, m.start - 12) : m.start].split()
        if m.type == "ORG" and before and before[-1].lower() in speech.prepositions and not cited:
            continue
        out.append(m)
    return out


def _speaker_source(speech: _Speech, context: _Context, start: int, end: int) -> _Source | None:
    """Who a pattern's ``speaker`` group names: the person (else organisation)
    named in it, with the actor's role ("der zuständige Gewerkschaftsvorstand
    Uwe Foullong" -> Uwe Foullong); a pronoun, resolved; a role alone ("der
    Minister"), the person the article gave that role, else the words as written."""
    text = context.text
    words = text[start:end].split()
    if len(words) == 1 and words[0].lower() in speech.pronouns:
        return _resolve_in(speech, context, words[0].lower(), start)
    mentions = [m for m in context.actors.mentions if start <= m.start < end and m.type in ("PER", "ORG")]
    people = [m for m in mentions if m.type == "PER"]
    if not people and mentions:
        # `Human Rights Watch-Sprecher Malinowski`: a name after the organisation's role.
        tail = _role_and_name(speech, text[mentions[-1].end : end].split())
        if tail is not None and tail[0]:
            return _Source(tail[1], (text[mentions[-1].start : mentions[-1].end] + tail[0]).strip(), "PER")
    if people or mentions:
        return context.source((people or mentions)[-1])
    while words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    if not words:
        return None
    named = _role_and_name(speech, words)
    if named is not None:
        return _Source(named[1], named[0] or None, "PER")
    head = words[-1].lower().strip(",.")
    for mention in reversed(context.actors.mentions_before(start)):
        if mention.start < start - _PRONOUN_REACH or speech.verb_second:
            break
        actor = context.actors.actor(mention.name)
        role = (actor.role if actor else mention.role) or ""
        if mention.type == "PER" and head in role.lower().split():
            return context.source(mention)
    return _Source(" ".join(words).strip(",."), None, "nominal")


def _is_role(speech: _Speech, word: str) -> bool:
    """ "Minister", "VW-Chef", "Human Rights Watch-Sprecher", "Bundesinnenministerin":
    a title or a compound ending in one."""
    lower = word.lower().strip(",.")
    return lower in speech.titles or lower.rsplit("-", 1)[-1] in speech.titles or bool(speech.role_ending.search(lower))


_MIN_ROLE_ENDING = 6


def _role_ending(language: Language) -> re.Pattern[str]:
    """German writes roles as compounds whose last part is the title
    ("Bundesinnenministerin", "Regierungssprecher", "Konzernchef"): a word
    that ends in a title of six letters or more is a role there."""
    if language.code not in _VERB_SECOND:
        return re.compile(r"(?!)")
    endings = sorted({t for t in language.titles if " " not in t and len(t) >= _MIN_ROLE_ENDING}, key=len, reverse=True)
    return re.compile(r"\w(?:" + "|".join(re.escape(t) for t in endings) + r")$") if endings else re.compile(r"(?!)")


def _role_and_name(speech: _Speech, words: list[str]) -> tuple[str, str] | None:
    """("VW-Chef", "Winterkorn") for `VW-Chef Winterkorn`: role words (titles,
    compounds ending in one, lower-case adjectives) in front of capitalised
    words that are no role; None when no role leads or no name follows."""
    cut = 0
    while cut < len(words) and (_is_role(speech, words[cut]) or (cut < len(words) - 1 and words[cut][:1].islower())):
        cut += 1
    name = [w.strip(",.") for w in words[cut:]]
    if not name or not all(w[:1].isupper() and not _is_role(speech, w) for w in name):
        return None
    if not any(_is_role(speech, w) for w in words[:cut]):
        return None if cut else ("", " ".join(name))
    return " ".join(words[:cut]), " ".join(name)


# Forms of address and the gender they give ("Frau Merkel", "Sr. Pérez").
_ADDRESS_GENDER = {
    "frau": "f",
    "herr": "m",
    "herrn": "m",
    "sra": "f",
    "señora": "f",
    "doña": "f",
    "sr": "m",
    "señor": "m",
    "don": "m",
}
# Endings of first names that census lists do not hold ("Heidemarie", "Jürgen").
_FEMALE_NAME_ENDINGS = ("a", "ie", "ine", "ette", "ild", "run", "trud", "lind")


def _gender_of(speech: _Speech, context: _Context, mention: Mention) -> str | None:
    """A person's gender as the article shows it, "m", "f" or None: a form of
    address or a gendered role before the name ("Frau", "Ministerin",
    "Sprecher" beside "Sprecherin"), else the first name (census lists, then
    endings: "Heidemarie" f, "Manfred" m)."""
    known = context.genders.get(mention.name)
    if known is not None:
        return known or None
    gender = _role_gender(speech, context, mention) or _name_gender(mention.name)
    context.genders[mention.name] = gender or ""
    return gender


def _role_gender(speech: _Speech, context: _Context, mention: Mention) -> str | None:
    actor = context.actors.actor(mention.name)
    words = context.text[max(0, mention.start - 60) : mention.start].split()[-3:]
    words += ((actor.role if actor else None) or mention.role or "").split()
    for word in words:
        lower = word.lower().strip(",.()").rsplit("-", 1)[-1]
        if lower in _ADDRESS_GENDER:
            return _ADDRESS_GENDER[lower]
        if lower not in speech.titles:
            continue
        if (lower.endswith("in") and lower[:-2] in speech.titles) or (
            lower.endswith("a") and lower[:-1] + "o" in speech.titles
        ):
            return "f"
        if lower + "in" in speech.titles or (lower.endswith("o") and lower[:-1] + "a" in speech.titles):
            return "m"
    return None


def _name_gender(name: str) -> str | None:
    words = name.split()
    if len(words) < 2:
        return None
    first = words[0].lower()
    listed = first_names().get(first)
    if listed is not None:
        return listed
    if not first.isalpha():
        return None
    return "f" if first.endswith(_FEMALE_NAME_ENDINGS) else ("m" if first[-1] not in "aeiouy" else None)


def _capitalised_name(speech: _Speech, context: _Context, start: int, end: int, cue: re.Match[str]) -> _Source | None:
    """When the tagger missed the name: the run of capitalised words nearest
    the verb that no article, possessive or preposition introduces ("hatte
    VW-Chef Winterkorn in einem Interview erklärt" -> Winterkorn, role VW-Chef)."""
    text = context.text
    best: tuple[int, _Source] | None = None
    for run in _CAPITALISED_RUN.finditer(text, start, end):
        if context.in_quote(run.start()) or cue.start() <= run.start() < cue.end():
            continue
        words = run.group().split()
        before = text[max(start, run.start() - 20) : run.start()].split()
        if _common_noun(speech, text, run.start(), run.group()) or (before and before[-1][-1:] in '„“»«"'):
            continue
        if not before and start == context.sentence_start(run.start()) and words[0].lower() in speech.stop_words:
            continue
        if any(w.lower() in speech.stop_words or w.lower() in speech.pronouns for w in words):
            continue
        named = _role_and_name(speech, words)
        if named is None:
            continue
        distance = cue.start() - run.end() if run.end() <= cue.start() else run.start() - cue.end()
        if best is None or distance < best[0]:
            best = (distance, _Source(named[1], named[0] or None, "PER" if named[0] else "nominal"))
    return best[1] if best else None


_CAPITALISED_RUN = re.compile(r"[^\W\d_a-zäöüßáéíóúñ][\w'’-]*(?:\s+[^\W\d_a-zäöüßáéíóúñ][\w'’-]*){0,3}")


def _resolve_in(speech: _Speech, context: _Context, pronoun: str, offset: int) -> _Source | None:
    """er/sie, él/ella: the last person named before, not in a quote, not the
    object of a preposition, not a genitive, whose gender (`_gender_of`) does
    not clash with the pronoun's."""
    floor = offset - _PRONOUN_REACH
    wanted = speech.pronouns.get(pronoun)
    people = [
        m
        for m in reversed(context.actors.mentions_before(offset))
        if m.start >= floor and m.type == "PER" and m.end <= offset and not context.in_quote(m.start)
    ]
    for mention in people:
        if (
            not _oblique(speech, context.text, mention.start)
            and not (speech.verb_second and _genitive(speech, context, mention))
            and _gender_of(speech, context, mention) in (None, wanted)
        ):
            return context.source(mention)
    if speech.verb_second:
        # `die Kritik von Gisela Piltz; sie …`: a name after a preposition, when its gender says so.
        for mention in people:
            if wanted is not None and _gender_of(speech, context, mention) == wanted:
                return context.source(mention)
    # The tagger missed the name: the last "role Name" written before
    # ("Der Abgeordnete Friedemann Oberholzer sprach …. Er fuhr fort: …").
    floor = max(floor, context.sentence_start(context.sentence_start(offset) - 1))
    found = None
    for run in _CAPITALISED_RUN.finditer(context.text, max(0, floor), offset):
        words = run.group().split()
        while words and words[0].lower() in _DETERMINERS:
            words = words[1:]
        named = _role_and_name(speech, words)
        if (
            named
            and named[0]
            and 2 <= len(named[1].split()) <= 3
            and not context.in_quote(run.start())
            and not _oblique(speech, context.text, run.start())
        ):
            found = _Source(named[1], named[0], "PER")
    return found
