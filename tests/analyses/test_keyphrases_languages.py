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


def test_german_phrases_drop_judging_adjectives_and_keep_classifying_ones() -> None:
    text = (
        "Mit einer ungewöhnlichen Aktion protestierten Umweltschützer am Flughafen gegen die neue Startbahn. "
        "Die niederländische Regierung hatte die geplanten Bauarbeiten genehmigt. "
        "Die ungewöhnliche Aktion dauerte drei Stunden, die niederländische Regierung schwieg. "
        "Der Flughafen will die geplanten Bauarbeiten trotz der feindlichen Stimmung fortsetzen. "
        "Sein größter Konkurrent Schiphol wächst seit Jahren schneller. "
        "Ein 25-jähriger Aktivist wurde grundlos festgenommen, die feindliche Stimmung wuchs."
    )
    phrases = _phrases(text, "de", 15)
    firsts = {p.split()[0].lower() for p in phrases}
    # Judgement, novelty, size, participles, ages: no part of a keyphrase.
    assert not firsts & {"ungewöhnliche", "ungewöhnlichen", "neue", "geplanten", "größter", "25-jähriger", "grundlos"}
    # Adjectives that say what kind of thing it is stay.
    assert "niederländische Regierung" in phrases and "feindlichen Stimmung" in phrases
    # The noun stays, with the name it goes with.
    assert "Konkurrent Schiphol" in phrases


def test_german_names_with_capitalised_adjectives_stay_whole() -> None:
    text = (
        "Die Ausstellung in der Neuen Nationalgalerie zeigt Bilder aus dem Ruhrgebiet. "
        "Nach dem Umbau öffnete die Neue Nationalgalerie im Sommer wieder. "
        "Das Berliner Landgericht verhandelt über die Kosten des Umbaus der Neuen Nationalgalerie."
    )
    phrases = _phrases(text, "de", 15)
    assert any(p.endswith("Nationalgalerie") and len(p.split()) == 2 for p in phrases)
    assert "Berliner Landgericht" in phrases


def test_german_media_that_are_only_cited_are_no_keyphrases() -> None:
    text = (
        "Nach einem Bericht der Tageszeitung Rheinische Post hat der Stadtrat die Schließung des Hallenbads beschlossen. "
        "Das Hallenbad schließt laut der Zeitung im Herbst. "
        "Die Sanierung des Hallenbads wäre zu teuer gewesen, meldete die Nachrichtenagentur Nordpress. "
        "Der Stadtrat will stattdessen ein neues Freibad bauen."
    )
    phrases = _phrases(text, "de", 15)
    words = {w for p in phrases for w in p.split()}
    assert not words & {"Post", "Tageszeitung", "Nachrichtenagentur", "Nordpress", "Zeitung"}
    assert any("Hallenbad" in p for p in phrases)


def test_german_medium_the_story_is_about_stays() -> None:
    text = (
        "Der Westdeutsche Rundfunk streicht im kommenden Jahr zweihundert Stellen. "
        "Der Westdeutsche Rundfunk muss nach dem Beschluss des Rundfunkrats vierzig Millionen Euro sparen. "
        "Die Gewerkschaft kündigte Widerstand gegen den Stellenabbau an."
    )
    phrases = _phrases(text, "de", 15)
    assert any(p.endswith("Westdeutsche Rundfunk") for p in phrases)


def test_spanish_names_keep_their_de_la_when_capitalised_on_both_sides() -> None:
    text = (
        "La Organización Mundial de la Salud pidió el lunes reforzar la vigilancia sanitaria. "
        "Los expertos de la Organización Mundial de la Salud visitaron tres hospitales. "
        "Un equipo de la Facultad de Medicina de la Universidad de Salamanca analizó las muestras. "
        "Cristina Fernández de Kirchner visitó el hospital de campaña."
    )
    phrases = _phrases(text, "es", 15)
    assert "Organización Mundial de la Salud" in phrases
    assert "Organización Mundial" not in phrases
    # A chain of names is one name inside another: two entries.
    assert "Facultad de Medicina" in phrases and "Universidad de Salamanca" in phrases
    assert "Cristina Fernández de Kirchner" in phrases
    # A lower-case word on either side joins nothing ("vigilancia sanitaria", not "equipo de la Facultad").
    assert not any(p.startswith(("equipo de", "hospital de")) for p in phrases)


def test_spanish_verbs_read_as_adjectives_or_nouns_end_the_phrase() -> None:
    text = (
        "Según la patronal, la nueva normativa genera barreras burocráticas para las pequeñas empresas. "
        "Las barreras burocráticas retrasan cada solicitud. "
        "Los vecinos formen colas largas ante la oficina, escribió un concejal. "
        "Las solicitudes caen al buzón rápidamente y la oficina las tramita rápidamente."
    )
    phrases = _phrases(text, "es", 15)
    words = {w for p in phrases for w in p.split()}
    assert not words & {"genera", "formen", "rápidamente"}
    assert "barreras burocráticas" in phrases


def test_spanish_phrases_drop_the_adjectives_before_their_noun() -> None:
    text = (
        "El Gobierno anunció nuevas medidas contra la contaminación atmosférica. "
        "Las nuevas medidas limitan el tráfico en el centro histórico. "
        "La principal asociación de comerciantes critica la contaminación atmosférica y las medidas. "
        "El centro histórico recibe cada año una gran cantidad de turistas."
    )
    phrases = _phrases(text, "es", 15)
    assert not any(p.split()[0] in {"nuevas", "principal", "gran"} for p in phrases)
    assert "contaminación atmosférica" in phrases and "centro histórico" in phrases


def test_spanish_media_that_are_only_cited_are_no_keyphrases() -> None:
    text = (
        "Según el diario La Gaceta del Sur, el alcalde cerró la piscina municipal. "
        "La piscina municipal necesita una reforma, dijo el alcalde a la cadena Radio Costa. "
        "La reforma de la piscina municipal costará dos millones de euros. "
        "El juez condenó al ladrón de la piscina a cadena perpetua."
    )
    phrases = _phrases(text, "es", 15)
    words = {w for p in phrases for w in p.split()}
    assert not words & {"diario", "Gaceta", "Radio", "Costa"}
    assert "piscina municipal" in phrases
