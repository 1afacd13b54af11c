"""benchmarks.actors: documents, scores and the language option, on CoNLL
files written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import actors as bench

# Two EFE-style stories (no -DOCSTART-): a dateline, a "-" sentence, the text.
SPANISH = """\
Sevilla B-LOC
, O
3 O
may O
( O
EFE B-ORG
) O
. O

- O

La O
ministra O
Lucía B-PER
Ferreyra I-PER
visitó O
Sevilla B-LOC
. O

Ferreyra B-PER
habló O
con O
el O
PSOE B-ORG
. O

Bilbao B-LOC
, O
4 O
may O
( O
EFE B-ORG
) O
. O

- O

El O
alcalde O
Jon B-PER
Etxeberria I-PER
inauguró O
el O
puente O
. O
"""


@pytest.fixture
def spanish_file(tmp_path: Path) -> Path:
    path = tmp_path / "esp.sample"
    path.write_text(SPANISH, encoding="utf-8")
    return path


def test_a_file_without_docstart_is_read_as_its_efe_stories(spanish_file: Path) -> None:
    documents = bench.read_documents(spanish_file)
    assert len(documents) == 2
    assert documents[1][0][0][0] == "Bilbao"


def test_the_language_option_scores_with_that_languages_tagger(
    spanish_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert bench.main(["--data", str(spanish_file), "--language", "es", "--format", "json"]) == 0
    captured = capsys.readouterr()
    rows = {row["system"]: row for row in map(json.loads, captured.out.splitlines())}
    assert "(spanish): 2 documents" in captured.err
    newsum = rows[bench.NEWSUM]
    assert newsum["gold"] == rows[bench.BASELINE]["gold"] == 8  # per story, by exact string
    assert newsum["recall"] > 50
    assert newsum["split"] == 0  # no entity spread over two actors


def test_an_unknown_language_is_a_usage_error(spanish_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--data", str(spanish_file), "--language", "klingon"]) == 2
    assert "klingon" in capsys.readouterr().err
