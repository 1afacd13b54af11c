"""What every renderer shares: text from outside made inert for a terminal
(`safe`) and for Markdown (`escape_markdown`), quotes shown as quoted, and
plain aligned tables."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsum.model import Quote

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def safe(text: str | None) -> str:
    """No control characters (so no ANSI escapes) reach a terminal from article
    text, file names or anything else the input controls."""
    return _CONTROL.sub("", text or "")


def quote_text(quote: Quote) -> str:
    """A partial quote is a few words from a longer sentence: say so with ellipses."""
    return f"…{quote.text.rstrip('.,;:')}…" if quote.kind == "partial" else quote.text


def escape_markdown(text: str | None) -> str:
    """Article text made inert in Markdown: no control characters, and the
    characters that start emphasis, links, HTML or tables escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", safe(text))


def plain_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Aligned columns for a terminal or a pipe: names left, numbers right."""
    cells = [list(headers)] + [list(r) for r in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(headers))]
    lines = []
    for line in cells:
        parts = [line[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(line[1:], widths[1:], strict=False)]
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)
