"""Read a Word .docx transcript into turns.

Only the body is read, in document order: paragraphs and tables (row by row). Headers, footers
(with their page numbers), footnotes, comments and text boxes are not speech and are left out.
The speaker labels are found by :mod:`codebench.importers.speakers`; this module only turns the
document into paragraphs and records which text at the start of a paragraph is bold, since bold
names are one of the ways typists mark speakers. The XML is read with lxml as python-docx reads
it (``run.text``, ``run.bold``) but without building its objects, which took most of an
import's time: the package by :mod:`~codebench.importers.word_package`, bold by
:mod:`~codebench.importers.word_bold`.

Decisions: a soft line break (Shift+Enter) inside a paragraph starts a new paragraph, exactly
like a line in a .txt file, because typists use it where others press Enter and a label often
sits on the line before its speech. Tracked insertions count as text, tracked deletions do not.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from codebench.errors import InputError
from codebench.files.encoding import one_line, read_bytes
from codebench.files.limits import MAX_TOTAL_BYTES
from codebench.importers.detect import OLE_MAGIC
from codebench.importers.exports import transcript_from_paragraphs
from codebench.importers.model import RawTranscript
from codebench.importers.speakers import Paragraph
from codebench.importers.tables import row_paragraphs
from codebench.importers.word_bold import BoldStyles, MarkupError, bold_styles
from codebench.importers.word_package import CORRUPT, W, read_word_parts

__all__ = ["CORRUPT", "PROTECTED", "parse_docx"]

PROTECTED = (
    "the .docx is password-protected or in the old .doc format; save it as an unprotected .docx"
)

_P = f"{{{W}}}p"
_R = f"{{{W}}}r"
_RPR = f"{{{W}}}rPr"
_TBL = f"{{{W}}}tbl"
_SDT = f"{{{W}}}sdt"
_SDT_CONTENT = f"{{{W}}}sdtContent"
_CUSTOM_XML = f"{{{W}}}customXml"
_TR = f"{{{W}}}tr"
_TC_PR = f"{{{W}}}tcPr"
_V_MERGE = f"{{{W}}}vMerge"
_VAL = f"{{{W}}}val"
_T = f"{{{W}}}t"
_BR = f"{{{W}}}br"
_TYPE = f"{{{W}}}type"
# What each piece of a run's content reads as (python-docx's ``run.text``): a line break is a
# newline, a page or column break nothing, tabs a tab, a non-breaking hyphen a hyphen.
_RUN_TEXT = {
    f"{{{W}}}cr": "\n",
    f"{{{W}}}tab": "\t",
    f"{{{W}}}ptab": "\t",
    f"{{{W}}}noBreakHyphen": "-",
}
# Runs inside these are not visible text of the paragraph itself: deleted or moved-away
# revisions, text boxes (their own paragraphs) and the fallback copy of drawing content (an
# ``mc:Fallback``, or a Fallback of any namespace: see :func:`_visible`).
_HIDING = frozenset({f"{{{W}}}del", f"{{{W}}}moveFrom", f"{{{W}}}txbxContent", "Fallback"})
_CELLS = etree.XPath("./w:tc | ./w:sdt/w:sdtContent/w:tc", namespaces={"w": W})


def parse_docx(path: Path, speaker_map: Mapping[str, str] | None = None) -> RawTranscript:
    """Parse a .docx file into turns (``source_format`` "docx", or "transcribe" for a Word
    Transcribe export); raise :class:`InputError` for unusable files."""
    data = read_bytes(path, MAX_TOTAL_BYTES)
    if not data.strip():
        raise InputError(path, "file is empty")
    if data.startswith(OLE_MAGIC):
        # Encrypted .docx files are OLE containers with an EncryptedPackage stream; so are
        # old .doc files. Neither can be read, and the advice is the same for both.
        raise InputError(path, PROTECTED)
    parts = read_word_parts(path, data)
    try:
        paragraphs = list(_document_paragraphs(parts.body, bold_styles(parts.styles)))
    except MarkupError as exc:
        detail = one_line(str(exc))
        raise InputError(path, f"not a valid .docx file (invalid Word markup: {detail})") from exc
    return transcript_from_paragraphs(path, paragraphs, speaker_map, "docx")


def _document_paragraphs(body: Any, bold: BoldStyles) -> Iterator[Paragraph]:
    """All paragraphs of the body in document order, tables read row by row."""
    for block in _blocks(body):
        if block.tag == _P:
            yield from _paragraph_lines(block, bold)
        else:
            for cells in _table_rows(block, bold):
                yield from row_paragraphs(cells)


def _blocks(container: Any) -> Iterator[Any]:
    """The ``w:p`` and ``w:tbl`` children of a container, looking inside content controls."""
    for child in container.iterchildren():
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            for content in child.iterchildren(_SDT_CONTENT):
                yield from _blocks(content)
        elif child.tag == _CUSTOM_XML:
            yield from _blocks(child)


def _paragraph_lines(p: Any, bold: BoldStyles) -> list[Paragraph]:
    """One Word paragraph (``w:p``) as our paragraphs: one per line, bold prefix on the first."""
    paragraph_bold = bold.of_paragraph(p)
    texts: list[str] = []
    bold_texts: list[str] = []
    leading = True
    for run in p.iter(_R):  # every run, in document order, nested ones included
        if not _visible(run, p):
            continue
        text, properties = _run_content(run)
        texts.append(text)
        if leading:
            if not text.strip() or bold.of_run(properties, paragraph_bold):
                bold_texts.append(text)
            else:
                leading = False
    lines = "".join(texts).split("\n")
    bold_prefix = "".join(bold_texts).split("\n")[0].strip() or None
    result = [Paragraph(lines[0], bold_prefix)]
    result.extend(Paragraph(line) for line in lines[1:])
    return [paragraph for paragraph in result if paragraph.text.strip()]


def _visible(run: Any, p: Any) -> bool:
    """Whether a run of paragraph ``p`` is its visible text: no element between them hides it
    (:data:`_HIDING`). Most runs are children of the paragraph, with nothing between; the
    paragraph's own ancestors are the body, tables and content controls, which hide nothing.
    The reading of the XPath ``.//w:r[not(ancestor::w:del) and ...]``, without evaluating
    one per paragraph, which took a third of the time the paragraphs took."""
    parent = run.getparent()
    while parent is not p:
        tag = parent.tag
        if tag in _HIDING or tag.endswith("}Fallback"):
            return False
        parent = parent.getparent()
    return True


def _run_content(run: Any) -> tuple[str, Any | None]:
    """The text of a ``w:r``, its content elements read in order, and its properties (the
    first ``w:rPr``, None without), found in the same pass over its children."""
    parts = []
    properties = None
    for child in run:
        tag = child.tag
        if tag == _T:
            parts.append(child.text or "")
        elif tag == _BR:
            parts.append("\n" if child.get(_TYPE, "textWrapping") == "textWrapping" else "")
        elif tag == _RPR:
            if properties is None:
                properties = child
        else:
            parts.append(_RUN_TEXT.get(tag, ""))
    return "".join(parts), properties


def _table_rows(table: Any, bold: BoldStyles) -> Iterator[list[list[str]]]:
    """Each row of a table as its cells' lines; a vertically merged cell repeats as empty."""
    for row in table.iterchildren(_TR):
        cells: list[list[str]] = []
        for cell in _CELLS(row):
            if _vertical_merge(cell) == "continue":
                cells.append([])
                continue
            cells.append(list(_cell_lines(cell, bold)))
        yield cells


def _vertical_merge(cell: Any) -> str | None:
    """A cell's ``w:vMerge`` value ("restart", "continue"), None when it is not merged."""
    properties = cell.find(_TC_PR)
    merge = properties.find(_V_MERGE) if properties is not None else None
    return None if merge is None else str(merge.get(_VAL, "continue"))


def _cell_lines(cell: Any, bold: BoldStyles) -> Iterator[str]:
    """The lines of a table cell, nested tables flattened in reading order."""
    for block in _blocks(cell):
        if block.tag == _P:
            for paragraph in _paragraph_lines(block, bold):
                yield paragraph.text
        else:
            for cells in _table_rows(block, bold):
                for lines in cells:
                    yield from lines
