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

from codebench.agreement import coefficients as coef
from codebench.agreement.units import UnitSet as UnitSet  # re-exported: its old home

MISSING = -1
FEW_POSITIVES = 10
Matrix = npt.NDArray[np.int8]


@dataclass(frozen=True)
class CodeAgreement:
    code: str
    units: int
    positives: dict[str, int]
    prevalence: float | None
    percent_agreement: float | None
    positive_agreement: float | None
    alpha: float | None
    alpha_ci: tuple[float, float] | None
    kappa: float | None
    kappa_kind: str
    ac1: float | None
    warning: str | None


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


def value_counts(matrix: Matrix) -> npt.NDArray[np.int64]:
    """Units x 2: how many coders said 0 and how many said 1 (missing not counted)."""
    return np.stack([(matrix == 0).sum(axis=0), (matrix == 1).sum(axis=0)], axis=1).astype(np.int64)


def two_by_two(matrix: Matrix) -> npt.NDArray[np.int64]:
    """Two coders' units coded by both: counts of (A, B) = (0, 0), (0, 1), (1, 0), (1, 1)."""
    both = (matrix[0] != MISSING) & (matrix[1] != MISSING)
    cells = matrix[0, both].astype(np.int64) * 2 + matrix[1, both]
    return np.bincount(cells, minlength=4).reshape(2, 2)


@dataclass(frozen=True)
class Tally:
    """What a code's figures need from its matrix, read once: how many units show each
    (zeros, ones) pattern (indexed zeros * (m + 1) + ones), the 2 x 2 table for two coders,
    and each coder's positives. The pooled figures add these up instead of reading every
    matrix again."""

    histogram: npt.NDArray[np.int64]
    table: npt.NDArray[np.int64] | None
    positives: dict[str, int]


def _tally(matrix: Matrix, counts: npt.NDArray[np.int64], coders: Sequence[str]) -> Tally:
    m = len(coders)
    histogram = np.bincount(counts[:, 0] * (m + 1) + counts[:, 1], minlength=(m + 1) ** 2)
    ones = (matrix == 1).sum(axis=1).tolist()
    return Tally(
        histogram, two_by_two(matrix) if m == 2 else None, dict(zip(coders, ones, strict=True))
    )


def _measure(
    code: str, matrix: Matrix, coders: Sequence[str], bootstrap: int, seed: int
) -> tuple[CodeAgreement, Tally]:
    counts = value_counts(matrix)
    observed = counts[counts.sum(axis=1) >= 2]
    alpha = coef.krippendorff_alpha(observed) if len(observed) else None
    tally = _tally(matrix, counts, coders)
    return _figures(code, tally, alpha, bootstrap, seed), tally


def agreement_for(
    code: str,
    matrix: Matrix,
    coders: Sequence[str],
    bootstrap: int = 0,
    seed: int = 0,
) -> CodeAgreement:
    """Every figure for one code; alpha from the ``krippendorff`` package."""
    return _measure(code, matrix, coders, bootstrap, seed)[0]


def pooled(
    matrices: Sequence[Matrix], coders: Sequence[str], bootstrap: int = 0, seed: int = 0
) -> CodeAgreement:
    """Alpha and kappa over all (unit, code) pairs together.

    Computed from what the codes add up to rather than from one giant matrix: for binary data
    a unit only matters through its (zeros, ones) pattern, so the pooled figures come from the
    summed pattern counts (and, for two coders, the summed 2 x 2 tables). Alpha uses the
    closed form, which the tests hold equal to the ``krippendorff`` package.
    """
    tallies = [_tally(m, value_counts(m), coders) for m in matrices]
    return _pooled(tallies, coders, bootstrap, seed)


