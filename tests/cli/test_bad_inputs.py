"""Inputs that must not break newsum: each runs a real `newsum summarize`
process under a memory limit and a timeout, and checks the exit code, the one
stderr line, that there is no traceback, and the time and peak memory used."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

# Far above what any of these inputs needs (about 120 MB for a digest, 250 MB
# for the largest page), far below what a runaway would take.
MEMORY_LIMIT = 3 * 1024**3
PEAK_RSS_MB = 400
SECONDS = 60

ARTICLE = (
    "Officials met in Geneva on Friday to discuss the crisis, the foreign ministry said.\n\n"
    '"We are ready to talk," Foreign Minister Anna Novak told reporters after the meeting.\n\n'
    "The talks will continue next week in Vienna, according to a statement from the European Union."
)


@dataclass
class Run:
    code: int
    stdout: bytes
    stderr: str
    seconds: float
    peak_mb: float

    @property
    def lines(self) -> list[str]:
        return self.stderr.splitlines()


def _start(args: tuple[str, ...], stdin: int) -> subprocess.Popen:
    """Start newsum with its address space capped (prlimit right after the
    start: no preexec_fn, which is unsafe while test threads run)."""
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    process = subprocess.Popen(
        [sys.executable, "-m", "newsum", *args], stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    resource.prlimit(process.pid, resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    return process


def newsum(*args: str, stdin: bytes | None = None) -> Run:
    """Run newsum with ``stdin`` (peak memory not measured)."""
    started = time.monotonic()
    process = _start(args, subprocess.PIPE if stdin is not None else subprocess.DEVNULL)
    try:
        stdout, stderr = process.communicate(stdin, timeout=SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail(f"newsum {' '.join(args)} ran for more than {SECONDS} s")
    return Run(process.returncode, stdout, stderr.decode("utf-8", "replace"), time.monotonic() - started, 0.0)


# A child's ru_maxrss counts the memory of the process that forked it up to
# its exec (Linux keeps the high-water mark across exec), and pytest is large
# by now; so newsum is started by a small launcher that reports its own figures.
LAUNCHER = (
    "import os, resource, subprocess, sys\n"
    "out, err, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])\n"
    "with open(out, 'wb') as o, open(err, 'wb') as e:\n"
    "    p = subprocess.Popen(sys.argv[4:], stdin=subprocess.DEVNULL, stdout=o, stderr=e,\n"
    "                         preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit)))\n"
    "    _, status, u = os.wait4(p.pid, 0)\n"
    "print(os.waitstatus_to_exitcode(status), u.ru_maxrss)\n"
)


def measured(*args: str) -> Run:
    """As `newsum`, with newsum's own peak RSS (see `LAUNCHER`)."""
    import tempfile

    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    with tempfile.TemporaryDirectory() as folder:
        out, err = Path(folder) / "stdout", Path(folder) / "stderr"
        started = time.monotonic()
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                LAUNCHER,
                str(out),
                str(err),
                str(MEMORY_LIMIT),
                sys.executable,
                "-m",
                "newsum",
                *args,
            ],
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=SECONDS,
            check=False,
        )
        seconds = time.monotonic() - started
        stdout, stderr = out.read_bytes(), err.read_bytes()
    code, peak = result.stdout.decode().split()
    return Run(int(code), stdout, stderr.decode("utf-8", "replace"), seconds, int(peak) / 1024)


def assert_refused(run: Run, path: Path | str, message: str) -> None:
    """Exit 3, nothing on stdout, exactly one line `newsum: PATH: …message…`."""
    assert "Traceback" not in run.stderr
    assert run.code == 3, run.stderr
    assert run.stdout == b""
    assert len(run.lines) == 1, run.lines
    assert run.lines[0].startswith(f"newsum: {path}: ") and message in run.lines[0], run.lines[0]
    assert run.peak_mb < PEAK_RSS_MB


