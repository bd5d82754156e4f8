"""Read a Word .docx transcript into turns.

Only the body is read, in document order: paragraphs and tables (row by row). Headers, footers
(with their page numbers), footnotes, comments and text boxes are not speech and are left out.
The speaker labels are found by :mod:`codebench.importers.speakers`; this module only turns the
document into paragraphs and records which text at the start of a paragraph is bold, since bold
names are one of the ways typists mark speakers.

Decisions: a soft line break (Shift+Enter) inside a paragraph starts a new paragraph, exactly
like a line in a .txt file, because typists use it where others press Enter and a label often
sits on the line before its speech. Tracked insertions count as text, tracked deletions do not.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.exceptions import PythonDocxError
from docx.opc.exceptions import OpcError
from docx.oxml.document import CT_Document
from docx.oxml.exceptions import XmlchemyError
from docx.oxml.ns import nsmap, qn
from docx.oxml.styles import CT_Styles
from docx.text.run import Run
from lxml import etree  # type: ignore[import-untyped]

from codebench.errors import InputError
from codebench.files.archive import ZIP_ERRORS, check_inflated_sizes
from codebench.files.encoding import one_line, read_bytes
from codebench.files.limits import MAX_DOCX_BODY_BYTES, MAX_TOTAL_BYTES, too_large
from codebench.importers.exports import transcript_from_paragraphs
from codebench.importers.model import RawTranscript
from codebench.importers.speakers import Paragraph
from codebench.importers.tables import row_paragraphs

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
# What python-docx raises for markup it cannot read: its own two families of errors (it checks
# values lazily, as they are read) and ValueError for a value outside its type.
_MARKUP_ERRORS: tuple[type[Exception], ...] = (PythonDocxError, XmlchemyError, ValueError)
# Opening a package adds missing parts (KeyError), package errors and broken XML; python-docx
# takes the package's own XML (content types, relationships) to have the shape the standard
# gives it, and where it has not, fails with AttributeError or TypeError.
_PACKAGE_ERRORS: tuple[type[Exception], ...] = (
    *_MARKUP_ERRORS,
    OpcError,
    etree.XMLSyntaxError,
    KeyError,
    AttributeError,
    TypeError,
)
CORRUPT = "not a valid .docx file (corrupt or not a Word document)"
PROTECTED = (
    "the .docx is password-protected or in the old .doc format; save it as an unprotected .docx"
)

# Runs that are not visible text of the paragraph itself: deleted or moved-away revisions,
# text boxes (their own paragraphs) and the fallback copy of drawing content. Compiled once:
# python-docx's element.xpath() compiles its expression anew for every paragraph.
_VISIBLE_RUNS = etree.XPath(
    ".//w:r[not(ancestor::w:del) and not(ancestor::w:moveFrom)"
    " and not(ancestor::w:txbxContent) and not(ancestor::*[local-name()='Fallback'])]",
    namespaces=nsmap,
)


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
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(path, CORRUPT)
    document = _open(path, data)
    try:
        paragraphs = list(_document_paragraphs(document))
    except _MARKUP_ERRORS as exc:
        detail = one_line(str(exc))
        raise InputError(path, f"not a valid .docx file (invalid Word markup: {detail})") from exc
    return transcript_from_paragraphs(path, paragraphs, speaker_map, "docx")


def _open(path: Path, data: bytes) -> Any:
    """The python-docx document, once its sizes are known to be sane (python-docx inflates
    every part of the package into memory)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
        check_inflated_sizes(path, infos)
        body = next((i for i in infos if i.filename == "word/document.xml"), None)
        if body is not None and body.file_size > MAX_DOCX_BODY_BYTES:
            raise InputError(
                path, too_large("the document text", body.file_size, MAX_DOCX_BODY_BYTES)
            )
        document = docx.Document(io.BytesIO(data))
        styles = document.styles.element  # bold is read through the styles part
    except (*ZIP_ERRORS, *_PACKAGE_ERRORS) as exc:
        raise InputError(path, CORRUPT) from exc
    # python-docx takes each part to hold the element the standard puts there; check the two
    # the reader walks, so that a part of another kind is refused whole, not halfway through.
    body = document.element.body if isinstance(document.element, CT_Document) else None
    if body is None or not isinstance(styles, CT_Styles):
        raise InputError(path, CORRUPT)
    return document


