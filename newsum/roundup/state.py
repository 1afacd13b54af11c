"""What `newsum digest` remembers between runs: seen items, per-source HTTP
validators and health, in one SQLite file, behind one lock.

Why SQLite: a transaction is all-or-nothing even when the process is killed
or the machine loses power, so the state is always one run's end or the
next's, never half of one. Why a separate lock file: a run holds the lock
from before it reads the state until after it has written its output and
committed, so two overlapping cron runs cannot both show an item; an
``flock`` is released by the kernel when its holder dies, so a ``kill -9``
never leaves a stale lock behind (unlike a PID file).

Nothing is written while a run works: `State.commit` records the seen items,
ETags and source health in one transaction, and the run calls it only after
its output is written. A crash before that leaves the state as it was, so
every unseen item comes again; after it, none does.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from newsum.errors import StateError, StateLocked

if TYPE_CHECKING:  # pragma: no cover
    from newsum.model import Digest

STATE_ENV = "NEWSUM_STATE"
PENDING_AGE = timedelta(days=2)
"""How long a finished, undelivered digest is kept for the next run to reuse."""
STATE_FILE = "state.sqlite3"

# One script per schema version; a database at version N runs scripts N+1...
# A script may only add (tables, columns, indexes) so older data stays readable.
MIGRATIONS: tuple[str, ...] = (
    # 1: seen items and sources.
    """
    CREATE TABLE sources (
        url TEXT PRIMARY KEY,
        name TEXT,
        etag TEXT,
        last_modified TEXT,
        last_attempt TEXT,
        last_success TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        moved_to TEXT,
        disabled TEXT
    );
    CREATE TABLE seen (
        key TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        link TEXT,
        title TEXT,
        seen_at TEXT NOT NULL
    );
    CREATE INDEX seen_by_source ON seen (source);
    CREATE INDEX seen_by_time ON seen (seen_at);
    """,
    # 2: a log of runs, for `newsum state show`.
    """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        finished TEXT NOT NULL,
        sources INTEGER NOT NULL,
        items INTEGER NOT NULL,
        stories INTEGER NOT NULL,
        problems INTEGER NOT NULL,
        output TEXT
    );
    """,
    # 3: stories across runs: follow-ups, `newsum state stories`, stable Atom ids.
    """
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        link TEXT,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        signature TEXT NOT NULL,
        actors TEXT NOT NULL,
        keyphrases TEXT NOT NULL,
        shown TEXT NOT NULL
    );
    CREATE INDEX stories_by_last_seen ON stories (last_seen);
    CREATE TABLE story_runs (
        story TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        run TEXT NOT NULL,
        PRIMARY KEY (story, run)
    );
    CREATE TABLE story_items (
        story TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        run TEXT NOT NULL,
        source TEXT NOT NULL,
        title TEXT,
        link TEXT,
        published TEXT
    );
    CREATE INDEX story_items_by_story ON story_items (story);
    CREATE TABLE pending (
        key TEXT PRIMARY KEY,
        digest TEXT NOT NULL,
        created TEXT NOT NULL
    );
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


def default_path() -> Path:
    """``$NEWSUM_STATE``, else ``$XDG_STATE_HOME/newsum/state.sqlite3``, else
    ``~/.local/state/newsum/state.sqlite3`` (the XDG base-directory default)."""
    explicit = os.environ.get(STATE_ENV)
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_STATE_HOME") or ""
    root = (
        Path(base).expanduser()
        if base and os.path.isabs(os.path.expanduser(base))
        else Path.home() / ".local" / "state"
    )
    return root / "newsum" / STATE_FILE


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class SourceState:
    url: str
    name: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_attempt: str | None = None
    last_success: str | None = None
    failures: int = 0
    last_error: str | None = None
    moved_to: str | None = None
    disabled: str | None = None
    """Why the source is disabled (a 410), or None."""


@dataclass(frozen=True)
class SeenItem:
    keys: tuple[str, ...]
    """Every identity of the item (guid, canonical link, hash); any one of them
    seen again means the item was seen."""
    source: str
    link: str | None = None
    title: str | None = None


@dataclass
class SourceUpdate:
    """What a run learnt about one source, written at commit."""

    url: str
    name: str | None = None
    ok: bool = True
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    moved_to: str | None = None
    disable: str | None = None


