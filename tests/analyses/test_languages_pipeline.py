"""German and Spanish through the pipeline: quotes, actors, keyphrases,
language choice and its JSON, ``--language`` on the command line.

Every German and Spanish sentence here is written for these tests."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from newsum.analyses import actors, keyphrases, quotes
from newsum.nlp.languages import get
from newsum.nlp.languages.sentences import split_sentences
from newsum.pipeline import Options, digest_text

GERMAN_STORY = (
    "Bundeskanzler Olaf Scholz hat am Dienstag in Berlin die Pläne der Regierung für das kommende Jahr vorgestellt.\n\n"
    "„Wir werden die Schulen und die Krankenhäuser des Landes stärken“, sagte Scholz vor Journalisten. "
    "Die Opposition kritisierte die Pläne als zu teuer.\n\n"
    "Die frühere Kanzlerin Angela Merkel äußerte sich ebenfalls. „Das ist ein guter Anfang für unser Land“, "
    "sagte Merkel am Abend.\n\n"
    "Das Weiße Haus in Washington begrüßte die Ankündigung. Auch die Unternehmen Pfizer und BioNTech "
    "kündigten neue Investitionen in Deutschland an."
)
SPANISH_STORY = (
    "La ministra de Sanidad Carolina Darias presentó el martes en Madrid el nuevo plan de vacunación contra la gripe.\n\n"
    "«Vamos a vacunar a todos los mayores antes del invierno», dijo Fauci durante su visita a la capital. "
    "Según la ministra, las dosis llegarán la próxima semana.\n\n"
    "—Tenemos vacunas suficientes para todo el país —afirmó el presidente Pedro Sánchez—.\n\n"
    "La Casa Blanca y el Gobierno de Estados Unidos enviaron dosis de Pfizer y AstraZeneca a varios países."
)


def _index(text: str, code: str) -> tuple[actors.ActorIndex, list]:
    sentences = split_sentences(text, code)
    return actors.find_actors(text, sentences, get(code).name), sentences


# ---------------------------------------------------------------------------- quotes


def test_german_quotes_end_at_their_closing_mark_with_their_speakers() -> None:
    index, sentences = _index(GERMAN_STORY, "de")
    found = quotes.attribute_in(get("de"), GERMAN_STORY, index, sentences=sentences)
    assert [(q.text, q.speaker) for q in found] == [
        ("Wir werden die Schulen und die Krankenhäuser des Landes stärken", "Olaf Scholz"),
        ("Das ist ein guter Anfang für unser Land", "Angela Merkel"),
    ]
    assert found[0].speaker_role == "Bundeskanzler"


def test_german_guillemets_and_pronouns() -> None:
    text = (
        "Die Ministerin Anna Weber besuchte am Freitag die Klinik in Hamburg.\n\n"
        "»Die Pflegekräfte leisten hier jeden Tag Großartiges«, sagte sie den Reportern."
    )
    index, sentences = _index(text, "de")
    found = quotes.attribute_in(get("de"), text, index, sentences=sentences)
    assert [(q.text, q.speaker) for q in found] == [
        ("Die Pflegekräfte leisten hier jeden Tag Großartiges", "Anna Weber")
    ]


def test_spanish_quotes_dijo_segun_and_dialogue_dashes() -> None:
    index, sentences = _index(SPANISH_STORY, "es")
    found = quotes.attribute_in(get("es"), SPANISH_STORY, index, sentences=sentences)
    by_text = {q.text: q.speaker for q in found}
    assert by_text["Vamos a vacunar a todos los mayores antes del invierno"] == "Fauci"
    assert by_text["Tenemos vacunas suficientes para todo el país"] == "Pedro Sánchez"


def test_spanish_segun_la_ministra_names_her() -> None:
    text = (
        "La ministra de Sanidad Carolina Darias visitó el hospital de Toledo el viernes.\n\n"
        "Según la ministra, «los contagios bajarán en las próximas dos semanas»."
    )
    index, sentences = _index(text, "es")
    found = quotes.attribute_in(get("es"), text, index, sentences=sentences)
    assert [q.speaker for q in found] == ["Carolina Darias"]


def test_german_colon_before_quote_keeps_speaker_and_quote_together() -> None:
    text = "Der Trainer Paul Richter sagte: „Die Mannschaft hat heute großartig gespielt und verdient gewonnen.“"
    assert len(split_sentences(text, "de")) == 1


# ---------------------------------------------------------------------------- actors


def test_german_actors_types_roles_and_companies() -> None:
    index, _ = _index(GERMAN_STORY, "de")
    by_name = {a.name: a for a in index.actors}
    assert index.method == "crf"
    assert by_name["Olaf Scholz"].type == "PER" and by_name["Olaf Scholz"].role == "Bundeskanzler"
    assert by_name["Angela Merkel"].type == "PER"
    assert not any(a.type == "PER" and "Haus" in a.name for a in index.actors)
    assert by_name["Pfizer"].type == "ORG" and by_name["BioNTech"].type == "ORG"


def test_spanish_actors_places_are_no_people() -> None:
    index, _ = _index(SPANISH_STORY, "es")
    by_name = {a.name: a for a in index.actors}
    assert by_name["Carolina Darias"].type == "PER"
    assert "ministra" in (by_name["Carolina Darias"].role or "")
    for name in ("Estados Unidos", "Casa Blanca"):
        assert name not in by_name or by_name[name].type != "PER"
    assert by_name["Pfizer"].type == "ORG" and by_name["AstraZeneca"].type == "ORG"


# ---------------------------------------------------------------------------- keyphrases


@pytest.mark.parametrize(("code", "story"), [("de", GERMAN_STORY), ("es", SPANISH_STORY)])
def test_keyphrases_hold_no_stop_word_or_verb(code: str, story: str) -> None:
    language = get(code)
    phrases = [k.phrase for k in keyphrases.extract_keyphrases(split_sentences(story, code), 10, language.name)]
    assert phrases
    for phrase in phrases:
        words = phrase.lower().split()
        assert words[0] not in language.stop_words and words[-1] not in language.stop_words, phrase
    assert not {"que", "sagte", "dijo"} & {w.lower() for p in phrases for w in p.split()}
    # "de" only inside a name capitalised on both sides ("Organización Mundial de la Salud").
    for phrase in phrases:
        words = phrase.split()
        for i, word in enumerate(words):
            if word == "de":
                assert 0 < i < len(words) - 1 and words[i - 1][:1].isupper(), phrase


# ---------------------------------------------------------------------------- pipeline and CLI


def test_pipeline_detects_the_language_and_says_how() -> None:
    german = digest_text("Regierung stellt ihre Pläne vor\n\n" + GERMAN_STORY, options=Options())
    assert german.settings["language"] == "german" and german.settings["language_how"] == "detected"
    assert german.quotes and german.quotes[0].speaker in {"Olaf Scholz", "Angela Merkel"}
    chosen = digest_text(SPANISH_STORY, options=Options(language="es"))
    assert chosen.settings["language"] == "spanish" and chosen.settings["language_how"] == "option"
    page = (
        "<html lang='de'><body><article>"
        + "".join(f"<p>{p}</p>" for p in GERMAN_STORY.split("\n\n"))
        + "</article></body></html>"
    )
    declared = digest_text(page, options=Options(), html=True)
    assert declared.settings["language"] == "german" and declared.settings["language_how"] == "declared"


def test_cli_language_code(tmp_path) -> None:
    from newsum.cli.app import app

    path = tmp_path / "artikel.txt"
    path.write_text("Regierung stellt ihre Pläne vor\n\n" + GERMAN_STORY, encoding="utf-8")
    result = CliRunner().invoke(app, ["summarize", str(path), "--language", "de", "-f", "json"])
    assert result.exit_code == 0, result.output
    digest = json.loads(result.stdout)
    assert digest["settings"]["language"] == "german" and digest["settings"]["language_how"] == "option"
    assert digest["article"]["language"] == "german"
    assert any(q["speaker"] == "Olaf Scholz" for q in digest["quotes"])
    bad = CliRunner().invoke(app, ["summarize", str(path), "--language", "klingon"])
    assert bad.exit_code != 0


def test_an_english_digest_loads_no_other_language() -> None:
    """A full English digest: without ``--language`` only the detection profiles
    (a few hundred function words) of the other languages are read; with
    ``language="en"`` nothing of theirs at all, and never HanTa or their models."""
    script = """
