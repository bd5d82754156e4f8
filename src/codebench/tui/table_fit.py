"""Fitting a table's columns into the room a screen has: counts keep their width, names and
free text give way first (the widest first), and nothing is cut below a readable width.

Pure functions over widths in cells, free of Textual, so they read and test alone; the reports
and agreement screens use them to set DataTable column widths.
"""

from __future__ import annotations

import textwrap

from rich.cells import cell_len, get_character_cell_size

CELL_PADDING = 1
"""The DataTable's padding either side of every cell."""
SCROLLBAR = 2
"""Room kept for a vertical scrollbar."""


def fit_widths(
    naturals: list[int],
    fixed: list[bool],
    room: int,
    minimum: list[int],
    first: list[bool] | None = None,
) -> list[int]:
    """Widths for columns whose content is ``naturals`` wide, within ``room`` cells of content.

    ``fixed`` columns (counts) keep their natural width. Columns marked ``first`` (free text
    such as quotes) give way first: down to a third of the room where the other columns can
    spare it, else down to their minimum. The others then share what is left:
    a level is found so that every column wider than it is cut to it (the widest give way
    first, as a water level), but none below its ``minimum`` (or its natural width, if
    narrower). Room left over goes back to the ``first`` columns. If even the minimums do not
    fit, the table is wider than the room and scrolls sideways."""
    if sum(naturals) <= room:
        return list(naturals)
    early = first or [False] * len(naturals)
    if any(early):
        roomy = [max(m, room // 3) if e else m for m, e in zip(minimum, early, strict=True)]
        widths = _give_way_first(naturals, fixed, room, roomy, early)
        if sum(widths) <= room:
            return widths
    return _give_way_first(naturals, fixed, room, minimum, early)


def _give_way_first(
    naturals: list[int], fixed: list[bool], room: int, minimum: list[int], early: list[bool]
) -> list[int]:
    floors = [min(n, m) for n, m in zip(naturals, minimum, strict=True)]
    if any(early):
        held = [f or e for f, e in zip(fixed, early, strict=True)]
        start = [
            floors[i] if e else n for i, (n, e) in enumerate(zip(naturals, early, strict=True))
        ]
        widths = _share(start, held, room, floors)
        spare = room - sum(widths)
        if spare > 0:
            texts = [i for i, e in enumerate(early) if e]
            level = _level(sorted(naturals[i] - floors[i] for i in texts), spare)
            for i in texts:
                widths[i] = floors[i] + min(naturals[i] - floors[i], level)
        return widths
    return _share(naturals, fixed, room, floors)


def _share(naturals: list[int], fixed: list[bool], room: int, floors: list[int]) -> list[int]:
    """The water level over the columns not ``fixed``, none below its floor."""
    widths = list(naturals)
    if sum(naturals) <= room:
        return widths
    free = room - sum(n for n, f in zip(naturals, fixed, strict=True) if f)
    flexible = [i for i, f in enumerate(fixed) if not f]
    while flexible:
        level = _level(sorted(naturals[i] for i in flexible), free)
        held = [i for i in flexible if floors[i] > min(naturals[i], level)]
        if not held:
            for i in flexible:
                widths[i] = min(naturals[i], level)
            break
        for i in held:  # at their minimum; the others share what is left after them
            widths[i] = floors[i]
            free -= floors[i]
            flexible.remove(i)
    return widths


def _level(widths: list[int], room: int) -> int:
    """The largest cap with sum(min(w, cap)) <= room, for ``widths`` sorted ascending."""
    used = 0
    for index, width in enumerate(widths):
        left = len(widths) - index
        if used + width * left > room:
            return max((room - used) // left, 0)
        used += width
    return widths[-1] if widths else 0


def content_room(width: int, columns: int) -> int:
    """The cells left for content in a table ``width`` wide with ``columns`` columns."""
    return width - SCROLLBAR - 2 * CELL_PADDING * columns


def cut(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells, with an ellipsis when cut."""
    if cell_len(text) <= width:
        return text
    out: list[str] = []
    used = 0
    for char in text:
        size = get_character_cell_size(char)
        if used + size > width - 1:
            break
        out.append(char)
        used += size
    return "".join(out) + "…"


def header_lines(header: str, width: int) -> list[str]:
    """A column header wrapped to ``width`` (a word longer than that is cut)."""
    lines = textwrap.wrap(header, width=max(width, 1), break_long_words=False) or [""]
    return [cut(line, width) for line in lines]


def header_width(header: str, widest: int = 14) -> int:
    """How wide a column must be for its header to wrap well: its longest word, but at most
    ``widest`` (a longer word is cut)."""
    return min(max((cell_len(word) for word in header.split()), default=0), widest)
