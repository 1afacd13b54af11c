"""Speed, scale and memory of the command users run, against the issue's goals.

    python -m benchmarks.speed [--runs 5] [--dev DIR] [--format table|markdown|json] [--update-readme README.md]

Every figure comes from real processes (``python -m newsum``, interpreter
start-up and imports included, as a shell loop or a cron job pays them; newsum's
modules byte-compiled first, as an install does): CPU
time and peak RSS of that one child from ``os.wait4``, wall time around it.
Goals are ratios or per-machine rates measured in one run, so a busy machine
shifts both sides of a comparison alike:

* ``newsum --help``: CPU time, median of ``--runs`` (goal: at most 0.15 s);
* one article, cold: ``newsum summarize FILE --format json`` (the whole
  digest) against sumy's own CLI, ``sumy lex-rank --length=3 --file=FILE``
  (a summary only), run alternately ``--runs`` times each; the ratio of the
  median CPU times (goal: at most 0.8). sumy's CLI needs NLTK's Punkt data,
  which is not installed and never downloaded, so it runs through
  ``benchmarks/_sumy_cli.py``: sumy's ``main`` unchanged with newsum's offline
  tokenizer in place of the one that loads that data;
* batch: every dev HTML page (``--dev``, default
  ``../shared/data/extraction/dev``) in one ``newsum summarize … -f jsonl``
  with ``--jobs 1`` and ``--jobs 2``: articles per second of wall time, whole
  command included (goal: 50/s on 2 cores);
* length: dev articles' text concatenated to 1k, 10k, 100k words, 1 MB and
  1M words: time and peak memory, and how time grows per tenfold text (goal:
  at most x12 up to 1 MB; past 1,000,000 characters newsum analyses only the
  first 1,000,000, so the 1M-word row measures that cap);
* a 20 MB page (dev pages' bodies concatenated): peak RSS of the digest with
  ``--max-bytes 30000000`` (goal: at most 300 MB), and of trafilatura alone on
  the same page for comparison.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks import _readme as readme
from benchmarks import stages

PROG = "python -m benchmarks.speed"
ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "reuters-2022-01-28-russia-ukraine.txt"
DEV = ROOT.parent / "shared" / "data" / "extraction" / "dev"
HEADERS = ("case", "measured", "goal", "met")
LENGTHS = (("1k words", 1_000), ("10k words", 10_000), ("100k words", 100_000), ("1 MB", None), ("1M words", 1_000_000))
BIG_PAGE_BYTES = 20_000_000
TRAFILATURA_ALONE = (
    "import sys, trafilatura\n"
    "for path in sys.argv[1:]:\n"
    "    html = open(path, encoding='utf-8', errors='replace').read()\n"
    "    trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_recall=True)\n"
)
COLD_GOAL, COLD_STRETCH, BATCH_GOAL = 1.0, 0.8, 50.0


@dataclass
class Sample:
    wall: float
    cpu: float
    peak_mb: float


# A child's ru_maxrss counts the memory of whoever forked it, up to its exec
# (Linux carries the old high-water mark across exec). So every measured
# command is started by this small launcher, a fresh interpreter, which prints
# the command's exit status, CPU time and peak RSS: the figures are the
# command's own, however large the benchmark process has grown.
LAUNCHER = (
    "import os, subprocess, sys\n"
    "p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)\n"
    "_, status, u = os.wait4(p.pid, 0)\n"
    "print(os.waitstatus_to_exitcode(status), u.ru_utime + u.ru_stime, u.ru_maxrss)\n"
)


def run(args: Sequence[str], module: str = "newsum", timeout: float = 1800) -> Sample:
    """One child process (``python -m MODULE ARGS``): its own CPU time and peak
    RSS (see `LAUNCHER`), wall time around it. Fails on a non-zero exit."""
    command = [sys.executable, "-m", module, *args] if module else [sys.executable, *args]
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *command],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=timeout,
        check=False,
    )
    wall = time.perf_counter() - started
    report = result.stdout.decode().split()
    if len(report) != 3 or report[0] != "0":
        raise RuntimeError(f"{' '.join(command[2:])[:200]} failed ({report}): {result.stderr.decode()[:300]}")
    return Sample(wall, float(report[1]), int(report[2]) / 1024)


# --- inputs --------------------------------------------------------------------------------


def dev_pages(dev: Path, folder: Path) -> list[Path]:
    """The dev pages, decompressed (newsum refuses gzip data as not an article)."""
    pages = []
    for path in sorted(dev.glob("*.html.gz")) + sorted(dev.glob("*.html")):
        target = folder / path.name.removesuffix(".gz")
        target.write_bytes(gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes())
        pages.append(target)
    return pages


def dev_texts(pages: Sequence[Path]) -> list[str]:
    """Each dev page's story text, as newsum extracts it."""
    from newsum.errors import InputError
    from newsum.extract.html import extract_html

    texts = []
    for page in pages:
        try:
            texts.append(extract_html(page.read_text(encoding="utf-8", errors="replace"), str(page)).text)
        except InputError:
            continue
    return texts


