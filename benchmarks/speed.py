"""Speed of the command users run: start-up, one article, a batch, long articles.

    python -m benchmarks.speed [--runs 5] [--format table|markdown|json] [--update-readme README.md]

Every figure is the wall time of a real ``newsum`` process (``python -m
newsum``), median of ``--runs`` runs, so it includes interpreter start-up and
imports, which is what a shell loop or a cron job pays. Inputs are generated
from the sample article in ``samples/`` (no research data needed):

* ``--help`` and ``--version``: must stay a small fraction of a second;
* one article, as text and as the same article wrapped in an HTML page;
* a batch of 64 copies with ``--jobs 1`` and with all cores;
* the sample repeated 4x and 16x, to show cost growing with length (the
  ``news`` summariser, keyphrases, actors and quotes are linear; sumy's
  quadratic algorithms are windowed).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks import _readme as readme

PROG = "python -m benchmarks.speed"
ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "reuters-2022-01-28-russia-ukraine.txt"
HEADERS = ("case", "median s", "min s", "runs")


def run_once(args: Sequence[str]) -> float:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "newsum", *args], capture_output=True, timeout=600)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"newsum {' '.join(args)} exited {result.returncode}: {result.stderr.decode()[:300]}")
    return elapsed


def measure(args: Sequence[str], runs: int) -> tuple[float, float]:
    run_once(args)  # warm the file-system cache and bytecode
    times = [run_once(args) for _ in range(runs)]
    return statistics.median(times), min(times)


def make_inputs(folder: Path) -> dict[str, list[str]]:
    """The cases, as newsum arguments, with their generated input files."""
    text = SAMPLE.read_text(encoding="utf-8")
    story = text[text.index("Russia on Friday") :]
    html = folder / "article.html"
    paragraphs = "".join(f"<p>{p}</p>" for p in story.split("\n\n") if p.strip())
    html.write_text(
        f"<!DOCTYPE html><html lang='en'><head><title>Sample | Site</title></head><body><article><h1>Sample</h1>{paragraphs}</article></body></html>",
        encoding="utf-8",
    )
    long_files = {}
    for factor in (4, 16):
        path = folder / f"x{factor}.txt"
        path.write_text(text + ("\n\n" + story) * (factor - 1), encoding="utf-8")
        long_files[factor] = str(path)
    batch = [str(SAMPLE)] * 64
    return {
        "newsum --help": ["--help"],
        "newsum --version": ["--version"],
        "one article (text)": ["summarize", str(SAMPLE), "-f", "json"],
        "one article (HTML)": ["summarize", str(html), "-f", "json"],
        "article x4 length": ["summarize", long_files[4], "-f", "json"],
        "article x16 length": ["summarize", long_files[16], "-f", "json"],
        "64 articles, --jobs 1": ["summarize", *batch, "-f", "jsonl", "--jobs", "1"],
        f"64 articles, all cores ({os.cpu_count()})": ["summarize", *batch, "-f", "jsonl", "--jobs", "0"],
    }


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per case (median reported)")
    readme.add_output_options(parser, "speed", "cli")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    if args.runs < 1:
        print("error: --runs must be at least 1", file=sys.stderr)
        return 2
    try:
        if args.update_readme is not None:
            readme.check_readme(args.update_readme, "speed", "cli")
    except readme.ReadmeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for case, newsum_args in make_inputs(Path(folder)).items():
            median, fastest = measure(newsum_args, args.runs)
            rows.append({"case": case, "median_s": median, "min_s": fastest, "runs": args.runs})
    cells = [[r["case"], f"{r['median_s']:.2f}", f"{r['min_s']:.2f}", str(r["runs"])] for r in rows]
    if args.format == "json":
        print("\n".join(json.dumps(r) for r in rows))
    else:
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
        print(readme.text_table(HEADERS, cells) if args.format == "table" else readme.markdown_table(HEADERS, cells))
    if args.update_readme is not None:
        body = f"`{readme.command_line(PROG, argv)}` (python {sys.version.split()[0]}, {os.cpu_count()} cores)\n\n{readme.markdown_table(HEADERS, cells)}"
        readme.update_readme(args.update_readme, "speed", "cli", body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
