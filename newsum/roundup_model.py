"""The typed model of one `newsum digest` run (a "roundup"): stories merged
from new items, the day's overview, and the problems met. Every renderer in
`newsum.render_roundup` reads this and nothing else.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .model import Actor, Keyphrase, Quote

# Bump when a field is renamed or removed; adding fields keeps the version.
ROUNDUP_SCHEMA_VERSION = 1


@dataclass
class Mention:
    """One item of one source that tells a story."""

    source: str
    """The source's name: the name in feeds.toml, else the feed's title, else its URL."""
    source_url: str
    title: str | None = None
    link: str | None = None
    published: str | None = None


@dataclass
class Story:
    """One entry of the digest: an item, or several items about the same event."""

    title: str
    link: str | None
    published: str | None
    mentions: list[Mention]
    """Every source that carried it, the one whose text was digested first."""
    summary: list[str] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    quote: Quote | None = None
    keyphrases: list[Keyphrase] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """E.g. that the text came from the feed because the page failed."""


@dataclass
class Problem:
    source: str
    code: str
    message: str
    level: str = "error"
    """``error`` (counts for the exit status) or ``warning`` (a 301, a lenient parse)."""
    item: str | None = None
    """The item's title, when the problem is one item of a feed."""
    link: str | None = None


@dataclass
class ActorCount:
    name: str
    type: str
    stories: int
    mentions: int


@dataclass
class PhraseCount:
    phrase: str
    stories: int


@dataclass
class Roundup:
    generated: str
    """When the run finished collecting, ISO 8601 UTC."""
    sources: int
    """Sources read this run (enabled ones)."""
    new_items: int
    stories: list[Story] = field(default_factory=list)
    more: list[Mention] = field(default_factory=list)
    """New items over a source's limit: listed by title, not digested."""
    older: int = 0
    """New items older than --since: remembered, not shown."""
    top_actors: list[ActorCount] = field(default_factory=list)
    top_keyphrases: list[PhraseCount] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def empty(self) -> bool:
        """Nothing to tell anyone: no story, no title, no problem."""
        return not self.stories and not self.more and not self.problems

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape, documented in the README."""
        return {
            "schema_version": ROUNDUP_SCHEMA_VERSION,
            "generated": self.generated,
            "counts": {
                "sources": self.sources, "new_items": self.new_items, "stories": len(self.stories),
                "more": len(self.more), "older": self.older, "errors": len(self.errors),
            },
            "top_actors": [asdict(a) for a in self.top_actors],
            "top_keyphrases": [asdict(k) for k in self.top_keyphrases],
            "stories": [story_dict(s) for s in self.stories],
            "more": [asdict(m) for m in self.more],
            "errors": [asdict(p) for p in self.problems],
        }


def story_dict(story: Story) -> dict[str, Any]:
    return {
        "title": story.title,
        "link": story.link,
        "published": story.published,
        "sources": [asdict(m) for m in story.mentions],
        "summary": story.summary,
        "actors": [{"name": a.name, "type": a.type, "role": a.role, "mentions": a.mentions} for a in story.actors],
        "quote": None if story.quote is None else {
            "text": story.quote.text, "speaker": story.quote.speaker, "speaker_role": story.quote.speaker_role},
        "keyphrases": [k.phrase for k in story.keyphrases],
        "notes": story.notes,
    }
