"""The XLSX workbook as a researcher opens it: sheets, titles, filters, headers, formats."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.chart import BarChart
from openpyxl.worksheet.worksheet import Worksheet

from codebench.exports.labels import words
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
        "Participants",
        "Themes",
        "Chart",
        "Themes and quotes",
        "Themes by organisation type",
        "Themes by respondent",
        "Quotes",
        "Co-occurrence",
    ]
    sheet = book["Themes"]
    assert sheet["A1"].value == "Number of respondents per theme"
    assert sheet["A1"].font.bold
    assert [sheet.cell(row=r, column=1).value for r in range(2, 6)] == [
        "Coders: coder1",
        "Codes: all codes",
        "Documents: all documents",
        "Respondents: all respondents",
    ]
    notes = [sheet.cell(row=r, column=1).value for r in range(1, sheet.max_row + 1)]
    assert "4 respondents in scope; share = respondents / 4." in notes


def test_theme_sheet_header_counts_percentages_and_frozen_header(
    tmp_path: Path, all_tables: list[ReportTable]
) -> None:
    book = load_workbook(write_xlsx(all_tables, tmp_path / "report.xlsx"))
    sheet = book["Themes"]
    header_row, _ = find(sheet, "Group")
    header = [cell.value for cell in sheet[header_row]]
    assert header[:8] == [
        "Group",
        "Theme",
        "Path",
        "Level",
        "Codings",
        "Interviews",
        "Respondents",
        "Share",
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
    sheet = book["Themes by respondent"]
    top, _ = find(sheet, "Respondent")
    assert [sheet.cell(row=top + i, column=1).value for i in range(3)] == [
        "Respondent",
        "Organisation type",
        "Theme",
    ]
    assert [sheet.cell(row=top, column=c).value for c in range(2, 6)] == [
        "Respondent 1",
        "Respondent 2",
        "Respondent 3",
        "Respondent 10",
    ]
    assert sheet.cell(row=top + 1, column=5).value == "agentschap"
    assert sheet.cell(row=top, column=6).value == "Total"
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
    sheet = load_workbook(write_xlsx([long], tmp_path / "q.xlsx"))["Quotes"]
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


def test_long_sheet_names_are_cut_at_words_and_numbered_apart() -> None:
    taken: set[str] = set()
    title = "Respondenten die een thema noemden, per type organisatie"
    names = []
    for _ in range(3):
        name = sheet_name(title, taken)
        taken.add(name.casefold())
        names.append(name)
    assert names == [
        "Respondenten die een thema",
        "Respondenten die een thema (2)",
        "Respondenten die een thema (3)",
    ]
    # Every name is whole words of the title, then the number.
    assert all(title.startswith(name.split(" (")[0] + " ") for name in names)


def test_dutch_workbook_with_chart_and_overview(
    tmp_path: Path, all_tables: list[ReportTable]
) -> None:
    book = load_workbook(write_xlsx(all_tables, tmp_path / "rapport.xlsx", words("nl")))
    assert book.sheetnames == [
        "Deelnemers",
        "Thema's",
        "Grafiek",
        "Thema's en citaten",
        "Thema's per type organisatie",
        "Thema's per respondent",
        "Citaten",
        "Samen voorkomen",
    ]
    themes = book["Thema's"]
    assert themes["A1"].value == "Aantal respondenten per thema"
    assert themes["A2"].value == "Codeurs: coder1"
    header_row, _ = find(themes, "Groep")
    assert [cell.value for cell in themes[header_row]][:4] == ["Groep", "Thema", "Pad", "Niveau"]
    assert themes.cell(row=header_row + 1, column=4).value == "groep"
    assert themes.cell(row=header_row + 2, column=4).value == "thema"
    notes = [themes.cell(row=r, column=1).value for r in range(1, themes.max_row + 1)]
    assert "4 respondenten in de selectie; aandeel = respondenten / 4." in notes

    chart_sheet = book["Grafiek"]
    [chart] = chart_sheet._charts
    assert isinstance(chart, BarChart) and chart.type == "bar"
    assert len(chart.series) == 2  # one per group, each bar in its group's colour
    top, _ = find(chart_sheet, "Thema")
    assert [c.value for c in chart_sheet[top]][:3] == ["Thema", "Succesfactoren", "Knelpunten"]
    assert [c.value for c in chart_sheet[top + 1]][:3] == ["Duidelijk doel", 2, None]

    overview = book["Thema's en citaten"]
    top, _ = find(overview, "Voorbeeldcitaat")
    rows = [[c.value for c in row][:5] for row in overview.iter_rows(min_row=top + 1)]
    assert rows[0][:3] == ["Succesfactoren", 3, 0.75]
    assert rows[1] == [
        "Duidelijk doel",
        2,
        0.5,
        "„Het doel was vanaf dag één helder.”",
        "Respondent 1",
    ]
    assert overview.cell(row=top + 1, column=1).font.bold


def test_no_tables_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_xlsx([], tmp_path / "empty.xlsx")
