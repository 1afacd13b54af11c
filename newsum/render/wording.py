"""The wording every `newsum digest` format shares: dates, counts, bylines,
speakers, actor lists, follow-up lines, problems, and which links may become
links. Text from feeds and pages goes through `safe` here, once."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from urllib.parse import quote, urlsplit

from newsum.model import Mention, Problem, Roundup, Story
from newsum.render.common import safe


def when(stamp: str | None) -> str:
    """``2024-05-01T08:00:00+00:00`` -> ``2024-05-01 08:00 UTC`` (dates as given otherwise)."""
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return safe(stamp)
    offset = moment.utcoffset()
    if offset is not None and offset.total_seconds() == 0:
        return moment.strftime("%Y-%m-%d %H:%M UTC")
    return moment.strftime("%Y-%m-%d %H:%M %z").strip()


def headline(roundup: Roundup) -> str:
    return f"News digest, {when(roundup.generated)[:10]}"


def counts_line(roundup: Roundup) -> str:
    stories = len(roundup.stories)
    merged = sum(1 for s in roundup.stories if len(s.mentions) > 1)
    parts = [
        f"{_n(stories, 'story', 'stories')} from {_n(roundup.new_items, 'new item')} in {_n(roundup.sources, 'source')}"
    ]
    if merged:
        parts.append(f"{_n(merged, 'story', 'stories')} told by several sources")
    if roundup.more:
        parts.append(f"{len(roundup.more)} more by title only")
    if roundup.older:
        parts.append(f"{roundup.older} older ones skipped")
    errors = len(roundup.errors)
    if errors:
        parts.append(_n(errors, "problem"))
    return "; ".join(parts)


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def actors_line(roundup: Roundup) -> str:
    return ", ".join(f"{safe(a.name)} ({_n(a.stories, 'story', 'stories')})" for a in roundup.top_actors)


def phrases_line(roundup: Roundup) -> str:
    return ", ".join(safe(k.phrase) for k in roundup.top_keyphrases)


def byline(story: Story) -> str:
    """``2024-05-01 08:00 UTC · City Times · also Wire, Daily``"""
    names = list(dict.fromkeys(safe(m.source) for m in story.mentions))
    parts = [p for p in (when(story.published), names[0] if names else "") if p]
    line = " · ".join(parts)
    if len(names) > 1:
        line += " · also " + ", ".join(names[1:])
    return line


def follow_up_line(story: Story) -> str | None:
    """``Follow-up to: <title> (first seen 2024-05-01)``, for a story the
    reader was shown before; None otherwise."""
    if story.follows is None:
        return None
    return f"Follow-up to: {safe(story.follows.title)} (first seen {when(story.follows.first_seen)[:10]})"


def speaker(story: Story) -> str:
    assert story.quote is not None
    who = safe(story.quote.speaker) or "unattributed"
    return f"{who}, {safe(story.quote.speaker_role)}" if story.quote.speaker_role else who


def actor_list(story: Story) -> str:
    return ", ".join(safe(a.name) + (f" ({safe(a.role)})" if a.role else "") for a in story.actors)


def problem_text(problem: Problem) -> str:
    item = f" ({safe(problem.item)})" if problem.item else ""
    prefix = "warning: " if problem.level == "warning" else ""
    return f"{safe(problem.source)}{item}: {prefix}{safe(problem.message)}"


def web_link(url: str | None) -> str | None:
    """The link if it is http(s), with characters that would break out of a
    Markdown or HTML link percent-encoded; None otherwise."""
    if not url:
        return None
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    if scheme not in ("http", "https"):
        return None
    return quote(safe(url), safe="/:?#[]@!$&'*+,;=%~-._")


MORE_PER_SOURCE = 20
"""Titles listed per source under "More new items" in the human formats; a
feed of 10,000 new items must not make a digest of 10,000 lines (JSON keeps
every one)."""


def shown_more(roundup: Roundup) -> list[Mention]:
    """The title-only items the human formats list: the first `MORE_PER_SOURCE`
    of each source, in order."""
    seen: Counter[str] = Counter()
    shown = []
    for mention in roundup.more:
        seen[mention.source_url] += 1
        if seen[mention.source_url] <= MORE_PER_SOURCE:
            shown.append(mention)
    return shown


def more_left(roundup: Roundup) -> str | None:
    """``… and 9,980 more new items, kept for later runs`` when some were not listed."""
    left = len(roundup.more) - len(shown_more(roundup))
    return f"… and {left:,} more new items (not listed; kept for the next runs)" if left else None
