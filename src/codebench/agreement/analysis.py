"""From coders' spans to per-code agreement: unit matrices, coefficients, warnings.

For each code the reliability data is a coders x units matrix of 1 (applied), 0 (not applied)
and -1 (missing: the coder was not assigned the document or has not finished it). A unit one
coder coded and another did not is a 1-vs-0 disagreement, never missing data.

An agreement run never makes those matrices: :func:`code_tallies` puts all spans of all codes
through the overlap rule at once and counts every code's patterns from where codes were
applied, and the figures come from those counts (:func:`figures_from_tallies`). The matrices
are made, all in one pass (:func:`code_matrices`), only where units are listed one by one
(disagreements, consensus); :func:`code_matrix`, :func:`~.tally.tally` and
:func:`agreement_for` are the same for one code and the reference the tests hold the rest to.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from codebench.agreement.blanks import Blank, undefined
from codebench.agreement.figure import Figure, Interval, Resampling
from codebench.agreement.registry import figures_for
from codebench.agreement.tally import (
    MISSING,
    Matrix,
    Tally,
    pooled_tally,
    tallies_from_applied,
    tally,
)
from codebench.agreement.tally import value_counts as value_counts  # re-exported: its old home
from codebench.agreement.units import UnitSet as UnitSet  # re-exported: its old home
from codebench.i18n import N_

FEW_POSITIVES = 10
POOLED = N_("(all codes pooled)")
NO_INTERVALS = Resampling()

Ints = npt.NDArray[np.int64]
Stack = npt.NDArray[np.int8]
"""Codes x coders x units: every code's matrix, one after the other."""


@dataclass(frozen=True)
class CodeAgreement:
    """One code's (or the pooled) figures, each by the registry's name: ``item.alpha``.

    ``figures`` are the registry's figures for this many coders, in report order; ``values``
    and ``intervals`` hold what they came to (None: undefined, not zero) and ``blanks``, by
    export column (a figure's or its interval's), why a cell is empty.
    """

    code: str
    units: int
    positives: dict[str, int]
    figures: tuple[Figure, ...]
    values: dict[str, float | None]
    intervals: dict[str, Interval | None]
    warning: str | None
    blanks: dict[str, Blank]

    def __getattr__(self, name: str) -> float | None:
        values = self.__dict__.get("values", {})
        if name not in values:
            raise AttributeError(name)
        value: float | None = values[name]
        return value

    @property
    def alpha_ci(self) -> Interval | None:
        return self.intervals.get("alpha")

    @property
    def kappa_kind(self) -> str:
        """Whose kappa it is: "Cohen" (two coders) or "Fleiss" (more)."""
        kappa = next(f for f in self.figures if f.name == "kappa")
        return kappa.column.removesuffix(" kappa")


def code_matrix(
    unit_set: UnitSet,
    coders: Sequence[str],
    spans: Mapping[tuple[str, str], Sequence[tuple[int, int]]],
    missing: set[tuple[str, str]],
    threshold: float | None,
) -> Matrix:
    """Coders x units for one code; ``spans`` by (coder, document); ``missing`` pairs of
    (coder, document) whose units are missing data."""
    matrix = np.zeros((len(coders), len(unit_set.starts)), dtype=np.int8)
    for row, coder in enumerate(coders):
        found = [
            (start + unit_set.bases[document], end + unit_set.bases[document])
            for (who, document), pairs in spans.items()
            if who == coder and document in unit_set.bases
            for start, end in pairs
        ]
        if found:
            spans_found = np.array(found, dtype=np.int64)
            _, units = _hits(unit_set, spans_found[:, 0], spans_found[:, 1], threshold)
            matrix[row, units] = 1
        for who, document in missing:
            if who == coder and document in unit_set.bases:
                first, end = unit_set.bounds(document)
                matrix[row, first:end] = MISSING
    return matrix


def code_matrices(
    unit_set: UnitSet,
    coders: Sequence[str],
    codes: int,
    spans: tuple[Ints, Ints, Ints, Ints],
    missing: set[tuple[str, str]],
    threshold: float | None,
) -> Stack:
    """Every code's :func:`code_matrix` at once: codes x coders x units.

    ``spans`` are columns (code index, coder index, start, end) with the offsets already in
    the unit set's global coordinates (a document's offsets plus its ``bases`` shift), so all
    coders' spans of all codes go through the overlap rule in one vectorised pass; ``missing``
    as for :func:`code_matrix`.
    """
    code, coder, starts, ends = spans
    stack = np.zeros((codes, len(coders), len(unit_set.starts)), dtype=np.int8)
    which, units = _hits(unit_set, starts, ends, threshold)
    stack[code[which], coder[which], units] = 1
    stack[:, _absent(unit_set, coders, missing)] = MISSING
    return stack


def code_tallies(
    unit_set: UnitSet,
    coders: Sequence[str],
    codes: int,
    spans: tuple[Ints, Ints, Ints, Ints],
    missing: set[tuple[str, str]],
    threshold: float | None,
    by_document: bool = False,
) -> list[Tally]:
    """Every code's tally straight from the spans (arguments as for :func:`code_matrices`):
    exactly the tallies of the matrices :func:`code_matrices` makes, in time and memory that
    grow with units plus spans, not units x codes; ``by_document`` also counts them per
    document (for intervals that resample documents)."""
    code, coder, starts, ends = spans
    which, units = _hits(unit_set, starts, ends, threshold)
    absent = _absent(unit_set, coders, missing)
    rated = len(coders) - absent.sum(axis=0, dtype=np.int64)
    counted = ~absent[coder[which], units]
    applied = (code[which][counted], coder[which][counted], units[counted])
    documents = unit_set.document if by_document else None
    return tallies_from_applied(coders, codes, rated, applied, documents)


