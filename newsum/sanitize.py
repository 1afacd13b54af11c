"""Text from outside made inert, once, where it enters newsum.

A page, a feed or a server's error message can carry terminal escape
sequences (an OSC 8 hyperlink to ``file:///etc/passwd``, a clear-screen),
other control characters and bidirectional overrides (text that reads
differently from how it is stored). None of that is news, and any of it in a
digest would reach a terminal through ``jq -r``, a mail client or a log
viewer. `clean` removes it: whole escape sequences (not just their ESC byte,
which leaves ``]8;;file:///etc/passwd`` behind), every other C0 and C1 control
but newline and tab, and the bidi embedding, override and isolate characters.
Line endings become ``\\n``.

It runs where outside text enters the model: the article's text and metadata
after extraction (`newsum.pipeline`), feed titles and items
(`newsum.sources.feeds`), and every error message (`newsum.errors`, which
covers a server's words quoted in one). Renderers still strip controls as a
last line of defence (`newsum.render.common.safe`).
"""

from __future__ import annotations

import re

# ESC-introduced sequences (ECMA-48): CSI "ESC [ params intermediates final",
# OSC/DCS/SOS/PM/APC strings ended by BEL or ST (ESC \) or, when a page cuts
# one short, by the next control character or the end of the text; then any
# other two-byte escape (ESC + one character). The 8-bit C1 forms (CSI 0x9b,
# OSC 0x9d, ...) likewise.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\x00-\x06\x08-\x1a]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
)
# C0 but tab and newline, DEL, C1; bidi embeddings/overrides (U+202A-U+202E)
# and isolates (U+2066-U+2069), the "Trojan Source" characters.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """``text`` without escape sequences, control characters (but ``\\n`` and
    ``\\t``) and bidi overrides; ``\\r\\n`` and ``\\r`` become ``\\n``.
    Text that has none comes back as it is (the same object)."""
    if not _CONTROLS.search(text):
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPES.sub("", text)
    return _CONTROLS.sub("", text)


def clean_optional(text: str | None) -> str | None:
    """`clean` for a field that may be missing; an emptied field becomes None."""
    if text is None:
        return None
    return clean(text) or None


def has_controls(text: str) -> bool:
    """Whether `clean` would change ``text`` (tests and assertions)."""
    return bool(_CONTROLS.search(text))
