"""How the transcript's width is shared: the gutter (speaker labels, sentence numbers), the
text column and the margin of coding stripes.

The text keeps a readable column first: full speaker labels take an 18-cell gutter only while
the text still gets ROOMY_TEXT_WIDTH cells; a narrower view gives the gutter's cells to the
text and shows short labels ("R1", "I"). Kept apart from the widget so the rule can be read,
and changed, in one place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.cells import cell_len

from codebench.tui.transcript.painter import GUTTER, MIN_GUTTER, SHORT, STRIPES, Margin

MIN_TEXT_WIDTH = 10
ROOMY_TEXT_WIDTH = 56
"""Below this many cells of text, the gutter shows short speaker labels ("R1", "I")."""
WIDE_MARGIN = 70
"""From this many cells of content, the margin has three lanes of stripes (else two)."""
TIME_ROOM = 5
"""Cells a short gutter keeps for a turn's time (m:ss)."""


@dataclass(frozen=True)
class Geometry:
    gutter: int
    text: int
    margin: Margin
    short_labels: bool
    """Whether the gutter shows short speaker labels instead of the full ones."""


def geometry(
    content: int,
    *,
    marked: bool,
    labels: Iterable[str],
    short_labels: Iterable[str],
    timed: bool,
    numbers: int,
) -> Geometry:
    """The shares of ``content`` cells: ``marked`` when stripes carry coder marks, ``labels``
    the full speaker labels and ``short_labels`` their short forms, ``timed`` when turns have
    times, ``numbers`` the cells sentence numbers take (0: not shown)."""
    lane = 1 + SHORT + (1 if marked else 0)
    margin = Margin(STRIPES if content >= WIDE_MARGIN else STRIPES - 1, lane)
    fits = all(cell_len(label) <= GUTTER - 2 for label in labels)
    if fits and content - GUTTER - margin.width >= ROOMY_TEXT_WIDTH:
        return Geometry(GUTTER, content - GUTTER - margin.width, margin, False)
    room = max([cell_len(short) for short in short_labels] or [1])
    room = max(room, TIME_ROOM if timed else 1)
    gutter = max(MIN_GUTTER, 2 + room + numbers)
    return Geometry(gutter, max(MIN_TEXT_WIDTH, content - gutter - margin.width), margin, True)
