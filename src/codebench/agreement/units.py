"""Units of agreement and the rule that says whether a coder applied a code to a unit.

A coder applied code k to unit u when one of their spans s for k overlaps u with
|s ∩ u| / min(|s|, |u|) >= θ (θ = 0.5 by default), or, with "any overlap", when any span
touches u at all. Dividing by the shorter of the two means a phrase coded inside a sentence
counts for that sentence, a span over several sentences counts for each one it covers, and a
small overrun into the next sentence does not count for that sentence.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple, overload

import numpy as np
import numpy.typing as npt

from codebench.agreement.model import DEFAULT_THRESHOLD as DEFAULT_THRESHOLD
from codebench.agreement.model import UNIT_KINDS as UNIT_KINDS

Ints = npt.NDArray[np.int64]


class Unit(NamedTuple):
    """One unit of one document: a sentence unit, a turn's speech, or one character."""

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


@dataclass(frozen=True, eq=False)
class UnitSet:
    """The units of the documents compared, in document order, held as columns.

    A project has a unit per sentence (or per character), and an agreement run only needs
    their positions: it keeps them as arrays and makes a :class:`Unit` only for the units a
    listing shows (see :attr:`units`). Units also get global coordinates (each document shifted
    past the previous one), so a coder's spans in every document can be matched against all
    units in one vectorised pass.
    """

    documents: tuple[str, ...]
    """The documents that have units, in order."""
    firsts: Ints
    """Index of each document's first unit (the units of document i end at firsts[i + 1])."""
    document: Ints
    """Per unit: its document, as an index into :attr:`documents`."""
    local_starts: Ints
    local_ends: Ints
    numbers: Ints
    turns: Ints
    speaker: Ints
    """Per unit: its speaker, as an index into :attr:`speakers`."""
    speakers: tuple[str | None, ...]
    bases: dict[str, int]
    """document -> how far its units are shifted into global coordinates."""
    starts: Ints
    ends: Ints

    @classmethod
    def from_columns(
        cls,
        names: Sequence[str],
        document: Ints,
        columns: tuple[Ints, Ints, Ints, Ints],
        speaker: Ints,
        speakers: Sequence[str | None],
    ) -> UnitSet:
        """Units given as arrays: ``document`` indexes ``names`` and must keep each
        document's units together, sorted by start; ``columns`` are (starts, ends, numbers,
        turns) within the documents; ``speaker`` indexes ``speakers``."""
        starts, ends, numbers, turns = columns
        count = len(starts)
        if count:
            firsts = np.flatnonzero(np.r_[True, document[1:] != document[:-1]]).astype(np.int64)
            widths = np.maximum.reduceat(ends, firsts) + 1
        else:
            firsts = widths = np.zeros(0, dtype=np.int64)
        shifts = (np.cumsum(widths) - widths).astype(np.int64)
        sizes = np.diff(np.append(firsts, count))
        present = tuple(names[i] for i in document[firsts].tolist())
        group = np.repeat(np.arange(len(firsts), dtype=np.int64), sizes)
        return cls(
            present,
            firsts,
            group,
            starts,
            ends,
            numbers,
            turns,
            speaker,
            tuple(speakers),
            dict(zip(present, shifts.tolist(), strict=True)),
            starts + shifts[group],
            ends + shifts[group],
        )

    @classmethod
    def build(cls, units: Sequence[Unit]) -> UnitSet:
        """From units already made (grouped by document, sorted by start within each)."""
        names: dict[str, int] = {}
        labels: dict[str | None, int] = {}
        document = [names.setdefault(u.document, len(names)) for u in units]
        speaker = [labels.setdefault(u.speaker, len(labels)) for u in units]

        def column(values: Iterable[int]) -> Ints:
            return np.fromiter(values, dtype=np.int64, count=len(units))

        columns = (
            column(u.start for u in units),
            column(u.end for u in units),
            column(u.number for u in units),
            column(u.turn for u in units),
        )
        return cls.from_columns(
            list(names), column(document), columns, column(speaker), list(labels)
        )

    @cached_property
    def units(self) -> Units:
        return Units(self)

    @cached_property
    def offsets(self) -> dict[str, tuple[int, list[int], list[int]]]:
        """document -> (index of its first unit, unit starts, unit ends)."""
        bounds = [*self.firsts.tolist(), len(self.starts)]
        starts, ends = self.local_starts.tolist(), self.local_ends.tolist()
        return {
            name: (bounds[i], starts[bounds[i] : bounds[i + 1]], ends[bounds[i] : bounds[i + 1]])
            for i, name in enumerate(self.documents)
        }

    @cached_property
    def _position(self) -> dict[str, int]:
        return {name: i for i, name in enumerate(self.documents)}

    def bounds(self, document: str) -> tuple[int, int]:
        """The range of indexes of one document's units."""
        i = self._position[document]
        end = int(self.firsts[i + 1]) if i + 1 < len(self.firsts) else len(self.starts)
        return int(self.firsts[i]), end

    def unit(self, i: int) -> Unit:
        return Unit(
            self.documents[int(self.document[i])],
            int(self.numbers[i]),
            int(self.local_starts[i]),
            int(self.local_ends[i]),
            int(self.turns[i]),
            self.speakers[int(self.speaker[i])],
        )

    def index_of(self, unit: Unit) -> int:
        """Where ``unit`` (one of this set's) lies: units of a document differ in start."""
        first, end = self.bounds(unit.document)
        return first + int(np.searchsorted(self.local_starts[first:end], unit.start))


class Units(Sequence[Unit]):
    """A unit set's units as a sequence, each :class:`Unit` made when it is asked for."""

    def __init__(self, unit_set: UnitSet) -> None:
        self._set = unit_set

    def __len__(self) -> int:
        return len(self._set.starts)

    @overload
    def __getitem__(self, index: int) -> Unit: ...

    @overload
    def __getitem__(self, index: slice) -> list[Unit]: ...

    def __getitem__(self, index: int | slice) -> Unit | list[Unit]:
        if isinstance(index, slice):
            return [self._set.unit(i) for i in range(*index.indices(len(self)))]
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        return self._set.unit(index % len(self))

    def __iter__(self) -> Iterator[Unit]:
        return (self._set.unit(i) for i in range(len(self)))
