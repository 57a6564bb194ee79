"""Translations: a report and its translation into another language are one origin.

A translation shares no word with its original, so the near-duplicate test (``_dedupe``)
cannot see it; two documents are compared by what they claim instead. They are one report
in two languages when (thresholds in ``data/src/fuse/translation.toml``):

* their languages differ (both known; same-language copies are near-duplicates);
* they come from one outlet family: an outlet name or web host in common, after folding
  the aliases of ``data/src/fuse/outlets.tsv`` and language labels (``en.``, ``ru.``);
* they were known within ``max_hours`` of each other;
* their claims agree: the sets of (kind, side, place, polarity) of their placed claims
  overlap by at least ``min_overlap`` (shared over all, Jaccard), ``min_shared`` at least.

Two independent reports that share one claim of several stay two origins; a report with
no placed claim is never anyone's translation (nothing to compare).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from frontwatch.fuse._lexicon import Lexicons, TranslationRule, outlet_key
from frontwatch.model import Claim, Document
from frontwatch.store.codec import place_key

#: What one claim says, whoever says it and in whatever words: kind, side, place, polarity.
Gist = tuple[str, str | None, str, str]
#: All claims of the given document ids (every claim of each, whatever its place).
ClaimSource = Callable[[Sequence[str]], Iterable[Claim]]
#: A document is compared with at most this many earlier ones of its family (a flood of
#: one family's reports in a day costs a bounded number of comparisons each).
MAX_NEIGHBOURS = 50
_HOST = re.compile(r"[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?")


@dataclass(frozen=True, slots=True)
class Edition:
    """What the translation test reads of one document."""

    doc: str
    language: str | None
    families: frozenset[str]
    known: datetime | None


def outlet_families(doc: Document, lex: Lexicons) -> frozenset[str]:
    """The outlet families ``doc`` belongs to: by its outlet name and by its URL's host."""
    found: set[str] = set()
    if doc.outlet and doc.outlet.strip():
        key = outlet_key(doc.outlet)
        found.add(lex.outlets.get(key, key))
    if doc.url:
        found |= _host_families(doc.url, lex)
    return frozenset(found)


def _host_families(url: str, lex: Lexicons) -> set[str]:
    rule = lex.translation
    try:
        parts = urlsplit(url if "//" in url else "//" + url)
    except ValueError:
        return set()
    host = (parts.hostname or "").lower().rstrip(".")
    if not _HOST.fullmatch(host):
        return set()
    if host in rule.channel_hosts:
        channel = next((p for p in parts.path.split("/") if p), "")
        if not channel:
            return set()
        key = outlet_key(channel)
        return {lex.outlets.get(key, key)}
    labels = host.split(".")
    while len(labels) > 2 and labels[0] in rule.language_labels:
        labels = labels[1:]
    for i in range(len(labels) - 1):  # the host, then its parents: function.mil.ru, mil.ru
        if (parent := ".".join(labels[i:])) in lex.outlets:
            return {lex.outlets[parent]}
    name = _host_name(labels, rule)
    return {lex.outlets.get(name, name)}


def _host_name(labels: list[str], rule: TranslationRule) -> str:
    """The outlet's own label: mil for mil.gov.ua, ukrinform for ukrinform.net."""
    rest = labels[:-1] if len(labels) > 1 else labels
    if len(rest) > 1 and rest[-1] in rule.second_level:
        rest = rest[:-1]
    return rest[-1]


def claim_gists(claims: Iterable[Claim]) -> dict[str, frozenset[Gist]]:
    """Each document's placed claims as gists (claims with no place are left out)."""
    out: dict[str, set[Gist]] = {}
    for claim in claims:
        key = place_key(claim.place)
        if key is not None:
            out.setdefault(claim.doc, set()).add((claim.kind, claim.side, key, claim.polarity))
    return {doc: frozenset(gists) for doc, gists in out.items()}


def agree(a: frozenset[Gist], b: frozenset[Gist], rule: TranslationRule) -> bool:
    """Whether two documents' claims are the same claims (module docstring)."""
    shared = len(a & b)
    if shared < rule.min_shared:
        return False
    return shared / len(a | b) >= rule.min_overlap


def candidates(editions: Iterable[Edition], rule: TranslationRule) -> list[tuple[str, str]]:
    """Pairs of documents that may be translations of each other: in different languages,
    of one family, known within ``max_hours``; each pair once, in a stable order."""
    by_family: dict[str, list[tuple[datetime, str, str]]] = {}
    for edition in editions:
        if edition.language and edition.known is not None:
            for family in edition.families:
                entry = (edition.known, edition.doc, edition.language)
                by_family.setdefault(family, []).append(entry)
    pairs: set[tuple[str, str]] = set()
    for family in sorted(by_family):
        members = sorted(by_family[family])
        for i, (known, doc, language) in enumerate(members):
            for before, other, other_language in reversed(members[max(0, i - MAX_NEIGHBOURS) : i]):
                if (known - before).total_seconds() > rule.max_hours * 3600:
                    break
                if other_language != language:
                    pairs.add((other, doc))
    return sorted(pairs)


def translations(
    editions: Iterable[Edition], claims_of: ClaimSource, rule: TranslationRule
) -> list[tuple[str, str]]:
    """The candidate pairs whose claims agree; claims are asked for only for candidates."""
    pairs = candidates(editions, rule)
    if not pairs:
        return []
    gists = claim_gists(claims_of(sorted({d for pair in pairs for d in pair})))
    empty: frozenset[Gist] = frozenset()
    return [(a, b) for a, b in pairs if agree(gists.get(a, empty), gists.get(b, empty), rule)]