@dataclass
class StoryRecord:
    """What a run writes about one story it showed. A new id adds the story;
    a known one (a follow-up) updates it and adds this run and its items."""

    id: str
    title: str
    link: str | None
    signature: dict[str, int]
    """The fingerprint the merge and the follow-up match compare (stem -> count)."""
    actors: list[str]
    keyphrases: list[str]
    shown: list[str]
    """The summary sentences shown this run (a follow-up's novelty is judged against them)."""
    items: list[tuple[str, str | None, str | None, str | None]] = field(default_factory=list)
    """(source, title, link, published) of each item that told it this run."""


@dataclass(frozen=True)
class RememberedStory:
    """A story as the state remembers it."""

    id: str
    title: str
    link: str | None
    first_seen: str
    last_seen: str
    runs: int
    items: int
    signature: dict[str, int]
    actors: list[str]
    keyphrases: list[str]
    shown: list[str]


@dataclass
class Commit:
    """Everything one run writes, in one transaction, after its output."""

    seen: list[SeenItem] = field(default_factory=list)
    sources: list[SourceUpdate] = field(default_factory=list)
    run: dict[str, object] | None = None
    """For the run log: sources, items, stories, problems, output."""
    stories: list[StoryRecord] = field(default_factory=list)
    started: str = ""
    """When the run began (ISO 8601 UTC): names the run in a story's history."""


@dataclass(frozen=True)
class Summary:
    path: Path
    schema_version: int
    seen: int
    oldest: str | None
    sources: list[tuple[SourceState, int]]
    """Each source with how many items from it are remembered."""
    last_run: dict[str, object] | None


