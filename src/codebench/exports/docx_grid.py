"""How big a report table is on the page: the text cells of a Word table, the column widths
that fit them on a portrait or landscape page, and when and how tall headers are set vertically.

Only arithmetic on text and centimetres, no Word objects. Widths are measured from the text
(:mod:`codebench.exports.text_width`), because Word lays out the real text only when the file
is opened: a column is never narrower than its longest header word, so a header wraps at
spaces and never mid-word, and a vertical header row is as tall as its longest header needs
in the lines its column holds, so it is never cut.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from codebench.exports.frames import PATH_SEPARATOR, Cell, Layout, format_cell, is_number, layout
from codebench.exports.labels import Words
from codebench.exports.localise import table_layout
from codebench.exports.text_width import longest_word_cm, text_cm, wrapped_lines
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
MAX_TEXT_CM = 7.0
"""A column of long text (code names) wraps beyond this width."""
NARROW_MARGIN_CM = 0.08
"""Cell margins of tables with vertical headers, so a narrow column holds two lines."""
CELL_PADDING_CM = 0.45
"""Word's default cell margins (2 x 0.19 cm) plus borders and a little slack."""
NARROW_PADDING_CM = 2 * NARROW_MARGIN_CM + 0.1
"""The same for a table with vertical headers (its narrow margins)."""
ROTATED_SLACK_CM = 0.35
"""Room above and below a vertical header, so its last letter is never at the cell's edge."""
RENDER_SLACK = 1.05
"""A vertical header's lines are measured 5% longer than the font says: a word processor
that rounds glyphs to pixels must not need one line more than the column holds."""
LINE_SPACING = 1.2


@dataclass
class Grid:
    """A table as the report shows it: text cells, widths and what to emphasise."""

    header: list[list[str]]
    body: list[list[str]]
    widths_cm: list[float]
    least_cm: list[float] = field(default_factory=list)
    """The narrowest each column can be without breaking a word (:func:`fit`)."""
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
    """How tall a vertical header must be: the least line length at which ``text``, wrapped
    at spaces, takes no more lines than the column's width holds."""
    lines = max(1, int((width_cm - 2 * NARROW_MARGIN_CM) / _line_cm(font_pt)))
    length = longest_word_cm(text, font_pt, bold=True)
    whole = text_cm(text, font_pt, bold=True)
    while length < whole and wrapped_lines(text, length, font_pt, bold=True) > lines:
        length += 0.1
    return length * RENDER_SLACK + ROTATED_SLACK_CM


def generic_grid(table: ReportTable, said: Words) -> Grid:
    """A report frame as a Word grid: code paths shortened to names and indented, square
    matrices (co-occurrence) with numbered columns instead of repeated long names."""
    raw = layout(table.frame)
    shape = table_layout(table, said)
    header = [list(row) for row in shape.header]
    body = [[_cell(cell, c, shape, said) for c, cell in enumerate(row)] for row in shape.rows]
    indents: dict[int, float] = {}
    labels = max(shape.label_columns, 1)  # without an index, the first column labels the rows
    code_column = 0 if [c[0] for c in raw.columns[:1]] == ["code"] else None
    data_names = [c[0] for c in raw.columns[labels:]]
    square = labels == 1 and data_names == [row[0] for row in raw.rows] and bool(data_names)
    if code_column is not None:
        for i, row in enumerate(body):
            parts = row[0].split(PATH_SEPARATOR)
            indents[i] = 0.4 * (len(parts) - 1)
            row[0] = f"{i + 1}. {parts[-1]}" if square else parts[-1]
    if square:
        header[-1][labels:] = [str(i + 1) for i in range(len(data_names))]
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
    least = [
        least_width([row[c] for row in body], [h[c] for h in header], font_pt)
        for c in range(len(shape.columns))
    ]
    if rotate:
        # As narrow as the numbers, or wide enough for two lines of vertical header when the
        # page has room for that (which halves the header's height).
        narrow = [
            natural_width([row[c] for row in body], [], font_pt, NARROW_PADDING_CM)
            for c in range(labels, len(shape.columns))
        ]
        two_lines = [max(w, _two_line_width(font_pt)) for w in narrow]
        roomy = sum(flat[:labels]) * 0.6 + sum(two_lines) <= available
        widths = [*flat[:labels], *(two_lines if roomy else narrow)]
        least[labels:] = narrow  # the header's height follows the width it is given
    return Grid(
        header=header,
        body=body,
        widths_cm=widths,
        least_cm=least,
        numeric=numeric,
        bold_rows=set(shape.emphasised_rows),
        indents_cm=indents,
        label_columns=labels,
        font_pt=font_pt,
        rotate_header=rotate,
    )


def _cell(value: Cell, column: int, shape: Layout, said: Words) -> str:
    share = column in shape.share_columns
    text = format_cell(value, share, shape.percent_places.get(column, 0))
    return said.decimal(text) if is_number(value) else text


def natural_width(
    values: Sequence[str],
    header: Sequence[str],
    font_pt: float,
    padding_cm: float = CELL_PADDING_CM,
) -> float:
    """A column's width in cm: its longest value (up to :data:`MAX_TEXT_CM`, beyond which
    it wraps) and never less than its longest word or header word (in bold, as headers and
    totals are set), plus the cell's ``padding_cm``."""
    widest = max((text_cm(value, font_pt, bold=True) for value in values), default=0.0)
    return max(
        min(widest + padding_cm, MAX_TEXT_CM), least_width(values, header, font_pt, padding_cm)
    )


def least_width(
    values: Sequence[str],
    header: Sequence[str],
    font_pt: float,
    padding_cm: float = CELL_PADDING_CM,
) -> float:
    """The narrowest a column can be without breaking a word of its header or its values."""
    words = [longest_word_cm(text, font_pt, bold=True) for text in [*values, *header]]
    return max([*words, text_cm("00", font_pt, bold=True)]) + padding_cm


def _line_cm(font_pt: float) -> float:
    return font_pt * LINE_SPACING / 72 * 2.54


def _two_line_width(font_pt: float) -> float:
    return 2 * _line_cm(font_pt) + 2 * NARROW_MARGIN_CM + 0.05


def fit(widths: list[float], least: list[float], available: float, labels: int) -> list[float]:
    """Fit a table to the text width: narrow the label columns first (their text wraps, down
    to their ``least`` width), then the data columns towards theirs; only a table whose
    least widths do not fit is scaled below them."""
    total = sum(widths)
    if total <= available:
        return widths
    fitted = list(widths)
    for columns in (range(labels), range(labels, len(widths))):
        excess = sum(fitted) - available
        slack = sum(fitted[c] - least[c] for c in columns)
        if excess <= 0 or slack <= 0:
            continue
        share = min(1.0, excess / slack)
        for c in columns:
            fitted[c] -= (fitted[c] - least[c]) * share
    if sum(fitted) > available:
        scale = available / sum(fitted)
        fitted = [w * scale for w in fitted]
    return fitted
