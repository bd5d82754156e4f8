"""A report frame's layout with the program's own words in the report's language.

:func:`codebench.exports.frames.layout` reads a frame as pandas holds it: column names as the
program names them ("respondents", "organisation_type"), "group" and "code" as levels, "total"
as a row label, True for a starred quote. Every file format shows those words to a reader, so
they are translated once here and the CSV, Markdown, XLSX and DOCX writers cannot differ.

Which header cells are names and which are data follows from the frame's shape: without row
labels (the theme table) every column header is a name; with row labels the data columns are
headed by values (attribute values, code paths, respondents) and only "total" among them is
the program's. The cells beside and above the row labels are level and index names. Column
names and cells a table made from a message (its ``phrases``: the agreement table's columns,
"(none)") are said from the catalog whatever their place, a column name with a capital.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from codebench.exports.frames import Cell, Layout, layout
from codebench.exports.labels import Words
from codebench.i18n.phrase import Phrase
from codebench.reports.model import ReportTable

LEVEL_COLUMN = "level"
TOTAL = "total"


def table_layout(table: ReportTable, said: Words) -> Layout:
    """``table``'s frame laid out (its percent columns as shares) and said in words."""
    return localised(layout(table.frame, table.percent), said, table.phrases)


def localised(shape: Layout, said: Words, phrases: Mapping[str, Phrase]) -> Layout:
    """``shape`` with its header names, levels, totals, yes/no values and ``phrases`` (the
    table's, by their English text) in words."""
    labels = shape.label_columns

    def header(text: str, column: int) -> str:
        if not text:
            return text
        if text in phrases:
            named = said.say(phrases[text])
            return named[:1].upper() + named[1:]
        if column < labels or not labels:
            return said.column(text)
        return said.column(text) if text.casefold() == TOTAL else text

    names = [column[0] for column in shape.columns]
    level = names.index(LEVEL_COLUMN) if LEVEL_COLUMN in names and not labels else None

    def body(value: Cell, column: int) -> Cell:
        if isinstance(value, bool):
            return said.yes(value) or None
        if not isinstance(value, str):
            return value
        if value in phrases:
            return said.say(phrases[value])
        if column == level:
            return said.level(value)
        if column < max(labels, 1) and value.casefold() == TOTAL:
            return said.column(TOTAL)
        return value

    return replace(
        shape,
        header=[[header(text, c) for c, text in enumerate(row)] for row in shape.header],
        columns=[
            tuple(header(text, c) for text in column) for c, column in enumerate(shape.columns)
        ],
        levels=[said.column(name) if name else name for name in shape.levels],
        rows=[[body(value, c) for c, value in enumerate(row)] for row in shape.rows],
    )
