"""Text exports of one report table: CSV for analysis tools, Markdown to read or paste, JSON.

CSV and JSON are for further analysis, so numbers stay numbers (a share is 0.35, not "35%")
and a MultiIndex header is flattened into one row ("Respondent 1 (gemeente, CIO)"); JSON also
keeps the separate levels. Markdown is for reading, so shares are shown as "35%" and the levels
of a header are stacked in one cell with ``<br>``. CSV carries only the data (a title line
would break every CSV reader); Markdown and JSON carry the title, filters and notes too.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from codebench.exports.frames import Cell, Layout, format_cell, is_number, layout
from codebench.files.private import write_private_text
from codebench.files.spreadsheet import inert
from codebench.reports.model import ReportTable


def to_csv(table: ReportTable, path: Path) -> Path:
    """Write the table's data as UTF-8 CSV with one header row (owner-only file)."""
    return write_private_text(Path(path), csv_text(table))


def csv_text(table: ReportTable) -> str:
    """The CSV text :func:`to_csv` writes."""
    shape = layout(table.frame)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([inert(name) for name in shape.flat_header()])
    for row in shape.rows:
        writer.writerow(["" if value is None else inert(value) for value in row])
    return buffer.getvalue()


def to_markdown(table: ReportTable, heading_level: int = 2) -> str:
    """A heading with the title, the filters as a list, a pipe table and the notes."""
    shape = layout(table.frame)
    lines = [f"{'#' * heading_level} {_escape(table.title)}", ""]
    lines += [f"- {_escape(name)}: {_escape(value)}" for name, value in table.filters.items()]
    if table.filters:
        lines.append("")
    header = shape.flat_header(lambda column: "<br>".join(level for level in column if level))
    lines.append(_pipe_row([_escape(cell) for cell in header]))
    lines.append(_pipe_row([_rule(shape, i) for i in range(len(header))]))
    for row in shape.rows:
        cells = [format_cell(value, i in shape.share_columns) for i, value in enumerate(row)]
        lines.append(_pipe_row([_escape(cell) for cell in cells]))
    for note in table.notes:
        lines += ["", f"*{_escape(note)}*"]
    return "\n".join(lines) + "\n"


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
