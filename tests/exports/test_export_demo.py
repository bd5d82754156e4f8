"""The exports of the demo study, checked against the seed study's published tables."""

from __future__ import annotations

from pathlib import Path

import docx
from openpyxl import load_workbook

from codebench.exports import export_tables
from codebench.reports import tables
from codebench.reports.model import ReportData, ReportTable


def demo_tables(data: ReportData) -> list[ReportTable]:
    return [
        tables.attribute_table(data, "organisation_type"),
        tables.theme_frequencies(data),
        tables.code_by_attribute(data, "organisation_type"),
        tables.code_by_respondent(data),
        tables.exemplar_quotes(data),
    ]


def test_demo_workbook_has_tabel_1(tmp_path: Path, demo_data: ReportData) -> None:
    [path] = export_tables(demo_tables(demo_data), tmp_path / "demo.xlsx")
    book = load_workbook(path)
    sheet = book["Interviews and respondents by"]
    rows = {
        row[0]: row[1:]
        for row in sheet.iter_rows(min_row=7, values_only=True)
        if row[0] is not None
    }
    assert rows["gemeente"] == (6, 7)
    assert rows["provincie"] == (3, 4)
    assert rows["total"] == (17, 20)
    matrix = book["Codes by respondent"]
    assert matrix.max_column == 1 + 20 + 1  # codes, 20 respondents, total


def test_demo_report_reads_like_the_study(tmp_path: Path, demo_data: ReportData) -> None:
    [path] = export_tables(
        demo_tables(demo_data),
        tmp_path / "demo.docx",
        data=demo_data,
        title="GenAI bij de overheid",
    )
    document = docx.Document(str(path))
    styled = [(p.style.name if p.style else "", p.text) for p in document.paragraphs]
    heading_texts = [text for style, text in styled if style.startswith("Heading")]
    assert heading_texts[:3] == ["Deelnemers", "Overzicht van de thema's", "Aanleiding"]
    assert "Succesfactoren" in heading_texts and "Knelpunten" in heading_texts
    assert "Digitale afhankelijkheid" in heading_texts
    quotes = [text for style, text in styled if style == "Quote"]
    assert len(quotes) > 100
    assert all(q.startswith("„") and "”\u00a0(Respondent\u00a0" in q for q in quotes)
    themes = document.tables[1]
    rows = {row.cells[0].text: [c.text for c in row.cells[1:]] for row in themes.rows}
    assert rows["Succesfactoren"][:2] == ["20", "100%"]
    assert len(document.inline_shapes) == 1
