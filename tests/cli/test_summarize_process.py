"""CLI behaviour in a real process: pipes, exit codes, stderr, start-up imports."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest


def newsum(*args, input: bytes | None = None, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    full_env.pop("FORCE_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "newsum", *args], input=input, capture_output=True, env=full_env, timeout=120, **kwargs
    )


def test_works_offline_with_no_nltk_data(sample_path, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = newsum(
        "summarize", str(sample_path), "--format", "json", env={"NLTK_DATA": str(empty), "HOME": str(empty)}
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["article"]["authors"] == ["Vladimir Soldatkin", "Alexander Marrow"]
    assert any(q["speaker"] == "Sergei Lavrov" for q in data["quotes"])
    assert result.stderr == b""


def test_piped_output_is_plain_text_without_escapes(sample_path):
    result = newsum("summarize", str(sample_path))
    assert result.returncode == 0
    assert b"\x1b" not in result.stdout
    assert result.stdout.startswith(b"'We don't want wars'")


def test_stdin_pipe_to_json(sample_path):
    result = newsum("summarize", "-", "--format", "json", input=sample_path.read_bytes())
    assert json.loads(result.stdout)["summary"][0]["position"] == 0


BAD_INPUTS = {
    "missing": (None, "no such file"),
    "directory": ("DIR", "is a directory"),
    "empty.txt": (b"", "input is empty"),
    "binary.bin": (b"\x00\x01\x02\x03" * 50, "binary data, not text"),
    "doc.pdf": (b"%PDF-1.4\n%\xe2\xe3", "this is a PDF document, not an article"),
    "latin1.txt": ("Caf\u00e9 story about things that happened today.".encode("latin-1"), "not valid UTF-8"),
    "numbers.txt": (b"123 456 789\n\n000 111", "no article text found"),
    "huge.txt": (b"word " * 300, "larger than"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_gives_one_line_and_non_zero_exit(tmp_path, name):
    content, message = BAD_INPUTS[name]
    path = tmp_path / name
    if content == "DIR":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    result = newsum("summarize", str(path), "--max-bytes", "1000")
    assert result.returncode == 3
    assert result.stdout == b""
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"newsum: {path}: ") and message in lines[0]
    assert "Traceback" not in result.stderr.decode()


def test_batch_exit_codes_and_error_records(sample_path, tmp_path):
    result = newsum("summarize", str(sample_path), str(tmp_path / "gone.txt"), "--format", "jsonl")
    assert result.returncode == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["ok"] for r in records] == [True, False]
    assert result.stderr.decode() == f"newsum: {tmp_path / 'gone.txt'}: no such file\n"


def test_closed_pipe_is_not_an_error(sample_path):
    args = [sys.executable, "-m", "newsum", "summarize", *[str(sample_path)] * 4, "-f", "text", "-j", "1"]
    producer = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    producer.stdout.read(10)
    producer.stdout.close()
    stderr = producer.stderr.read().decode()
    assert producer.wait(timeout=60) == 0
    assert "Traceback" not in stderr and "Broken pipe" not in stderr


def _run_in_pty(args: list[str], env: dict) -> bytes:
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # child
        os.execve(sys.executable, [sys.executable, "-m", "newsum", *args], env)
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.waitpid(pid, 0)
    return b"".join(chunks)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_colour_only_on_a_terminal_and_no_color_is_honoured(sample_path):
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")}
    env["TERM"] = "xterm-256color"
    coloured = _run_in_pty(["summarize", str(sample_path)], env)
    assert b"Sergei Lavrov" in coloured
    assert b"\x1b[36m" in coloured or b"\x1b[1;36m" in coloured  # cyan section headings
    plain = _run_in_pty(["summarize", str(sample_path)], {**env, "NO_COLOR": "1"})
    assert b"Sergei Lavrov" in plain
    assert b"36m" not in plain


@pytest.mark.parametrize("code", ["import newsum.cli", "import newsum", "import newsum.pipeline"])
def test_startup_imports_no_heavy_modules(code):
    probe = f"{code}; import sys; print(sorted(m for m in sys.modules if m.split('.')[0] in {{'nltk','sumy','numpy','trafilatura'}} or m == 'rich.markdown'))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stdout


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["summarize", "--help"]])
def test_help_and_version_import_no_heavy_modules(args):
    probe = (
        "import sys\n"
        f"sys.argv = ['newsum', *{args!r}]\n"
        "from newsum.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"heavy = sorted(m for m in sys.modules if m.split('.')[0] in {{'nltk','sumy','numpy','trafilatura'}} or m == 'rich.markdown')\n"
        "sys.stderr.write(repr(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.stderr == "[]"


def test_console_script_is_installed():
    script = Path(sys.executable).parent / "newsum"
    assert script.exists()
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("newsum ")


def test_progress_only_on_a_terminal(sample_path):
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    on_terminal = _run_in_pty(["summarize", str(sample_path), "missing.txt", str(sample_path), "-j", "1"], env)
    shown = re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]", b"", on_terminal)  # a rich progress bar, in colour
    assert b"1/3 done, 0 failed" in shown and b"2/3 done, 1 failed" in shown
    piped = newsum("summarize", str(sample_path), str(sample_path), "-j", "1")
    assert b"done" not in piped.stderr and piped.stderr == b""


def test_ctrl_c_exits_130_with_one_line():
    import signal
    import time

    process = subprocess.Popen(
        [sys.executable, "-m", "newsum", "summarize", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    time.sleep(3)  # let it start and block reading standard input
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    process.stdin.close()
    assert process.returncode == 130
    assert stderr.decode() == "newsum: interrupted\n"
