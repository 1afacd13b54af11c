"""German quotes and their speakers: verbs of saying, "so"/"laut"/"nach Angaben",
names the tagger misses, roles kept apart, pronouns, nouns that are no speaker.

Every German sentence here is written for these tests."""

from __future__ import annotations

from newsum.analyses import actors, quotes
from newsum.nlp.languages import get
from newsum.nlp.languages.sentences import split_sentences


def _quotes(text: str) -> list[quotes.Quote]:
    language = get("de")
    sentences = split_sentences(text, language)
    index = actors.find_actors(text, sentences, language.name)
    return quotes.attribute_in(language, text, index, min_words=1, sentences=sentences)


def _speaker_of(found: list[quotes.Quote], start_of_quote: str) -> str | None:
    quote = next(q for q in found if q.text.startswith(start_of_quote))
    return quote.speaker


def test_new_verbs_of_saying_name_their_speaker() -> None:
    text = (
        "Die Debatte im Landtag dauerte bis in den Abend.\n\n"
        "„Das ist ein Angriff auf die kleinen Gemeinden“, entgegnete Kowalczyk den Kritikern.\n\n"
        "„Wir werden die Brücke noch in diesem Jahr sanieren“, räumte ein Ministeriumssprecher ein."
    )
    found = _quotes(text)
    assert _speaker_of(found, "Das ist ein Angriff") == "Kowalczyk"
    assert _speaker_of(found, "Wir werden die Brücke") is not None


def test_role_compound_before_a_name_the_tagger_missed_stays_apart() -> None:
    text = "„Wir bauen das neue Werk in Sachsen“, hatte Bahn-Chef Wunderlich in einem Gespräch erklärt."
    (quote,) = _quotes(text)
    assert quote.speaker == "Wunderlich"
    assert quote.speaker_role == "Bahn-Chef"


def test_a_noun_after_an_article_or_possessive_is_no_speaker() -> None:
    text = (
        "In seiner wöchentlichen Fernsehansprache erklärte der Staatspräsident: "
        "„Niemand muss in diesem Winter frieren.“"
    )
    (quote,) = _quotes(text)
    assert quote.speaker is not None
    assert "Fernsehansprache" not in quote.speaker
    assert "Staatspräsident" in quote.speaker


def test_sentence_subject_with_an_article_speaks() -> None:
    text = "Die Stadtverwaltung bestätigte die Zahlen nicht und nannte sie „reine Spekulation“."
    (quote,) = _quotes(text)
    assert quote.speaker == "Stadtverwaltung"


def test_so_attributes_only_after_a_comma_or_a_quotation_mark() -> None:
    said = _quotes("„Die Preise werden im Frühjahr wieder fallen“, so Brandauer im Gespräch mit der Zeitung.")
    assert [q.speaker for q in said] == ["Brandauer"]
    not_said = _quotes("So heißt es in dem Brief an die Mieter: „Die Heizung bleibt bis Montag kalt.“")
    assert all(q.speaker != "So" for q in not_said)


def test_nach_angaben_names_the_source() -> None:
    text = "Der Schaden ist nach Angaben der Feuerwehr „deutlich größer als zunächst angenommen“."
    (quote,) = _quotes(text)
    assert quote.speaker is not None and "Feuerwehr" in quote.speaker


def test_a_name_after_a_preposition_or_oblique_article_is_no_speaker() -> None:
    text = (
        "Die Schauspielerin Hanna Lindqvist kam am Morgen in Hamburg an. "
        "Über den Regisseur Tomasz Wiśniewski sagte sie: „Er hat mir alles beigebracht, was ich weiß.“"
    )
    (quote,) = _quotes(text)
    assert quote.speaker == "Hanna Lindqvist"


def test_pronoun_subject_with_a_colon_goes_to_the_last_person_named() -> None:
    text = (
        "Der Abgeordnete Friedemann Oberholzer sprach am Mittwoch vor dem Parlament. "
        "Er fuhr fort: „Diese Reform kommt zehn Jahre zu spät.“"
    )
    (quote,) = _quotes(text)
    assert quote.speaker == "Friedemann Oberholzer"


def test_a_quoted_name_or_title_is_no_quote() -> None:
    text = (
        "Die Kritikerin Ilse Brandhuber schrieb in der Wochenzeitung „Neue Rundschau am Sonntag“ über das Stück. "
        "„Das ist der mutigste Abend des Jahres“, sagte Brandhuber."
    )
    found = _quotes(text)
    assert [q.text for q in found] == ["Das ist der mutigste Abend des Jahres"]
    assert found[0].speaker == "Ilse Brandhuber"
