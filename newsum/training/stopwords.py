"""Build the shipped stop-word lists ``newsum/data/<code>/stopwords.txt``.

    pip install '.[train]'
    python -m newsum.training.stopwords [--languages de es]

Each list is the union of sumy's bundled list for the language (Apache 2.0,
what newsum used so far) and the stopwords-iso list (MIT, the ``stopwordsiso``
package, https://github.com/stopwords-iso), minus the content words those
lists carry that newsum must keep for names and keyphrases (``estados`` of
"Estados Unidos", ``ordnung``...; ``EXCLUDED`` below), plus the function words
both lists miss (``EXTRA``). The result is sorted, one word a line, with a
header naming its sources, so a rebuild gives the same bytes.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

NAMES = {"de": "german", "es": "spanish"}

# Content words in the source lists: nouns, names and adjectives a keyphrase or a
# name may need. Reviewed by hand against both lists.
EXCLUDED: dict[str, frozenset[str]] = {
    "de": frozenset(
        """ernst mittel ordnung jahr jahre jahren tag tage tagen zeit morgen mahn recht rechte rechten
        gross grosse grosser grosses große großer großes großen gut gute guter gutes schlecht
        neu neue neuer neues neuen hoch lang lange klein kleine kleiner kleines kleinen
        möglich richtig wahr offen leide""".split()
    ),
    "es": frozenset(
        """estados valor total sal uso usa usan trabajo trabajar trabaja trabajas trabajamos trabajan
        trabajáis verdad verdadero verdadera fin nueva nuevo nuevas nuevos lado largo mejor peor
        bueno buena buenos buenas gran grande grandes primer primero primera tiempo horas hora
        dias días dia día año años final mayor menor""".split()
    ),
}

# Function words missing from both lists.
EXTRA: dict[str, frozenset[str]] = {
    "de": frozenset("zum zur beim vom ins ans aufs übers ums".split()),
    "es": frozenset("del al e u ni o y a de que se lo los las le les".split()),
}


def build(code: str) -> list[str]:
    import pkgutil

    import stopwordsiso

    raw = pkgutil.get_data("sumy", f"data/stopwords/{NAMES[code]}.txt") or b""
    sumy_words = {w.strip().lower() for w in raw.decode("utf-8").splitlines() if w.strip()}
    iso_words = {w.strip().lower() for w in stopwordsiso.stopwords(code)}
    words = (sumy_words | iso_words | EXTRA[code]) - EXCLUDED[code]
    return sorted(w for w in words if w and not any(ch.isdigit() for ch in w) and " " not in w)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsum.training.stopwords", description=__doc__.split("\n\n")[0])
    parser.add_argument("--languages", nargs="+", default=sorted(NAMES), choices=sorted(NAMES))
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parent.parent / "data")
    args = parser.parse_args(argv)
    for code in args.languages:
        words = build(code)
        header = (
            f"# {NAMES[code].capitalize()} stop words, built by python -m newsum.training.stopwords:\n"
            "# sumy's bundled list (Apache-2.0) and stopwords-iso (MIT, the stopwordsiso package),\n"
            "# minus content words newsum keeps (see EXCLUDED there), plus EXTRA.\n"
        )
        path = args.data / code / "stopwords.txt"
        path.write_text(header + "".join(w + "\n" for w in words), encoding="utf-8")
        print(f"{path}: {len(words)} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
