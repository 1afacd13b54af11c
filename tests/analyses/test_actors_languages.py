"""German and Spanish actors read as an editor would: one actor per entity
whatever form the article writes it in, types from what the article says,
roles whole. Every sentence here is written for these tests."""

from __future__ import annotations

from newsum.analyses import actors
from newsum.model import Actor
from newsum.nlp.languages import get
from newsum.nlp.languages.sentences import split_sentences


def _actors(text: str, code: str) -> dict[str, Actor]:
    index = actors.find_actors(text, split_sentences(text, code), get(code).name)
    return {a.name: a for a in index.actors}


def test_a_german_genitive_joins_its_plain_form() -> None:
    text = (
        "Frankreich hat am Sonntag ein neues Parlament gewählt. Die Regierung Frankreichs will die Renten "
        "erhöhen. In Frankreich gingen viele Menschen wählen."
    )
    found = _actors(text, "de")
    assert "Frankreichs" not in found
    assert found["Frankreich"].type == "LOC"
    assert found["Frankreich"].mentions == 3
    assert found["Frankreich"].aliases == ["Frankreichs"]


def test_a_declined_german_name_joins_its_nominative() -> None:
    text = (
        "Die Deutsche Bank hat am Montag ihre Zahlen vorgelegt. Der Gewinn der Deutschen Bank stieg um zehn "
        "Prozent. Die Deutsche Bank will nun mehr Filialen eröffnen."
    )
    found = _actors(text, "de")
    assert "Deutschen Bank" not in found
    assert found["Deutsche Bank"].mentions == 3


def test_a_noun_naming_a_company_types_the_names_after_it() -> None:
    text = (
        "Der Mobilfunkkonzern Telvaro hat die Übernahme der Firma Brandlux abgeschlossen. "
        "Telvaro zahlte dafür zwei Milliarden Euro."
    )
    found = _actors(text, "de")
    assert found["Telvaro"].type == "ORG"
    assert found["Brandlux"].type == "ORG"
    assert not any("konzern" in name.lower() for name in found)


def test_a_hyphenated_german_title_keeps_the_name_before_it() -> None:
    text = "Amnesty International-Sprecher Jonas Berg sagte am Freitag, die Lage sei ernst."
    found = _actors(text, "de")
    assert found["Jonas Berg"].type == "PER"
    assert found["Jonas Berg"].role == "Amnesty International-Sprecher"


def test_a_spanish_name_with_two_surnames_is_one_person() -> None:
    text = (
        "El ministro de Hacienda, Tomás Herrera Salcedo, presentó el martes los nuevos presupuestos. "
        "Herrera Salcedo explicó que el gasto en educación subirá. "
        "Según Herrera Salcedo, los impuestos no cambiarán."
    )
    found = _actors(text, "es")
    assert "Herrera Salcedo" not in found
    person = found["Tomás Herrera Salcedo"]
    assert person.type == "PER" and person.mentions == 3
    assert person.aliases == ["Herrera Salcedo"]
    assert person.role == "ministro de Hacienda"


def test_an_institution_word_is_no_title() -> None:
    text = "El Gobierno Nacional aprobó el lunes un nuevo plan de empleo para los jóvenes del país."
    found = _actors(text, "es")
    assert "Nacional" not in found
    assert not any(a.type == "PER" for a in found.values())


def test_a_long_spanish_role_is_read_whole() -> None:
    text = "La ministra de Trabajo de la Provincia, Lucía Ferreyra, anunció el viernes nuevas ayudas."
    found = _actors(text, "es")
    assert found["Lucía Ferreyra"].role == "ministra de Trabajo de la Provincia"


def test_diseases_are_no_actors() -> None:
    text = "Los casos de COVID-19 bajaron en Lima. El COVID-19 sigue presente en el país, dijo el ministro."
    assert "COVID-19" not in _actors(text, "es")


def test_a_persons_party_in_brackets_is_no_acronym_of_the_person() -> None:
    text = (
        "El diputado Matías Herrero (PSOE) votó en contra de la reforma. "
        "El PSOE pidió más tiempo para estudiar el texto."
    )
    found = _actors(text, "es")
    assert found["Matías Herrero"].type == "PER"
    assert "PSOE" not in found["Matías Herrero"].aliases
    assert found["PSOE"].type == "ORG"


def test_an_acronym_pairs_with_the_name_it_spells() -> None:
    text = (
        "La Organización Mundial de la Salud (OMS) publicó el lunes un informe. "
        "La OMS pide a los países vacunar a los mayores."
    )
    found = _actors(text, "es")
    name = next(n for n in found if "OMS" in (n, *found[n].aliases))
    assert found[name].type == "ORG"
    assert {name, *found[name].aliases} >= {"OMS", "Organización Mundial de la Salud"}


def test_articles_and_saints_that_belong_to_a_place_stay_in_its_name() -> None:
    text = (
        "El alcalde de San Sebastián viajó el jueves a Las Palmas para firmar el acuerdo. "
        "Después visitó La Paz y volvió a San Sebastián."
    )
    found = _actors(text, "es")
    for place in ("San Sebastián", "Las Palmas"):
        assert found[place].type == "LOC"
    assert "Sebastián" not in found and "Palmas" not in found


def test_a_role_written_after_the_name_between_commas() -> None:
    text = (
        "Ramiro Quintana, ministro de Agricultura y Pesca, presentó el lunes el plan de riego. "
        "Elena Vidal, que dirige la cooperativa, criticó el plan."
    )
    found = _actors(text, "es")
    assert found["Ramiro Quintana"].role == "ministro de Agricultura y Pesca"
    assert found["Elena Vidal"].role is None  # a clause, not a role


def test_a_disease_acronym_is_no_organisation() -> None:
    text = "Los casos de VIH bajaron en Lima, según el ministerio. El VIH sigue presente en el país."
    assert "VIH" not in _actors(text, "es")


def test_a_news_medium_named_after_a_place_is_an_organisation() -> None:
    text = "Das Dokument war in der „Chicago Tribune“ veröffentlicht worden, berichtete die Zeitung am Montag."
    found = _actors(text, "de")
    assert found["Chicago Tribune"].type == "ORG"


def test_the_name_inside_a_hyphenated_title_is_no_actor_of_its_own() -> None:
    text = "Amnesty International-Sprecher Jonas Berg sagte am Freitag, die Lage sei ernst."
    found = _actors(text, "de")
    assert set(found) == {"Jonas Berg"}


def test_a_given_name_carries_across_its_particles_but_a_full_name_does_not() -> None:
    text = (
        "Bundesministerin Hannelore von der Brügge stellte am Montag den Bericht vor. "
        "Jonas Berg von der Caritas lobte den Bericht."
    )
    found = _actors(text, "de")
    assert "Hannelore von der Brügge" in found
    assert "Jonas Berg" in found


def test_an_office_alone_is_no_person() -> None:
    text = "Der Vorsitzende Richter Klaus Tolksdorf verkündete das Urteil. Der Vorsitzende Richter nannte es gerecht."
    found = _actors(text, "de")
    assert "Richter" not in found
    assert found["Klaus Tolksdorf"].type == "PER"
