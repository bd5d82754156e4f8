"""The three changes a coding can undergo (create, delete, update), each with its event.

Every path that changes codings (the TUI, the CLI, CSV import, codebook edits, undo and redo)
goes through these, inside the caller's transaction, so the event log always holds what is
needed to reverse a change: ``{"op": "create" | "delete", "coding": {...}}`` or
``{"op": "update", "before": {...}, "after": {...}}``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from codebench.errors import CodebenchError
from codebench.services.events import record
from codebench.storage import models

SNAPSHOT_FIELDS = ("document_id", "code_id", "coder_id", "start", "end", "memo", "exemplar")
UPDATABLE = ("memo", "exemplar", "start", "end", "code_id")
KEY_FIELDS = ("document_id", "code_id", "coder_id", "start", "end")
DUPLICATE = "this passage already has that code from that coder"
NO_DOCUMENT = "the document no longer exists"
OUTSIDE = "the passage lies outside the document"
NO_CODE = "the code no longer exists"
BATCH = 1_000  # codings per bulk insert


def snapshot(coding: models.Coding) -> dict[str, Any]:
    return {name: getattr(coding, name) for name in SNAPSHOT_FIELDS}


def create_coding(
    session: Session,
    actor: str,
    values: dict[str, Any],
    action: str = "apply_code",
    extra: dict[str, Any] | None = None,
    old_id: int | None = None,
) -> models.Coding:
    """Insert a coding (fields as in :data:`SNAPSHOT_FIELDS`) unless the same one exists.

    Undo and redo put a coding back under its ``old_id`` when no coding holds it, so that it
    keeps its lane and its place in lists (both follow the id) and the events that name it."""
    duplicate = session.scalar(
        select(models.Coding.id).where(
            *(getattr(models.Coding, name) == values[name] for name in KEY_FIELDS)
        )
    )
    if duplicate is not None:
        raise CodebenchError(DUPLICATE)
    text = session.scalar(
        select(models.Document.text).where(models.Document.id == values["document_id"])
    )
    if text is None:
        raise CodebenchError(NO_DOCUMENT)
    if not 0 <= values["start"] < values["end"] <= len(text):
        raise CodebenchError(OUTSIDE)
    if session.get(models.Code, values["code_id"]) is None:
        raise CodebenchError(NO_CODE)
    if old_id is not None and session.get(models.Coding, old_id) is not None:
        old_id = None
    coding = models.Coding(
        id=old_id,
        **{name: values.get(name) for name in SNAPSHOT_FIELDS if name != "exemplar"},
        exemplar=bool(values.get("exemplar")),
    )
    session.add(coding)
    session.flush()
    data = {"op": "create", "coding": snapshot(coding), **(extra or {})}
    record(session, actor, action, "coding", coding.id, data)
    return coding


def create_codings(
    session: Session, actor: str, rows: Sequence[dict[str, Any]], action: str = "apply_code"
) -> list[str | None]:
    """Insert many codings with the checks and events of :func:`create_coding`, in bulk.

    For an import of a whole project (hundreds of thousands of codings) the per-coding queries
    of :func:`create_coding` dominate; here each check reads the project once. Returns, per
    row, why it was refused (as create_coding would say) or None where it was stored.
    """
    documents = {row["document_id"] for row in rows}
    lengths: dict[int, int] = dict(
        session.execute(
            select(models.Document.id, func.length(models.Document.text)).where(
                models.Document.id.in_(documents)
            )
        ).all()
    )
    codes = set(session.scalars(select(models.Code.id)))
    taken = {
        tuple(key)
        for key in session.execute(
            select(*(getattr(models.Coding, name) for name in KEY_FIELDS)).where(
                models.Coding.document_id.in_(documents)
            )
        )
    }
    problems: list[str | None] = []
    accepted: list[dict[str, Any]] = []
    for row in rows:
        key = tuple(row[name] for name in KEY_FIELDS)
        length = lengths.get(row["document_id"])
        problem = (
            NO_DOCUMENT
            if length is None
            else OUTSIDE
            if not 0 <= row["start"] < row["end"] <= length
            else NO_CODE
            if row["code_id"] not in codes
            else DUPLICATE
            if key in taken
            else None
        )
        problems.append(problem)
        if problem is None:
            taken.add(key)
            accepted.append({name: row.get(name) for name in SNAPSHOT_FIELDS})
    for row in accepted:
        row["exemplar"] = bool(row["exemplar"])
    ids: list[int] = []
    for first in range(0, len(accepted), BATCH):
        # In batches: SQLAlchemy joins the RETURNING rows of one bulk insert batch by batch,
        # at a cost that grows with the square of the batches in one call.
        ids += session.scalars(
            insert(models.Coding).returning(models.Coding.id, sort_by_parameter_order=True),
            accepted[first : first + BATCH],
        ).all()
    if accepted:
        events = [
            {
                "actor": actor,
                "action": action,
                "entity": "coding",
                "entity_id": coding_id,
                "data": {"op": "create", "coding": row},
                "at": models.utcnow(),
            }
            for coding_id, row in zip(ids, accepted, strict=True)
        ]
        session.execute(insert(models.Event), events)
    return problems


def delete_coding(
    session: Session,
    actor: str,
    coding: models.Coding,
    action: str = "remove_code",
    extra: dict[str, Any] | None = None,
) -> None:
    data = {"op": "delete", "coding": snapshot(coding), **(extra or {})}
    record(session, actor, action, "coding", coding.id, data)
    session.delete(coding)
    session.flush()


def update_coding(
    session: Session,
    actor: str,
    coding: models.Coding,
    changes: dict[str, Any],
    action: str = "update_coding",
    extra: dict[str, Any] | None = None,
) -> None:
    unknown = set(changes) - set(UPDATABLE)
    if unknown:
        raise CodebenchError(f"cannot change {', '.join(sorted(unknown))} of a coding")
    before = {name: getattr(coding, name) for name in changes}
    for name, value in changes.items():
        setattr(coding, name, value)
    session.flush()
    data = {"op": "update", "before": before, "after": dict(changes), **(extra or {})}
    record(session, actor, action, "coding", coding.id, data)
