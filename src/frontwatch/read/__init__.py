"""Read: the normalised text view and the spaCy pipeline that parses it."""

from frontwatch.read.pipeline import DEFAULT_MODEL, Parsed, Parser, load_nlp
from frontwatch.read.view import TextView, make_view

__all__ = ["DEFAULT_MODEL", "Parsed", "Parser", "TextView", "load_nlp", "make_view"]
