"""Read: the normalised text view, the spaCy pipeline that parses it, and datelines."""

from frontwatch.read.dateline import Dateline, find_dateline
from frontwatch.read.pipeline import DEFAULT_MODEL, Parsed, Parser, load_nlp
from frontwatch.read.view import TextView, make_view

__all__ = [
    "DEFAULT_MODEL",
    "Dateline",
    "Parsed",
    "Parser",
    "TextView",
    "find_dateline",
    "load_nlp",
    "make_view",
]
