"""The workbook's bar chart of themes by number of respondents, as a native Excel chart.

An Excel chart (not a picture) stays editable: a researcher restyles it, copies it into a
slide, or reads the numbers it is drawn from, which stand below it on the same sheet. As in
the DOCX report's figure the bars follow the theme table's order (by group, then by
respondents) and carry their group's colour. Excel colours a chart by series, so each group
is a series with a value only on its own themes' rows; with the bars of the series drawn on
top of each other, each theme shows one bar in its group's colour and the legend names the
groups.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from codebench.exports.chart_data import palette, respondents_in_scope
from codebench.exports.labels import Words
from codebench.reports.model import ReportTable

ROW_CM = 0.55
"""Chart height per theme."""
CHART_WIDTH_CM = 24.0
SHEET_ROW_CM = 0.53
"""The height of a sheet row (15 points): the numbers start below the chart."""


def write_chart_sheet(
    sheet: Worksheet, themes: ReportTable, said: Words, colours: Mapping[str, str]
) -> None:
    """The chart at the top of ``sheet``, the numbers it is drawn from (theme by group)
    below it; printed on one page."""
    codes = themes.frame[themes.frame["level"] == "code"]
    groups = list(dict.fromkeys(str(group) for group in codes["group"]))
    title = said.gettext("Themes by number of respondents")
    sheet.cell(row=1, column=1, value=title).font = Font(name="Calibri", size=14, bold=True)
    height = 4 + ROW_CM * len(codes)
    top = 3 + math.ceil(height / SHEET_ROW_CM) + 1
    header = [said.column("code"), *groups]
    for c, text in enumerate(header, start=1):
        cell = sheet.cell(row=top, column=c, value=text)
        cell.data_type = "s"
        cell.font = Font(name="Calibri", bold=True)
    for r, row in enumerate(codes.itertuples(index=False), start=top + 1):
        sheet.cell(row=r, column=1, value=str(row.code)).data_type = "s"
        sheet.cell(row=r, column=2 + groups.index(str(row.group)), value=int(row.respondents))
    last = top + len(codes)
    sheet.column_dimensions["A"].width = min(max(len(str(c)) for c in codes["code"]) + 2, 60)
    for c in range(2, len(groups) + 2):
        sheet.column_dimensions[get_column_letter(c)].width = max(len(header[c - 1]) + 2, 8)

    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "clustered"
    chart.overlap = 100
    chart.gapWidth = 40
    chart.title = title
    data = Reference(sheet, min_col=2, max_col=len(groups) + 1, min_row=top, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=top + 1, max_row=last))
    fills = palette(groups, colours)
    for series, group in zip(chart.series, groups, strict=True):
        series.graphicalProperties.solidFill = fills[group].lstrip("#")
        series.graphicalProperties.line.solidFill = fills[group].lstrip("#")
    chart.dataLabels = DataLabelList(
        showVal=True,
        showCatName=False,
        showSerName=False,
        showLegendKey=False,
        showPercent=False,
    )
    total = respondents_in_scope(themes)
    chart.y_axis.title = (
        said.gettext("Number of respondents (n = {total})").format(total=total)
        if total is not None
        else said.gettext("Number of respondents")
    )
    chart.y_axis.majorUnit = 1 if total is not None and total <= 20 else None
    chart.x_axis.scaling.orientation = "maxMin"  # the first theme on top, as in the table
    chart.y_axis.crosses = "max"  # ... and the value axis below the bars
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend.position = "b"
    chart.width = CHART_WIDTH_CM
    chart.height = height
    sheet.add_chart(chart, "A3")
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 1
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
