"""The report's parts as Word content: title and styles, captions with SEQ fields, the
selection, the theme table, the chart, and any other table on a portrait or landscape page
(the sections per group and theme are :mod:`~codebench.exports.docx_themes`'s).

One writer per document, because the table and figure numbers and the page orientation run
on from part to part.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from codebench.exports.chart import theme_chart
from codebench.exports.chart_data import group_colours
from codebench.exports.docx_grid import (
    LANDSCAPE_TEXT_WIDTH_CM,
    MARGIN_CM,
    NARROW_MARGIN_CM,
    PAGE_HEIGHT_CM,
    PAGE_WIDTH_CM,
    TABLE_FONT_PT,
    TEXT_WIDTH_CM,
    WIDE_TABLE_COLUMNS,
    Grid,
    fit,
    generic_grid,
    least_width,
    rotated_height,
    rotated_row,
)
from codebench.exports.docx_xml import (
    add_field,
    cell_text,
    fill_cell,
    keep_row_together,
    mark_header_row,
    rotate_cell,
    set_borders,
    set_cell_margins,
    set_language,
)
from codebench.exports.frames import PATH_SEPARATOR, format_cell
from codebench.exports.labels import Words
from codebench.reports.model import ReportData, ReportTable

BODY_FONT = "Calibri"
HEADER_FILL = "DCE6F1"
GROUP_FILL = "F2F2F2"
LANGUAGE_TAGS = {"nl": "nl-NL", "en": "en-GB"}
_THEME_COLUMNS = ("code", "respondents", "share", "documents", "codings")


class ReportWriter:
    """Adds the report's parts to one document, numbering tables and figures as it goes."""

    def __init__(self, data: ReportData, title: str, said: Words) -> None:
        self.data = data
        self.said = said
        self.document: Document = docx.Document()
        self.tables = 0
        self.figures = 0
        self.landscape = False
        self._setup(title)

    # -- document and styles -------------------------------------------------------------

    def _setup(self, title: str) -> None:
        section = self.document.sections[0]
        section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(PAGE_HEIGHT_CM)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(MARGIN_CM))
        styles = self.document.styles
        normal = styles["Normal"]
        normal.font.size = Pt(11)
        normal.font.name = BODY_FONT
        normal.paragraph_format.space_after = Pt(6)
        set_language(normal.element, LANGUAGE_TAGS[self.said.language])
        quote = styles["Quote"]
        quote.font.italic = True
        quote.font.color.rgb = RGBColor(0x26, 0x26, 0x26)
        quote.paragraph_format.left_indent = Cm(1.0)
        quote.paragraph_format.right_indent = Cm(1.0)
        quote.paragraph_format.space_before = Pt(0)
        quote.paragraph_format.space_after = Pt(8)
        label = styles["Caption"]
        label.font.size = Pt(9)
        label.font.bold = True
        label.font.color.rgb = RGBColor(0x26, 0x26, 0x26)
        label.paragraph_format.space_before = Pt(6)
        label.paragraph_format.space_after = Pt(4)
        self.document.core_properties.title = title
        self.document.core_properties.language = LANGUAGE_TAGS[self.said.language]
        self.document.add_heading(title, 0)

    def heading(self, text: str, level: int) -> Paragraph:
        paragraph: Paragraph = self.document.add_heading(text, min(max(level, 1), 9))
        return paragraph

    def caption(self, kind: str, text: str) -> Paragraph:
        """ "Tabel 2: ..." with the number as a SEQ field, kept with what follows."""
        if kind == "table":
            self.tables += 1
            number = self.tables
        else:
            self.figures += 1
            number = self.figures
        label = self.said.gettext("Table") if kind == "table" else self.said.gettext("Figure")
        paragraph = self.document.add_paragraph(style="Caption")
        paragraph.add_run(f"{label} ")
        add_field(paragraph, f" SEQ {label} \\* ARABIC ", str(number))
        paragraph.add_run(f": {text}")
        paragraph.paragraph_format.keep_with_next = kind == "table"
        return paragraph

    def note(self, text: str) -> None:
        paragraph = self.document.add_paragraph()
        run = paragraph.add_run(text)
        run.font.size = Pt(8.5)
        run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)

    # -- parts ---------------------------------------------------------------------------

    def selection(self, filters: Mapping[str, str]) -> None:
        """The filters the numbers rest on, so a pasted table can be traced."""
        paragraph = self.document.add_paragraph()
        paragraph.add_run(self.said.gettext("Selection")).bold = True
        paragraph.paragraph_format.space_after = Pt(2)
        paragraph.paragraph_format.keep_with_next = True
        for name, text in self.said.filters(filters):
            item = self.document.add_paragraph(style="List Bullet")
            item.add_run(f"{name}: ")
            item.add_run(text)
            item.paragraph_format.space_after = Pt(0)

    def theme_table(self, themes: ReportTable) -> None:
        """Table 3/4 of the study: groups in bold, their codes below, five columns."""
        frame = themes.frame
        header = [[self.said.column(name) for name in _THEME_COLUMNS]]
        body: list[list[str]] = []
        bold: set[int] = set()
        indents: dict[int, float] = {}
        for i, row in enumerate(frame.itertuples(index=False)):
            depth = str(row.path).count(PATH_SEPARATOR)
            body.append(
                [
                    str(row.code),
                    format_cell(int(row.respondents)),
                    format_cell(float(row.share), share=True),
                    format_cell(int(row.documents)),
                    format_cell(int(row.codings)),
                ]
            )
            if row.level == "group":
                bold.add(i)
            indents[i] = 0.4 * depth
        numbers = [least_width([], [text], TABLE_FONT_PT) for text in header[0][1:]]
        grid = Grid(
            header=header,
            body=body,
            widths_cm=[TEXT_WIDTH_CM - sum(numbers), *numbers],
            numeric={1, 2, 3, 4},
            bold_rows=bold,
            indents_cm=indents,
        )
        self.caption("table", self.said.caption(themes))
        self.add_grid(grid)
        self.note(
            self.said.gettext(
                "Share: the part of the {total} respondents in the selection who raised the "
                "theme. Passages spoken by an interviewer are not counted."
            ).format(total=len(self.data.respondents))
        )

    def chart(self, themes: ReportTable) -> None:
        if not (themes.frame["level"] == "code").any():
            return
        image = theme_chart(themes, group_colours(self.data.codes), self.said.language)
        paragraph = self.document.add_paragraph()
        paragraph.paragraph_format.keep_with_next = True
        paragraph.add_run().add_picture(io.BytesIO(image), width=Cm(TEXT_WIDTH_CM))
        self.caption("figure", self.said.gettext("Themes by number of respondents"))

    def generic_table(self, table: ReportTable) -> None:
        """Any other report table, landscape when wide, header vertical when very wide."""
        grid = generic_grid(table, self.said)
        wide = len(grid.widths_cm) - grid.label_columns > WIDE_TABLE_COLUMNS
        self._orientation(landscape=wide)
        available = LANDSCAPE_TEXT_WIDTH_CM if wide else TEXT_WIDTH_CM
        grid.widths_cm = fit(grid.widths_cm, grid.least_cm, available, grid.label_columns)
        self.caption("table", self.said.caption(table))
        self.add_grid(grid)
        for text in self.said.notes(table):
            self.note(text)

    def _orientation(self, landscape: bool) -> None:
        if landscape == self.landscape:
            return
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        long, short = Cm(PAGE_HEIGHT_CM), Cm(PAGE_WIDTH_CM)
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (long, short) if landscape else (short, long)
        self.landscape = landscape

    def add_grid(self, grid: Grid) -> Table:
        rows = len(grid.header) + len(grid.body)
        table: Table = self.document.add_table(rows=rows, cols=len(grid.widths_cm))
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        set_borders(table)
        if grid.rotate_header:
            set_cell_margins(table, NARROW_MARGIN_CM)
        for c, width in enumerate(grid.widths_cm):
            table.columns[c].width = Cm(width)
        for r, texts in enumerate(grid.header):
            row = table.rows[r]
            mark_header_row(row._tr)
            rotate_row = rotated_row(grid, texts)
            rotated = [
                (text, grid.widths_cm[c])
                for c, text in enumerate(texts)
                if rotate_row and c >= grid.label_columns
            ]
            if rotated:
                # Word and LibreOffice do not grow a row for vertical text: set its height.
                row.height = Cm(
                    max(rotated_height(text, width, grid.font_pt) for text, width in rotated)
                )
                row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
            for c, text in enumerate(texts):
                cell = row.cells[c]
                fill_cell(cell._tc, HEADER_FILL)
                rotate = rotate_row and c >= grid.label_columns
                align = WD_ALIGN_PARAGRAPH.RIGHT if c in grid.numeric and not rotate else None
                cell_text(cell, text, grid.font_pt, bold=True, align=align)
                if rotate:
                    rotate_cell(cell._tc)
        for i, texts in enumerate(grid.body):
            row = table.rows[len(grid.header) + i]
            keep_row_together(row._tr)
            bold = i in grid.bold_rows
            for c, text in enumerate(texts):
                cell = row.cells[c]
                align = WD_ALIGN_PARAGRAPH.RIGHT if c in grid.numeric else None
                paragraph = cell_text(cell, text, grid.font_pt, bold=bold, align=align)
                if c == 0 and grid.indents_cm.get(i):
                    paragraph.paragraph_format.left_indent = Cm(grid.indents_cm[i])
                if bold:
                    fill_cell(cell._tc, GROUP_FILL)
        for row in table.rows:
            for c, width in enumerate(grid.widths_cm):
                row.cells[c].width = Cm(width)
        return table
