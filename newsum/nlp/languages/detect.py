"""Which language a text is in: declared, chosen, or detected from its words.

``choose_language(text, option=None, declared=None)`` returns ``(code, how)``:
``option`` (the user's ``--language``) wins, ``"option"``; then the page's own
declaration (``<html lang>``) when newsum has that language, ``"declared"``;
then ``detect(text)``, ``"detected"``; and when the words do not say clearly,
English, ``"default"``.

``detect`` counts, over the first 2,000 words, how many are among each
registered language's most frequent function words (``Language.profile``,
``profile.txt`` in its data folder). Function words make up a third to a half
of any running text in its own language and a few percent of another's, so
the language whose words cover the most wins when it covers at least
``MIN_SHARE`` of the words and beats the runner-up by ``MIN_MARGIN``; else
the text stays English ("not sure -> English"). Only the profiles are read
(a few hundred words); no model, no stop-word list, and about a millisecond
for an article.
"""

from __future__ import annotations

import functools
import re

from newsum.nlp.languages.registry import available, get

__all__ = ["MIN_MARGIN", "MIN_SHARE", "choose_language", "detect", "scores"]

MIN_SHARE = 0.15
MIN_MARGIN = 0.05
_MAX_WORDS = 2000
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@functools.lru_cache(maxsize=1)
def _profiles() -> dict[str, frozenset[str]]:
    return {code: frozenset(get(code).profile) for code in available()}


def scores(text: str) -> dict[str, float]:
    """Share of the text's words (the first 2,000) in each language's profile."""
    words = [w.lower() for w in _WORD.findall(text[:50_000])[:_MAX_WORDS]]
    if not words:
        return {code: 0.0 for code in available()}
    return {code: sum(w in profile for w in words) / len(words) for code, profile in _profiles().items()}


def detect(text: str) -> tuple[str, bool]:
    """(language code, sure): the best-covering language, or English when not sure."""
    ranked = sorted(scores(text).items(), key=lambda item: (-item[1], available().index(item[0])))
    best, share = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if share >= MIN_SHARE and share - runner_up >= MIN_MARGIN:
        return best, True
    return "en", False


def choose_language(text: str, option: str | None = None, declared: str | None = None) -> tuple[str, str]:
    """(code, how): how is ``option``, ``declared``, ``detected`` or ``default``.

    ``option`` must name a registered language (``UnknownLanguage`` otherwise);
    a declared language newsum does not have is ignored."""
    if option:
        return get(option).code, "option"
    if declared:
        try:
            return get(declared).code, "declared"
        except LookupError:
            pass
    code, sure = detect(text)
    return code, "detected" if sure else "default"
