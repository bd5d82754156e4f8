"""What every agreement figure of one code (or of all codes pooled) is computed from.

For a 0/1 code a unit matters only through its pattern: how many coders said 0 and how many
said 1. A :class:`Tally` holds how many units show each pattern, the 2 x 2 table of two coders
(which a pattern cannot tell: who said what) and each coder's positives. Codes' tallies add up
to the pooled tally, so the pooled figures never read a matrix again.

:func:`tallies_from_applied` counts every code at once from where the codes were applied,
without a codes x units matrix; :func:`tally` reads one code's matrix and is the reference the
tests hold it to. Nothing after the tally scales with the number of units: every figure works
on at most (coders + 1)^2 pattern counts (per document, for an interval that resamples whole
documents).
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

    ``table`` is the two coders' 2 x 2 table (None for more coders). ``by_document`` holds
    the histogram per document (documents x patterns), counted only when an interval
    resamples whole documents.
    """

    histogram: Ints
    table: Ints | None
    positives: dict[str, int]
    by_document: Ints | None = None

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
    def clustered(self) -> tuple[Ints, Ints, Ints]:
        """Every (document, pattern) that occurs as (patterns, units, document index): the
        rows a bootstrap over documents draws from (see :attr:`by_document`)."""
        if self.by_document is None:
            raise ValueError("this tally was counted without its documents")
        document, slot = np.nonzero(self.by_document)
        m = self.coders
        patterns = np.stack([slot // (m + 1), slot % (m + 1)], axis=1).astype(np.int64)
        return patterns, self.by_document[document, slot], document.astype(np.int64)

    @cached_property
    def coded(self) -> int:
        """Pairable units that at least one coder applied the code to."""
        return int(((self.observed[:, 1] > 0) * self.observed_weights).sum())


def value_counts(matrix: Matrix) -> Ints:
    """Units x 2: how many coders said 0 and how many said 1 (missing not counted)."""
    return np.stack([(matrix == 0).sum(axis=0), (matrix == 1).sum(axis=0)], axis=1).astype(np.int64)


def tally(matrix: Matrix, coders: Sequence[str], documents: Ints | None = None) -> Tally:
    """Read one code's coders x units matrix (1, 0, ``MISSING``) once; with ``documents``
    (each unit's document index) also per document."""
    m = len(coders)
    counts = value_counts(matrix)
    slot = counts[:, 0] * (m + 1) + counts[:, 1]
    histogram = np.bincount(slot, minlength=(m + 1) ** 2)
    by_document = None
    if documents is not None:
        groups = int(documents.max()) + 1 if len(documents) else 0
        by_document = np.bincount(
            documents * (m + 1) ** 2 + slot, minlength=groups * (m + 1) ** 2
        ).reshape(groups, (m + 1) ** 2)
    ones = (matrix == 1).sum(axis=1).tolist()
    return Tally(
        histogram,
        _two_by_two(matrix) if m == 2 else None,
        dict(zip(coders, ones, strict=True)),
        by_document,
    )


def tallies_from_applied(
    coders: Sequence[str],
    codes: int,
    rated: Ints,
    applied: tuple[Ints, Ints, Ints],
    documents: Ints | None = None,
) -> list[Tally]:
    """Every code's tally at once from where codes were applied, never making a matrix.

    ``rated`` is, per unit, how many of the coders rated it (were not missing); ``applied``
    the (code index, coder index, unit index) triples where a coder who rated the unit applied
    the code, repeats allowed. Every other (code, unit) pair is a unit nobody applied that
    code to, pattern (rated, 0): each code's histogram starts from that one histogram of the
    units and moves only the (code, unit) pairs someone applied the code to, so the cost is
    that of the units plus the applications, not units x codes. ``documents`` (each unit's
    document index) also counts every code's histogram per document. The result is exactly
    what :func:`tally` gives for each code's matrix.
    """
    m = len(coders)
    units = len(rated)
    code, coder, unit = applied
    # Distinct (code, unit, coder), ordered by (code, unit) pair and then coder.
    triples = _distinct((code.astype(np.int64) * units + unit) * m + coder)
    pair, who = np.divmod(triples, m)
    # The (code, unit) pairs someone applied the code to, where each starts in ``pair`` and
    # how many coders applied it there.
    first = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]]) if len(pair) else pair
    pairs = pair[first]
    ones = np.diff(np.r_[first, len(pair)])
    pair_code, pair_unit = np.divmod(pairs, units)
    moves = _Moves(m, codes, rated, pair_code, pair_unit, ones)
    histograms = moves.histograms(np.zeros(units, dtype=np.int64), 1)[:, 0]
    per_document: list[Ints | None] = [None] * codes
    if documents is not None:
        groups = int(documents.max()) + 1 if units else 0
        per_document = list(moves.histograms(documents, groups))
    positives = np.bincount(pair // units * m + who, minlength=codes * m)
    tables: list[Ints | None] = [None] * codes
    if m == 2:
        tables = _two_by_two_applied(codes, rated, pair_code, rated[pair_unit], who, first)
    per_coder = positives.reshape(codes, m).tolist()
    return [
        Tally(histogram, table, dict(zip(coders, counts, strict=True)), by_document)
        for histogram, table, counts, by_document in zip(
            histograms, tables, per_coder, per_document, strict=True
        )
    ]


@dataclass(frozen=True)
class _Moves:
    """Where the applied (code, unit) pairs move units in their code's histogram: from
    (rated, 0), where every unit of every code starts, to (rated - ones, ones)."""

    coders: int
    codes: int
    rated: Ints
    pair_code: Ints
    pair_unit: Ints
    ones: Ints

    def histograms(self, group: Ints, groups: int) -> Ints:
        """Codes x groups x patterns, each unit counted in its ``group`` (of ``groups``)."""
        m, rated = self.coders, self.rated
        slots = (m + 1) ** 2
        before = rated[self.pair_unit]
        cell = (self.pair_code * groups + group[self.pair_unit]) * slots
        size = self.codes * groups * slots
        moved = np.bincount(cell + before * (m + 1), minlength=size)
        landed = np.bincount(cell + (before - self.ones) * (m + 1) + self.ones, minlength=size)
        base = np.bincount(group * slots + rated * (m + 1), minlength=groups * slots)
        shape = (self.codes, groups, slots)
        counted: Ints = base.reshape(1, groups, slots) + (landed - moved).reshape(shape)
        return counted


def _distinct(keys: Ints) -> Ints:
    """The distinct keys, sorted (``np.unique`` without its hashing detour)."""
    ordered = np.sort(keys)
    return ordered[np.r_[True, ordered[1:] != ordered[:-1]]] if len(ordered) else ordered


def _two_by_two_applied(
    codes: int, rated: Ints, pair_code: Ints, before: Ints, who: Ints, first: Ints
) -> list[Ints | None]:
    """Two coders' 2 x 2 tables from the applied pairs: of the units both rated, those
    neither applied the code to are (0, 0), the rest are told apart by who applied it."""
    both = int(np.count_nonzero(rated == 2))
    # Per (code, unit) pair: 1 if coder A applied the code, 2 if coder B did, 3 if both did.
    bits = np.add.reduceat(np.left_shift(1, who), first) if len(who) else who
    rated_by_both = before == 2
    counted = np.bincount(
        pair_code[rated_by_both] * 4 + bits[rated_by_both], minlength=codes * 4
    ).reshape(codes, 4)
    return [
        np.array([[both - a - b - ab, b], [a, ab]], dtype=np.int64)
        for a, b, ab in counted[:, 1:].tolist()
    ]


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
    documents = [each.by_document for each in tallies if each.by_document is not None]
    counted = bool(documents) and len(documents) == len(tallies)
    by_document = np.sum(documents, axis=0) if counted else None
    return Tally(histogram, table, positives, by_document)


def _two_by_two(matrix: Matrix) -> Ints:
    """Two coders' units coded by both: counts of (A, B) = (0, 0), (0, 1), (1, 0), (1, 1)."""
    both = (matrix[0] != MISSING) & (matrix[1] != MISSING)
    cells = matrix[0, both].astype(np.int64) * 2 + matrix[1, both]
    return np.bincount(cells, minlength=4).reshape(2, 2)
