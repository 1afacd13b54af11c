"""newsum.nlp.languages.ner features and newsum.training.languages_ner plumbing.

The sentences are written for these tests (no corpus text): the name lists and
the entity lexicon must reach the features, the gazetteer must still read as
places only, and training must never show a sentence its own entities.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsum.nlp.languages import get, ner

pytest.importorskip("pycrfsuite")


def test_gazetteer_is_places_only_and_names_come_apart():
    de = get("de")
    assert de.gazetteer
    places = ner.gazetteer(de.gazetteer)
    assert places[("frankreich",)] == "country"
    assert set(places.values()) <= {"country", "region", "city"}
    first, last = ner.name_lists(de.gazetteer)
    assert {"jurgen", "wolfgang", "annegret"} <= first  # folded: Jürgen
    assert {"scholz", "muller", "schmidt"} <= last


def test_name_cues_reach_the_features():
    items = ner.sentence_features(["Gestern", "sprach", "Jürgen", "Scholz", "in", "Ulm", "."], get("de"))
    assert "fname" in items[2] and "lname" in items[3]
    assert "+1:lname" in items[2] and "-1:fname" in items[3]
    assert "fname" not in items[1] and "lname" not in items[1]


def test_entity_lexicon_finds_whole_names_longest_first():
    sentences = [
        ["Das", "Bundesamt", "für", "Statistik", "meldet", "Zahlen", "."],
        ["Das", "Bundesamt", "hilft", "."],
        ["Die", "Stadtwerke", "Ulm", "investieren", "."],
        ["Die", "Stadtwerke", "Ulm", "sparen", "."],
        ["In", "Ulm", "regnet", "es", "."],
    ]
    tags = [
        ["O", "B-ORG", "I-ORG", "I-ORG", "O", "O", "O"],
        ["O", "B-ORG", "O", "O"],
        ["O", "B-ORG", "I-ORG", "O", "O"],
        ["O", "B-ORG", "I-ORG", "O", "O"],
        ["O", "B-LOC", "O", "O", "O"],
    ]
    lexicon = ner.EntityLexicon.build(sentences, tags)
    assert lexicon.entries[("bundesamt", "für", "statistik")] == "ORG"
    assert lexicon.entries[("stadtwerke", "ulm")] == "ORG"
    words = ["Beim", "Bundesamt", "für", "Statistik", "und", "in", "Ulm", "."]
    found = lexicon.tags([w.lower() for w in words], [w[:1].isupper() for w in words])
    assert found == [None, "B-ORG", "I-ORG", "I-ORG", None, None, "B-LOC", None]
    items = ner.sentence_features(words, get("de"), entities=lexicon)
    assert "ent=B-ORG" in items[1] and "ent=I-ORG" in items[3] and "ent=B-LOC" in items[6]
    assert not any(
        f.startswith("ent=") for f in ner.sentence_features(words, get("de"), entities=ner.EntityLexicon({}))[1]
    )


def test_jackknife_never_shows_a_sentence_its_own_entities():
    from newsum.training.languages_ner import jackknife_lexicons

    tokens = [["Anna", "Berg", "lacht", "."], ["Otto", "Kranz", "weint", "."], ["Anna", "Berg", "singt", "."]]
    tags = [["B-PER", "I-PER", "O", "O"]] * 3
    lexicons = jackknife_lexicons(tokens, tags)
    assert ("otto", "kranz") not in lexicons[1].entries
    assert ("anna", "berg") in lexicons[1].entries
    # Sentences alternate halves: 0 and 2 (both Anna) share one, so neither sees Anna.
    assert lexicons[0] is lexicons[2] and set(lexicons[0].entries) == {("otto", "kranz")}


def test_train_and_predict_with_the_lexicon_of_the_training_data(tmp_path: Path):
    from newsum.training.languages_ner import predict, train_model

    de = get("de")
    tokens = [
        ["Gestern", "kam", "Anna", "Berg", "nach", "Ulm", "."],
        ["Die", "Stadtwerke", "Ulm", "bauen", "."],
        ["Heute", "fährt", "Otto", "Kranz", "nach", "Bonn", "."],
        ["Der", "Bahnhof", "ist", "neu", "."],
    ] * 3
    tags = [
        ["O", "O", "B-PER", "I-PER", "O", "B-LOC", "O"],
        ["O", "B-ORG", "I-ORG", "O", "O"],
        ["O", "O", "B-PER", "I-PER", "O", "B-LOC", "O"],
        ["O", "O", "O", "O", "O"],
    ] * 3
    model = tmp_path / "de.crfsuite"
    lexicon = train_model(de, tokens, tags, model, iterations=30, c1=0.0, c2=0.1, min_freq=1, entities=True)
    assert lexicon.entries[("stadtwerke", "ulm")] == "ORG"
    assert model.is_file()
    predicted = predict(model, de, tokens[:4], lexicon)
    assert [len(p) for p in predicted] == [len(s) for s in tokens[:4]]
    assert predicted[0][2:4] == ["B-PER", "I-PER"]
    empty = train_model(
        de, tokens, tags, tmp_path / "plain.crfsuite", iterations=10, c1=0.0, c2=0.1, min_freq=1, entities=False
    )
    assert not empty.entries
