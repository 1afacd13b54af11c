"""``--actors N|all``: the human formats list the most salient actors; JSON keeps them all."""

import io
import json

import pytest
from typer.testing import CliRunner

from newsum.cli.app import app
from newsum.render.digest import make_renderer

runner = CliRunner()


def render(fmt, digest, actors):
    out = io.StringIO()
    renderer = make_renderer(fmt, out, False, actors=actors)
    renderer.begin()
    renderer.item(digest)
    renderer.end()
    return out.getvalue()


def test_text_lists_the_top_n_and_says_how_many_more(sample_digest):
    total = len(sample_digest.actors)
    text = render("text", sample_digest, 3)
    listed = text.split("\nActors\n")[1].splitlines()
    assert len(listed) == 4 and listed[-1] == f"  ... and {total - 3} more (--actors all lists them)"


def test_all_lists_every_actor_and_zero_hides_the_section(sample_digest):
    every = render("text", sample_digest, None)
    assert every.count(" x") >= len(sample_digest.actors) and "more (--actors" not in every
    assert "\nActors\n" not in render("text", sample_digest, 0)
    assert "### Actors" not in render("markdown", sample_digest, 0)


def test_markdown_and_rich_say_how_many_more(sample_digest):
    assert "more (--actors all lists them)" in render("markdown", sample_digest, 2)
    assert "more (--actors all lists them)" in render("rich", sample_digest, 2)


def test_json_keeps_every_actor_whatever_the_option(sample_digest):
    data = json.loads(render("json", sample_digest, 1))
    assert len(data["actors"]) == len(sample_digest.actors)
    assert all(0 <= a["salience"] <= 1 for a in data["actors"])


@pytest.mark.parametrize(("value", "code"), [("0", 0), ("all", 0), ("5", 0), ("-1", 2), ("many", 2)])
def test_the_option_on_the_command_line(sample_path, value, code):
    result = runner.invoke(app, ["summarize", str(sample_path), "--format", "text", "--actors", value])
    assert result.exit_code == code
