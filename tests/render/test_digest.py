import io
import json

import pytest

from newsum.model import Digest, DigestError
from newsum.pipeline import digest_text
from newsum.render.digest import FORMATS, RENDERERS, make_renderer

NASTY = (
    "Markup [bold red]should[/bold red] print literally \x1b[31mand escapes\x1b[0m must not style the terminal, "
    'said Jane Smith in a long statement on Monday. "We will not be styled by anyone at all," she said.'
)


def render(fmt, digests, many=False):
    out = io.StringIO()
    renderer = make_renderer(fmt, out, many)
    renderer.begin()
    for digest in digests:
        renderer.item(digest)
    renderer.end()
    return out.getvalue()


def test_formats_table_is_complete():
    assert set(FORMATS) == set(RENDERERS)


def test_text_renderer_sample(sample_digest):
    text = render("text", [sample_digest])
    assert text.startswith("'We don't want wars': Russia softens tone on Ukraine, weighs US answers\n")
    assert "Vladimir Soldatkin and Alexander Marrow, Reuters | 2022-01-28T19:29:48+06:00" in text
    assert "-- Sergei Lavrov, Foreign Minister" in text
    assert "PER  Antony Blinken (US Secretary of State)  x1" in text
    assert "  ... and 11 more (--actors all lists them)\n" in text
    assert "Xi Jinping" not in text  # the 12 most salient actors only
    assert "\x1b" not in text


def test_markdown_renderer_sample(sample_digest):
    md = render("markdown", [sample_digest])
    assert md.startswith("## 'We don't want wars'")
    assert "### Summary" in md and "| Sergei Lavrov | PER | Foreign Minister | 4 |" in md
    assert "> — Sergei Lavrov, Foreign Minister" in md


@pytest.mark.parametrize("fmt", ["rich", "text", "markdown"])
def test_article_text_cannot_style_the_terminal(fmt):
    out = render(fmt, [digest_text(NASTY, "nasty")])
    assert "[bold red]should[/bold red]" in out.replace("\\[", "[").replace("\\]", "]")
    assert "\x1b" not in out


def test_rich_renderer_without_terminal_has_no_colour(sample_digest):
    out = render("rich", [sample_digest])
    assert "\x1b[" not in out
    assert "Sergei Lavrov" in out and "Summary" in out


def test_json_single_is_an_object_many_is_an_array(sample_digest):
    failed = Digest(source="bad.txt", errors=[DigestError("empty_input", "input is empty")])
    assert json.loads(render("json", [sample_digest]))["source"] == sample_digest.source
    many = json.loads(render("json", [sample_digest, failed], many=True))
    assert [d["ok"] for d in many] == [True, False]


def test_jsonl_one_line_per_input_with_error_records(sample_digest):
    failed = Digest(source="bad.txt", errors=[DigestError("empty_input", "input is empty")])
    lines = render("jsonl", [sample_digest, failed, sample_digest]).splitlines()
    assert len(lines) == 3
    assert json.loads(lines[1])["errors"][0]["code"] == "empty_input"


def test_failed_digests_print_nothing_in_human_formats():
    failed = Digest(source="bad.txt", errors=[DigestError("empty_input", "input is empty")])
    for fmt in ("rich", "text", "markdown"):
        assert render(fmt, [failed]) == ""
