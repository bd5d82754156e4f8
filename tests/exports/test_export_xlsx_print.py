"""The workbook as it prints: one page wide unless a matrix can repeat its row labels, and
the agreement sheet's proportions as percentages."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from codebench.agreement.model import AgreementOptions
from codebench.agreement.tables import agreement_table
from codebench.exports.labels import words
from codebench.exports.xlsx import write_xlsx
from codebench.reports.model import ReportTable
from codebench.services.agreement import agree
from codebench.services.project import Project
from codebench.services.viewer import Viewer


@pytest.fixture(scope="module")
def agreement_sheet(demo_project: Project, tmp_path_factory: pytest.TempPathFactory) -> Worksheet:
    """The demo's agreement table as `export --agreement coder1,coder2` writes it (with the
    command's 1,000 bootstrap resamples, so with the interval column)."""
    options = AgreementOptions(("coder1", "coder2"), bootstrap=1000)
    table = agreement_table(agree(demo_project, options, viewer=Viewer.everyone()))
    path = tmp_path_factory.mktemp("agreement") / "agreement.xlsx"
    return load_workbook(write_xlsx([table], path, words("nl"))).worksheets[0]


def one_page_wide(sheet: Worksheet) -> bool:
    setup = sheet.page_setup
    return (
        bool(sheet.sheet_properties.pageSetUpPr.fitToPage)
        and setup.fitToWidth == 1
        and setup.fitToHeight == 0
    )


def test_agreement_sheet_prints_one_page_wide_in_landscape(agreement_sheet: Worksheet) -> None:
    assert agreement_sheet.page_setup.orientation == "landscape"
    assert one_page_wide(agreement_sheet)


def test_agreement_shares_are_percentages(agreement_sheet: Worksheet) -> None:
    header = next(
        row
        for row in agreement_sheet.iter_rows(values_only=True)
        if row[0] == "Code" and "Prevalentie" in row
    )
    first = next(
        row
        for row in agreement_sheet.iter_rows()
        if isinstance(row[0].value, str) and " > " in row[0].value
    )
    formats = dict(zip(header, (cell.number_format for cell in first), strict=False))
    values = dict(zip(header, (cell.value for cell in first), strict=False))
    assert 0 < values["Prevalentie"] < 0.1  # a proportion, shown as "1.5%", not "0.02"
    assert formats["Prevalentie"] == "0.0%"
    assert formats["Percentage overeenstemming"] == "0.0%"
    assert formats["Positieve overeenstemming"] == "0.0%"
    assert formats["Alfa"] == "0.00"  # a coefficient, not a share
    assert formats["Eenheden"] == "0"


def wide_table(index: pd.Index | None = None) -> ReportTable:
    """Thirty columns of long names: far wider than a landscape page."""
    columns = [f"a rather long column name {i:02d}" for i in range(30)]
    frame = pd.DataFrame([[1.5] * 30, [2.5] * 30], columns=columns, index=index)
    return ReportTable("wide", "A wide table", frame, {}, ())


def test_a_wide_table_without_row_labels_prints_one_page_wide(tmp_path: Path) -> None:
    sheet = load_workbook(write_xlsx([wide_table()], tmp_path / "wide.xlsx")).worksheets[0]
    assert sheet.page_setup.orientation == "landscape"
    assert one_page_wide(sheet)
    assert sheet.print_title_cols is None


def test_a_very_wide_matrix_takes_pages_that_repeat_its_row_labels(tmp_path: Path) -> None:
    matrix = wide_table(pd.Index(["Budget", "Privacy"], name="code"))
    sheet = load_workbook(write_xlsx([matrix], tmp_path / "matrix.xlsx")).worksheets[0]
    assert sheet.page_setup.fitToWidth > 1
    assert sheet.print_title_cols == "$A:$A"
