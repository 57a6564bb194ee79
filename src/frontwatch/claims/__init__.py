"""Claims: who says what happened where and when, from every report (claims-v1)."""

from frontwatch.claims.extract import EXTRACTOR, ClaimExtractor, ExtractOptions, Extraction

__all__ = ["EXTRACTOR", "ClaimExtractor", "ExtractOptions", "Extraction"]
