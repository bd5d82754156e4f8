"""Drawing one visual line of the transcript as a Strip: gutter, coded speech, named stripes.

The painter holds no document state; the view passes what a line needs. Styles come from the
view's component classes (so they follow the theme) and are cached here until the view's
styles change. How a coding looks (its colour, short name, coder mark, whether it is another
coder's) comes from a :class:`CodingLook`.

Coded text takes its code's tint (:func:`~codebench.tui.code_styles.tint`: the code's hue at
one lightness, which stays a colour, not a grey, in a 256-colour terminal), with the text
colour chosen for contrast on it; where another
coder's coding lies (in a view of several coders) the text is underlined. The margin holds one
lane per coding (:mod:`~codebench.tui.transcript.lanes`): a stripe in the code's colour,
carrying the code's short name (and the coder's mark) on the coding's first line.

A suggestion (a code the model proposes, drawn as a coding the look calls ``suggested``) must
never pass for a coding: its text takes no tint but is italic and underlined, and its stripe
is dashed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Protocol

from rich.cells import cell_len, get_character_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.color import Color, ColorParseError
from textual.strip import Strip

from codebench.services.coding.views import CodingView
from codebench.tui.code_styles import tint
from codebench.tui.transcript.index import HighlightIndex
from codebench.tui.transcript.layout import BLANK, TEXT, Layout
from codebench.tui.transcript.sentences import SentenceIndex

GUTTER = 18
"""Cells left of the text with full speaker labels: cursor mark, label or time, number, a space."""
MIN_GUTTER = 4
"""The narrowest gutter (short labels: cursor mark, "R1", a space)."""
STRIPES = 3
"""Lanes of coding stripes in a roomy margin (two in a narrow one)."""
SHORT = 3
"""Cells of a code's short name on its stripe."""
MARK_BLEND = 0.35
"""How much of a code's colour shows through the cursor or selection background."""
STRIPE = "▌"
GHOST_STRIPE = "╎"
"""A suggestion's stripe: dashed, where a coding's is solid."""

NO_MARK, CURSOR, SELECTION = 0, 1, 2

_CONTROL = str.maketrans({"\t": " ", "\r": " ", "\x0b": " ", "\x0c": " "})


class CodingLook(Protocol):
    """How codings are drawn: colour, short name, coder mark, and another coder's or not."""

    def colour(self, coding: CodingView) -> str: ...

    def short(self, coding: CodingView) -> str: ...

    def mark(self, coding: CodingView) -> str: ...

    def other(self, coding: CodingView) -> bool: ...

    def suggested(self, coding: CodingView) -> bool:
        """Whether ``coding`` is a suggestion, not a coding (drawn unlike any coding)."""
        ...

    @property
    def marked(self) -> bool:
        """Whether codings carry coder marks (a view of several coders)."""
        ...


@dataclass(frozen=True)
class Margin:
    """The stripes right of the text: how many lanes, each how many cells wide."""

    lanes: int = STRIPES
    lane_width: int = 1 + SHORT

    @property
    def width(self) -> int:
        """Cells of the margin: a space, then the lanes."""
        return 1 + self.lanes * self.lane_width


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


def format_time(seconds: float, room: int = 8) -> str:
    """hh:mm:ss, or as short as ``room`` needs (m:ss, h:mm:ss)."""
    whole = int(seconds)
    full = f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
    if len(full) <= room:
        return full
    hours, minutes = whole // 3600, whole % 3600 // 60
    if hours:
        return f"{hours}:{minutes:02d}:{whole % 60:02d}"
    return f"{minutes}:{whole % 60:02d}"


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


def first_line_of(layout: Layout, coding: CodingView) -> int:
    """The first text line drawing part of ``coding`` (-1 when none is shown)."""
    for line in layout.lines_overlapping(coding.start, coding.end):
        if (
            layout.kinds[line] == TEXT
            and layout.starts[line] < coding.end
            and layout.ends[line] > coding.start
        ):
            return line
    return -1


