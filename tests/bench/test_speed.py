import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks import speed  # noqa: E402


def test_inputs_are_built_from_dev_pages(tmp_path):
    pages = []
    for i in range(3):
        page = tmp_path / f"p{i}.html"
        page.write_text(f"<html><head><title>t{i}</title></head><body><p>story {i}</p></body></html>", encoding="utf-8")
        pages.append(page)
    big = speed.big_page(pages, size=200)
    assert big.startswith("<html><head><title>t0</title></head><body>") and big.endswith("</body></html>")
    assert "<p>story 2</p>" in big and len(big) >= 200
    text = speed.long_article(["one two three", "four five"], 7)
    assert text == "one two three\n\nfour five\n\none two three"
    assert len(speed.long_article(["abc def"], None, chars=30)) >= 30


def test_a_child_is_measured_alone():
    sample = speed.run(["--version"])
    assert 0 < sample.cpu and sample.wall >= sample.cpu * 0.5 and 5 < sample.peak_mb < 200


def test_update_readme_writes_only_the_speed_region(tmp_path, monkeypatch, capsys):
    readme = tmp_path / "README.md"
    readme.write_text(
        "before\n<!-- benchmark:speed:cli -->\nold\n<!-- /benchmark:speed:cli -->\nafter\n", encoding="utf-8"
    )
    rows = [
        speed._row("newsum --help, CPU time", "0.070 s", "<= 0.15 s", True),
        speed._row("a 20 MB HTML page, peak RSS", "310 MB", "<= 300 MB", False),
    ]
    monkeypatch.setattr(speed, "measure_all", lambda runs, dev, say: rows)
    monkeypatch.setattr(speed, "measure_stages", lambda dev, say: [])
    assert speed.main(["--runs", "1", "--update-readme", str(readme)]) == 0
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("before\n<!-- benchmark:speed:cli -->\n`python -m benchmarks.speed --runs 1 --update-readme")
    assert "| newsum --help, CPU time | 0.070 s | <= 0.15 s | yes |" in text
    assert "| a 20 MB HTML page, peak RSS | 310 MB | <= 300 MB | **no** |" in text
    assert "old" not in text and text.endswith("after\n")
    assert speed.main(["--update-readme", str(tmp_path / "missing.md")]) == 2


GOLDEN = Path(__file__).resolve().parents[1] / "data" / "sample_digest.json"


def test_speed_work_leaves_the_sample_digest_byte_identical(sample_path):
    """Speed work moves no output: the sample's JSON digest is the one recorded
    in tests/data/sample_digest.json. When a change is *meant* to change the
    digest, rewrite the file (`newsum summarize samples/reuters-2022-01-28-russia-ukraine.txt
    -f json > tests/data/sample_digest.json`, from the project root) in that
    change's commit and say why."""
    import subprocess

    done = subprocess.run(
        [sys.executable, "-m", "newsum", "summarize", "samples/" + sample_path.name, "-f", "json"],
        capture_output=True,
        check=True,
        cwd=sample_path.parents[1],
    )
    assert done.stdout == GOLDEN.read_bytes()