class State:
    """An open state database. Use `open_state` (takes the lock too)."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self.db = connection

    # --- reading ---------------------------------------------------------------

    def source(self, url: str) -> SourceState | None:
        row = self.db.execute("SELECT * FROM sources WHERE url = ?", (url,)).fetchone()
        return SourceState(**dict(row)) if row else None

    def is_seen(self, keys: Iterable[str]) -> bool:
        keys = list(keys)
        if not keys:
            return False
        marks = ",".join("?" * len(keys))
        return self.db.execute(f"SELECT 1 FROM seen WHERE key IN ({marks}) LIMIT 1", keys).fetchone() is not None

    def stories(self, since: timedelta | None = None) -> list[RememberedStory]:
        """Remembered stories seen within ``since`` (all when None), the most
        recently seen first."""
        cutoff = "" if since is None else (datetime.now(timezone.utc) - since).replace(microsecond=0).isoformat()
        rows = self.db.execute(
            "SELECT s.*, (SELECT COUNT(*) FROM story_runs r WHERE r.story = s.id) AS runs, "
            "(SELECT COUNT(*) FROM story_items i WHERE i.story = s.id) AS items "
            "FROM stories s WHERE s.last_seen > ? ORDER BY s.last_seen DESC, s.id",
            (cutoff,),
        ).fetchall()
        return [_remembered(row) for row in rows]

    def story(self, story_id: str) -> tuple[RememberedStory, list[dict[str, str | None]]] | None:
        """One story and its items in the order they were shown, or None."""
        row = self.db.execute(
            "SELECT s.*, (SELECT COUNT(*) FROM story_runs r WHERE r.story = s.id) AS runs, "
            "(SELECT COUNT(*) FROM story_items i WHERE i.story = s.id) AS items FROM stories s WHERE s.id = ?",
            (story_id,),
        ).fetchone()
        if row is None:
            return None
        items = self.db.execute(
            "SELECT run, source, title, link, published FROM story_items WHERE story = ? ORDER BY run, rowid",
            (story_id,),
        ).fetchall()
        return _remembered(row), [dict(item) for item in items]

    def summary(self) -> Summary:
        # An item is stored under each of its identities; count items, not keys.
        item = "source || '|' || IFNULL(link, '') || '|' || IFNULL(title, '')"
        seen, oldest = self.db.execute(f"SELECT COUNT(DISTINCT {item}), MIN(seen_at) FROM seen").fetchone()
        counts = dict(self.db.execute(f"SELECT source, COUNT(DISTINCT {item}) FROM seen GROUP BY source").fetchall())
        sources = [SourceState(**dict(r)) for r in self.db.execute("SELECT * FROM sources ORDER BY url")]
        listed = [(s, counts.pop(s.url, 0)) for s in sources]
        listed += [(SourceState(url=url), n) for url, n in sorted(counts.items())]
        row = self.db.execute("SELECT * FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        return Summary(self.path, SCHEMA_VERSION, seen, oldest, listed, dict(row) if row else None)

    def pending(self, keys: Iterable[str]) -> dict[str, Digest]:
        """Digests a killed run finished but never delivered, by item key."""
        from newsum.model import digest_from_data

        found = {}
        for key in keys:
            row = self.db.execute("SELECT digest FROM pending WHERE key = ?", (key,)).fetchone()
            if row is not None:
                with contextlib.suppress(ValueError, KeyError, TypeError, StopIteration):
                    found[key] = digest_from_data(json.loads(row["digest"]))
        return found

    # --- writing (each call one transaction) ----------------------------------

    def keep_pending(self, key: str, digest: Digest) -> None:
        """Keep an item's finished digest until the run's output is delivered,
        so a run killed before then resumes where it stopped. Nothing is
        marked seen here: the item is still new."""
        with self._transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO pending (key, digest, created) VALUES (?, ?, ?)",
                (key, json.dumps(asdict(digest), ensure_ascii=False), now_iso()),
            )

    def commit(self, commit: Commit) -> None:
        """Record a run: seen items, source health, the run log. All or nothing."""
        stamp = now_iso()
        with self._transaction():
            self.db.executemany(
                "INSERT OR IGNORE INTO seen (key, source, link, title, seen_at) VALUES (?, ?, ?, ?, ?)",
                [(key, item.source, item.link, item.title, stamp) for item in commit.seen for key in item.keys],
            )
            for update in commit.sources:
                self._update_source(update, stamp)
            for story in commit.stories:
                self._record_story(story, commit.started or stamp, stamp)
            # Delivered now (or too old to be the run that was cut short).
            self.db.executemany(
                "DELETE FROM pending WHERE key = ?", [(key,) for item in commit.seen for key in item.keys]
            )
            stale = (datetime.now(timezone.utc) - PENDING_AGE).replace(microsecond=0).isoformat()
            self.db.execute("DELETE FROM pending WHERE created < ?", (stale,))
            if commit.run is not None:
                run = commit.run
                self.db.execute(
                    "INSERT INTO runs (finished, sources, items, stories, problems, output) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        stamp,
                        run.get("sources", 0),
                        run.get("items", 0),
                        run.get("stories", 0),
                        run.get("problems", 0),
                        run.get("output"),
                    ),
                )
                # The log is for humans: the last hundred runs are plenty.
                self.db.execute("DELETE FROM runs WHERE id <= (SELECT MAX(id) FROM runs) - 100")

    def _record_story(self, story: StoryRecord, run: str, stamp: str) -> None:
        known = self.db.execute("SELECT shown, actors FROM stories WHERE id = ?", (story.id,)).fetchone()
        if known is None:
            self.db.execute(
                "INSERT INTO stories (id, title, link, first_seen, last_seen, signature, actors, keyphrases, shown) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    story.id,
                    story.title,
                    story.link,
                    stamp,
                    stamp,
                    json.dumps(story.signature),
                    json.dumps(story.actors),
                    json.dumps(story.keyphrases),
                    json.dumps(story.shown),
                ),
            )
        else:
            # A follow-up: the story keeps its first title; what it is compared
            # by becomes its latest report, and what was shown accumulates.
            actors = list(dict.fromkeys(json.loads(known["actors"]) + story.actors))
            shown = list(dict.fromkeys(json.loads(known["shown"]) + story.shown))
            self.db.execute(
                "UPDATE stories SET last_seen = ?, signature = ?, actors = ?, keyphrases = ?, shown = ? WHERE id = ?",
                (
                    stamp,
                    json.dumps(story.signature),
                    json.dumps(actors),
                    json.dumps(story.keyphrases),
                    json.dumps(shown),
                    story.id,
                ),
            )
        self.db.execute("INSERT OR IGNORE INTO story_runs (story, run) VALUES (?, ?)", (story.id, run))
        self.db.executemany(
            "INSERT INTO story_items (story, run, source, title, link, published) VALUES (?, ?, ?, ?, ?, ?)",
            [(story.id, run, *item) for item in story.items],
        )

    def _update_source(self, update: SourceUpdate, stamp: str) -> None:
        self.db.execute("INSERT OR IGNORE INTO sources (url) VALUES (?)", (update.url,))
        if update.ok:
            self.db.execute(
                "UPDATE sources SET name = COALESCE(?, name), etag = ?, last_modified = ?, last_attempt = ?, "
                "last_success = ?, failures = 0, last_error = NULL, moved_to = ? WHERE url = ?",
                (update.name, update.etag, update.last_modified, stamp, stamp, update.moved_to, update.url),
            )
        else:
            self.db.execute(
                "UPDATE sources SET name = COALESCE(?, name), last_attempt = ?, failures = failures + 1, "
                "last_error = ?, disabled = COALESCE(?, disabled) WHERE url = ?",
                (update.name, stamp, update.error, update.disable, update.url),
            )

    def prune(self, older_than: timedelta) -> int:
        """Forget items (and stories) seen before ``older_than`` ago; returns
        how many item identities went.

        Safe as long as feeds drop items sooner than that: an item still in
        its feed after being pruned would be shown again."""
        cutoff = (datetime.now(timezone.utc) - older_than).replace(microsecond=0).isoformat()
        with self._transaction():
            keys = self.db.execute("DELETE FROM seen WHERE seen_at < ?", (cutoff,)).rowcount
            self.db.execute("DELETE FROM stories WHERE last_seen < ?", (cutoff,))
        self.db.execute("VACUUM")
        return keys

    def forget(self, url: str) -> tuple[int, int]:
        """Forget a source (its validators, health, disabled flag and the items
        seen from it) or, when ``url`` is an item's link, that item. Returns
        (sources forgotten, item identities forgotten)."""
        from newsum.roundup.stories import canonical_link

        link = canonical_link(url)
        with self._transaction():
            sources = self.db.execute("DELETE FROM sources WHERE url = ?", (url,)).rowcount
            items = self.db.execute("DELETE FROM seen WHERE source = ?", (url,)).rowcount
            if not sources and not items:
                # An item: every identity it was recorded under (guid, link, hash)
                # shares its source, link and title.
                rows = self.db.execute(
                    "SELECT DISTINCT source, link FROM seen WHERE link IN (?, ?) OR key = ?",
                    (url, link, "link:" + link),
                ).fetchall()
                for row in rows:
                    items += self.db.execute(
                        "DELETE FROM seen WHERE source = ? AND link = ?", (row["source"], row["link"])
                    ).rowcount
        return sources, items

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            raise StateError(f"cannot write the state database: {exc}", str(self.path)) from None

    def close(self) -> None:
        self.db.close()


@contextlib.contextmanager
def open_state(path: Path | None = None, wait: float = 60.0) -> Iterator[State]:
    """The state at ``path`` (default: `default_path`), created and migrated as
    needed, held under its lock until the block ends.

    Raises `StateLocked` when another process holds the lock for more than
    ``wait`` seconds, `StateError` when the file cannot be used.
    """
    path = path or default_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise StateError(f"cannot create the state directory: {exc.strerror or exc}", str(path.parent)) from None
    with _lock(path.with_name(path.name + ".lock"), wait):
        connection = _connect(path)
        try:
            yield State(path, connection)
        finally:
            connection.close()


@contextlib.contextmanager
def _lock(path: Path, wait: float) -> Iterator[None]:
    import fcntl

    try:
        handle = open(path, "a+b")  # noqa: SIM115 - held for the whole block
    except OSError as exc:
        raise StateError(f"cannot open the state lock: {exc.strerror or exc}", str(path)) from None
    try:
        deadline = time.monotonic() + max(wait, 0.0)
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StateLocked(
                        f"another newsum run holds the state lock ({path}) and did not finish within {wait:g} s; "
                        "nothing was done: raise --wait, or space the cron runs further apart"
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        handle.close()  # releases the lock


def _connect(path: Path) -> sqlite3.Connection:
    try:
        connection = sqlite3.connect(path, isolation_level=None, timeout=30)
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA foreign_keys = ON")
        _migrate(connection, path)
    except sqlite3.DatabaseError as exc:
        raise StateError(
            f"not a usable newsum state database ({exc}); move it away or pass another --state", str(path)
        ) from None
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)  # it lists what you read
    return connection


def _remembered(row: sqlite3.Row) -> RememberedStory:
    return RememberedStory(
        id=row["id"],
        title=row["title"],
        link=row["link"],
        first_seen=row["first_seen"],
        last_seen=row["last_seen"],
        runs=row["runs"],
        items=row["items"],
        signature=json.loads(row["signature"]),
        actors=json.loads(row["actors"]),
        keyphrases=json.loads(row["keyphrases"]),
        shown=json.loads(row["shown"]),
    )


def _migrate(connection: sqlite3.Connection, path: Path) -> None:
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StateError(
            f"the state was written by a newer newsum (schema {version}, this one knows {SCHEMA_VERSION}); "
            "upgrade newsum or pass another --state",
            str(path),
        )
    for number in range(version + 1, SCHEMA_VERSION + 1):
        connection.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(MIGRATIONS[number - 1]):
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {number}")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")


def _statements(script: str) -> list[str]:
    """``executescript`` would commit the open transaction first; one statement
    at a time keeps each migration step atomic."""
    return [s.strip() for s in script.split(";") if s.strip()]
