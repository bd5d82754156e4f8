"""Units of agreement and the rule that says whether a coder applied a code to a unit.

A coder applied code k to unit u when one of their spans s for k overlaps u with
|s ∩ u| / min(|s|, |u|) >= θ (θ = 0.5 by default), or, with "any overlap", when any span
touches u at all. Dividing by the shorter of the two means a phrase coded inside a sentence
counts for that sentence, a span over several sentences counts for each one it covers, and a
small overrun into the next sentence does not count for that sentence.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

DEFAULT_THRESHOLD = 0.5
UNIT_KINDS = ("sentence", "turn", "char")


class Unit(NamedTuple):
    """One unit of one document: a sentence unit, a turn's speech, or one character.

    A named tuple rather than a dataclass: an agreement run builds one per sentence of the
    whole project, and tuples are several times cheaper to make.
    """

    document: str
    number: int
    start: int
    end: int
    turn: int
    speaker: str | None = None


def overlap_ratio(span: tuple[int, int], unit: tuple[int, int]) -> float:
    """|s ∩ u| / min(|s|, |u|): 1.0 when one lies inside the other, 0.0 when apart."""
    inter = min(span[1], unit[1]) - max(span[0], unit[0])
    if inter <= 0:
        return 0.0
    return inter / min(span[1] - span[0], unit[1] - unit[0])


def best_ratios(
    starts: Sequence[int], ends: Sequence[int], spans: Iterable[tuple[int, int]]
) -> dict[int, float]:
    """For units (sorted, non-overlapping, by start/end arrays), the highest overlap ratio any
    of ``spans`` reaches with each unit it touches, by unit index."""
    best: dict[int, float] = {}
    for span_start, span_end in spans:
        first = bisect.bisect_right(ends, span_start)
        last = bisect.bisect_left(starts, span_end)
        for index in range(first, last):
            ratio = overlap_ratio((span_start, span_end), (starts[index], ends[index]))
            if ratio > best.get(index, 0.0):
                best[index] = ratio
    return best


def applied_mask(
    starts: Sequence[int],
    ends: Sequence[int],
    spans: Iterable[tuple[int, int]],
    threshold: float | None,
) -> npt.NDArray[np.bool_]:
    """Which units a coder applied a code to; ``threshold`` None means any overlap."""
    mask = np.zeros(len(starts), dtype=bool)
    for index, ratio in best_ratios(starts, ends, spans).items():
        if ratio > 0 and (threshold is None or ratio >= threshold):
            mask[index] = True
    return mask
