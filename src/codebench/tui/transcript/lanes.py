"""Lanes of the margin's coding stripes: each coding keeps one column on every line it covers.

Like the coding stripes of NVivo or MAXQDA: codings are laid side by side, each in the lowest
lane free where it starts (earlier and longer codings first), so codings that share a visual
line never share a lane and a coding's stripe runs straight down beside its text. The extent
of a coding is the range of lines it is drawn on (two codings on one line are apart even when
their texts do not overlap). Kept free of Textual.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable

from codebench.services.coding.views import CodingView

Extent = Callable[[CodingView], tuple[int, int]]
"""A coding's [first, last) range: of visual lines, or of code points."""


def _span(coding: CodingView) -> tuple[int, int]:
    return coding.start, max(coding.end, coding.start + 1)


def assign_lanes(codings: Iterable[CodingView], extent: Extent = _span) -> dict[int, int]:
    """Coding id -> lane (0 is the leftmost), in O(n log n) for n codings."""
    lanes: dict[int, int] = {}
    busy: list[tuple[int, int]] = []  # (end, lane) of the codings still open
    free: list[int] = []
    count = 0
    placed = []
    for coding in codings:
        start, end = extent(coding)
        placed.append((start, -end, coding.id))
    placed.sort()
    for start, negative_end, coding_id in placed:
        end = -negative_end
        while busy and busy[0][0] <= start:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            lane = heapq.heappop(free)
        else:
            lane, count = count, count + 1
        lanes[coding_id] = lane
        heapq.heappush(busy, (max(end, start + 1), lane))
    return lanes


def free_lane(taken: Iterable[int]) -> int:
    """The lowest lane not in ``taken``."""
    used = set(taken)
    return next(lane for lane in range(len(used) + 1) if lane not in used)
