"""What every agreement figure of one code (or of all codes pooled) is computed from.

For a 0/1 code a unit matters only through its pattern: how many coders said 0 and how many
said 1. A :class:`Tally` holds how many units show each pattern, the 2 x 2 table of two coders
(which a pattern cannot tell: who said what) and each coder's positives. Codes' tallies add up
to the pooled tally, so the pooled figures never read a matrix again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]
Matrix = npt.NDArray[np.int8]
MISSING = -1


@dataclass(frozen=True)
class Tally:
    """Pattern counts of one code (or pooled), indexed zeros * (coders + 1) + ones.

    ``table`` is the two coders' 2 x 2 table (None for more coders); ``value_counts`` the
    per-unit (zeros, ones) rows of one code, kept so that its alpha can come from the
    ``krippendorff`` package itself (None when pooled).
    """

    histogram: Ints
    table: Ints | None
    positives: dict[str, int]
    value_counts: Ints | None = None

    @property
    def coders(self) -> int:
        return len(self.positives)

    @cached_property
    def _present(self) -> Ints:
        return np.nonzero(self.histogram)[0]

    @cached_property
    def patterns(self) -> Ints:
        """The distinct (zeros, ones) rows that occur."""
        m = self.coders
        present = self._present
        return np.stack([present // (m + 1), present % (m + 1)], axis=1).astype(np.int64)

    @cached_property
    def weights(self) -> Ints:
        """How many units show each of :attr:`patterns`."""
        return self.histogram[self._present]

    @cached_property
    def rated(self) -> Ints:
        """How many coders rated a unit of each pattern."""
        rated: Ints = self.patterns.sum(axis=1)
        return rated

    @cached_property
    def pairable(self) -> npt.NDArray[np.bool_]:
        """Patterns rated by at least two coders: the units any comparison can use."""
        return self.rated >= 2

    @cached_property
    def observed(self) -> Ints:
        """The pairable patterns."""
        return self.patterns[self.pairable]

    @cached_property
    def observed_weights(self) -> Ints:
        """How many units show each of :attr:`observed`."""
        return self.weights[self.pairable]

    @cached_property
    def units(self) -> int:
        """Units rated by at least two coders."""
        return int(self.observed_weights.sum())

    def ratings(self, value: int) -> int:
        """Ratings of ``value`` (0: not applied, 1: applied) on the pairable units."""
        return int((self.observed[:, value] * self.observed_weights).sum())

    @cached_property
    def coded(self) -> int:
        """Pairable units that at least one coder applied the code to."""
        return int(((self.observed[:, 1] > 0) * self.observed_weights).sum())


def value_counts(matrix: Matrix) -> Ints:
    """Units x 2: how many coders said 0 and how many said 1 (missing not counted)."""
    return np.stack([(matrix == 0).sum(axis=0), (matrix == 1).sum(axis=0)], axis=1).astype(np.int64)


def tally(matrix: Matrix, coders: Sequence[str]) -> Tally:
    """Read one code's coders x units matrix (1, 0, ``MISSING``) once."""
    m = len(coders)
    counts = value_counts(matrix)
    histogram = np.bincount(counts[:, 0] * (m + 1) + counts[:, 1], minlength=(m + 1) ** 2)
    ones = (matrix == 1).sum(axis=1).tolist()
    return Tally(
        histogram,
        _two_by_two(matrix) if m == 2 else None,
        dict(zip(coders, ones, strict=True)),
        counts,
    )


def pooled_tally(tallies: Sequence[Tally], coders: Sequence[str]) -> Tally:
    """The codes' tallies added up: the tally of all (unit, code) pairs together."""
    m = len(coders)
    histogram = np.zeros((m + 1) ** 2, dtype=np.int64)
    table = np.zeros((2, 2), dtype=np.int64) if m == 2 else None
    positives = dict.fromkeys(coders, 0)
    for each in tallies:
        histogram += each.histogram
        if table is not None and each.table is not None:
            table += each.table
        for coder, count in each.positives.items():
            positives[coder] += count
    return Tally(histogram, table, positives)


def _two_by_two(matrix: Matrix) -> Ints:
    """Two coders' units coded by both: counts of (A, B) = (0, 0), (0, 1), (1, 0), (1, 1)."""
    both = (matrix[0] != MISSING) & (matrix[1] != MISSING)
    cells = matrix[0, both].astype(np.int64) * 2 + matrix[1, both]
    return np.bincount(cells, minlength=4).reshape(2, 2)
