"""newsum runs NLTK's Treebank rules with ``re`` (speed): the tokens must be
NLTK's own."""

from __future__ import annotations

import pytest
from nltk.tokenize.destructive import NLTKWordTokenizer

from newsum.nlp.text import _word_tokenizer

SENTENCES = [
    'He said: "We don\'t want wars," and left (quickly) -- at 3 p.m.',
    "“It’s over,” she told reporters; they’d waited since 9:30... Really?",
    "The U.S.-led coalition's 2nd report (pp. 4-5) cost $3.88 [roughly €3,36] in N.Y.",
    "'Tis the season, isn't it? «Sí», dijo la Dra. García — y se fue.",
    "„Wir schaffen das“, sagte sie am 16. April in Berlin, z. B. vor 5 Mio. Zuschauern.",
    "Can't, won't, shouldn't've, gonna, wanna; O'Brien & Co. <b>bold</b> #tag @user 50% off!",
    "",
    "   ",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_tokens_are_nltks(sentence):
    assert _word_tokenizer().tokenize(sentence) == NLTKWordTokenizer().tokenize(sentence)


def test_the_sample_tokenizes_as_nltk_does(sample_text):
    for line in sample_text.splitlines():
        assert _word_tokenizer().tokenize(line) == NLTKWordTokenizer().tokenize(line)
