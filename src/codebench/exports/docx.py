"""A Word report a researcher can paste from: tables, the chart and quotes per theme.

The layout follows a published thematic analysis (the seed study's Tabel 1, 3 and 4 and its
"Respondent 5 zegt hierover" quotes): the selection the numbers rest on, the participants, the
theme frequencies as a real Word table (groups as bold rows, their codes below), the bar chart,
then per theme a heading, its definition, how many respondents raised it and their quotes as
indented block quotes with the respondent named after each. Everything is built from Word's own
styles (Title, Heading 1-3, Quote, Caption, Table Grid, List Bullet), so the researcher's
template restyles it and a table of contents picks up the headings. Captions are SEQ fields, so
Word can also list tables and figures. Words the report adds follow the interviews' language
(:mod:`codebench.exports.labels`); quotation marks are „…” in Dutch and “…” in English.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
import pandas as pd
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from codebench.exports.chart import theme_chart
from codebench.exports.files import write_private
from codebench.exports.frames import PATH_SEPARATOR, format_cell, is_number, layout
from codebench.exports.labels import (
    caption,
    column,
    filter_name,
    notes,
    quote_marks,
    value,
    words,
)
from codebench.reports import tables as report_tables
from codebench.reports.model import ReportData, ReportTable

PAGE_WIDTH_CM = 21.0
PAGE_HEIGHT_CM = 29.7
MARGIN_CM = 2.5
TEXT_WIDTH_CM = PAGE_WIDTH_CM - 2 * MARGIN_CM
LANDSCAPE_TEXT_WIDTH_CM = PAGE_HEIGHT_CM - 2 * MARGIN_CM
TABLE_FONT_PT = 9.0
WIDE_TABLE_FONT_PT = 7.5
WIDE_TABLE_COLUMNS = 8
"""Tables with more data columns than this go on a landscape page."""
ROTATE_SHARE = 0.55
"""Headers are set vertically when set flat they would take more than this share of the
width: the columns then need only be as wide as their numbers."""
MAX_ROTATED_HEADER_CM = 4.5
NARROW_MARGIN_CM = 0.08
"""Cell margins of tables with vertical headers, so a narrow column holds two lines."""
BODY_FONT = "Calibri"
NBSP = "\u00a0"
CELL_PADDING_CM = 0.5
"""Word's default cell margins (2 x 0.19 cm) plus borders and a little slack."""
HEADER_FILL = "DCE6F1"
GROUP_FILL = "F2F2F2"
BORDER_COLOUR = "A6A6A6"
LANGUAGE_TAGS = {"nl": "nl-NL", "en": "en-GB"}
_THEME_COLUMNS = ("code", "respondents", "share", "documents", "codings")


@dataclass
class _Grid:
    """A table as the report shows it: text cells, widths and what to emphasise."""

    header: list[list[str]]
    body: list[list[str]]
    widths_cm: list[float]
    numeric: set[int] = field(default_factory=set)
    bold_rows: set[int] = field(default_factory=set)
    indents_cm: dict[int, float] = field(default_factory=dict)
    label_columns: int = 1
    font_pt: float = TABLE_FONT_PT
    rotate_header: bool = False


