"""The `news` summariser rates without sumy (speed), with the very numbers its
sumy class gives."""

from __future__ import annotations

import subprocess
import sys

from newsum.analyses import summary
from newsum.nlp.text import _SUMY_SPECIAL_STEMMERS, split_sentences


def test_direct_ratings_equal_the_sumy_class_ratings(sample_text):
    units = summary.without_headings(summary.summary_units(split_sentences(sample_text)))
    rateable = [s for s in units if summary.words(s.text)]
    for count in (1, 3, 7):
        direct = summary.rate_sentences(units, "news", "A title", "english", count)
        through_sumy = summary._rate_window(
            summary.build_summarizer("news"), summary.build_document(rateable, "A title"), count
        )
        assert [r for s, r in zip(units, direct, strict=True) if summary.words(s.text)] == through_sumy


def test_a_default_digest_imports_neither_sumys_summarizers_nor_requests(sample_path):
    code = (
        "import sys; from newsum.pipeline import digest_text; "
        f"digest_text(open({str(sample_path)!r}, encoding='utf-8').read()); "
        "print(sorted(m for m in sys.modules if m.startswith(('sumy.summarizers', 'sumy.models', 'sumy.utils', 'requests'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_stemmers_sumy_handles_itself_are_known():
    from sumy.nlp.stemmers import Stemmer

    assert set(Stemmer.SPECIAL_STEMMERS) == _SUMY_SPECIAL_STEMMERS
