"""Ctrl-C and a closed pipe, in real processes: a batch stops cleanly, its
JSONL so far is whole lines, no worker is left behind, no traceback."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and process groups")


def start(args: list[str]) -> subprocess.Popen:
    """newsum in a process group of its own, as a shell job is: a terminal's
    Ctrl-C goes to the whole group, workers included."""
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    return subprocess.Popen(
        [sys.executable, "-m", "newsum", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    )


def finish(process: subprocess.Popen) -> tuple[bytes, bytes]:
    """The rest of stdout, then stderr. Not communicate(): it reads the raw
    pipe and would skip what readline() already buffered."""
    rest = process.stdout.read()
    stderr = process.stderr.read()
    process.wait(timeout=60)
    return rest, stderr


def group_is_gone(pgid: int, within: float = 10.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_mid_batch_exits_130_with_whole_jsonl_lines(sample_path, jobs):
    process = start(["summarize", *[str(sample_path)] * 40, "-f", "jsonl", "-j", jobs])
    first = process.stdout.readline()
    assert json.loads(first)["ok"]
    os.killpg(process.pid, signal.SIGINT)  # Ctrl-C at a terminal
    rest, stderr = finish(process)
    assert process.returncode == 130
    assert stderr.decode() == "newsum: interrupted\n"
    output = first + rest
    assert output.endswith(b"\n")
    records = [json.loads(line) for line in output.splitlines()]
    assert 1 <= len(records) < 40 and all(r["ok"] for r in records)
    assert group_is_gone(process.pid), "a worker outlived the interrupted run"


def test_sigint_to_the_parent_alone_also_stops_the_workers(sample_path):
    process = start(["summarize", *[str(sample_path)] * 40, "-f", "jsonl", "-j", "2"])
    process.stdout.readline()
    process.send_signal(signal.SIGINT)  # kill -INT PID: the workers do not see it
    _, stderr = finish(process)
    assert process.returncode == 130 and stderr.decode() == "newsum: interrupted\n"
    assert group_is_gone(process.pid)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_closed_pipe_exits_quietly(sample_path, jobs):
    """`newsum … | head -1`: the reader goes away after one line."""
    process = start(["summarize", *[str(sample_path)] * 20, "-f", "jsonl", "-j", jobs])
    assert json.loads(process.stdout.readline())["ok"]
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0
    assert stderr == ""
    assert group_is_gone(process.pid)


def test_closed_pipe_in_a_shell_pipeline(sample_path):
    command = f"{sys.executable} -m newsum summarize {' '.join([str(sample_path)] * 6)} -f text | head -1"
    result = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().startswith("'We don't want wars'")
    assert result.stderr == b""
