"""Editing the codebook code by code: add, change, rename, move, merge and delete.

Each edit is one transaction under the codebook lock, checked by the same rules a loaded file
is (:mod:`codebench.services.codebook.rules`), with its before and after state in the log.
"""

from __future__ import annotations

import re
import uuid

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from codebench.codebook.model import STATUSES
from codebench.environment import default_actor
from codebench.errors import CodebenchError
from codebench.services.codebook.lookup import code_paths, find_code
from codebench.services.codebook.rules import (
    CODEBOOK,
    EDITABLE,
    check_shortcuts,
    path_parts,
    plain_name,
    siblings_named,
    snapshot,
)
from codebench.services.coding.changes import delete_coding
from codebench.services.events import record
from codebench.services.project import Project
from codebench.services.viewer import Viewer, refuse_others_codings
from codebench.storage import models
from codebench.storage.locks import serialise


def insert_code(
    session: Session, name: str, parent_id: int | None, actor: str, **attributes: object
) -> models.Code:
    """Add a code inside the caller's transaction: the one place that checks the name, places
    the code last, gives it a GUID and logs it (the editor, the command line and inductive
    coding all use it).

    ``parent_id`` is where a plain name goes. A name holding ``>`` is a path from the top of
    the codebook (``'Knelpunten > Tempo'``, :func:`~codebench.services.codebook.rules.path_parts`):
    its groups are found by name, or added as plain codes (each logged like any new code), and
    the new code goes under the last of them; ``parent_id`` does not apply to it. The
    ``attributes`` are the new code's, never a group's.
    """
    parts = path_parts(name)
    serialise(session, CODEBOOK)
    unknown = set(attributes) - set(EDITABLE)
    if unknown:
        raise CodebenchError(f"unknown code field(s): {', '.join(sorted(unknown))}")
    if len(parts) > 1:
        parent_id = None
        for group in parts[:-1]:
            found = siblings_named(session, parent_id, group)
            parent_id = found if found is not None else _add(session, group, parent_id, actor).id
    existing = siblings_named(session, parent_id, parts[-1])
    if existing is not None:
        raise CodebenchError(f"a code '{code_paths(session)[existing]}' already exists")
    code = _add(session, parts[-1], parent_id, actor, **attributes)
    check_shortcuts(session)
    return code


def _add(
    session: Session, name: str, parent_id: int | None, actor: str, **attributes: object
) -> models.Code:
    position = session.scalar(select(func.coalesce(func.max(models.Code.position), -1))) or 0
    code = models.Code(
        name=name, parent_id=parent_id, position=position + 1, guid=str(uuid.uuid4())
    )
    for key, value in attributes.items():
        setattr(code, key, value)
    session.add(code)
    session.flush()
    record(session, actor, "code_add", "code", code.id, {"after": snapshot(code)})
    return code


def add_code(
    project: Project,
    name: str,
    parent: str | None = None,
    actor: str | None = None,
    **attributes: object,
) -> int:
    """Add a code (a plain name under ``parent`` if given, a path where it says, as
    :func:`insert_code` reads it); returns its id."""
    with project.transaction() as session:
        parent_id = find_code(session, parent).id if parent else None
        return insert_code(session, name, parent_id, actor or default_actor(), **attributes).id


