"""The transcript view's keys and mouse: how the coder moves the sentence cursor and grows,
shrinks or drags the selection.

A mixin of :class:`~codebench.tui.transcript_view.TranscriptView` (which keeps the bindings),
so the view's own module holds its state, layout and drawing. Every move ends in the view's
``_set_cursor`` or ``_update``, which repaint what changed and announce the new cursor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import get_character_cell_size

from codebench.tui.transcript.layout import TEXT, Layout
from codebench.tui.transcript.sentences import SentenceIndex

if TYPE_CHECKING:
    from textual import events
    from textual.scroll_view import ScrollView

    _WidgetBase = ScrollView
else:
    _WidgetBase = object


class TranscriptInput(_WidgetBase):
    """Actions and mouse handlers; the view provides the state and methods declared here."""

    _doc: SentenceIndex
    _layout: Layout | None
    _cursor: int
    _anchor: int
    _selection: tuple[int, int]
    _drag_origin: int | None

    if TYPE_CHECKING:

        def _set_cursor(self, position: int, *, anchor: int | None = None) -> None: ...

        def _update(self, cursor: int, anchor: int, selection: tuple[int, int]) -> None: ...

    # -- actions -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "collapse":  # let escape through when there is nothing to collapse
            return self._selection != self._doc.span(self._cursor)
        return True

    def action_cursor_down(self) -> None:
        self._set_cursor(self._cursor + 1)

    def action_cursor_up(self) -> None:
        self._set_cursor(self._cursor - 1)

    def action_next_turn(self) -> None:
        if self._cursor >= 0 and (position := self._doc.next_turn(self._cursor)) is not None:
            self._set_cursor(position)

    def action_previous_turn(self) -> None:
        if self._cursor >= 0 and (position := self._doc.previous_turn(self._cursor)) is not None:
            self._set_cursor(position)

    def action_extend_down(self) -> None:
        self._extend(self._cursor + 1)

    def action_extend_up(self) -> None:
        self._extend(self._cursor - 1)

    def _extend(self, head: int) -> None:
        """Move the head of a sentence selection; it never spans a turn the filter hides."""
        if 0 <= head < len(self._doc) and self._doc.contiguous(self._anchor, head):
            self._set_cursor(head, anchor=self._anchor)

    def _move_end(self, end: int) -> None:
        """Move the selection's end (never before its start); the cursor follows the end."""
        start = self._selection[0]
        end = max(start + 1, min(end, len(self._doc.view.text)))
        if end != self._selection[1] and self._cursor >= 0:
            self._update(self._doc.nearest(end - 1), self._anchor, (start, end))

    def action_extend_word(self) -> None:
        self._move_end(self._doc.word_forward(self._selection[1]))

    def action_shrink_word(self) -> None:
        self._move_end(self._doc.word_backward(*self._selection))

    def action_extend_char(self) -> None:
        self._move_end(self._doc.valid_end(self._selection[1] + 1, forward=True))

    def action_shrink_char(self) -> None:
        self._move_end(self._doc.valid_end(self._selection[1] - 1, forward=False))

    def action_collapse(self) -> None:
        self._set_cursor(self._cursor)

    def action_first(self) -> None:
        self._set_cursor(0)

    def action_last(self) -> None:
        self._set_cursor(len(self._doc) - 1)

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def _page(self, direction: int) -> None:
        layout = self._layout
        if layout is None or self._cursor < 0:
            return
        height = max(1, self.scrollable_content_region.height - 1)
        line = layout.line_of(self._doc.span(self._cursor)[0])
        target = min(max(0, line + direction * height), len(layout) - 1)
        position = self._doc.nearest(layout.starts[target])
        if position == self._cursor:
            position += direction
        self.scroll_to(y=self.scroll_offset.y + direction * height, animate=False, force=True)
        self._set_cursor(position)

    # -- mouse -------------------------------------------------------------------------------

    def offset_at(self, x: int, y: int) -> int | None:
        """The document offset drawn at content cell (x, y) (None: nothing laid out)."""
        layout = self._layout
        if layout is None or not len(layout):
            return None
        line = min(max(0, self.scroll_offset.y + y), len(layout) - 1)
        start, end = layout.starts[line], layout.ends[line]
        column = x - layout.gutter
        if layout.kinds[line] != TEXT or end <= start or column <= 0:
            return start
        used = 0
        text = self._doc.view.text
        for i in range(start, end):
            used += get_character_cell_size(text[i])
            if used > column:
                return i
        return end - 1

    def on_mouse_down(self, event: events.MouseDown) -> None:
        offset = event.get_content_offset(self)
        position = None if offset is None else self.offset_at(offset.x, offset.y)
        if position is None:
            return
        self.focus()
        self._drag_origin = position
        self.capture_mouse()
        self._set_cursor(self._doc.nearest(position))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._drag_origin is None:
            return
        offset = event.get_content_offset_capture(self)
        position = self.offset_at(offset.x, offset.y)
        if position is None or position == self._drag_origin:
            return
        head = self._doc.nearest(position)
        if head < 0 or not self._doc.contiguous(self._anchor, head):
            return  # never across a turn the filter hides
        low, high = sorted((self._drag_origin, position))
        self._update(head, self._anchor, (low, high + 1))

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._drag_origin is not None:
            self._drag_origin = None
            self.release_mouse()
