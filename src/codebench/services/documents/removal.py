"""Removing a document, and putting one back: the document's rows as one JSON snapshot.

A removed document is gone from every table (its turns, sentences, speakers, codings, memos,
assignments and review decisions) but not from the project's history: the removal's event
holds the whole document, so undo brings it back with its codings exactly where they were.
Re-importing a file (``import --replace``) swaps only the *structure* (speakers, turns,
sentences, the file's metadata) and keeps the document row, its codings and memos; its event
holds the old structure so that undo can swap it back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from codebench.errors import CodebenchError
from codebench.services.documents.overview import find_document
from codebench.services.documents.structure import (
    Structure,
    delete_structure,
    free_id,
    json_rows,
    replace_structure,
    saved_structure,
    stored_structure,
)
from codebench.services.events import record
from codebench.services.project import Project
from codebench.storage import models
from codebench.storage.locks import serialise

REMOVE, RESTORE, REPLACE = "remove", "restore", "replace"
REMOVE_DOCUMENT, REPLACE_DOCUMENT = "remove_document", "replace_document"
#: The advisory lock every change to the set of documents holds while it checks names.
DOCUMENTS = "documents"

_CODING = ("id", "code_id", "coder_id", "start", "end", "memo", "exemplar", "created_at")
_MEMO = ("coder_id", "text", "created_at", "updated_at")
_ASSIGNMENT = ("coder_id", "status", "updated_at")
_RESOLUTION = ("code_id", "unit_start", "unit_end", "decision", "coder", "note", "reviewer")
_RESOLUTION_TIME = "decided_at"
_TIMES = ("created_at", "updated_at", "decided_at", "imported_at")


@dataclass(frozen=True)
class DocumentHolds:
    """What a document holds that removing it would take with it."""

    name: str
    codings: int
    coders: tuple[str, ...]
    memos: int


def document_holds(project: Project, name: str) -> DocumentHolds:
    """What removing ``name`` would take with it, to ask the user before."""
    with project.reading() as session:
        return _holds(session, find_document(session, name))


def remove_document(project: Project, name: str, *, actor: str) -> DocumentHolds:
    """Remove a document with everything in it, as one undoable event; says what it held."""
    with project.transaction() as session:
        serialise(session, DOCUMENTS)
        doc = find_document(session, name)
        holds = _holds(session, doc)
        remove_recorded(session, doc, actor, REMOVE_DOCUMENT)
        return holds


def _holds(session: Session, doc: models.Document) -> DocumentHolds:
    coders = tuple(
        session.scalars(
            select(models.Coder.name)
            .join(models.Coding, models.Coding.coder_id == models.Coder.id)
            .where(models.Coding.document_id == doc.id)
            .distinct()
            .order_by(models.Coder.name)
        )
    )
    memos = _count(session, models.Memo.id, _document_memos(doc.id))
    return DocumentHolds(doc.name, _codings(session, doc.id), coders, memos)


def remove_recorded(
    session: Session,
    doc: models.Document,
    actor: str,
    action: str,
    extra: dict[str, Any] | None = None,
) -> None:
    """Snapshot ``doc`` into a ``remove`` event, then delete it with all its rows."""
    data = {"op": REMOVE, "document": _snapshot(session, doc), **(extra or {})}
    record(session, actor, action, "document", doc.id, data)
    _delete(session, doc.id)


def restore_recorded(
    session: Session, saved: dict[str, Any], actor: str, action: str, extra: dict[str, Any]
) -> models.Document:
    """Bring a removed document back from its snapshot, recorded as a ``restore`` event."""
    doc = _restore(session, saved)
    record(session, actor, action, "document", doc.id, {"op": RESTORE, **extra})
    return doc


def replace_recorded(
    session: Session,
    doc: models.Document,
    new: Structure,
    actor: str,
    action: str,
    extra: dict[str, Any] | None = None,
) -> None:
    """Swap ``doc``'s structure for ``new``, keeping its codings; the event keeps the old one.

    Codings point into the text by offset, so new text is refused while the document holds
    codings; without codings, review decisions on the old text are dropped with it."""
    if new.meta["text"] != doc.text:
        held = _codings(session, doc.id)
        if held:
            raise CodebenchError(
                f"the text of '{doc.name}' has changed since it was imported, and its "
                f"{counted(held, 'coding')} would lose their place (remove the document first "
                "to import it anew)"
            )
        session.execute(delete(models.Resolution).where(models.Resolution.document_id == doc.id))
    data = {"op": REPLACE, "structure": saved_structure(session, doc), **(extra or {})}
    replace_structure(session, doc, new)
    record(session, actor, action, "document", doc.id, data)


def swap_structure(
    session: Session, event: models.Event, actor: str, action: str, link: dict[str, Any]
) -> models.Document:
    """Undo or redo a re-import: put back the structure ``event`` holds."""
    doc = session.get(models.Document, event.entity_id)
    if doc is None:
        raise CodebenchError("that document no longer exists")
    replace_recorded(session, doc, stored_structure(event.data["structure"]), actor, action, link)
    return doc


# --- snapshots -----------------------------------------------------------------------------


def _snapshot(session: Session, doc: models.Document) -> dict[str, Any]:
    """Every row of ``doc`` as JSON-ready values (times as ISO strings)."""
    doc_id = doc.id
    saved = saved_structure(session, doc)
    saved.update(
        id=doc_id,
        name=doc.name,
        imported_at=doc.imported_at.isoformat(),
        codings=json_rows(session, models.Coding, _CODING, models.Coding.document_id == doc_id),
        memos=json_rows(session, models.Memo, _MEMO, *_document_memos(doc_id)),
        assignments=json_rows(
            session, models.Assignment, _ASSIGNMENT, models.Assignment.document_id == doc_id
        ),
        resolutions=json_rows(
            session,
            models.Resolution,
            (*_RESOLUTION, _RESOLUTION_TIME),
            models.Resolution.document_id == doc_id,
        ),
    )
    return saved


def _restore(session: Session, saved: dict[str, Any]) -> models.Document:
    """Insert a snapshot's document and rows; ids are kept where they are still free."""
    meta = saved["meta"]
    holder = session.scalar(
        select(models.Document.name).where(models.Document.sha256 == meta["sha256"])
    )
    if holder is not None:
        raise CodebenchError(f"its file was imported again since, as '{holder}'")
    for coding in saved["codings"]:
        if session.get(models.Code, coding["code_id"]) is None:
            raise CodebenchError("a code it was coded with has been deleted since")
    doc = models.Document(
        id=free_id(session, models.Document, saved["id"]),
        name=free_document_name(session, saved["name"]),
        imported_at=datetime.fromisoformat(saved["imported_at"]),
        **meta,
    )
    session.add(doc)
    session.flush()
    replace_structure(session, doc, stored_structure(saved), fresh=True)
    for coding in saved["codings"]:
        values = {**_times(coding), "id": free_id(session, models.Coding, coding["id"])}
        session.add(models.Coding(document_id=doc.id, **values))
    for memo in saved["memos"]:
        session.add(models.Memo(target_type="document", target_id=doc.id, **_times(memo)))
    for row in saved["assignments"]:
        session.add(models.Assignment(document_id=doc.id, **_times(row)))
    for row in saved["resolutions"]:
        session.add(models.Resolution(document_id=doc.id, **_times(row)))
    session.flush()
    return doc


