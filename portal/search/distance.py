"""How far apart two words are, for typo tolerance and "did you mean" on both backends."""

from __future__ import annotations


def within(a: str, b: str, limit: int) -> bool:
    """Edit distance (insert, delete, substitute, swap two neighbours) of at most `limit`."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ca != cb))
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], previous2[j - 2] + 1)
        if min(row) > limit:
            return False
        previous2, previous = previous, row
    return previous[-1] <= limit
