"""newsum: a command-line news digester that works offline, and the library
behind it.

Library use::

    import newsum
    digest = newsum.summarize(open("article.html").read())
    print(digest.article.meta.title, [s.text for s in digest.summary])

`summarize` takes an article as text, Markdown or HTML; `summarize_source`
reads a path or an http(s) URL and never raises for a bad input (the digest's
``errors`` say what went wrong). Both return a `Digest`, the output model
every renderer reads (`Digest.to_dict` is the JSON form).

Importing ``newsum`` is cheap: the model and the errors are plain classes, and
the pipeline (nltk, sumy, numpy, trafilatura, httpx) loads on the first call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsum.errors import InputError, NewsumError, NoArticleText
from newsum.model import Actor, Article, ArticleMeta, Digest, Keyphrase, Quote, SummarySentence
from newsum.version import __version__

if TYPE_CHECKING:  # pragma: no cover
    from newsum.pipeline import Options, summarize, summarize_source

__all__ = [
    "Actor",
    "Article",
    "ArticleMeta",
    "Digest",
    "InputError",
    "Keyphrase",
    "NewsumError",
    "NoArticleText",
    "Options",
    "Quote",
    "SummarySentence",
    "__version__",
    "summarize",
    "summarize_source",
]

_PIPELINE = frozenset({"Options", "summarize", "summarize_source"})


def __getattr__(name: str) -> Any:
    """The pipeline's entry points, imported on first use (PEP 562)."""
    if name in _PIPELINE:
        from newsum import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'newsum' has no attribute {name!r}")