def _delete(session: Session, doc_id: int) -> None:
    """Delete a document and every row that points at it."""
    session.execute(delete(models.Coding).where(models.Coding.document_id == doc_id))
    session.execute(delete(models.Memo).where(*_document_memos(doc_id)))
    session.execute(delete(models.Assignment).where(models.Assignment.document_id == doc_id))
    session.execute(delete(models.Resolution).where(models.Resolution.document_id == doc_id))
    delete_structure(session, doc_id)
    session.execute(delete(models.Document).where(models.Document.id == doc_id))
    session.expire_all()


def counted(number: int, noun: str) -> str:
    """ "1 coding", "2 codings": the count a message shows."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


# --- small helpers -------------------------------------------------------------------------


def _document_memos(doc_id: int) -> tuple[Any, ...]:
    return (models.Memo.target_type == "document", models.Memo.target_id == doc_id)


def _codings(session: Session, doc_id: int) -> int:
    return _count(session, models.Coding.id, (models.Coding.document_id == doc_id,))


def _count(session: Session, column: Any, where: tuple[Any, ...]) -> int:
    return session.scalar(select(func.count(column)).where(*where)) or 0


def _times(row: dict[str, Any]) -> dict[str, Any]:
    return {k: datetime.fromisoformat(v) if k in _TIMES and v else v for k, v in row.items()}


def free_document_name(session: Session, name: str) -> str:
    """``name``, or ``name (2)``, ``(3)``...: the first no document has; callers hold the
    :data:`DOCUMENTS` lock, so two imports at once cannot both take it."""
    taken = set(
        session.scalars(select(models.Document.name).where(models.Document.name.like(f"{name}%")))
    )
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name} ({n})", n + 1
    return candidate
