"""The transcript laid out as visual lines for one text width (no Textual here).

A layout is computed once per width (and per filter) and kept compact: parallel arrays of
ints, one entry per visual line. Each text line knows the code-point range of the document
text it draws; blank lines (between turns) and padding lines (a one-line turn's time row) have
an empty range at the end of their turn. Widths are in terminal cells (`rich.cells`), so an
emoji takes two cells and an accented letter one.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.cells import cell_len, get_character_cell_size

from codebench.services.documents.overview import TurnView

TEXT = 0
BLANK = 1
PAD = 2

# A word with the whitespace before it (only at a paragraph start) and the whitespace after it.
_TOKEN = re.compile(r"(\s*\S+)(\s*)")


@dataclass
class Layout:
    """Visual lines of the shown turns at one text width (cells)."""

    width: int
    gutter: int = 18
    """Cells of the gutter left of the text (narrower in a narrow view)."""
    starts: array[int] = field(default_factory=lambda: array("l"))
    ends: array[int] = field(default_factory=lambda: array("l"))
    turns: array[int] = field(default_factory=lambda: array("l"))
    kinds: bytearray = field(default_factory=bytearray)
    # Per shown turn (by turn index): its first visual line.
    turn_first_line: dict[int, int] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.starts)

    def line_of(self, offset: int) -> int:
        """The line drawing `offset` (or the last line starting before it)."""
        if not self.starts:
            return 0
        return max(0, bisect_right(self.starts, offset) - 1)

    def lines_overlapping(self, start: int, end: int) -> range:
        """Lines whose ranges may touch [start, end) (a superset: may include blank lines)."""
        if not self.starts:
            return range(0)
        first = max(0, bisect_right(self.starts, start) - 1)
        last = max(first, bisect_left(self.starts, max(end, start + 1)) - 1)
        return range(first, last + 1)

    def offset_at(self, line: int, column: int, text: str) -> int:
        """The offset of `text` drawn at `column` cells into `line`'s text (the line's start
        for a blank line or a column left of the text)."""
        start, end = self.starts[line], self.ends[line]
        if self.kinds[line] != TEXT or end <= start or column <= 0:
            return start
        used = 0
        for i in range(start, end):
            used += get_character_cell_size(text[i])
            if used > column:
                return i
        return end - 1


def _hard_break(
    text: str, start: int, end: int, used: int, width: int, out: list[tuple[int, int]], line: int
) -> tuple[int, int]:
    """Break a word wider than the line by characters; returns (line start, cells used)."""
    for i in range(start, end):
        w = get_character_cell_size(text[i])
        if used and used + w > width:
            out.append((line, i))
            line, used = i, 0
        used += w
    return line, used


def wrap_paragraph(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of text[start:end] (no newline inside) into (start, end) ranges.

    Ranges are contiguous: whitespace after the last word of a line stays on that line (it is
    drawn cropped), so every code point of the paragraph belongs to exactly one line.
    """
    if end <= start:
        return [(start, start)]
    ascii_only = text[start:end].isascii()
    if ascii_only and end - start <= width:
        return [(start, end)]
    if not ascii_only and cell_len(text[start:end]) <= width:
        return [(start, end)]
    out: list[tuple[int, int]] = []
    line = start
    used = 0
    for match in _TOKEN.finditer(text, start, end):
        word_start, word_end = match.span(1)
        after = match.end(2)
        cells = word_end - word_start if ascii_only else cell_len(text[word_start:word_end])
        if used and used + cells > width:
            out.append((line, word_start))
            line, used = word_start, 0
        if cells > width:
            line, used = _hard_break(text, word_start, word_end, used, width, out, line)
        else:
            used += cells
        used += after - word_end
    out.append((line, end))
    return out


def build_layout(
    text: str, turns: Sequence[TurnView], shown: Sequence[int], width: int, gutter: int = 18
) -> Layout:
    """Lay out the turns with indices `shown` at `width` cells of text per line."""
    layout = Layout(width, gutter)
    starts, ends, line_turns, kinds = layout.starts, layout.ends, layout.turns, layout.kinds
    previous: int | None = None
    for index in shown:
        turn = turns[index]
        if previous is not None:
            end = turns[previous].end
            starts.append(end)
            ends.append(end)
            line_turns.append(previous)
            kinds.append(BLANK)
        first = len(starts)
        layout.turn_first_line[index] = first
        position = turn.speech_start
        while True:
            newline = text.find("\n", position, turn.end)
            paragraph_end = turn.end if newline < 0 else newline
            for line_start, line_end in wrap_paragraph(text, position, paragraph_end, width):
                starts.append(line_start)
                ends.append(line_end)
                line_turns.append(index)
                kinds.append(TEXT)
            if newline < 0:
                break
            position = newline + 1
        if turn.time_start is not None and len(starts) - first == 1:
            starts.append(turn.end)
            ends.append(turn.end)
            line_turns.append(index)
            kinds.append(PAD)
        previous = index
    return layout
