"""Report tables as a screen shows them: cells as text, which columns are counts, each row in
full for a detail pane, where a quote came from, and the theme bars.

The TUI lays these out (widths, truncation, colours) and computes nothing: the numbers, their
formatting and the passage a quote jumps to are decided here, from the same built table the
exports write (narrowed for a screen as its :class:`~codebench.reports.kind.ReportKind` says).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from codebench.exports.frames import PATH_SEPARATOR, Cell, format_cell, is_number, layout
from codebench.reports.display import for_screen
from codebench.reports.model import ReportData, ReportTable
from codebench.services.reports.build import table_from

LONG_TEXT_COLUMNS = frozenset({"quote"})
"""Free text: shown cut in the table and in full in the detail of the highlighted row."""


@dataclass(frozen=True)
class ScreenColumn:
    header: str
    """Short, for the table: the first level of a header of several, a code by its own name."""
    title: str
    """In full, for the detail pane ("Respondent 1 / gemeente / CIO", a code's path)."""
    count: bool
    """A number or a share: right-aligned, never cut."""
    label: bool
    """A row label (the code, the respondent): kept in view when the table scrolls sideways."""
    long: bool = False
    """Free text (a quote): the first column cut when the table is too wide."""


@dataclass(frozen=True)
class ScreenRow:
    cells: tuple[str, ...]
    bold: bool
    """A group of codes or a total."""
    about: str
    """What the row is about in full (a code's path), for the detail pane."""
    place: tuple[str, int] | None = None
    """A quote's document and the offset of its passage: where enter jumps."""


@dataclass(frozen=True)
class Bar:
    """One code of the theme table as a bar: its name, path (for its colour) and length."""

    name: str
    path: str
    respondents: int


@dataclass(frozen=True)
class ScreenTable:
    name: str
    title: str
    coders: str
    """Whose codings it counts, in words ("coder1", "coder1 + coder2 (union: ...)"); empty
    for a table that counts no codings (interviews and respondents)."""
    filters: str
    """The other filters in words ("codes: ...; documents: ...")."""
    columns: tuple[ScreenColumn, ...]
    rows: tuple[ScreenRow, ...]
    notes: tuple[str, ...]
    bars: tuple[Bar, ...] = ()
    """Theme frequencies only: every code (not group) in table order."""


def screen_table(data: ReportData, name: str) -> ScreenTable:
    """The table ``name`` built from ``data`` (read once per change of filters) for a screen."""
    table = table_from(data, name)
    shape = layout(for_screen(table).frame)
    labels = max(shape.label_columns, 1)
    columns = tuple(
        ScreenColumn(
            header=column[0].rsplit(PATH_SEPARATOR, 1)[-1],
            title=" / ".join(level for level in column if level),
            count=_all_numbers([row[i] for row in shape.rows]),
            label=i < labels,
            long=column[0] in LONG_TEXT_COLUMNS,
        )
        for i, column in enumerate(shape.columns)
    )
    # Groups and totals as the whole table marks them (a screen may drop the column saying so).
    whole = layout(table.frame)
    bold = whole.emphasised_rows if len(whole.rows) == len(shape.rows) else shape.emphasised_rows
    abouts = _abouts(table, len(shape.rows))
    places = _quote_places(data, table)
    rows = tuple(
        ScreenRow(
            cells=tuple(
                _cell(value, i, columns[i], shape.share_columns) for i, value in enumerate(row)
            ),
            bold=number in bold,
            about=abouts[number] if abouts else str(row[0] if row else "").strip(),
            place=places[number] if places else None,
        )
        for number, row in enumerate(shape.rows)
    )
    filters = "; ".join(
        f"{key}: {value}" for key, value in table.filters.items() if key != "coders"
    )
    return ScreenTable(
        name=table.name,
        title=table.title,
        coders=table.filters.get("coders", ""),
        filters=filters,
        columns=columns,
        rows=rows,
        notes=table.notes,
        bars=_bars(table),
    )


def _cell(value: Cell, index: int, column: ScreenColumn, shares: frozenset[int]) -> str:
    """A value as text; a code path in a label column as the code's own name, indented by its
    depth (as the theme table shows codes): its path is in the detail pane."""
    text = format_cell(value, share=index in shares)
    if not column.label or PATH_SEPARATOR not in text:
        return text
    parts = text.split(PATH_SEPARATOR)
    return "  " * (len(parts) - 1) + parts[-1]


def _all_numbers(values: list[Any]) -> bool:
    present = [v for v in values if v is not None and v != ""]
    return bool(present) and all(is_number(v) for v in present)


def _abouts(table: ReportTable, count: int) -> list[str]:
    """Each row's code path where the table has one per row (themes, quotes)."""
    frame = table.frame
    for column in ("path", "code"):
        if column in frame.columns and len(frame) == count:
            return [str(value) for value in frame[column]]
    return []


def _quote_places(data: ReportData, table: ReportTable) -> list[tuple[str, int] | None]:
    """Each quote's document and the start of the first passage there with its text."""
    frame = table.frame
    if table.name != "quotes" or frame.empty:
        return []
    passages = data.passages
    starts: dict[tuple[str, str], int] = {}
    texts = passages["text"].map(lambda text: " ".join(str(text).split()))
    for document, text, start in zip(passages["document"], texts, passages["start"], strict=True):
        starts.setdefault((str(document), text), int(start))
    places: list[tuple[str, int] | None] = []
    for document, quote in zip(frame["document"], frame["quote"], strict=True):
        start = starts.get((str(document), str(quote)))
        places.append(None if start is None else (str(document), start))
    return places


def _bars(table: ReportTable) -> tuple[Bar, ...]:
    frame = table.frame
    if table.name != "themes" or frame.empty or "respondents" not in frame:
        return ()
    codes = frame[frame["level"] == "code"]
    return tuple(
        Bar(str(name), str(path), int(respondents))
        for name, path, respondents in zip(
            codes["code"], codes["path"], codes["respondents"], strict=True
        )
    )