def update_code(
    project: Project, code_id: int, changes: dict[str, object], actor: str | None = None
) -> None:
    """Change a code's definition fields (not its name or place), checked as a file would be."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise CodebenchError(f"unknown code field(s): {', '.join(sorted(unknown))}")
    colour = changes.get("colour")
    if colour and not re.fullmatch(r"#[0-9a-fA-F]{6}", str(colour)):
        raise CodebenchError(f"invalid colour '{colour}' (expected #rrggbb)")
    status = changes.get("status")
    if status and status not in STATUSES:
        raise CodebenchError(f"invalid status '{status}' (one of {', '.join(STATUSES)})")
    with project.transaction() as session:
        serialise(session, CODEBOOK)
        code = session.get(models.Code, code_id)
        if code is None:
            raise CodebenchError("that code no longer exists")
        before = snapshot(code)
        for name, value in changes.items():
            setattr(code, name, value if value != "" else None)
        session.flush()
        check_shortcuts(session)
        after = snapshot(code)
        if after != before:
            record(
                session,
                actor or default_actor(),
                "code_update",
                "code",
                code.id,
                {"before": before, "after": after},
            )


def rename_code(project: Project, ref: str, new_name: str, actor: str | None = None) -> None:
    """Give a code a new name (never a path: moving is :func:`move_code`)."""
    new_name = plain_name(new_name)
    with project.transaction() as session:
        serialise(session, CODEBOOK)
        code = find_code(session, ref)
        clash = siblings_named(session, code.parent_id, new_name)
        if clash is not None and clash != code.id:
            raise CodebenchError(f"a code '{new_name}' already exists there")
        before = snapshot(code)
        code.name = new_name
        record(
            session,
            actor or default_actor(),
            "code_rename",
            "code",
            code.id,
            {"before": before, "after": snapshot(code)},
        )


def _within(session: Session, code_id: int, ancestor_id: int) -> bool:
    """Whether ``code_id`` is ``ancestor_id`` or lies somewhere below it."""
    current: int | None = code_id
    while current is not None:
        if current == ancestor_id:
            return True
        current = session.scalar(select(models.Code.parent_id).where(models.Code.id == current))
    return False


def move_code(project: Project, ref: str, new_parent: str | None, actor: str | None = None) -> None:
    """Move a code (with its children) under another code, or to the top with None."""
    with project.transaction() as session:
        serialise(session, CODEBOOK)
        code = find_code(session, ref)
        parent_id = find_code(session, new_parent).id if new_parent else None
        if parent_id is not None and _within(session, parent_id, code.id):
            raise CodebenchError(f"cannot move '{code.name}' under itself or its own child")
        clash = siblings_named(session, parent_id, code.name)
        if clash is not None and clash != code.id:
            raise CodebenchError(f"a code '{code.name}' already exists there")
        before = snapshot(code)
        code.parent_id = parent_id
        record(
            session,
            actor or default_actor(),
            "code_move",
            "code",
            code.id,
            {"before": before, "after": snapshot(code)},
        )


def merge_codes(
    project: Project, source: str, target: str, actor: str | None = None, *, viewer: Viewer
) -> int:
    """Merge ``source`` into ``target``: its codings and children move, then it is removed.

    Returns how many codings moved. A coding identical to one the target already has (same
    coder, document and span) is folded into it rather than duplicated. A blind viewer may
    merge only a code that carries no other coder's codings.
    """
    who = actor or default_actor()
    with project.transaction() as session:
        serialise(session, CODEBOOK)
        src, dst = find_code(session, source), find_code(session, target)
        refuse_others_codings(session, viewer, src.id, f"merge '{src.name}'")
        if src.id == dst.id:
            raise CodebenchError("a code cannot be merged into itself")
        if _within(session, dst.id, src.id):
            raise CodebenchError(f"cannot merge '{src.name}' into its own descendant")
        existing: set[tuple[int, int, int, int]] = set(
            session.execute(
                select(
                    models.Coding.document_id,
                    models.Coding.coder_id,
                    models.Coding.start,
                    models.Coding.end,
                ).where(models.Coding.code_id == dst.id)
            ).all()
        )
        moved = folded = 0
        for coding in session.scalars(
            select(models.Coding).where(models.Coding.code_id == src.id)
        ).all():
            key = (coding.document_id, coding.coder_id, coding.start, coding.end)
            if key in existing:
                session.delete(coding)
                folded += 1
            else:
                coding.code_id = dst.id
                existing.add(key)
                moved += 1
        session.execute(
            update(models.Code).where(models.Code.parent_id == src.id).values(parent_id=dst.id)
        )
        session.flush()
        before = snapshot(src)
        session.delete(src)
        record(
            session,
            who,
            "code_merge",
            "code",
            src.id,
            {"before": before, "into": dst.id, "moved": moved, "folded": folded},
        )
        return moved


def delete_code(
    project: Project, ref: str, force: bool = False, actor: str | None = None, *, viewer: Viewer
) -> int:
    """Delete a code without children; with codings only when forced (they go to the log).
    A blind viewer may delete only a code that carries no other coder's codings."""
    who = actor or default_actor()
    with project.transaction() as session:
        serialise(session, CODEBOOK)
        code = find_code(session, ref)
        refuse_others_codings(session, viewer, code.id, f"delete '{code.name}'")
        if session.scalar(select(models.Code.id).where(models.Code.parent_id == code.id).limit(1)):
            raise CodebenchError(f"'{code.name}' has child codes; move or delete them first")
        codings = session.scalars(
            select(models.Coding).where(models.Coding.code_id == code.id)
        ).all()
        if codings and not force:
            raise CodebenchError(
                f"'{code.name}' has {len(codings)} codings; merge it into another code, "
                "or delete with --force"
            )
        for coding in codings:
            delete_coding(session, who, coding, extra={"reason": "code deleted"})
        record(session, who, "code_delete", "code", code.id, {"before": snapshot(code)})
        session.delete(code)
        return len(codings)