class LinePainter:
    """Draws visual lines; `component("")` is the widget style, else a component class's."""

    def __init__(self, component: Callable[[str], Style], background: Callable[[], Color]):
        self._component = component
        self._background = background
        self._styles: dict[tuple[str | None, bool, int, bool, bool, bool], Style] = {}

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
        look: CodingLook,
        lanes: Mapping[int, int],
        margin: Margin,
        labels: Mapping[str, str],
    ) -> Strip:
        base = self._component("")
        kind = layout.kinds[line]
        if kind == BLANK:
            return Strip.blank(width, base)
        turn_index = layout.turns[line]
        turn = sentences.view.turns[turn_index]
        start, end = layout.starts[line], layout.ends[line]
        highlights = codings.overlapping(start, end) if kind == TEXT else []
        segments = self._gutter(layout, line, sentences, marks, numbers, labels)
        title = turn.speaker is None and turn_index < sentences.header_turns
        text = self._speech(sentences.view.text, start, end, highlights, marks, title, look)
        segments.extend(Segment.adjust_line_length(text, layout.width, style=base))
        segments.append(Segment(" ", base))
        segments.extend(self._stripes(layout, line, highlights, look, lanes, margin))
        strip = Strip(segments)
        return strip if strip.cell_length == width else strip.crop_extend(0, width, base)

    def _gutter(
        self,
        layout: Layout,
        line: int,
        sentences: SentenceIndex,
        marks: Marks,
        numbers: bool,
        labels: Mapping[str, str],
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
        room = max(0, layout.gutter - 2 - (digits + 1 if digits else 0))
        row = line - layout.turn_first_line.get(turn_index, line)
        label, style = "", gutter
        if row == 0 and turn.speaker:
            shown = labels.get(turn.speaker, turn.speaker)
            label, style = truncate(shown, room), self._component("speaker")
        elif turn.time_start is not None and row == (1 if turn.speaker else 0):
            time = format_time(turn.time_start, room)
            label, style = truncate(time, room), self._component("time")
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
        look: CodingLook,
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
            top_other = True
            bold = underline = suggested = False
            for h in highlights:
                if h.start <= a < h.end:
                    if look.suggested(h):  # never a tint: that would pass for a coding
                        suggested = True
                        continue
                    other = look.other(h)
                    # the tint is the newest of the viewer's own codings, else the newest
                    if (
                        top is None
                        or (top_other and not other)
                        or (top_other == other and h.id > top.id)
                    ):
                        top, top_other = h, other
                    bold = bold or h.exemplar
                    underline = underline or other
            mark = marks.kind if marks.start <= a < marks.end else NO_MARK
            colour = look.colour(top) if top else None
            style = self._text_style(colour, bold, mark, title, underline, suggested)
            segments.append(Segment(text[a:b].translate(_CONTROL), style))
        return segments

    def _text_style(
        self,
        colour: str | None,
        bold: bool,
        mark: int,
        title: bool,
        underline: bool,
        suggested: bool,
    ) -> Style:
        key = (colour, bold, mark, title, underline, suggested)
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
            shade = tint(colour, self._background().brightness < 0.5)
            if mark_background is not None:
                background = Color.from_rich_color(mark_background).blend(shade, MARK_BLEND)
            else:
                background = shade
            foreground = background + background.get_contrast_text(0.92)
            style += Style(bgcolor=background.rich_color, color=foreground.rich_color)
        if bold:
            style += Style(bold=True)
        if underline or suggested:
            style += Style(underline=True)
        if suggested:
            style += Style(italic=True)
        self._styles[key] = style
        return style

    def _stripes(
        self,
        layout: Layout,
        line: int,
        highlights: list[CodingView],
        look: CodingLook,
        lanes: Mapping[int, int],
        margin: Margin,
    ) -> list[Segment]:
        """One lane per coding on this line, each in its own lane where there is room. A
        coding whose lane is beyond the margin takes a lane left free on this line (and is
        named there, as it has moved); what still does not fit is counted as "+n" in the
        last lane."""
        base = self._component("")
        slots: dict[int, CodingView] = {}
        for h in highlights:  # oldest first: a coding starting on this line in the lane of
            lane = lanes.get(h.id, 0)  # one that ends here takes the lane's place
            if lane not in slots or first_line_of(layout, h) == line:
                slots[lane] = h
        columns = {lane: h for lane, h in slots.items() if lane < margin.lanes}
        beyond = [h for lane, h in sorted(slots.items()) if lane >= margin.lanes]
        last = margin.lanes - 1
        free = [slot for slot in range(margin.lanes) if slot not in columns]
        hidden = 0
        if len(beyond) > len(free):
            if last in columns:
                beyond.append(columns.pop(last))
            free = [slot for slot in range(last) if slot not in columns]
            hidden = len(beyond) - len(free)
        moved = set()
        for slot, placed in zip(free, beyond, strict=False):
            columns[slot] = placed
            moved.add(placed.id)
        segments: list[Segment] = []
        for slot in range(margin.lanes):
            coding = columns.get(slot)
            if slot == last and hidden:
                more = truncate(f" +{hidden}", margin.lane_width)
                segments.append(Segment(more.ljust(margin.lane_width), self._component("gutter")))
            elif coding is None:
                segments.append(Segment(" " * margin.lane_width, base))
            else:
                named = coding.id in moved or first_line_of(layout, coding) == line
                segments.extend(self._stripe(coding, look, margin, named))
        return segments

    def _stripe(
        self, coding: CodingView, look: CodingLook, margin: Margin, named: bool
    ) -> list[Segment]:
        base = self._component("")
        colour = code_colour(look.colour(coding)).rich_color
        glyph = GHOST_STRIPE if look.suggested(coding) else STRIPE
        bar = Segment(glyph, base + Style(color=colour))
        room = margin.lane_width - 1
        if not named:
            return [bar, Segment(" " * room, base)]
        mark = look.mark(coding)
        name = truncate(look.short(coding), room - cell_len(mark))
        segments = [bar, Segment(name, base + Style(color=colour, bold=True))]
        if mark:
            segments.append(Segment(mark, self._component("gutter")))
        pad = room - cell_len(name) - cell_len(mark)
        if pad > 0:
            segments.append(Segment(" " * pad, base))
        return segments
