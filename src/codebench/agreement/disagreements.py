"""Where coders differ, unit by unit and code by code, and what kind of difference it is.

Types, from the point of view of a coder who did not apply the code another coder applied:
- ``below threshold``: they coded the same code there, but their span covers too little of
  the unit to count;
- ``substitution``: they applied another code to the unit, one the first coder did not;
- ``presence``: they left the unit without this code;
- ``boundary``: everyone applied the code to the unit, but their spans end or start at
  different places inside it (not a disagreement for the statistics, listed for review).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from codebench.agreement.tally import MISSING, Matrix
from codebench.agreement.units import Unit, UnitSet, overlap_ratio

Spans = Mapping[tuple[str, str], Sequence[tuple[int, int]]]


@dataclass(frozen=True)
class CoderView:
    """One coder's side of a disagreement: applied or not (None = missing), span, ratio."""

    coder: str
    applied: bool | None
    span: tuple[int, int] | None
    ratio: float


@dataclass(frozen=True)
class Disagreement:
    unit: Unit
    code_id: int
    kind: str
    coders: tuple[CoderView, ...]
    substitute: int | None = None


def disagreement_key(d: Disagreement) -> str:
    """A stable name for one disagreement: document, unit number and code id."""
    return f"{d.unit.document}#{d.unit.number}#{d.code_id}"


def _touching(spans: Sequence[tuple[int, int]], unit: Unit) -> list[tuple[int, int]]:
    return [s for s in spans if s[0] < unit.end and s[1] > unit.start]


def _view(coder: str, value: int, spans: Sequence[tuple[int, int]], unit: Unit) -> CoderView:
    touching = _touching(spans, unit)
    best = max(touching, key=lambda s: overlap_ratio(s, (unit.start, unit.end)), default=None)
    ratio = overlap_ratio(best, (unit.start, unit.end)) if best else 0.0
    return CoderView(coder, None if value == MISSING else bool(value), best, ratio)


def find_disagreements(
    unit_set: UnitSet,
    coders: Sequence[str],
    matrices: Mapping[int, Matrix],
    spans: Mapping[int, Spans],
    include_boundary: bool = True,
) -> list[Disagreement]:
    """Every (unit, code) where the coders differ, in document and unit order."""
    found: list[Disagreement] = []
    for code_id, matrix in matrices.items():
        code_spans = spans.get(code_id, {})
        ones = (matrix == 1).sum(axis=0)
        rated = (matrix != MISSING).sum(axis=0)
        candidates = np.nonzero((ones > 0) & (rated >= 2))[0]
        for index in candidates.tolist():
            unit = unit_set.units[index]
            values = matrix[:, index]
            present = values[values != MISSING]
            views = tuple(
                _view(coder, int(values[row]), code_spans.get((coder, unit.document), ()), unit)
                for row, coder in enumerate(coders)
            )
            if present.min() != present.max():
                kind, substitute = _kind(index, code_id, coders, values, views, matrices)
                found.append(Disagreement(unit, code_id, kind, views, substitute))
            elif include_boundary and present[0] == 1 and _boundary(views, unit):
                found.append(Disagreement(unit, code_id, "boundary", views))
    found.sort(key=lambda d: (d.unit.document, d.unit.start, d.code_id))
    return found


def _boundary(views: Sequence[CoderView], unit: Unit) -> bool:
    clipped = {
        (max(v.span[0], unit.start), min(v.span[1], unit.end))
        for v in views
        if v.applied and v.span is not None
    }
    return len(clipped) > 1


def _kind(
    index: int,
    code_id: int,
    coders: Sequence[str],
    values: npt.NDArray[np.int8],
    views: Sequence[CoderView],
    matrices: Mapping[int, Matrix],
) -> tuple[str, int | None]:
    appliers = [row for row, value in enumerate(values) if value == 1]
    for row, value in enumerate(values):
        if value != 0:
            continue
        if views[row].ratio > 0:
            return "below threshold", None
        for other, matrix in matrices.items():
            if other == code_id or matrix[row, index] != 1:
                continue
            if all(matrix[a, index] != 1 for a in appliers):
                return "substitution", other
    return "presence", None


def substitution_table(disagreements: Sequence[Disagreement]) -> Counter[tuple[int, int]]:
    """(code applied by one coder, code another coder applied instead) -> how often."""
    return Counter(
        (d.code_id, d.substitute)
        for d in disagreements
        if d.kind == "substitution" and d.substitute is not None
    )
