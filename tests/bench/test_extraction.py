"""The extraction benchmark must agree with the scorer of record to the printed decimals.

Needs the shared evaluation data beside the checkout (``../shared``); the whole
module is skipped without it. One small benchmark run per data set (6 pages) is
shared by the tests.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import extraction
from benchmarks.extraction import main

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data" / "extraction"
DEV = DATA / "dev"
WCXB = DATA / "wcxb-articles-dev"
EVAL_SCRIPT = SHARED / "eval" / "eval_extraction.py"
LIMIT = 6

if not DATA.is_dir():
    pytest.skip(f"evaluation data not found: {DATA}", allow_module_level=True)

README_BEFORE = (
    "# Title\n\nProse that quotes <!-- benchmark:extraction:dev --> inline stays.\n\n"
    "<!-- benchmark:extraction:dev -->\nold table\n<!-- /benchmark:extraction:dev -->\n\n"
    "<!-- benchmark:extraction:wcxb-articles-dev -->\nother table\n"
    "<!-- /benchmark:extraction:wcxb-articles-dev -->\n\nTail.\n"
)


def run_main(argv: list[str]) -> tuple[int, str]:
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        status = main(argv)
    return status, stdout.getvalue()


def gold_ids(folder: Path, n: int) -> list[str]:
    (gt_path,) = folder.glob("ground-truth*.json")
    return sorted(json.loads(gt_path.read_text("utf8")))[:n]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """One ``--limit 6`` run per data set, with every output option on."""
    results = {}
    for folder in (DEV, WCXB):
        tmp = tmp_path_factory.mktemp(folder.name)
        paths = {"out": tmp / "preds.jsonl", "eval": tmp / "newsum.json", "readme": tmp / "README.md"}
        paths["readme"].write_text(README_BEFORE, encoding="utf-8")
        argv = [
            "--data",
            str(folder),
            "--limit",
            str(LIMIT),
            "--format",
            "json",
            "--out",
            str(paths["out"]),
            "--save-eval-json",
            str(paths["eval"]),
            "--update-readme",
            str(paths["readme"]),
        ]
        status, stdout = run_main(argv)
        rows = {row["system"]: row for row in map(json.loads, stdout.splitlines())}
        results[folder.name] = {"status": status, "rows": rows, "argv": argv, **paths}
    return results


def eval_figures(folder: Path, predictions: Path) -> dict[str, object]:
    done = subprocess.run(
        [
            sys.executable,
            str(EVAL_SCRIPT),
            str(folder),
            "--predictions",
            str(predictions),
            "--limit",
            str(LIMIT),
            "--n-bootstrap",
            "10",
            "--metadata",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    out = done.stdout
    row = re.search(
        rf"^{re.escape(predictions.stem)}\s+(\d+)\s+(\d\.\d{{3}}) ± \S+ (\d\.\d{{3}}) ± \S+ (\d\.\d{{3}}) ± ",
        out,
        re.MULTILINE,
    )
    assert row, out
    title = re.search(r"title: exact (\d+)/(\d+)", out)
    date = re.search(r"date : same day (\d+)/(\d+)", out)
    return {
        "n": int(row[1]),
        "f1": row[2],
        "precision": row[3],
        "recall": row[4],
        "title": (int(title[1]), int(title[2])) if title else (0, 0),
        "date": (int(date[1]), int(date[2])) if date else (0, 0),
    }


@pytest.mark.skipif(not EVAL_SCRIPT.is_file(), reason="eval script not found")
@pytest.mark.parametrize("folder", [DEV, WCXB], ids=["dev-silver", "wcxb-gold"])
def test_newsum_figures_match_eval_script(runs: dict[str, dict], folder: Path) -> None:
    run = runs[folder.name]
    assert run["status"] == 0
    row = run["rows"]["newsum"]
    expected = eval_figures(folder, run["eval"])
    assert row["pages"] == expected["n"] == LIMIT
    for metric in ("f1", "precision", "recall"):
        assert f"{row[metric]:.3f}" == expected[metric], metric
    assert (row["title_exact"], row["title_ref"]) == expected["title"]
    assert (row["date_same_day"], row["date_ref"]) == expected["date"]
    assert set(run["rows"]) == {"newsum", extraction.TRAFILATURA}


def test_out_lines_have_the_promised_keys_and_ids(runs: dict[str, dict]) -> None:
    for name, folder in (("dev", DEV), ("wcxb-articles-dev", WCXB)):
        lines = [json.loads(line) for line in runs[name]["out"].read_text("utf8").splitlines()]
        assert [line["id"] for line in lines] == gold_ids(folder, LIMIT)
        for line in lines:
            assert set(line) == {"id", "text", "title", "date", "author"}
            assert isinstance(line["text"], str)
            assert line["date"] is None or re.fullmatch(r"\d{4}-\d\d-\d\d", line["date"])


def test_update_readme_replaces_only_the_marked_region(runs: dict[str, dict]) -> None:
    run = runs["dev"]
    after = run["readme"].read_text("utf8")
    begin = "<!-- benchmark:extraction:dev -->\n"
    end = "<!-- /benchmark:extraction:dev -->"
    head, rest = after.split("\n" + begin, 1)
    region, tail = rest.split(end, 1)
    before_head, before_rest = README_BEFORE.split("\n" + begin, 1)
    assert head == before_head
    assert tail == before_rest.split(end, 1)[1]  # includes the untouched wcxb region
    lines = region.splitlines()
    assert lines[0] == f"`{extraction.PROG} {' '.join(run['argv'])}`"
    assert lines[1] == ""
    assert lines[2] == "| " + " | ".join(extraction.HEADERS) + " |"
    assert lines[4].startswith("| newsum | ") and lines[5].startswith(f"| {extraction.TRAFILATURA} | ")
    assert "old table" not in after


def test_update_readme_without_markers_exits_2_before_running(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# No markers here\n<!-- benchmark:extraction:wcxb-articles-dev -->\n", encoding="utf-8")
    out = tmp_path / "preds.jsonl"
    status, stdout = run_main(["--data", str(DEV), "--limit", "1", "--out", str(out), "--update-readme", str(readme)])
    assert status == 2
    assert stdout == "" and not out.exists()  # refused before extracting anything
    assert readme.read_text("utf8") == "# No markers here\n<!-- benchmark:extraction:wcxb-articles-dev -->\n"


@pytest.mark.skipif(not EVAL_SCRIPT.is_file(), reason="eval script not found")
def test_metric_edge_cases_match_eval_script() -> None:
    """Empty truth, empty output, texts shorter than a shingle, repeated shingles."""
    spec = importlib.util.spec_from_file_location("eval_extraction", EVAL_SCRIPT)
    ev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ev)
    texts = ["", "one", "one two three", "a b c d", "a b c d e f", "a b c d a b c d", "x y z w a b c d"]
    counts, expected = [], []
    for truth in texts:
        for pred in texts:
            assert extraction.page_counts(truth, pred) == ev.page_counts(truth, pred)
            counts.append(extraction.page_counts(truth, pred))
            expected.append(ev.page_counts(truth, pred))
    assert extraction.aggregate(counts) == ev.aggregate(expected)
    for ref, got in [("A title!", "a TITLE"), ("A title", "A title - Site"), ("A", None), ("x", "y")]:
        assert extraction.title_match(ref, got) == ev.title_match(ref, got)
    for value in ["2019-11-05T10:00:00Z", "on 2019-11-05", "5 Nov 2019", None, ""]:
        assert extraction.norm_date(value) == ev.norm_date(value)


def test_newsum_failures_score_empty_and_a_crash_keeps_the_readme(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsum.errors import NoArticleText

    def no_article(page: extraction.Page) -> extraction.Output:
        raise NoArticleText("no article found on this page", page.id)

    readme = tmp_path / "README.md"
    readme.write_text(README_BEFORE, encoding="utf-8")
    argv = ["--data", str(DEV), "--limit", "2", "--format", "json", "--update-readme", str(readme)]
    monkeypatch.setattr(extraction, "newsum_extractor", no_article)
    status, stdout = run_main(argv)
    row = json.loads(stdout.splitlines()[0])
    assert status == 0  # "no article" is an answer: counted, table published
    assert (row["system"], row["errors"], row["empty"], row["f1"], row["recall"]) == ("newsum", 2, 2, 0.0, 0.0)
    assert row["title_exact"] == 0 and row["title_ref"] == 2  # failed pages stay in the denominators

    def crash(page: extraction.Page) -> extraction.Output:
        raise RuntimeError("bug")

    readme.write_text(README_BEFORE, encoding="utf-8")
    monkeypatch.setattr(extraction, "newsum_extractor", crash)
    status, _ = run_main(argv)
    assert status == 1  # a bug: the partial table is not published
    assert readme.read_text("utf8") == README_BEFORE
