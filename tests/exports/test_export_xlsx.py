"""The XLSX workbook as a researcher opens it: sheets, titles, filters, headers, formats."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from codebench.exports.xlsx import sheet_name, write_xlsx
from codebench.reports.model import ReportTable


def find(sheet: Worksheet, text: str) -> tuple[int, int]:
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell.row, cell.column
    raise AssertionError(f"{text!r} not on sheet {sheet.title}")


def test_one_sheet_per_table_with_title_and_filters(
    tmp_path: Path, all_tables: list[ReportTable]
) -> None:
    path = write_xlsx(all_tables, tmp_path / "report.xlsx")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    book = load_workbook(path)
    assert book.sheetnames == [
        "Interviews and respondents by",
        "Theme frequencies",
        "Codes by organisation_type",
        "Codes by respondent",
        "Exemplar quotes",
        "Code co-occurrence",
    ]
    sheet = book["Theme frequencies"]
    assert sheet["A1"].value == "Theme frequencies"
    assert sheet["A1"].font.bold
    assert [sheet.cell(row=r, column=1).value for r in range(2, 6)] == [
        "coders: all coders",
        "codes: all codes",
        "documents: all documents",
        "respondents: all respondents",
    ]
    notes = [sheet.cell(row=r, column=1).value for r in range(1, sheet.max_row + 1)]
    assert "4 respondents in scope; share = respondents / 4." in notes


def test_theme_sheet_header_counts_percentages_and_frozen_header(
    tmp_path: Path, all_tables: list[ReportTable]
) -> None:
    book = load_workbook(write_xlsx(all_tables, tmp_path / "report.xlsx"))
    sheet = book["Theme frequencies"]
    header_row, _ = find(sheet, "group")
    header = [cell.value for cell in sheet[header_row]]
    assert header[:8] == [
        "group",
        "code",
        "path",
        "level",
        "codings",
        "documents",
        "respondents",
        "share",
    ]
    first = sheet.cell(row=header_row, column=1)
    assert first.font.bold and first.fill.fgColor.rgb.endswith("DCE6F1")
    assert first.border.bottom.style == "thin" and first.alignment.wrap_text
    assert sheet.freeze_panes == f"A{header_row + 1}"
    budget_row, _ = find(sheet, "Budget")
    respondents = sheet.cell(row=budget_row, column=7)
    share = sheet.cell(row=budget_row, column=8)
    assert respondents.value == 3
    assert share.value == 0.75 and share.number_format == "0%"
    group_row, _ = find(sheet, "Knelpunten")
    assert sheet.cell(row=group_row, column=1).font.bold
    assert 6 <= sheet.column_dimensions["A"].width <= 60
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["E"].width


def test_respondent_matrix_has_level_header_rows(
    tmp_path: Path, all_tables: list[ReportTable]
) -> None:
    book = load_workbook(write_xlsx(all_tables, tmp_path / "report.xlsx"))
    sheet = book["Codes by respondent"]
    top, _ = find(sheet, "respondent")
    assert [sheet.cell(row=top + i, column=1).value for i in range(3)] == [
        "respondent",
        "organisation_type",
        "code",
    ]
    assert [sheet.cell(row=top, column=c).value for c in range(2, 6)] == [
        "Respondent 1",
        "Respondent 2",
        "Respondent 3",
        "Respondent 10",
    ]
    assert sheet.cell(row=top + 1, column=5).value == "agentschap"
    assert sheet.cell(row=top, column=6).value == "total"
    assert f"F{top}:F{top + 2}" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet.freeze_panes == f"B{top + 3}"
    assert sheet.cell(row=top + 3, column=1).value == "Succesfactoren"
    assert sheet.cell(row=top + 3, column=6).value == 4


def test_long_quotes_wrap_with_room_for_their_lines(
    tmp_path: Path, all_tables: list[ReportTable]
) -> None:
    quotes = all_tables[4]
    frame = quotes.frame.copy()
    frame.loc[0, "quote"] = " ".join(["woord"] * 120)
    long = ReportTable("quotes", "Exemplar quotes", frame, quotes.filters, quotes.notes)
    sheet = load_workbook(write_xlsx([long], tmp_path / "q.xlsx"))["Exemplar quotes"]
    row, column = find(sheet, frame.loc[0, "quote"])
    assert sheet.cell(row=row, column=column).alignment.wrap_text
    assert sheet.row_dimensions[row].height >= 15 * 6
    assert sheet.column_dimensions["D"].width == 90


def test_sheet_names_are_valid_short_and_unique() -> None:
    taken: set[str] = set()
    first = sheet_name("Codes by organisation_type (respondents)", taken)
    assert first == "Codes by organisation_type"
    taken.add(first.casefold())
    second = sheet_name("codes by organisation_type", taken)
    assert second == "codes by organisation_type (2)"
    odd = sheet_name("What? [draft] a/b: c*d\\e", set())
    assert not set("[]:*?/\\") & set(odd)
    assert len(sheet_name("x" * 80, set())) == 31
    assert sheet_name("'''", set()) == "Table"


def test_no_tables_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_xlsx([], tmp_path / "empty.xlsx")
