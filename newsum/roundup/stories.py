"""Same story, several sources: which digest entries to merge into one.

Twenty feeds carry the same event many times over, from the same wire copy or
in their own words. Two entries are one story when their links are the same
once canonical (`canonical_link`: no ``utm_*``/click ids, no fragment), or
when their titles and summaries say the same thing: the cosine similarity of
their stemmed content words reaches `MERGE_THRESHOLD`.

The threshold was measured (``python -m benchmarks.stories``, README): on
CNN/DailyMail dev, a story's lead and its human-written highlights are the
same story told in other words (as two outlets would); a story's lead against
other stories' highlights (89,700 pairs) and BBC stories of the same section
against each other (topic-close pairs) are different stories. A false merge
hides a story, a missed merge only repeats one, so the threshold is where
false merges become rare: at 0.45, 58% of the reworded pairs merge and 6 of
98,550 different-story pairs do (0.006%; the closest of those are the same
unfolding story: a funeral and the tributes, a rate decision and its vote).
Copies of one wire story score far above it. A merged entry still lists each
source's own title and link, so even a wrong merge hides no headline.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

MERGE_THRESHOLD = 0.45
"""Cosine similarity of content-word stems at or above which two entries are
one story (see the module docstring and the README for the measurement)."""

_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|_hsenc|_hsmi)$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{2,}")


def canonical_link(url: str) -> str:
    """The link with what does not change the page taken out: the fragment,
    ``utm_*`` and click-id parameters, a default port, the case of scheme and
    host. Different spellings of one article's URL become one string."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if port and not (scheme == "http" and port == 80 or scheme == "https" and port == 443):
        host = f"{host}:{port}"
    if parts.username or parts.password:
        host = f"{parts.username or ''}{':' + parts.password if parts.password else ''}@{host}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    return urlunsplit((scheme, host, parts.path or ("/" if host else ""), query, ""))


def fingerprint(text: str, language: str = "english") -> Counter[str]:
    """Stems of the content words of ``text`` (stop words out), with counts."""
    from newsum.nlp.text import stemmer, stop_words

    stem = stemmer(language)
    stops = stop_words(language)
    return Counter(stem(w) for w in (m.lower() for m in _WORD.findall(text)) if w not in stops)


def similarity(a: Counter[str], b: Counter[str]) -> float:
    """Cosine of two fingerprints, in [0, 1]."""
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(count * b[word] for word, count in a.items() if word in b)
    norm = math.sqrt(sum(c * c for c in a.values())) * math.sqrt(sum(c * c for c in b.values()))
    return dot / norm if norm else 0.0


def group(
    links: Sequence[str | None], texts: Sequence[Counter[str]], threshold: float = MERGE_THRESHOLD
) -> list[list[int]]:
    """Indexes of the entries that are one story, each group in input order,
    groups ordered by their first entry.

    Single-link grouping (union-find): pairs with equal canonical links, or a
    similarity at or above ``threshold``, join. Quadratic in entries, which is
    fine for a digest (a thousand entries: half a million cheap comparisons).
    """
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    canonical = [canonical_link(link) if link else None for link in links]
    first_with: dict[str, int] = {}
    for i, link in enumerate(canonical):
        if link is not None:
            join(first_with.setdefault(link, i), i)
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            if find(i) != find(j) and similarity(texts[i], texts[j]) >= threshold:
                join(i, j)
    groups: dict[int, list[int]] = {}
    for i in range(len(texts)):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])
