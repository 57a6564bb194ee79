"""What a pipeline ``Doc`` carries about its report, so components need no side channel.

The claims pipeline parses only the sentences a pre-filter kept (a :class:`TextView` whose
offsets map to the stored text). Each component needs the stored document and that view;
they travel on the ``Doc`` itself, as does what a component leaves for the next one, so
``nlp.pipe(n_process=...)`` works: spaCy sends a ``Doc`` between processes as bytes, and
``carry`` pickles values for that (the pickles only ever pass between our own processes).
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from frontwatch.model import Document
from frontwatch.read.pipeline import Parsed
from frontwatch.read.view import TextView

__all__ = ["Source", "attach_source", "carried", "carry", "parsed_of", "source_of"]

_KEY = "frontwatch:"


@dataclass(frozen=True, slots=True)
class Source:
    """The stored report, the view of it the ``Doc`` holds, and its quotes (stored offsets)."""

    document: Document
    view: TextView
    quotes: tuple[tuple[int, int], ...] = ()


def carry(doc: Doc, name: str, value: Any) -> Doc:
    """Keep ``value`` in ``doc.user_data`` under ``"frontwatch:<name>"``; return ``doc``."""
    doc.user_data[_KEY + name] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return doc


def carried(doc: Doc, name: str) -> Any:
    """What :func:`carry` kept under ``name``; ``LookupError`` when nothing was."""
    raw = doc.user_data.get(_KEY + name)
    if raw is None:
        raise LookupError(f"the Doc carries no {name!r}: run the component that sets it first")
    return pickle.loads(raw)  # noqa: S301 - our own pickle, made by carry() in this pipeline


def attach_source(doc: Doc, source: Source) -> Doc:
    return carry(doc, "source", source)


def source_of(doc: Doc) -> Source:
    source = carried(doc, "source")
    if not isinstance(source, Source):
        raise TypeError(f"the Doc's source is a {type(source).__name__}, not a Source")
    return source


def parsed_of(doc: Doc) -> Parsed:
    """The report ``doc`` parses, as the places stage reads it."""
    source = source_of(doc)
    return Parsed(document=source.document, view=source.view, doc=doc)
