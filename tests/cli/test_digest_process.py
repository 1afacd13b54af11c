"""`newsum digest` as cron runs it: real processes, real signals, the same
state shared by overlapping runs."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

from feed_server import BUDGET_TITLE, STORM, STORM_TITLE, STRIKE_TITLE

FEEDS = ("/rss.xml", "/atom.xml", "/feed.json")
ALL_TITLES = {BUDGET_TITLE, STORM_TITLE, STRIKE_TITLE, 'Museum shows <img src=x onerror="alert(1)"> art & code'}


def command(server, state, *args: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "newsum",
        "digest",
        *(server.url(p) for p in FEEDS),
        "--state",
        str(state),
        "--host-delay",
        "0",
        "--timeout",
        "20",
        "-f",
        "jsonl",
        *args,
    ]


def story_titles(stdout: str) -> list[str]:
    return [r["title"] for r in map(json.loads, stdout.splitlines()) if r["type"] == "story"]


def test_killed_mid_run_the_next_run_shows_every_unseen_item_once(feed_server, tmp_path):
    state = tmp_path / "state.db"
    feed_server.publish("/a/storm", STORM, delay=30)  # the run hangs here
    process = subprocess.Popen(command(feed_server, state), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while feed_server.hits["/a/storm"] == 0 or feed_server.hits["/a/budget"] == 0:
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    stdout, _ = process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL and stdout == ""

    feed_server.publish("/a/storm", STORM)
    after = subprocess.run(command(feed_server, state), check=False, capture_output=True, text=True, timeout=120)
    assert after.returncode == 0, after.stderr
    assert after.stderr == ""
    assert set(story_titles(after.stdout)) == ALL_TITLES  # the budget page was read before the kill: still unseen
    again = subprocess.run(command(feed_server, state), check=False, capture_output=True, text=True, timeout=120)
    assert (again.returncode, story_titles(again.stdout), again.stderr) == (0, [], "")


def test_two_overlapping_runs_show_each_item_once_and_keep_the_state_sound(feed_server, tmp_path):
    state = tmp_path / "state.db"
    runs = [
        subprocess.Popen(
            command(feed_server, state, "--wait", "60"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err for _, err in outputs]
    assert [err for _, err in outputs] == ["", ""]
    shown = [story_titles(out) for out, _ in outputs]
    assert sorted(map(len, shown)) == [0, 4]  # one run shows everything, the other nothing
    assert set(shown[0]) | set(shown[1]) == ALL_TITLES
    db = sqlite3.connect(state)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == 2
    db.close()
    assert not [p for p in os.listdir(tmp_path) if p.endswith(("-journal", ".tmp"))]
