"""What a `newsum digest` run is told: its sources (the command line or a
feeds file) and its options."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from newsum.pipeline import Options
from newsum.sources.read import is_url

Progress = Callable[[str], None]
STORY_WINDOW = timedelta(days=14)
"""Default of ``--story-window``: a story not seen for two weeks is over."""


@dataclass(frozen=True)
class SourceSpec:
    """One source as the user listed it (command line or feeds.toml)."""

    location: str
    """A URL or a file path."""
    name: str | None = None
    limit: int | None = None
    language: str | None = None
    enabled: bool = True


@dataclass(frozen=True)
class RunOptions:
    digest: Options = field(default_factory=Options)
    since: timedelta | None = None
    per_source: int | None = None
    jobs: int = 0
    """Processes that digest items (0 = all cores); downloads run on at least 4 threads."""
    host_delay: float = 1.0
    """Seconds between two requests to the same host."""
    allow_private: bool = False
    mark_seen_only: bool = False
    """Remember every current item without fetching or showing any."""
    actors: int | None = 5
    """Actors each story lists (None: all)."""
    story_window: timedelta = STORY_WINDOW
    """How far back a story the reader saw can be followed up."""


# --- configuration --------------------------------------------------------------------------

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$", re.IGNORECASE)
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_FEED_KEYS = {"url", "name", "limit", "language", "enabled"}


def parse_duration(text: str) -> timedelta:
    """``30m``, ``24h``, ``90d``, ``2w`` -> a timedelta; `UsageError` otherwise."""
    from newsum.errors import UsageError

    match = _DURATION.match(text)
    if not match:
        raise UsageError(f"not a duration: {text!r}; write a number and a unit (s, m, h, d, w), e.g. 24h or 90d")
    return timedelta(seconds=float(match.group(1)) * _UNITS[match.group(2).lower()])


def load_feeds(path: Path) -> list[SourceSpec]:
    """Sources from a TOML file of ``[[feed]]`` tables: ``url`` (a URL or a
    path, relative to the file), optional ``name``, ``limit``, ``language``,
    ``enabled``. Raises `ConfigError` naming the file and what is wrong."""
    from newsum.errors import ConfigError
    from newsum.nlp.languages import unsupported

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("no such feeds file", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the feeds file: {exc}", str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", str(path)) from None
    tables = data.get("feed", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise ConfigError('list sources as [[feed]] tables, each with url = "..."', str(path))
    specs = []
    for number, table in enumerate(tables, 1):
        where = f"{path}: feed {number}"
        unknown = set(table) - _FEED_KEYS
        if unknown:
            raise ConfigError(f"unknown key {min(unknown)!r} (known: {', '.join(sorted(_FEED_KEYS))})", where)
        url = table.get("url")
        if not isinstance(url, str) or not url.strip():
            raise ConfigError('each [[feed]] needs url = "https://..." (or a file path)', where)
        limit, language, enabled, name = (
            table.get("limit"),
            table.get("language"),
            table.get("enabled", True),
            table.get("name"),
        )
        if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 1):
            raise ConfigError("limit must be a whole number of at least 1", where)
        if language is not None and (not isinstance(language, str) or unsupported(language)):
            raise ConfigError(unsupported(str(language)) or "language must be a string", where)
        if not isinstance(enabled, bool):
            raise ConfigError("enabled must be true or false", where)
        if name is not None and not isinstance(name, str):
            raise ConfigError("name must be a string", where)
        location = url.strip()
        if not is_url(location):
            location = str((path.parent / Path(location).expanduser()).resolve())
        specs.append(SourceSpec(location, name, limit, language, enabled))
    return specs
