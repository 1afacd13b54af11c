"""What every command shares: the app factory, exit codes and their help, the
one place errors become exit codes, stderr lines, and options used by more
than one command.

Start-up time matters (cron runs, shell loops), so the cli modules import only
typer and newsum's light modules; nltk, sumy, numpy and rich load inside the
code paths that need them. A test guards it.
"""

from __future__ import annotations

import contextlib
import enum
import os
import sys
from collections.abc import Iterator

import typer

from newsum.errors import ExitCode, NewsumError, exit_code_of

EXIT_CODES_HELP = (
    "\b\nExit codes:\n"
    "  0    every input produced a digest\n"
    "  1    some inputs failed (one error line each on stderr)\n"
    "  2    usage error (bad option or value)\n"
    "  3    nothing usable: every input failed\n"
    "  4    internal error (a bug; --debug shows the traceback)\n"
    "  75   newsum digest/state: another run held the state lock longer than --wait\n"
    "  130  interrupted (Ctrl-C)"
)
EVAL_EXIT_CODES_HELP = (
    "\b\nExit codes:\n"
    "  0    every system scored every article\n"
    "  1    an algorithm failed on some articles (one line each on stderr)\n"
    "  2    usage error (bad option or value; the eval extra not installed)\n"
    "  3    nothing usable: data file missing, unreadable, empty, or a bad line\n"
    "  4    internal error (a bug; --debug shows the traceback)\n"
    "  130  interrupted (Ctrl-C)"
)

DIGEST_EXIT_CODES_HELP = (
    "\b\nExit codes:\n"
    "  0    every source was read and every new item digested\n"
    "  1    something failed (listed under Problems / errors[] and on stderr); the rest was written\n"
    "  2    usage error (bad option or value, a bad feeds file)\n"
    "  3    nothing usable: every source failed, or the state cannot be used\n"
    "  4    internal error (a bug; --debug shows the traceback)\n"
    "  75   another run held the state lock longer than --wait (nothing done; try later)\n"
    "  130  interrupted (Ctrl-C; nothing marked seen)"
)
STATE_EXIT_CODES_HELP = (
    "\b\nExit codes:\n"
    "  0    done\n"
    "  2    usage error (bad option or value)\n"
    "  3    the state cannot be used (unwritable, not newsum's, a newer schema)\n"
    "  75   another run held the state lock longer than --wait"
)


def make_app(name: str, help: str, epilog: str) -> typer.Typer:  # noqa: A002 - typer's own keyword
    """newsum's apps and sub-apps all read the same way: plain help (typer's
    rich help imports rich.markdown, a slow start-up), help when called bare,
    no shell-completion options, no pretty tracebacks (errors.py maps those)."""
    return typer.Typer(
        name=name,
        help=help,
        epilog=epilog,
        add_completion=False,
        no_args_is_help=True,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
    )


# Kept in step with newsum.analyses.summary.ALGORITHMS (a test checks); listed here so
# that `--help` does not import the summary stage.
class Algorithm(str, enum.Enum):
    news = "news"
    lead = "lead"
    lex_rank = "lex-rank"
    text_rank = "text-rank"
    lsa = "lsa"
    luhn = "luhn"
    kl = "kl"
    sum_basic = "sum-basic"
    reduction = "reduction"
    edmundson = "edmundson"


@contextlib.contextmanager
def exit_codes(debug: bool) -> Iterator[None]:
    """Every command's failures end here: one stderr line and an exit code
    (`newsum.errors.exit_code_of` maps newsum's own errors)."""
    try:
        yield
    except typer.Exit:
        raise
    except NewsumError as exc:
        say_error(str(exc))
        raise typer.Exit(exit_code_of(exc)) from None
    except KeyboardInterrupt:
        say_error("interrupted")
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    except BrokenPipeError:
        # The reader went away (`newsum ... | head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(ExitCode.OK) from None
    except Exception as exc:  # the last line of defence: no tracebacks
        if debug:
            raise
        say_error(f"internal error: {exc!r}; rerun with --debug for the traceback, and please report it")
        raise typer.Exit(ExitCode.INTERNAL) from None


@contextlib.contextmanager
def no_interrupt() -> Iterator[None]:
    """Ctrl-C waits until a digest is written whole: JSONL stays line-complete,
    even when the write blocks on a full pipe. SIGINT is caught and held
    meanwhile (a Python handler: it runs in the main thread whichever thread
    the signal reaches, which a signal mask does not ensure once the process
    pool's threads exist), then raised as KeyboardInterrupt."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():  # pragma: no cover - signals are main-thread only
        yield
        return
    held: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: held.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if held:
        raise KeyboardInterrupt


def say_error(message: str) -> None:
    from newsum.render.common import safe

    sys.stderr.write(f"newsum: {safe(message)}\n")
    sys.stderr.flush()


def actor_count(value: str) -> int | None:
    """``--actors N|all``: how many actors the human formats list (None: all)."""
    from newsum.errors import UsageError

    if value.strip().lower() == "all":
        return None
    try:
        count = int(value)
    except ValueError:
        raise UsageError(f"--actors takes a number or 'all', not {value!r}") from None
    if count < 0:
        raise UsageError("--actors must be zero or more")
    return count
