"""Actor types from the words of a name: a business's name ends in what it
does ("Seka Moving", "Acme Logistics"), and that says organisation."""

from __future__ import annotations

from newsum.analyses.actors import find_actors
from newsum.nlp.text import split_sentences

TEXT = (
    "Seka Moving packed the whole flat in four hours, and Seka Moving charged less than its rivals.\n\n"
    "Harbor Logistics, a rival, said Harbor Logistics would open a second depot in Newark next spring.\n\n"
    "Maria Moving, a teacher from Queens, said the crew was careful with her piano."
)


def types(text: str) -> dict[str, str]:
    return {a.name: a.type for a in find_actors(text, split_sentences(text)).actors}


def test_a_name_ending_in_a_business_word_is_an_organisation():
    found = types(TEXT)
    assert found.get("Seka Moving") == "ORG"
    assert found.get("Harbor Logistics") == "ORG"
    assert found.get("Maria Moving") == "PER"  # a given name and "a teacher" outvote the ending
