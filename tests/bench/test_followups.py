"""The follow-up cases of ``benchmarks.stories`` are well formed, and at the
shipped `FOLLOW_THRESHOLD` no unrelated story gets ``follows``, precision and
recall stay where the benchmark measured them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.stories import FOLLOWUPS, count, follow_scores, load, main  # noqa: E402
from newsum.roundup.followups import FOLLOW_THRESHOLD  # noqa: E402

# Measured with `python -m benchmarks.stories` (precision 0.94, recall 0.60),
# rounded down to 0.05.
MIN_PRECISION = 0.9
MIN_RECALL = 0.6
# Different events that share no people, place or topic with the earlier story.
UNRELATED = ("n20-festival-vs-stocks", "n21-chess-vs-flood", "n22-museum-vs-ransomware", "n24-two-outbreaks")


def check_side(side: object, where: str) -> None:
    assert isinstance(side, dict) and set(side) == {"title", "summary", "actors"}, where
    assert isinstance(side["title"], str) and side["title"].strip(), where
    summary = side["summary"]
    assert isinstance(summary, list) and len(summary) == 3, where
    assert all(isinstance(s, str) and s.strip() for s in summary), where
    actors = side["actors"]
    assert isinstance(actors, list) and actors, where
    assert all(isinstance(a, str) and a.strip() for a in actors), where
    # The actors are named as the story names them.
    text = side["title"] + " " + " ".join(summary)
    assert all(a in text for a in actors), (where, [a for a in actors if a not in text])


def test_every_case_parses_with_the_schema() -> None:
    lines = [line for line in FOLLOWUPS.read_text(encoding="utf-8").splitlines() if line.strip()]
    ids = set()
    for number, line in enumerate(lines, 1):
        case = json.loads(line)
        where = f"line {number}"
        assert set(case) == {"id", "follows", "earlier", "later", "note"}, where
        assert isinstance(case["id"], str) and case["id"] and case["id"] not in ids, where
        ids.add(case["id"])
        assert isinstance(case["follows"], bool), where
        assert isinstance(case["note"], str) and case["note"].strip(), where
        check_side(case["earlier"], f"{where} earlier")
        check_side(case["later"], f"{where} later")
        assert case["earlier"]["title"] != case["later"]["title"], where
    assert len(lines) >= 40


def test_both_kinds_have_twenty_cases() -> None:
    cases = load(FOLLOWUPS)
    assert sum(c["follows"] for c in cases) >= 20
    assert sum(not c["follows"] for c in cases) >= 20


def test_shipped_constants_keep_unrelated_stories_out() -> None:
    cases = load(FOLLOWUPS)
    scored = follow_scores(cases)
    counts = count(scored, FOLLOW_THRESHOLD)
    assert counts.precision >= MIN_PRECISION and counts.recall >= MIN_RECALL
    given = {case["id"] for case, (label, s) in zip(cases, scored, strict=True) if s >= FOLLOW_THRESHOLD}
    assert not given & set(UNRELATED)


def test_tf_idf_beats_the_merges_raw_cosine() -> None:
    cases = load(FOLLOWUPS)
    assert count(follow_scores(cases), FOLLOW_THRESHOLD).f1 > max(
        count(follow_scores(cases, tfidf=False), t / 20).f1 for t in range(2, 13)
    )


def test_the_follow_up_table_prints_without_the_shared_data(tmp_path: Path, capsys) -> None:
    missing = tmp_path / "missing.jsonl"
    main(["--cnndm", str(missing), "--bbc", str(missing)])
    out = capsys.readouterr().out
    assert "merge table skipped" in out
    assert f"| TF-IDF over the stories | {FOLLOW_THRESHOLD:.2f} (newsum) |" in out
    assert "| raw cosine (the merge's) |" in out
