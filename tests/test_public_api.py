"""The public surface is small and pinned: ``__all__`` is exactly what we mean to export."""

from __future__ import annotations

import importlib
from importlib.metadata import version

import pytest

import frontwatch

EXPECTED = {
    "frontwatch": {
        "Claim",
        "ControlPeriod",
        "Document",
        "Event",
        "FrontwatchError",
        "InputError",
        "Mention",
        "Place",
        "PlaceRef",
        "__version__",
    },
    "frontwatch.store": {
        "DEFAULT_URL",
        "Added",
        "ControlIndex",
        "Link",
        "Stage",
        "StageState",
        "Store",
        "TextFacts",
        "control_on",
        "event_to_json",
        "open_store",
        "place_key",
        "resolve_url",
    },
    "frontwatch.read": {
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
    },
    "frontwatch.places": {
        "Gazetteer",
        "GazetteerPlaces",
        "MentionFinder",
        "PlaceFinder",
        "PlaceMentions",
        "PlaceResolver",
        "Resolution",
        "ResolveContext",
        "find_mentions",
    },
    "frontwatch.claims": {
        "EXTRACTOR",
        "ClaimExtractor",
        "ClaimReader",
        "ClaimsComponent",
        "ExtractOptions",
        "Extraction",
        "NameMarker",
    },
    "frontwatch.fuse": {
        "Fact",
        "FuseResult",
        "Fuser",
        "Lexicons",
        "PlaceFusion",
        "control_on",
        "document_facts",
        "fuse_place",
        "group_by_place",
        "known_by",
        "lexicons",
        "make_facts",
        "parse_moment",
    },
    "frontwatch.export": {
        "EXPORTS",
        "ExportFormat",
        "export_choices",
        "export_format",
        "write_acled",
        "write_claims",
        "write_claims_geojson",
        "write_claims_geoparquet",
        "write_control",
        "write_control_geoparquet",
        "write_events_geojson",
        "write_events_geoparquet",
        "write_export",
        "write_geojson",
    },
    "frontwatch.lookup": {"PlaceLookup", "PlaceNames", "find_place"},
    "frontwatch.serve": {
        "API",
        "DEFAULT_HOST",
        "DEFAULT_PORT",
        "TOKEN_VAR",
        "WEB_DIR",
        "ServeOptions",
        "create_app",
    },
}


@pytest.mark.parametrize("module_name", sorted(EXPECTED))
def test_all_is_pinned(module_name: str) -> None:
    module = importlib.import_module(module_name)
    assert set(module.__all__) == EXPECTED[module_name]


@pytest.mark.parametrize("module_name", sorted(EXPECTED))
def test_every_exported_name_exists(module_name: str) -> None:
    module = importlib.import_module(module_name)
    missing = [name for name in module.__all__ if not hasattr(module, name)]
    assert missing == []


def test_version_matches_package_metadata() -> None:
    assert frontwatch.__version__ == version("frontwatch")
