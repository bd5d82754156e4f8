"""A REFI-QDA project (``.qdpx``): ``project.qde`` plus ``sources/<guid>.txt`` in one zip.

A service rather than an export module because it reads the whole project; the XML pieces it
shares with the ``.qdc`` writer live in ``codebench.refi``.

What goes into ``project.qde`` (namespace ``urn:QDA-XML:project:1.0``):

* ``Users``: one per coder, GUID derived from the coder's name;
* ``CodeBook``: the code tree, with a ``NoteRef`` on each code that has a memo;
* ``Variables``: one ``Text`` variable per respondent attribute name;
* ``Cases``: one per respondent, with its attribute values and the documents it speaks in;
* ``Sources``: one ``TextSource`` per document (GUID derived from its SHA-256), its text stored
  as ``sources/<guid>.txt`` and referenced as ``internal://<guid>.txt``; one
  ``PlainTextSelection`` per coding (offsets in code points, as stored) holding one ``Coding``
  by the coder; a coding memo is a note referenced from that ``Coding``, a document memo a
  note referenced from the source;
* ``Notes``: every memo as a note with its text inline; the project memo is referenced from
  the project itself.

The same project always gives the same bytes: GUIDs are derived, rows are taken in id order and
zip entries carry a fixed date.

The export is streamed, so that a project of any size is written in the memory of its largest
document: ``project.qde`` is written part by part (:class:`~codebench.refi.project_writer.
ProjectDocument`), each source with its codings read from the database as it is written, and
the texts go into the zip one at a time (:class:`~codebench.refi.project_writer.QdpxWriter`).

A coder who codes blind gets a project with their own work only: the documents, codebook and
cases, but only their codings, their memos and themselves as user. A researcher exporting while
blind is taking their own coding to another tool or handing it in, and expects that; refusing
would block it, and a whole-project export would unblind them.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby
from operator import attrgetter
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from codebench.codebook.model import Codebook, walk
from codebench.refi.codebook_writer import ORIGIN, add_codes, code_guid
from codebench.refi.project_writer import ProjectDocument, QdpxWriter, Writable
from codebench.refi.validate import PROJECT_ENTRY
from codebench.refi.xml import derived_guid, element, text_element, timestamp
from codebench.services.codebook.files import export_codebook
from codebench.services.project import Project
from codebench.services.viewer import Viewer
from codebench.storage import models

#: Codings read from the database at a time.
_BATCH = 2_000


def coder_guid(name: str) -> str:
    """The REFI-QDA user GUID of a coder: the same for the same name in every project."""
    return derived_guid("coder", name)


def document_guid(sha256: str) -> str:
    """The REFI-QDA source GUID of a document: the same for the same imported text."""
    return derived_guid("document", sha256.lower())


def source_entry(guid: str) -> str:
    """Where a source's plain text sits inside the ``.qdpx`` zip."""
    return f"sources/{guid}.txt"


@dataclass
class _Memos:
    """Notes to write, and which note each coding, document and code points to."""

    notes: list[ET.Element]
    project: list[str]
    documents: dict[int, list[str]]
    codes: dict[int, list[str]]


def _note(guid: str, name: str, text: str, user: str | None, created: str | None) -> ET.Element:
    note = element(None, "Note", guid=guid, name=name, creatingUser=user, creationDateTime=created)
    text_element(note, "PlainTextContent", text)
    return note


def _memos(session: Session, coders: dict[int, str], allowed: set[int] | None) -> _Memos:
    result = _Memos([], [], defaultdict(list), defaultdict(list))
    for memo in session.scalars(select(models.Memo).order_by(models.Memo.id)):
        if not memo.text.strip() or (allowed is not None and memo.coder_id not in allowed):
            continue
        guid = derived_guid("memo", f"{memo.target_type}:{memo.target_id}:{memo.id}")
        user = coders.get(memo.coder_id) if memo.coder_id is not None else None
        name = f"Memo on {memo.target_type}"
        result.notes.append(_note(guid, name, memo.text, user, timestamp(memo.created_at)))
        if memo.target_type == "project":
            result.project.append(guid)
        elif memo.target_type == "document" and memo.target_id is not None:
            result.documents[memo.target_id].append(guid)
        elif memo.target_type == "code" and memo.target_id is not None:
            result.codes[memo.target_id].append(guid)
    return result


def _note_refs(guids: list[str]) -> list[ET.Element]:
    return [element(None, "NoteRef", targetGUID=guid) for guid in guids]