def write_docx(
    data: ReportData,
    path: Path,
    *,
    title: str,
    tables: Sequence[ReportTable] = (),
    definitions: Mapping[str, str] | None = None,
    quotes_per_code: int | None = None,
) -> Path:
    """Write the report to ``path`` (owner-only file).

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
) -> Document:
    """The report as a python-docx Document (see :func:`write_docx`)."""
    by_name = {table.name: table for table in tables}
    themes = by_name.get("themes") or report_tables.theme_frequencies(data)
    quotes = by_name.get("quotes") or report_tables.exemplar_quotes(data)
    writer = _Writer(data, title)
    writer.selection(themes.filters)
    participants = [t for t in tables if t.name == "attributes"]
    if participants:
        writer.heading(writer.said["participants"], 1)
        for table in participants:
            writer.generic_table(table)
    writer.heading(writer.said["overview"], 1)
    writer.theme_table(themes)
    writer.chart(themes)
    writer.themes(themes, quotes, definitions or {}, quotes_per_code)
    further = [t for t in tables if t.name not in ("themes", "quotes", "attributes")]
    if further:
        # An appendix of sorts: it starts on a page of its own.
        writer.heading(writer.said["further"], 1).paragraph_format.page_break_before = True
        for table in further:
            writer.generic_table(table)
    return writer.document


class _Writer:
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
        _set_language(normal.element, LANGUAGE_TAGS.get(self.language.split("-")[0], "en-GB"))
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
        _add_field(paragraph, f" SEQ {label} \\* ARABIC ", str(number))
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
        numbers = [max(_natural_width([], [text], TABLE_FONT_PT), 1.6) for text in header[0][1:]]
        grid = _Grid(
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
        by_code = _quotes_by_code(quotes.frame)
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
        grid = _generic_grid(table, self.language)
        wide = len(grid.widths_cm) - grid.label_columns > WIDE_TABLE_COLUMNS
        self._orientation(landscape=wide)
        available = LANDSCAPE_TEXT_WIDTH_CM if wide else TEXT_WIDTH_CM
        grid.widths_cm = _fit(grid.widths_cm, available, grid.label_columns)
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

    def _add_grid(self, grid: _Grid) -> Table:
        rows = len(grid.header) + len(grid.body)
        table: Table = self.document.add_table(rows=rows, cols=len(grid.widths_cm))
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        _set_borders(table)
        if grid.rotate_header:
            _set_cell_margins(table, NARROW_MARGIN_CM)
        for c, width in enumerate(grid.widths_cm):
            table.columns[c].width = Cm(width)
        for r, texts in enumerate(grid.header):
            row = table.rows[r]
            _mark_header_row(row._tr)
            rotate_row = _rotated_row(grid, texts)
            rotated = [
                (text, grid.widths_cm[c])
                for c, text in enumerate(texts)
                if rotate_row and c >= grid.label_columns
            ]
            if rotated:
                # Word and LibreOffice do not grow a row for vertical text: set its height.
                row.height = Cm(
                    max(_rotated_height(text, width, grid.font_pt) for text, width in rotated)
                )
                row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
            for c, text in enumerate(texts):
                cell = row.cells[c]
                _fill(cell._tc, HEADER_FILL)
                rotate = rotate_row and c >= grid.label_columns
                align = WD_ALIGN_PARAGRAPH.RIGHT if c in grid.numeric and not rotate else None
                _cell_text(cell, text, grid.font_pt, bold=True, align=align)
                if rotate:
                    _rotate(cell._tc)
        for i, texts in enumerate(grid.body):
            row = table.rows[len(grid.header) + i]
            _keep_row_together(row._tr)
            bold = i in grid.bold_rows
            for c, text in enumerate(texts):
                cell = row.cells[c]
                align = WD_ALIGN_PARAGRAPH.RIGHT if c in grid.numeric else None
                paragraph = _cell_text(cell, text, grid.font_pt, bold=bold, align=align)
                if c == 0 and grid.indents_cm.get(i):
                    paragraph.paragraph_format.left_indent = Cm(grid.indents_cm[i])
                if bold:
                    _fill(cell._tc, GROUP_FILL)
        for row in table.rows:
            for c, width in enumerate(grid.widths_cm):
                row.cells[c].width = Cm(width)
        return table


def _rotated_row(grid: _Grid, texts: Sequence[str]) -> bool:
    """A header row is set vertically unless all its headers are short (the numbers that
    head a co-occurrence matrix)."""
    return grid.rotate_header and any(len(text) > 3 for text in texts[grid.label_columns :])


def _rotated_height(text: str, width_cm: float, font_pt: float) -> float:
    """Tall enough for a vertical header: its longest word, or the whole text spread over as
    many lines as the column's width holds (with slack for uneven word breaks), capped."""
    lines = max(1, int((width_cm - 2 * NARROW_MARGIN_CM) / _line_cm(font_pt)))
    longest_word = max((len(word) for word in text.split()), default=0)
    spread = len(text) if lines == 1 else len(text) / lines * 1.2
    length = max(longest_word, spread) * _char_cm(font_pt)
    return min(length + 0.3, MAX_ROTATED_HEADER_CM)


