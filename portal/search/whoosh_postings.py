"""Whoosh 3 postings and field lengths read a block (or a column) at a time, and the order of
results as Whoosh gives it, for whoosh_match.py.

Whoosh reads them one posting, one document at a time through Python calls; these functions
use the codec's own block reader (W3LeafMatcher) and length column, so they follow its format.
"""

from __future__ import annotations

import pickle  # nosec B403 (positions as Whoosh pickles them, in the index this site writes)
from dataclasses import dataclass
from itertools import accumulate

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3PerDocReader
from whoosh.formats import Positions
from whoosh.system import _INT_SIZE
from whoosh.util.numeric import byte_to_length

BYTE_LENGTH = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)


def length_bytes(reader, field: str) -> np.ndarray | None:
    """The length bytes of a Whoosh 3 segment's field, read at once (Whoosh reads them one by one)."""
    perdoc = getattr(reader, "_perdoc", None)
    if not isinstance(perdoc, W3PerDocReader):
        return None
    column = perdoc._cached_reader(f"_{field}_len", LENGTHS_COLUMN)
    count = reader.doc_count_all()
    codes = np.zeros(count, dtype=np.uint8)
    if column is not None and column._fixedlen == 1 and column._count:
        stored = min(column._count, count)
        codes[:stored] = np.frombuffer(column._dbfile.get(column._basepos, stored), dtype=np.uint8)
    return codes


@dataclass(frozen=True)
class Postings:
    """One term's postings: document numbers (ascending), weights, and the encoded positions of
    each posting (a slice of `values`, from `starts[i]` to `starts[i + 1]`)."""
    ids: np.ndarray
    weights: np.ndarray
    values: bytes
    starts: np.ndarray

    @property
    def nbytes(self) -> int:
        return self.ids.nbytes + self.weights.nbytes + len(self.values) + self.starts.nbytes + 200

    def values_of(self, docs: np.ndarray) -> list[bytes]:
        """The encoded values of these documents' postings (each document must have one)."""
        at = np.searchsorted(self.ids, docs)
        values = self.values
        return [values[a:b] for a, b in zip(self.starts[at].tolist(), self.starts[at + 1].tolist(), strict=True)]


def position_decoder(field_format):
    """value -> positions, for a field's format: for Whoosh's Positions (every field of this site
    that has positions) the same as its decode_positions without its Python loop per position;
    Whoosh's own decoder for any other format."""
    if type(field_format) is not Positions:
        return field_format.decoder("positions")

    def decode(value: bytes) -> list[int]:
        # A count, then the pickled gaps between positions (their pickle's STOP byte stripped).
        body = value[_INT_SIZE:] if value.endswith(b".") else value[_INT_SIZE:] + b"."
        return list(accumulate(pickle.loads(body)))  # noqa: S301 # nosec B301

    return decode


def read_postings(leaves, field: str, text: bytes) -> Postings:
    """Read block by block, as Whoosh 3 stores them (Whoosh reads a posting at a time)."""
    ids, weights, values = [], [], []
    for reader, offset in leaves:
        if (field, text) not in reader:
            continue
        matcher = reader.postings(field, text)
        matcher = getattr(matcher, "child", matcher)  # deletions are masked by Engine.live
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            matcher._read_values()
            ids.append(np.asarray(matcher._ids, dtype=np.int32) + offset)
            weights.append(np.asarray(matcher._weights, dtype=np.float32))
            values.extend(v or b"" for v in matcher._values)
            matcher._next_block()
    if not ids:
        return Postings(np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32), b"", np.zeros(1, dtype=np.int64))
    starts = np.zeros(len(values) + 1, dtype=np.int64)
    np.cumsum([len(v) for v in values], out=starts[1:])
    return Postings(np.concatenate(ids), np.concatenate(weights), b"".join(values), starts)


def best(docs: np.ndarray, score: np.ndarray, limit: int | None) -> np.ndarray:
    """The best of `docs`: highest score first, then the lower document number (as Whoosh)."""
    if limit == 0:
        return docs[:0]
    if limit is not None and len(docs) > limit * 8:
        cut = np.partition(score[docs], len(docs) - limit)[len(docs) - limit]
        docs = docs[score[docs] >= cut]
    ordered = docs[np.lexsort((docs, -score[docs]))]
    return ordered if limit is None else ordered[:limit]
