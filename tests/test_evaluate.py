"""`newsum eval summaries` and `newsum.evaluate`: ROUGE on the user's own JSONL data."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsum import evaluate
from newsum.analyses.summary import ALGORITHMS
from newsum.cli.app import app
from newsum.errors import BadRecord, UsageError

rouge_scorer = pytest.importorskip("rouge_score.rouge_scorer")

ROOT = Path(__file__).resolve().parents[1]
CNNDM = ROOT.parent / "shared" / "data" / "summarization" / "cnndm-dev.jsonl"
METRICS = ("rouge1", "rouge2", "rougeL", "rougeLsum")
INSTALL_HINT = "newsum: ROUGE needs the eval extra: pip install 'newsum[eval]'\n"

# Made-up articles: paragraphs on blank lines (one with stray whitespace and a
# blank line of spaces), references one sentence per line, of 2, 1, 3 and 2 lines.
RECORDS = [
    {
        "id": "budget",
        "title": "Council approves budget",
        "text": "The city council approved a new budget on Monday.  It raises spending\non parks by ten percent.\n\n"
        "Officials said the plan would create jobs.\n   \nResidents will vote on a related tax next year. Critics called the plan wasteful.",
        "reference": "The council approved a budget that raises park spending.\nThe plan should create jobs.",
    },
    {
        "id": "floods",
        "text": "Heavy rain flooded the river valley overnight. Hundreds of homes lost power. "
        "Rescue teams reached three villages by boat. The weather service expects more storms this week.",
        "reference": "Floods hit the river valley and cut power to hundreds of homes.",
    },
    {
        "id": "football",
        "text": "A local team won the regional football final on Saturday. The winning goal came in the last minute. "
        "Fans celebrated in the town square until midnight.\n\nThe coach thanked the supporters. "
        "The team will play in the national cup next spring.",
        "reference": "A local team won the regional final with a late goal.\nFans celebrated in the square.\n"
        "The team will play in the national cup.",
    },
    {
        "id": "frog",
        "text": "Scientists found a new species of frog in the mountains. The frog is bright green and very small. "
        "It lives near cold streams. Researchers hope to protect its habitat.",
        "reference": "Scientists found a small green frog.\nThey want to protect its habitat.",
    },
]
# Each article's sentences in order, by hand: Lead-k is the first k of them.
SENTENCES = {
    "budget": [
        "The city council approved a new budget on Monday.",
        "It raises spending on parks by ten percent.",
        "Officials said the plan would create jobs.",
        "Residents will vote on a related tax next year.",
    ],
    "floods": [
        "Heavy rain flooded the river valley overnight.",
        "Hundreds of homes lost power.",
        "Rescue teams reached three villages by boat.",
    ],
    "football": [
        "A local team won the regional football final on Saturday.",
        "The winning goal came in the last minute.",
        "Fans celebrated in the town square until midnight.",
    ],
    "frog": [
        "Scientists found a new species of frog in the mountains.",
        "The frog is bright green and very small.",
        "It lives near cold streams.",
    ],
}
REFERENCE_LINES = {"budget": 2, "floods": 1, "football": 3, "frog": 2}

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["eval", "summaries", *args])


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "data.jsonl", [json.dumps(r) for r in RECORDS])


def json_rows(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


def hand_rouge(k_of) -> dict[str, float]:
    """Mean F1 x 100 of Lead-k, straight from rouge-score, k per article id."""
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    scores = [scorer.score(r["reference"], "\n".join(SENTENCES[r["id"]][: k_of(r["id"])])) for r in RECORDS]
    return {m: round(100 * statistics.mean(s[m].fmeasure for s in scores), 2) for m in METRICS}


# ---------------------------------------------------------------------------- the command


def test_baseline_row_comes_first_and_matches_a_hand_computed_lead_3(data: Path) -> None:
    result = run(str(data), "--algorithm", "lead", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json_rows(result.stdout)
    assert [r["system"] for r in rows] == ["Lead-3 (baseline)", "lead"]
    expected = hand_rouge(lambda _id: 3)
    assert {m: rows[0][m] for m in METRICS} == expected
    assert rows[0]["articles"] == 4 and rows[0]["algorithm"] is None
    # newsum's lead chooses the same sentences on these articles
    assert {m: rows[1][m] for m in METRICS} == expected
    assert result.stderr == ""  # no progress when stderr is not a terminal


def test_reference_length_takes_k_from_the_reference_lines(data: Path) -> None:
    result = run(str(data), "--algorithm", "lead", "--reference-length", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json_rows(result.stdout)
    assert rows[0]["system"] == "Lead-ref (baseline)" and rows[0]["k"] == "ref"
    expected = hand_rouge(REFERENCE_LINES.__getitem__)
    assert {m: rows[0][m] for m in METRICS} == expected
    assert expected != hand_rouge(lambda _id: 3)  # the test can tell the two apart
    articles = evaluate.load_articles(data, evaluate.REF)
    assert [a.k for a in articles] == [REFERENCE_LINES[r["id"]] for r in RECORDS]


def test_sentences_sets_k(data: Path) -> None:
    rows = json_rows(run(str(data), "-a", "lead", "--sentences", "1", "-f", "json").stdout)
    assert rows[0]["system"] == "Lead-1 (baseline)" and rows[0]["k"] == "1"
    assert {m: rows[0][m] for m in METRICS} == hand_rouge(lambda _id: 1)


def test_json_lines_parse_and_have_the_fields(data: Path) -> None:
    result = run(str(data), "-a", "luhn", "-a", "lead", "-a", "luhn", "-f", "json")
    assert result.exit_code == 0, result.output
    rows = json_rows(result.stdout)
    assert [r["system"] for r in rows] == ["Lead-3 (baseline)", "luhn", "lead"]  # repeats dropped, order kept
    for row in rows:
        assert set(row) == {
            "data",
            "k",
            "system",
            "algorithm",
            *METRICS,
            "ms_per_article",
            "ms_max",
            "slowest_id",
            "articles",
            "errors",
        }
        assert row["data"] == str(data) and row["k"] == "3" and row["articles"] == 4 and row["errors"] == 0
        assert all(isinstance(row[m], float) and 0 <= row[m] <= 100 for m in METRICS)
        assert row["slowest_id"] in SENTENCES


def test_default_is_every_algorithm_after_the_baseline_as_a_text_table(data: Path) -> None:
    result = run(str(data))  # CliRunner's stdout is not a terminal: text
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["system", "R1", "R2", "RL", "RLsum", "ms/article", "articles"]
    assert [line.split("  ")[0] for line in lines[1:]] == ["Lead-3 (baseline)", *ALGORITHMS]
    assert len({len(line) for line in lines}) == 1  # aligned: numbers right-justified to one width
    assert lines[1].split()[-1] == "4"


def test_rich_format_draws_a_table(data: Path) -> None:
    result = run(str(data), "-a", "lead", "--format", "rich")
    assert result.exit_code == 0, result.output
    assert "Lead-3 (baseline)" in result.stdout and "RLsum" in result.stdout and "┃" in result.stdout
    assert "\x1b" not in result.stdout


def test_limit_scores_only_the_first_records(data: Path) -> None:
    rows = json_rows(run(str(data), "-a", "lead", "--limit", "2", "-f", "json").stdout)
    assert rows[0]["articles"] == 2


def test_jobs_give_the_same_figures(data: Path) -> None:
    one = json_rows(run(str(data), "-a", "lead", "-a", "lex-rank", "-f", "json").stdout)
    two = json_rows(run(str(data), "-a", "lead", "-a", "lex-rank", "-f", "json", "--jobs", "2").stdout)
    assert [{m: r[m] for m in ("system", *METRICS)} for r in one] == [
        {m: r[m] for m in ("system", *METRICS)} for r in two
    ]


@pytest.mark.parametrize(
    "args",
    [
        ["--algorithm", "magic"],
        ["--sentences", "2", "--reference-length"],
        ["--sentences", "0"],
        ["--limit", "0"],
        ["--jobs", "-1"],
        ["--format", "markdown"],
    ],
)
def test_usage_errors_exit_2(data: Path, args: list[str]) -> None:
    result = run(str(data), *args)
    assert result.exit_code == 2
    assert result.stdout == ""


def test_both_length_options_are_one_usage_line(data: Path) -> None:
    result = run(str(data), "--sentences", "2", "--reference-length")
    assert result.exit_code == 2
    assert result.stderr == "newsum: --sentences and --reference-length are mutually exclusive; pass only one\n"


def test_missing_extra_exits_2_with_the_install_hint(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "rouge_score", None)  # `import rouge_score` now raises ImportError
    evaluate.load_scorer.cache_clear()
    try:
        result = run(str(data), "-a", "lead")
    finally:
        evaluate.load_scorer.cache_clear()
    assert result.exit_code == 2
    assert result.stderr == INSTALL_HINT
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([json.dumps(RECORDS[0]), "", "{not json"], ":3: not JSON: "),
        ([json.dumps(RECORDS[0]), json.dumps({"id": "x", "reference": "A."})], ":2: record has no text"),
        ([json.dumps({"id": "x", "text": "A b."})], ":1: record has no reference"),
        ([json.dumps({"id": "x"})], ":1: record has no text and no reference"),
        (["[1, 2]"], ":1: expected a JSON object"),
        ([json.dumps({"text": "A b.", "reference": ["A."]})], ":1: reference must be a string"),
        ([json.dumps({"text": "A b.", "reference": " \n "})], ":1: reference is empty"),
        ([json.dumps({"text": "A b.", "reference": "A.", "title": 7})], ":1: title must be a string"),
    ],
)
def test_a_bad_line_exits_3_naming_the_line(tmp_path: Path, lines: list[str], message: str) -> None:
    path = write_jsonl(tmp_path / "bad.jsonl", lines)
    result = run(str(path), "-a", "lead")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr.startswith(f"newsum: {path}{message}")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.jsonl", None, "no such file"),
        ("dir", "DIR", "is a directory"),
        ("empty.jsonl", b"", "no records: the file is empty"),
        ("blank.jsonl", b"\n  \n", "no records: the file is empty"),
        ("latin1.jsonl", b'{"text": "Caf\xe9", "reference": "x"}\n', "1: not valid UTF-8"),
    ],
)
def test_unusable_files_exit_3_with_one_line(tmp_path: Path, name: str, content, message: str) -> None:
    path = tmp_path / name
    if content == "DIR":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    result = run(str(path), "-a", "lead")
    assert result.exit_code == 3
    assert result.stderr.startswith(f"newsum: {path}") and message in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_byte_order_mark_and_blank_lines_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(
        b"\xef\xbb\xbf" + json.dumps(RECORDS[1]).encode() + b"\n\n" + json.dumps(RECORDS[3]).encode() + b"\n"
    )
    rows = json_rows(run(str(path), "-a", "lead", "-f", "json").stdout)
    assert rows[0]["articles"] == 2


def test_an_algorithm_failing_on_an_article_exits_1_and_scores_it_empty(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = evaluate.run_algorithm

    def flaky(article: evaluate.Article, algorithm: str) -> list[str]:
        if article.id == "floods":
            raise ValueError("boom")
        return real(article, algorithm)

    monkeypatch.setattr(evaluate, "run_algorithm", flaky)
    result = run(str(data), "-a", "lead", "-f", "json")
    assert result.exit_code == 1
    assert result.stderr == f"newsum: {data}:2: lead failed on floods (scored as empty): ValueError('boom')\n"
    baseline, lead = json_rows(result.stdout)
    assert lead["errors"] == 1 and lead["articles"] == 4
    assert lead["rouge1"] < baseline["rouge1"]
    assert isinstance(run(str(data), "-a", "lead", "--debug").exception, ValueError)


# ---------------------------------------------------------------------------- the library


def test_normalise_text_and_reference_length() -> None:
    assert evaluate.normalise_text("  A  b.\n c.\n \n\n\nD.\n\n") == "A b. c.\n\nD."
    assert evaluate.reference_length("One.\n\n  \nTwo.\n") == 2


def test_sentence_count() -> None:
    assert evaluate.sentence_count(None, False) == 3
    assert evaluate.sentence_count(5, False) == 5
    assert evaluate.sentence_count(None, True) == evaluate.REF
    with pytest.raises(UsageError, match="mutually exclusive"):
        evaluate.sentence_count(2, True)
    with pytest.raises(UsageError, match="at least 1"):
        evaluate.sentence_count(0, False)


def test_parse_record_defaults_the_id_to_the_line() -> None:
    record = evaluate.parse_record('{"text": "A b.", "reference": "A."}', 7, "d.jsonl")
    assert record.id == "line 7" and record.title is None
    with pytest.raises(BadRecord) as caught:
        evaluate.parse_record("{", 9, "d.jsonl")
    assert str(caught.value).startswith("d.jsonl:9: not JSON")


def test_lead_baseline_is_the_first_k_split_sentences(data: Path) -> None:
    for article in evaluate.load_articles(data, 3):
        assert evaluate.lead_baseline(article) == SENTENCES[article.id][:3]
    assert evaluate.prediction_text(["A  b.", " C\nd. "]) == "A b.\nC d."


def test_results_keep_the_scored_predictions_in_article_order(data: Path) -> None:
    articles = evaluate.load_articles(data, 3)
    results = evaluate.score_articles(None, articles)
    assert [r.prediction for r in results] == ["\n".join(SENTENCES[a.id][:3]) for a in articles]
    score = evaluate.SystemScore.from_results(evaluate.System("Lead-3 (baseline)", None), articles, results)
    assert score.predictions == tuple(r.prediction for r in results)
    assert "predictions" not in score.to_dict()


def test_system_score_rounds_like_the_eval_script() -> None:
    fake = [
        evaluate.Article(1, "a", "", "", None, 3, ()),
        evaluate.Article(2, "b", "", "", None, 3, ()),
    ]
    results = [
        evaluate.ArticleResult((0.5, 0.25, 0.125, 0.3333333), 0.002),
        evaluate.ArticleResult((0.0, 0.0, 0.0, 0.0), 0.004, "ValueError('x')"),
    ]
    score = evaluate.SystemScore.from_results(evaluate.System("x", "lead"), fake, results)
    assert (score.rouge1, score.rouge2, score.rougeL, score.rougeLsum) == (25.0, 12.5, 6.25, 16.67)
    assert (score.ms_per_article, score.ms_max, score.slowest_id, score.articles) == (3.0, 4.0, "b", 2)
    assert score.failures == (evaluate.Failure(2, "b", "ValueError('x')"),)
    assert score.to_dict()["errors"] == 1


# ---------------------------------------------------------------------------- processes


@pytest.mark.parametrize("args", [["eval", "--help"], ["eval", "summaries", "--help"]])
def test_eval_help_imports_no_heavy_modules(args: list[str]) -> None:
    probe = (
        "import sys\n"
        f"sys.argv = ['newsum', *{args!r}]\n"
        "from newsum.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'nltk','sumy','numpy','trafilatura','rouge_score'} or m in ('rich.markdown', 'newsum.evaluate'))\n"
        "sys.stderr.write(repr(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert "Exit codes:" in result.stdout
    assert result.stderr == "[]"


@pytest.mark.skipif(not CNNDM.is_file(), reason=f"evaluation data not found: {CNNDM}")
def test_figures_equal_the_benchmarks_on_cnndm() -> None:
    result = run(str(CNNDM), "--algorithm", "lead", "--limit", "5", "--format", "json")
    assert result.exit_code == 0, result.output
    ours = json_rows(result.stdout)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.summarization",
            "--data",
            str(CNNDM),
            "--algorithm",
            "lead",
            "--limit",
            "5",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        check=True,
    )
    theirs = json_rows(done.stdout)
    assert [r["system"] for r in ours] == [r["system"] for r in theirs] == ["Lead-3 (baseline)", "lead"]
    for mine, bench in zip(ours, theirs, strict=False):
        assert mine["articles"] == bench["articles"] == 5
        for metric in METRICS:
            assert mine[metric] == bench[metric], (mine["system"], metric)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_on_a_terminal_progress_goes_to_stderr_and_the_table_is_rich(data: Path) -> None:
    import os
    import pty

    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    pid, fd = pty.fork()
    if pid == 0:  # child: stdout and stderr are the terminal
        os.execve(sys.executable, [sys.executable, "-m", "newsum", "eval", "summaries", str(data), "-a", "lead"], env)
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    output = b"".join(chunks).decode()
    assert os.waitstatus_to_exitcode(status) == 0
    assert "newsum: [1/2] Lead-3 (baseline): 4/4 articles" in output
    assert "newsum: [2/2] lead: 4/4 articles" in output
    assert "┃" in output and "RLsum" in output and "\x1b[1;36m" in output  # rich, coloured on a terminal
