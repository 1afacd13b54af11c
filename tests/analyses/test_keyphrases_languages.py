"""German and Spanish keyphrases: noun phrases an editor would keep, one entry per thing.

Every German and Spanish sentence here is written for these tests."""

from __future__ import annotations

from newsum.analyses.keyphrases import extract_keyphrases
from newsum.nlp.languages import get
from newsum.nlp.languages.sentences import split_sentences


def _phrases(text: str, code: str, count: int = 10) -> list[str]:
    return [k.phrase for k in extract_keyphrases(split_sentences(text, code), count, get(code).name)]


GERMAN = (
    "Der Vorsitzende der Gewerkschaft verdi Frank Bsirske lehnte den Plan der Regierung am Montag ab. "
    "Frank Bsirske forderte höhere Löhne für die Beschäftigten im Handel. "
    "Nach dem Brand suchten die Helfer in der Stadt Leichen und Verletzte. "
    "Im März Russland zu besuchen, hatte die Ministerin schon im Winter geplant. "
    "Die Schriftstellerin Kathrin Passig gewann den Preis der Stadt Klagenfurt. "
    "Passig las aus ihrem neuen Buch über das Leben in Berlin."
)


def test_german_phrases_end_where_german_noun_phrases_end() -> None:
    phrases = _phrases(GERMAN, "de", 15)
    # A lower-case name ends its phrase: the union and its leader are two entries.
    assert "Frank Bsirske" in phrases
    assert not any("verdi" in p and "Bsirske" in p for p in phrases)
    # Two common nouns side by side, one inflected, are two phrases.
    assert "Stadt Leichen" not in phrases
    # A month is no keyphrase word.
    assert not any("März" in p.split() for p in phrases)
    # A capitalised "adjective" after a first name is the surname.
    assert any(p.endswith("Kathrin Passig") for p in phrases)


SPANISH = (
    "El presidente Andrés Manuel López Obrador defendió el martes la política exterior de su Gobierno. "
    "Según López Obrador, la política exterior de México busca la paz. "
    "López Obrador habló ante el Senado sobre la política exterior y la economía. "
    "La válvula ayuda a respirar a los pacientes con problemas graves. "
    "El ácido tánico del vino protege las células, según el estudio. "
    "Los investigadores midieron el ácido tánico en cien muestras de vino."
)


def test_spanish_phrases_keep_their_adjectives_and_lose_misread_verbs() -> None:
    phrases = _phrases(SPANISH, "es")
    # Adjectives follow the noun in Spanish: the term keeps them.
    assert "política exterior" in phrases and "ácido tánico" in phrases
    # A verb read as a noun after a noun starts no phrase with it.
    assert not any("válvula" in p and "ayuda" in p for p in phrases)


def test_one_entry_per_person_in_the_fullest_form_of_the_name() -> None:
    phrases = _phrases(SPANISH, "es")
    named = [p for p in phrases if "Obrador" in p]
    assert named == ["Andrés Manuel López Obrador"]


def test_two_things_ending_in_the_same_adjective_stay_two_entries() -> None:
    text = (
        "El Gobierno Nacional presentó el Plan Nacional de vacunación el lunes. "
        "El Plan Nacional prevé vacunar a toda la población antes del verano. "
        "El Gobierno Nacional firmó los contratos con las farmacéuticas."
    )
    phrases = _phrases(text, "es")
    assert "Plan Nacional" in phrases and "Gobierno Nacional" in phrases
