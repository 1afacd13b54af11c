"""The README shows real output: these tests keep it from drifting."""

from pathlib import Path

from typer.testing import CliRunner

from newsum.cli.app import app
from newsum.errors import ExitCode

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
COMMAND = "$ newsum summarize samples/reuters-2022-01-28-russia-ukraine.txt --format text\n"


def test_readme_example_is_the_real_output(sample_path, monkeypatch):
    monkeypatch.chdir(sample_path.parents[1])
    start = README.index(COMMAND) + len(COMMAND)
    shown = README[start : README.index("\n```", start)] + "\n"
    result = CliRunner().invoke(app, ["summarize", "samples/reuters-2022-01-28-russia-ukraine.txt", "--format", "text"])
    assert result.stdout == shown


def test_readme_documents_every_exit_code():
    for code in ExitCode:
        assert f"| {int(code)} |" in README
