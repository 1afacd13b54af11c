"""The pipeline: source -> extraction -> text analysis -> summary, keyphrases,
quotes, actors -> `Digest`.

This is the library entry point (``from newsum.pipeline import digest_text``).
It never prints and never exits: input problems become a `Digest` whose
``errors`` say what went wrong, so a batch of many inputs always yields one
record per input, in order.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import os
import re
import signal
import sys
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, TypeVar

from newsum.analyses.summary import DEFAULT_ALGORITHM, Length
from newsum.errors import InputError
from newsum.model import Actor, Article, Digest, DigestError, Quote
from newsum.sanitize import clean, clean_optional
from newsum.sources.decode import DEFAULT_MAX_BYTES, SourceText
from newsum.sources.read import STDIN, is_url, read_source

if TYPE_CHECKING:  # pragma: no cover
    from newsum.analyses.actors import ActorIndex
    from newsum.nlp.text import Sentence

T = TypeVar("T")
A = TypeVar("A")
R = TypeVar("R")


# Story text past this many characters (about 170,000 words, ten times the
# longest long reads) is not analysed: time and memory stay bounded whatever
# the input. Offsets still index ``article.text``, which is cut to match.
MAX_ARTICLE_CHARS = 1_000_000


@dataclass(frozen=True)
class Options:
    """Everything that changes a digest; the CLI fills it from its flags."""

    algorithm: str = DEFAULT_ALGORITHM
    length: Length = field(default_factory=lambda: Length(sentences=3))
    order: str = "position"
    language: str | None = None
    """A code or name (``de``, ``german``, sumy's ``french``). None: the page's
    declared language, else the language of the text's words, else English."""
    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = 30.0
    """Overall deadline per URL, in seconds."""
    user_agent: str | None = None
    allow_private: bool = False
    """Follow redirects into more private networks than the URL named (``--allow-private``)."""
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
    return digest_decoded(text, source, options or Options(), url, html)


def summarize(text_or_html: str, *, language: str | None = None, sentences: int = 3, url: str | None = None) -> Digest:
    """The digest of one article given as text, Markdown or HTML (told apart by
    its first bytes). ``language``: a code or name (``de``, ``spanish``); None
    means the page's declared language, else the language its words are in, else English; ``url``: where the page came from, for its metadata.
    Raises `newsum.errors.InputError` when there is no article in it."""
    return digest_text(text_or_html, options=Options(language=language, length=Length(sentences=sentences)), url=url)


def summarize_source(source: str, options: Options | None = None) -> Digest:
    """The digest of a path or an http(s) URL. Never raises for a bad input:
    the digest's ``errors`` say what went wrong and ``article`` is None."""
    return digest_source(source, options)


def digest_decoded(
    text: str,
    source: str,
    options: Options,
    url: str | None,
    html: bool | None,
    cut: bool = False,
    warning: DigestError | None = None,
) -> Digest:
    """``warning``: a note from reading the source (a charset newsum corrected),
    put first in the digest's ``errors``."""
    from newsum.extract.article import extract_article, looks_like_html

    notes = [warning] if warning is not None else []
    # Escape sequences go before extraction too: a byline's "ESC]8;;…" would
    # otherwise be split into several authors at its semicolons.
    text = clean(text)
    if html if html is not None else looks_like_html(text):
        from newsum.sources.slim import MAX_HTML_CHARS, reduce_html

        text, cut_here = reduce_html(text)
        html = True
        if cut or cut_here:
            notes.append(
                DigestError(
                    "page_truncated",
                    f"the page has more than {MAX_HTML_CHARS:,} characters of markup besides scripts and styles; "
                    "only its beginning was searched for the article",
                    "extraction",
                )
            )
    chosen = option_language(options.language)
    article = clean_article(extract_article(text, source, chosen, url=url, html=html))
    how = choose_article_language(article, text if html else None, chosen)
    if len(article.text) > MAX_ARTICLE_CHARS:
        end = article.text.rfind("\n\n", 0, MAX_ARTICLE_CHARS)
        article.text = article.text[: end if end > 0 else MAX_ARTICLE_CHARS]
        notes.append(
            DigestError(
                "article_truncated",
                f"the article has more than {MAX_ARTICLE_CHARS:,} characters; only the first {len(article.text):,} were analysed",
                "extraction",
            )
        )
    digest = analyse(article, options, how)
    digest.errors[:0] = notes
    return digest


def option_language(option: str | None) -> str | None:
    """The ``--language`` value as the name extraction and sumy use: a code or
    name of a registered language (``de``, ``german``, ``es``) becomes its name
    (``german``); any other value (sumy's ``french``) stays as given."""
    if not option:
        return None
    from newsum.nlp.languages import UnknownLanguage, get

    try:
        return get(option).name
    except UnknownLanguage:
        return option


# A page that declares English in its markup: ``<html lang="en">``, ``og:locale``
# or ``content-language`` (what extraction reads), so its language was declared, not defaulted.
_DECLARED = re.compile(
    r"<html\b[^>]*\blang\s*=\s*[\"']?\s*[A-Za-z]|og:locale|content-language|<meta\b[^>]*name\s*=\s*[\"']?language",
    re.IGNORECASE,
)


def choose_article_language(article: Article, html: str | None, option: str | None) -> str:
    """Set ``article.meta.language`` and say how it was decided: ``option``
    (``--language``), ``declared`` (the page's ``lang``), ``detected`` (from
    the words of plain text, or of a page that declares nothing) or
    ``default`` (English, when the words do not say clearly)."""
    if option:
        return "option"
    from newsum.nlp.languages import UnknownLanguage, detect, get

    code, sure = detect(article.text)
    if html is not None and (article.meta.language != "english" or _DECLARED.search(html[:20_000])):
        # A declaration is trusted unless the words clearly say another
        # language newsum knows: sites copy one <html lang> onto every page
        # (an English post under lang="de" was read with German models).
        try:
            declared: str | None = get(article.meta.language).code
        except UnknownLanguage:  # sumy's other languages (french): newsum cannot tell
            declared = None
        if not sure or declared is None or declared == code:
            return "declared"
    article.meta.language = get(code).name
    return "detected" if sure else "default"


def source_warning(decoded: SourceText) -> DigestError | None:
    """What reading the source has to say in the digest (a corrected charset)."""
    if decoded.warning is None:
        return None
    return DigestError("charset_corrected", decoded.warning, "input")


def clean_article(article: Article) -> Article:
    """The article's text and metadata without control characters, escape
    sequences or bidi overrides (`newsum.sanitize`): extraction can decode
    them from entities (``&#27;``) or JSON-LD (``\\u001b``). Before any analysis."""
    meta = article.meta
    article.text = clean(article.text)
    for name in ("title", "byline", "published", "dateline", "site_name", "url"):
        setattr(meta, name, clean_optional(getattr(meta, name)))
    meta.authors = [a for a in (" ".join(clean(n).split()) for n in meta.authors) if a]
    return article


def analyse(article: Article, options: Options, how: str | None = None) -> Digest:
    """Run every analysis on an extracted article. A failing analysis is recorded
    in ``errors`` and leaves its part empty; the rest of the digest still comes out.

    ``article.meta.language`` says the language (a name, ``english``,
    ``german``); a registered language other than English reads its
    sentences, tokens, tagger, stop words, quote marks and verbs from its
    ``newsum.nlp.languages`` record; English and sumy's other languages
    (``french``) go the way they always went. ``how``: how the language was
    chosen (`choose_article_language`), shown as ``settings.language_how``."""
    from newsum.analyses import actors, keyphrases, quotes, summary

    lang = article.meta.language
    settings: dict[str, object] = {**options.describe(), "language": lang}
    if how is not None:
        settings["language_how"] = how
    digest = Digest(source=article.meta.source, article=article, settings=settings)
    sentences = split_article(article.text, lang)
    digest.summary = _stage(
        digest,
        "summary",
        options,
        lambda: summary.summarize(
            sentences, options.algorithm, options.length, options.order, article.meta.title, lang
        ),
        [],
    )
    if not digest.summary and options.length.words is not None and sentences:
        digest.errors.append(
            DigestError("summary_empty", f"no sentence fits in {options.length.words} words", "summary")
        )
    digest.keyphrases = _stage(
        digest, "keyphrases", options, lambda: keyphrases.extract_keyphrases(sentences, options.keyphrases, lang), []
    )
    index = _stage(
        digest,
        "actors",
        options,
        lambda: actors.find_actors(
            article.text, sentences, lang, exclude=tuple(article.meta.authors), labels=article.labels
        ),
        actors.ActorIndex(),
    )
    digest.settings["actors"] = index.method
    shown = [(s.start, s.end) for s in digest.summary]
    digest.quotes = _stage(
        digest,
        "quotes",
        options,
        lambda: quotes.find_quotes(article.text, index, options.quotes, sentences, shown, language=lang),
        [],
    )
    digest.actors = by_salience(index, digest.quotes, len(article.text))
    return digest


def split_article(text: str, language: str) -> list[Sentence]:
    """The article's sentences: the language's own rules for a registered
    language other than English, else the English splitter (as always)."""
    from newsum.nlp.languages import registered_language
    from newsum.nlp.text import split_sentences

    registered = registered_language(language)
    if registered is None:
        return split_sentences(text)
    from newsum.nlp.languages.sentences import split_sentences as split_in

    return split_in(text, registered)


def by_salience(index: ActorIndex, quotes: list[Quote], length: int) -> list[Actor]:
    """Most salient first (`newsum.analyses.actors.rank`: mentions, a key
    quote as two, being a subject, being named early); ties keep text order."""
    from newsum.analyses.actors import rank

    return rank(index, Counter(q.speaker for q in quotes if q.speaker), length)


def digest_source(source: str, options: Options | None = None, data: bytes | None = None) -> Digest:
    """Digest one source (a path, or ``-`` with its bytes in ``data``); never raises
    for a bad input: the digest's ``errors`` carry it instead."""
    options = options or Options()
    name = "<stdin>" if source == STDIN else source
    try:
        fetching = None
        if is_url(source):  # the HTTP code loads only for URLs (a file's cold run is shorter)
            from newsum.sources.fetch import FetchOptions

            fetching = FetchOptions(
                timeout=options.timeout,
                max_bytes=options.max_bytes,
                user_agent=options.user_agent,
                allow_private=options.allow_private,
            )
        decoded = read_source(
            source,
            max_bytes=options.max_bytes,
            encoding=options.encoding,
            data=data,
            fetch_options=fetching,
            wait=options.timeout,
        )
        return digest_decoded(
            decoded.text, name, options, decoded.url, decoded.kind == "html", decoded.cut, source_warning(decoded)
        )
    except InputError as exc:
        return Digest(source=name, errors=[DigestError(exc.code, exc.message)], settings=options.describe())


def digest_many(
    sources: Iterable[str], options: Options, jobs: int = 0, stdin_data: bytes | None = None
) -> Generator[Digest, None, None]:
    """Digests in input order, computed on ``jobs`` processes (0 = all cores).

    Results stream: each digest is yielded as soon as it and every one before
    it are ready, so a long batch shows output (and JSONL consumers can start)
    straight away. See `map_ordered` for the pool.
    """
    items = [(s, stdin_data if s == STDIN else None, options) for s in sources]
    yield from run_many(_digest_item, items, jobs, options)


def _digest_item(item: tuple[str, bytes | None, Options]) -> Digest:
    source, data, options = item
    return digest_source(source, options, data)


# --- the process pool ----------------------------------------------------------

# Two tiny articles, one plain and one HTML, whose digests load every model a
# digest uses (imports, the tagger and its gazetteer, stemmers, stop words,
# trafilatura): `warm_up` runs them once so a pool's workers start ready.
_WARM_UP_TEXT = (
    "Officials met in Geneva on Friday.\n\n"
    '"We are ready to talk," Foreign Minister Anna Novak told reporters in Paris after the meeting.\n\n'
    "The European Union and the United Nations said the talks would continue next week."
)
_WARM_UP_HTML = (
    "<!DOCTYPE html><html lang='en'><head><title>Talks | Site</title></head><body><article><h1>Talks</h1>"
    + "".join(f"<p>{p}</p>" for p in _WARM_UP_TEXT.replace('"', "&quot;").split("\n\n"))
    + "</article></body></html>"
)
# Results wanted ahead of the one being written, per worker: enough to keep
# every worker busy, few enough that a huge batch does not pile up in memory.
_AHEAD_PER_WORKER = 4
# Items per chunk sent to a worker, at most.
_MAX_CHUNK = 4


def warm_up(options: Options | None = None) -> None:
    """Load every model a digest needs, once per process (a pool's workers
    call it, or the parent before it forks them)."""
    settings = replace(options or Options(), debug=False)
    for text, html in ((_WARM_UP_TEXT, False), (_WARM_UP_HTML, True)):
        try:
            digest_text(text, "<warm-up>", settings, html=html)
        except Exception:  # noqa: BLE001, S110 - a failure here shows again on the real input
            pass
    _load_date_month_names()


def _load_date_month_names() -> None:
    """htmldate's month names of every dateparser locale: loaded on the first
    page whose date string has no year or English month (a quarter of a second,
    which each worker would otherwise pay again). Skipped if htmldate moves it."""
    try:
        from htmldate.extractors import month_words
    except ImportError:
        return
    month_words()


def run_many(
    function: Callable[[A], R], items: Sequence[A], jobs: int = 0, options: Options | None = None
) -> Iterator[R]:
    """``function`` over ``items`` in input order: in this process for one
    item or ``jobs`` 1, else on a pool of ``jobs`` processes (0 = all cores)."""
    workers = min(jobs or os.cpu_count() or 1, len(items))
    if workers <= 1:
        return map(function, items)
    return map_ordered(function, items, workers, options)


def map_ordered(
    function: Callable[[A], R], items: Sequence[A], workers: int, options: Options | None = None
) -> Iterator[R]:
    """``function`` over ``items`` on ``workers`` processes, results in input
    order, each yielded as soon as it and all before it are done.

    Models are loaded once per worker: on Linux the parent warms up and forks
    the workers (they share its loaded models, copy-on-write); elsewhere each
    worker warms up as it starts. Workers ignore SIGINT: Ctrl-C reaches the
    parent, which stops them (as it does when the consumer stops early, e.g.
    a closed pipe), so nothing is left running and no worker prints a traceback.
    ``function`` and the items must pickle.
    """
    import multiprocessing
    import threading
    from concurrent.futures import ProcessPoolExecutor

    # fork is only safe with no other thread alive (a thread holding a lock at
    # fork time leaves that lock held forever in the child).
    fork = sys.platform == "linux" and threading.active_count() == 1
    if fork:
        warm_up(options)
        # The loaded models move to a generation the collector never scans:
        # no full collection walks them again, and the workers' copy-on-write
        # pages are not touched by the collector's bookkeeping.
        gc.freeze()
    context = multiprocessing.get_context("fork") if fork else None
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(None if fork else options,)
    )
    chunks = _chunks(items, workers)
    pending: deque[Future[list[R]]] = deque()
    try:
        for chunk in itertools.islice(chunks, workers * _AHEAD_PER_WORKER):
            pending.append(pool.submit(_map_chunk, function, chunk))
        while pending:
            results = pending.popleft().result()
            for chunk in itertools.islice(chunks, 1):
                pending.append(pool.submit(_map_chunk, function, chunk))
            yield from results
    except BaseException:
        _stop_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if fork:
            gc.unfreeze()  # a library caller's later garbage is collected as before


