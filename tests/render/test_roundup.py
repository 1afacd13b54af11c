"""Renderers of a `newsum digest` run (`newsum.render.roundup`), on hand-built
roundups: what the CLI tests' feeds do not reach."""

from __future__ import annotations

import io
import json

import pytest

from newsum.model import Mention, Roundup, Story
from newsum.render.roundup import render
from newsum.render.wording import MORE_PER_SOURCE


def roundup_with_more(count: int) -> Roundup:
    more = [Mention("Big Feed", "http://127.0.0.1/big.xml", f"Item {i}", f"http://127.0.0.1/{i}") for i in range(count)]
    story = Story("A story", "http://127.0.0.1/story", "2024-05-01", [more[0]], summary=["One sentence."])
    return Roundup(generated="2024-05-01T08:00:00+00:00", sources=1, new_items=count + 1, stories=[story], more=more)


@pytest.mark.parametrize("fmt", ["markdown", "text", "rich", "html"])
def test_human_formats_list_a_bounded_number_of_title_only_items(fmt):
    out = io.StringIO()
    render(roundup_with_more(5000), fmt, out)
    text = out.getvalue()
    assert f"Item {MORE_PER_SOURCE - 1}" in text and f"Item {MORE_PER_SOURCE}<" not in text
    assert f"Item {MORE_PER_SOURCE + 1}" not in text
    assert f"and {5000 - MORE_PER_SOURCE:,} more new items" in text
    assert len(text) < 20_000


def test_json_keeps_every_title_only_item():
    out = io.StringIO()
    render(roundup_with_more(300), "json", out)
    assert len(json.loads(out.getvalue())["more"]) == 300


def test_a_short_list_is_listed_whole():
    out = io.StringIO()
    render(roundup_with_more(3), "text", out)
    assert "Item 2" in out.getvalue() and "more new items (not listed" not in out.getvalue()
