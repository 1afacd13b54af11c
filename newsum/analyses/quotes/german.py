"""German quotes, read by word order.

German is read by its word order (`_verb_second_source`): the finite verb
stands second, so the subject is the opening phrase or follows the verb;
separable verbs split around the clause ("gab … bekannt"); "laut", "zufolge"
and ", so" attribute without a verb; reported speech in the subjunctive and
quotes standing alone go on with the last speaker (`_context_source`); quoted
names and titles („Computerwoche“, „Nackt unter Wölfen“) are no quotes
(`_title_in_sentence`). `newsum.analyses.quotes.attribute_in` calls in here
for a language that puts its verb second. Measured by benchmarks/quotes.py on
German Wikinews.
"""

from __future__ import annotations

import re

from newsum.analyses.actors import Mention
from newsum.analyses.quotes.core import (
    _ADJECTIVE_ENDINGS,
    _COLON_LEAD,
    _DETERMINERS,
    _NOBODY,
    _NOUN_MARKERS,
    _OBLIQUE,
    _PERSONAL_NAME,
    _UNATTRIBUTED,
    _WEB_ADDRESS,
    _WORDING_NOUNS,
    _Context,
    _genitive,
    _is_role,
    _oblique,
    _resolve_in,
    _skip_space,
    _Source,
    _Span,
    _speaker_source,
    _speaking_in,
    _Speech,
    _without_role,
)


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
        pronoun = _pronoun_subject_after(speech, context, at, phrase_end, limit)
        if pronoun is not None:
            return _resolve_in(speech, context, *pronoun)
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


def _pronoun_subject_after(
    speech: _Speech, context: _Context, start: int, end: int, limit: int
) -> tuple[str, int] | None:
    """A lone capitalised word that opens the clause and names no one, followed
    by its verb and "er"/"sie" ("Aktuell lässt sie … erklären:"): an adverb in
    first place, whose clause has the pronoun for its subject. A word the article also writes capitalised inside a sentence
    ("… sagte Kowalczyk") is a name and stays the subject."""
    text = context.text
    word = text[start:end].strip(" ,")
    if not re.fullmatch(r"[^\W\d_][\w-]*", word) or not word[:1].isupper():
        return None
    if word.lower() in _NP_OPENERS | _DETERMINERS or context.actors.mentions_between(start, end):
        return None
    for other in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text):
        before = text[: other.start()].rstrip()
        if other.start() != start and before and before[-1] not in '.!?:\n„“”»«"':
            return None  # used inside sentences: a name
    following = list(re.finditer(r"[\w-]+", text[end:limit]))[:2]
    for index, match in enumerate(following):
        following_word = match.group()
        if following_word in speech.pronouns:
            return following_word, end + match.start()
        if index > 0 or not following_word[:1].islower() or following_word in _NOUN_MARKERS | speech.stop_words:
            return None
    return None


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
