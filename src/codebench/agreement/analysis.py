"""From coders' spans to per-code agreement: unit matrices, coefficients, warnings.

For each code the reliability data is a coders x units matrix of 1 (applied), 0 (not applied)
and -1 (missing: the coder was not assigned the document or has not finished it). A unit one
coder coded and another did not is a 1-vs-0 disagreement, never missing data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from codebench.agreement import coefficients as coef
from codebench.agreement.units import Unit, applied_mask

MISSING = -1
FEW_POSITIVES = 10
Matrix = npt.NDArray[np.int8]


@dataclass(frozen=True)
class UnitSet:
    """The units of the documents compared, in document order, with per-document lookups."""

    units: list[Unit]
    offsets: dict[str, tuple[int, list[int], list[int]]]
    """document -> (index of its first unit, unit starts, unit ends)."""

    @classmethod
    def build(cls, units: Sequence[Unit]) -> UnitSet:
        offsets: dict[str, tuple[int, list[int], list[int]]] = {}
        for index, unit in enumerate(units):
            if unit.document not in offsets:
                offsets[unit.document] = (index, [], [])
            offsets[unit.document][1].append(unit.start)
            offsets[unit.document][2].append(unit.end)
        return cls(list(units), offsets)


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
    matrix = np.zeros((len(coders), len(unit_set.units)), dtype=np.int8)
    for row, coder in enumerate(coders):
        for document, (first, starts, ends) in unit_set.offsets.items():
            block = slice(first, first + len(starts))
            if (coder, document) in missing:
                matrix[row, block] = MISSING
                continue
            found = spans.get((coder, document))
            if found:
                matrix[row, block] = applied_mask(starts, ends, found, threshold)
    return matrix


def value_counts(matrix: Matrix) -> npt.NDArray[np.int64]:
    """Units x 2: how many coders said 0 and how many said 1 (missing not counted)."""
    return np.stack([(matrix == 0).sum(axis=0), (matrix == 1).sum(axis=0)], axis=1).astype(np.int64)


def agreement_for(
    code: str,
    matrix: Matrix,
    coders: Sequence[str],
    bootstrap: int = 0,
    seed: int = 0,
) -> CodeAgreement:
    counts = value_counts(matrix)
    rated = counts.sum(axis=1)
    pairable = rated >= 2
    positives = {c: int((matrix[i] == 1).sum()) for i, c in enumerate(coders)}
    observed = counts[pairable]
    total = int(observed.sum())
    prevalence = float(observed[:, 1].sum()) / total if total else None
    alpha = coef.krippendorff_alpha(observed) if len(observed) else None
    interval = (
        coef.bootstrap_alpha(observed, replicates=bootstrap, seed=seed)
        if bootstrap and alpha is not None
        else None
    )
    if len(coders) == 2:
        pairs = matrix.T
        kappa, kind = coef.cohen_kappa(pairs), "Cohen"
        percent = coef.percent_agreement(pairs)
        positive = coef.positive_specific_agreement(pairs)
    else:
        complete = counts[rated == len(coders)]
        kappa, kind = coef.fleiss_kappa(complete) if len(complete) else None, "Fleiss"
        agree = observed.max(axis=1)
        pair_counts = rated[pairable] * (rated[pairable] - 1)
        percent = (
            float((agree * (agree - 1)).sum() / pair_counts.sum()) if len(pair_counts) else None
        )
        ones = observed[:, 1]
        positive_pairs = (ones * (ones - 1)).sum()
        any_positive_pairs = (ones * (observed.sum(axis=1) - 1)).sum()
        positive = float(positive_pairs / any_positive_pairs) if any_positive_pairs else None
    rated_any = counts[rated >= 1]
    varied = bool(observed[:, 0].sum()) and bool(observed[:, 1].sum())
    ac1 = coef.gwet_ac1(rated_any) if len(observed) and varied else None
    units_with_positive = int((observed[:, 1] > 0).sum())
    warning = (
        f"only {units_with_positive} units coded by anyone: too few for a stable figure"
        if units_with_positive < FEW_POSITIVES
        else None
    )
    return CodeAgreement(
        code=code,
        units=int(pairable.sum()),
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


def pooled(
    matrices: Sequence[Matrix], coders: Sequence[str], bootstrap: int = 0, seed: int = 0
) -> CodeAgreement:
    """Alpha and kappa over all (unit, code) pairs together."""
    if not matrices:
        empty = np.zeros((len(coders), 0), dtype=np.int8)
        return agreement_for("(all codes pooled)", empty, coders)
    stacked = np.concatenate(matrices, axis=1)
    result = agreement_for("(all codes pooled)", stacked, coders, bootstrap, seed)
    return CodeAgreement(**{**result.__dict__, "warning": None})
