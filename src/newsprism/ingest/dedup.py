"""Near-duplicates: MinHash over word shingles, blocked by LSH band keys kept in the store.

A syndicated wire copy or a lightly edited reprint is linked to its first copy with a similarity score; it is
kept, not dropped, and later views do not count it as an independent source. Candidates come only from
documents sharing a band key (an indexed lookup), never from comparing every pair.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash

_TOKEN = re.compile(r"\w+", re.UNICODE)
_SEED = 7
# datasketch's permutation scheme, named so that a change of its default cannot silently make new signatures
# incomparable with stored ones (2.0 changed it from "legacy" to "affine32")
_SCHEME = "affine32"


def _bands_for(num_perm: int, threshold: float) -> tuple[int, int]:
    """(bands, rows) whose LSH threshold (1/b)^(1/r) sits a little below ``threshold``, for recall."""
    target = max(0.3, threshold - 0.1)
    best = (num_perm, 1)
    for rows in range(1, num_perm + 1):
        if num_perm % rows:
            continue
        bands = num_perm // rows
        if abs((1 / bands) ** (1 / rows) - target) < abs((1 / best[0]) ** (1 / best[1]) - target):
            best = (bands, rows)
    return best


@lru_cache(maxsize=4)
def _permutations(num_perm: int):
    """The random permutations MinHash draws from its seed, and its scheme, drawn once (each MinHash would
    draw them again: the same values, at a cost)."""
    template = MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME)
    return template.permutations, template.scheme


@dataclass(frozen=True)
class Signature:
    values: list[int]
    bands: list[str]


class NearDuplicates:
    def __init__(self, store, threshold: float = 0.8, num_perm: int = 128, shingle_words: int = 5):
        self.store = store
        self.threshold = threshold
        self.num_perm = num_perm
        self.k = shingle_words
        self.bands, self.rows = _bands_for(num_perm, threshold)

    def shingles(self, body: str) -> set[str]:
        tokens = [t.lower() for t in _TOKEN.findall(body)]
        if len(tokens) <= self.k:
            return {" ".join(tokens)}
        return {" ".join(tokens[i : i + self.k]) for i in range(len(tokens) - self.k + 1)}

    def signature(self, shingles: set[str]) -> Signature:
        """MinHash values and LSH band keys of a body's shingles (from ``shingles(body)``)."""
        permutations, scheme = _permutations(self.num_perm)
        m = MinHash(num_perm=self.num_perm, seed=_SEED, permutations=permutations, scheme=scheme)
        m.update_batch([s.encode("utf-8") for s in shingles])
        values = [int(v) for v in m.hashvalues]
        keys = []
        for b in range(self.bands):
            chunk = np.asarray(values[b * self.rows : (b + 1) * self.rows], dtype="<u8").tobytes()
            keys.append(f"{b}:{hashlib.blake2b(chunk, digest_size=8).hexdigest()}")
        return Signature(values, keys)

    def find(self, shingles: set[str], sig: Signature) -> tuple[str, float] | None:
        """(id of the first copy, similarity) when a stored document is a near-duplicate, else None.

        The MinHash estimate only picks candidates (it is noisy by a few points); the similarity reported and
        compared with the threshold is the exact Jaccard similarity of the two shingle sets."""
        candidates = self.store.band_candidates(sig.bands)
        if not candidates:
            return None
        mine = np.asarray(sig.values, dtype=np.uint64)
        likely = [
            doc_id
            for doc_id, values in self.store.signatures(candidates).items()
            if float(np.mean(mine == np.asarray(values, dtype=np.uint64))) >= self.threshold - 0.15
        ]
        best: tuple[str, float, str | None] | None = None
        for other in self.store.iter_documents(ids=sorted(likely)):
            theirs = self.shingles(other.body)
            sim = len(shingles & theirs) / max(1, len(shingles | theirs))
            if sim >= self.threshold and (best is None or sim > best[1]):
                best = (other.id, sim, other.duplicate_of)
        if best is None:
            return None
        return best[2] or best[0], round(best[1], 4)
