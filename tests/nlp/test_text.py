import subprocess
import sys

import pytest

from newsum.nlp.text import (
    SUPPORTED_LANGUAGES,
    NewsTokenizer,
    paragraph_spans,
    split_sentences,
    stemmer,
    stop_words,
    words,
)


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_abbreviations_titles_and_initials_do_not_end_sentences():
    text = "U.S. Secretary of State Antony Blinken met Mr. Lavrov in Geneva. John F. Kennedy Jr. spoke on Jan. 21 at No. 10 Downing St. in London."
    assert texts(text) == [
        "U.S. Secretary of State Antony Blinken met Mr. Lavrov in Geneva.",
        "John F. Kennedy Jr. spoke on Jan. 21 at No. 10 Downing St. in London.",
    ]


def test_decimals_and_times_stay_inside_a_sentence():
    assert texts("Growth was 3.5 percent at 4 p.m. on Friday. Then it fell.") == [
        "Growth was 3.5 percent at 4 p.m. on Friday.",
        "Then it fell.",
    ]


def test_quotes_that_end_sentences_stay_with_their_sentence():
    assert texts('He said "we are done." Then he left. She wrote “no more.” It ended.') == [
        'He said "we are done."',
        "Then he left.",
        "She wrote “no more.”",
        "It ended.",
    ]


def test_dateline_does_not_split_the_first_sentence():
    assert texts("MOSCOW (Reuters) - Russia on Friday sent a signal. It was strong.") == [
        "MOSCOW (Reuters) - Russia on Friday sent a signal.",
        "It was strong.",
    ]


def test_sentences_never_cross_paragraphs_and_carry_offsets():
    text = "A headline without a period\n\nThe story starts here. It goes on."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["A headline without a period", "The story starts here.", "It goes on."]
    assert [s.paragraph for s in sentences] == [0, 1, 1]
    assert [s.position for s in sentences] == [0, 1, 2]
    for s in sentences:
        assert text[s.start : s.end] == s.text


def test_paragraph_spans_trim_whitespace():
    text = "  one  \n\n\n two\n"
    assert [text[s:e] for s, e in paragraph_spans(text)] == ["one", "two"]


def test_words_drop_punctuation_and_numbers():
    assert words('Russia\'s troops, 3.5 "rudely" post-Cold War!') == ("Russia", "troops", "rudely", "post-Cold", "War")


def test_stemmer_and_stop_words_come_from_packages():
    assert stemmer("english")("proposals") == stemmer("english")("proposal")
    assert {"the", "and", "of"} <= stop_words("english")


def test_tokenizer_works_with_sumy_plaintext_parser():
    from sumy.parsers.plaintext import PlaintextParser

    parser = PlaintextParser.from_string(
        "First sentence here. Second one, Mr. Smith said.\n\nNew paragraph.", NewsTokenizer()
    )
    assert [str(s) for s in parser.document.sentences] == [
        "First sentence here.",
        "Second one, Mr. Smith said.",
        "New paragraph.",
    ]


@pytest.mark.parametrize("language", [*SUPPORTED_LANGUAGES, "en", "czech"])
def test_stemmer_and_stop_words_match_sumys_own(language):
    """newsum calls NLTK's Snowball stemmer and reads sumy's stop-word files
    directly (sumy's wrappers look the language up in pycountry, 0.1 s a
    process); the stems and lists must be exactly sumy's. German and Spanish
    stop words are their language's own fuller lists (issue 20)."""
    import warnings

    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words

    from newsum.nlp.languages import get

    if language in ("german", "spanish"):
        assert stop_words(language) == get(language).stop_words
        assert {"de", "que"} <= stop_words("spanish")
    else:
        assert stop_words(language) == frozenset(get_stop_words(language))
    ours, theirs = stemmer(language), Stemmer(language)
    sample = ["proposals", "Running", "générale", "Häuser", "über", "consolidated", "ÉTÉ", "sanctions", "troops", "x"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # sumy's Czech stemmer warns on mixed case
        assert [ours(w) for w in sample] == [theirs(w) for w in sample]
        assert [ours(w.lower()) for w in sample] == [theirs(w.lower()) for w in sample]


def test_one_article_does_not_load_pycountrys_language_database():
    code = (
        "import sys; from newsum.nlp.text import stemmer, stop_words; stemmer('english')('troops'); stop_words('english');"
        "import pycountry; print(pycountry.languages._is_loaded)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False"]


def test_unknown_language_is_sumys_lookup_error():
    with pytest.raises(LookupError):
        stemmer("klingon")
    with pytest.raises(LookupError):
        stop_words("klingon")
