"""The quotes benchmark scores as the scorer of record does.

The scoring rules are checked on small synthetic articles written here (the
PolNeAR texts are research-only and stay in ../shared). When ../shared is
beside the checkout, the benchmark's figures on a slice of the dev set must
equal ``../shared/eval/eval_quotes.py``'s on the predictions it writes.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "data" / "quotes" / "dev.jsonl"
EVAL_SCRIPT = SHARED / "eval" / "eval_quotes.py"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.quotes import main, same_person, score_article  # noqa: E402

TEXT = (
    'Senator Ann Lee spoke in Ohio on Monday. "We will win this race," she said. "Believe me."\n\n'
    'He called it a "big deal" for the town, Bo Chen said.'
)


def gold_quote(text: str, piece: str, speaker: str | None, kind: str = "direct", **extra: object) -> dict:
    start = text.index(piece)
    return {"start": start, "end": start + len(piece), "type": kind, "speaker": speaker, **extra}


def record() -> dict:
    quotes = [
        {
            **gold_quote(TEXT, '"We will win this race,"', "Ann Lee"),
            "spans": [
                [TEXT.index('"We will'), TEXT.index('race,"') + 6],
                [TEXT.index('"Believe'), TEXT.index('me."') + 4],
            ],
            "speaker_is_pronoun": True,
        },
        gold_quote(TEXT, 'He called it a "big deal" for the town', "Bo Chen", "mixed"),
    ]
    return {"id": "a", "text": TEXT, "quotes": quotes}


def test_split_predictions_pool_into_one_hit_with_the_right_speaker() -> None:
    first = TEXT.index("We will")
    second = TEXT.index("Believe")
    predictions = [
        {"start": first, "end": first + len("We will win this race"), "speaker": "Ann Lee"},
        {"start": second, "end": second + len("Believe me"), "speaker": "Lee"},
    ]
    tally = score_article(record(), predictions)
    assert (tally.gold, tally.loose_tp, tally.loose_fp, tally.loose_fn) == (1, 1, 0, 0)
    assert (tally.strict_tp, tally.speaker_ok, tally.e2e_tp) == (1, 1, 1)


def test_predictions_on_mixed_quotes_are_ignored_and_strangers_are_false_positives() -> None:
    deal = TEXT.index("big deal")
    spoke = TEXT.index("Ann Lee spoke")
    predictions = [{"start": deal, "end": deal + 8, "speaker": "Bo Chen"}, {"start": spoke, "end": spoke + 13}]
    tally = score_article(record(), predictions)
    assert (tally.ignored, tally.loose_fp, tally.loose_fn, tally.loose_tp) == (1, 1, 1, 0)


def test_a_wrong_speaker_is_a_hit_but_not_end_to_end() -> None:
    first = TEXT.index("We will")
    tally = score_article(record(), [{"start": first, "end": first + 21, "speaker": "Bo Chen"}])
    assert (tally.loose_tp, tally.speaker_judged, tally.speaker_ok, tally.e2e_tp) == (1, 1, 0, 0)
    figures = tally.figures()
    assert figures["loose"] == (100.0, 100.0, 100.0)
    assert figures["end_to_end"] == (0.0, 0.0, 0.0)


def test_names_match_without_titles_and_by_surname() -> None:
    assert same_person("Mr. Obama", "Barack Obama")
    assert same_person("Sen. Tammy Baldwin", "Tammy Baldwin")
    assert same_person("J. Kerry", "John Kerry")
    assert not same_person("Bill Clinton", "Hillary Clinton")
    assert not same_person("he", "Obama")


def test_benchmark_runs_newsum_on_a_file_and_writes_predictions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "gold.jsonl"
    data.write_text(json.dumps(record()) + "\n", encoding="utf-8")
    out = tmp_path / "pred.jsonl"
    assert main(["--data", str(data), "--out", str(out), "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["gold_quotes"] == 1
    assert result["systems"]["newsum"]["end_to_end"] == [100.0, 100.0, 100.0]
    predicted = json.loads(out.read_text(encoding="utf-8"))
    assert predicted["id"] == "a"
    assert {q["speaker"] for q in predicted["quotes"]} == {"Ann Lee"}


def test_bad_data_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "gold.jsonl"
    data.write_text('{"id": "x"}\n', encoding="utf-8")
    assert main(["--data", str(data)]) == 2
    assert "gold.jsonl:1" in capsys.readouterr().err


@pytest.mark.skipif(not (DEV.is_file() and EVAL_SCRIPT.is_file()), reason="../shared quotes data not found")
def test_figures_agree_with_the_scorer_of_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "pred.jsonl"
    assert main(["--data", str(DEV), "--limit", "25", "--out", str(out), "--format", "json"]) == 0
    ours = json.loads(capsys.readouterr().out)["systems"]["newsum"]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(DEV.read_text(encoding="utf-8").splitlines(keepends=True)[:25]), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(EVAL_SCRIPT), str(gold), str(out), "--json"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    theirs = json.loads(done.stdout)
    assert ours["loose"] == theirs["loose_P_R_F1"]
    assert ours["strict"] == theirs["strict_P_R_F1"]
    assert ours["end_to_end"] == theirs["e2e_P_R_F1"]
    assert ours["speaker_accuracy"] == theirs["speaker_acc"]
    assert re.fullmatch(r"\d+\.\d", str(ours["speaker_accuracy"]))
