"""Benchmarks for newsum, run from the project root (``python -m benchmarks.<name>``)."""
