"""The public API: `import newsum` is cheap, and its entry points digest."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

import newsum

HEAVY = ("nltk", "sumy", "numpy", "trafilatura", "httpx", "feedparser")


def test_importing_newsum_loads_no_heavy_dependency():
    code = f"import newsum, sys; print(sorted(m for m in sys.modules if m.split('.')[0] in {set(HEAVY)!r}))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_readme_example_runs_as_written(sample_path, monkeypatch, capsys):
    readme = (sample_path.parents[1] / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```python\n(.*?)```", readme, re.DOTALL)
    assert example is not None
    monkeypatch.chdir(sample_path.parents[1])
    exec(example.group(1), {})
    assert (
        capsys.readouterr().out
        == "'We don't want wars': Russia softens tone on Ukraine, weighs US answers ['Russia', 'Sergei Lavrov', 'United States']\n"
    )


def test_summarize_digests_the_sample(sample_path):
    digest = newsum.summarize(sample_path.read_text(encoding="utf-8"))
    assert isinstance(digest, newsum.Digest)
    assert digest.article is not None
    assert "Sergei Lavrov" in [a.name for a in digest.actors]
    assert len(digest.summary) == 3


def test_summarize_reads_html_and_raises_for_no_article():
    html = (
        "<html><head><title>Port reopens</title></head><body><article><h1>Port reopens</h1>"
        + "<p>The port of Dover reopened on Monday after a storm closed it for two days, officials said.</p>" * 4
        + "</article></body></html>"
    )
    digest = newsum.summarize(html, sentences=1)
    assert digest.article is not None and digest.article.meta.title == "Port reopens"
    assert len(digest.summary) == 1
    with pytest.raises(newsum.InputError):
        newsum.summarize("   ")


def test_summarize_source_reports_a_missing_file_instead_of_raising(tmp_path):
    digest = newsum.summarize_source(str(tmp_path / "missing.txt"))
    assert digest.article is None
    assert digest.errors and digest.errors[0].code == "not_found"


def test_unknown_attributes_raise_attribute_error():
    with pytest.raises(AttributeError):
        newsum.no_such_thing  # noqa: B018
