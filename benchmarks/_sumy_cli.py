"""sumy's own command line (``sumy lex-rank --length=3 --file=FILE``), offline.

sumy's CLI builds ``sumy.nlp.tokenizers.Tokenizer("english")``, which loads
NLTK's trained Punkt data from disk; that data is not installed here and is
never downloaded. This script runs ``sumy.__main__.main`` unchanged (docopt,
sumy's imports, its plaintext parser, LexRank, printing the sentences) with
only that tokenizer swapped for newsum's `NewsTokenizer` (the same Punkt
algorithm built from a shipped abbreviation list, and the Treebank word
tokenizer that sumy's own English tokenizer uses too). Loading trained Punkt
data would cost sumy a little more, so the swap favours sumy if anything.

    python -m benchmarks._sumy_cli lex-rank --length=3 --file=ARTICLE.txt
"""

from __future__ import annotations

import sys


def main() -> int:
    import sumy.__main__ as sumy_cli

    from newsum.nlp.text import NewsTokenizer

    sumy_cli.Tokenizer = NewsTokenizer
    return sumy_cli.main()


if __name__ == "__main__":
    sys.exit(main())
