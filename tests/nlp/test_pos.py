"""The part-of-speech tagger shipped in the package."""

from __future__ import annotations

import gzip
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsum.nlp import pos

ROOT = Path(__file__).resolve().parents[2]
TESTA = ROOT.parent / "shared" / "data" / "ner" / "eng.testa"


def tokenise(sentence: str) -> list[str]:
    """Tokens written with spaces between them, as in CoNLL files."""
    return sentence.split(" ")


def test_tags_a_news_sentence():
    tokens = tokenise("The United States warned Russia on Friday that it would face tough economic sanctions .")
    assert pos.tag(tokens) == [
        "DT",
        "NNP",
        "NNP",
        "VBD",
        "NNP",
        "IN",
        "NNP",
        "IN",
        "PRP",
        "MD",
        "VB",
        "JJ",
        "JJ",
        "NNS",
        ".",
    ]


def test_treebank_quotes_and_empty_input():
    assert pos.tag([]) == []
    assert pos.tag(["``", "Yes", "''", "."])[0] == pos.tag(['"', "Yes", '"', "."])[0]


def test_agrees_with_nltk_perceptron_on_the_same_weights():
    """newsum's faster tagging must make NLTK's decisions exactly."""
    from importlib import resources

    from nltk.tag.perceptron import PerceptronTagger

    data = pos.read_model(resources.files("newsum").joinpath(pos.MODEL_RESOURCE).read_bytes())
    weights: dict[str, dict[str, float]] = {}
    for f, c, w in zip(
        data["feature_index"].tolist(), data["class_index"].tolist(), data["weight"].tolist(), strict=False
    ):
        weights.setdefault(data["features"][f], {})[data["classes"][c]] = w / 1000
    reference = PerceptronTagger(load=False)
    reference.decode_json_params((weights, data["tagdict"], data["classes"]))
    sentences = [
        tokenise("Russia has massed tens of thousands of troops near the Ukrainian border ."),
        tokenise("Lavrov told Russian radio stations that Moscow did n't want a war , but its interests mattered ."),
        tokenise("Shares in Exxon-Mobil rose 3.5 percent to $ 1,000 in 1996 after the 10-year-old probe ended ."),
    ]
    for tokens in sentences:
        assert pos.tag(tokens) == [t for _, t in reference.tag(tokens)]


def test_model_loads_without_nltk_data(tmp_path):
    """No NLTK data directory is ever consulted: an empty one must do."""
    code = "from newsum.nlp import pos; print(' '.join(pos.tag(['Russia', 'sent', 'troops', '.'])))"
    env = {**os.environ, "NLTK_DATA": str(tmp_path), "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path, check=True
    )
    assert done.stdout.split() == ["NNP", "VBD", "NNS", "."]


def test_importing_keyphrases_does_not_load_the_model():
    code = "import sys, newsum.analyses.keyphrases, newsum.nlp.pos; print(newsum.nlp.pos.load_tagger.cache_info().currsize, 'numpy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0", "False"]


def test_a_bad_model_is_a_clear_error():
    with pytest.raises(pos.ModelError):
        pos.Tagger.from_bytes(b"not a model")
    with pytest.raises(pos.ModelError):
        pos.Tagger.from_bytes(gzip.compress(b'{"format": "something else"}'))
    import numpy as np

    buffer = io.BytesIO()
    np.savez(
        buffer,
        format=np.frombuffer(b"something else", dtype=np.uint8),
        classes=np.zeros(1, np.uint8),
        features=np.zeros(1, np.uint8),
        tagdict_words=np.zeros(0, np.uint8),
        tagdict_tags=np.zeros(0, np.uint8),
        feature_index=np.zeros(0, np.int32),
        class_index=np.zeros(0, np.uint8),
        weight=np.zeros(0, np.int16),
    )
    with pytest.raises(pos.ModelError, match="not a"):
        pos.Tagger.from_bytes(buffer.getvalue())


def test_a_pickled_model_is_refused_not_run():
    """The model is read with allow_pickle=False: an object array (which would
    unpickle, and so could run code) is an error, never loaded."""
    import numpy as np

    buffer = io.BytesIO()
    np.savez(buffer, format=np.array([{"format": pos.FORMAT}], dtype=object))
    with pytest.raises(pos.ModelError):
        pos.Tagger.from_bytes(buffer.getvalue())


def test_model_file_round_trips_to_the_same_bytes(tmp_path):
    """Writing the shipped model's contents again gives the shipped bytes:
    the training script's output is deterministic (no timestamps)."""
    from importlib import resources

    from newsum.training.pos import write_model

    raw = resources.files("newsum").joinpath(pos.MODEL_RESOURCE).read_bytes()
    data = pos.read_model(raw)
    model = {k: (v.tolist() if hasattr(v, "tolist") else v) for k, v in data.items()}
    write_model(model, tmp_path / "pos.npz")
    assert (tmp_path / "pos.npz").read_bytes() == raw


@pytest.mark.skipif(not TESTA.is_file(), reason="CoNLL-2003 dev file not found")
def test_dev_accuracy():
    from newsum.training.pos import accuracy, read_pos

    correct, total = accuracy(pos.load_tagger(), read_pos(TESTA))
    assert correct / total > 0.945
