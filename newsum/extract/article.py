"""The article stage's one entry point: HTML goes to the HTML extractor
(`newsum.extract.html`), anything else is read as plain text or Markdown
(`newsum.extract.plain`)."""

from __future__ import annotations

import re

from newsum.extract.plain import extract_text
from newsum.model import Article

_HTML = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<\?xml[^>]*>\s*(<!doctype\s+html|<html))",
    re.IGNORECASE | re.DOTALL,
)


def looks_like_html(text: str) -> bool:
    return bool(_HTML.match(text))


def extract_article(
    text: str, source: str, language: str | None = None, url: str | None = None, html: bool | None = None
) -> Article:
    """The article in ``text``: HTML goes to the HTML extractor, anything else is
    read as plain text or Markdown. ``language`` None means: the page's own, else English."""
    if html if html is not None else looks_like_html(text):
        from newsum.extract.html import extract_html

        return extract_html(text, source, url, language)
    return extract_text(text, source, language or "english")
