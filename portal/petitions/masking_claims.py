# SPDX-License-Identifier: AGPL-3.0-or-later
"""The spans of a text the masking has claimed so far, for portal/petitions/masking.py.

They never overlap, so kept in order of start, whether a new span overlaps one of them is
decided by its two neighbours alone (a binary search). The earlier linear scan of every span
made a long text full of numbers quadratic.
"""

from __future__ import annotations

from bisect import bisect_right

Span = tuple[int, int, str]


class Claims:
    def __init__(self, spans: list[Span] | None = None) -> None:
        self._starts: list[int] = []
        self._spans: list[Span] = []
        for span in spans or ():
            self.claim(span)

    def free(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps no claimed span."""
        i = bisect_right(self._starts, start)
        if i and self._spans[i - 1][1] > start:
            return False
        return i == len(self._spans) or self._spans[i][0] >= end

    def claim(self, span: Span) -> bool:
        """Claim the span if it is not empty and overlaps none; whether it was claimed."""
        start, end = span[0], span[1]
        if start >= end or not self.free(start, end):
            return False
        i = bisect_right(self._starts, start)
        self._starts.insert(i, start)
        self._spans.insert(i, span)
        return True

    def spans(self) -> list[Span]:
        """The claimed spans, in order."""
        return list(self._spans)
