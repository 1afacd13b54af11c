"""Renderers for a `newsum digest` run: one `Roundup` in, one format out.

Each format is one function in `RENDERERS`. Text that came from a feed or a
page (titles, summaries, quotes, names, error messages) is untrusted: control
characters go (`newsum.render.common.safe`), Markdown specials are escaped, HTML is
escaped everywhere, and only http(s) links become links, so a feed can neither
run a script in the HTML page nor hide a ``javascript:`` link in it.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from typing import TextIO

from newsum.model import Roundup, story_dict
from newsum.render.atom import as_atom
from newsum.render.common import escape_markdown as _md
from newsum.render.common import quote_text, safe
from newsum.render.wording import (
    actor_list,
    actors_line,
    byline,
    counts_line,
    follow_up_line,
    headline,
    more_left,
    phrases_line,
    problem_text,
    shown_more,
    speaker,
    web_link,
)

FORMATS = ("markdown", "rich", "text", "json", "jsonl", "html", "atom")


def render(roundup: Roundup, fmt: str, out: TextIO) -> None:
    RENDERERS[fmt](roundup, out)
    out.flush()


# --- markdown -------------------------------------------------------------------


def _md_link(text: str, url: str | None) -> str:
    link = web_link(url)
    return f"[{_md(text)}]({link})" if link else _md(text)


def markdown(roundup: Roundup, out: TextIO) -> None:
    lines = [f"# {headline(roundup)}", "", _md(counts_line(roundup)) + "  "]
    if roundup.top_actors:
        lines.append(f"**Most mentioned:** {_md(actors_line(roundup))}  ")
    if roundup.top_keyphrases:
        lines.append(f"**Keyphrases:** {_md(phrases_line(roundup))}")
    for story in roundup.stories:
        lines += ["", f"## {_md_link(story.title, story.link)}", "", f"*{_md(byline(story))}*", ""]
        if follow_up_line(story):
            lines += [f"**{_md(follow_up_line(story))}**", ""]
        lines += [f"- {_md(s)}" for s in story.summary]
        if story.quote is not None:
            lines += ["", f"> “{_md(quote_text(story.quote))}” — {_md(speaker(story))}"]
        if story.actors:
            lines += ["", f"Who: {_md(actor_list(story))}"]
        if len(story.mentions) > 1:
            lines += ["", "Also reported by:"]
            lines += [f"- {_md(m.source)}: {_md_link(m.title or m.link or '', m.link)}" for m in story.mentions[1:]]
        lines += [f"_{_md(n)}_" for n in story.notes]
    if roundup.more:
        lines += ["", "## More new items (titles only)", ""]
        lines += [
            f"- {_md_link(m.title or m.link or '(untitled)', m.link)} — {_md(m.source)}" for m in shown_more(roundup)
        ]
        if more_left(roundup):
            lines.append(f"- {_md(more_left(roundup))}")
    if roundup.problems:
        lines += ["", "## Problems", ""]
        lines += [f"- {_md(problem_text(p))}" for p in roundup.problems]
    out.write("\n".join(lines) + "\n")


# --- text -------------------------------------------------------------------------


def text(roundup: Roundup, out: TextIO) -> None:
    lines = [headline(roundup), counts_line(roundup)]
    if roundup.top_actors:
        lines.append(f"Most mentioned: {actors_line(roundup)}")
    if roundup.top_keyphrases:
        lines.append(f"Keyphrases: {phrases_line(roundup)}")
    for number, story in enumerate(roundup.stories, 1):
        lines += ["", f"{number}. {safe(story.title)}", f"   {byline(story)}"]
        if follow_up_line(story):
            lines.append(f"   {follow_up_line(story)}")
        if web_link(story.link):
            lines.append(f"   {safe(story.link)}")
        lines += [f"   - {safe(s)}" for s in story.summary]
        if story.quote is not None:
            lines.append(f'   "{safe(quote_text(story.quote))}" -- {speaker(story)}')
        if story.actors:
            lines.append(f"   Who: {actor_list(story)}")
        for mention in story.mentions[1:]:
            lines.append(f"   Also: {safe(mention.source)}: {safe(mention.title)} {safe(mention.link)}".rstrip())
        lines += [f"   ({safe(n)})" for n in story.notes]
    if roundup.more:
        lines += ["", "More new items (titles only)"]
        lines += [
            f"  - {safe(m.title) or '(untitled)'} -- {safe(m.source)} {safe(m.link)}".rstrip()
            for m in shown_more(roundup)
        ]
        if more_left(roundup):
            lines.append(f"  - {more_left(roundup)}")
    if roundup.problems:
        lines += ["", "Problems"]
        lines += [f"  - {problem_text(p)}" for p in roundup.problems]
    out.write("\n".join(lines) + "\n")


# --- rich -----------------------------------------------------------------------------


def rich(roundup: Roundup, out: TextIO) -> None:
    """Article text goes in as `rich.text.Text`, never as markup."""
    from rich.console import Console
    from rich.rule import Rule
    from rich.text import Text

    console = Console(file=out, highlight=False, emoji=False, markup=False)
    console.print(Text(headline(roundup), style="bold"))
    console.print(Text(counts_line(roundup), style="dim"))
    if roundup.top_actors:
        console.print(Text("Most mentioned: ", style="bold cyan") + Text(actors_line(roundup)))
    if roundup.top_keyphrases:
        console.print(Text("Keyphrases: ", style="bold cyan") + Text(phrases_line(roundup)))
    for story in roundup.stories:
        console.print(Rule(style="dim"))
        title = Text(safe(story.title), style="bold")
        if web_link(story.link):
            title.stylize(f"link {web_link(story.link)}")
        console.print(title)
        console.print(Text(byline(story), style="dim"))
        if follow_up_line(story):
            console.print(Text(follow_up_line(story) or "", style="yellow"))
        for sentence in story.summary:
            console.print(Text("  • ") + Text(safe(sentence)))
        if story.quote is not None:
            console.print(
                Text(f"  “{safe(quote_text(story.quote))}”", style="italic")
                + Text(f" — {speaker(story)}", style="green")
            )
        if story.actors:
            console.print(Text("  Who: ", style="cyan") + Text(actor_list(story)))
        for mention in story.mentions[1:]:
            console.print(Text(f"  Also: {safe(mention.source)}: {safe(mention.title)}", style="dim"))
        for note in story.notes:
            console.print(Text(f"  {safe(note)}", style="yellow"))
    if roundup.more:
        console.print(Rule("More new items (titles only)", style="dim"))
        for mention in shown_more(roundup):
            console.print(
                Text(f"  • {safe(mention.title) or '(untitled)'}") + Text(f" — {safe(mention.source)}", style="dim")
            )
        if more_left(roundup):
            console.print(Text(f"  • {more_left(roundup)}", style="dim"))
    if roundup.problems:
        console.print(Rule("Problems", style="red"))
        for problem in roundup.problems:
            console.print(Text(f"  • {problem_text(problem)}", style="yellow" if problem.level == "warning" else "red"))


# --- json, jsonl --------------------------------------------------------------------------


def as_json(roundup: Roundup, out: TextIO) -> None:
    out.write(json.dumps(roundup.to_dict(), ensure_ascii=False, indent=2) + "\n")


def as_jsonl(roundup: Roundup, out: TextIO) -> None:
    """A ``run`` line (counts and overview), then one line per story, per
    title-only item (``more``) and per problem (``error``)."""
    data = roundup.to_dict()
    head = {
        "type": "run",
        **{k: data[k] for k in ("schema_version", "generated", "counts", "top_actors", "top_keyphrases")},
    }
    lines = [head]
    lines += [{"type": "story", **story_dict(s)} for s in roundup.stories]
    lines += [{"type": "more", **m} for m in data["more"]]
    lines += [{"type": "error", **p} for p in data["errors"]]
    out.write("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))


# --- html -----------------------------------------------------------------------------------

_CSS = """
body{font-family:Georgia,'Times New Roman',serif;max-width:44em;margin:2em auto;padding:0 1em;color:#1b1b1b;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin:1.6em 0 .2em}
a{color:#0b4f8a}.meta,.counts{color:#666;font-size:.9em}.overview{background:#f4f4f1;padding:.6em .9em;border-radius:4px}
blockquote{margin:.6em 0 .6em 1em;padding-left:.8em;border-left:3px solid #ccc;font-style:italic}
.who,.also{font-size:.92em}.follows{color:#5a3d00;font-weight:bold;font-size:.92em}.note{color:#8a5a00;font-size:.9em}.problems li{color:#8a1c1c}
article{border-top:1px solid #ddd;margin-top:1.2em}
"""


def _e(text: str | None) -> str:
    return html.escape(safe(text), quote=True)


def _a(text: str | None, url: str | None) -> str:
    link = web_link(url)
    return f'<a href="{html.escape(link, quote=True)}">{_e(text)}</a>' if link else _e(text)


def as_html(roundup: Roundup, out: TextIO) -> None:
    """One self-contained page (no script, no external style or image), so it
    reads the same in a browser and in a mail client."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(headline(roundup))}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(headline(roundup))}</h1>",
        f'<p class="counts">{_e(counts_line(roundup))}</p>',
    ]
    if roundup.top_actors or roundup.top_keyphrases:
        parts.append('<div class="overview">')
        if roundup.top_actors:
            parts.append(f"<p><strong>Most mentioned:</strong> {_e(actors_line(roundup))}</p>")
        if roundup.top_keyphrases:
            parts.append(f"<p><strong>Keyphrases:</strong> {_e(phrases_line(roundup))}</p>")
        parts.append("</div>")
    for story in roundup.stories:
        parts += ["<article>", f"<h2>{_a(story.title, story.link)}</h2>", f'<p class="meta">{_e(byline(story))}</p>']
        if follow_up_line(story):
            parts.append(f'<p class="follows">{_e(follow_up_line(story))}</p>')
        if story.summary:
            parts.append("<ul>" + "".join(f"<li>{_e(s)}</li>" for s in story.summary) + "</ul>")
        if story.quote is not None:
            parts.append(f"<blockquote>“{_e(quote_text(story.quote))}” — {_e(speaker(story))}</blockquote>")
        if story.actors:
            parts.append(f'<p class="who"><strong>Who:</strong> {_e(actor_list(story))}</p>')
        if len(story.mentions) > 1:
            also = ", ".join(f"{_e(m.source)}: {_a(m.title or m.link, m.link)}" for m in story.mentions[1:])
            parts.append(f'<p class="also"><strong>Also reported by:</strong> {also}</p>')
        parts += [f'<p class="note">{_e(n)}</p>' for n in story.notes]
        parts.append("</article>")
    if roundup.more:
        parts.append("<h2>More new items (titles only)</h2><ul>")
        parts += [
            f"<li>{_a(m.title or m.link or '(untitled)', m.link)} — {_e(m.source)}</li>" for m in shown_more(roundup)
        ]
        if more_left(roundup):
            parts.append(f"<li>{_e(more_left(roundup))}</li>")
        parts.append("</ul>")
    if roundup.problems:
        parts.append('<h2>Problems</h2><ul class="problems">')
        parts += [f"<li>{_e(problem_text(p))}</li>" for p in roundup.problems]
        parts.append("</ul>")
    parts.append("</body></html>")
    out.write("\n".join(parts) + "\n")


RENDERERS: dict[str, Callable[[Roundup, TextIO], None]] = {
    "markdown": markdown,
    "rich": rich,
    "text": text,
    "json": as_json,
    "jsonl": as_jsonl,
    "html": as_html,
    "atom": as_atom,
}
