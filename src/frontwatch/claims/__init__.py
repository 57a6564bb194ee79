"""Claims: who says what happened where and when, from every report (claims-v1).

Importing this package registers the ``frontwatch_names`` and ``frontwatch_claims`` spaCy
components; :class:`ClaimExtractor` builds the pipeline that runs them.
"""

from frontwatch.claims.extract import (
    EXTRACTOR,
    ClaimExtractor,
    ClaimReader,
    ClaimsComponent,
    Extraction,
    ExtractOptions,
)
from frontwatch.claims.names import NameMarker

__all__ = [
    "EXTRACTOR",
    "ClaimExtractor",
    "ClaimReader",
    "ClaimsComponent",
    "ExtractOptions",
    "Extraction",
    "NameMarker",
]
