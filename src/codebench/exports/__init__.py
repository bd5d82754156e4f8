"""Exports of report tables: CSV, Markdown, JSON, a formatted XLSX workbook and a DOCX report.

:func:`export_tables` picks the format from the file's suffix, so the command line and the
interface need one call whatever the researcher asks for. Every file is written owner-only
(0600): exports carry interview quotes. Files are written in the report's language: the one
chosen for the export (:func:`codebench.i18n.chosen_language`), else the interviews' (English
when only tables are given); JSON keeps the program's own names.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from codebench.exports.labels import report_words
from codebench.exports.tabular import json_object, to_csv, to_json, to_markdown
from codebench.files.private import write_private_text
from codebench.i18n import SOURCE_LANGUAGE
from codebench.reports.model import ReportData, ReportTable

SUFFIXES = (".xlsx", ".docx", ".md", ".csv", ".json")

__all__ = [
    "SUFFIXES",
    "export_tables",
    "output_paths",
    "to_csv",
    "to_json",
    "to_markdown",
]


def export_tables(
    tables: Sequence[ReportTable],
    path: Path,
    *,
    data: ReportData | None = None,
    title: str | None = None,
    definitions: Mapping[str, str] | None = None,
    quotes_per_code: int | None = None,
) -> list[Path]:
    """Write ``tables`` in the format ``path``'s suffix names; return the files written.

    - ``.xlsx``: one workbook, a sheet per table;
    - ``.docx``: the report (needs ``data``; ``title``, ``definitions`` and
      ``quotes_per_code`` as in :func:`write_docx`);
    - ``.md``: one file, the tables one after another;
    - ``.csv``: one table to ``path``; several to ``<stem>-<table name>.csv`` beside it;
    - ``.json``: one table as an object, several as an array of them.
    """
    path = Path(path)
    suffix = path.suffix.casefold()
    if suffix not in SUFFIXES:
        known = ", ".join(SUFFIXES)
        raise ValueError(f"cannot export to '{path.name}': use one of {known}")
    # The writers load python-docx, matplotlib and openpyxl: only when a file of theirs is
    # written, so printing a table (which reads frames and tabular from here) never pays.
    said = report_words(data.language if data is not None else SOURCE_LANGUAGE)
    if suffix == ".docx":
        from codebench.exports.docx import write_docx

        if data is None:
            raise ValueError("a DOCX report needs the report data, not only tables")
        return [
            write_docx(
                data,
                path,
                title=title or said.gettext("Thematic analysis"),
                tables=tables,
                definitions=definitions,
                quotes_per_code=quotes_per_code,
                said=said,
            )
        ]
    if not tables:
        raise ValueError("no tables to export")
    if suffix == ".xlsx":
        from codebench.exports.chart_data import group_colours
        from codebench.exports.xlsx import write_xlsx

        colours = group_colours(data.codes) if data is not None else None
        return [write_xlsx(tables, path, said, colours)]
    if suffix == ".md":
        text = "\n".join(to_markdown(table, said=said) for table in tables)
        return [write_private_text(path, text)]
    if suffix == ".json":
        if len(tables) == 1:
            return [write_private_text(path, to_json(tables[0]))]
        objects = [json_object(table) for table in tables]
        return [write_private_text(path, json.dumps(objects, ensure_ascii=False, indent=2) + "\n")]
    if len(tables) == 1:
        return [to_csv(tables[0], path, said)]
    return [to_csv(table, path.with_name(name), said) for table, name in _csv_names(tables, path)]


def output_paths(tables: Sequence[ReportTable], path: Path) -> list[Path]:
    """The files :func:`export_tables` writes for ``tables`` at ``path`` (several CSV files
    for several tables, else ``path`` itself), so a caller can ask before replacing one."""
    path = Path(path)
    if path.suffix.casefold() == ".csv" and len(tables) > 1:
        return [path.with_name(name) for _, name in _csv_names(tables, path)]
    return [path]


def _csv_names(tables: Sequence[ReportTable], path: Path) -> list[tuple[ReportTable, str]]:
    """``<stem>-<table name>.csv``, with -2, -3 ... when two tables share a name."""
    seen: dict[str, int] = {}
    result = []
    for table in tables:
        seen[table.name] = seen.get(table.name, 0) + 1
        name = table.name if seen[table.name] == 1 else f"{table.name}-{seen[table.name]}"
        result.append((table, f"{path.stem}-{name}.csv"))
    return result