def _document_paragraphs(document: Any) -> Iterator[Paragraph]:
    """All paragraphs of the body in document order, tables read row by row."""
    bold = _BoldStyles(document)
    for block in _blocks(document.element.body):
        if block.tag == qn("w:p"):
            yield from _paragraph_lines(block, bold)
        else:
            for cells in _table_rows(block, bold):
                yield from row_paragraphs(cells)


def _blocks(container: Any) -> Iterator[Any]:
    """The ``w:p`` and ``w:tbl`` children of a container, looking inside content controls."""
    for child in container.iterchildren():
        if child.tag in (qn("w:p"), qn("w:tbl")):
            yield child
        elif child.tag == qn("w:sdt"):
            for content in child.iterchildren(qn("w:sdtContent")):
                yield from _blocks(content)
        elif child.tag == qn("w:customXml"):
            yield from _blocks(child)


def _paragraph_lines(p: Any, bold: _BoldStyles) -> list[Paragraph]:
    """One Word paragraph (``w:p``) as our paragraphs: one per line, bold prefix on the first."""
    paragraph_bold = bold.of_style(p.style, WD_STYLE_TYPE.PARAGRAPH) or False
    texts: list[str] = []
    bold_texts: list[str] = []
    leading = True
    for element in _VISIBLE_RUNS(p):
        run = Run(element, bold.story)
        text = str(run.text)
        texts.append(text)
        if leading:
            if not text.strip() or bold.of_run(run, paragraph_bold):
                bold_texts.append(text)
            else:
                leading = False
    lines = "".join(texts).split("\n")
    bold_prefix = "".join(bold_texts).split("\n")[0].strip() or None
    result = [Paragraph(lines[0], bold_prefix)]
    result.extend(Paragraph(line) for line in lines[1:])
    return [paragraph for paragraph in result if paragraph.text.strip()]


class _BoldStyles:
    """Effective bold of runs, with style lookups cached (python-docx scans all styles on each
    lookup, which made a 10,000-word document take a quarter of a second)."""

    def __init__(self, document: Any) -> None:
        self._part = document.part
        self.story: Any = document._body  # what a python-docx Run wants as its parent
        self._cache: dict[tuple[str | None, Any], bool | None] = {}

    def of_run(self, run: Any, paragraph_bold: bool) -> bool:
        """Direct formatting, else the run's character style, else the paragraph's style."""
        direct = run.bold
        if direct is not None:
            return bool(direct)
        from_style = self.of_style(run._r.style, WD_STYLE_TYPE.CHARACTER)
        return paragraph_bold if from_style is None else from_style

    def of_style(self, style_id: str | None, style_type: Any) -> bool | None:
        """Bold as set by a style or the styles it is based on; None when none sets it."""
        key = (style_id, style_type)
        if key not in self._cache:
            self._cache[key] = _style_bold(self._part.get_style(style_id, style_type))
        return self._cache[key]


def _style_bold(style: Any) -> bool | None:
    """Bold as set by ``style`` or its base styles; None when none of them sets it."""
    seen = 0
    while style is not None and seen < 20:  # guard against a cyclic base-style chain
        value = style.font.bold
        if value is not None:
            return bool(value)
        style = style.base_style
        seen += 1
    return None


def _table_rows(table: Any, bold: _BoldStyles) -> Iterator[list[list[str]]]:
    """Each row of a table as its cells' lines; a vertically merged cell repeats as empty."""
    for row in table.iterchildren(qn("w:tr")):
        cells: list[list[str]] = []
        for cell in row.xpath("./w:tc | ./w:sdt/w:sdtContent/w:tc"):
            if cell.vMerge == "continue":
                cells.append([])
                continue
            cells.append(list(_cell_lines(cell, bold)))
        yield cells


def _cell_lines(cell: Any, bold: _BoldStyles) -> Iterator[str]:
    """The lines of a table cell, nested tables flattened in reading order."""
    for block in _blocks(cell):
        if block.tag == qn("w:p"):
            for paragraph in _paragraph_lines(block, bold):
                yield paragraph.text
        else:
            for cells in _table_rows(block, bold):
                for lines in cells:
                    yield from lines