def quote_text(text: str, language: str) -> str:
    """The quote as printed between the outer marks: inner double quotes made single (the
    outer marks are double), and "[…]" where the passage starts or stops mid-sentence."""
    text = " ".join(text.split())
    opening, _ = quote_marks(language)
    inner_open, inner_close = ("‚", "’") if opening == "„" else ("‘", "’")
    parts = re.split(r'(["“”„])', text)
    open_next = True
    out = []
    for part in parts:
        if part in ('"', "“", "”", "„"):
            if part in ("“", "„") or (part == '"' and open_next):
                out.append(inner_open)
                open_next = False
            else:
                out.append(inner_close)
                open_next = True
        else:
            out.append(part)
    text = "".join(out)
    # Apostrophes: elisions ('t, 's, z'n) and word-inner ones become ’, a quote-opening ' ‘.
    text = re.sub(r"(?<!\w)'(?=(?:t|s|n|k|m|r|ns)\b)", "’", text)
    text = re.sub(r"(^|[\s(\[])'(?=\w)", "\\1‘", text).replace("'", "’")
    first = next((ch for ch in text if ch.isalpha()), "")
    if first and first.islower():
        text = f"[…] {text}"
    if text and text[-1] not in ".!?…’)]":
        text = f"{text.rstrip(',;: ')} […]"
    return text


def _quotes_by_code(frame: pd.DataFrame) -> dict[str, list[dict[str, Any]]]:
    """Quotes per code path: starred exemplars first, then respondents in their order."""
    result: dict[str, list[dict[str, Any]]] = {}
    if frame.empty:
        return result
    ordered = frame.assign(_starred=~frame["starred"].astype(bool)).sort_values(
        "_starred", kind="stable"
    )
    for record in ordered.to_dict("records"):
        result.setdefault(str(record["code"]), []).append(record)
    return result


def _generic_grid(table: ReportTable, language: str) -> _Grid:
    """A report frame as a Word grid: code paths shortened to names and indented, square
    matrices (co-occurrence) with numbered columns instead of repeated long names."""
    shape = layout(table.frame)
    header = [list(row) for row in shape.header]
    body = [
        [format_cell(cell, c in shape.share_columns) for c, cell in enumerate(row)]
        for row in shape.rows
    ]
    indents: dict[int, float] = {}
    labels = max(shape.label_columns, 1)  # without an index, the first column labels the rows
    code_column = 0 if [c[0] for c in shape.columns[:1]] == ["code"] else None
    data_names = [c[0] for c in shape.columns[labels:]]
    square = labels == 1 and data_names == [row[0] for row in shape.rows] and bool(data_names)
    for row in body:
        if row and row[0].casefold() == "total":
            row[0] = column("total", language)
    if code_column is not None:
        for i, row in enumerate(body):
            parts = row[0].split(PATH_SEPARATOR)
            indents[i] = 0.4 * (len(parts) - 1)
            row[0] = f"{i + 1}. {parts[-1]}" if square else parts[-1]
    if square:
        header[-1][labels:] = [str(i + 1) for i in range(len(data_names))]
    for r, row in enumerate(header):
        for c, text in enumerate(row):
            if r == 0 or c < labels:
                row[c] = column(text, language) if text else ""
    numeric = {
        c
        for c in range(len(shape.columns))
        if c >= labels
        and any(is_number(row[c]) for row in shape.rows)
        and all(row[c] is None or is_number(row[c]) for row in shape.rows)
    }
    landscape = len(shape.columns) - labels > WIDE_TABLE_COLUMNS
    font_pt = WIDE_TABLE_FONT_PT if landscape else TABLE_FONT_PT
    available = LANDSCAPE_TEXT_WIDTH_CM if landscape else TEXT_WIDTH_CM
    flat = [
        _natural_width([row[c] for row in body], [h[c] for h in header], font_pt)
        for c in range(len(shape.columns))
    ]
    rotate = sum(flat[labels:]) > available * ROTATE_SHARE
    widths = flat
    if rotate:
        # As narrow as the numbers, or wide enough for two lines of vertical header when the
        # page has room for that (which halves the header's height).
        narrow = [
            _natural_width([row[c] for row in body], [], font_pt)
            for c in range(labels, len(shape.columns))
        ]
        two_lines = [max(w, _two_line_width(font_pt)) for w in narrow]
        roomy = sum(flat[:labels]) * 0.6 + sum(two_lines) <= available
        widths = [*flat[:labels], *(two_lines if roomy else narrow)]
    return _Grid(
        header=header,
        body=body,
        widths_cm=widths,
        numeric=numeric,
        bold_rows=set(shape.emphasised_rows),
        indents_cm=indents,
        label_columns=labels,
        font_pt=font_pt,
        rotate_header=rotate,
    )


