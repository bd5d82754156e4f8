"""Drawing one visual line of the transcript as a Strip: gutter, coded speech, code stripes.

The painter holds no document state; the view passes what a line needs. Styles come from the
view's component classes (so they follow the theme) and are cached here until the view's
styles change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from rich.cells import cell_len, get_character_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.color import Color, ColorParseError
from textual.strip import Strip

from codebench.services.coding.views import CodingView
from codebench.tui.transcript.index import HighlightIndex
from codebench.tui.transcript.layout import BLANK, TEXT, Layout
from codebench.tui.transcript.sentences import SentenceIndex

GUTTER = 18
"""Cells left of the text: cursor mark, speaker label or time, sentence number, a space."""
MIN_GUTTER = 10
"""The gutter shrinks towards this in a narrow view, to leave room for the text."""
MARGIN = 4
"""Cells right of the text: a space and up to three code stripes."""
STRIPES = 3
CODE_BLEND = 0.4
"""How much of a code's colour tints the background of coded text."""
MARK_BLEND = 0.35
"""How much of a code's colour shows through the cursor or selection background."""

NO_MARK, CURSOR, SELECTION = 0, 1, 2

_CONTROL = str.maketrans({"\t": " ", "\r": " ", "\x0b": " ", "\x0c": " "})


@dataclass(frozen=True)
class Marks:
    """What the cursor and selection look like right now."""

    cursor: tuple[int, int]
    """The cursor sentence's span (its lines get a mark in the gutter)."""
    start: int
    end: int
    kind: int
    """CURSOR when the selection is the cursor sentence, else SELECTION."""


@lru_cache(maxsize=256)
def code_colour(value: str) -> Color:
    """A code's colour ('#rrggbb'); grey if it cannot be read."""
    try:
        return Color.parse(value)
    except ColorParseError:
        return Color(128, 128, 128)


def format_time(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def truncate(label: str, width: int) -> str:
    """`label` cut to `width` cells, with an ellipsis when cut."""
    if cell_len(label) <= width:
        return label
    out: list[str] = []
    used = 0
    for char in label:
        w = get_character_cell_size(char)
        if used + w > width - 1:
            break
        out.append(char)
        used += w
    return "".join(out) + "…"


class LinePainter:
    """Draws visual lines; `component("")` is the widget style, else a component class's."""

    def __init__(self, component: Callable[[str], Style], background: Callable[[], Color]):
        self._component = component
        self._background = background
        self._styles: dict[tuple[str | None, bool, int, bool], Style] = {}

    def clear(self) -> None:
        """Forget cached styles (the theme or the widget's styles changed)."""
        self._styles.clear()

    def paint(
        self,
        layout: Layout,
        line: int,
        width: int,
        sentences: SentenceIndex,
        codings: HighlightIndex,
        marks: Marks,
        numbers: bool,
    ) -> Strip:
        base = self._component("")
        kind = layout.kinds[line]
        if kind == BLANK:
            return Strip.blank(width, base)
        turn_index = layout.turns[line]
        turn = sentences.view.turns[turn_index]
        start, end = layout.starts[line], layout.ends[line]
        highlights = codings.overlapping(start, end) if kind == TEXT else []
        segments = self._gutter(layout, line, sentences, marks, numbers)
        title = turn.speaker is None and turn_index < sentences.header_turns
        text = self._speech(sentences.view.text, start, end, highlights, marks, title)
        segments.extend(Segment.adjust_line_length(text, layout.width, style=base))
        segments.append(Segment(" ", base))
        segments.extend(self._stripes(highlights))
        strip = Strip(segments)
        return strip if strip.cell_length == width else strip.crop_extend(0, width, base)

    def _gutter(
        self, layout: Layout, line: int, sentences: SentenceIndex, marks: Marks, numbers: bool
    ) -> list[Segment]:
        gutter = self._component("gutter")
        turn_index = layout.turns[line]
        turn = sentences.view.turns[turn_index]
        start, end = layout.starts[line], layout.ends[line]
        is_text = layout.kinds[line] == TEXT
        segments: list[Segment] = []
        if is_text and start < marks.cursor[1] and end > marks.cursor[0]:
            segments.append(Segment("▌", self._component("marker")))
        else:
            segments.append(Segment(" ", gutter))
        digits = sentences.number_width if numbers else 0
        room = layout.gutter - 2 - (digits + 1 if digits else 0)
        row = line - layout.turn_first_line.get(turn_index, line)
        label, style = "", gutter
        if row == 0 and turn.speaker:
            label, style = truncate(turn.speaker, room), self._component("speaker")
        elif turn.time_start is not None and row == (1 if turn.speaker else 0):
            label, style = truncate(format_time(turn.time_start), room), self._component("time")
        if label:
            segments.append(Segment(label, style))
        pad = room - cell_len(label)
        number = ""
        if digits:
            sentence = sentences.first_starting_in(start, end) if is_text else None
            number = str(sentence.number) if sentence else ""
            pad += 1 + digits - len(number)
        segments.append(Segment(" " * pad, gutter))
        if number:
            segments.append(Segment(number, self._component("number")))
        segments.append(Segment(" ", gutter))
        return segments

    def _speech(
        self,
        text: str,
        start: int,
        end: int,
        highlights: list[CodingView],
        marks: Marks,
        title: bool,
    ) -> list[Segment]:
        if end <= start:
            return []
        points = {start, end}
        for h in highlights:
            points.add(min(max(h.start, start), end))
            points.add(min(max(h.end, start), end))
        if marks.start < end and marks.end > start:
            points.add(max(marks.start, start))
            points.add(min(marks.end, end))
        segments: list[Segment] = []
        for a, b in pairwise(sorted(points)):
            top: CodingView | None = None
            bold = False
            for h in highlights:
                if h.start <= a < h.end:
                    if top is None or h.id > top.id:
                        top = h
                    bold = bold or h.exemplar
            mark = marks.kind if marks.start <= a < marks.end else NO_MARK
            style = self._text_style(top.colour if top else None, bold, mark, title)
            segments.append(Segment(text[a:b].translate(_CONTROL), style))
        return segments

    def _text_style(self, colour: str | None, bold: bool, mark: int, title: bool) -> Style:
        key = (colour, bold, mark, title)
        style = self._styles.get(key)
        if style is not None:
            return style
        style = self._component("")
        if title:
            style += self._component("title")
        mark_background = None
        if mark:
            mark_style = self._component("cursor" if mark == CURSOR else "selection")
            mark_background = mark_style.bgcolor
            style += mark_style
        if colour is not None:
            code = code_colour(colour)
            if mark_background is not None:
                background = Color.from_rich_color(mark_background).blend(code, MARK_BLEND)
            else:
                background = self._background().blend(code, CODE_BLEND)
            style += Style(bgcolor=background.rich_color)
        if bold:
            style += Style(bold=True)
        self._styles[key] = style
        return style

    def _stripes(self, highlights: list[CodingView]) -> list[Segment]:
        base = self._component("")
        codes: dict[int, str] = {}
        for h in highlights:
            codes.setdefault(h.code_id, h.colour)
        colours = [codes[k] for k in sorted(codes)]
        if len(colours) > STRIPES:
            colours = colours[: STRIPES - 1]
        segments = [
            Segment("▌", base + Style(color=code_colour(colour).rich_color)) for colour in colours
        ]
        if len(codes) > STRIPES:
            segments.append(Segment("+", self._component("gutter")))
        segments.append(Segment(" " * (STRIPES - min(len(codes), STRIPES)), base))
        return segments
