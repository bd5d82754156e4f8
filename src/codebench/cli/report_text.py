"""Report tables as plain lines that fit the terminal: a table that holds, or a pointer.

A report table can be far wider than a terminal (codes by respondent has a column per
respondent). Folding its headers into three-letter pieces helps nobody, so a table is laid out
in columns as wide as their contents, headers broken only between words; when it is too wide,
its column names are shortened with a legend (a matrix of codes by number, respondents by what
tells them apart); when even that does not fit, the label and total columns are shown with a
one-line pointer to the formats that hold the whole table. Exemplar quotes are a listing per
code, not a table: starred first, a few per code unless asked for more.

Lines are computed here and printed by the command; nothing here reads the project.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from codebench.exports.frames import PATH_SEPARATOR, Layout, format_cell, is_number, layout
from codebench.reports.display import for_screen
from codebench.reports.model import ReportTable
from codebench.reports.registry import kind_of

GAP = "  "
MIN_TEXT = 16
"""A text column (a code's name) is not narrowed below this; longer names wrap."""
HEADER_LINES = 3
"""A column is not narrowed so far that its name would take more lines than this."""
TOTAL = "total"


@dataclass(frozen=True)
class Line:
    text: str
    style: str = ""


@dataclass(frozen=True)
class _Grid:
    """A table as text: its headers, cells, which columns are numbers, which rows are bold."""

    headers: list[str]
    cells: list[list[str]]
    numeric: list[bool]
    bold: frozenset[int]
    labels: int
    square: bool = False
    """The columns are the rows (a matrix of codes by codes)."""


def report_lines(table: ReportTable, width: int, per_code: int | None) -> list[Line]:
    """The whole printout: heading, then the table (or the quotes, ``per_code`` of a code)."""
    if table.name == "quotes":
        return [*heading(table), *quote_lines(table, width, per_code)]
    return [*heading(table), Line(""), *table_lines(table, width)]


def heading(table: ReportTable) -> list[Line]:
    """The title, whose codings it counts, and any other filter that narrows it."""
    lines = [Line(table.title, "bold")]
    if "coders" in table.filters:  # a table of interviews and respondents counts no codings
        lines.append(Line(f"Coders: {table.filters['coders']}"))
    narrowed = [
        f"{name}: {value}"
        for name, value in table.filters.items()
        if name != "coders" and not value.startswith("all ")
    ]
    if narrowed:
        lines.append(Line("; ".join(narrowed)))
    return lines


def table_lines(table: ReportTable, width: int) -> list[Line]:
    """``table`` laid out within ``width`` columns (see the module), its notes below."""
    grid = _grid(layout(for_screen(table).frame))
    kind = kind_of(table)
    lines = _fitted(grid, width, kind.name if kind is not None else table.name)
    return lines + [Line(note, "dim") for note in table.notes]


def _grid(shape: Layout) -> _Grid:
    labels = max(shape.label_columns, 1)
    cells = [
        [format_cell(value, share=i in shape.share_columns) for i, value in enumerate(row)]
        for row in shape.rows
    ]
    numeric = [
        i >= labels
        and all(is_number(row[i]) for row in shape.rows if row[i] is not None)
        and any(row[i] is not None for row in shape.rows)
        for i in range(len(shape.columns))
    ]
    headers = [column[0] for column in shape.columns]
    firsts = [row[0] for row in cells]
    square = labels == 1 and headers[1:] == firsts
    for row, label in zip(cells, _as_tree(firsts), strict=True):
        row[0] = label
    return _Grid(headers, cells, numeric, shape.emphasised_rows, labels, square)


def _as_tree(labels: list[str]) -> list[str]:
    """Codes' paths as their own names, indented by depth, when every code's group is a row
    above it (as the theme table shows codes); otherwise the paths as they are."""
    seen: set[str] = set()
    for label in labels:
        parent = label.rpartition(PATH_SEPARATOR)[0]
        if parent and parent not in seen:
            return labels
        seen.add(label)
    return [
        "  " * label.count(PATH_SEPARATOR) + label.rpartition(PATH_SEPARATOR)[2] for label in labels
    ]


def _fitted(grid: _Grid, width: int, name: str) -> list[Line]:
    widths = _widths(grid, width)
    if widths is not None:
        return _render(grid, widths)
    short, legend = _abbreviated(grid)
    widths = _widths(short, width)
    if widths is not None:
        return [*_render(short, widths), Line(legend, "dim")]
    keep = _columns_that_fit(short, width)
    pointer = Line(
        f"{len(short.headers) - len(keep)} more columns with --format csv or md, or "
        f"codebench export FILE.xlsx --tables {name}",
        "dim",
    )
    narrow = _columns(short, keep)
    widths = _widths(narrow, width) if len(keep) > short.labels else None
    if widths is None:
        return [pointer]
    return [*_render(narrow, widths), *([Line(legend, "dim")] if legend else []), pointer]


def _columns_that_fit(grid: _Grid, width: int) -> list[int]:
    """The label and total columns and as many of the others, in order, as fit ``width``
    with the labels given room to be read."""
    least, naturals = _measure(grid)
    for i in range(grid.labels):  # names whole (up to half the width) before more columns
        least[i] = max(least[i], min(naturals[i], width // 2))
    fixed = [i for i, header in enumerate(grid.headers) if i < grid.labels or header == TOTAL]
    used = sum(least[i] + len(GAP) for i in fixed) - len(GAP)
    keep = list(fixed)
    for i in range(len(grid.headers)):
        if i in fixed:
            continue
        if used + len(GAP) + least[i] > width:
            break
        keep.append(i)
        used += len(GAP) + least[i]
    return sorted(keep)


def _columns(grid: _Grid, keep: Sequence[int]) -> _Grid:
    return _Grid(
        [grid.headers[i] for i in keep],
        [[row[i] for i in keep] for row in grid.cells],
        [grid.numeric[i] for i in keep],
        grid.bold,
        sum(1 for i in keep if i < grid.labels),
    )


def _abbreviated(grid: _Grid) -> tuple[_Grid, str]:
    """Shorter column names and the legend that explains them ("" when there are none): a
    matrix whose columns are its rows is numbered; columns that share a leading word
    ("Respondent 1" ... "Respondent 20") lose it."""
    if grid.square:
        numbers = [str(i + 1) for i in range(len(grid.cells))]
        digits = len(numbers[-1]) if numbers else 1
        cells = [
            [f"{n:>{digits}} {row[0]}", *row[1:]]
            for n, row in zip(numbers, grid.cells, strict=True)
        ]
        return _Grid(grid.headers[:1] + numbers, cells, grid.numeric, grid.bold, 1), (
            "Columns are numbered as the rows."
        )
    data = grid.headers[grid.labels :]
    named = [header for header in data if header != TOTAL]
    prefix = _leading_words(named)
    if not prefix:
        return grid, ""
    headers = [
        header[len(prefix) :] if i >= grid.labels and header != TOTAL else header
        for i, header in enumerate(grid.headers)
    ]
    legend = f"Columns: {named[0]} … {named[-1]}, shown without “{prefix.strip()}”."
    return _Grid(headers, grid.cells, grid.numeric, grid.bold, grid.labels), legend


def _leading_words(names: list[str]) -> str:
    """The words every name starts with, and a space ("Respondent "); "" when there are none
    or a name would be left empty."""
    split = [name.split(" ") for name in names]
    common: list[str] = []
    for words in zip(*split, strict=False):
        if len(names) < 2 or len(set(words)) != 1:
            break
        common.append(words[0])
    if not common or any(len(words) == len(common) for words in split):
        return ""
    return " ".join(common) + " "


def _measure(grid: _Grid) -> tuple[list[int], list[int]]:
    """Each column's least and natural width: numbers and header words are never cut, headers
    take at most about :data:`HEADER_LINES` lines, text columns wrap down to :data:`MIN_TEXT`."""
    least, naturals = [], []
    for i, header in enumerate(grid.headers):
        cells = [len(row[i]) for row in grid.cells]
        natural = max([len(header), *cells])
        word = max([len(w) for w in header.split()] + [-(-len(header) // HEADER_LINES)])
        least.append(max([word, *cells]) if grid.numeric[i] else max(word, min(natural, MIN_TEXT)))
        naturals.append(natural)
    return least, naturals


def _widths(grid: _Grid, width: int) -> list[int] | None:
    """Column widths within ``width`` (text first given room to be whole), or None when the
    table cannot fit (see :func:`_measure`)."""
    least, naturals = _measure(grid)
    room = width - len(GAP) * (len(naturals) - 1)
    if sum(least) > room:
        return None
    widths = list(least)
    spare = room - sum(widths)
    for i in sorted(range(len(widths)), key=lambda i: grid.numeric[i]):
        grow = min(spare, naturals[i] - widths[i])
        widths[i] += grow
        spare -= grow
    return widths


def _render(grid: _Grid, widths: list[int]) -> list[Line]:
    lines = [Line(text, "bold") for text in _row(grid.headers, widths, grid.numeric, 0)]
    lines.append(Line(GAP.join("─" * w for w in widths), "dim"))
    for number, row in enumerate(grid.cells):
        style = "bold" if number in grid.bold else ""
        lines += [Line(text, style) for text in _row(row, widths, grid.numeric, grid.labels)]
    return lines


def _row(
    cells: Sequence[str], widths: Sequence[int], numeric: Sequence[bool], labels: int
) -> list[str]:
    """One row as one or more lines, each cell wrapped between words within its width (the
    first ``labels`` cells with their continuation indented)."""
    wrapped = [
        _wrap(cell, w, hang=i < labels)
        for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
    ]
    height = max((len(parts) for parts in wrapped), default=1)
    return [
        GAP.join(
            (part.rjust(w) if right else part.ljust(w))
            for part, w, right in (
                (parts[k] if k < len(parts) else "", w, right)
                for parts, w, right in zip(wrapped, widths, numeric, strict=True)
            )
        ).rstrip()
        for k in range(height)
    ]


def _wrap(text: str, width: int, hang: bool) -> list[str]:
    """``text`` in lines of at most ``width``, its indentation kept; with ``hang`` (a row's
    name) its continuation lines indented further, so that they do not read as rows."""
    if len(text) <= width:
        return [text]
    body = text.lstrip(" ")
    indent = " " * min(len(text) - len(body), width // 2)
    return textwrap.wrap(
        body,
        width,
        initial_indent=indent,
        subsequent_indent=indent + ("  " if hang else ""),
        break_on_hyphens=False,
    ) or [""]


def quote_lines(table: ReportTable, width: int, per_code: int | None) -> list[Line]:
    """Exemplar quotes per code, starred first (as the table has them): at most ``per_code``
    of each code (None: all), with how many more there are."""
    frame = table.frame
    lines: list[Line] = []
    body = max(width - 4, 20)
    for code, quotes in frame.groupby("code", sort=False):
        lines.append(Line(""))
        lines.append(Line(f"{code}  ({len(quotes)} respondents)", "bold"))
        shown = quotes if per_code is None else quotes.head(per_code)
        for quote in shown.itertuples(index=False):
            star = "★ " if quote.starred else ""
            text = textwrap.wrap(f"{star}“{quote.quote}”", body, break_on_hyphens=False)
            lines += [Line(f"  {part}") for part in text]
            sentences = "sentence" if "-" not in str(quote.sentences) else "sentences"
            lines.append(
                Line(f"    — {quote.respondent}, {quote.document}, {sentences} {quote.sentences}")
            )
        hidden = len(quotes) - len(shown)
        if hidden:
            lines.append(Line(f"  … {hidden} more (--limit N or --all)", "dim"))
    lines.append(Line(""))
    return lines + [Line(note, "dim") for note in table.notes]
