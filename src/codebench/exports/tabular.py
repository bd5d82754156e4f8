"""Text exports of one report table: CSV for analysis tools, Markdown to read or paste, JSON.

CSV and JSON are for further analysis, so numbers stay numbers (a share is 0.35, not "35%")
and a MultiIndex header is flattened into one row ("Respondent 1 (gemeente, CIO)"); JSON also
keeps the separate levels. Markdown is for reading, so shares (and a table's other ``percent``
columns, such as percent agreement) are shown as "35%" and the levels
of a header are stacked in one cell with ``<br>``. CSV carries only the data (a title line
would break every CSV reader); Markdown and JSON carry the title, filters and notes too.

CSV and Markdown written as report files are in the report's language (``said``: headers,
levels, caption, filters and notes, see :mod:`codebench.exports.localise`); without it, as the
``report`` command prints a table, they keep the program's own names ("respondents"). JSON
always does: its keys are for scripts, not readers.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from codebench.exports.frames import Cell, Layout, format_cell, is_number, layout
from codebench.exports.labels import Words
from codebench.exports.localise import table_layout
from codebench.files.private import write_private_text
from codebench.files.spreadsheet import inert
from codebench.reports.model import ReportTable


def to_csv(table: ReportTable, path: Path, said: Words | None = None) -> Path:
    """Write the table's data as UTF-8 CSV with one header row (owner-only file)."""
    return write_private_text(Path(path), csv_text(table, said))


def csv_text(table: ReportTable, said: Words | None = None) -> str:
    """The CSV text :func:`to_csv` writes."""
    shape = _shape(table, said)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([inert(name) for name in shape.flat_header()])
    for row in shape.rows:
        writer.writerow(["" if value is None else inert(value) for value in row])
    return buffer.getvalue()


def to_markdown(table: ReportTable, heading_level: int = 2, said: Words | None = None) -> str:
    """A heading with the title (the caption in a report), the filters as a list, a pipe
    table and the notes."""
    shape = _shape(table, said)
    title = table.title if said is None else said.caption(table)
    filters = list(table.filters.items()) if said is None else said.filters(table.filters)
    notes = table.notes if said is None else said.notes(table)
    lines = [f"{'#' * heading_level} {_escape(title)}", ""]
    lines += [f"- {_escape(name)}: {_escape(value)}" for name, value in filters]
    if filters:
        lines.append("")
    header = shape.flat_header(lambda column: "<br>".join(level for level in column if level))
    lines.append(_pipe_row([_escape(cell) for cell in header]))
    lines.append(_pipe_row([_rule(shape, i) for i in range(len(header))]))
    for row in shape.rows:
        cells = [_shown(value, i, shape, said) for i, value in enumerate(row)]
        lines.append(_pipe_row([_escape(cell) for cell in cells]))
    for note in notes:
        lines += ["", f"*{_escape(note)}*"]
    return "\n".join(lines) + "\n"


def _shape(table: ReportTable, said: Words | None) -> Layout:
    return layout(table.frame, table.percent) if said is None else table_layout(table, said)


def _shown(value: Cell, column: int, shape: Layout, said: Words | None) -> str:
    """A cell as Markdown shows it: shares as percentages, numbers with the language's
    decimal mark."""
    share = column in shape.share_columns
    text = format_cell(value, share, shape.percent_places.get(column, 0))
    return said.decimal(text) if said is not None and is_number(value) else text


def to_json(table: ReportTable) -> str:
    """The table as JSON: name, title, filters, notes, column names and one record per row
    (plus "column_levels" when the header has several levels)."""
    return json.dumps(json_object(table), ensure_ascii=False, indent=2) + "\n"


def json_object(table: ReportTable) -> dict[str, Any]:
    """The object :func:`to_json` serialises (several tables go into one JSON array)."""
    shape = layout(table.frame)
    # Records are keyed by the first header level ("Respondent 1") when that is unique; the
    # other levels ("gemeente", "CIO") are kept once, under "column_levels".
    first = [column[0] for column in shape.columns]
    names = first if len(set(first)) == len(first) else _unique(shape.flat_header())
    result: dict[str, Any] = {
        "name": table.name,
        "title": table.title,
        "filters": dict(table.filters),
        "notes": list(table.notes),
        "columns": names,
    }
    if len(shape.levels) > 1:
        result["column_levels"] = {
            name: dict(zip(shape.levels, column, strict=True))
            for name, column in zip(
                names[shape.label_columns :], shape.columns[shape.label_columns :], strict=True
            )
        }
    result["records"] = [dict(zip(names, row, strict=True)) for row in shape.rows]
    return result


def _unique(names: list[str]) -> list[str]:
    """JSON keys must differ: a repeated name gets " (2)", " (3)" ..."""
    seen: dict[str, int] = {}
    result = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        result.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return result


def _rule(shape: Layout, column: int) -> str:
    """Right-align columns that hold only numbers, as numbers are read."""
    values: list[Cell] = [row[column] for row in shape.rows if row[column] is not None]
    numeric = bool(values) and all(is_number(value) for value in values)
    return "---:" if numeric else "---"


def _pipe_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _escape(text: str) -> str:
    """Keep a cell on its row: escape pipes, turn line breaks into <br>."""
    return (
        text.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("*", "\\*")
        .replace("\r\n", "<br>")
        .replace("\n", "<br>")
        .strip()
    )