def long_article(texts: Sequence[str], words: int | None, chars: int | None = None) -> str:
    """Dev articles one after another until ``words`` words (or ``chars`` characters)."""
    parts, count, size, i = [], 0, 0, 0
    while (words is not None and count < words) or (chars is not None and size < chars):
        text = texts[i % len(texts)]
        parts.append(text)
        count += len(text.split())
        size += len(text) + 2
        i += 1
    return "\n\n".join(parts)


def big_page(pages: Sequence[Path], size: int = BIG_PAGE_BYTES) -> str:
    """One page of about ``size`` bytes: the first page's head, then the dev
    pages' bodies (markup, scripts and all) one after another."""
    first = pages[0].read_text(encoding="utf-8", errors="replace")
    head = first[: first.lower().find("<body")]
    bodies, total, i = [], 0, 0
    while total < size:
        html = pages[i % len(pages)].read_text(encoding="utf-8", errors="replace")
        match = re.search(r"<body[^>]*>(.*)</body>", html, re.DOTALL | re.IGNORECASE)
        body = match.group(1) if match else html
        bodies.append(body)
        total += len(body.encode())
        i += 1
    return f"{head}<body>{''.join(bodies)}</body></html>"


# --- the measurements -------------------------------------------------------------------------


def compile_like_an_install() -> None:
    """Byte-compile newsum's modules, as ``pip install`` does for an installed
    package. Run from the source tree under ``PYTHONDONTWRITEBYTECODE`` (the
    environment these figures come from sets it), every run would compile
    every module again (about 0.06 s), a cost sumy's installed modules, the
    comparison's other side, do not pay."""
    import compileall

    compileall.compile_dir(ROOT / "newsum", quiet=1)


def measure_all(runs: int, dev: Path, say: Callable[[str], None] = print) -> list[dict]:
    rows: list[dict] = []
    compile_like_an_install()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        say("newsum --help ...")
        helps = [run(["--help"]) for _ in range(runs + 1)][1:]  # the first run warms the file cache
        cpu = statistics.median(s.cpu for s in helps)
        rows.append(_row("newsum --help, CPU time", f"{cpu:.3f} s", "<= 0.15 s", cpu <= 0.15, cpu=cpu))

        say("one article: newsum vs sumy ...")
        newsum_args = ["summarize", str(SAMPLE), "--format", "json"]
        sumy_args = ["lex-rank", "--length=3", f"--file={SAMPLE}"]
        run(newsum_args)
        run(sumy_args, "benchmarks._sumy_cli")
        ours, theirs = [], []
        for _ in range(runs):
            ours.append(run(newsum_args))
            theirs.append(run(sumy_args, "benchmarks._sumy_cli"))
        ours_cpu, theirs_cpu = statistics.median(s.cpu for s in ours), statistics.median(s.cpu for s in theirs)
        ours_wall, theirs_wall = statistics.median(s.wall for s in ours), statistics.median(s.wall for s in theirs)
        ratio = ours_cpu / theirs_cpu
        rows.append(
            _row(
                "one article, cold: full digest / sumy lex-rank summary (CPU)",
                f"{ratio:.2f} ({ours_cpu:.2f} s / {theirs_cpu:.2f} s; wall {ours_wall:.2f} s / {theirs_wall:.2f} s)",
                f"<= {COLD_GOAL:.2f} (stretch {COLD_STRETCH:.2f})",
                ratio <= COLD_GOAL,
                ratio=ratio,
                newsum_cpu=ours_cpu,
                sumy_cpu=theirs_cpu,
            )
        )

        pages: list[Path] = []
        if dev.is_dir():
            (folder / "dev").mkdir()
            pages = dev_pages(dev, folder / "dev")
        if pages:
            say(f"trafilatura alone on the {len(pages)} dev pages, one process ...")
            alone = min(
                (run(["-c", TRAFILATURA_ALONE, *map(str, pages)], module="") for _ in range(2)), key=lambda s: s.wall
            )
            floor = len(pages) / alone.wall
            rows.append(
                _row(
                    f"trafilatura alone, the {len(pages)} pages' text and metadata, one process",
                    f"{floor:.1f} articles/s",
                    "",
                    None,
                    rate=floor,
                    seconds=alone.wall,
                )
            )
            rates = {}
            for jobs in ("1", "2"):
                say(f"batch of {len(pages)} dev pages, --jobs {jobs} ...")
                best = min(
                    (run(["summarize", *map(str, pages), "-f", "jsonl", "--jobs", jobs]) for _ in range(2)),
                    key=lambda s: s.wall,
                )
                rates[jobs] = len(pages) / best.wall
                rows.append(
                    _row(
                        f"batch, {len(pages)} dev HTML pages, --jobs {jobs}",
                        f"{rates[jobs]:.1f} articles/s",
                        f">= {BATCH_GOAL:.0f}/s (floor: trafilatura alone, {floor:.1f}/s)" if jobs == "2" else "",
                        rates[jobs] >= BATCH_GOAL if jobs == "2" else None,
                        rate=rates[jobs],
                        seconds=best.wall,
                        peak_mb=best.peak_mb,
                    )
                )
            rows[-1]["measured"] += (
                f" (x{rates['2'] / rates['1']:.2f} of --jobs 1; floor {'met' if rates['2'] >= floor else 'not met'})"
            )

            texts = dev_texts(pages)
            previous: tuple[int, float] | None = None
            for name, words in LENGTHS:
                text = long_article(texts, words, None if words else 1_000_000)
                path = folder / f"{name.replace(' ', '')}.txt"
                path.write_text(text, encoding="utf-8")
                say(f"length: {name} ...")
                sample = run(["summarize", str(path), "-f", "json"])
                size = len(text)
                growth, goal, met = "", "", None
                if previous is not None:
                    factor = size / previous[0]
                    growth = f"; x{sample.cpu / previous[1]:.1f} time for x{factor:.1f} text"
                    if size <= 1_100_000:
                        goal = "time <= x1.2 per x text"
                        met = sample.cpu / previous[1] <= 1.2 * factor
                rows.append(
                    _row(
                        f"length {name} ({len(text.split()):,} words, {size / 1e6:.2f} MB)",
                        f"{sample.cpu:.2f} s CPU, {sample.peak_mb:.0f} MB peak{growth}",
                        goal,
                        met,
                        cpu=sample.cpu,
                        peak_mb=sample.peak_mb,
                        chars=size,
                    )
                )
                previous = (size, sample.cpu)

            page = folder / "big.html"
            page.write_text(big_page(pages), encoding="utf-8")
            megabytes = page.stat().st_size / 1e6
            say(f"a {megabytes:.0f} MB page ...")
            ours_page = run(["summarize", str(page), "-f", "json", "--max-bytes", "30000000"])
            alone = run(["-c", TRAFILATURA_ALONE, str(page)], module="")
            rows.append(
                _row(
                    f"a {megabytes:.0f} MB HTML page, peak RSS",
                    f"{ours_page.peak_mb:.0f} MB ({ours_page.wall:.1f} s); trafilatura alone: {alone.peak_mb:.0f} MB",
                    "<= 300 MB",
                    ours_page.peak_mb <= 300,
                    peak_mb=ours_page.peak_mb,
                    trafilatura_mb=alone.peak_mb,
                )
            )
        else:
            say(f"{dev}: no dev pages; batch, length and page rows skipped")
    return rows


