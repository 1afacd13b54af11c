"""Properties of the text pipeline for any input (hypothesis).

* any Unicode string gives a digest or a domain error (`InputError`), never
  another exception;
* summary sentences are the text at their offsets, and substrings of the
  input (compared whitespace-normalised: sentences are normalised);
* quotes are the text at their offsets (normalised, quote marks aside: a
  quote over several paragraphs drops the marks that reopen each one);
* an actor's ``first_offset`` points at one of its names.

Example counts are modest (and derandomised) so the suite stays fast and repeatable.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsum.errors import InputError
from newsum.extract.plain import clean_text
from newsum.pipeline import Options, digest_text

EXAMPLES = 40
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# News-like pieces, so that generated inputs reach every stage (random text
# mostly stops at "no article text"): names, places, speech verbs, every kind
# of quote mark, numbers, other scripts, and stray punctuation.
WORDS = [
    "the",
    "minister",
    "said",
    "talks",
    "in",
    "Geneva",
    "on",
    "Friday",
    "were",
    "useful",
    "Anna",
    "Novak",
    "told",
    "reporters",
    "European",
    "Union",
    "United",
    "States",
    "President",
    "Vladimir",
    "Putin",
    "Reuters",
    "Mr.",
    "U.S.",
    "according",
    "to",
    "a",
    "statement",
    "'s",
    "war",
    "1,000",
    "3.5",
    "2024",
    "%",
    "Zürich",
    "東京",
    "Москва",
    "—",
    "-",
    ",",
    ";",
    ":",
    "(",
    ")",
    "...",
    "?",
    "!",
    "“",
    "”",
    "‘",
    "’",
    '"',
    "'",
    "«",
    "»",
    "„",
    "\u00a0",
    "\t",
    "é",
    "ﬁ",
    "🙂",
    "\u200b",
]
word = st.one_of(st.sampled_from(WORDS), st.text(min_size=1, max_size=8))
sentence = st.lists(word, min_size=1, max_size=18).map(" ".join).map(lambda s: s + st_end(s))
paragraph = st.lists(sentence, min_size=1, max_size=5).map(" ".join)
article = st.lists(paragraph, min_size=1, max_size=8).map("\n\n".join)
quoted = st.tuples(paragraph, st.sampled_from(['"', "“"]), paragraph, st.sampled_from(['"', "”"]), paragraph).map(
    lambda p: f"{p[0]}\n\n{p[1]}{p[2]}{p[3]} Anna Novak said.\n\n{p[4]}"
)
news = st.one_of(article, quoted)

_SPACE = re.compile(r"\s+")
_MARKS = re.compile(r"[\"“”„‟«»‹›'‘’‚‛]")


def st_end(text: str) -> str:
    return "" if text.endswith((".", "?", "!")) else "."


def normal(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def digest_or_domain_error(text: str):
    try:
        return digest_text(text, "<test>", Options(debug=True))
    except InputError:
        return None


@SETTINGS
@given(st.text())
def test_any_unicode_string_gives_a_digest_or_a_domain_error(text):
    digest = digest_or_domain_error(text)
    assert digest is None or digest.article is not None


@SETTINGS
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=50, max_size=600))
def test_any_longer_unicode_string_too(text):
    digest_or_domain_error(text)


@SETTINGS
@given(news)
def test_summary_sentences_are_the_input_at_their_offsets(text):
    digest = digest_or_domain_error(text)
    if digest is None:
        return
    story = digest.article.text
    # Markdown emphasis and links are unwrapped, control characters dropped:
    # compare with the input as the extractor cleans it, less those marks.
    source = normal(re.sub(r"[*_\[\]]", "", clean_text(text)))
    for chosen in digest.summary:
        assert 0 <= chosen.start < chosen.end <= len(story)
        assert chosen.text == normal(story[chosen.start : chosen.end])
        assert normal(re.sub(r"[*_\[\]]", "", chosen.text)) in source


@SETTINGS
@given(news)
def test_quote_offsets_point_at_their_text(text):
    digest = digest_or_domain_error(text)
    if digest is None:
        return
    story = digest.article.text
    for quote in digest.quotes:
        assert 0 <= quote.start <= quote.end <= len(story)
        at_offsets = _MARKS.sub("", normal(story[quote.start : quote.end]))
        assert normal(_MARKS.sub("", quote.text)).replace(" ", "") in at_offsets.replace(" ", "")


@SETTINGS
@given(news)
def test_actor_first_offsets_point_at_one_of_their_names(text):
    digest = digest_or_domain_error(text)
    if digest is None:
        return
    story = digest.article.text
    for actor in digest.actors:
        names = [actor.name, *actor.aliases]
        assert any(story.startswith(name, actor.first_offset) for name in names), (
            actor,
            story[actor.first_offset :][:40],
        )
