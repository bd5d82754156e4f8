"""The exports of the demo study, checked against the seed study's published tables."""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.table import Table
from openpyxl import load_workbook

from codebench.exports import export_tables
from codebench.exports.docx_grid import NARROW_MARGIN_CM
from codebench.exports.text_width import longest_word_cm, wrapped_lines
from codebench.reports import tables
from codebench.reports.model import ReportData, ReportTable

GROUPS = ("Aanleiding", "Succesfactoren", "Knelpunten")


def demo_tables(data: ReportData) -> list[ReportTable]:
    return [
        tables.attribute_table(data, "organisation_type"),
        tables.theme_frequencies(data),
        tables.code_by_attribute(data, "organisation_type"),
        tables.code_by_respondent(data),
        tables.exemplar_quotes(data),
    ]


def test_demo_workbook_has_tabel_1(tmp_path: Path, demo_data: ReportData) -> None:
    [path] = export_tables(demo_tables(demo_data), tmp_path / "demo.xlsx", data=demo_data)
    book = load_workbook(path)
    sheet = book["Deelnemers"]
    rows = {
        row[0]: row[1:]
        for row in sheet.iter_rows(min_row=6, values_only=True)
        if row[0] is not None
    }
    assert rows["gemeente"] == (6, 7)
    assert rows["provincie"] == (3, 4)
    assert rows["Totaal"] == (17, 20)
    matrix = book["Thema's per respondent"]
    assert matrix.max_column == 1 + 20 + 1  # codes, 20 respondents, total
    assert all(len(name) <= 31 for name in book.sheetnames)
    assert len({name.casefold() for name in book.sheetnames}) == len(book.sheetnames)
    overview = book["Thema's en citaten"]
    groups = [row[0] for row in overview.iter_rows(values_only=True) if row[0] in GROUPS]
    assert groups == list(GROUPS)


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
    assert all(re.fullmatch(r"Respondent\u00a0\d+ zegt: „.+”", q, re.DOTALL) for q in quotes)
    captions = [text for style, text in styled if style == "Caption"]
    assert [c.split(": ", 1)[1] for c in captions if "voorbeeldcitaat" in c] == [
        f"{group}: thema's, aantal respondenten en een voorbeeldcitaat" for group in GROUPS
    ]
    themes = document.tables[1]
    rows = {row.cells[0].text: [c.text for c in row.cells[1:]] for row in themes.rows}
    assert rows["Succesfactoren"][:2] == ["20", "100%"]
    assert len(document.inline_shapes) == 1


WORD_CELL_MARGIN_CM = 0.19


def cell_margins_cm(table: Table) -> float:
    """Left plus right cell margin: Word's default, or the table's own (vertical headers)."""
    margins = table._tbl.tblPr.find(qn("w:tblCellMar"))
    if margins is None:
        return 2 * WORD_CELL_MARGIN_CM
    return sum(int(side.get(qn("w:w"))) / 567 for side in margins)


def header_cells(table: Table) -> list[tuple[str, float, float, bool, float]]:
    """(text, width cm, font pt, vertical, row height cm) of every header cell with text."""
    found = []
    for row in table.rows:
        tr_pr = row._tr.trPr
        if tr_pr is None or tr_pr.find(qn("w:tblHeader")) is None:
            break
        height = row.height.cm if row.height is not None else 0.0
        for cell in row.cells:
            runs = cell.paragraphs[0].runs
            if not runs or not cell.text:
                continue
            vertical = cell._tc.tcPr.find(qn("w:textDirection")) is not None
            size = runs[0].font.size.pt if runs[0].font.size is not None else 11.0
            found.append((cell.text, cell.width.cm, size, vertical, height))
    return found


def test_demo_headers_are_never_broken_or_cut(tmp_path: Path, demo_data: ReportData) -> None:
    """Measured in the widest font a reader may see (DejaVu Sans, LibreOffice's fallback for
    Calibri): a flat header's column holds its longest word, so it wraps only at spaces; a
    vertical header's row is tall enough for it in the lines its column holds."""
    every = [*demo_tables(demo_data), tables.co_occurrence(demo_data)]
    [path] = export_tables(every, tmp_path / "demo.docx", data=demo_data, title="GenAI")
    document = docx.Document(str(path))
    checked = vertical_checked = 0
    for table in document.tables:
        margins = cell_margins_cm(table)
        for text, width, size, vertical, height in header_cells(table):
            if vertical:
                lines = int((width - 2 * NARROW_MARGIN_CM) / (size * 1.2 / 72 * 2.54))
                assert wrapped_lines(text, height - 0.2, size, bold=True) <= max(lines, 1), text
                vertical_checked += 1
            else:
                assert width >= longest_word_cm(text, size, bold=True) + margins, text
            checked += 1
    assert checked > 40 and vertical_checked >= 7  # incl. "regionaal samenwerkingsorgaan (n=1)"
