"""The digest: the one typed model every stage fills in and every renderer reads.

A failed input is a `Digest` too (``article`` is ``None`` and ``errors`` says
why), so batch output keeps one record per input, in input order, whatever
happened to each.
"""

from __future__ import annotations

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
