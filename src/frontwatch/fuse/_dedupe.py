"""Near-duplicate documents: word shingles, MinHash signatures, banded LSH, union-find.

Each document's text becomes the set of its 5-word shingles (CRC-32 hashed); 64 hash
functions ``(a·h + b) mod p`` give a MinHash signature whose agreement estimates the
Jaccard similarity of two shingle sets. Signatures are cut into 16 bands of 4 rows; two
documents that agree on a whole band are candidates (the chance is about 1/2 at
Jaccard 0.5 and above 0.99 at 0.8), and a candidate whose estimated Jaccard is at least
``THRESHOLD`` joins the other's group.

A bucket keeps at most ``PER_GROUP`` members of one group, so a flood of copies of one
story costs a constant number of comparisons per copy instead of one per earlier copy:
``comparisons`` counts them.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

SHINGLE = 5
NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
THRESHOLD = 0.6
PER_GROUP = 3
_PRIME = np.uint64(4294967291)
_SEED = 20220908
#: The settings a signature is made with: kept signatures made otherwise are made again.
MINHASH = f"shingle={SHINGLE} perm={NUM_PERM} bands={BANDS} prime={_PRIME} seed={_SEED}"
_RNG = np.random.default_rng(_SEED)
_A = _RNG.integers(1, 2**31 - 1, size=(NUM_PERM, 1), dtype=np.uint64)
_B = _RNG.integers(0, 2**31 - 1, size=(NUM_PERM, 1), dtype=np.uint64)
_WORD = re.compile(r"\w+")

Signature = npt.NDArray[np.uint64]


def shingle_hashes(text: str) -> npt.NDArray[np.uint64]:
    """CRC-32 hashes of the distinct lower-cased 5-word shingles of ``text``."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        grams = {" ".join(words)} if words else set()
    else:
        grams = {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    return np.fromiter((zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.uint64)


def signature(text: str) -> Signature | None:
    """The MinHash signature of ``text``, or None for a text with no words."""
    hashes = shingle_hashes(text)
    if hashes.size == 0:
        return None
    mixed = (_A * hashes[np.newaxis, :] + _B) % _PRIME
    result: Signature = mixed.min(axis=1)
    return result


def similarity(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


def band_keys(sig: Signature) -> list[tuple[int, bytes]]:
    """(band, the bytes of its rows) for each band: slices of the signature's buffer."""
    return raw_band_keys(sig.tobytes())


_BAND_BYTES = ROWS * np.dtype(np.uint64).itemsize


def raw_band_keys(raw: bytes) -> list[tuple[int, bytes]]:
    """``band_keys`` of the signature whose buffer is ``raw`` (as kept in the store)."""
    size = _BAND_BYTES
    return [(band, raw[band * size : (band + 1) * size]) for band in range(BANDS)]


@dataclass
class NearDuplicates:
    """Groups of near-duplicate documents, grown one document at a time.

    ``order`` gives each document's sort key (knowledge time, id): a group's root is
    its earliest member, whatever order documents arrive in.
    """

    order: Callable[[str], tuple[str, str]]
    comparisons: int = 0
    _parent: dict[str, str] = field(default_factory=dict)
    _members: dict[str, list[str]] = field(default_factory=dict)
    _sigs: dict[str, Signature] = field(default_factory=dict)
    _buckets: dict[tuple[int, bytes], list[str]] = field(default_factory=dict)

    def root(self, doc_id: str) -> str:
        """The id of the earliest document of ``doc_id``'s group (itself when alone)."""
        top = doc_id
        while (parent := self._parent.get(top, top)) != top:
            top = parent
        while doc_id != top:
            following = self._parent[doc_id]
            self._parent[doc_id] = top
            doc_id = following
        return top

    def members(self, root: str) -> list[str]:
        return self._members.get(root, [root])

    def add(
        self,
        doc_id: str,
        text: str,
        sig: Signature | None = None,
        bands: Sequence[tuple[int, bytes]] | None = None,
    ) -> set[str]:
        """Index one document; returns the ids whose group root changed (it included).

        ``sig`` is the text's signature and ``bands`` its band keys where the caller has
        them already (a cache).
        """
        if doc_id in self._parent:
            return set()
        self._parent[doc_id] = doc_id
        self._members[doc_id] = [doc_id]
        sig = sig if sig is not None else signature(text)
        if sig is None:
            return {doc_id}
        self._sigs[doc_id] = sig
        changed = {doc_id}
        for key in bands if bands is not None else band_keys(sig):
            bucket = self._buckets.get(key)
            if bucket is None:  # nothing to compare with: what _probe does, without the walk
                self._buckets[key] = [doc_id]
            else:
                changed |= self._probe(doc_id, sig, key)
        return changed

    def _probe(self, doc_id: str, sig: Signature, key: tuple[int, bytes]) -> set[str]:
        bucket = self._buckets.setdefault(key, [])
        changed: set[str] = set()
        seen_roots: dict[str, int] = {}
        for other in bucket:
            other_root = self.root(other)
            if other_root == self.root(doc_id):
                seen_roots[other_root] = seen_roots.get(other_root, 0) + 1
                continue
            self.comparisons += 1
            if similarity(sig, self._sigs[other]) >= THRESHOLD:
                changed |= self._union(doc_id, other)
            seen_roots[other_root] = seen_roots.get(other_root, 0) + 1
        if seen_roots.get(self.root(doc_id), 0) < PER_GROUP:
            bucket.append(doc_id)
        return changed

    def join(self, a: str, b: str) -> set[str]:
        """Put two indexed documents in one group, whatever their texts (a translation:
        ``_translations``); returns the ids whose group root changed."""
        return self._union(a, b)

    def _union(self, a: str, b: str) -> set[str]:
        ra, rb = self.root(a), self.root(b)
        if ra == rb:
            return set()
        keep, drop = (ra, rb) if self.order(ra) <= self.order(rb) else (rb, ra)
        moved = self._members.pop(drop, [drop])
        self._members.setdefault(keep, [keep]).extend(moved)
        self._parent[drop] = keep
        return set(moved)
