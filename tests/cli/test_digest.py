"""`newsum digest` and `newsum state` through Typer's CliRunner, against real
feed servers on 127.0.0.1 (tests/feed_server.py). Process-level behaviour
(SIGKILL, concurrent runs) is in test_digest_process.py."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from feed_server import (
    BUDGET_TITLE,
    FULL_CONTENT,
    MARKET_TITLE,
    STORM_TITLE,
    STRIKE_AGAIN_TITLE,
    STRIKE_TITLE,
    rss,
)
from typer.testing import CliRunner

from newsum.cli.app import app
from newsum.roundup.state import open_state
from newsum.sources.addresses import Network

FEEDS = ("/rss.xml", "/atom.xml", "/feed.json")
MUSEUM = 'Museum shows <img src=x onerror="alert(1)"> art & code'


def digest(server, tmp_path, *args, sources=None):
    sources = [server.url(p) for p in FEEDS] if sources is None else sources
    state = ["--state", str(tmp_path / "state.db")]
    return CliRunner().invoke(app, ["digest", *sources, *state, "--host-delay", "0", "--timeout", "5", *args])


def as_json(result) -> dict:
    return json.loads(result.stdout)


def titles(data: dict) -> list[str]:
    return [s["title"] for s in data["stories"]]


def test_first_run_digests_every_feed_and_the_second_shows_nothing_new(feed_server, tmp_path):
    first = digest(feed_server, tmp_path, "-f", "json")
    assert first.exit_code == 0, first.output
    assert first.stderr == ""
    data = as_json(first)
    assert sorted(titles(data)) == sorted([STRIKE_TITLE, BUDGET_TITLE, STORM_TITLE, MUSEUM])
    assert data["counts"] == {"sources": 3, "new_items": 5, "stories": 4, "more": 0, "older": 0, "errors": 0}
    strike = data["stories"][0]  # told by two sources: first
    assert [m["source"] for m in strike["sources"]] == ["Rail Weekly", "Evening Post"]
    assert strike["sources"][1]["title"] == STRIKE_AGAIN_TITLE
    assert "called off" in strike["summary"][0]
    assert strike["quote"]["speaker"] == "Maria Lopez"
    budget = next(s for s in data["stories"] if s["title"] == BUDGET_TITLE)
    assert budget["sources"][0]["source"] == "City Times" and budget["published"] == "2024-05-01T07:00:00+00:00"
    assert any(a["name"] == "Helen Carter" for a in budget["actors"])
    assert {a["name"] for a in data["top_actors"]} >= {"Helen Carter", "Maria Lopez", "Jonas Berg"}
    assert data["top_keyphrases"]

    second = digest(feed_server, tmp_path)
    assert (second.exit_code, second.stdout, second.stderr) == (0, "", "")
    # Conditional GET: every feed answered 304 the second time.
    assert all(feed_server.not_modified[p] == 1 for p in FEEDS)
    assert as_json(digest(feed_server, tmp_path, "-f", "json"))["stories"] == []


def test_an_item_published_between_runs_is_the_only_one_shown(feed_server, tmp_path):
    assert digest(feed_server, tmp_path).exit_code == 0
    feed_server.publish(
        "/rss.xml",
        rss(
            "City Times",
            [
                {
                    "title": MARKET_TITLE,
                    "link": feed_server.url("/b/market"),
                    "guid": "ct-3",
                    "date": "Wed, 01 May 2024 09:00:00 GMT",
                },
                {"title": BUDGET_TITLE, "link": feed_server.url("/a/budget?utm_source=rss"), "guid": "ct-1"},
                {"title": STORM_TITLE, "link": feed_server.url("/a/storm"), "guid": "ct-2"},
            ],
        ),
        "application/rss+xml",
    )
    result = digest(feed_server, tmp_path, "-f", "markdown")
    assert result.exit_code == 0, result.output
    assert "1 story from 1 new item in 3 sources" in result.stdout
    assert re.search(
        r"^## \[Farmers market returns to the old square\]\(http://127\.0\.0\.1:\d+/b/market\)$",
        result.stdout,
        re.MULTILINE,
    )
    assert BUDGET_TITLE not in result.stdout and STRIKE_TITLE not in result.stdout
    assert "> “People missed this place” — Tom Reyes, organiser" in result.stdout or "Tom Reyes" in result.stdout


def test_one_feed_down_and_one_malformed_the_rest_is_written_exit_1(feed_server, tmp_path):
    feed_server.publish(
        "/broken.xml", b"<?xml version='1.0'?><rss version='2.0'><channel><title>Bro", "application/rss+xml"
    )
    down, broken = feed_server.url("/down.xml"), feed_server.url("/broken.xml")
    result = digest(feed_server, tmp_path, "-f", "json", sources=[feed_server.url("/rss.xml"), down, broken])
    assert result.exit_code == 1
    data = as_json(result)
    assert sorted(titles(data)) == sorted([BUDGET_TITLE, STORM_TITLE])
    errors = {e["source"]: e for e in data["errors"]}
    assert errors[down]["code"] == "http_error" and "HTTP 404 Not Found" in errors[down]["message"]
    assert errors[broken]["code"] == "malformed_feed"
    assert result.stderr.splitlines() == [
        f"newsum: {down}: HTTP 404 Not Found (check the URL)",
        f"newsum: {broken}: {errors[broken]['message']}",
    ]
    markdown = digest(feed_server, tmp_path / "other", sources=[down])
    assert markdown.exit_code == 3  # nothing usable
    assert "## Problems" in markdown.stdout and "HTTP 404" in markdown.stdout


def test_a_feed_cannot_send_newsum_into_a_more_private_network(feed_server, tmp_path, monkeypatch):
    """The test server is on 127.0.0.1, so the feed is made to look public by
    a stand-in for the address check of the feed's own URL (only that URL;
    links are judged by the real check). Its item links to 127.0.0.1."""
    from newsum.roundup import reading as roundup

    real = roundup.url_network
    public_feed = feed_server.url("/public.xml")
    monkeypatch.setattr(
        roundup, "url_network", lambda url, timeout=None: Network.PUBLIC if url == public_feed else real(url, timeout)
    )
    feed_server.publish(
        "/public.xml",
        rss("Public Wire", [{"title": MARKET_TITLE, "link": feed_server.url("/b/market"), "guid": "pw-1"}]),
        "application/rss+xml",
    )
    refused = digest(feed_server, tmp_path, "-f", "json", sources=[public_feed])
    assert refused.exit_code == 1
    [error] = as_json(refused)["errors"]
    assert error["code"] == "private_address" and error["item"] == MARKET_TITLE
    assert "more private than the feed itself" in error["message"] and "--allow-private" in error["message"]
    assert feed_server.hits["/b/market"] == 0  # never requested
    [story] = as_json(refused)["stories"]
    assert story["summary"] == [] and story["notes"][0].startswith("not summarised: refused")

    allowed = digest(feed_server, tmp_path / "again", "-f", "json", "--allow-private", sources=[public_feed])
    assert allowed.exit_code == 0, allowed.output
    assert feed_server.hits["/b/market"] == 1
    assert "farmers market returned" in as_json(allowed)["stories"][0]["summary"][0]


def test_a_loopback_feed_cannot_link_to_a_local_file(feed_server, tmp_path):
    feed_server.publish(
        "/local.xml",
        rss("Local", [{"title": "Passwords", "link": "file:///etc/passwd", "guid": "l-1"}]),
        "application/rss+xml",
    )
    result = digest(feed_server, tmp_path, "-f", "json", sources=[feed_server.url("/local.xml")])
    assert result.exit_code == 1
    assert "refused: the feed links to a local file" in as_json(result)["errors"][0]["message"]
    assert "root:" not in result.stdout


def test_one_article_in_two_feeds_is_fetched_once_and_shown_once(feed_server, tmp_path):
    feed_server.publish(
        "/dup.xml",
        rss(
            "Wire",
            [{"title": "Budget passes", "link": feed_server.url("/a/budget?utm_campaign=wire#top"), "guid": "w-1"}],
        ),
        "application/rss+xml",
    )
    data = as_json(
        digest(feed_server, tmp_path, "-f", "json", sources=[feed_server.url("/rss.xml"), feed_server.url("/dup.xml")])
    )
    budget = [s for s in data["stories"] if "udget" in s["title"]]
    assert len(budget) == 1 and [m["source"] for m in budget[0]["sources"]] == ["City Times", "Wire"]
    assert feed_server.hits["/a/budget"] == 1


def test_html_output_escapes_hostile_markup(feed_server, tmp_path):
    feed_server.publish(
        "/js.xml",
        rss("Tricks", [{"title": "Click", "link": "javascript:alert(1)", "guid": "t-1"}]),
        "application/rss+xml",
    )
    result = digest(
        feed_server, tmp_path, "-f", "html", sources=[*(feed_server.url(p) for p in FEEDS), feed_server.url("/js.xml")]
    )
    page = result.stdout
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<script" not in page and "<img" not in page and 'href="javascript' not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; art &amp; code" in page
    assert "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in page
    assert "<style>" in page and "http" not in page.split("<body>")[0].replace("http-equiv", "")  # nothing external


def test_gone_disables_moved_is_noted_and_forget_enables(feed_server, tmp_path):
    feed_server.publish("/gone.xml", b"gone", status=410)
    feed_server.publish("/old.xml", b"", status=301, location=feed_server.url("/rss.xml"))
    gone, old = feed_server.url("/gone.xml"), feed_server.url("/old.xml")
    first = digest(feed_server, tmp_path, "-f", "json", sources=[gone, old])
    assert first.exit_code == 1
    errors = {e["source"]: e for e in as_json(first)["errors"]}
    assert errors[gone]["code"] == "gone" and "disabled" in errors[gone]["message"]
    assert (
        errors[old]["level"] == "warning"
        and f"moved permanently to {feed_server.url('/rss.xml')}" in errors[old]["message"]
    )
    assert len(as_json(first)["stories"]) == 2
    assert digest(feed_server, tmp_path, "-q", sources=[old]).stderr == ""  # -q: errors only, not the move warning

    second = digest(feed_server, tmp_path, "-f", "json", sources=[gone])
    assert as_json(second)["errors"][0]["code"] == "disabled"
    assert feed_server.hits["/gone.xml"] == 1  # not asked again
    shown = CliRunner().invoke(app, ["state", "show", "--state", str(tmp_path / "state.db")])
    assert (
        "DISABLED: the server answered 410 Gone" in shown.stdout
        and f"moved permanently to {feed_server.url('/rss.xml')}" in shown.stdout
    )
    forgot = CliRunner().invoke(app, ["state", "forget", gone, "--state", str(tmp_path / "state.db")])
    assert forgot.exit_code == 0 and "forgot 1 source(s)" in forgot.stdout
    digest(feed_server, tmp_path, sources=[gone])
    assert feed_server.hits["/gone.xml"] == 2


def test_mark_seen_remembers_everything_and_prints_nothing(feed_server, tmp_path):
    first = digest(feed_server, tmp_path, "--mark-seen")
    assert (first.exit_code, first.stdout, first.stderr) == (0, "", "")
    assert feed_server.hits["/a/budget"] == 0  # no article fetched
    assert as_json(digest(feed_server, tmp_path, "-f", "json"))["stories"] == []


def test_per_source_limit_since_and_feeds_file(feed_server, tmp_path):
    limited = as_json(
        digest(feed_server, tmp_path, "-f", "json", "--per-source", "1", sources=[feed_server.url("/rss.xml")])
    )
    assert titles(limited) == [BUDGET_TITLE]  # the newest
    assert [m["title"] for m in limited["more"]] == [STORM_TITLE]

    old = as_json(digest(feed_server, tmp_path / "since", "-f", "json", "--since", "24h"))
    assert old["stories"] == [] and old["counts"]["older"] == 5

    feeds = tmp_path / "feeds.toml"
    feeds.write_text(
        f'[[feed]]\nurl = "{feed_server.url("/rss.xml")}"\nname = "Northport Daily"\nlimit = 1\n\n'
        f'[[feed]]\nurl = "{feed_server.url("/atom.xml")}"\nenabled = false\n',
        encoding="utf-8",
    )
    data = as_json(digest(feed_server, tmp_path / "toml", "-f", "json", "--feeds", str(feeds), sources=[]))
    assert titles(data) == [BUDGET_TITLE] and data["stories"][0]["sources"][0]["source"] == "Northport Daily"
    assert feed_server.hits["/atom.xml"] == 1  # only the first test run read it

    feeds.write_text('[[feed]]\nurl = "x"\nlimt = 3\n', encoding="utf-8")
    bad = digest(feed_server, tmp_path, "--feeds", str(feeds), sources=[])
    assert bad.exit_code == 2 and "unknown key 'limt'" in bad.stderr


def test_output_file_with_date_format_from_extension_and_jsonl(feed_server, tmp_path):
    target = tmp_path / "digest-{date}.html"
    result = digest(feed_server, tmp_path, "--output", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    written = tmp_path / f"digest-{date.today().isoformat()}.html"
    assert written.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".digest")) == []  # no temp file left
    nothing = digest(feed_server, tmp_path, "--output", str(tmp_path / "second-{date}.md"))
    assert nothing.exit_code == 0 and not list(tmp_path.glob("second-*"))

    lines = [json.loads(line) for line in digest(feed_server, tmp_path / "l", "-f", "jsonl").stdout.splitlines()]
    assert [line["type"] for line in lines] == ["run"] + ["story"] * 4
    assert lines[0]["counts"]["stories"] == 4


def test_feed_full_content_is_used_when_the_page_fails(feed_server, tmp_path):
    feed_server.publish(
        "/full.xml",
        rss(
            "Airport News",
            [
                {
                    "title": "Airport to build second runway",
                    "link": feed_server.url("/missing-page"),
                    "guid": "a-1",
                    "content": FULL_CONTENT,
                }
            ],
        ),
        "application/rss+xml",
    )
    data = as_json(digest(feed_server, tmp_path, "-f", "json", sources=[feed_server.url("/full.xml")]))
    [story] = data["stories"]
    assert "second runway" in story["summary"][0]
    assert story["notes"] == [
        "summarised from the feed's own text: the page failed (HTTP 404 Not Found (check the URL))"
    ]
    assert data["errors"] == []


def test_articles_and_files_named_directly(feed_server, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text(
        "Harbour reopens\n\nThe harbour of Northport reopened on Friday after the storm passed, the "
        "harbour authority said.\n\nShips began to leave at dawn.\n",
        encoding="utf-8",
    )
    sources = [feed_server.url("/a/storm"), str(note)]
    data = as_json(digest(feed_server, tmp_path, "-f", "json", sources=sources))
    assert sorted(titles(data)) == sorted([STORM_TITLE, "Harbour reopens"])
    assert as_json(digest(feed_server, tmp_path, "-f", "json", sources=sources))["stories"] == []


def test_a_second_run_waits_for_the_lock_then_exits_75(feed_server, tmp_path):
    with open_state(tmp_path / "state.db"):
        result = digest(feed_server, tmp_path, "--wait", "0.2")
    assert result.exit_code == 75
    assert result.stdout == ""
    assert "another newsum run holds the state lock" in result.stderr and "raise --wait" in result.stderr
    assert feed_server.hits["/rss.xml"] == 0


def test_state_show_json_and_prune(feed_server, tmp_path):
    digest(feed_server, tmp_path)
    state = ["--state", str(tmp_path / "state.db")]
    shown = json.loads(CliRunner().invoke(app, ["state", "show", "--json", *state]).stdout)
    assert shown["seen"] == 5 and shown["last_run"]["stories"] == 4
    assert {s["url"] for s in shown["sources"]} == {feed_server.url(p) for p in FEEDS}
    pruned = CliRunner().invoke(app, ["state", "prune", "--older-than", "90d", *state])
    assert pruned.exit_code == 0 and pruned.stdout.startswith("forgot 0 item identities")
    bad = CliRunner().invoke(app, ["state", "prune", "--older-than", "ninety days", *state])
    assert bad.exit_code == 2 and "not a duration" in bad.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        ([], "no sources"),
        (["-"], "not standard input"),
        (["x", "--per-source", "-1"], "--per-source must be 0 (all) or more"),
        (["x", "--since", "yesterday"], "not a duration"),
    ],
)
def test_usage_errors(tmp_path, args, message):
    result = CliRunner().invoke(app, ["digest", *args, "--state", str(tmp_path / "s.db")])
    assert result.exit_code == 2 and message in result.stderr


@pytest.mark.parametrize("fmt", ["rich", "text", "markdown"])
def test_every_human_format_shows_the_stories_and_problems(feed_server, tmp_path, fmt):
    sources = [*(feed_server.url(p) for p in FEEDS), feed_server.url("/down.xml")]
    result = digest(feed_server, tmp_path, "-f", fmt, sources=sources)
    assert result.exit_code == 1
    for title in (BUDGET_TITLE, STORM_TITLE, STRIKE_TITLE):
        assert title in result.stdout
    assert "Problems" in result.stdout and "HTTP 404 Not Found" in result.stdout
    assert "Most mentioned" in result.stdout and "\x1b[" not in result.stdout  # no colour off a terminal
