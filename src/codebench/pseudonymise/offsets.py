"""Offsets through a replacement: where a position of the old text lies in the new one.

Replacing "Marieke de Boer" (15 code points) by "[PERSOON-1]" (11) moves everything after it
four places to the left. A position inside a replaced span moves to the surrogate's start when
it starts a span (a coding, a sentence) and to its end when it ends one, so a passage that
held part of a name holds the whole surrogate. Lookups are a binary search: a document with
thousands of codings and sentences is remapped in one pass.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True, order=True)
class Replacement:
    """Put ``surrogate`` where ``start``..``end`` (code points, end exclusive) was."""

    start: int
    end: int
    surrogate: str


class OffsetMap:
    """Positions of the text before a set of replacements, in the text after them."""

    def __init__(self, replacements: Sequence[Replacement]) -> None:
        ordered = sorted(replacements)
        for before, after in pairwise(ordered):
            if after.start < before.end:
                raise ValueError(f"replacements overlap at {after.start}")
        self._starts = [r.start for r in ordered]
        self._ends = [r.end for r in ordered]
        self._new_starts: list[int] = []
        self._shifts: list[int] = []  # the shift of positions at or after each replacement's end
        shift = 0
        for replacement in ordered:
            self._new_starts.append(replacement.start + shift)
            shift += len(replacement.surrogate) - (replacement.end - replacement.start)
            self._shifts.append(shift)
        self._new_ends = [
            start + len(r.surrogate) for start, r in zip(self._new_starts, ordered, strict=True)
        ]

    def start(self, position: int) -> int:
        """Where a span starting at ``position`` starts after the replacements."""
        return self._map(position, inside_end=False)

    def end(self, position: int) -> int:
        """Where a span ending at ``position`` ends after the replacements."""
        return self._map(position, inside_end=True)

    def _map(self, position: int, *, inside_end: bool) -> int:
        index = bisect_right(self._starts, position) - 1
        if index < 0:
            return position
        if position >= self._ends[index]:
            return position + self._shifts[index]
        if position == self._starts[index] or not inside_end:
            return self._new_starts[index]
        return self._new_ends[index]


def replace_spans(text: str, replacements: Sequence[Replacement]) -> str:
    """``text`` with every replacement made (they must not overlap)."""
    pieces, last = [], 0
    for replacement in sorted(replacements):
        pieces += [text[last : replacement.start], replacement.surrogate]
        last = replacement.end
    pieces.append(text[last:])
    return "".join(pieces)
