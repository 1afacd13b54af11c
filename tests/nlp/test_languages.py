"""newsum.nlp.languages: registry, laziness, detection, sentences, NER and POS.

Every German and Spanish sentence here is written for these tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsum.nlp.languages import UnknownLanguage, available, choose_language, detect, get
from newsum.nlp.languages.sentences import split_sentences
from newsum.nlp.text import Sentence

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"

GERMAN = (
    "Die Stadtverwaltung hat am Montag neue Regeln für den Verkehr in der Innenstadt beschlossen. "
    "Nach Angaben des Bürgermeisters sollen die Busse künftig häufiger fahren, und die Parkgebühren "
    "werden erhöht. Viele Händler sind mit dem Plan nicht zufrieden, weil sie weniger Kunden erwarten."
)
SPANISH = (
    "El ayuntamiento aprobó el lunes nuevas normas para el tráfico en el centro de la ciudad. "
    "Según el alcalde, los autobuses pasarán con más frecuencia y las tarifas de aparcamiento "
    "subirán. Muchos comerciantes no están contentos con el plan porque esperan menos clientes."
)
ENGLISH = (
    "The city council approved new traffic rules for the town centre on Monday. Buses will run "
    "more often and parking fees will rise, the mayor said. Many shop owners are unhappy with the plan."
)


def texts(text: str, code: str) -> list[str]:
    return [s.text for s in split_sentences(text, code)]


# ---------------------------------------------------------------------------- registry


def test_registry_knows_english_german_spanish_by_code_name_and_tag():
    assert available()[:3] == ("en", "de", "es")
    assert get("german") is get("de") is get("de-AT") is get("DE")
    assert get("spanish").stemmer == "spanish"
    with pytest.raises(UnknownLanguage):
        get("tlh")


def test_language_resources_are_complete():
    de, es = get("de"), get("es")
    for word in ("der", "die", "und", "zum", "nicht", "sich"):
        assert word in de.stop_words
    for word in ("de", "que", "el", "la", "y", "del", "al", "se"):
        assert word in es.stop_words
    assert "estados" not in es.stop_words  # "Estados Unidos" is a name
    assert ("„", "“") in de.quote_pairs and ("«", "»") in es.quote_pairs
    assert "sagte" in de.speech_verbs and "dijo" in es.speech_verbs
    assert de.pronouns["er"] == "m" and es.pronouns["ella"] == "f"
    assert "bundeskanzler" in de.titles and "ministra de sanidad" in es.titles


@pytest.mark.parametrize(
    ("code", "text", "speaker"),
    [
        ("de", "„Wir bleiben dabei“, sagte Bundeskanzlerin Petra Lindner.", "Petra Lindner"),
        ("de", "„Das reicht nicht“, so der Minister.", "der Minister"),
        ("es", "«No vamos a ceder», dijo Fauci.", "Fauci"),
        ("es", "Las vacunas llegarán en marzo, según la ministra de Sanidad.", "la ministra de Sanidad"),
        ("es", "—No vamos a ceder —afirmó el presidente—. Luego se fue.", "el presidente"),
    ],
)
def test_attribution_patterns_find_the_speaker(code, text, speaker):
    found = [m.group("speaker") for p in get(code).attribution_patterns for m in p.finditer(text) if m.group("speaker")]
    assert speaker in found


def test_importing_and_running_english_loads_no_other_language():
    script = """
import sys
import newsum.nlp.languages as languages
from newsum.nlp.languages import base
opened = []
real = base.read_lines
base.read_lines = lambda resource: opened.append(resource) or real(resource)
assert "nltk" not in sys.modules and "pycrfsuite" not in sys.modules
en = languages.get("en")
code, how = languages.choose_language("any text", option="en")
from newsum.nlp.languages.sentences import split_sentences
split_sentences("Mr. Smith went to Washington. He spoke.", en)
en.stop_words, en.speech_verbs, en.titles, en.abbreviations, en.pronouns, en.quote_pairs
print(code, how, opened, "HanTa" in sys.modules)
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["en", "option", "[]", "False"]


# ---------------------------------------------------------------------------- detection


def test_detection_from_the_words():
    assert detect(GERMAN) == ("de", True)
    assert detect(SPANISH) == ("es", True)
    assert detect(ENGLISH) == ("en", True)
    assert choose_language(GERMAN) == ("de", "detected")
    assert choose_language("12 34 56") == ("en", "default")
    assert choose_language(GERMAN, declared="es-ES") == ("es", "declared")
    assert choose_language(GERMAN, declared="fr") == ("de", "detected")
    assert choose_language(GERMAN, option="english") == ("en", "option")


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared/data")
def test_every_dev_article_is_detected():
    for code in ("de", "es"):
        files = sorted((SHARED / code / "articles" / "dev").glob("*.txt"))
        assert files
        assert all(detect(f.read_text(encoding="utf-8")) == (code, True) for f in files)


# ---------------------------------------------------------------------------- sentences


