"""A formatted Excel workbook with one sheet per report table.

Researchers open the workbook to read, sort and copy tables, so each sheet states what it
shows before the data: the title in the first row, then the filters (one "name: value" per
row), then the header row(s) in bold on a fill with borders, frozen so they stay in view while
scrolling. Shares keep their numeric value with a percentage format, so Excel can still
calculate with them. The respondent matrix keeps its attribute levels as separate header rows.

The workbook is in the report's language, like the DOCX report: sheet names, titles (the
tables' captions), filters, headers and notes (:mod:`codebench.exports.labels`). With the theme
table come the chart of themes (an Excel chart, :mod:`codebench.exports.xlsx_chart`) and, with
the quotes too, the seed study's overview: per group its themes, their respondents and an
exemplar quote each (:mod:`codebench.exports.exemplars`).
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from codebench.exports import exemplars
from codebench.exports.docx_quotes import quote_text
from codebench.exports.frames import Cell as Value
from codebench.exports.frames import Layout, format_cell, is_number
from codebench.exports.labels import Words, words
from codebench.exports.localise import table_layout
from codebench.exports.xlsx_chart import write_chart_sheet
from codebench.files.private import write_private
from codebench.i18n import SOURCE_LANGUAGE
from codebench.reports.model import ReportTable

SHEET_NAME_LIMIT = 31
MIN_WIDTH = 6
MAX_WIDTH = 60
MAX_TEXT_WIDTH = 90
"""Long text (quotes, code paths) gets a wide column but still wraps beyond this."""
HEADER_MAX_WIDTH = 24
"""Header cells wrap rather than widen a column of small numbers."""
BOLD_WORD_WIDTH = 1.35
"""A header word's width per character, in width units (the width of a digit in Calibri):
bold letters in the font LibreOffice falls back to without Calibri (DejaVu Sans) are up to a
third wider, and a header must wrap at its spaces, never inside a word."""
LINE_POINTS = 15.0
"""The height of a line of 11 pt Calibri."""
PORTRAIT_WIDTH = 95
MAX_PRINT_WIDTH = 260
"""Characters of column width that still print legibly on one landscape A4 page: a wider
matrix takes another page, with its row labels repeated."""

_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
_GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
_FONT = "Calibri"
_BODY_FONT = Font(name=_FONT, size=11)
_HEADER_FONT = Font(name=_FONT, size=11, bold=True)
_LEVEL_FONT = Font(name=_FONT, size=11, bold=True, italic=True)
_TITLE_FONT = Font(name=_FONT, size=14, bold=True)
_FILTER_FONT = Font(name=_FONT, size=11, color="595959")
_NOTE_FONT = Font(name=_FONT, size=11, italic=True, color="595959")
_BOLD = Font(name=_FONT, size=11, bold=True)
_INVALID_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def write_xlsx(
    tables: Sequence[ReportTable],
    path: Path,
    said: Words | None = None,
    colours: Mapping[str, str] | None = None,
) -> Path:
    """Write one sheet per table to ``path`` (owner-only file), in the language of ``said``
    (English by default); after the theme table its chart (bars in the groups' ``colours``)
    and, when the quotes are among the tables, the overview of themes with a quote each."""
    if not tables:
        raise ValueError("no tables to write")
    said = said or words(SOURCE_LANGUAGE)
    workbook = Workbook()
    default = workbook.active
    if default is not None:
        workbook.remove(default)
    names: set[str] = set()

    def new_sheet(title: str) -> Worksheet:
        name = sheet_name(title, names)
        names.add(name.casefold())
        return workbook.create_sheet(name)

    quotes = next((table for table in tables if table.name == "quotes"), None)
    for table in tables:
        _write_sheet(new_sheet(said.sheet_name(table)), table, said)
        if table.name != "themes" or not (table.frame["level"] == "code").any():
            continue
        write_chart_sheet(new_sheet(said.gettext("Chart")), table, said, colours or {})
        if quotes is not None:
            overview = exemplars.groups(table.frame, quotes.frame)
            title = said.gettext("Themes with an example quote")
            shape = _overview(overview, said)
            sheet = new_sheet(said.gettext("Themes and quotes"))
            _write_layout(sheet, title, said.filters(table.filters), shape, ())
    buffer = io.BytesIO()
    workbook.save(buffer)
    return write_private(Path(path), buffer.getvalue())


def sheet_name(title: str, taken: set[str]) -> str:
    """A valid sheet name from a title: no []:*?/\\, at most 31 characters, and unique
    ignoring case as Excel requires. A long title loses a parenthesis first, then words from
    its end (a word is cut only when the first alone is too long); a name already taken gets
    " (2)", " (3)" ..., made room for the same way, so two names never clash by a cut."""
    name = " ".join(_INVALID_SHEET_CHARS.sub(" ", title).split()).strip("'") or "Table"
    if len(name) > SHEET_NAME_LIMIT:
        name = " ".join(re.sub(r"\(.*?\)", " ", name).split()) or name
    base = _shortened(name, SHEET_NAME_LIMIT)
    candidate, n = base, 1
    while candidate.casefold() in taken:
        n += 1
        suffix = f" ({n})"
        candidate = _shortened(name, SHEET_NAME_LIMIT - len(suffix)) + suffix
    return candidate


def _shortened(name: str, limit: int) -> str:
    """``name`` in at most ``limit`` characters, cut after a whole word where it can be."""
    if len(name) <= limit:
        return name
    words = name[: limit + 1].rsplit(" ", 1)[0].rstrip(" ,;-")
    return words if " " in name[: limit + 1] and words else name[:limit].rstrip()


def _cell(sheet: Worksheet, row: int, column: int, value: object) -> Cell:
    """Write one cell; text is always stored as text. openpyxl makes any string that starts
    with "=" a formula, so a code name, coder or quote like ``=HYPERLINK("http://…"&A1)``
    would run when the workbook is opened (spreadsheet formula injection)."""
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _write_sheet(sheet: Worksheet, table: ReportTable, said: Words) -> None:
    shape = table_layout(table, said)
    filters = said.filters(table.filters)
    _write_layout(sheet, said.caption(table), filters, shape, said.notes(table))


def _overview(groups: Sequence[exemplars.Group], said: Words) -> Layout:
    """The seed study's table of themes as a sheet: a bold row per group, then its themes
    with their respondents, share and exemplar quote (in the report's quotation marks)."""
    opening, closing = said.quote_marks
    rows: list[list[Value]] = []
    bold = set()
    for group in groups:
        bold.add(len(rows))
        rows.append([group.name, group.respondents, group.share, None, None])
        for theme in group.themes:
            quote = theme.quote
            rows.append(
                [
                    theme.name,
                    theme.respondents,
                    theme.share,
                    None
                    if quote is None
                    else f"{opening}{quote_text(str(quote['quote']), said.language)}{closing}",
                    None if quote is None else str(quote["respondent"]),
                ]
            )
    names = [
        said.column("code"),
        said.column("respondents"),
        said.column("share"),
        said.gettext("Example quote"),
        said.column("respondent"),
    ]
    return Layout(
        header=[names],
        levels=[""],
        columns=[(name,) for name in names],
        rows=rows,
        label_columns=0,
        share_columns=frozenset({2}),
        emphasised_rows=frozenset(bold),
    )


def _write_layout(
    sheet: Worksheet,
    title: str,
    filters: Sequence[tuple[str, str]],
    shape: Layout,
    notes: Sequence[str],
) -> None:
    widths = _widths(shape)
    for c, width in enumerate(widths):
        sheet.column_dimensions[get_column_letter(c + 1)].width = width
    _cell(sheet, 1, 1, title).font = _TITLE_FONT
    row = 2
    for name, value in filters:
        _cell(sheet, row, 1, f"{name}: {value}").font = _FILTER_FONT
        row += 1
    first_header = row + 1
    _write_header(sheet, shape, first_header, widths)
    first_data = first_header + len(shape.header)
    _write_body(sheet, shape, first_data, widths)
    row = first_data + len(shape.rows) + 1
    for note in notes:
        _write_note(sheet, row, note, widths)
        row += 1
    sheet.freeze_panes = sheet.cell(row=first_data, column=shape.label_columns + 1)
    _print_setup(sheet, shape, widths, first_header, first_data)


def _write_note(sheet: Worksheet, row: int, note: str, widths: list[float]) -> None:
    """A note wrapped within the table's width: text running on past the last column would
    widen the printed page, and a long note (the agreement table's definitions) would shrink
    the whole sheet to fit it."""
    cell = _cell(sheet, row, 1, note)
    cell.font = _NOTE_FONT
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if len(widths) > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(widths))
    sheet.row_dimensions[row].height = _height([note], [sum(widths)])


def _write_header(sheet: Worksheet, shape: Layout, top: int, widths: list[float]) -> None:
    multi = len(shape.header) > 1
    for r, header_row in enumerate(shape.header):
        for c, text in enumerate(header_row, start=1):
            cell = _cell(sheet, top + r, c, text or None)
            cell.fill = _HEADER_FILL
            cell.border = _BORDER
            level_name = multi and c <= shape.label_columns and r < len(shape.header) - 1
            cell.font = _LEVEL_FONT if level_name else _HEADER_FONT
            cell.alignment = Alignment(
                wrap_text=True, vertical="bottom", horizontal="right" if level_name else None
            )
        sheet.row_dimensions[top + r].height = _height(header_row, widths, bold=True)
    # A column named on the first header row only ("total") gets one cell over all rows.
    if multi:
        for c in range(shape.label_columns + 1, len(shape.columns) + 1):
            if shape.header[0][c - 1] and not any(row[c - 1] for row in shape.header[1:]):
                sheet.merge_cells(
                    start_row=top,
                    start_column=c,
                    end_row=top + len(shape.header) - 1,
                    end_column=c,
                )


def _write_body(sheet: Worksheet, shape: Layout, top: int, widths: list[float]) -> None:
    wrapped = _wrapped_columns(shape, widths)
    for r, values in enumerate(shape.rows):
        bold = r in shape.emphasised_rows
        for c, value in enumerate(values):
            shown = format_cell(value) if isinstance(value, bool) else value
            cell = _cell(sheet, top + r, c + 1, shown)
            cell.border = _BORDER
            cell.font = _BOLD if bold else _BODY_FONT
            cell.alignment = Alignment(vertical="top", wrap_text=c in wrapped)
            if c in shape.share_columns:
                places = shape.percent_places.get(c, 0)
                cell.number_format = f"0.{'0' * places}%" if places else "0%"
            elif is_number(value):
                cell.number_format = "0" if isinstance(value, int) else "0.00"
            if bold:
                cell.fill = _GROUP_FILL
        if wrapped:
            texts = [format_cell(value) if c in wrapped else "" for c, value in enumerate(values)]
            sheet.row_dimensions[top + r].height = _height(texts, widths, bold=bold)


def _widths(shape: Layout) -> list[float]:
    """Column widths (in characters) by content: the longest value or header word, capped
    at MAX_WIDTH; the one column with the longest text (the quotes) may grow to
    MAX_TEXT_WIDTH. Headers wrap, so a long header does not widen a column of numbers."""
    lengths = [
        [
            len(format_cell(row[c], c in shape.share_columns, shape.percent_places.get(c, 0)))
            for row in shape.rows
        ]
        for c in range(len(shape.columns))
    ]
    averages = [sum(values) / len(values) if values else 0 for values in lengths]
    widest_text = max(range(len(averages)), key=averages.__getitem__, default=None)
    widths = []
    for c, values in enumerate(lengths):
        words = [
            math.ceil(len(word) * BOLD_WORD_WIDTH)
            for row in shape.header
            for word in row[c].split()
        ]
        headers = [min(len(row[c]), HEADER_MAX_WIDTH) for row in shape.header]
        widest = max([*values, *words, 0])
        if not shape.rows or all(isinstance(row[c], str) for row in shape.rows):
            widest = max([widest, *headers])  # a text column may take its header's width
        cap = MAX_TEXT_WIDTH if c == widest_text and widest > MAX_WIDTH else MAX_WIDTH
        widths.append(float(min(max(widest + 2, MIN_WIDTH), cap)))
    return widths


def _wrapped_columns(shape: Layout, widths: list[float]) -> set[int]:
    return {
        c
        for c in range(len(shape.columns))
        if any(len(format_cell(row[c])) > widths[c] - 1 for row in shape.rows)
    }


def _height(texts: list[str], widths: list[float], bold: bool = False) -> float:
    """A row's height in points for its wrapped text: Excel and LibreOffice keep the default
    height of a file's rows instead of growing them, so wrapped text would be cut off."""
    lines = 1
    for text, width in zip(texts, widths, strict=False):
        # A width unit is one digit; Calibri text averages about a tenth narrower, bold text
        # in the fallback font a third wider (BOLD_WORD_WIDTH), less the cell's padding.
        per_line = max((width - 2) / BOLD_WORD_WIDTH if bold else width * 1.1 - 2, 1.0)
        lines = max(lines, sum(_wrapped_lines(part, per_line) for part in text.split("\n")))
    return LINE_POINTS * lines + 3


def _wrapped_lines(text: str, per_line: float) -> int:
    """How many lines ``text`` takes when wrapped at word breaks (long words broken)."""
    lines, used = 1, 0
    for word in text.split():
        length = len(word)
        if used and used + 1 + length > per_line:
            lines, used = lines + 1, 0
        if used == 0 and length > per_line:
            extra = math.ceil(length / per_line) - 1
            lines, used = lines + extra, length - extra * int(per_line)
        else:
            used += length + (1 if used else 0)
    return lines


def _print_setup(
    sheet: Worksheet, shape: Layout, widths: list[float], first_header: int, first_data: int
) -> None:
    """Printed (or saved as PDF): A4, landscape when wide, the header rows on every page,
    scaled to one page wide. Only a very wide matrix prints a few pages wide, because its row
    labels are repeated on each page; the columns of any other table (the agreement table's
    figures) would stand on a page apart from the codes they belong to."""
    total = sum(widths)
    sheet.page_setup.orientation = "landscape" if total > PORTRAIT_WIDTH else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    pages = math.ceil(total / MAX_PRINT_WIDTH) if shape.label_columns else 1
    sheet.page_setup.fitToWidth = max(1, pages)
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{first_header}:{first_data - 1}"
    if shape.label_columns and total > MAX_PRINT_WIDTH:
        sheet.print_title_cols = f"A:{get_column_letter(shape.label_columns)}"
