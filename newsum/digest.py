"""The pipeline: source -> extraction -> text analysis -> summary, keyphrases,
quotes, actors -> `Digest`.

This is the library entry point (``from newsum.digest import digest_text``).
It never prints and never exits: input problems become a `Digest` whose
``errors`` say what went wrong, so a batch of many inputs always yields one
record per input, in order.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar
from collections.abc import Callable

from .errors import InputError
from .model import Actor, Article, Digest, DigestError, Quote
from .sources import DEFAULT_MAX_BYTES, STDIN, read_source
from .summary import DEFAULT_ALGORITHM, Length

T = TypeVar("T")


@dataclass(frozen=True)
class Options:
    """Everything that changes a digest; the CLI fills it from its flags."""

    algorithm: str = DEFAULT_ALGORITHM
    length: Length = field(default_factory=lambda: Length(sentences=3))
    order: str = "position"
    language: str | None = None
    """None: the page's declared language, else English."""
    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = 30.0
    """Overall deadline per URL, in seconds."""
    user_agent: str | None = None
    keyphrases: int = 10
    quotes: int = 5
    debug: bool = False
    """Re-raise unexpected stage failures instead of recording them."""

    def describe(self) -> dict[str, object]:
        return {"algorithm": self.algorithm, **self.length.describe(), "order": self.order}


def digest_text(
    text: str, source: str = "<text>", options: Options | None = None, url: str | None = None, html: bool | None = None
) -> Digest:
    """Digest an article given as text, HTML or plain (``html`` None: detect).
    Raises `InputError` if there is no article."""
    from .extraction import extract_article

    options = options or Options()
    article = extract_article(text, source, options.language, url=url, html=html)
    return analyse(article, options)


def analyse(article: Article, options: Options) -> Digest:
    """Run every analysis on an extracted article. A failing analysis is recorded
    in ``errors`` and leaves its part empty; the rest of the digest still comes out."""
    from . import actors, keyphrases, quotes, summary
    from .text import split_sentences

    lang = article.meta.language
    digest = Digest(source=article.meta.source, article=article, settings={**options.describe(), "language": lang})
    sentences = split_sentences(article.text)
    digest.summary = _stage(digest, "summary", options, lambda: summary.summarize(
        sentences, options.algorithm, options.length, options.order, article.meta.title, lang), [])
    if not digest.summary and options.length.words is not None and sentences:
        digest.errors.append(DigestError("summary_empty", f"no sentence fits in {options.length.words} words", "summary"))
    digest.keyphrases = _stage(digest, "keyphrases", options, lambda: keyphrases.extract_keyphrases(
        sentences, options.keyphrases, lang), [])
    index = _stage(digest, "actors", options, lambda: actors.find_actors(
        article.text, sentences, lang, exclude=tuple(article.meta.authors)), actors.ActorIndex())
    digest.settings["actors"] = index.method
    shown = [(s.start, s.end) for s in digest.summary]
    digest.quotes = _stage(digest, "quotes", options, lambda: quotes.find_quotes(
        article.text, index, options.quotes, sentences, shown), [])
    digest.actors = by_salience(index.actors, digest.quotes)
    return digest


def by_salience(actors: list[Actor], quotes: list[Quote]) -> list[Actor]:
    """Most mentioned first; a key quote counts as two mentions (the speakers
    are who the story is about); ties keep text order."""
    quoted = Counter(q.speaker for q in quotes if q.speaker)
    return sorted(actors, key=lambda a: (-(a.mentions + 2 * quoted[a.name]), a.first_offset))


def digest_source(source: str, options: Options | None = None, data: bytes | None = None) -> Digest:
    """Digest one source (a path, or ``-`` with its bytes in ``data``); never raises
    for a bad input: the digest's ``errors`` carry it instead."""
    options = options or Options()
    name = "<stdin>" if source == STDIN else source
    try:
        from .fetch import FetchOptions

        fetching = FetchOptions(timeout=options.timeout, max_bytes=options.max_bytes, user_agent=options.user_agent)
        decoded = read_source(
            source, max_bytes=options.max_bytes, encoding=options.encoding, data=data, fetch_options=fetching
        )
        return digest_text(decoded.text, name, options, url=decoded.url, html=decoded.kind == "html")
    except InputError as exc:
        return Digest(source=name, errors=[DigestError(exc.code, exc.message)], settings=options.describe())


def digest_many(
    sources: Iterable[str], options: Options, jobs: int = 0, stdin_data: bytes | None = None
) -> Iterator[Digest]:
    """Digests in input order, computed on ``jobs`` processes (0 = all cores).

    Results stream: the first digest is yielded as soon as it is ready, so a
    long batch shows output (and JSONL consumers can start) straight away.
    """
    items = [(s, stdin_data if s == STDIN else None) for s in sources]
    workers = min(jobs or os.cpu_count() or 1, len(items))
    if workers <= 1:
        for source, data in items:
            yield digest_source(source, options, data)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(digest_source, source, options, data) for source, data in items]
        try:
            for future in futures:
                yield future.result()
        except BaseException:
            for future in futures:
                future.cancel()
            raise


def _stage(digest: Digest, name: str, options: Options, run: Callable[[], T], empty: T) -> T:
    try:
        return run()
    except Exception as exc:  # noqa: BLE001 - one analysis must not sink the digest
        if options.debug:
            raise
        digest.errors.append(DigestError("analysis_failed", f"{name} failed: {exc!r}", name))
        return empty