def _pooled(
    tallies: Sequence[Tally], coders: Sequence[str], bootstrap: int, seed: int
) -> CodeAgreement:
    m = len(coders)
    histogram = np.zeros((m + 1) ** 2, dtype=np.int64)
    table = np.zeros((2, 2), dtype=np.int64) if m == 2 else None
    positives = dict.fromkeys(coders, 0)
    for tally in tallies:
        histogram += tally.histogram
        if table is not None and tally.table is not None:
            table += tally.table
        for coder, count in tally.positives.items():
            positives[coder] += count
    total = Tally(histogram, table, positives)
    return replace(_figures("(all codes pooled)", total, None, bootstrap, seed), warning=None)


def agreement_figures(
    matrices: Mapping[str, Matrix], coders: Sequence[str], bootstrap: int = 0, seed: int = 0
) -> tuple[list[CodeAgreement], CodeAgreement]:
    """The figures of every code (by name) and pooled, each matrix read once."""
    measured = [_measure(code, m, coders, bootstrap, seed) for code, m in matrices.items()]
    per_code = [figures for figures, _ in measured]
    return per_code, _pooled([tally for _, tally in measured], coders, bootstrap, seed)


def _figures(
    code: str,
    tally: Tally,
    alpha: float | None,
    bootstrap: int,
    seed: int,
) -> CodeAgreement:
    """The figures from a tally's pattern histogram (and 2 x 2 table for two coders).

    ``alpha`` given (from the package) is used as it is; None computes it in closed form.
    """
    histogram, table, positives = tally.histogram, tally.table, tally.positives
    m = len(positives)
    present = np.nonzero(histogram)[0]
    patterns = np.stack([present // (m + 1), present % (m + 1)], axis=1).astype(np.int64)
    weights = histogram[present]
    rated = patterns.sum(axis=1)
    pairable = rated >= 2
    observed, observed_weights = patterns[pairable], weights[pairable]
    units = int(observed_weights.sum())
    total = int((rated[pairable] * observed_weights).sum())
    prevalence = float((observed[:, 1] * observed_weights).sum()) / total if total else None
    if alpha is None and units:
        alpha = coef.alpha_binary(observed, weights=observed_weights)
    interval = None
    if bootstrap and alpha is not None:
        interval = coef.bootstrap_alpha(
            np.repeat(observed, observed_weights, axis=0), replicates=bootstrap, seed=seed
        )
    varied = bool((observed[:, 0] * observed_weights).sum()) and bool(
        (observed[:, 1] * observed_weights).sum()
    )
    rated_any = rated >= 1
    ac1 = (
        coef.gwet_ac1(patterns[rated_any], weights=weights[rated_any]) if units and varied else None
    )
    if table is not None:
        kappa, kind = coef.cohen_kappa_table(table), "Cohen"
        both = table.sum()
        percent = float(np.trace(table) / both) if both else None
        discordant = table[0, 1] + table[1, 0]
        positive = (
            float(2 * table[1, 1] / (2 * table[1, 1] + discordant))
            if (table[1, 1] or discordant)
            else None
        )
    else:
        complete = rated == m
        kappa = (
            coef.fleiss_kappa(patterns[complete], weights=weights[complete])
            if weights[complete].sum()
            else None
        )
        kind = "Fleiss"
        sizes = rated[pairable]
        agree = observed.max(axis=1)
        pair_counts = (sizes * (sizes - 1) * observed_weights).sum()
        percent = (
            float((agree * (agree - 1) * observed_weights).sum() / pair_counts)
            if pair_counts
            else None
        )
        ones = observed[:, 1]
        with_positive = (ones * (sizes - 1) * observed_weights).sum()
        positive = (
            float((ones * (ones - 1) * observed_weights).sum() / with_positive)
            if with_positive
            else None
        )
    coded = int(((observed[:, 1] > 0) * observed_weights).sum())
    warning = (
        f"only {coded} units coded by anyone: too few for a stable figure"
        if coded < FEW_POSITIVES
        else None
    )
    return CodeAgreement(
        code=code,
        units=units,
        positives=positives,
        prevalence=prevalence,
        percent_agreement=percent,
        positive_agreement=positive,
        alpha=alpha,
        alpha_ci=interval,
        kappa=kappa,
        kappa_kind=kind,
        ac1=ac1,
        warning=warning,
    )
