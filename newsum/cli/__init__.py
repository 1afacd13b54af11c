"""The command line (``newsum``): `main` is the console script, `app` the Typer app."""

from newsum.cli.app import app, main

__all__ = ["app", "main"]
