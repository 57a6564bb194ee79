"""Read: the normalised text view, the spaCy pipeline that parses it, and datelines.

Importing this package registers the ``frontwatch_paragraphs`` component.
"""

from frontwatch.read.components import Component, Paragraphs
from frontwatch.read.dateline import Dateline, find_dateline
from frontwatch.read.pipeline import DEFAULT_MODEL, Parsed, Parser, build_nlp, load_nlp
from frontwatch.read.quotes import find_quotes
from frontwatch.read.source import Source, attach_source, carried, carry, parsed_of, source_of
from frontwatch.read.view import TextView, make_view, select_view, sentence_case

__all__ = [
    "DEFAULT_MODEL",
    "Component",
    "Dateline",
    "Paragraphs",
    "Parsed",
    "Parser",
    "Source",
    "TextView",
    "attach_source",
    "build_nlp",
    "carried",
    "carry",
    "find_dateline",
    "find_quotes",
    "load_nlp",
    "make_view",
    "parsed_of",
    "select_view",
    "sentence_case",
    "source_of",
]
