"""The output model: `Digest`, the one typed model every stage fills in and
every renderer reads, and `Roundup`, a `newsum digest` run (stories merged
from new items, the day's overview, the problems met) built from digests.

A failed input is a `Digest` too (``article`` is ``None`` and ``errors`` says
why), so batch output keeps one record per input, in input order, whatever
happened to each.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import asdict, dataclass, field
from typing import Any

# Bump when a field is renamed or removed; adding fields keeps the version.
SCHEMA_VERSION = 1


@dataclass
class ArticleMeta:
    """What the article says about itself, found by the extraction stage."""

    source: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    byline: str | None = None
    published: str | None = None
    dateline: str | None = None
    language: str = "english"
    site_name: str | None = None
    url: str | None = None
    """The page's final URL, for articles fetched from the web."""


@dataclass
class Article:
    """The story text that every analysis reads; banners and captions are gone.

    Character offsets anywhere in the digest (quotes, sentences) index ``text``.
    """

    meta: ArticleMeta
    text: str
    labels: list[tuple[int, int]] = field(default_factory=list)
    """Offsets in ``text`` of headings and table labels the page marked as such:
    article text, but not prose (no actor comes from them)."""


@dataclass
class SummarySentence:
    text: str
    position: int
    """Index of the sentence among the article's sentences (0 = first)."""
    score: float
    """In [0, 1]; comparable within one digest (1 = the algorithm's best)."""
    start: int
    end: int


@dataclass
class Keyphrase:
    phrase: str
    score: float
    """In [0, 1]; 1 = the article's strongest phrase."""


@dataclass
class Quote:
    text: str
    speaker: str | None
    """A named actor when one could be resolved, else the noun phrase that spoke."""
    start: int
    end: int
    """Offsets of the quoted words (marks excluded) in ``article.text``."""
    speaker_role: str | None = None
    score: float = 0.0
    kind: str = "direct"
    """"direct": the speaker's own words, whole; "partial": a few quoted words
    inside a reported sentence (`the Kremlin said Putin would spend a "lot of time"`)."""


@dataclass
class Actor:
    name: str
    type: str
    """PER, ORG or LOC."""
    mentions: int
    role: str | None = None
    aliases: list[str] = field(default_factory=list)
    first_offset: int = 0
    """Where the actor is first named in ``article.text``."""
    salience: float = 0.0
    """In [0, 1]; 1 = the article's most salient actor (mentions, being named
    early, quoted or a subject). Actors are listed by it."""


@dataclass
class DigestError:
    code: str
    message: str
    stage: str = "input"


@dataclass
class Digest:
    source: str
    article: Article | None = None
    summary: list[SummarySentence] = field(default_factory=list)
    keyphrases: list[Keyphrase] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    errors: list[DigestError] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """A digest is usable when an article was read; stage errors are warnings."""
        return self.article is not None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape: documented in the README, versioned by SCHEMA_VERSION."""
        article = None
        if self.article is not None:
            article = {**asdict(self.article.meta), "text": self.article.text}
        return {
            "schema_version": SCHEMA_VERSION,
            "source": self.source,
            "ok": self.ok,
            "article": article,
            "summary": [asdict(s) for s in self.summary],
            "keyphrases": [asdict(k) for k in self.keyphrases],
            "quotes": [asdict(q) for q in self.quotes],
            "actors": [asdict(a) for a in self.actors],
            "errors": [asdict(e) for e in self.errors],
            "settings": self.settings,
        }


def digest_from_data(data: dict[str, Any]) -> Digest:
    """A `Digest` back from ``dataclasses.asdict(digest)`` after a JSON round
    trip (the finished-digest cache of `newsum digest`): each field rebuilt
    by its declared type, so a field added to the model needs nothing here."""
    built = _build(Digest, data)
    assert isinstance(built, Digest)
    return built


def _build(kind: Any, value: Any) -> Any:
    if value is None:
        return None
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        hints = typing.get_type_hints(kind)
        return kind(
            **{f.name: _build(hints[f.name], value[f.name]) for f in dataclasses.fields(kind) if f.name in value}
        )
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin is list:
        return [_build(args[0], v) for v in value]
    if origin is tuple:
        items = args[:1] * len(value) if len(args) == 2 and args[1] is Ellipsis else args
        return tuple(_build(a, v) for a, v in zip(items, value, strict=True))
    if origin in (typing.Union, types.UnionType):
        return _build(next(a for a in args if a is not type(None)), value)
    return value


# --- a `newsum digest` run (a "roundup") ----------------------------------------

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
    id: str | None = None
    """Stable across runs: a follow-up keeps the id of the story it develops
    (the Atom entry id, so feed readers update the entry)."""
    follows: FollowUp | None = None
    """Set when the reader was shown an earlier report of this story."""


@dataclass
class FollowUp:
    """The earlier story a follow-up develops, as the state remembers it."""

    story_id: str
    title: str
    first_seen: str
    runs: int
    """Runs that showed the story before this one."""


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
                "sources": self.sources,
                "new_items": self.new_items,
                "stories": len(self.stories),
                "more": len(self.more),
                "older": self.older,
                "errors": len(self.errors),
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
        "quote": None
        if story.quote is None
        else {"text": story.quote.text, "speaker": story.quote.speaker, "speaker_role": story.quote.speaker_role},
        "keyphrases": [k.phrase for k in story.keyphrases],
        "notes": story.notes,
        "id": story.id,
        "follows": None if story.follows is None else asdict(story.follows),
    }
