"""The summarisation benchmark must agree with the scorer of record to the decimal.

Needs the shared evaluation data beside the checkout (``../shared``) and the
``rouge-score`` extra; the whole module is skipped without them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data" / "summarization"
CNNDM = DATA / "cnndm-dev.jsonl"
BBC = DATA / "bbc-dev.jsonl"
EVAL_SCRIPT = SHARED / "eval" / "eval_summarization.py"
METRICS = ("rouge1", "rouge2", "rougeL", "rougeLsum")

if not CNNDM.is_file():
    pytest.skip(f"evaluation data not found: {CNNDM}", allow_module_level=True)
pytest.importorskip("rouge_score")

# benchmarks/ is not an installed package (only newsum is), and a bare `pytest`
# does not put the project root on sys.path the way `python -m pytest` does.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.summarization import main  # noqa: E402
from newsum import evaluate  # noqa: E402


def json_rows(stdout: str) -> dict[str, dict]:
    rows = [json.loads(line) for line in stdout.splitlines() if line.strip()]
    return {row["system"]: row for row in rows}


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def first_records(path: Path, n: int) -> list[dict]:
    return read_jsonl(path)[:n]


def reference_lines(reference: str) -> int:
    return len([line for line in reference.split("\n") if line.strip()])


@pytest.mark.skipif(not EVAL_SCRIPT.is_file(), reason="eval script not found")
def test_lead3_baseline_matches_eval_script(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(CNNDM), "--limit", "8", "--algorithm", "lead", "--format", "json"]) == 0
    rows = json_rows(capsys.readouterr().out)
    assert set(rows) == {"Lead-3 (baseline)", "lead"}

    done = subprocess.run(
        [sys.executable, str(EVAL_SCRIPT), str(CNNDM), "lead", "--k", "3", "--limit", "8"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    expected = json.loads(done.stdout.strip().splitlines()[-1])
    baseline = rows["Lead-3 (baseline)"]
    assert baseline["articles"] == expected["n"] == 8
    for metric in METRICS:
        assert baseline[metric] == pytest.approx(expected[metric], abs=0.001), metric
        assert rows["lead"][metric] == baseline[metric], metric


def test_out_writes_one_three_sentence_summary_per_article(tmp_path: Path) -> None:
    out = tmp_path / "preds.jsonl"
    assert main(["--data", str(CNNDM), "--limit", "4", "--algorithm", "lead", "--out", str(out)]) == 0
    predictions = read_jsonl(out)
    assert [p["id"] for p in predictions] == [r["id"] for r in first_records(CNNDM, 4)]
    assert all(len(p["summary"].split("\n")) == 3 for p in predictions)


def test_out_with_several_algorithms_writes_one_file_each(tmp_path: Path) -> None:
    out = tmp_path / "preds.jsonl"
    argv = ["--data", str(CNNDM), "--limit", "2", "--algorithm", "lead", "--algorithm", "luhn", "--out", str(out)]
    assert main(argv) == 0
    assert not out.exists()
    for algorithm in ("lead", "luhn"):
        assert len(read_jsonl(tmp_path / f"preds.{algorithm}.jsonl")) == 2


def test_update_readme_replaces_only_the_marked_region(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme = tmp_path / "README.md"
    before = "# Title\n\nIntro <!-- benchmark:summarization:cnndm-dev --> quoted in prose.\n\n"
    after = "\nTrailing text.\n<!-- benchmark:summarization:bbc-dev -->\nkeep me\n<!-- /benchmark:summarization:bbc-dev -->\n"
    readme.write_text(
        before
        + "<!-- benchmark:summarization:cnndm-dev -->\nold table\n<!-- /benchmark:summarization:cnndm-dev -->\n"
        + after,
        encoding="utf-8",
    )
    argv = ["--data", str(CNNDM), "--limit", "2", "--algorithm", "lead", "--update-readme", str(readme)]
    assert main(argv) == 0
    text = readme.read_text(encoding="utf-8")
    assert text.startswith(before + "<!-- benchmark:summarization:cnndm-dev -->\n")
    assert text.endswith("<!-- /benchmark:summarization:cnndm-dev -->\n" + after)
    region = text[len(before) : -len(after)].splitlines()[1:-1]
    assert "old table" not in region
    assert (
        region[0]
        == f"`python -m benchmarks.summarization --data {CNNDM} --limit 2 --algorithm lead --update-readme {readme}`"
    )
    assert region[1] == ""
    assert region[2].startswith("| system | R1 | R2 | RL | RLsum |")
    assert region[4].startswith("| Lead-3 (baseline) |")
    assert region[5].startswith("| lead |")
    assert len(region) == 6
    capsys.readouterr()


def test_update_readme_without_markers_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# Title\n\nno markers here\n", encoding="utf-8")
    argv = ["--data", str(CNNDM), "--limit", "2", "--algorithm", "lead", "--update-readme", str(readme)]
    assert main(argv) == 2
    assert "benchmark:summarization:cnndm-dev" in capsys.readouterr().err
    assert readme.read_text(encoding="utf-8") == "# Title\n\nno markers here\n"


@pytest.mark.skipif(not BBC.is_file(), reason="BBC evaluation data not found")
def test_sentences_ref_uses_reference_length(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "preds.jsonl"
    argv = [
        "--data",
        str(BBC),
        "--limit",
        "3",
        "--sentences",
        "ref",
        "--algorithm",
        "luhn",
        "--out",
        str(out),
        "--format",
        "json",
    ]
    assert main(argv) == 0
    assert "Lead-ref (baseline)" in json_rows(capsys.readouterr().out)
    predictions = read_jsonl(out)
    records = first_records(BBC, 3)
    assert [p["id"] for p in predictions] == [r["id"] for r in records]
    for prediction, record in zip(predictions, records, strict=False):
        assert len(prediction["summary"].split("\n")) == reference_lines(record["reference"])


def test_a_bad_record_exits_2_naming_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "bad.jsonl"
    data.write_text(json.dumps(first_records(CNNDM, 1)[0]) + "\n{not json\n", encoding="utf-8")
    assert main(["--data", str(data), "--algorithm", "lead"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"error: {data}:2: not JSON: ")


def test_missing_rouge_score_exits_2(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "rouge_score", None)  # makes the import raise ImportError
    evaluate.load_scorer.cache_clear()  # an earlier test may have loaded it already
    try:
        assert main(["--data", str(CNNDM), "--limit", "1", "--algorithm", "lead"]) == 2
    finally:
        evaluate.load_scorer.cache_clear()
    assert "rouge-score is not installed: pip install '.[bench]'" in capsys.readouterr().err


def test_failing_article_is_reported_and_readme_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    first = first_records(CNNDM, 1)[0]
    real = evaluate.run_algorithm

    def flaky(article: evaluate.Article, algorithm: str) -> list[str]:  # fails on the first article only
        if article.id == first["id"]:
            raise RuntimeError("boom")
        return real(article, algorithm)

    monkeypatch.setattr(evaluate, "run_algorithm", flaky)
    readme = tmp_path / "README.md"
    original = "<!-- benchmark:summarization:cnndm-dev -->\nold\n<!-- /benchmark:summarization:cnndm-dev -->\n"
    readme.write_text(original, encoding="utf-8")
    argv = ["--data", str(CNNDM), "--limit", "2", "--algorithm", "lead", "--update-readme", str(readme)]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert f"error: lead failed on {first['id']}: RuntimeError('boom')" in err
    assert f"! lead: 1 article(s) failed and scored as empty: {first['id']}" in err
    assert readme.read_text(encoding="utf-8") == original
