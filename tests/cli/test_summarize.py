"""CLI behaviour through Typer's CliRunner (in-process)."""

import json

import pytest
from typer.testing import CliRunner

from newsum.cli.app import app
from newsum.version import __version__

runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, list(args), input=input)


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.output == f"newsum {__version__}\n"


def test_help_lists_commands_and_exit_codes():
    result = run("--help")
    assert result.exit_code == 0
    assert "summarize" in result.output
    assert "3    nothing usable" in result.output


@pytest.mark.parametrize("command", [["summarize"], ["eval"], ["eval", "summaries"]])
def test_every_command_is_documented(command):
    from newsum.cli.eval import eval_app

    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Exit codes:" in result.output
    for typer_app in (app, eval_app):
        assert typer_app.registered_commands and all(c.callback.__doc__ for c in typer_app.registered_commands)
    assert all(g.typer_instance.registered_callback.callback.__doc__ for g in app.registered_groups)


def test_eval_is_listed_and_shows_its_commands():
    assert "eval" in run("--help").output
    result = run("eval")
    assert result.exit_code in (0, 2)  # no_args_is_help: click exits 2 in recent versions
    assert "summaries" in result.output


def test_summarize_sample_text(sample_path):
    result = run("summarize", str(sample_path), "--format", "text")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("'We don't want wars'")
    assert "-- Sergei Lavrov, Foreign Minister" in result.output


def test_json_from_stdin(sample_text):
    result = run("summarize", "-", "--format", "json", input=sample_text)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["source"] == "<stdin>"
    assert data["summary"][0]["text"].startswith("Russia on Friday")


def test_length_and_order_options(sample_path):
    result = run(
        "summarize", str(sample_path), "-f", "json", "--algorithm", "luhn", "--sentences", "4", "--order", "score"
    )
    data = json.loads(result.stdout)
    scores = [s["score"] for s in data["summary"]]
    assert len(scores) == 4 and scores == sorted(scores, reverse=True)
    assert data["settings"]["algorithm"] == "luhn"
    data = json.loads(run("summarize", str(sample_path), "-f", "json", "--words", "60").stdout)
    assert sum(len(s["text"].split()) for s in data["summary"]) <= 60


def test_conflicting_lengths_are_a_usage_error(sample_path):
    result = run("summarize", str(sample_path), "--sentences", "2", "--words", "50")
    assert result.exit_code == 2
    assert "newsum: --sentences and --words are mutually exclusive" in result.stderr


@pytest.mark.parametrize(
    "args",
    [["--format", "yaml"], ["--algorithm", "magic"], ["--sentences", "many"], ["--language", "klingon"], ["--bogus"]],
)
def test_bad_options_exit_2(sample_path, args):
    assert run("summarize", str(sample_path), *args).exit_code == 2


def test_stdin_only_once():
    result = run("summarize", "-", "-", input="x")
    assert result.exit_code == 2 and "only once" in result.stderr


def test_many_inputs_jsonl_with_per_item_errors(sample_path, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = run("summarize", str(sample_path), str(empty), str(sample_path), "-f", "jsonl", "-j", "1")
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["ok"] for r in records] == [True, False, True]
    assert records[1]["errors"][0]["code"] == "empty_input"
    assert result.stderr == f"newsum: {empty}: input is empty\n"


def test_all_inputs_failing_exit_3(tmp_path):
    result = run("summarize", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert result.exit_code == 3
    assert result.stderr.count("no such file") == 2


def test_quiet_silences_error_lines(tmp_path):
    result = run("summarize", str(tmp_path / "a.txt"), "--quiet")
    assert result.exit_code == 3 and result.stderr == ""


def test_internal_errors_are_one_line_unless_debug(sample_path, monkeypatch):
    import newsum.render.digest

    def broken(*args, **kwargs):
        raise ValueError("renderer exploded")

    monkeypatch.setattr(newsum.render.digest, "make_renderer", broken)
    result = run("summarize", str(sample_path))
    assert result.exit_code == 4
    assert result.stderr.startswith("newsum: internal error: ValueError('renderer exploded')")
    assert "Traceback" not in result.stderr
    result = run("summarize", str(sample_path), "--debug")
    assert isinstance(result.exception, ValueError)
