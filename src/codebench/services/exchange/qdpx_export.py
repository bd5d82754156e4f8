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

A coder who codes blind gets a project with their own work only: the documents, codebook and
cases, but only their codings, their memos and themselves as user. A researcher exporting while
blind is taking their own coding to another tool or handing it in, and expects that; refusing
would block it, and a whole-project export would unblind them.
"""

from __future__ import annotations

import io
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebench.codebook.model import Codebook, walk
from codebench.files.private import write_private
from codebench.refi.codebook_writer import ORIGIN, add_codes, code_guid
from codebench.refi.validate import PROJECT_ENTRY, validate_written
from codebench.refi.xml import derived_guid, element, serialise, text_element, timestamp
from codebench.services.codebook.files import export_codebook
from codebench.services.project import Project
from codebench.services.viewer import Viewer
from codebench.storage import models

PROJECT_NAMESPACE = "urn:QDA-XML:project:1.0"

#: Zip entries carry this date so that two exports of the same project are byte-identical.
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


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


def _users(root: ET.Element, session: Session, allowed: set[int] | None) -> dict[int, str]:
    query = select(models.Coder).order_by(models.Coder.id)
    if allowed is not None:
        query = query.where(models.Coder.id.in_(allowed))
    coders = list(session.scalars(query))
    guids = {coder.id: coder_guid(coder.name) for coder in coders}
    if coders:
        users = element(root, "Users")
        for coder in coders:
            element(users, "User", guid=guids[coder.id], name=coder.name)
    return guids


def _codebook(
    root: ET.Element, session: Session, codebook: Codebook, memos: _Memos
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
        add_codes(element(element(root, "CodeBook"), "Codes"), codebook.codes, extra=extra)
    return guids


def _cases(root: ET.Element, session: Session, sources: dict[int, str]) -> None:
    respondents = list(session.scalars(select(models.Respondent).order_by(models.Respondent.id)))
    if not respondents:
        return
    names = sorted({attribute.name for r in respondents for attribute in r.attributes})
    variables = {name: derived_guid("variable", name) for name in names}
    if names:
        block = element(root, "Variables")
        for name in names:
            element(block, "Variable", guid=variables[name], name=name, typeOfVariable="Text")
    documents: dict[int, set[int]] = defaultdict(set)
    for respondent_id, document_id in session.execute(
        select(models.Speaker.respondent_id, models.Speaker.document_id).where(
            models.Speaker.respondent_id.is_not(None)
        )
    ):
        if respondent_id is not None:
            documents[respondent_id].add(document_id)
    cases = element(root, "Cases")
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


def _sources(
    root: ET.Element,
    session: Session,
    users: dict[int, str],
    codes: dict[int, str],
    memos: _Memos,
    documents: list[models.Document],
    sources: dict[int, str],
) -> None:
    if not documents:
        return
    codings: dict[int, list[models.Coding]] = defaultdict(list)
    query = select(models.Coding).order_by(models.Coding.id)
    for coding in session.scalars(query.where(models.Coding.coder_id.in_(list(users)))):
        codings[coding.document_id].append(coding)
    block = element(root, "Sources")
    for document in documents:
        guid = sources[document.id]
        source = element(
            block,
            "TextSource",
            guid=guid,
            name=document.name,
            plainTextPath=f"internal://{guid}.txt",
            creationDateTime=timestamp(document.imported_at),
        )
        for coding in codings[document.id]:
            user = users[coding.coder_id]
            created = timestamp(coding.created_at)
            selection = element(
                source,
                "PlainTextSelection",
                guid=derived_guid("selection", f"{guid}:{coding.id}"),
                name=document.text[coding.start : coding.end][:60],
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
                memos.notes.append(_note(note, "Coding memo", coding.memo, user, created))
                element(applied, "NoteRef", targetGUID=note)
        for child in _note_refs(memos.documents.get(document.id, [])):
            source.append(child)


def project_document(project: Project, *, viewer: Viewer) -> tuple[bytes, dict[str, str]]:
    """The ``project.qde`` XML and the plain text of every source, by zip entry name (a blind
    viewer's own codings and memos only)."""
    codebook = export_codebook(project)
    with project.reading() as session:
        meta = session.scalar(select(models.Project))
        root = element(
            None,
            "Project",
            xmlns=PROJECT_NAMESPACE,
            name=(meta.name if meta else None) or "codebench project",
            origin=ORIGIN,
            creationDateTime=timestamp(meta.created_at) if meta else None,
        )
        allowed = _allowed(session, viewer)
        users = _users(root, session, allowed)
        memos = _memos(session, users, allowed)
        codes = _codebook(root, session, codebook, memos)
        documents = list(session.scalars(select(models.Document).order_by(models.Document.id)))
        sources = {document.id: document_guid(document.sha256) for document in documents}
        _cases(root, session, sources)
        _sources(root, session, users, codes, memos, documents, sources)
        texts = {source_entry(sources[d.id]): d.text for d in documents}
    if memos.notes:
        block = element(root, "Notes")
        for note in memos.notes:
            block.append(note)
    for child in _note_refs(memos.project):
        root.append(child)
    return serialise(root), texts


def _zip(qde: bytes, texts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        entries = [(PROJECT_ENTRY, qde)]
        entries += [(name, texts[name].encode("utf-8")) for name in sorted(texts)]
        for name, content in entries:
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            archive.writestr(info, content)
    return buffer.getvalue()


def write_qdpx(project: Project, path: Path, *, viewer: Viewer) -> Path:
    """Write ``project`` as a REFI-QDA ``.qdpx`` at ``path`` (owner-only), validated; for a
    blind viewer, with their own codings and memos only (see the module's docstring).

    Raises :class:`CodebenchError` (and leaves no file) if ``project.qde`` does not validate
    against ``Project.xsd``.
    """
    path = Path(path)
    qde, texts = project_document(project, viewer=viewer)
    write_private(path, _zip(qde, texts))
    validate_written(path, "project")
    return path
