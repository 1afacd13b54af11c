"""Stories across runs (`newsum digest`): follow-ups, `newsum state stories`
and `story`, the digest as an Atom feed, and the state's upgrade, against a
real feed server on 127.0.0.1 (tests/feed_server.py)."""

from __future__ import annotations

import json
import sqlite3

import feedparser
import pytest
from feed_server import STORM, STORM_TITLE, page, rss
from typer.testing import CliRunner

from newsum.cli.app import app
from newsum.roundup.state import MIGRATIONS, SCHEMA_VERSION, open_state

AFTER_TITLE = "Eastern ports reopen as storm damage is counted"
AFTER = page(
    AFTER_TITLE,
    [
        "Ports along the eastern coast reopened on Friday, two days after a powerful storm stranded dozens of ships.",
        "The harbour authority said three cranes were destroyed and repairs would cost about forty million euros.",
        "“The coast guard kept every crew safe through the worst of it,” said Admiral Jonas Berg on Friday.",
        "Ferry operators restored most crossings by the evening, though two routes stay closed until next week.",
        "A powerful storm closed every port along the eastern coast on Wednesday, stranding dozens of cargo ships.",
    ],
)
LIBRARY_TITLE = "New library opens with a rooftop reading garden"
LIBRARY = page(
    LIBRARY_TITLE,
    [
        "The city of Westvale opened its new central library on Saturday, with a reading garden on the roof.",
        "Architect Lena Moreau said the building uses timber from local forests and needs little heating.",
        "The library holds two hundred thousand books and a workshop where visitors can repair their own bicycles.",
        "“We wanted a place where nobody has to buy anything to spend a day,” Moreau said at the opening.",
    ],
)


def feed(server, items):
    server.publish("/news.xml", rss("Coast News", items), "application/rss+xml")


def run(server, tmp_path, *args):
    state = ["--state", str(tmp_path / "state.db")]
    url = server.url("/news.xml")
    return CliRunner().invoke(app, ["digest", url, *state, "--host-delay", "0", "--timeout", "5", *args])


def storm_item(server):
    return {
        "title": STORM_TITLE,
        "link": server.url("/a/storm"),
        "guid": "cn-1",
        "date": "Wed, 01 May 2024 06:00:00 GMT",
    }


def later_items(server):
    return [
        {"title": AFTER_TITLE, "link": server.url("/c/after"), "guid": "cn-2", "date": "Fri, 03 May 2024 09:00:00 GMT"},
        {
            "title": LIBRARY_TITLE,
            "link": server.url("/c/library"),
            "guid": "cn-3",
            "date": "Sat, 04 May 2024 10:00:00 GMT",
        },
        storm_item(server),
    ]


@pytest.fixture
def news(feed_server):
    feed_server.publish("/a/storm", STORM)
    feed_server.publish("/c/after", AFTER)
    feed_server.publish("/c/library", LIBRARY)
    return feed_server


def test_a_later_report_follows_the_story_and_an_unrelated_one_does_not(news, tmp_path):
    feed(news, [storm_item(news)])
    first = run(news, tmp_path, "-f", "json")
    assert first.exit_code == 0, first.output
    storm = json.loads(first.stdout)["stories"][0]
    assert storm["title"] == STORM_TITLE and storm["follows"] is None and storm["id"]

    feed(news, later_items(news))
    second = run(news, tmp_path, "-f", "json")
    assert second.exit_code == 0, second.output
    stories = {s["title"]: s for s in json.loads(second.stdout)["stories"]}
    assert set(stories) == {AFTER_TITLE, LIBRARY_TITLE}
    after, library = stories[AFTER_TITLE], stories[LIBRARY_TITLE]
    assert after["follows"]["title"] == STORM_TITLE
    assert after["follows"]["story_id"] == storm["id"] == after["id"]
    assert after["follows"]["runs"] == 1
    assert library["follows"] is None and library["id"] != storm["id"]
    # What the reader was shown on Wednesday is not repeated as news.
    assert not any("closed every port" in sentence for sentence in after["summary"])
    assert any("new since" in note for note in after["notes"])

    listed = CliRunner().invoke(app, ["state", "stories", "--state", str(tmp_path / "state.db"), "--format", "json"])
    assert listed.exit_code == 0, listed.output
    remembered = {s["id"]: s for s in json.loads(listed.stdout)}
    assert remembered[storm["id"]]["title"] == STORM_TITLE
    assert remembered[storm["id"]]["runs"] == 2 and remembered[storm["id"]]["items"] == 2
    assert remembered[library["id"]]["runs"] == 1

    one = CliRunner().invoke(app, ["state", "story", storm["id"], "--state", str(tmp_path / "state.db")])
    assert one.exit_code == 0, one.output
    assert one.stdout.index(STORM_TITLE) < one.stdout.index(AFTER_TITLE)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_human_formats_say_what_a_follow_up_follows(news, tmp_path, fmt):
    feed(news, [storm_item(news)])
    assert run(news, tmp_path).exit_code == 0
    feed(news, later_items(news))
    result = run(news, tmp_path, "-f", fmt)
    assert result.exit_code == 0, result.output
    assert f"Follow-up to: {STORM_TITLE} (first seen " in result.stdout
    assert result.stdout.count("Follow-up to:") == 1


