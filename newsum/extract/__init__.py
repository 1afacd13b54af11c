"""Extraction: HTML or plain text in, an `Article` out (body, headline, byline,
date, dateline). `article.extract_article` is the entry point."""