def _allowed(session: Session, viewer: Viewer) -> set[int] | None:
    """The coder ids whose work the export holds (None: everyone's)."""
    if not viewer.blind:
        return None
    return set(session.scalars(select(models.Coder.id).where(models.Coder.name == viewer.coder)))


def _users(qde: ProjectDocument, session: Session, allowed: set[int] | None) -> dict[int, str]:
    query = select(models.Coder).order_by(models.Coder.id)
    if allowed is not None:
        query = query.where(models.Coder.id.in_(allowed))
    coders = list(session.scalars(query))
    guids = {coder.id: coder_guid(coder.name) for coder in coders}
    if coders:
        users = element(None, "Users")
        for coder in coders:
            element(users, "User", guid=guids[coder.id], name=coder.name)
        qde.add(users)
    return guids


def _codebook(
    qde: ProjectDocument, session: Session, codebook: Codebook, memos: _Memos
) -> dict[int, str]:
    """Write the ``CodeBook``; returns the exported GUID of every code id."""
    entries = walk(codebook.codes)
    exported = {entry.code.guid: code_guid(entry.code, entry.path) for entry in entries}
    guids = {
        code_id: exported[guid]
        for code_id, guid in session.execute(select(models.Code.id, models.Code.guid))
        if guid in exported
    }
    if codebook.codes:
        extra = {guids[code_id]: _note_refs(refs) for code_id, refs in memos.codes.items()}
        book = element(None, "CodeBook")
        add_codes(element(book, "Codes"), codebook.codes, extra=extra)
        qde.add(book)
    return guids


def _cases(qde: ProjectDocument, session: Session, sources: dict[int, str]) -> None:
    respondents = list(session.scalars(select(models.Respondent).order_by(models.Respondent.id)))
    if not respondents:
        return
    names = sorted({attribute.name for r in respondents for attribute in r.attributes})
    variables = {name: derived_guid("variable", name) for name in names}
    if names:
        block = element(None, "Variables")
        for name in names:
            element(block, "Variable", guid=variables[name], name=name, typeOfVariable="Text")
        qde.add(block)
    documents: dict[int, set[int]] = defaultdict(set)
    for respondent_id, document_id in session.execute(
        select(models.Speaker.respondent_id, models.Speaker.document_id).where(
            models.Speaker.respondent_id.is_not(None)
        )
    ):
        if respondent_id is not None:
            documents[respondent_id].add(document_id)
    cases = element(None, "Cases")
    for respondent in respondents:
        case = element(
            cases, "Case", guid=derived_guid("case", respondent.label), name=respondent.label
        )
        for attribute in sorted(respondent.attributes, key=lambda a: a.name):
            value = element(case, "VariableValue")
            element(value, "VariableRef", targetGUID=variables[attribute.name])
            text_element(value, "TextValue", attribute.value)
        for document_id in sorted(documents[respondent.id]):
            if document_id in sources:
                element(case, "SourceRef", targetGUID=sources[document_id])
    qde.add(cases)


def _codings(
    session: Session, users: dict[int, str], *, memos: bool = False
) -> Iterator[tuple[int, Iterator[Row[Any]]]]:
    """The codings by the exported coders, by document in id order, each document's in id
    order (``memos``: only those with a memo); read a batch at a time, never all at once."""
    coding = models.Coding
    query = select(
        coding.document_id,
        coding.id,
        coding.coder_id,
        coding.code_id,
        coding.start,
        coding.end,
        coding.memo,
        coding.created_at,
    ).where(coding.coder_id.in_(list(users)))
    if memos:
        query = query.where(coding.memo.is_not(None))
    query = query.order_by(coding.document_id, coding.id).execution_options(yield_per=_BATCH)
    yield from groupby(session.execute(query), key=attrgetter("document_id"))


def _document_text(session: Session, document_id: int) -> str:
    return session.scalars(
        select(models.Document.text).where(models.Document.id == document_id)
    ).one()


@dataclass(frozen=True)
class _Document:
    id: int
    name: str
    guid: str
    imported_at: datetime | None


