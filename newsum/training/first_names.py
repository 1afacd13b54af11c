"""Build newsum's first-name gender list (``newsum/data/first_names.tsv.gz``).

    python -m newsum.training.first_names [--census DIR] [--out newsum/data/first_names.tsv.gz]

The quotes stage resolves "she said" to the nearest woman named before it, so it
needs to know that Hillary is a woman's name and Donald a man's. The source is
the 1990 US Census first-name frequency lists (``dist.male.first`` and
``dist.female.first``; US government work, public domain), as shipped by the
MIT-licensed ``names`` package on PyPI (``pip install names``): ``--census``
defaults to that package's folder. A name is listed for a gender when that
gender holds at least RATIO times its share among the other; names used by
both (Jordan, Leslie) are left out, so they never decide anything.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from collections.abc import Sequence
from pathlib import Path

RATIO = 3.0
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "data" / "first_names.tsv.gz"


def read_census(path: Path) -> dict[str, float]:
    """Name -> percentage of the population, from a census ``dist.*.first`` file."""
    shares: dict[str, float] = {}
    for line in path.read_text(encoding="ascii").splitlines():
        fields = line.split()
        if len(fields) >= 2:
            shares[fields[0].lower()] = float(fields[1])
    return shares


def genders(male: dict[str, float], female: dict[str, float], ratio: float = RATIO) -> dict[str, str]:
    result = {}
    for name in sorted(set(male) | set(female)):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if m >= ratio * f:
            result[name] = "m"
        elif f >= ratio * m:
            result[name] = "f"
    return result


def default_census_dir() -> Path | None:
    try:
        import names  # the PyPI package that ships the census lists
    except ImportError:
        return None
    return Path(names.__file__).resolve().parent


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsum.training.first_names", description=__doc__.split("\n\n")[1])
    parser.add_argument("--census", type=Path, default=None, help="folder with dist.male.first and dist.female.first")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    census = args.census or default_census_dir()
    if census is None or not (census / "dist.male.first").is_file() or not (census / "dist.female.first").is_file():
        print("error: census lists not found: pass --census DIR or `pip install names`", file=sys.stderr)
        return 2
    table = genders(read_census(census / "dist.male.first"), read_census(census / "dist.female.first"))
    body = "".join(f"{name}\t{gender}\n" for name, gender in table.items())
    # mtime=0: the same input gives the same bytes, so the shipped file only changes when the list does.
    args.out.write_bytes(gzip.compress(body.encode("ascii"), mtime=0))
    counts = {g: sum(1 for v in table.values() if v == g) for g in ("m", "f")}
    print(f"{args.out}: {counts['m']} male and {counts['f']} female first names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
