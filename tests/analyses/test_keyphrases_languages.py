"""German and Spanish keyphrases: noun phrases an editor would keep, one entry per thing.

Every German and Spanish sentence here is written for these tests."""

from __future__ import annotations

import subprocess
import sys

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


def test_german_time_words_generic_nouns_and_so_called_join_no_phrase() -> None:
    text = (
        "Am Donnerstag stellte die Stadtverwaltung die so genannte Umweltzone vor. "
        "Die sogenannte Umweltzone soll ab dem nächsten Jahr für alle Dieselfahrzeuge gelten. "
        "Seit Jahren klagen Anwohner über die schlechte Luft in der Innenstadt. "
        "Die Umweltzone betrifft nach übereinstimmenden Angaben rund 20 Prozent aller Dieselfahrzeuge. "
        "Am heutigen Freitag protestierten Händler der Innenstadt gegen die Umweltzone. "
        "Vor zwei Jahren war ein ähnlicher Plan der Stadtverwaltung gescheitert."
    )
    phrases = _phrases(text, "de", 15)
    words = {w for p in phrases for w in p.split()}
    assert "Umweltzone" in phrases  # the zone, not the "so genannte" one
    never = {"Donnerstag", "Freitag", "heutigen", "Jahr", "Jahren", "Prozent", "Angaben", "genannte", "sogenannte"}
    assert not words & never


def test_spanish_time_words_join_no_phrase_but_a_feast_keeps_its_name() -> None:
    text = (
        "El Dr. Martín Ruiz presentó el lunes un plan de vacunación para la Semana Santa. "
        "Durante la Semana Santa, los hospitales tendrán más personal cada día. "
        "En las próximas semanas llegarán dos millones de vacunas a los hospitales. "
        "El plan de vacunación durará varios meses, según el Dr. Ruiz. "
        "La Semana Santa del año pasado dejó muchos contagios en la región."
    )
    phrases = _phrases(text, "es", 15)
    words = {w.lower() for p in phrases for w in p.split()}
    assert "Semana Santa" in phrases  # a feast: its "Semana" is part of a name
    assert "Martín Ruiz" in phrases  # a form of address is no part of the name
    assert not words & {"lunes", "día", "semanas", "meses", "año", "millones", "dr."}


def test_every_registered_language_has_its_news_nouns_and_english_reads_no_file() -> None:
    assert {"donnerstag", "jahre", "tag", "uhr", "sogenannte"} <= get("de").news_nouns
    assert {"día", "semana", "año", "mes", "hora", "jueves"} <= get("es").news_nouns
    assert {"thursday", "years", "people", "reuters"} <= get("en").news_nouns
    script = """
from newsum.nlp.languages import base
opened = []
real = base.read_lines
base.read_lines = lambda resource: opened.append(resource) or real(resource)
from newsum.analyses.keyphrases import extract_keyphrases
from newsum.nlp.text import split_sentences
text = "Officials met on Thursday. The new sanctions hit Russian banks for years, officials said."
extract_keyphrases(split_sentences(text), 5, "english")
print(opened)
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
