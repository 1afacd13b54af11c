"""Spanish quotes and their speakers: the subject Spanish leaves out ("…",
aseguró. / —afirmó—. / Agregó que «…»), él/ella, "según".

Every Spanish sentence here is written for these tests."""

from __future__ import annotations

from newsum.analyses import actors, quotes
from newsum.analyses.quotes import core
from newsum.nlp.languages import get
from newsum.nlp.languages.sentences import split_sentences


def _quotes(text: str) -> list[quotes.Quote]:
    language = get("es")
    sentences = split_sentences(text, language)
    index = actors.find_actors(text, sentences, language.name)
    return quotes.attribute_in(language, text, index, min_words=1, sentences=sentences)


def _speaker_of(found: list[quotes.Quote], start_of_quote: str) -> str | None:
    quote = next(q for q in found if q.text.startswith(start_of_quote))
    return quote.speaker


def test_a_dropped_subject_after_the_quote_is_the_person_named_before() -> None:
    text = (
        "La alcaldesa de Soria, Lucía Ferrer, presentó el lunes el nuevo plan de transporte urbano.\n\n"
        "«Los autobuses llegarán a todos los barrios antes del verano», aseguró.\n\n"
        "«Y el billete costará lo mismo que el año pasado», añadió."
    )
    found = _quotes(text)
    assert _speaker_of(found, "Los autobuses llegarán") == "Lucía Ferrer"
    assert _speaker_of(found, "Y el billete costará") == "Lucía Ferrer"


def test_a_dropped_subject_may_take_words_after_the_verb() -> None:
    text = (
        "El entrenador Tomás Aguirre habló con la prensa tras el partido del domingo.\n\n"
        "«Hemos jugado el peor partido de toda la temporada», dijo entre risas."
    )
    (quote,) = _quotes(text)
    assert quote.speaker == "Tomás Aguirre"


def test_a_dialogue_aside_without_its_subject() -> None:
    text = (
        "El pescador Andrés Quiroga llevaba cuarenta años saliendo al mar desde el puerto de Vigo.\n\n"
        "—Nunca había visto tan pocas sardinas en estas aguas —afirmó—. Y no sé qué vamos a hacer."
    )
    found = _quotes(text)
    assert _speaker_of(found, "Nunca había visto") == "Andrés Quiroga"


def test_a_sentence_opening_with_its_verb_of_saying() -> None:
    text = (
        "La directora del museo, Carmen Villalba, anunció el martes una exposición dedicada a los mapas antiguos. "
        "Agregó que «la muestra se podrá visitar gratis todos los domingos del año»."
    )
    found = _quotes(text)
    assert _speaker_of(found, "la muestra se podrá visitar") == "Carmen Villalba"


def test_the_speaker_left_out_is_no_object_of_a_preposition() -> None:
    text = (
        "El consejero Raúl Echeverría se reunió el jueves con Marta Ibáñez en la sede del Gobierno regional.\n\n"
        "«La reunión ha sido larga, pero muy útil para los agricultores», explicó."
    )
    (quote,) = _quotes(text)
    assert quote.speaker == "Raúl Echeverría"


def test_a_plural_verb_is_no_dropped_subject_of_the_last_person() -> None:
    text = (
        "El concejal Gonzalo Prieto defendió el proyecto ante el pleno. Los vecinos del barrio no están de acuerdo.\n\n"
        "«Nadie nos ha preguntado qué necesitamos en esta calle», afirman."
    )
    (quote,) = _quotes(text)
    assert quote.speaker != "Gonzalo Prieto"


def test_a_subject_after_the_verb_is_no_dropped_subject() -> None:
    text = (
        "La alcaldesa de Soria, Lucía Ferrer, presentó el lunes el nuevo plan de transporte urbano.\n\n"
        "«El plan llega con tres años de retraso», explicó el concejal Gonzalo Prieto."
    )
    (quote,) = _quotes(text)
    assert quote.speaker == "Gonzalo Prieto"


def test_el_and_ella_resolve_to_the_person_named() -> None:
    text = (
        "La científica Elena Robles dirigió durante diez años el laboratorio de Salamanca.\n\n"
        "Ella afirmó: «Necesitamos más fondos para la investigación básica»."
    )
    (quote,) = _quotes(text)
    assert quote.speaker == "Elena Robles"


def test_segun_names_the_speaker() -> None:
    text = "Según Rosa Quintana, «el puerto recibirá este año más barcos que nunca»."
    (quote,) = _quotes(text)
    assert quote.speaker == "Rosa Quintana"


def test_the_dropped_subject_rule_comes_from_the_language_data() -> None:
    # Spanish declares it in its attribution patterns (group "dropped"); German does not.
    assert core._speech(get("es")).dropped
    assert not core._speech(get("de")).dropped
    assert all("dropped" not in p.groupindex for p in core._speech(get("es")).patterns)
