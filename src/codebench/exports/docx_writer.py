"""The report's parts as Word content: title and styles, captions with SEQ fields, the
selection, the theme table, the chart, per theme its heading, definition, reach and quotes,
and any other table on a portrait or landscape page.

One writer per document, because the table and figure numbers and the page orientation run
on from part to part.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

import docx
import pandas as pd
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from codebench.exports.chart import theme_chart
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
    natural_width,
    rotated_height,
    rotated_row,
)
from codebench.exports.docx_quotes import quote_text, quotes_by_code
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
from codebench.exports.labels import (
    caption,
    column,
    filter_name,
    notes,
    quote_marks,
    value,
    words,
)
from codebench.reports.model import ReportData, ReportTable

BODY_FONT = "Calibri"
NBSP = "\u00a0"
HEADER_FILL = "DCE6F1"
GROUP_FILL = "F2F2F2"
LANGUAGE_TAGS = {"nl": "nl-NL", "en": "en-GB"}
_THEME_COLUMNS = ("code", "respondents", "share", "documents", "codings")


class ReportWriter:
    """Adds the report's parts to one document, numbering tables and figures as it goes."""

    def __init__(self, data: ReportData, title: str) -> None:
        self.data = data
        self.language = data.language
        self.said = words(data.language)
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
        set_language(normal.element, LANGUAGE_TAGS.get(self.language.split("-")[0], "en-GB"))
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
        self.document.core_properties.language = LANGUAGE_TAGS.get(self.language, self.language)
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
        label = self.said[kind]
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
        paragraph.add_run(f"{self.said['selection']}").bold = True
        paragraph.paragraph_format.space_after = Pt(2)
        paragraph.paragraph_format.keep_with_next = True
        for name, text in filters.items():
            item = self.document.add_paragraph(style="List Bullet")
            item.add_run(f"{filter_name(name, self.language)}: ")
            item.add_run(value(text, self.language))
            item.paragraph_format.space_after = Pt(0)

    def theme_table(self, themes: ReportTable) -> None:
        """Table 3/4 of the study: groups in bold, their codes below, five columns."""
        frame = themes.frame
        header = [[column(name, self.language) for name in _THEME_COLUMNS]]
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
        numbers = [max(natural_width([], [text], TABLE_FONT_PT), 1.6) for text in header[0][1:]]
        grid = Grid(
            header=header,
            body=body,
            widths_cm=[TEXT_WIDTH_CM - sum(numbers), *numbers],
            numeric={1, 2, 3, 4},
            bold_rows=bold,
            indents_cm=indents,
        )
        self.caption("table", caption(themes, self.language))
        self._add_grid(grid)
        total = len(self.data.respondents)
        self.note(self.said["themes_note"].format(total=total))

    def chart(self, themes: ReportTable) -> None:
        if not (themes.frame["level"] == "code").any():
            return
        colours = {
            str(row.name): str(row.colour)
            for row in self.data.codes[self.data.codes["depth"] == 0].itertuples()
            if isinstance(row.colour, str) and row.colour
        }
        image = theme_chart(themes, colours, self.language)
        paragraph = self.document.add_paragraph()
        paragraph.paragraph_format.keep_with_next = True
        paragraph.add_run().add_picture(io.BytesIO(image), width=Cm(TEXT_WIDTH_CM))
        self.caption("figure", self.said["chart_caption"])

    def themes(
        self,
        themes: ReportTable,
        quotes: ReportTable,
        definitions: Mapping[str, str],
        limit: int | None,
    ) -> None:
        """Per code, in codebook order: heading, definition, reach and quotes."""
        reach = themes.frame.set_index("path")
        by_code = quotes_by_code(quotes.frame)
        total = len(self.data.respondents)
        for code in self.data.codes.itertuples():
            self.heading(str(code.name), int(code.depth) + 1)
            definition = (
                definitions.get(str(code.path))
                or definitions.get(str(code.name))
                or _text(code.description)
            )
            if definition:
                # Heading, definition and reach stay on the page of the first quote.
                self.document.add_paragraph(definition).paragraph_format.keep_with_next = True
            if code.path in reach.index:
                row = reach.loc[code.path]
                n = int(row["respondents"])
                reach_line = self.said["raised_by"].format(
                    n=n, total=total, share=format_cell(float(row["share"]), share=True)
                )
                self.document.add_paragraph(reach_line).paragraph_format.keep_with_next = True
            rows = by_code.get(str(code.path), [])
            if limit is not None:
                rows = rows[:limit]
            is_leaf = not (self.data.codes["parent_id"] == code.code_id).any()
            if not rows and is_leaf:
                self.note(self.said["no_quotes"])
            for quote in rows:
                self.quote(str(quote["quote"]), str(quote["respondent"]))

    def quote(self, text: str, respondent: str) -> None:
        """„quote” (Respondent 5): indented and italic, the attribution upright after it."""
        opening, closing = quote_marks(self.language)
        paragraph = self.document.add_paragraph(style="Quote")
        paragraph.add_run(f"{opening}{quote_text(text, self.language)}{closing}")
        attribution = paragraph.add_run(f"{NBSP}({respondent.replace(' ', NBSP)})")
        attribution.italic = False

    def generic_table(self, table: ReportTable) -> None:
        """Any other report table, landscape when wide, header vertical when very wide."""
        grid = generic_grid(table, self.language)
        wide = len(grid.widths_cm) - grid.label_columns > WIDE_TABLE_COLUMNS
        self._orientation(landscape=wide)
        available = LANDSCAPE_TEXT_WIDTH_CM if wide else TEXT_WIDTH_CM
        grid.widths_cm = fit(grid.widths_cm, available, grid.label_columns)
        self.caption("table", caption(table, self.language))
        self._add_grid(grid)
        for text in notes(table, self.language):
            self.note(text)

    def _orientation(self, landscape: bool) -> None:
        if landscape == self.landscape:
            return
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        long, short = Cm(PAGE_HEIGHT_CM), Cm(PAGE_WIDTH_CM)
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (long, short) if landscape else (short, long)
        self.landscape = landscape

    def _add_grid(self, grid: Grid) -> Table:
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


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value).strip()
