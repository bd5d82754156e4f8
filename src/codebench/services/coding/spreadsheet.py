"""Codings from a spreadsheet: one row per coding, the passage given as its exact quote.

This is how the demo's two coders are kept (a CSV a person can read and correct) and how a team
brings in codings made elsewhere. The file is checked completely before anything is written:
one quote that is not found, or is found twice, names its line and changes nothing.

Header names are case-insensitive and the delimiter is taken from the header line (Excel in a
Dutch locale saves with ``;``), as for codebook spreadsheets.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from codebench.environment import default_actor
from codebench.errors import CodebenchError, InputError
from codebench.files.encoding import one_line, read_text
from codebench.files.spreadsheet import restored
from codebench.services.codebook.lookup import find_code
from codebench.services.coders import get_or_create_coder
from codebench.services.coding.by_name import Location, locate
from codebench.services.coding.changes import create_coding
from codebench.services.columns import width
from codebench.services.documents.overview import find_document
from codebench.services.project import Project
from codebench.storage import models

REQUIRED = ("document", "code", "coder", "quote")
TRUE = {"1", "true", "yes", "ja", "y", "x", "*"}
_DELIMITERS = (",", ";", "\t")
#: The longest coder name the project stores.
MAX_CODER = width(models.Coder.name)


@dataclass(frozen=True)
class CodingsImported:
    codings: int
    coders: tuple[str, ...]


@dataclass(frozen=True)
class _Row:
    line: int
    document: str
    code: str
    coder: str
    quote: str
    occurrence: int | None
    exemplar: bool
    memo: str | None


def import_codings(project: Project, path: Path, actor: str | None = None) -> CodingsImported:
    """Add every coding of a CSV (document, code, coder, quote[, occurrence, exemplar, memo])."""
    rows = _read_rows(path)
    who = actor or default_actor()
    coders: set[str] = set()
    with project.transaction() as session:
        documents: dict[str, models.Document] = {}
        codes: dict[str, models.Code] = {}
        for row in rows:
            try:
                if row.document not in documents:
                    documents[row.document] = find_document(session, row.document)
                if row.code not in codes:
                    codes[row.code] = find_code(session, row.code)
                document = documents[row.document]
                start, end = locate(
                    session, document, Location(quote=row.quote, occurrence=row.occurrence)
                )
                coder = get_or_create_coder(session, row.coder)
                values = {
                    "document_id": document.id,
                    "code_id": codes[row.code].id,
                    "coder_id": coder.id,
                    "start": start,
                    "end": end,
                    "memo": row.memo,
                    "exemplar": row.exemplar,
                }
                create_coding(session, who, values)
            except CodebenchError as exc:
                raise InputError(path, one_line(str(exc)), line=row.line) from exc
            coders.add(coder.name)
    return CodingsImported(len(rows), tuple(sorted(coders)))


def _read_rows(path: Path) -> list[_Row]:
    """Every row of the file, checked for what can be checked without the project."""
    text = read_text(path)
    header_line = next((line for line in text.split("\n") if line.strip()), "")
    delimiter = max(_DELIMITERS, key=header_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    previous = 0
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                records.append((previous + 1, record))
            previous = reader.line_num
    except csv.Error as exc:
        raise InputError(path, f"invalid CSV: {one_line(str(exc))}", reader.line_num) from exc
    if not records:
        raise InputError(path, "no codings in the file")
    header_at, header = records[0]
    columns = [cell.strip().casefold() for cell in header]
    twice = next((c for c in columns if c and columns.count(c) > 1), None)
    if twice is not None:
        raise InputError(path, f"column {one_line(twice)!r} appears twice", line=header_at)
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise InputError(path, f"missing column(s): {', '.join(missing)}", line=header_at)
    rows = [_row(columns, cells, line, path) for line, cells in records[1:]]
    if not rows:
        raise InputError(path, "no codings in the file")
    return rows


def _row(columns: list[str], cells: list[str], line: int, path: Path) -> _Row:
    if len(cells) > len(columns) and any(cell.strip() for cell in cells[len(columns) :]):
        raise InputError(
            path, f"row has {len(cells)} cells but the header has {len(columns)}", line
        )
    values = {c: restored(cell) for c, cell in zip(columns, cells, strict=False)}
    for column in REQUIRED:
        if not values.get(column, "").strip():
            raise InputError(path, f"no {column} in this row", line)
    coder = values["coder"].strip()
    if len(coder) > MAX_CODER:
        raise InputError(path, f"coder name longer than {MAX_CODER} characters", line)
    occurrence_text = values.get("occurrence", "").strip()
    occurrence = None
    if occurrence_text:
        if not occurrence_text.isdecimal() or len(occurrence_text) > 9 or int(occurrence_text) < 1:
            shown = one_line(occurrence_text)[:20]
            raise InputError(path, f"occurrence must be a number from 1 up, not {shown!r}", line)
        occurrence = int(occurrence_text)
    return _Row(
        line=line,
        document=values["document"].strip(),
        code=values["code"].strip(),
        coder=coder,
        quote=values["quote"],
        occurrence=occurrence,
        exemplar=values.get("exemplar", "").strip().casefold() in TRUE,
        memo=values.get("memo", "").strip() or None,
    )
