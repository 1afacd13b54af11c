"""Quote marks, the context, the English rules, and what every other
language reads by.

Quote spans (`find_quote_spans`), the article's context (`_Context`: its
sentences, paragraphs, named sources and their genders), the English
attribution (`attribute`) and scoring (`_score`); for other languages their
marks, verbs, attribution patterns and pronouns (`_speech`, `quote_spans_in`,
`_after_in`, `_before_in`, a subject left out: `_dropped_source`) and the
speaker and pronoun resolution German word order
(`newsum.analyses.quotes.german`) builds on. The entry points are in
`newsum.analyses.quotes`.
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
# dialogue paragraphs ("—Vamos a ganar —afirmó—. Y lo haremos."). A language
# that leaves out a known subject says so with attribution patterns whose
# group is ``dropped`` ("…", aseguró.): such a quote's speaker is the person
# last named as a subject, or the previous quote's (`_dropped_source`). The
# English rules above stay as they are.

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
    dropped: tuple[re.Pattern[str], ...] = ()
    """Attribution patterns with group ``dropped`` instead of ``speaker``: a verb
    of saying whose subject the language leaves out ("…", aseguró.), matched
    at the text right after a quote and at its sentence's start (`_dropped_source`)."""


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
        patterns=tuple(p for p in language.attribution_patterns if "dropped" not in p.groupindex),
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
        dropped=tuple(p for p in language.attribution_patterns if "dropped" in p.groupindex),
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


_UNATTRIBUTED = _Source("", None, "unattributed")
"""A quote the rules read and found no speaker for: not to be filled from a neighbour."""


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


# Languages whose main clauses put the finite verb second: what stands before
# the verb is the subject ("Der Minister sagte"), or an adverbial or object
# after which the subject follows the verb ("Am Montag sagte der Minister",
# "Die Äußerungen nannte er").
_VERB_SECOND = frozenset({"de"})
_ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")


_NOBODY = _Source("", None, "nobody")
"""Attribution that names no speaker: a passive verb of saying without its agent."""


def _without_role(speech: _Speech, source: _Source) -> _Source:
    """A person's name without the role the tagger took into it: "FIFA-Chef
    Sepp Blatter" -> Sepp Blatter, role FIFA-Chef."""
    if source.kind != "PER":
        return source
    named = _role_and_name(speech, source.name.split())
    if named is None or not named[0] or not _PERSONAL_NAME.fullmatch(named[1]):
        return source
    return _Source(named[1], source.role or named[0], "PER")


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


# A person's name as written: two to four capitalised words, particles between
# ("Heike van Laak", "Frank-Jürgen Weise").
_PERSONAL_NAME = re.compile(
    r"[^\W\d_a-zäöüß][\w'’.-]*(?:\s+(?:(?:van|von|de|der|den|di|da|du|le|la|ten|zu|y)\s+)?[^\W\d_a-zäöüß][\w'’.-]*){1,3}"
)


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
    # A role written before any of the person's mentions tells ("die Politikerin Ayaan Hirsi Ali … Ali").
    others = (
        [m for m in context.actors.mentions_between(0, len(context.text)) if m.name == mention.name]
        if speech.verb_second
        else []
    )
    gender = next(
        (g for m in [mention, *others] if (g := _role_gender(speech, context, m)) is not None),
        None,
    ) or _name_gender(mention.name)
    context.genders[mention.name] = gender or ""
    return gender


def _role_gender(speech: _Speech, context: _Context, mention: Mention) -> str | None:
    actor = context.actors.actor(mention.name)
    words = context.text[max(0, mention.start - 60) : mention.start].split()[-3:]
    words += ((actor.role if actor else None) or mention.role or "").split()
    for word in words:
        gender = _word_gender(speech, word)
        if gender is not None:
            return gender
    return None


# Endings of German feminine nouns for people ("Politikerin", "Aktivistin",
# "Präsidentin", "Autorin"): no other noun that stands before a name ends so.
_FEMININE_ROLE = re.compile(r"[^\W\d_][\w-]*(?:erin|istin|entin|antin|orin)")