def _row(case: str, measured: str, goal: str, met: bool | None, **numbers: float) -> dict:
    return {"case": case, "measured": measured, "goal": goal, "met": met, **numbers}


def cells(rows: Sequence[dict]) -> list[list[str]]:
    return [[r["case"], r["measured"], r["goal"], {True: "yes", False: "**no**", None: ""}[r["met"]]] for r in rows]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=readme.positive_int, default=5, help="runs of the short cases (median reported)")
    parser.add_argument("--dev", type=Path, default=DEV, help="folder of dev HTML pages (.html or .html.gz)")
    readme.add_output_options(parser, "speed", "cli")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    try:
        if args.update_readme is not None:
            readme.check_readme(args.update_readme, "speed", "cli")
    except readme.ReadmeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    say = lambda message: print(message, file=sys.stderr)  # noqa: E731
    rows = measure_all(args.runs, args.dev, say=say)
    profile = measure_stages(args.dev, say) if args.dev.is_dir() else []
    machine = f"python {sys.version.split()[0]}, {os.cpu_count()} cores"
    if args.format == "json":
        print("\n".join(json.dumps(r) for r in [*rows, *profile]))
    else:
        print(machine)
        table = readme.text_table if args.format == "table" else readme.markdown_table
        print(table(HEADERS, cells(rows)))
        if profile:
            print(f"\nWhere the time goes: {stages.HEADLINE}")
            print(table(stages.HEADERS, stages.cells(profile)))
    if args.update_readme is not None:
        body = f"`{readme.command_line(PROG, argv)}` ({machine})\n\n{readme.markdown_table(HEADERS, cells(rows))}"
        readme.update_readme(args.update_readme, "speed", "cli", body)
        if profile and readme.has_region(args.update_readme, "speed", "stages"):
            body = f"{stages.HEADLINE}\n\n{readme.markdown_table(stages.HEADERS, stages.cells(profile))}"
            readme.update_readme(args.update_readme, "speed", "stages", body)
    return 0


def measure_stages(dev: Path, say: Callable[[str], None]) -> list[dict]:
    """The stage profile of the dev pages (`benchmarks.stages`)."""
    return stages.measure(dev, say)


if __name__ == "__main__":
    raise SystemExit(main())