def _absent(
    unit_set: UnitSet, coders: Sequence[str], missing: set[tuple[str, str]]
) -> npt.NDArray[np.bool_]:
    """Coders x units: where a coder's value is missing (document not assigned or not done)."""
    absent = np.zeros((len(coders), len(unit_set.starts)), dtype=bool)
    rows = {name: row for row, name in enumerate(coders)}
    for who, document in missing:
        if who in rows and document in unit_set.bases:
            first, end = unit_set.bounds(document)
            absent[rows[who], first:end] = True
    return absent


def _hits(
    unit_set: UnitSet, span_starts: Ints, span_ends: Ints, threshold: float | None
) -> tuple[Ints, Ints]:
    """The overlap rule for many spans at once: every (span, unit) pair that touches, its
    |s ∩ u| / min(|s|, |u|), and the (span index, unit index) pairs that reach the threshold."""
    starts, ends = unit_set.starts, unit_set.ends
    first = np.searchsorted(ends, span_starts, side="right")
    last = np.searchsorted(starts, span_ends, side="left")
    counts = np.maximum(last - first, 0)
    span_index = np.repeat(np.arange(len(span_starts)), counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    unit_index = np.repeat(first, counts) + offsets
    s_start, s_end = span_starts[span_index], span_ends[span_index]
    u_start, u_end = starts[unit_index], ends[unit_index]
    inter = np.minimum(s_end, u_end) - np.maximum(s_start, u_start)
    shorter = np.minimum(s_end - s_start, u_end - u_start)
    ratio = np.where(shorter > 0, inter / np.maximum(shorter, 1), 0.0)
    hit = inter > 0
    if threshold is not None:
        hit &= ratio >= threshold
    return span_index[hit], unit_index[hit]


def agreement_for(
    code: str,
    matrix: Matrix,
    coders: Sequence[str],
    bootstrap: int = 0,
    seed: int = 0,
) -> CodeAgreement:
    """Every figure for one code, intervals by resampling units."""
    return _figures(code, tally(matrix, coders), Resampling(bootstrap, seed))


def pooled(
    matrices: Sequence[Matrix], coders: Sequence[str], bootstrap: int = 0, seed: int = 0
) -> CodeAgreement:
    """Alpha and kappa over all (unit, code) pairs together.

    Computed from what the codes add up to rather than from one giant matrix: for binary data
    a unit only matters through its (zeros, ones) pattern, so the pooled figures come from the
    summed pattern counts (and, for two coders, the summed 2 x 2 tables). Alpha uses the
    closed form, which the tests hold equal to the ``krippendorff`` package.
    """
    return _pooled([tally(m, coders) for m in matrices], coders, Resampling(bootstrap, seed))


def _pooled(
    tallies: Sequence[Tally], coders: Sequence[str], resampling: Resampling
) -> CodeAgreement:
    total = pooled_tally(tallies, coders)
    return replace(_figures(POOLED, total, resampling), warning=None)


def agreement_figures(
    matrices: Mapping[str, Matrix],
    coders: Sequence[str],
    bootstrap: int = 0,
    seed: int = 0,
    documents: Ints | None = None,
) -> tuple[list[CodeAgreement], CodeAgreement]:
    """The figures of every code (by name) and pooled, each matrix read once; with
    ``documents`` (each unit's document index) the intervals resample documents."""
    tallies = {code: tally(m, coders, documents) for code, m in matrices.items()}
    by = "unit" if documents is None else "document"
    return figures_from_tallies(tallies, coders, Resampling(bootstrap, seed, by))


def figures_from_tallies(
    tallies: Mapping[str, Tally], coders: Sequence[str], resampling: Resampling = NO_INTERVALS
) -> tuple[list[CodeAgreement], CodeAgreement]:
    """The figures of every code (by name) and pooled from the codes' tallies (counted per
    document when ``resampling`` draws documents)."""
    per_code = [_figures(code, t, resampling) for code, t in tallies.items()]
    return per_code, _pooled(list(tallies.values()), coders, resampling)


def _figures(code: str, counted: Tally, resampling: Resampling) -> CodeAgreement:
    """Every registered figure for this many coders from one tally, with its interval when
    replicates are asked for, and why each empty cell is empty."""
    figures = figures_for(counted.coders)
    values = {figure.name: figure.compute(counted) for figure in figures}
    intervals: dict[str, Interval | None] = {}
    blanks: dict[str, Blank] = {}
    for figure in figures:
        drawn = figure.interval is not None and resampling.replicates > 0
        if values[figure.name] is None:
            blanks[figure.column] = undefined(counted)
            if drawn:
                blanks[figure.interval_column] = blanks[figure.column]
        elif figure.interval is not None and drawn:
            found = figure.interval(counted, resampling)
            if isinstance(found, Blank):
                intervals[figure.name] = None
                blanks[figure.interval_column] = found
            else:
                intervals[figure.name] = found
    coded = counted.coded
    warning = (
        N_("only {coded} units coded by anyone: too few for a stable figure", coded=coded)
        if coded < FEW_POSITIVES
        else None
    )
    return CodeAgreement(
        code, counted.units, counted.positives, figures, values, intervals, warning, blanks
    )
