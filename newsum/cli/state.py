"""``newsum state``: inspect and maintain the digest's state."""

from __future__ import annotations

import enum
import sys
from typing import TYPE_CHECKING, Optional

import typer

from newsum.cli.common import STATE_EXIT_CODES_HELP, exit_codes, make_app
from newsum.errors import ExitCode, UsageError

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from newsum.roundup.state import RememberedStory, Summary

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


class StoriesFormat(str, enum.Enum):
    text = "text"
    json = "json"


@state_app.command("stories", epilog=STATE_EXIT_CODES_HELP)
def state_stories(
    since: Optional[str] = typer.Option(
        None, "--since", metavar="AGE", help="Only stories seen within AGE (e.g. 7d) [default: all remembered]."
    ),
    fmt: StoriesFormat = typer.Option(StoriesFormat.text, "--format", "-f", help="Output format."),
    state: Optional[str] = typer.Option(None, "--state", metavar="PATH", help=_STATE_OPTION_HELP, show_default=False),
    wait: float = typer.Option(60.0, "--wait", metavar="SECONDS", help="How long to wait for a run holding the lock."),
) -> None:
    """The stories newsum digest remembers, most recently seen first: id,
    title, first and last seen, the runs that showed them, their items."""
    with exit_codes(False):
        from newsum.roundup.config import parse_duration
        from newsum.roundup.state import open_state

        window = parse_duration(since) if since else None
        with open_state(_state_path(state), wait) as db:
            stories = db.stories(window)
        if fmt is StoriesFormat.json:
            import json

            rows = [_story_json(story) for story in stories]
            sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write("".join(_story_line(story) for story in stories) or "no stories remembered\n")
    raise typer.Exit(ExitCode.OK)


@state_app.command("story", epilog=STATE_EXIT_CODES_HELP)
def state_story(
    story_id: str = typer.Argument(..., metavar="ID", help="A story id, as `newsum state stories` lists it."),
    fmt: StoriesFormat = typer.Option(StoriesFormat.text, "--format", "-f", help="Output format."),
    state: Optional[str] = typer.Option(None, "--state", metavar="PATH", help=_STATE_OPTION_HELP, show_default=False),
    wait: float = typer.Option(60.0, "--wait", metavar="SECONDS", help="How long to wait for a run holding the lock."),
) -> None:
    """One remembered story and its items, in the order the runs showed them."""
    with exit_codes(False):
        from newsum.render.common import safe
        from newsum.roundup.state import open_state

        with open_state(_state_path(state), wait) as db:
            found = db.story(story_id)
        if found is None:
            raise UsageError(f"the state remembers no story {story_id!r} (see newsum state stories)")
        story, items = found
        if fmt is StoriesFormat.json:
            import json

            data = {**_story_json(story), "items": items}
            sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        else:
            lines = [_story_line(story).rstrip("\n"), f"  link: {safe(story.link) or '-'}"]
            if story.actors:
                lines.append("  who: " + ", ".join(safe(a) for a in story.actors))
            for item in items:
                lines.append(
                    f"  {(item['run'] or '')[:16]}  {safe(item['source'])}: {safe(item['title']) or '(untitled)'}"
                )
                if item["link"]:
                    lines.append(f"      {safe(item['link'])}")
            sys.stdout.write("\n".join(lines) + "\n")
    raise typer.Exit(ExitCode.OK)


def _story_json(story: RememberedStory) -> dict[str, object]:
    return {
        "id": story.id,
        "title": story.title,
        "link": story.link,
        "first_seen": story.first_seen,
        "last_seen": story.last_seen,
        "runs": story.runs,
        "items": story.items,
        "actors": story.actors,
        "keyphrases": story.keyphrases,
    }


def _story_line(story: RememberedStory) -> str:
    from newsum.render.common import safe

    runs = f"{story.runs} run" + ("s" if story.runs != 1 else "")
    items = f"{story.items} item" + ("s" if story.items != 1 else "")
    seen = (
        story.first_seen[:10]
        if story.first_seen[:10] == story.last_seen[:10]
        else (f"{story.first_seen[:10]} to {story.last_seen[:10]}")
    )
    return f"{story.id}  {safe(story.title)}  ({seen}; {runs}, {items})\n"


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