import sys
from newsum.nlp.languages import base
opened = []
real = base.read_lines
base.read_lines = lambda resource: opened.append(resource) or real(resource)
import newsum
text = open("samples/reuters-2022-01-28-russia-ukraine.txt").read()
detected = newsum.summarize(text)
told = len(opened)
newsum.summarize(text, language="en")
print(detected.settings["language"], sorted(set(opened)), len(opened) == told, "HanTa" in sys.modules)
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    assert out[0] == "english"
    assert all(r.endswith("profile.txt") for r in json.loads(" ".join(out[1:-2]).replace("'", '"')))
    assert out[-2:] == ["True", "False"]


def test_german_colon_after_a_verb_of_saying_does_not_split() -> None:
    text = "Die Ministerin erklärte: Die Lage bleibt ernst. Danach fuhr sie nach Hause."
    assert [s.text for s in split_sentences(text, "de")] == [
        "Die Ministerin erklärte: Die Lage bleibt ernst.",
        "Danach fuhr sie nach Hause.",
    ]


PLAIN_ENGLISH = (
    "The city council approved a new budget for buses and schools on Tuesday after a long debate. "
    "The mayor said the plan would add forty buses and repair the roofs of eleven schools before the winter. "
    "Opposition members argued that the budget relies on a tax rise that many families cannot afford."
)
PLAIN_GERMAN = (
    "Der Stadtrat hat am Dienstag nach einer langen Debatte einen neuen Haushalt für Busse und Schulen beschlossen. "
    "Die Bürgermeisterin sagte, der Plan bringe vierzig neue Busse und neue Dächer für elf Schulen vor dem Winter. "
    "Die Opposition kritisierte, dass der Haushalt auf einer Steuererhöhung beruhe, die sich viele nicht leisten können."
)


@pytest.mark.parametrize(
    ("declared", "story", "language", "how"),
    [
        ("de", PLAIN_ENGLISH, "english", "detected"),  # a site's one <html lang> on an English post
        ("en", PLAIN_GERMAN, "german", "detected"),
        ("de", PLAIN_GERMAN, "german", "declared"),
        ("en", PLAIN_ENGLISH, "english", "declared"),
    ],
)
def test_a_declaration_the_words_clearly_contradict_gives_way(declared, story, language, how):
    from newsum.pipeline import digest_text

    page = (
        f'<!DOCTYPE html><html lang="{declared}"><head><title>Budget</title></head><body><article>'
        f"<h1>Budget</h1><p>{story}</p><p>{story}</p></article></body></html>"
    )
    digest = digest_text(page, html=True)
    assert (digest.settings["language"], digest.settings["language_how"]) == (language, how)
