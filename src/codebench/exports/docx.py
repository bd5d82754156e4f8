"""A Word report a researcher can paste from: tables, the chart and quotes per theme.

The layout follows a published thematic analysis (the seed study's Tabel 1, 3 and 4 and its
"Respondent 5 zegt hierover" quotes): the selection the numbers rest on, the participants, the
theme frequencies as a real Word table (groups as bold rows, their codes below), the bar chart,
then per group of codes a table of its themes with an exemplar quote each, and per theme a
heading, its definition, how many respondents raised it and what they said ("Respondent 5
zegt: „…”"). Everything is built from Word's own styles (Title, Heading 1-3, Quote, Caption,
Table Grid, List Bullet), so the researcher's template restyles it and a table of contents
picks up the headings. Captions are SEQ fields, so Word can also list tables and figures.
Words the report adds are in the report's language (:mod:`codebench.exports.labels`);
quotation marks are „…” in Dutch and “…” in English.

This module only decides which parts the report has and in what order, so that order can be
read in one place. Writing a part is :mod:`codebench.exports.docx_writer`'s job (the sections
per group and theme :mod:`~codebench.exports.docx_themes`'s); sizing tables to the page
:mod:`~codebench.exports.docx_grid`'s, wording quotes :mod:`~codebench.exports.docx_quotes`'s,
and raw Word XML :mod:`~codebench.exports.docx_xml`'s.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from pathlib import Path

from docx.document import Document

from codebench.exports.docx_quotes import quote_text
from codebench.exports.docx_themes import theme_sections
from codebench.exports.docx_writer import ReportWriter
from codebench.exports.labels import Words, report_words
from codebench.files.private import write_private
from codebench.reports import tables as report_tables
from codebench.reports.model import ReportData, ReportTable

__all__ = ["quote_text", "report_document", "write_docx"]


def write_docx(
    data: ReportData,
    path: Path,
    *,
    title: str,
    tables: Sequence[ReportTable] = (),
    definitions: Mapping[str, str] | None = None,
    quotes_per_code: int | None = None,
    said: Words | None = None,
) -> Path:
    """Write the report to ``path`` (owner-only file), in the language of ``said`` (by
    default the report's: :func:`~codebench.exports.labels.report_words`).

    ``tables`` are finished report tables by name: "themes" (theme_frequencies) and "quotes"
    (exemplar_quotes) are computed from ``data`` when not given; "attributes" tables
    (attribute_table, the study's Tabel 1) go under Participants; any other table (code by
    attribute, by respondent, co-occurrence) follows at the end, wide ones on landscape pages.
    ``definitions`` maps a code's path or name to the definition shown under its heading and
    overrides the codebook's description. ``quotes_per_code`` limits the quotes per theme
    (starred exemplars first); by default every respondent's quote is shown.
    """
    document = report_document(
        data,
        title=title,
        tables=tables,
        definitions=definitions,
        quotes_per_code=quotes_per_code,
        said=said or report_words(data.language),
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return write_private(Path(path), buffer.getvalue())


def report_document(
    data: ReportData,
    *,
    title: str,
    tables: Sequence[ReportTable] = (),
    definitions: Mapping[str, str] | None = None,
    quotes_per_code: int | None = None,
    said: Words,
) -> Document:
    """The report as a python-docx Document (see :func:`write_docx`)."""
    by_name = {table.name: table for table in tables}
    themes = by_name.get("themes") or report_tables.theme_frequencies(data)
    quotes = by_name.get("quotes") or report_tables.exemplar_quotes(data)
    writer = ReportWriter(data, title, said)
    writer.selection(themes.filters)
    participants = [t for t in tables if t.name == "attributes"]
    if participants:
        writer.heading(said.gettext("Participants"), 1)
        for table in participants:
            writer.generic_table(table)
    writer.heading(said.gettext("Overview of themes"), 1)
    writer.theme_table(themes)
    writer.chart(themes)
    theme_sections(writer, themes, quotes, definitions or {}, quotes_per_code)
    further = [t for t in tables if t.name not in ("themes", "quotes", "attributes")]
    if further:
        # An appendix of sorts: it starts on a page of its own.
        heading = writer.heading(said.gettext("Further tables"), 1)
        heading.paragraph_format.page_break_before = True
        for table in further:
            writer.generic_table(table)
    return writer.document
