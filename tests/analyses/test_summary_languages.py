"""German and Spanish summaries: every summary sentence stands on its own.

Every German and Spanish sentence here is written for these tests."""

from __future__ import annotations

import pytest

from newsum.analyses.summary import Length, is_complete, summarize, summary_units
from newsum.nlp.languages import get
from newsum.nlp.languages.sentences import split_sentences


def _summary(text: str, code: str, sentences: int = 3) -> list[str]:
    chosen = summarize(split_sentences(text, code), "news", Length(sentences=sentences), language=get(code).name)
    return [c.text for c in chosen]


def test_a_sentence_cut_by_a_paragraph_break_is_mended() -> None:
    text = (
        "El ministerio publicó el martes el informe anual sobre la salud de la población.\n\n"
        "La gripe es la única enfermedad infecciosa que sigue entre las diez principales causas de\n\n"
        "muerte en el país desde el año 1990, según el informe.\n\n"
        "El documento recoge también los datos de las enfermedades crónicas."
    )
    summary = _summary(text, "es")
    assert (
        "La gripe es la única enfermedad infecciosa que sigue entre las diez principales causas de "
        "muerte en el país desde el año 1990, según el informe."
    ) in summary
    assert all(s[:1].isupper() and s.endswith(".") for s in summary)


def test_an_ordinal_taken_for_a_sentence_end_goes_on_into_its_noun() -> None:
    text = (
        "Der Spanier Rafael Nadal gewann am Sonntag in Melbourne sein 21. Grand-Slam-Turnier.\n\n"
        "Im Finale besiegte er den Russen Daniil Medwedew nach mehr als fünf Stunden.\n\n"
        "Nadal hatte lange mit einer Verletzung am Fuß zu kämpfen."
    )
    summary = _summary(text, "de")
    assert summary[0] == "Der Spanier Rafael Nadal gewann am Sonntag in Melbourne sein 21. Grand-Slam-Turnier."


def test_a_standfirst_without_a_final_stop_is_not_summary_material() -> None:
    text = (
        "La ministra de Economía presenta un plan que cambia por completo la política fiscal del país "
        "y que la oposición ya rechaza en el Congreso\n\n"
        "La ministra de Economía presentó el lunes en Madrid un plan para bajar los impuestos a las familias.\n\n"
        "El plan reduce el impuesto sobre la renta para los salarios más bajos a partir de enero.\n\n"
        "La oposición criticó que el plan no incluya medidas para las empresas."
    )
    summary = _summary(text, "es")
    assert len(summary) == 3
    assert all(s.endswith(".") for s in summary)


def test_a_dateline_is_taken_off_the_sentence() -> None:
    text = (
        "CIUDAD DE MÉXICO.- El Gobierno aprobó el jueves una nueva ley de protección de datos personales.\n\n"
        "La ley obliga a las empresas a informar a sus clientes de cada uso de sus datos."
    )
    chosen = summarize(split_sentences(text, "es"), "news", Length(sentences=1), language="spanish")
    assert chosen[0].text == "El Gobierno aprobó el jueves una nueva ley de protección de datos personales."
    assert text[chosen[0].start : chosen[0].end] == chosen[0].text


def test_verbless_lines_and_sentences_opening_with_but_are_passed_over() -> None:
    text = (
        "Una pequeña ciudad de unos 30.000 habitantes al sur del país, junto a la frontera.\n\n"
        "El alcalde de la ciudad anunció el viernes el cierre de la fábrica de papel.\n\n"
        "Pero los trabajadores de la fábrica rechazan el cierre y preparan una huelga.\n\n"
        "La empresa da trabajo a más de mil personas de la región.\n\n"
        "Los sindicatos pidieron una reunión con el Gobierno regional."
    )
    summary = _summary(text, "es")
    assert summary == [
        "El alcalde de la ciudad anunció el viernes el cierre de la fábrica de papel.",
        "La empresa da trabajo a más de mil personas de la región.",
        "Los sindicatos pidieron una reunión con el Gobierno regional.",
    ]


def test_german_quotation_marks_close_where_german_closes_them() -> None:
    text = (
        "Der Vorstand hält an dem Plan „Neustart 2030“ fest. Die Entscheidung fiel am Montag. "
        "„Wir brauchen Zeit. Aber wir schaffen das“, sagte die Chefin."
    )
    units = summary_units(split_sentences(text, "de"), get("de").quote_pairs)
    assert [u.text for u in units] == [
        "Der Vorstand hält an dem Plan „Neustart 2030“ fest.",
        "Die Entscheidung fiel am Montag.",
        "„Wir brauchen Zeit. Aber wir schaffen das“, sagte die Chefin.",
    ]


def test_a_spanish_quotation_over_several_sentences_is_one_unit() -> None:
    text = (
        "«Estas vacunas son eficaces. Yo ya me he vacunado. Fue la primera que tuve», dijo la doctora. "
        "El ministerio confirmó los datos."
    )
    units = summary_units(split_sentences(text, "es"), get("es").quote_pairs)
    assert [u.text for u in units] == [
        "«Estas vacunas son eficaces. Yo ya me he vacunado. Fue la primera que tuve», dijo la doctora.",
        "El ministerio confirmó los datos.",
    ]
    assert units[0].count == 3


@pytest.mark.parametrize(
    ("code", "text", "complete"),
    [
        ("de", "Die Regierung hat den Haushalt am Dienstag beschlossen.", True),
        ("de", "April 1982 um 14:49 Uhr erblickte der kleine Oliver das Licht der Welt.", False),
        ("de", "Die zentralen Aussagen des Programms sind:", False),
        ("de", "Und dann kam alles anders.", False),
        ("es", "El Gobierno aprobó la ley por una amplia mayoría.", True),
        ("es", "los diez principales motivos de muerte en el país.", False),
        ("es", "Y sin medios.", False),
        ("es", "Pero el Gobierno no cedió ante la presión de la oposición.", False),
        ("es", "El plan nacional de vacunación contra la gripe", False),
    ],
)
def test_what_reads_as_a_complete_sentence(code: str, text: str, complete: bool) -> None:
    assert is_complete(text, get(code)) is complete


def test_english_units_keep_their_own_quote_rule() -> None:
    from newsum.nlp.text import split_sentences as english

    text = '"We will not leave. We will stay," the mayor said. The vote is on Monday.'
    assert [u.text for u in summary_units(english(text))] == [
        '"We will not leave. We will stay," the mayor said.',
        "The vote is on Monday.",
    ]
