"""Writing a benchmark's table into the README between marker lines.

A benchmark owns the text between two whole lines::

    <!-- benchmark:<name>:<key> -->
    ...replaced on every --update-readme run...
    <!-- /benchmark:<name>:<key> -->

``<name>`` is the benchmark (``summarization``, ``extraction``) and ``<key>``
names the data set (a file stem, a folder name). Everything outside the markers
is written back byte for byte, CRLF line ends included.

It also holds the two command-line pieces every benchmark shares:
`positive_int` and `add_output_options` (``--format``, ``--update-readme``).
"""

from __future__ import annotations

import argparse
import re
import shlex
from collections.abc import Sequence
from pathlib import Path


class ReadmeError(Exception):
    """Markers missing, duplicated or out of order, or the file unreadable."""


def markers(name: str, key: str) -> tuple[str, str]:
    return f"<!-- benchmark:{name}:{key} -->", f"<!-- /benchmark:{name}:{key} -->"


def find_region(text: str, name: str, key: str) -> tuple[int, int, str]:
    """Offsets of the text between the marker lines, and the newline the begin
    marker ends with.

    Only whole marker lines count, each exactly once and in order, so a marker
    quoted in prose or a duplicated section can never be overwritten by mistake.
    """
    begin, end = markers(name, key)
    starts = list(re.finditer(rf"^[ \t]*{re.escape(begin)}[ \t]*(\r?\n)", text, re.MULTILINE))
    ends = list(re.finditer(rf"^[ \t]*{re.escape(end)}[ \t]*\r?$", text, re.MULTILINE))
    if len(starts) != 1 or len(ends) != 1:
        raise ReadmeError(
            f"expected exactly one line {begin!r} followed by one line {end!r}; found {len(starts)} and {len(ends)}"
        )
    if ends[0].start() < starts[0].end():
        raise ReadmeError(f"{end!r} comes before {begin!r}")
    return starts[0].end(), ends[0].start(), starts[0].group(1)


def read_readme(path: Path) -> str:
    """Read with newline='' so CRLF files are written back unchanged outside the markers."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise ReadmeError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from None


def has_region(path: Path, name: str, key: str) -> bool:
    """Whether the README has the markers of an optional region."""
    try:
        find_region(read_readme(path), name, key)
    except ReadmeError:
        return False
    return True


def check_readme(path: Path, name: str, key: str) -> None:
    """Fail before a long run, not after it."""
    find_region(read_readme(path), name, key)


def update_readme(path: Path, name: str, key: str, body: str) -> None:
    """Replace what lies between the markers with ``body``; nothing else changes.

    The file is read again here (not reused from ``check_readme``) so edits made
    to the rest of the README while the benchmark ran are kept.
    """
    text = read_readme(path)
    start, end, newline = find_region(text, name, key)
    section = "".join(line + newline for line in body.split("\n"))
    try:
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text[:start] + section + text[end:])
    except OSError as exc:
        raise ReadmeError(f"cannot write {path}: {exc.strerror or exc}") from None


def command_line(prog: str, argv: Sequence[str]) -> str:
    """The command as typed (paths as given), so a reader can re-run it verbatim."""
    return " ".join([prog, shlex.join(argv)]) if argv else prog


def section(prog: str, argv: Sequence[str], header: str, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A README section: the command that wrote it, its summary line, its table."""
    return "\n".join(["```", command_line(prog, argv), "```", "", header, "", markdown_table(headers, rows)])


def text_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Plain aligned columns for a terminal: the CLI's own table."""
    from newsum.render.common import plain_table

    return plain_table(headers, rows)


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GitHub table, numbers right-aligned: the form written into the README."""
    lines = [
        "| " + " | ".join(headers) + " |",
        "|" + "|".join([":---"] + ["---:"] * (len(headers) - 1)) + "|",
    ]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def positive_int(value: str) -> int:
    """argparse type for ``--limit`` and the like."""
    count = int(value)
    if count < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return count


def add_output_options(parser: argparse.ArgumentParser, name: str, key: str) -> None:
    """``--format`` and ``--update-readme``, the same in every benchmark.
    ``key`` describes the marker's data-set part, e.g. "<data stem>"."""
    parser.add_argument("--format", choices=("table", "markdown", "json"), default="table")
    parser.add_argument(
        "--update-readme",
        type=Path,
        metavar="README",
        help=f"replace the markdown table between <!-- benchmark:{name}:{key} --> markers",
    )
