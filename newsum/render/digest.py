"""Renderers: one `Digest` model in, one output format out.

Every renderer is a small class with ``begin``/``item``/``end`` so output
streams: a batch of a thousand articles prints its first digest as soon as it
is ready, and JSONL is one complete line per input. A new format is one class
and one entry in `RENDERERS`.
"""

from __future__ import annotations

import json
from typing import TextIO

from newsum.model import Actor, Digest
from newsum.render.common import escape_markdown as _md
from newsum.render.common import quote_text, safe

FORMATS = ("rich", "text", "markdown", "json", "jsonl")
DEFAULT_ACTORS = 12
"""Actors the human formats list (``--actors``); JSON keeps every one."""


class Renderer:
    def __init__(self, out: TextIO, actors: int | None = DEFAULT_ACTORS) -> None:
        self.out = out
        self.count = 0
        self.actors = actors
        """How many actors to list, most salient first; None: all, 0: no section."""

    def shown_actors(self, digest: Digest) -> tuple[list[Actor], int]:
        """The actors to list and how many more there are."""
        if self.actors is None:
            return digest.actors, 0
        return digest.actors[: self.actors], max(0, len(digest.actors) - self.actors)

    def begin(self) -> None:
        pass

    def item(self, digest: Digest) -> None:
        self.count += 1
        if digest.ok:
            self.write(digest)

    def write(self, digest: Digest) -> None:
        raise NotImplementedError

    def end(self) -> None:
        pass


class JsonLinesRenderer(Renderer):
    """One JSON object per input per line, error records included."""

    def item(self, digest: Digest) -> None:
        self.count += 1
        self.out.write(json.dumps(digest.to_dict(), ensure_ascii=False) + "\n")
        self.out.flush()


class JsonRenderer(Renderer):
    """One input: the digest object. Several: an array, streamed element by element."""

    def __init__(self, out: TextIO, many: bool = False, actors: int | None = DEFAULT_ACTORS) -> None:
        super().__init__(out, actors)
        self.many = many

    def begin(self) -> None:
        if self.many:
            self.out.write("[\n")

    def item(self, digest: Digest) -> None:
        text = json.dumps(digest.to_dict(), ensure_ascii=False, indent=2)
        if self.many:
            text = ("" if self.count == 0 else ",\n") + text
        self.count += 1
        self.out.write(text)
        self.out.flush()

    def end(self) -> None:
        self.out.write("\n]\n" if self.many else "\n")


def _meta_line(digest: Digest) -> str:
    assert digest.article is not None
    meta = digest.article.meta
    parts = [p for p in (meta.byline or ", ".join(meta.authors), meta.published, meta.dateline) if p]
    return " | ".join(safe(p) for p in parts)


def _speaker_text(speaker: str | None, role: str | None) -> str:
    if not speaker:
        return "unattributed"
    return f"{safe(speaker)}, {safe(role)}" if role else safe(speaker)


def _actor_text(actor: Actor) -> str:
    role = f" ({safe(actor.role)})" if actor.role else ""
    return f"{actor.type:<3}  {safe(actor.name)}{role}  x{actor.mentions}"


def _more_actors(more: int) -> str:
    return f"... and {more} more (--actors all lists them)"


class TextRenderer(Renderer):
    """Plain text for pipes and logs: no colour, no escapes, one sentence per line."""

    def write(self, digest: Digest) -> None:
        assert digest.article is not None
        meta = digest.article.meta
        lines = []
        if self.count > 1:
            lines.append("")
            lines.append("=" * 72)
        lines.append(safe(meta.title) or "(untitled)")
        if _meta_line(digest):
            lines.append(_meta_line(digest))
        lines.append(f"source: {safe(digest.source)}")
        lines.append("")
        lines.append("Summary")
        lines += [f"  - {safe(s.text)}" for s in digest.summary] or ["  (none)"]
        lines.append("")
        lines.append("Keyphrases")
        lines.append("  " + ("; ".join(f"{safe(k.phrase)} ({k.score:.2f})" for k in digest.keyphrases) or "(none)"))
        lines.append("")
        lines.append("Quotes")
        for quote in digest.quotes:
            lines.append(f'  "{safe(quote_text(quote))}"')
            lines.append(f"      -- {_speaker_text(quote.speaker, quote.speaker_role)}")
        if not digest.quotes:
            lines.append("  (none)")
        shown, more = self.shown_actors(digest)
        if self.actors != 0:
            lines.append("")
            lines.append("Actors")
            lines += [f"  {_actor_text(a)}" for a in shown] or ["  (none)"]
            if more:
                lines.append(f"  {_more_actors(more)}")
        for error in digest.errors:
            lines.append(f"warning: {safe(error.message)}")
        self.out.write("\n".join(lines) + "\n")
        self.out.flush()


