import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import speed  # noqa: E402


def test_inputs_are_generated_from_the_sample(tmp_path):
    cases = speed.make_inputs(tmp_path)
    assert cases["newsum --help"] == ["--help"]
    long_text = Path(cases["article x16 length"][1]).read_text(encoding="utf-8")
    assert long_text.count("Russia on Friday sent its strongest signal") == 16
    assert "<h1>Sample</h1>" in (tmp_path / "article.html").read_text(encoding="utf-8")


def test_update_readme_writes_only_the_speed_region(tmp_path, monkeypatch, capsys):
    readme = tmp_path / "README.md"
    readme.write_text("before\n<!-- benchmark:speed:cli -->\nold\n<!-- /benchmark:speed:cli -->\nafter\n", encoding="utf-8")
    monkeypatch.setattr(speed, "make_inputs", lambda folder: {"newsum --version": ["--version"]})
    assert speed.main(["--runs", "1", "--update-readme", str(readme)]) == 0
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("before\n<!-- benchmark:speed:cli -->\n`python -m benchmarks.speed --runs 1 --update-readme")
    assert "| newsum --version |" in text and "old" not in text and text.endswith("after\n")
    assert speed.main(["--update-readme", str(tmp_path / "missing.md")]) == 2
