"""The ``frontwatch`` command."""

from frontwatch.cli.main import app, main

__all__ = ["app", "main"]
