"""Respondents: who they are, found or made by label, and their attributes from a CSV.

Respondents are project-wide, so one label is one person in every document; every place that
needs one by label (import, speaker edits, REFI-QDA cases, restoring a document) gets it from
:func:`respondent_named`. Attributes come from a CSV (one row per respondent: label,
organisation type, role ...).

Rows find their respondent by ``label``. A row may also name the ``interview`` (document) and
the ``speaker`` label used in that transcript, which links that speaker to the respondent: this
is how "R" in interview 4 becomes "Respondent 5". The whole file is checked before anything is
written, so one bad row leaves the project unchanged.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from codebench.environment import default_actor
from codebench.errors import InputError
from codebench.files.encoding import one_line, read_text
from codebench.services.columns import width
from codebench.services.events import record
from codebench.services.project import Project
from codebench.storage import models

LABEL_COLUMNS = ("label", "respondent")
DOCUMENT_COLUMNS = ("interview", "document")
SPEAKER_COLUMN = "speaker"
#: The longest respondent label and attribute name the project stores.
MAX_LABEL = width(models.Respondent.label)
MAX_ATTRIBUTE = width(models.RespondentAttribute.name)


@dataclass(frozen=True)
class AttributesResult:
    respondents: int
    attributes: tuple[str, ...]
    linked_speakers: int


@dataclass(frozen=True)
class _Row:
    line: int
    label: str
    document: str | None
    speaker: str | None
    values: dict[str, str]


def _column_name(header: str) -> str:
    return re.sub(r"[^\w]+", "_", header.strip().casefold()).strip("_")


def _read_rows(path: Path) -> tuple[list[_Row], tuple[str, ...]]:
    text = read_text(path)
    try:
        dialect: type[csv.Dialect] = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    records = _records(path, text, dialect)
    header = [_column_name(h) for h in next(records, (1, []))[1]]
    label_col = next((c for c in LABEL_COLUMNS if c in header), None)
    if label_col is None:
        raise InputError(path, "no 'label' column (the respondent's label)", line=1)
    if len(set(header)) != len(header):
        raise InputError(path, "duplicate column names in the header", line=1)
    too_long = next((c for c in header if len(c) > MAX_ATTRIBUTE), None)
    if too_long is not None:
        message = f"column name {too_long[:30]!r}... is longer than {MAX_ATTRIBUTE} characters"
        raise InputError(path, message, line=1)
    doc_col = next((c for c in DOCUMENT_COLUMNS if c in header), None)
    special = {label_col, doc_col, SPEAKER_COLUMN}
    attribute_names = tuple(c for c in header if c and c not in special)
    rows = []
    for line, record_ in records:
        if not any(cell.strip() for cell in record_):
            continue
        if len(record_) != len(header):
            raise InputError(
                path, f"expected {len(header)} columns, found {len(record_)}", line=line
            )
        cells = {h: cell.strip() for h, cell in zip(header, record_, strict=True)}
        if not cells[label_col]:
            raise InputError(path, "empty respondent label", line=line)
        if len(cells[label_col]) > MAX_LABEL:
            message = f"respondent label longer than {MAX_LABEL} characters"
            raise InputError(path, message, line=line)
        rows.append(
            _Row(
                line=line,
                label=cells[label_col],
                document=cells.get(doc_col) or None if doc_col else None,
                speaker=cells.get(SPEAKER_COLUMN) or None,
                values={name: cells[name] for name in attribute_names if cells[name]},
            )
        )
    if not rows:
        raise InputError(path, "no respondent rows")
    return rows, attribute_names


def _records(path: Path, text: str, dialect: type[csv.Dialect]) -> Iterator[tuple[int, list[str]]]:
    """The records of the file with the line each ends on; broken quoting is an InputError."""
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        for record in reader:
            yield reader.line_num, record
    except csv.Error as exc:
        raise InputError(path, f"invalid CSV: {one_line(str(exc))}", reader.line_num) from exc


def _speaker(session: Session, path: Path, row: _Row) -> models.Speaker | None:
    if row.document is None:
        return None
    document = session.scalar(select(models.Document).where(models.Document.name == row.document))
    if document is None:
        raise InputError(path, f"unknown interview {one_line(row.document)!r}", line=row.line)
    label = row.speaker or row.label
    speaker = session.scalar(
        select(models.Speaker).where(
            models.Speaker.document_id == document.id, models.Speaker.label == label
        )
    )
    if speaker is None:
        message = f"no speaker {one_line(label)!r} in interview {one_line(row.document)!r}"
        raise InputError(path, message, line=row.line)
    return speaker


def import_attributes(project: Project, path: Path, actor: str | None = None) -> AttributesResult:
    """Attach attributes to respondents, all or nothing; errors name the file and line."""
    rows, attribute_names = _read_rows(path)
    linked = 0
    with project.transaction() as session:
        for row in rows:
            speaker = _speaker(session, path, row)
            if speaker is None and not _known(session, row.label):
                message = f"unknown respondent {one_line(row.label)!r}"
                raise InputError(path, message, line=row.line)
            respondent = respondent_named(session, row.label)
            if speaker is not None and speaker.respondent_id != respondent.id:
                linked += _link(session, speaker, respondent)
            for name, value in row.values.items():
                session.merge(
                    models.RespondentAttribute(respondent_id=respondent.id, name=name, value=value)
                )
        record(
            session,
            actor or default_actor(),
            "import_attributes",
            "respondent",
            None,
            {"file": path.name, "rows": len(rows), "attributes": list(attribute_names)},
        )
    return AttributesResult(len(rows), attribute_names, linked)


def respondent_named(session: Session, label: str) -> models.Respondent:
    """The respondent called ``label``, created if the project has none yet."""
    respondent = session.scalar(select(models.Respondent).where(models.Respondent.label == label))
    if respondent is None:
        respondent = models.Respondent(label=label)
        session.add(respondent)
        session.flush()
    return respondent


def _known(session: Session, label: str) -> bool:
    """Whether a respondent is called ``label``: a row naming no speaker may not create one."""
    found = select(models.Respondent.id).where(models.Respondent.label == label).limit(1)
    return session.scalar(found) is not None


def _link(session: Session, speaker: models.Speaker, respondent: models.Respondent) -> int:
    """Point a speaker at a respondent, dropping the placeholder respondent it leaves behind."""
    previous = speaker.respondent_id
    speaker.respondent_id = respondent.id
    speaker.role = "respondent"
    session.flush()
    if previous is not None:
        still_used = session.scalar(
            select(models.Speaker.id).where(models.Speaker.respondent_id == previous).limit(1)
        )
        if still_used is None:
            session.execute(delete(models.Respondent).where(models.Respondent.id == previous))
    return 1
