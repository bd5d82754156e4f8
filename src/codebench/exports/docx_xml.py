"""Low-level Word formatting: the raw XML python-docx has no API for (fields, shading, borders,
cell margins, vertical text, repeated header rows, the proofing language) and the text of a
table cell.

Kept apart so the writer reads as a list of the report's parts, and every place that reaches
under python-docx into OOXML elements is in one file.
"""

from __future__ import annotations

from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

BORDER_COLOUR = "A6A6A6"


def set_language(style_element: Any, tag: str) -> None:
    """Spelling and hyphenation in the interviews' language."""
    rpr = style_element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)
    rpr.append(lang)


def add_field(paragraph: Paragraph, instruction: str, shown: str) -> None:
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


def cell_text(
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


def fill_cell(tc: Any, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    tc.get_or_add_tcPr().append(shading)


def rotate_cell(tc: Any) -> None:
    direction = OxmlElement("w:textDirection")
    direction.set(qn("w:val"), "btLr")
    tc.get_or_add_tcPr().append(direction)


def mark_header_row(tr: Any) -> None:
    """Repeat the header row at the top of every page the table runs onto."""
    tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    keep_row_together(tr)


def keep_row_together(tr: Any) -> None:
    tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def set_borders(table: Table) -> None:
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


def set_cell_margins(table: Table, cm: float) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(round(cm * 567)))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.append(margins)