def assert_digested(run: Run) -> dict:
    assert "Traceback" not in run.stderr
    assert run.code == 0, run.stderr
    assert run.peak_mb < PEAK_RSS_MB
    return json.loads(run.stdout)


# --- refused with one line ---------------------------------------------------------------

REFUSED = {
    "empty.txt": (b"", "input is empty"),
    "whitespace.txt": (b"  \n\t\n   \r\n \x0b\x0c ", "input is empty"),
    "program": (b"\x7fELF\x02\x01\x01\x00" + bytes(512), "this is an executable, not an article"),
    "picture.png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(256), "this is a PNG image, not an article"),
    "latin1.txt": (
        "Officials met in Zürich on Friday to discuss the crisis.".encode("latin-1"),
        "not valid UTF-8 (byte 0xfc at offset 18); pass --encoding",
    ),
    "quote-marks.txt": (('"' * 300 + "\n\n" + "“”‘’«»„‹›'" * 60).encode(), "no article text found"),
    "numbers.txt": (
        b"1 2 3 4 5 6 7 8 9 10\n\n3.14159 2.71828 1,000,000\n\n2024-01-01 12:00 +0100",
        "no article text found",
    ),
    "no-article.html": (
        (
            b"<!DOCTYPE html><html><head><title>Home</title></head><body><nav><a href='/'>Home</a> "
            b"<a href='/about'>About us</a> <a href='/contact'>Contact</a></nav></body></html>"
        ),
        "no article found on this page",
    ),
    "all-script.html": (
        b"<!DOCTYPE html><html><head><title>App</title><script>var x = 1;</script></head><body>"
        + b"<script>document.write('Officials met in Geneva on Friday to discuss the crisis.');</script>" * 2000
        + b"</body></html>",
        "no article found on this page",
    ),
    # lxml (libxml2) keeps 256 levels of nesting: the paragraph 10,000 levels
    # down is lost, and the page has nothing else.
    "nested.html": (
        b"<!DOCTYPE html><html><head><title>Deep</title></head><body>"
        + b"<div>" * 10_000
        + ARTICLE.encode()
        + b"</div>" * 10_000
        + b"</body></html>",
        "no article found on this page",
    ),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_with_one_line(tmp_path, name):
    content, message = REFUSED[name]
    path = tmp_path / name
    path.write_bytes(content)
    assert_refused(measured("summarize", str(path)), path, message)


def test_a_100_mb_text_is_refused_before_it_is_read_whole(tmp_path):
    path = tmp_path / "huge.txt"
    line = ("The minister said the talks would continue. " * 20 + "\n").encode()
    with path.open("wb") as handle:
        for _ in range(100 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    assert path.stat().st_size >= 100 * 1024 * 1024
    run = measured("summarize", str(path))
    assert_refused(run, path, "input is larger than 10 MB; raise the limit with --max-bytes")
    assert run.seconds < 10 and run.peak_mb < 100  # 10 MB read, nothing parsed


def test_a_directory(tmp_path):
    assert_refused(measured("summarize", str(tmp_path)), tmp_path, "is a directory")


def test_a_fifo_nobody_writes_to_gives_up_after_the_timeout(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    run = measured("summarize", str(fifo), "--timeout", "1")
    assert_refused(run, fifo, "a named pipe (FIFO) that nobody wrote to within 1 s")
    assert run.seconds < 15


def test_a_fifo_with_a_writer_is_read(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def write() -> None:
        with open(fifo, "wb") as handle:  # blocks until newsum opens the pipe
            handle.write(ARTICLE.encode())

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    data = assert_digested(measured("summarize", str(fifo), "-f", "json"))
    writer.join(10)
    assert "Geneva" in data["article"]["text"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file: permission denied cannot happen")
def test_an_unreadable_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    path.chmod(0)
    assert_refused(measured("summarize", str(path)), path, "permission denied")


def test_a_path_through_a_file(tmp_path):
    """What root sees instead of 'permission denied': another OS error, one line."""
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert_refused(measured("summarize", str(path / "inside.txt")), path / "inside.txt", "Not a directory")


def test_empty_standard_input():
    run = newsum("summarize", "-", stdin=b"")
    assert run.code == 3 and run.stderr == "newsum: <stdin>: input is empty\n"


# --- read, and digested ------------------------------------------------------------------------


def test_utf16_with_a_bom_is_read(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(ARTICLE.encode("utf-16"))  # BOM included
    data = assert_digested(measured("summarize", str(path), "-f", "json"))
    assert data["article"]["text"].startswith("Officials met in Geneva")
    assert any(a["name"] == "Anna Novak" and a["role"] == "Foreign Minister" for a in data["actors"])


def test_one_sentence_of_50000_characters(tmp_path):
    path = tmp_path / "run-on.txt"
    words = "the minister said that the talks in Geneva would go on and on while "
    path.write_text(("Officials said " + words * 800)[:49_999] + ".", encoding="utf-8")
    run = measured("summarize", str(path), "-f", "json")
    data = assert_digested(run)
    assert len(data["summary"]) == 1 and len(data["summary"][0]["text"]) > 40_000
    assert run.seconds < 30


def test_unbalanced_quotes(tmp_path):
    path = tmp_path / "unbalanced.txt"
    path.write_text(
        'Officials met in Geneva on Friday. "We are ready, the minister said to reporters in the capital.\n\n'
        '"Another paragraph opens and never closes as the talks went on and on, he said.\n\n'
        'He said "yes and she said" no " and " then the meeting ended. «Unclosed guillemets, said Anna Novak.',
        encoding="utf-8",
    )
    data = assert_digested(measured("summarize", str(path), "-f", "json"))
    text = data["article"]["text"]
    for quote in data["quotes"]:
        assert 0 <= quote["start"] <= quote["end"] <= len(text)


def test_escapes_and_markup_in_the_article_cannot_style_the_terminal(tmp_path):
    path = tmp_path / "escapes.txt"
    path.write_text(
        "Officials \x1b[31mmet\x1b[0m in Geneva on Friday to discuss the [bold red]crisis[/bold red], the minister said.\n\n"
        "\x1b]0;owned\x07The talks [link=http://evil.example]were useful[/link] and would continue, officials said.\x07\n\n"
        '"We are [blink]ready[/blink] to talk," Foreign Minister Anna Novak told reporters after the meeting.',
        encoding="utf-8",
    )
    for fmt in ("rich", "text", "markdown", "json"):
        run = measured("summarize", str(path), "-f", fmt)
        assert run.code == 0 and "Traceback" not in run.stderr, run.stderr
        assert b"\x1b" not in run.stdout and b"\x07" not in run.stdout, fmt
        if fmt in ("rich", "text", "json"):
            assert b"[bold red]crisis[/bold" in run.stdout, fmt  # printed as written, not interpreted
    data = json.loads(measured("summarize", str(path), "-f", "json").stdout)
    assert "\x1b" not in data["article"]["text"] and "owned" not in data["article"]["text"]


def test_a_20_mb_page_is_read_in_bounded_memory(tmp_path):
    path = tmp_path / "big.html"
    story = "".join(f"<p>{p}</p>" for p in ARTICLE.replace('"', "&quot;").split("\n\n"))
    filler = "<div class='ad'><span>Sponsored</span><a href='/x'>More</a></div><script>var a=1;</script>" * 250_000
    path.write_text(
        f"<!DOCTYPE html><html lang='en'><head><title>Talks | Site</title></head><body><article>"
        f"<h1>Talks</h1>{story}</article>{filler}</body></html>",
        encoding="utf-8",
    )
    assert path.stat().st_size > 20_000_000
    run = measured("summarize", str(path), "-f", "json", "--max-bytes", "30000000")
    data = assert_digested(run)
    assert "Geneva" in data["article"]["text"]
    assert run.peak_mb < 300
    assert data["errors"][0]["code"] == "page_truncated"
    assert run.lines == [f"newsum: {path}: warning: {data['errors'][0]['message']}"]
