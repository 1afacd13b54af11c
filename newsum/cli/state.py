"""``newsum state``: inspect and maintain the digest's state."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Optional

import typer

from newsum.cli.common import STATE_EXIT_CODES_HELP, exit_codes, make_app
from newsum.errors import ExitCode, UsageError

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from newsum.roundup.state import Summary

state_app = make_app(
    "state", "Inspect and maintain newsum digest's state (seen items, feed health).", STATE_EXIT_CODES_HELP
)

_STATE_OPTION_HELP = "State database [default: $NEWSUM_STATE, else $XDG_STATE_HOME/newsum/state.sqlite3]."


@state_app.callback()
def _state() -> None:
    """Inspect and maintain newsum digest's state (seen items, feed health)."""


@state_app.command("show", epilog=STATE_EXIT_CODES_HELP)
def state_show(
    state: Optional[str] = typer.Option(None, "--state", metavar="PATH", help=_STATE_OPTION_HELP, show_default=False),
    as_json: bool = typer.Option(False, "--json", help="One JSON object instead of text."),
    wait: float = typer.Option(60.0, "--wait", metavar="SECONDS", help="How long to wait for a run holding the lock."),
) -> None:
    """Where the state is, how many items it remembers, and each source's
    health: last success, consecutive failures, last error, moved, disabled."""
    with exit_codes(False):
        from dataclasses import asdict

        from newsum.roundup.state import open_state

        with open_state(_state_path(state), wait) as db:
            summary = db.summary()
        if as_json:
            import json

            data = {
                "path": str(summary.path),
                "schema_version": summary.schema_version,
                "seen": summary.seen,
                "oldest": summary.oldest,
                "last_run": summary.last_run,
                "sources": [{**asdict(s), "seen": n} for s, n in summary.sources],
            }
            sys.stdout.write(json.dumps(data, indent=2) + "\n")
        else:
            sys.stdout.write(_state_text(summary))
    raise typer.Exit(ExitCode.OK)


def _state_text(summary: Summary) -> str:
    from newsum.render.common import safe

    lines = [
        f"state: {summary.path} (schema {summary.schema_version})",
        f"seen items: {summary.seen}" + (f", oldest {summary.oldest}" if summary.oldest else ""),
    ]
    if summary.last_run:
        run = summary.last_run
        lines.append(
            f"last run: {run['finished']}: {run['stories']} stories from {run['items']} new items, "
            f"{run['problems']} problems, output {run['output'] or 'none'}"
        )
    for source, seen in summary.sources:
        lines.append("")
        lines.append(safe(source.url) + (f"  ({safe(source.name)})" if source.name else ""))
        lines.append(
            f"  seen items: {seen}; last success: {source.last_success or 'never'}; failures in a row: {source.failures}"
        )
        if source.last_error and source.failures:
            lines.append(f"  last error: {safe(source.last_error)}")
        if source.etag or source.last_modified:
            lines.append(
                f"  validators: ETag {safe(source.etag) or '-'}, Last-Modified {safe(source.last_modified) or '-'}"
            )
        if source.moved_to:
            lines.append(f"  moved permanently to {safe(source.moved_to)}")
        if source.disabled:
            lines.append(f"  DISABLED: {safe(source.disabled)} (newsum state forget URL enables it)")
    return "\n".join(lines) + "\n"


@state_app.command("prune", epilog=STATE_EXIT_CODES_HELP)
def state_prune(
    older_than: str = typer.Option(
        ..., "--older-than", metavar="AGE", help="Forget items seen longer ago than AGE (e.g. 90d)."
    ),
    state: Optional[str] = typer.Option(None, "--state", metavar="PATH", help=_STATE_OPTION_HELP, show_default=False),
    wait: float = typer.Option(60.0, "--wait", metavar="SECONDS", help="How long to wait for a run holding the lock."),
) -> None:
    """Forget items seen long ago, to keep the state small. Choose AGE longer
    than your feeds keep items, or old items still listed come back."""
    with exit_codes(False):
        from newsum.roundup.config import parse_duration
        from newsum.roundup.state import open_state

        age = parse_duration(older_than)
        with open_state(_state_path(state), wait) as db:
            removed = db.prune(age)
        sys.stdout.write(f"forgot {removed} item identities seen more than {older_than} ago\n")
    raise typer.Exit(ExitCode.OK)


@state_app.command("forget", epilog=STATE_EXIT_CODES_HELP)
def state_forget(
    url: str = typer.Argument(
        ..., metavar="URL", help="A source (its validators, health and seen items go) or an item's link."
    ),
    state: Optional[str] = typer.Option(None, "--state", metavar="PATH", help=_STATE_OPTION_HELP, show_default=False),
    wait: float = typer.Option(60.0, "--wait", metavar="SECONDS", help="How long to wait for a run holding the lock."),
) -> None:
    """Forget a source, so its next run starts afresh (a disabled source is
    enabled again), or one item, so it is shown again."""
    with exit_codes(False):
        from newsum.roundup.state import open_state

        with open_state(_state_path(state), wait) as db:
            sources, items = db.forget(url)
        if not sources and not items:
            raise UsageError(f"the state knows no source or item {url!r} (see newsum state show)")
        sys.stdout.write(f"forgot {sources} source(s) and {items} item identities for {url}\n")
    raise typer.Exit(ExitCode.OK)


def _state_path(state: str | None) -> Path | None:
    from pathlib import Path

    return Path(state).expanduser() if state else None
