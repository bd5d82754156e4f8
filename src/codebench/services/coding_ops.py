"""The three changes a coding can undergo (create, delete, update), each with its event.

Every path that changes codings (the TUI, the CLI, CSV import, codebook edits, undo and redo)
goes through these, inside the caller's transaction, so the event log always holds what is
needed to reverse a change: ``{"op": "create" | "delete", "coding": {...}}`` or
``{"op": "update", "before": {...}, "after": {...}}``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebench.errors import CodebenchError
from codebench.services.events import record
from codebench.storage import models

SNAPSHOT_FIELDS = ("document_id", "code_id", "coder_id", "start", "end", "memo", "exemplar")
UPDATABLE = ("memo", "exemplar", "start", "end", "code_id")


def snapshot(coding: models.Coding) -> dict[str, Any]:
    return {name: getattr(coding, name) for name in SNAPSHOT_FIELDS}


def create_coding(
    session: Session,
    actor: str,
    values: dict[str, Any],
    action: str = "apply_code",
    extra: dict[str, Any] | None = None,
) -> models.Coding:
    """Insert a coding (fields as in :data:`SNAPSHOT_FIELDS`) unless the same one exists."""
    duplicate = session.scalar(
        select(models.Coding.id).where(
            *(
                getattr(models.Coding, name) == values[name]
                for name in ("document_id", "code_id", "coder_id", "start", "end")
            )
        )
    )
    if duplicate is not None:
        raise CodebenchError("this passage already has that code from that coder")
    text = session.scalar(
        select(models.Document.text).where(models.Document.id == values["document_id"])
    )
    if text is None:
        raise CodebenchError("the document no longer exists")
    if not 0 <= values["start"] < values["end"] <= len(text):
        raise CodebenchError("the passage lies outside the document")
    if session.get(models.Code, values["code_id"]) is None:
        raise CodebenchError("the code no longer exists")
    coding = models.Coding(
        **{name: values.get(name) for name in SNAPSHOT_FIELDS if name != "exemplar"},
        exemplar=bool(values.get("exemplar")),
    )
    session.add(coding)
    session.flush()
    data = {"op": "create", "coding": snapshot(coding), **(extra or {})}
    record(session, actor, action, "coding", coding.id, data)
    return coding


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