def _word_gender(speech: _Speech, word: str) -> str | None:
    """The gender a form of address or a role word gives the name after it:
    "Frau" f; "Sprecherin" f and "Sprecher" m when the titles list both forms;
    a capitalised word in "-erin", "-istin" … f in a verb-second language."""
    lower = word.lower().strip(",.()").rsplit("-", 1)[-1]
    if lower in _ADDRESS_GENDER:
        return _ADDRESS_GENDER[lower]
    if lower not in speech.titles:
        stripped = word.strip(",.()")
        return "f" if speech.verb_second and _FEMININE_ROLE.fullmatch(stripped) and stripped[:1].isupper() else None
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
            and (_word_gender(speech, named[0].split()[-1]) or _name_gender(named[1])) in (None, wanted)
        ):
            found = _Source(named[1], named[0], "PER")
    return found


# How far after a quote's close mark a dropped subject's verb is looked for.
_DROPPED_REACH = 80


def _dropped_source(
    speech: _Speech, context: _Context, spans: list[_Span], sources: list[_Source | None], index: int
) -> _Source | None:
    """`"…", aseguró.`, `—afirmó—`, `Agregó que «…»`: a verb of saying whose
    subject the language leaves out (a ``dropped`` pattern matching right after
    the quote or at its sentence's start) speaks for the one last named
    (`_last_named`)."""
    span = spans[index]
    text = context.text
    p_start, p_end = context.paragraph(max(span.open_mark, span.close_mark - 1))
    after = text[span.close_mark : min(p_end, span.close_mark + _DROPPED_REACH)]
    start = max(p_start, context.sentence_start(span.open_mark), _previous_close_mark(context, span.open_mark, p_start))
    before = text[start : span.open_mark]
    if not any(p.match(after) or p.match(before) for p in speech.dropped):
        return None
    return _last_named(speech, context, spans, sources, index)


def _last_named(
    speech: _Speech, context: _Context, spans: list[_Span], sources: list[_Source | None], index: int
) -> _Source | None:
    """Who a subject left out refers to: the last person named before the quote
    as a subject (`_named_subject_in`), or the previous quote's speaker when
    that quote came after the name. A dropped subject tells no gender."""
    offset = spans[index].open_mark
    floor = offset - _PRONOUN_REACH
    person = None
    for mention in reversed(context.actors.mentions_before(offset)):
        if mention.start < floor:
            break
        if mention.type == "PER" and mention.end <= offset and _named_subject_in(speech, context, mention):
            person = mention
            break
    for j in range(index - 1, -1, -1):
        quoted = sources[j]
        if quoted is None:
            continue
        if (
            quoted is not _UNATTRIBUTED
            and floor <= spans[j].open_mark
            and (person is None or spans[j].open_mark > person.start)
        ):
            return quoted
        break
    return context.source(person) if person is not None else None


# After a name, an apposition between commas ("Madani, la viróloga de Harvard,")
# or a comma closing one before it ("el ministro de Salud, Daniel Gollan,"),
# then a lower-case word, the verb: the name is its clause's subject.
_BEFORE_VERB = re.compile(r"(?:\s*,[^.;:!?“”\"«»()]{1,120}?,|\s*,)?\s+(?=[a-záéíóúñü])")
# Words after which a name is no speaker of the main clause: a subordinate or
# relative clause's subject ("a la que López Obrador acostumbra"), a comparison.
_SUBORDINATE = frozenset("que quien quienes cuando si porque como donde aunque mientras".split())


def _named_subject_in(speech: _Speech, context: _Context, mention: Mention) -> bool:
    """A person named as a clause's subject, who may speak on with a dropped
    subject: outside quotes, after no preposition or subordinating word, and
    either before a verb ("Head dijo", "Madani, la viróloga de Harvard, instó")
    or right after a verb of saying or "según" ("declaró Cárdenas.", "-explicó
    Ruiz Gómez-", "según Sánchez")."""
    text = context.text
    if context.in_quote(mention.start) or _oblique(speech, text, mention.start):
        return False
    before = text[max(0, mention.start - 40) : mention.start].split()
    previous = before[-1].lower() if before else ""
    if previous in speech.prepositions or previous in _SUBORDINATE:
        return False
    if _BEFORE_VERB.match(text, mention.end) and text[mention.end : mention.end + 4].lstrip(" ,")[:2] not in (
        "y ",
        "e ",
    ):
        return True
    verbs = list(speech.cue.finditer(text, max(0, mention.start - 40), mention.start))
    between = text[verbs[-1].end() : mention.start] if verbs else "."
    return len(between.split()) <= 2 and not re.search(r"[.;:!?“”\"«»]", between)
