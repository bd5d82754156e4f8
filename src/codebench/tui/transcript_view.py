"""The transcript view: one virtualised widget for a whole document.

Design (after Toolong's log view): a single `ScrollView` using the Line API. The document is
laid out once per width (`transcript.layout`) as compact arrays of visual lines, each knowing
the code-point range of the text it draws; `render_line` draws only the visible lines
(`transcript.painter`) and keeps the drawn `Strip`s in an LRU cache keyed by line index. A
change of codings, cursor or selection evicts and repaints only the lines overlapping the
changed spans; a width, theme, filter or numbering change clears the cache.

Each line is drawn as: a gutter (cursor mark, speaker label on a turn's first line, its time on
the second, the sentence number where a sentence starts), the turn's speech (never its label),
and a margin of coding stripes, one lane per coding, named on the coding's first line. Where the
gutter has no room for the full speaker labels it shows short ones ("R1", "I"), unique within
the document; the margin narrows from three lanes to two. How codings look (colours, short
names, coder marks) is the screen's :class:`~codebench.tui.transcript.painter.CodingLook`.

The widget has its own keys and mouse for moving the cursor and growing, shrinking or dragging
the selection: each is a move of its :class:`~codebench.tui.transcript.cursor.Cursor` (a value,
Textual-free), after which the widget repaints what changed and posts :class:`CursorMoved`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from codebench.services.coding.views import CodingView
from codebench.services.documents.overview import DocumentView, SentenceView, TurnView
from codebench.tui.code_styles import PlainLook
from codebench.tui.transcript.cursor import Cursor
from codebench.tui.transcript.drawn import DrawnCodings
from codebench.tui.transcript.geometry import Geometry, geometry
from codebench.tui.transcript.labels import short_labels
from codebench.tui.transcript.layout import Layout, build_layout
from codebench.tui.transcript.painter import (
    CURSOR,
    GUTTER,
    SELECTION,
    CodingLook,
    LinePainter,
    Margin,
    Marks,
)
from codebench.tui.transcript.sentences import SentenceIndex, TurnPredicate

__all__ = ["GUTTER", "CodingLook", "Margin", "TranscriptView", "TurnPredicate"]

CACHE_LINES = 2000


class TranscriptView(ScrollView, can_focus=True):
    """A document's turns with speaker gutter, coded spans, a sentence cursor and a selection."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "transcript-view--gutter",
        "transcript-view--speaker",
        "transcript-view--time",
        "transcript-view--number",
        "transcript-view--title",
        "transcript-view--marker",
        "transcript-view--cursor",
        "transcript-view--selection",
    }

    DEFAULT_CSS = """
    TranscriptView {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: scroll;
        & > .transcript-view--gutter { color: $text-muted; }
        & > .transcript-view--speaker { color: $text-accent; text-style: bold; }
        & > .transcript-view--time { color: $text-muted; }
        & > .transcript-view--number { color: $text-muted; }
        & > .transcript-view--title { color: $text-muted; }
        & > .transcript-view--marker { color: $primary 60%; }
        & > .transcript-view--cursor { background: $primary 25%; }
        & > .transcript-view--selection { background: $accent 30%; }
        &:focus {
            & > .transcript-view--marker { color: $primary; }
            & > .transcript-view--cursor { background: $primary 45%; }
            & > .transcript-view--selection { background: $accent 50%; }
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # Movement keys are listed in the help screen (?); the footer keeps room for coding.
        Binding("down,j", "cursor_down", "Next sentence", show=False),
        Binding("up,k", "cursor_up", "Previous sentence", show=False),
        Binding("]", "next_turn", "Next turn", show=False),
        Binding("[", "previous_turn", "Previous turn", show=False),
        Binding("shift+down", "extend_down", "Extend"),
        Binding("shift+up", "extend_up", "Extend selection up", show=False),
        Binding("shift+right", "extend_word", "Selection end: next word", show=False),
        Binding("shift+left", "shrink_word", "Selection end: previous word", show=False),
        Binding("ctrl+shift+right", "extend_char", "Selection end: next character", show=False),
        Binding("ctrl+shift+left", "shrink_char", "Selection end: previous character", show=False),
        Binding("escape", "collapse", "Collapse selection", show=False),
        Binding("home", "first", "First sentence", show=False),
        Binding("end", "last", "Last sentence", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
    ]

    show_numbers: reactive[bool] = reactive(False)
    """Show sentence numbers in the gutter."""

    class CursorMoved(Message):
        """The cursor sentence or the selection changed."""

        def __init__(self, sentence: SentenceView, selection: tuple[int, int]) -> None:
            super().__init__()
            self.sentence = sentence
            self.selection = selection

    def __init__(
        self,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self._doc = SentenceIndex(DocumentView("", "", "", []))
        self._codings = DrawnCodings()
        self._filter: TurnPredicate | None = None
        self._layout: Layout | None = None
        self._cache: LRUCache[int, Strip] = LRUCache(CACHE_LINES)
        self._components: dict[str, Style] = {}
        self._painter = LinePainter(self._component, lambda: self.background_colors[1])
        self._look: CodingLook = PlainLook()
        self._short_labels: dict[str, str] = {}
        self._labels: dict[str, str] = {}
        self._margin = Margin()
        self._at = Cursor()
        self._last_offset = 0  # where the cursor was, for when a filter hides everything
        self._drag_origin: int | None = None

    # -- state -------------------------------------------------------------------------------

    @property
    def document(self) -> DocumentView:
        return self._doc.view

    @property
    def text_layout(self) -> Layout | None:
        """The current visual lines (None until the widget has a width)."""
        return self._layout

    @property
    def cursor_sentence(self) -> SentenceView | None:
        """The sentence under the cursor (None for an empty document or filter)."""
        return self._doc.sentence(self._at.position) if self._at.position >= 0 else None

    @property
    def cursor_turn(self) -> TurnView | None:
        """The turn holding the cursor sentence."""
        if self._at.position < 0:
            return None
        return self._doc.view.turns[self._doc.turn_of(self._at.position)]

    @property
    def cursor_speaker(self) -> str | None:
        """The speaker of the cursor sentence's turn (None: no cursor, or a title block)."""
        turn = self.cursor_turn
        return turn.speaker if turn else None

    @property
    def cursor_index(self) -> int:
        """Index of the cursor sentence in the document's sentence list (-1: none)."""
        return self._doc.shown[self._at.position] if self._at.position >= 0 else -1

    @property
    def selection(self) -> tuple[int, int]:
        """(start, end) in code points; by default the cursor sentence's span."""
        return self._at.selection

    @property
    def selected_text(self) -> str:
        start, end = self._at.selection
        return self._doc.view.text[start:end]

    @property
    def filtered(self) -> bool:
        """Whether a filter hides some turns."""
        return self._filter is not None

    @property
    def highlights(self) -> list[CodingView]:
        return self._codings.index.all()

    @property
    def speakers(self) -> list[str]:
        """The document's speakers, in order of first appearance."""
        return list(dict.fromkeys(t.speaker for t in self._doc.view.turns if t.speaker))

    @property
    def look(self) -> CodingLook:
        return self._look

    @property
    def gutter_labels(self) -> dict[str, str]:
        """Speaker label -> the label the gutter shows (short ones in a narrow view)."""
        return dict(self._labels)

    @property
    def short_labels(self) -> dict[str, str]:
        """Speaker label -> its short form, unique within the document."""
        return dict(self._short_labels)

    @property
    def margin(self) -> Margin:
        return self._margin

    def lane_of(self, coding_id: int) -> int:
        """The margin lane of a coding's stripe (0 is the leftmost)."""
        return self._codings.lane_of(coding_id)

    def codings_at(self, offset: int) -> list[CodingView]:
        """Codings holding the code point at `offset`, oldest first."""
        return self._codings.index.at(offset)

    def codings_in_selection(self) -> list[CodingView]:
        """Codings overlapping the selection, oldest first."""
        start, end = self._at.selection
        return self._codings.index.overlapping(start, max(end, start + 1))

    # -- loading, codings, filter ------------------------------------------------------------

    def load(self, view: DocumentView, highlights: list[CodingView]) -> None:
        """Show `view` with its codings; cursor on the first spoken sentence, no filter."""
        self._doc = SentenceIndex(view)
        self._codings = DrawnCodings(highlights)
        self._short_labels = short_labels(self.speakers)
        self._filter = None
        self._at = Cursor.first(self._doc)
        self._relayout()
        if self.is_mounted:
            self.scroll_to(0, 0, animate=False, force=True)
        self._cursor_changed(scroll=False)

    def reload(self, view: DocumentView) -> None:
        """The same document read again after its speakers changed (its text did not).

        Codings, filter and scroll stay; the cursor stays on its sentence (or the nearest one
        the filter still shows), with the selection collapsed to it."""
        offset = self._cursor_offset()
        self._doc = SentenceIndex(view)
        self._doc.set_filter(self._filter)
        self._short_labels = short_labels(self.speakers)
        self._cursor_near(offset)

    def set_highlights(self, highlights: Iterable[CodingView]) -> None:
        """Replace the codings; repaints only the lines whose codings changed (the other
        stripes keep their lanes: :class:`~codebench.tui.transcript.drawn.DrawnCodings`)."""
        self._refresh_spans(self._codings.replace(highlights, self._layout))

    def set_look(self, look: CodingLook) -> None:
        """Draw codings with ``look`` (colours, short names, coder marks): repaints all."""
        self._look = look
        self._relayout()

    def set_filter(self, turn_predicate: TurnPredicate | None) -> None:
        """Show only the turns matching `turn_predicate` (None: all turns)."""
        offset = self._cursor_offset()
        self._filter = turn_predicate
        self._doc.set_filter(turn_predicate)
        self._cursor_near(offset)

    def _cursor_offset(self) -> int:
        """Where the cursor sentence starts (where it last was, when nothing is shown)."""
        position = self._at.position
        return self._doc.span(position)[0] if position >= 0 else self._last_offset

    def _cursor_near(self, offset: int) -> None:
        """After the shown sentences changed: lay out again, cursor on the one nearest
        `offset`."""
        self._at = Cursor.near(self._doc, offset)
        self._relayout()
        self._cursor_changed(scroll=True)

    # -- layout and drawing ------------------------------------------------------------------

    def _geometry(self) -> Geometry:
        """How the current width is shared (:mod:`~codebench.tui.transcript.geometry`)."""
        return geometry(
            self.scrollable_content_region.width,
            marked=self._look.marked,
            labels=self.speakers,
            short_labels=self._short_labels.values(),
            timed=any(turn.time_start is not None for turn in self._doc.view.turns),
            numbers=self._doc.number_width + 1 if self.show_numbers else 0,
        )

    def _relayout(self) -> None:
        self._cache.clear()
        width = self.scrollable_content_region.width
        if width <= 0:
            self._layout = None
            self.virtual_size = Size(0, 0)
            return
        view = self._doc.view
        shares = self._geometry()
        self._margin = shares.margin
        self._labels = self._short_labels if shares.short_labels else {}
        self._layout = build_layout(
            view.text, view.turns, self._doc.shown_turns, shares.text, shares.gutter
        )
        self._codings.relayout(self._layout)
        self.virtual_size = Size(width, len(self._layout))
        self.refresh()

    def _shape_changed(self) -> bool:
        layout = self._layout
        shares = self._geometry()
        return (
            layout is None
            or (layout.gutter, layout.width, self._margin)
            != (shares.gutter, shares.text, shares.margin)
            or shares.short_labels != bool(self._labels)
        )

    def on_resize(self, event: events.Resize) -> None:
        if self._shape_changed():
            self._relayout()
            self._scroll_to_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._components.clear()
        self._painter.clear()
        self._cache.clear()

    def watch_show_numbers(self) -> None:
        if self._layout is not None and self._shape_changed():
            self._relayout()  # a short gutter grows by the numbers' width
            return
        self._cache.clear()
        self.refresh()

    def _component(self, name: str) -> Style:
        """A component class's style ("" for the widget's own), cached until styles change."""
        style = self._components.get(name)
        if style is None:
            if name:
                style = self.get_component_rich_style(f"transcript-view--{name}")
            else:
                style = self.rich_style
            self._components[name] = style
        return style

    def _marks(self) -> Marks:
        start, end = self._at.selection
        kind = CURSOR if self._at.collapsed(self._doc) else SELECTION
        return Marks(self._doc.span(self._at.position), start, end, kind)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        layout = self._layout
        if layout is None or not 0 <= line < len(layout):
            return Strip.blank(width, self._component(""))
        strip = self._cache.get(line)
        if strip is None or strip.cell_length != width:
            strip = self._painter.paint(
                layout,
                line,
                width,
                self._doc,
                self._codings.index,
                self._marks(),
                self.show_numbers,
                self._look,
                self._codings.lanes,
                self._margin,
                self._labels,
            )
            self._cache.set(line, strip)
        return strip

    def _refresh_spans(self, spans: Iterable[tuple[int, int]]) -> None:
        """Evict the lines drawing any part of the spans; repaint the visible ones."""
        layout = self._layout
        if layout is None:
            return
        lines: set[int] = set()
        for start, end in spans:
            lines.update(layout.lines_overlapping(start, end))
        for line in lines:
            self._cache.discard(line)
        top = self.scroll_offset.y
        bottom = top + self.scrollable_content_region.height
        run_start = previous = -2
        for line in [*sorted(n for n in lines if top <= n < bottom), -1]:
            if line != previous + 1:
                if run_start >= 0:
                    self.refresh_lines(run_start, previous - run_start + 1)
                run_start = line
            previous = line

    # -- cursor and selection ----------------------------------------------------------------

    def _move(self, to: Cursor | None) -> None:
        """Put the cursor where a move led (None: it led nowhere); repaint what changed."""
        if to is None or to == self._at:
            return
        old = self._marks()
        self._at = to
        self._refresh_spans([(old.start, old.end), old.cursor])
        self._cursor_changed(scroll=True)

    def _cursor_changed(self, *, scroll: bool) -> None:
        marks = self._marks()
        self._refresh_spans([(marks.start, marks.end), marks.cursor])
        if scroll:
            self._scroll_to_cursor()
        sentence = self.cursor_sentence
        if sentence is not None:
            self._last_offset = sentence.start
            self.post_message(self.CursorMoved(sentence, self._at.selection))

    def _scroll_to_cursor(self, *, center: bool = False) -> None:
        layout = self._layout
        if layout is None or self._at.position < 0:
            return
        start, end = self._doc.span(self._at.position)
        first, last = layout.line_of(start), layout.line_of(max(start, end - 1))
        region = Region(0, first, 1, last - first + 1)
        self.scroll_to_region(region, animate=False, center=center, force=True, x_axis=False)

    def go_to(self, offset: int) -> None:
        """Cursor on the shown sentence holding `offset` (or the nearest), centred in view."""
        position = self._doc.nearest(offset)
        if position >= 0:
            self._move(Cursor.on(self._doc, position))
            self._scroll_to_cursor(center=True)

    def find(self, needle: str, direction: int = 1) -> tuple[int, int] | None:
        """Select the next (1) or previous (-1) match of `needle` in the shown speech.

        Case-insensitive, wrapping; the match becomes the selection and the cursor goes to its
        sentence. Returns the match's span, or None when there is none.
        """
        if self._at.position < 0:
            return None
        span = self._doc.find(needle, self._at.selection[0], direction)
        if span is not None:
            self._move(Cursor.around(self._doc, span))
            self._scroll_to_cursor(center=True)
        return span

    def matches(self, needle: str) -> list[tuple[int, int]]:
        """Every match of `needle` in the shown speech, in text order (what `find` steps
        through), so a search can say which match of how many it is on."""
        return self._doc.matches(needle)

    # -- keys --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "collapse":  # let escape through when there is nothing to collapse
            return not self._at.collapsed(self._doc)
        return True

    def action_cursor_down(self) -> None:
        self._move(self._at.step(self._doc, 1))

    def action_cursor_up(self) -> None:
        self._move(self._at.step(self._doc, -1))

    def action_next_turn(self) -> None:
        self._move(self._at.next_turn(self._doc))

    def action_previous_turn(self) -> None:
        self._move(self._at.previous_turn(self._doc))

    def action_extend_down(self) -> None:
        self._move(self._at.extend(self._doc, 1))

    def action_extend_up(self) -> None:
        self._move(self._at.extend(self._doc, -1))

    def action_extend_word(self) -> None:
        self._move(self._at.word_forward(self._doc))

    def action_shrink_word(self) -> None:
        self._move(self._at.word_backward(self._doc))

    def action_extend_char(self) -> None:
        self._move(self._at.char_forward(self._doc))

    def action_shrink_char(self) -> None:
        self._move(self._at.char_backward(self._doc))

    def action_collapse(self) -> None:
        self._move(Cursor.on(self._doc, self._at.position))

    def action_first(self) -> None:
        self._move(Cursor.on(self._doc, 0))

    def action_last(self) -> None:
        self._move(Cursor.on(self._doc, len(self._doc) - 1))

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def _page(self, direction: int) -> None:
        """Scroll a screenful and put the cursor on the sentence as far on (at least one)."""
        layout = self._layout
        position = self._at.position
        if layout is None or position < 0:
            return
        height = max(1, self.scrollable_content_region.height - 1)
        line = layout.line_of(self._doc.span(position)[0])
        target = min(max(0, line + direction * height), len(layout) - 1)
        landing = self._doc.nearest(layout.starts[target])
        if landing == position:
            landing += direction
        self.scroll_to(y=self.scroll_offset.y + direction * height, animate=False, force=True)
        self._move(Cursor.on(self._doc, landing))

    # -- mouse -------------------------------------------------------------------------------

    def offset_at(self, x: int, y: int) -> int | None:
        """The document offset drawn at content cell (x, y) (None: nothing laid out)."""
        layout = self._layout
        if layout is None or not len(layout):
            return None
        line = min(max(0, self.scroll_offset.y + y), len(layout) - 1)
        return layout.offset_at(line, x - layout.gutter, self._doc.view.text)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        offset = event.get_content_offset(self)
        position = None if offset is None else self.offset_at(offset.x, offset.y)
        if position is None:
            return
        self.focus()
        self._drag_origin = position
        self.capture_mouse()
        self._move(Cursor.on(self._doc, self._doc.nearest(position)))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        origin = self._drag_origin
        if origin is None:
            return
        offset = event.get_content_offset_capture(self)
        position = self.offset_at(offset.x, offset.y)
        if position is not None and position != origin:
            self._move(self._at.drag(self._doc, origin, position))

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._drag_origin is not None:
            self._drag_origin = None
            self.release_mouse()