class MarkdownRenderer(Renderer):
    def write(self, digest: Digest) -> None:
        assert digest.article is not None
        meta = digest.article.meta
        lines = []
        if self.count > 1:
            lines += ["", "---", ""]
        lines.append(f"## {_md(meta.title) or 'Untitled'}")
        lines.append("")
        if _meta_line(digest):
            lines.append(f"*{_md(_meta_line(digest))}*  ")
        lines.append(f"Source: `{safe(digest.source).replace('`', '')}`")
        lines += ["", "### Summary", ""]
        lines += [f"- {_md(s.text)}" for s in digest.summary] or ["_none_"]
        lines += ["", "### Keyphrases", ""]
        lines.append(", ".join(f"{_md(k.phrase)} ({k.score:.2f})" for k in digest.keyphrases) or "_none_")
        lines += ["", "### Quotes", ""]
        for quote in digest.quotes:
            lines.append(f"> {_md(quote_text(quote))}")
            lines.append(f"> — {_md(_speaker_text(quote.speaker, quote.speaker_role))}")
            lines.append("")
        if not digest.quotes:
            lines += ["_none_", ""]
        shown, more = self.shown_actors(digest)
        if self.actors != 0:
            lines += ["### Actors", "", "| Actor | Type | Role | Mentions |", "|---|---|---|---|"]
            for actor in shown:
                lines.append(f"| {_md(actor.name)} | {actor.type} | {_md(actor.role)} | {actor.mentions} |")
            if more:
                lines += ["", f"_{_md(_more_actors(more))}_"]
        self.out.write("\n".join(lines) + "\n")
        self.out.flush()


class RichRenderer(Renderer):
    """For a person at a terminal. Every piece of article text goes in as a
    `rich.text.Text`, never as markup, so "[bold]" in an article prints as is."""

    def __init__(self, out: TextIO, actors: int | None = DEFAULT_ACTORS) -> None:
        super().__init__(out, actors)
        from rich.console import Console

        self.console = Console(file=out, highlight=False, emoji=False, markup=False)

    def write(self, digest: Digest) -> None:
        from rich.columns import Columns
        from rich.rule import Rule
        from rich.table import Table
        from rich.text import Text

        assert digest.article is not None
        meta = digest.article.meta
        console = self.console
        if self.count > 1:
            console.print(Rule(style="dim"))
        console.print(Text(safe(meta.title) or "(untitled)", style="bold"))
        if _meta_line(digest):
            console.print(Text(_meta_line(digest), style="dim"))
        console.print(Text(safe(digest.source), style="dim italic"))

        console.print(Text("\nSummary", style="bold cyan"))
        console.print(_hanging([(Text("•"), Text(safe(s.text))) for s in digest.summary]))

        console.print(Text("\nKeyphrases", style="bold cyan"))
        items = [Text(safe(k.phrase)) + Text(f" {k.score:.2f}", style="dim") for k in digest.keyphrases]
        console.print(Columns(items, padding=(0, 3)) if items else Text("(none)", style="dim"))

        console.print(Text("\nQuotes", style="bold cyan"))
        rows = []
        for quote in digest.quotes:
            said = Text(f"“{safe(quote_text(quote))}”", style="italic")
            said.append("\n— " + _speaker_text(quote.speaker, quote.speaker_role), style="green not italic")
            rows.append((Text("•"), said))
        console.print(_hanging(rows) if rows else Text("(none)", style="dim"))

        shown, more = self.shown_actors(digest)
        if self.actors != 0:
            console.print()
            table = Table(show_edge=False, header_style="bold cyan", pad_edge=False)
            for column in ("Actor", "Type", "Role", "Mentions"):
                table.add_column(column, justify="right" if column == "Mentions" else "left")
            for actor in shown:
                table.add_row(Text(safe(actor.name)), actor.type, Text(safe(actor.role)), str(actor.mentions))
            console.print(table)
            if more:
                console.print(Text(_more_actors(more), style="dim"))
        for error in digest.errors:
            console.print(Text(f"warning: {safe(error.message)}", style="yellow"))


def _hanging(rows: list) -> object:
    """Bullets with a hanging indent: wrapped lines align with the text."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=3, justify="right")
    grid.add_column(ratio=1)
    for bullet, body in rows:
        grid.add_row(bullet, body)
    return grid


def make_renderer(fmt: str, out: TextIO, many: bool, actors: int | None = DEFAULT_ACTORS) -> Renderer:
    """``actors``: how many actors the human formats list (None: all, 0: none)."""
    if fmt == "json":
        return JsonRenderer(out, many, actors)
    return RENDERERS[fmt](out, actors)


RENDERERS: dict[str, type[Renderer]] = {
    "rich": RichRenderer,
    "text": TextRenderer,
    "markdown": MarkdownRenderer,
    "json": JsonRenderer,
    "jsonl": JsonLinesRenderer,
}
