"""From coders' spans to per-code agreement: unit matrices, coefficients, warnings.

For each code the reliability data is a coders x units matrix of 1 (applied), 0 (not applied)
and -1 (missing: the coder was not assigned the document or has not finished it). A unit one
coder coded and another did not is a 1-vs-0 disagreement, never missing data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from codebench.agreement.figure import Figure, Interval
from codebench.agreement.registry import figures_for
from codebench.agreement.tally import MISSING, Matrix, Tally, pooled_tally, tally
from codebench.agreement.tally import value_counts as value_counts  # re-exported: its old home
from codebench.agreement.units import UnitSet as UnitSet  # re-exported: its old home

FEW_POSITIVES = 10
POOLED = "(all codes pooled)"


@dataclass(frozen=True)
class CodeAgreement:
    """One code's (or the pooled) figures, each by the registry's name: ``item.alpha``.

    ``figures`` are the registry's figures for this many coders, in report order; ``values``
    and ``intervals`` hold what they came to (None: undefined, not zero).
    """

    code: str
    units: int
    positives: dict[str, int]
    figures: tuple[Figure, ...]
    values: dict[str, float | None]
    intervals: dict[str, Interval | None]
    warning: str | None

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
            matrix[row] = _applied(unit_set, np.array(found, dtype=np.int64), threshold)
        for who, document in missing:
            if who == coder and document in unit_set.bases:
                first, end = unit_set.bounds(document)
                matrix[row, first:end] = MISSING
    return matrix


def _applied(
    unit_set: UnitSet, spans: npt.NDArray[np.int64], threshold: float | None
) -> npt.NDArray[np.int8]:
    """The overlap rule for many spans at once: every (span, unit) pair that touches, its
    |s ∩ u| / min(|s|, |u|), and the units where some span reaches the threshold."""
    starts, ends = unit_set.starts, unit_set.ends
    first = np.searchsorted(ends, spans[:, 0], side="right")
    last = np.searchsorted(starts, spans[:, 1], side="left")
    counts = np.maximum(last - first, 0)
    span_index = np.repeat(np.arange(len(spans)), counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    unit_index = np.repeat(first, counts) + offsets
    s_start, s_end = spans[span_index, 0], spans[span_index, 1]
    u_start, u_end = starts[unit_index], ends[unit_index]
    inter = np.minimum(s_end, u_end) - np.maximum(s_start, u_start)
    shorter = np.minimum(s_end - s_start, u_end - u_start)
    ratio = np.where(shorter > 0, inter / np.maximum(shorter, 1), 0.0)
    hit = inter > 0
    if threshold is not None:
        hit &= ratio >= threshold
    row = np.zeros(len(starts), dtype=np.int8)
    row[unit_index[hit]] = 1
    return row


def agreement_for(
    code: str,
    matrix: Matrix,
    coders: Sequence[str],
    bootstrap: int = 0,
    seed: int = 0,
) -> CodeAgreement:
    """Every figure for one code; alpha from the ``krippendorff`` package."""
    return _figures(code, tally(matrix, coders), bootstrap, seed)


def pooled(
    matrices: Sequence[Matrix], coders: Sequence[str], bootstrap: int = 0, seed: int = 0
) -> CodeAgreement:
    """Alpha and kappa over all (unit, code) pairs together.

    Computed from what the codes add up to rather than from one giant matrix: for binary data
    a unit only matters through its (zeros, ones) pattern, so the pooled figures come from the
    summed pattern counts (and, for two coders, the summed 2 x 2 tables). Alpha uses the
    closed form, which the tests hold equal to the ``krippendorff`` package.
    """
    return _pooled([tally(m, coders) for m in matrices], coders, bootstrap, seed)


def _pooled(
    tallies: Sequence[Tally], coders: Sequence[str], bootstrap: int, seed: int
) -> CodeAgreement:
    total = pooled_tally(tallies, coders)
    return replace(_figures(POOLED, total, bootstrap, seed), warning=None)


def agreement_figures(
    matrices: Mapping[str, Matrix], coders: Sequence[str], bootstrap: int = 0, seed: int = 0
) -> tuple[list[CodeAgreement], CodeAgreement]:
    """The figures of every code (by name) and pooled, each matrix read once."""
    tallies = {code: tally(m, coders) for code, m in matrices.items()}
    per_code = [_figures(code, t, bootstrap, seed) for code, t in tallies.items()]
    return per_code, _pooled(list(tallies.values()), coders, bootstrap, seed)


def _figures(code: str, counted: Tally, bootstrap: int, seed: int) -> CodeAgreement:
    """Every registered figure for this many coders from one tally, with its interval when
    ``bootstrap`` replicates are asked for."""
    figures = figures_for(counted.coders)
    values = {figure.name: figure.compute(counted) for figure in figures}
    intervals = {
        figure.name: figure.interval(counted, bootstrap, seed)
        for figure in figures
        if figure.interval is not None and bootstrap and values[figure.name] is not None
    }
    coded = counted.coded
    warning = (
        f"only {coded} units coded by anyone: too few for a stable figure"
        if coded < FEW_POSITIVES
        else None
    )
    return CodeAgreement(
        code, counted.units, counted.positives, figures, values, intervals, warning
    )
