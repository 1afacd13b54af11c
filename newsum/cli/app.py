"""The command line: a thin layer over the library that parses flags, calls
`newsum.pipeline` or `newsum.roundup`, renders, and maps errors to exit codes
(`newsum.cli.common`). One module per command; this one assembles them.
"""

from __future__ import annotations

import os

import typer

from newsum.cli.common import DIGEST_EXIT_CODES_HELP, EXIT_CODES_HELP, make_app
from newsum.cli.digest import digest_command
from newsum.cli.eval import eval_app
from newsum.cli.state import state_app
from newsum.cli.summarize import summarize
from newsum.version import __version__

app = make_app(
    "newsum", "Digest news articles: headline, byline, summary, keyphrases, quotes and actors.", EXIT_CODES_HELP
)


app.command(epilog=EXIT_CODES_HELP)(summarize)
app.command("digest", epilog=DIGEST_EXIT_CODES_HELP)(digest_command)
app.add_typer(state_app, name="state")
app.add_typer(eval_app, name="eval")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsum {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Digest news articles: headline, byline, summary, keyphrases, quotes and actors."""


def main() -> None:
    """Console-script entry point.

    numpy's OpenBLAS otherwise starts a thread per core that spins while idle:
    newsum's matrices are small (summary windows, keyphrase graphs) and a batch
    already uses every core through --jobs, so the CLI asks for one BLAS thread
    (measured: 0.76 -> 0.65 s CPU for a cold article). Only the command sets
    it; a program importing newsum keeps its own setting.
    """
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    app()