def test_the_story_window_bounds_follow_ups(news, tmp_path):
    feed(news, [storm_item(news)])
    assert run(news, tmp_path).exit_code == 0
    feed(news, later_items(news))
    result = run(news, tmp_path, "-f", "json", "--story-window", "0s")
    assert result.exit_code == 0, result.output
    assert all(s["follows"] is None for s in json.loads(result.stdout)["stories"])


def test_atom_feed_parses_one_entry_per_story_with_stable_ids(news, tmp_path):
    hostile = "Storm <script>alert(1)</script> & ports"
    feed(news, [{**storm_item(news), "title": hostile}])
    out = tmp_path / "digest.atom"
    first = run(news, tmp_path, "-o", str(out))
    assert first.exit_code == 0, first.output
    parsed = feedparser.parse(out.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert len(parsed.entries) == 1
    entry = parsed.entries[0]
    assert "alert(1) & ports" in entry.title
    assert "<script" not in out.read_text(encoding="utf-8")
    assert entry.link == news.url("/a/storm")
    storm_id = entry.id

    feed(news, later_items(news))
    second = run(news, tmp_path, "-f", "atom")
    assert second.exit_code == 0, second.output
    parsed = feedparser.parse(second.stdout.encode())
    assert not parsed.bozo and len(parsed.entries) == 2
    ids = {e.title: e.id for e in parsed.entries}
    assert ids[AFTER_TITLE] == storm_id  # the follow-up updates the story's entry
    assert ids[LIBRARY_TITLE] != storm_id
    assert parsed.feed.id == "urn:newsum:digest"


def test_a_state_from_the_previous_release_upgrades_in_place(tmp_path, news):
    path = tmp_path / "state.db"
    db = sqlite3.connect(path)
    for number, script in enumerate(MIGRATIONS[:2], 1):  # the release before stories
        db.executescript(script)
        db.execute(f"PRAGMA user_version = {number}")
    db.execute(
        "INSERT INTO seen (key, source, link, title, seen_at) VALUES (?, ?, ?, ?, ?)",
        (
            "guid:" + news.url("/news.xml") + "|cn-1",
            news.url("/news.xml"),
            news.url("/a/storm"),
            STORM_TITLE,
            "2024-05-01T08:00:00+00:00",
        ),
    )
    db.execute("INSERT INTO sources (url, name, failures) VALUES (?, ?, 0)", (news.url("/news.xml"), "Coast News"))
    db.commit()
    db.close()

    with open_state(path) as state:
        assert state.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
        assert state.is_seen(["guid:" + news.url("/news.xml") + "|cn-1"])
        assert state.source(news.url("/news.xml")).name == "Coast News"
        assert state.stories() == []

    feed(news, [storm_item(news)])
    result = run(news, tmp_path, "-f", "json")  # nothing lost: the storm item stays seen
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["stories"] == []


def test_a_state_from_a_newer_release_is_refused_with_exit_3(tmp_path, news):
    path = tmp_path / "state.db"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    result = CliRunner().invoke(app, ["state", "stories", "--state", str(path)])
    assert result.exit_code == 3
    assert "newer newsum" in result.stderr


def test_atom_keeps_a_hostile_title_as_text():
    import io

    from newsum.model import Mention, Roundup, Story
    from newsum.render.roundup import render

    hostile = 'Storm <script>alert(1)</script> & "ports" \x1b[2J\ufffe'
    story = Story(
        title=hostile,
        link="javascript:alert(1)",
        published="2024-05-01",
        mentions=[Mention("Coast <b>News</b>", "http://127.0.0.1/news.xml", hostile, "javascript:alert(1)")],
        summary=["A & B <i>said</i> so."],
        id="abc",
    )
    out = io.StringIO()
    render(Roundup(generated="2024-05-01T08:00:00+00:00", sources=1, new_items=1, stories=[story]), "atom", out)
    parsed = feedparser.parse(out.getvalue().encode())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert "<script>" not in out.getvalue() and "&lt;script&gt;" in out.getvalue()
    assert "javascript:" not in out.getvalue()  # only http(s) links become links
    assert parsed.entries[0].id == "urn:newsum:story:abc"
    assert parsed.entries[0].published.startswith("2024-05-01")
    assert "A & B <i>said</i> so." in parsed.entries[0].content[0].value.replace("&amp;", "&").replace(
        "&lt;", "<"
    ).replace("&gt;", ">")


def test_a_run_cut_short_after_digesting_resumes_without_fetching_again(news, tmp_path, monkeypatch):
    import newsum.roundup.run as run_module

    feed(news, later_items(news))

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # the run dies after digesting, before its output is written

    monkeypatch.setattr(run_module, "deliver", killed)
    cut = run(news, tmp_path, "-f", "json")
    assert cut.exit_code == 130 and cut.stdout == ""
    pages = ("/a/storm", "/c/after", "/c/library")
    fetched = {path: news.hits[path] for path in pages}
    assert all(fetched[path] == 1 for path in pages)
    with open_state(tmp_path / "state.db") as state:
        assert state.db.execute("SELECT COUNT(*) FROM pending").fetchone()[0] == 3
        assert state.db.execute("SELECT COUNT(*) FROM seen").fetchone()[0] == 0  # nothing was delivered

    monkeypatch.undo()
    resumed = run(news, tmp_path, "-f", "json")
    assert resumed.exit_code == 0, resumed.output
    stories = json.loads(resumed.stdout)["stories"]
    told = {source["title"] for story in stories for source in story["sources"]}
    assert told == {STORM_TITLE, AFTER_TITLE, LIBRARY_TITLE}
    assert all(story["summary"] for story in stories)
    assert {path: news.hits[path] for path in pages} == fetched  # reused, not fetched again
    with open_state(tmp_path / "state.db") as state:
        assert state.db.execute("SELECT COUNT(*) FROM pending").fetchone()[0] == 0
    assert json.loads(run(news, tmp_path, "-f", "json").stdout)["stories"] == []


def test_a_digest_survives_the_json_round_trip_of_the_cache(sample_digest):
    import dataclasses

    from newsum.model import digest_from_data

    back = digest_from_data(json.loads(json.dumps(dataclasses.asdict(sample_digest))))
    assert back == sample_digest
    assert back.to_dict() == sample_digest.to_dict()


@pytest.mark.parametrize(("option", "most"), [("0", 0), ("1", 1), ("all", None)])
def test_actors_option_bounds_each_storys_actor_list(news, tmp_path, option, most):
    feed(news, later_items(news))
    result = run(news, tmp_path, "-f", "json", "--actors", option)
    assert result.exit_code == 0, result.output
    counts = [len(story["actors"]) for story in json.loads(result.stdout)["stories"]]
    if most is None:
        assert max(counts) >= 1
    else:
        assert max(counts) == most


def test_actors_option_refuses_a_word(news, tmp_path):
    result = run(news, tmp_path, "--actors", "many")
    assert result.exit_code == 2 and "--actors takes a number or 'all'" in result.stderr