def _chunks(items: Sequence[A], workers: int) -> Iterator[list[A]]:
    """Items in small chunks: one round trip to a worker per chunk, not per
    item, while the first results still come back early. Chunks shrink to
    one item towards the end, so no worker idles while another finishes a
    long last chunk."""
    start = 0
    while start < len(items):
        size = max(1, min(_MAX_CHUNK, (len(items) - start) // (workers * _AHEAD_PER_WORKER)))
        yield list(items[start : start + size])
        start += size


def _map_chunk(function: Callable[[A], R], chunk: list[A]) -> list[R]:
    return [function(item) for item in chunk]


def _start_worker(options: Options | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if options is not None:
        warm_up(options)
        gc.freeze()


def _stop_workers(pool: Executor) -> None:
    """Kill the workers now: an interrupted or abandoned batch must not wait
    for the items in flight (one may be a very long article)."""
    terminate = getattr(pool, "terminate_workers", None)  # Python 3.14+
    if terminate is not None:
        terminate()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(Exception):
            process.terminate()


def _stage(digest: Digest, name: str, options: Options, run: Callable[[], T], empty: T) -> T:
    try:
        return run()
    except Exception as exc:  # one analysis must not sink the digest
        if options.debug:
            raise
        digest.errors.append(DigestError("analysis_failed", f"{name} failed: {exc!r}", name))
        return empty