def _natural_width(values: Sequence[str], header: Sequence[str], font_pt: float) -> float:
    """A column's width in cm from its longest value and longest header word, capped."""
    longest = max([len(v) for v in values] + [len(w) for h in header for w in h.split()] + [2])
    return min(longest, 45) * _char_cm(font_pt) + CELL_PADDING_CM


def _line_cm(font_pt: float) -> float:
    return font_pt * 0.0353 * 1.2


def _two_line_width(font_pt: float) -> float:
    return 2 * _line_cm(font_pt) + 2 * NARROW_MARGIN_CM + 0.05


def _char_cm(font_pt: float) -> float:
    """The width of an average character in cm: Calibri's (and Carlito's) bold lowercase
    measures 0.015-0.018 cm per point, so short words need the upper end."""
    return font_pt * 0.0185


def _fit(widths: list[float], available: float, labels: int) -> list[float]:
    """Fit a table to the text width: narrow the label columns first (their text wraps),
    and only when that is not enough everything, keeping every column at least 0.6 cm."""
    total = sum(widths)
    if total <= available:
        return widths
    room = available - sum(widths[labels:])
    if room >= available * 0.25:
        scale = room / sum(widths[:labels])
        return [*(w * scale for w in widths[:labels]), *widths[labels:]]
    scale = available / total
    return [max(w * scale, 0.6) for w in widths]


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value).strip()


# -- low-level Word XML: what python-docx has no API for ------------------------------------


def _set_language(style_element: Any, tag: str) -> None:
    """Spelling and hyphenation in the interviews' language."""
    rpr = style_element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)
    rpr.append(lang)


def _add_field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A field (as Word's Insert Caption writes it) with ``shown`` as its current result."""
    for kind, text in (
        ("begin", None),
        ("instr", instruction),
        ("separate", None),
        ("text", shown),
        ("end", None),
    ):
        run = paragraph.add_run()
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
            run._r.append(element)
        elif kind == "text":
            run.text = text or ""
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
            run._r.append(element)


def _cell_text(
    cell: Any, text: str, size: float, bold: bool, align: WD_ALIGN_PARAGRAPH | None
) -> Paragraph:
    paragraph: Paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    paragraph.paragraph_format.space_before = Pt(1)
    paragraph.paragraph_format.space_after = Pt(1)
    if align is not None:
        paragraph.alignment = align
    return paragraph


def _fill(tc: Any, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    tc.get_or_add_tcPr().append(shading)


def _rotate(tc: Any) -> None:
    direction = OxmlElement("w:textDirection")
    direction.set(qn("w:val"), "btLr")
    tc.get_or_add_tcPr().append(direction)


def _mark_header_row(tr: Any) -> None:
    """Repeat the header row at the top of every page the table runs onto."""
    tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    _keep_row_together(tr)


def _keep_row_together(tr: Any) -> None:
    tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _set_borders(table: Table) -> None:
    """Thin grey lines instead of Table Grid's black ones: quieter on the page."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "4")
        line.set(qn("w:space"), "0")
        line.set(qn("w:color"), BORDER_COLOUR)
        borders.append(line)
    table._tbl.tblPr.append(borders)


def _set_cell_margins(table: Table, cm: float) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(round(cm * 567)))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.append(margins)
