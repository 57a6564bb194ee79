"""Read: the normalised text view, the spaCy pipeline that parses it, and datelines.

The text-only parts (views, datelines, quotes) import no spaCy, so reading a report without
parsing it (``frontwatch ingest --no-claims``) stays light; the parser, its components and
what a parsed Doc carries are imported on first use. Asking for ``Component`` or
``Paragraphs`` (the claims stage does) imports ``frontwatch.read.components``, which
registers the ``frontwatch_paragraphs`` component.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from frontwatch.read.dateline import Dateline, find_dateline
from frontwatch.read.quotes import find_quotes
from frontwatch.read.view import TextView, make_view, select_view, sentence_case

if TYPE_CHECKING:
    from frontwatch.read.components import Component, Paragraphs
    from frontwatch.read.pipeline import DEFAULT_MODEL, Parsed, Parser, build_nlp, load_nlp
    from frontwatch.read.source import (
        Source,
        attach_source,
        carried,
        carry,
        parsed_of,
        source_of,
    )

#: Names that need spaCy, by the module that defines them: imported when first asked for.
_SPACY_BOUND = {
    "Component": "components",
    "Paragraphs": "components",
    "DEFAULT_MODEL": "pipeline",
    "Parsed": "pipeline",
    "Parser": "pipeline",
    "build_nlp": "pipeline",
    "load_nlp": "pipeline",
    "Source": "source",
    "attach_source": "source",
    "carried": "source",
    "carry": "source",
    "parsed_of": "source",
    "source_of": "source",
}


def __getattr__(name: str) -> Any:
    module = _SPACY_BOUND.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


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
