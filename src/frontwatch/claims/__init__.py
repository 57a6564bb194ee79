"""Claims: who says what happened where and when, from every report (claims-v1)."""

from frontwatch.claims.extract import EXTRACTOR, ClaimExtractor, Extraction, ExtractOptions

__all__ = ["EXTRACTOR", "ClaimExtractor", "ExtractOptions", "Extraction"]
