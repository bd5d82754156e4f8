"""The agreement overview's per-code table: a row per code, the pooled row last, and how many of
each code's disagreements are still open.

A table of its own so that the screen never maps rows to codes: it says by message which code
is highlighted (for the note under it) and which is chosen for review, and the figures come as
text from the service (:class:`~codebench.services.agreement_review.Review`).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from rich.text import Text
from textual import events, on
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable

from codebench.services.agreement_review import Review
from codebench.tui.agreement_format import short
from codebench.tui.table_fit import content_room

MIN_CODE = 16


class AgreementTable(DataTable[Text]):
    """The per-code figures; ``codes`` holds each row's code (None: all codes pooled)."""

    class CodeHighlighted(Message):
        """The cursor is on ``code``'s row (None: the pooled row)."""

        def __init__(self, code: str | None) -> None:
            super().__init__()
            self.code = code

    class ReviewCode(Message):
        """Review ``code``'s disagreements (None: every code's)."""

        def __init__(self, code: str | None) -> None:
            super().__init__()
            self.code = code

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, zebra_stripes=True, cursor_type="row", fixed_columns=1)
        self.codes: list[str | None] = []
        self._shown: tuple[Review, bool] | None = None
        self._width = 0

    def show(self, data: Review, narrow: bool) -> None:
        """The per-code table as the service shows it: ⚠ before codes with too few positive
        units, the pooled row last in bold, and how many of each code's disagreements are
        still open. ``narrow`` drops the columns the figures mark as wide-only."""
        self._shown, self._width = (data, narrow), self.size.width
        table = data.table
        keep_column = [column.narrow or not narrow for column in table.columns]
        keep = self.cursor_row
        self.clear(columns=True)
        counts = _open_counts(data.rows)
        opens = [_to_review(row.code, counts, len(data.rows)) for row in table.rows]
        width = self._code_width(data, keep_column, opens)
        self.add_column("code", key="code")
        for number, column in enumerate(table.columns):
            if keep_column[number]:
                self.add_column(column.header, key=str(number))
        self.add_column("open", key="open")
        self.codes = [row.code for row in table.rows]
        for number, row in enumerate(table.rows):
            style = "bold" if row.code is None else ""
            label = "(all codes pooled)" if row.code is None else short(row.code, width - 2)
            cells = [Text(("⚠ " if row.warned else "  ") + label, style=style)]
            cells += [
                Text(cell, style=style)
                for cell, shown in zip(row.cells, keep_column, strict=True)
                if shown
            ]
            cells.append(Text(opens[number], style=style))
            self.add_row(*cells, key=str(number))
        if self.row_count:
            self.move_cursor(row=min(keep, self.row_count - 1))

    def _code_width(self, data: Review, keep_column: list[bool], opens: list[str]) -> int:
        """The code column's width: the figures keep theirs, the names take the rest (no
        wider than the longest needs, no narrower than MIN_CODE)."""
        table = data.table
        figures = [
            max([len(column.header), *(len(row.cells[i]) for row in table.rows)])
            for i, column in enumerate(table.columns)
            if keep_column[i]
        ]
        figures.append(max([len("open"), *(len(text) for text in opens)]))
        names = [len(short(row.code)) + 2 for row in table.rows if row.code is not None]
        natural = max([len("  (all codes pooled)"), *names])
        room = content_room(self.size.width or self.app.size.width, len(figures) + 1)
        return max(MIN_CODE, min(natural, room - sum(figures)))

    def on_resize(self, event: events.Resize) -> None:
        """The code column takes the width there is: fit it again when that changes (also
        once the table is first laid out, or shown again after the review)."""
        if self._shown is not None and event.size.width != self._width:
            self.show(*self._shown)

    def show_open(self, rows: list[dict[str, Any]]) -> None:
        """The "open" column again, after a decision on one of the disagreements ``rows``."""
        counts = _open_counts(rows)
        column = self.get_column_index("open")
        for number, code in enumerate(self.codes):
            self.update_cell_at(
                Coordinate(number, column),
                Text(_to_review(code, counts, len(rows)), justify="right"),
            )

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if 0 <= event.cursor_row < len(self.codes):
            self.post_message(self.CodeHighlighted(self.codes[event.cursor_row]))

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if 0 <= event.cursor_row < len(self.codes):
            self.post_message(self.ReviewCode(self.codes[event.cursor_row]))


def _open_counts(rows: list[dict[str, Any]]) -> Counter[tuple[str, bool]]:
    """Disagreements per (code, still open)."""
    counts: Counter[tuple[str, bool]] = Counter()
    for row in rows:
        counts[(row["code"], row["resolution"] == "open")] += 1
    return counts


def _to_review(code: str | None, counts: Counter[tuple[str, bool]], total: int) -> str:
    """``code``'s open disagreements out of its disagreements (None: of every code)."""
    if code is None:
        still = sum(n for (_, is_open), n in counts.items() if is_open)
        return f"{still}/{total}"
    mine = counts[(code, True)] + counts[(code, False)]
    return f"{counts[(code, True)]}/{mine}" if mine else ""
