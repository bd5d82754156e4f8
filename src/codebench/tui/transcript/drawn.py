"""The codings a transcript draws, and the margin lane each one's stripe keeps.

A change of codings (one applied, one removed) must not move the other stripes: a new coding
takes the lowest lane free on its visual lines and a removed one leaves its lane empty; every
lane is laid out again only with a new layout or when many codings change at once. Kept free
of Textual, so the transcript widget only asks which spans to repaint.
"""

from __future__ import annotations

from collections.abc import Iterable

from codebench.services.coding.views import CodingView
from codebench.tui.transcript.index import HighlightIndex
from codebench.tui.transcript.lanes import assign_lanes, free_lane
from codebench.tui.transcript.layout import Layout

REASSIGN_LANES = 20
"""More new codings than this at once (a view switch, a reread) lay out every lane again."""


class DrawnCodings:
    """The codings by span (:attr:`index`) and each coding's lane (:attr:`lanes`)."""

    def __init__(self, codings: Iterable[CodingView] = ()) -> None:
        self.index = HighlightIndex()
        self.index.replace(codings)
        self.lanes: dict[int, int] = {}

    def lane_of(self, coding_id: int) -> int:
        """The margin lane of a coding's stripe (0 is the leftmost)."""
        return self.lanes.get(coding_id, 0)

    def relayout(self, layout: Layout | None) -> None:
        """Every coding's lane, by the visual lines ``layout`` draws it on."""
        self.lanes = self._assigned(layout)

    def replace(
        self, codings: Iterable[CodingView], layout: Layout | None
    ) -> list[tuple[int, int]]:
        """Make ``codings`` the drawn ones; returns the spans whose drawing changed."""
        changed = self.index.replace(codings)
        drawn = self.index.all()
        lanes = {h.id: self.lanes[h.id] for h in drawn if h.id in self.lanes}
        new = [h for h in drawn if h.id not in lanes]
        if layout is None or len(new) > REASSIGN_LANES:
            lanes = self._assigned(layout)
            changed += [(h.start, h.end) for h in drawn if lanes[h.id] != self.lanes.get(h.id)]
        else:
            for coding in sorted(new, key=lambda h: (h.start, -h.end, h.id)):
                first = layout.line_of(coding.start)
                last = layout.line_of(max(coding.start, coding.end - 1))
                neighbours = self.index.overlapping(layout.starts[first], layout.ends[last])
                lanes[coding.id] = free_lane(lanes[n.id] for n in neighbours if n.id in lanes)
        self.lanes = lanes
        return changed

    def _assigned(self, layout: Layout | None) -> dict[int, int]:
        if layout is None:
            return assign_lanes(self.index.all())

        def lines(coding: CodingView) -> tuple[int, int]:
            last = layout.line_of(max(coding.start, coding.end - 1))
            return layout.line_of(coding.start), last + 1

        return assign_lanes(self.index.all(), lines)