def test_sentences_are_text_sentences_with_offsets():
    text = "Erster Absatz. Noch ein Satz.\n\nZweiter Absatz."
    sentences = split_sentences(text, "de")
    assert all(isinstance(s, Sentence) for s in sentences)
    assert [(s.text, s.paragraph) for s in sentences] == [
        ("Erster Absatz.", 0),
        ("Noch ein Satz.", 0),
        ("Zweiter Absatz.", 1),
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_german_ordinals_dates_and_abbreviations_do_not_end_sentences():
    text = (
        "Das Treffen findet am 16. April in Köln statt. Das Tor fiel in der 19. Minute. "
        "Der Umbau kostet 5 Mio. Euro bzw. etwas mehr. Es gibt z. B. Kaffee und Kuchen. "
        "Das Gesetz gilt vom 1. Januar an. Er lebt seit 2010. Die Familie folgte ihm."
    )
    assert texts(text, "de") == [
        "Das Treffen findet am 16. April in Köln statt.",
        "Das Tor fiel in der 19. Minute.",
        "Der Umbau kostet 5 Mio. Euro bzw. etwas mehr.",
        "Es gibt z. B. Kaffee und Kuchen.",
        "Das Gesetz gilt vom 1. Januar an.",
        "Er lebt seit 2010.",
        "Die Familie folgte ihm.",
    ]


def test_an_ordinal_after_a_possessive_is_no_sentence_end():
    german = (
        "Damit gewann die Läuferin ihr 3. Rennen in Folge. Ihr Trainer jubelte. "
        "Der Verein feierte seinen 100. Geburtstag und sein 21. Sommerfest. Alle kamen."
    )
    assert texts(german, "de") == [
        "Damit gewann die Läuferin ihr 3. Rennen in Folge.",
        "Ihr Trainer jubelte.",
        "Der Verein feierte seinen 100. Geburtstag und sein 21. Sommerfest.",
        "Alle kamen.",
    ]
    spanish = "La tenista ganó su 21. Gran Premio en Roma. Fue su mejor año. El equipo llegó en el puesto 4. Nadie lo esperaba."
    assert texts(spanish, "es") == [
        "La tenista ganó su 21. Gran Premio en Roma.",
        "Fue su mejor año.",
        "El equipo llegó en el puesto 4.",
        "Nadie lo esperaba.",
    ]


def test_german_quotes_end_with_their_sentence():
    text = "„Wir machen weiter.“ Dann ging sie. »Niemals!« Er lachte. „Wann?“ fragte der Reporter."
    assert texts(text, "de") == [
        "„Wir machen weiter.“",
        "Dann ging sie.",
        "»Niemals!«",
        "Er lachte.",
        "„Wann?“ fragte der Reporter.",
    ]


def test_spanish_titles_acronyms_and_dialogue():
    text = (
        "La Sra. Gómez y la Dra. García viajaron a EE. UU. con el equipo. "
        "La visita a EE.UU. duró tres días. "
        "«Fue un éxito», dijo. ¿Volverán? —preguntó el periodista. "
        "—No lo sabemos —afirmó la doctora—. Mañana habrá otra reunión."
    )
    assert texts(text, "es") == [
        "La Sra. Gómez y la Dra. García viajaron a EE. UU. con el equipo.",
        "La visita a EE.UU. duró tres días.",
        "«Fue un éxito», dijo.",
        "¿Volverán? —preguntó el periodista.",
        "—No lo sabemos —afirmó la doctora—.",
        "Mañana habrá otra reunión.",
    ]


def test_english_is_the_english_splitter():
    from newsum.nlp.text import split_sentences as english

    text = "Mr. Smith went to Washington. He spoke on Jan. 5 at 4 p.m. about it."
    assert split_sentences(text, "en") == english(text)


# ---------------------------------------------------------------------------- models


def test_spanish_and_german_ner_tag_a_sentence():
    from newsum.nlp.languages.ner import tag_sentences, tokenize

    es = get("es")
    tokens = [t for t, _, _ in tokenize("El presidente Pedro Sánchez viajó ayer a Lisboa.", es)]
    tags = tag_sentences([tokens], es)[0]
    assert tags[tokens.index("Pedro")] == "B-PER" and tags[tokens.index("Sánchez")] == "I-PER"
    assert tags[tokens.index("Lisboa")] == "B-LOC"
    de = get("de")
    tokens = [t for t, _, _ in tokenize("Bundeskanzler Olaf Scholz reiste am Dienstag nach Paris.", de)]
    tags = tag_sentences([tokens], de)[0]
    assert tags[tokens.index("Olaf")] == "B-PER" and tags[tokens.index("Paris")] == "B-LOC"
    assert tags[tokens.index("Bundeskanzler")] == "O"


def test_tokenize_keeps_abbreviations_and_offsets():
    from newsum.nlp.languages.ner import tokenize

    text = "Die Dra. López fue a EE.UU. ayer."
    tokens = tokenize(text, get("es"))
    assert [t for t, _, _ in tokens] == ["Die", "Dra.", "López", "fue", "a", "EE.UU.", "ayer", "."]
    assert all(text[s:e] == t for t, s, e in tokens)


def test_part_of_speech_in_universal_tags():
    from newsum.nlp.languages.pos import upos

    assert upos("El gobierno aprobó una ley nueva .".split(), get("es")) == [
        "DET", "NOUN", "VERB", "DET", "NOUN", "ADJ", "PUNCT",
    ]  # fmt: skip
    tags = upos("Die Regierung hat ein neues Gesetz beschlossen .".split(), get("de"))
    assert tags == ["DET", "NOUN", "AUX", "DET", "ADJ", "NOUN", "VERB", "PUNCT"]
