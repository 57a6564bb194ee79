"""Independence: which claims share an origin.

An *origin* is one source of information; corroboration counts origins, not claims.

* A named claimant is one origin wherever it speaks and whatever channel carries it
  (aliases folded: "Igor Konashenkov" speaks for Russia's Defence Ministry).
* A claim with no claimant but passed on by a wire agency ("…, Reuters reported") has
  that agency's origin.
* The narrative voice of a document has its document group's origin: the group of
  near-duplicate texts (reprints), or the wire agencies the group credits ("AFP
  contributed reporting"), or the channel a Telegram post was forwarded from.
* A claimant that names no single source ("media reports", "analysts") stays inside its
  document group's origin.
* A headline in the document's voice that its body restates with a source has that
  source's origin (``_context.relay_headlines``): one report is one origin for it.
"""

from __future__ import annotations

import re
from typing import Literal

from frontwatch.fuse._lexicon import Lexicons, normalise_name
from frontwatch.model import Claim

Role = Literal["own", "independent", "admission"]
_SPLIT = re.compile(r",\s*|\s+and\s+")


def credited_wires(text: str, lex: Lexicons) -> frozenset[str]:
    """The wire agencies a document credits as a whole ("AFP contributed reporting")."""
    found: set[str] = set()
    for pattern in lex.credit_patterns:
        for match in pattern.finditer(text):
            found |= _wire_names(match.group("wire"), lex)
    return frozenset(found)


def _wire_names(group: str, lex: Lexicons) -> set[str]:
    out: set[str] = set()
    for part in _SPLIT.split(group):
        words = part.split()
        for i in range(len(words)):
            wire = lex.wire(" ".join(words[i:]))
            if wire:
                out.add(wire)
                break
    return out


def group_origin(root: str, wires: frozenset[str], forwarded_from: str | None) -> str:
    """The origin of a document group's own voice."""
    if wires:
        return "wire:" + "+".join(sorted(wires))
    if forwarded_from:
        return "channel:" + normalise_name(forwarded_from)
    return "doc:" + root


def claim_origin(claim: Claim, doc_origin: str, lex: Lexicons) -> str:
    """The origin id of one claim, given its document group's origin."""
    if claim.claimant is not None:
        if normalise_name(claim.claimant.name) in lex.generic_claimants:
            return doc_origin  # "officials said" is the document's word, not a second voice
        return "claimant:" + lex.claimant(claim.claimant.name)
    wire = lex.wire(claim.channel)
    if wire:
        return "wire:" + wire
    return doc_origin


def speaker_side(claim: Claim, lex: Lexicons) -> str | None:
    """The side of whoever makes the claim (its claimant, else a state wire), if any."""
    if claim.claimant is not None:
        side = claim.claimant.side
        return side if side in ("UA", "RU") else None
    wire = lex.wire(claim.channel)
    return lex.wire_sides.get(wire) if wire else None


def role(speaker: str | None, side: str) -> Role:
    """How a claim's speaker (its side, from :func:`speaker_side`) relates to ``side``, the
    side the claim's content favours."""
    if speaker is None:
        return "independent"
    return "own" if speaker == side else "admission"