def _sources(
    qde: ProjectDocument,
    session: Session,
    users: dict[int, str],
    codes: dict[int, str],
    memos: _Memos,
    documents: list[_Document],
) -> None:
    """One ``TextSource`` per document, written before the next is read."""
    codings = _codings(session, users)
    pending = next(codings, None)
    for document in documents:
        guid = document.guid
        text = _document_text(session, document.id)
        source = element(
            None,
            "TextSource",
            guid=guid,
            name=document.name,
            plainTextPath=f"internal://{guid}.txt",
            creationDateTime=timestamp(document.imported_at),
        )
        while pending is not None and pending[0] < document.id:
            pending = next(codings, None)  # codings of a document gone meanwhile
        rows: Iterator[Row[Any]] = iter(())
        if pending is not None and pending[0] == document.id:
            rows = pending[1]
        for coding in rows:
            user = users[coding.coder_id]
            created = timestamp(coding.created_at)
            selection = element(
                source,
                "PlainTextSelection",
                guid=derived_guid("selection", f"{guid}:{coding.id}"),
                name=text[coding.start : coding.end][:60],
                startPosition=str(coding.start),
                endPosition=str(coding.end),
                creatingUser=user,
                creationDateTime=created,
            )
            applied = element(
                selection,
                "Coding",
                guid=derived_guid("coding", f"{guid}:{coding.id}"),
                creatingUser=user,
                creationDateTime=created,
            )
            element(applied, "CodeRef", targetGUID=codes[coding.code_id])
            if coding.memo and coding.memo.strip():
                note = derived_guid("coding-memo", f"{guid}:{coding.id}")
                element(applied, "NoteRef", targetGUID=note)
        if pending is not None and pending[0] == document.id:
            pending = next(codings, None)
        for child in _note_refs(memos.documents.get(document.id, [])):
            source.append(child)
        qde.item("Sources", source)


def _notes(
    qde: ProjectDocument,
    session: Session,
    users: dict[int, str],
    memos: _Memos,
    sources: dict[int, str],
) -> None:
    """Every memo as a note, then every coding memo (by document and coding in id order)."""
    for note in memos.notes:
        qde.item("Notes", note)
    for document_id, rows in _codings(session, users, memos=True):
        guid = sources[document_id]
        for coding in rows:
            if not coding.memo.strip():
                continue
            note_guid = derived_guid("coding-memo", f"{guid}:{coding.id}")
            user, created = users[coding.coder_id], timestamp(coding.created_at)
            qde.item("Notes", _note(note_guid, "Coding memo", coding.memo, user, created))


def _write_document(
    session: Session, stream: Writable, viewer: Viewer, codebook: Codebook
) -> dict[str, int]:
    """Write ``project.qde`` to ``stream``; returns the zip entry of each document's text with
    the document's id, by entry name."""
    meta = session.scalar(select(models.Project))
    qde = ProjectDocument(
        stream,
        name=(meta.name if meta else None) or "codebench project",
        origin=ORIGIN,
        creationDateTime=timestamp(meta.created_at) if meta else None,
    )
    allowed = _allowed(session, viewer)
    users = _users(qde, session, allowed)
    memos = _memos(session, users, allowed)
    codes = _codebook(qde, session, codebook, memos)
    documents = [
        _Document(id=row.id, name=row.name, guid=document_guid(row.sha256), imported_at=row.at)
        for row in session.execute(
            select(
                models.Document.id,
                models.Document.name,
                models.Document.sha256,
                models.Document.imported_at.label("at"),
            ).order_by(models.Document.id)
        )
    ]
    sources = {document.id: document.guid for document in documents}
    _cases(qde, session, sources)
    _sources(qde, session, users, codes, memos, documents)
    _notes(qde, session, users, memos, sources)
    for child in _note_refs(memos.project):
        qde.add(child)
    qde.close()
    return {source_entry(document.guid): document.id for document in documents}


def project_document(project: Project, *, viewer: Viewer) -> tuple[bytes, dict[str, str]]:
    """The ``project.qde`` XML and the plain text of every source, by zip entry name (a blind
    viewer's own codings and memos only), in memory: :func:`write_qdpx` streams them."""
    codebook = export_codebook(project)
    buffer = io.BytesIO()
    with project.reading() as session:
        entries = _write_document(session, buffer, viewer, codebook)
        texts = {name: _document_text(session, entries[name]) for name in entries}
    return buffer.getvalue(), texts


def write_qdpx(project: Project, path: Path, *, viewer: Viewer) -> Path:
    """Write ``project`` as a REFI-QDA ``.qdpx`` at ``path`` (owner-only), validated; for a
    blind viewer, with their own codings and memos only (see the module's docstring).

    Raises :class:`CodebenchError` (and leaves no file) if ``project.qde`` does not validate
    against ``Project.xsd``.
    """
    path = Path(path)
    codebook = export_codebook(project)
    with QdpxWriter(path) as qdpx, project.reading() as session:
        with qdpx.entry(PROJECT_ENTRY) as stream:
            entries = _write_document(session, stream, viewer, codebook)
        for name in sorted(entries):
            qdpx.add(name, _document_text(session, entries[name]).encode("utf-8"))
    return path
