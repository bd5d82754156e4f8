"""How big a report table is on the page: the text cells of a Word table, the column widths
that fit them on a portrait or landscape page, and when headers must be set vertically.

Only arithmetic on text and centimetres, no Word objects: the sizes are estimated from the
characters (Word lays out the real text only when the file is opened).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from codebench.exports.frames import PATH_SEPARATOR, format_cell, is_number, layout
from codebench.exports.labels import column
from codebench.reports.model import ReportTable

PAGE_WIDTH_CM = 21.0
PAGE_HEIGHT_CM = 29.7
MARGIN_CM = 2.5
TEXT_WIDTH_CM = PAGE_WIDTH_CM - 2 * MARGIN_CM
LANDSCAPE_TEXT_WIDTH_CM = PAGE_HEIGHT_CM - 2 * MARGIN_CM
TABLE_FONT_PT = 9.0
WIDE_TABLE_FONT_PT = 7.5
WIDE_TABLE_COLUMNS = 8
"""Tables with more data columns than this go on a landscape page."""
ROTATE_SHARE = 0.55
"""Headers are set vertically when set flat they would take more than this share of the
width: the columns then need only be as wide as their numbers."""
MAX_ROTATED_HEADER_CM = 4.5
NARROW_MARGIN_CM = 0.08
"""Cell margins of tables with vertical headers, so a narrow column holds two lines."""
CELL_PADDING_CM = 0.5
"""Word's default cell margins (2 x 0.19 cm) plus borders and a little slack."""


@dataclass
class Grid:
    """A table as the report shows it: text cells, widths and what to emphasise."""

    header: list[list[str]]
    body: list[list[str]]
    widths_cm: list[float]
    numeric: set[int] = field(default_factory=set)
    bold_rows: set[int] = field(default_factory=set)
    indents_cm: dict[int, float] = field(default_factory=dict)
    label_columns: int = 1
    font_pt: float = TABLE_FONT_PT
    rotate_header: bool = False


def rotated_row(grid: Grid, texts: Sequence[str]) -> bool:
    """A header row is set vertically unless all its headers are short (the numbers that
    head a co-occurrence matrix)."""
    return grid.rotate_header and any(len(text) > 3 for text in texts[grid.label_columns :])


def rotated_height(text: str, width_cm: float, font_pt: float) -> float:
    """Tall enough for a vertical header: its longest word, or the whole text spread over as
    many lines as the column's width holds (with slack for uneven word breaks), capped."""
    lines = max(1, int((width_cm - 2 * NARROW_MARGIN_CM) / _line_cm(font_pt)))
    longest_word = max((len(word) for word in text.split()), default=0)
    spread = len(text) if lines == 1 else len(text) / lines * 1.2
    length = max(longest_word, spread) * _char_cm(font_pt)
    return min(length + 0.3, MAX_ROTATED_HEADER_CM)


def generic_grid(table: ReportTable, language: str) -> Grid:
    """A report frame as a Word grid: code paths shortened to names and indented, square
    matrices (co-occurrence) with numbered columns instead of repeated long names."""
    shape = layout(table.frame)
    header = [list(row) for row in shape.header]
    body = [
        [format_cell(cell, c in shape.share_columns) for c, cell in enumerate(row)]
        for row in shape.rows
    ]
    indents: dict[int, float] = {}
    labels = max(shape.label_columns, 1)  # without an index, the first column labels the rows
    code_column = 0 if [c[0] for c in shape.columns[:1]] == ["code"] else None
    data_names = [c[0] for c in shape.columns[labels:]]
    square = labels == 1 and data_names == [row[0] for row in shape.rows] and bool(data_names)
    for row in body:
        if row and row[0].casefold() == "total":
            row[0] = column("total", language)
    if code_column is not None:
        for i, row in enumerate(body):
            parts = row[0].split(PATH_SEPARATOR)
            indents[i] = 0.4 * (len(parts) - 1)
            row[0] = f"{i + 1}. {parts[-1]}" if square else parts[-1]
    if square:
        header[-1][labels:] = [str(i + 1) for i in range(len(data_names))]
    for r, row in enumerate(header):
        for c, text in enumerate(row):
            if r == 0 or c < labels:
                row[c] = column(text, language) if text else ""
    numeric = {
        c
        for c in range(len(shape.columns))
        if c >= labels
        and any(is_number(row[c]) for row in shape.rows)
        and all(row[c] is None or is_number(row[c]) for row in shape.rows)
    }
    landscape = len(shape.columns) - labels > WIDE_TABLE_COLUMNS
    font_pt = WIDE_TABLE_FONT_PT if landscape else TABLE_FONT_PT
    available = LANDSCAPE_TEXT_WIDTH_CM if landscape else TEXT_WIDTH_CM
    flat = [
        natural_width([row[c] for row in body], [h[c] for h in header], font_pt)
        for c in range(len(shape.columns))
    ]
    rotate = sum(flat[labels:]) > available * ROTATE_SHARE
    widths = flat
    if rotate:
        # As narrow as the numbers, or wide enough for two lines of vertical header when the
        # page has room for that (which halves the header's height).
        narrow = [
            natural_width([row[c] for row in body], [], font_pt)
            for c in range(labels, len(shape.columns))
        ]
        two_lines = [max(w, _two_line_width(font_pt)) for w in narrow]
        roomy = sum(flat[:labels]) * 0.6 + sum(two_lines) <= available
        widths = [*flat[:labels], *(two_lines if roomy else narrow)]
    return Grid(
        header=header,
        body=body,
        widths_cm=widths,
        numeric=numeric,
        bold_rows=set(shape.emphasised_rows),
        indents_cm=indents,
        label_columns=labels,
        font_pt=font_pt,
        rotate_header=rotate,
    )


def natural_width(values: Sequence[str], header: Sequence[str], font_pt: float) -> float:
    """A column's width in cm from its longest value and longest header word, capped."""
    longest = max([len(v) for v in values] + [len(w) for h in header for w in h.split()] + [2])
    return min(longest, 45) * _char_cm(font_pt) + CELL_PADDING_CM


def _line_cm(font_pt: float) -> float:
    return font_pt * 0.0353 * 1.2


def _two_line_width(font_pt: float) -> float:
    return 2 * _line_cm(font_pt) + 2 * NARROW_MARGIN_CM + 0.05


def _char_cm(font_pt: float) -> float:
    """The width of an average character in cm: Calibri's (and Carlito's) bold lowercase
    measures 0.015-0.018 cm per point, so short words need the upper end."""
    return font_pt * 0.0185


def fit(widths: list[float], available: float, labels: int) -> list[float]:
    """Fit a table to the text width: narrow the label columns first (their text wraps),
    and only when that is not enough everything, keeping every column at least 0.6 cm."""
    total = sum(widths)
    if total <= available:
        return widths
    room = available - sum(widths[labels:])
    if room >= available * 0.25:
        scale = room / sum(widths[:labels])
        return [*(w * scale for w in widths[:labels]), *widths[labels:]]
    scale = available / total
    return [max(w * scale, 0.6) for w in widths]
