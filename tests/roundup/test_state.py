"""The state database: migrations, the lock, commits, prune and forget."""

from __future__ import annotations

import sqlite3
import time
from datetime import timedelta

import pytest

from newsum.errors import StateError, StateLocked
from newsum.roundup.state import MIGRATIONS, SCHEMA_VERSION, Commit, SeenItem, SourceUpdate, default_path, open_state


def test_default_path_follows_xdg_and_newsum_state(monkeypatch, tmp_path):
    monkeypatch.delenv("NEWSUM_STATE", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg"))
    assert default_path() == tmp_path / "xdg" / "newsum" / "state.sqlite3"
    monkeypatch.setenv("XDG_STATE_HOME", "relative/is/ignored")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_path() == tmp_path / ".local" / "state" / "newsum" / "state.sqlite3"
    monkeypatch.setenv("NEWSUM_STATE", str(tmp_path / "mine.db"))
    assert default_path() == tmp_path / "mine.db"


def test_a_version_1_database_is_migrated_keeping_its_items(tmp_path):
    path = tmp_path / "state.db"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0])
    db.execute(
        "INSERT INTO seen VALUES ('link:http://x/a', 'http://x/feed', 'http://x/a', 'A', '2024-01-01T00:00:00+00:00')"
    )
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    with open_state(path) as state:
        assert state.is_seen(["link:http://x/a"])
        assert state.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert state.summary().last_run is None  # the runs table exists now


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "state.db"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StateError, match="newer newsum"), open_state(path):
        pass


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "state.db"
    path.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(StateError, match="not a usable newsum state database"), open_state(path):
        pass


def test_the_lock_makes_a_second_opener_wait_then_give_up(tmp_path):
    path = tmp_path / "state.db"
    with open_state(path):
        started = time.monotonic()
        with pytest.raises(StateLocked, match="did not finish within 0.3 s"), open_state(path, wait=0.3):
            pass
        assert 0.25 < time.monotonic() - started < 3
    with open_state(path, wait=0):  # released at the end of the block
        pass


def test_commit_prune_and_forget(tmp_path):
    path = tmp_path / "state.db"
    item = SeenItem(("guid:http://x/feed|1", "link:http://x/a"), "http://x/feed", "http://x/a", "A")
    other = SeenItem(("link:http://x/b",), "http://x/feed", "http://x/b", "B")
    with open_state(path) as state:
        state.commit(Commit(seen=[item, other], sources=[SourceUpdate("http://x/feed", "X", etag='"1"')]))
        assert state.is_seen(["link:http://x/a"]) and state.is_seen(["guid:http://x/feed|1"])
        assert state.source("http://x/feed").etag == '"1"'
        state.commit(Commit(sources=[SourceUpdate("http://x/feed", ok=False, error="HTTP 410", disable="gone")]))
        source = state.source("http://x/feed")
        assert (source.failures, source.disabled, source.etag) == (1, "gone", '"1"')
        assert state.summary().seen == 2
        # An item's link forgets all its identities, not the other item.
        assert state.forget("http://x/a?utm_source=mail") == (0, 2)
        assert not state.is_seen(["guid:http://x/feed|1"]) and state.is_seen(["link:http://x/b"])
        assert state.prune(timedelta(days=90)) == 0
        state.db.execute("UPDATE seen SET seen_at = '2000-01-01T00:00:00+00:00'")
        assert state.prune(timedelta(days=90)) == 1
        # A source: its validators, health and items go.
        state.commit(Commit(seen=[other], sources=[SourceUpdate("http://x/feed")]))
        assert state.forget("http://x/feed") == (1, 1)
        assert state.source("http://x/feed") is None
