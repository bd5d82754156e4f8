"""Applying and removing codes, and editing a coding: each one unit of work, by id.

These are the coding actions the TUI's keys and the command line both end in (the command
line first finds the ids a user's names stand for, :mod:`codebench.services.coding.by_name`).
A coder changes only their own codings: one that is another coder's is refused without naming
who made it.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from codebench.errors import CodebenchError
from codebench.services.codebook.edits import insert_code
from codebench.services.coders import get_or_create_coder
from codebench.services.coding.changes import create_coding, delete_coding, update_coding
from codebench.services.coding.views import CodingView, coding_views
from codebench.services.project import Project
from codebench.storage import models

NEW_CODE_COLOURS = ("#e07a5f", "#3d85c6", "#81b29a", "#f2cc8f", "#b565a7", "#5fa8d3", "#c9a227")


def _own_coding(session: Session, coding_id: int, coder: str) -> models.Coding:
    coding = session.get(models.Coding, coding_id)
    if coding is None:
        raise CodebenchError("that coding no longer exists")
    owner = session.get(models.Coder, coding.coder_id)
    if owner is None or owner.name != coder:
        # Not naming the owner: a blind coder probing coding ids learns nothing of who coded.
        raise CodebenchError("that coding is another coder's; you can change only your own")
    return coding


def apply_code_to_span(
    project: Project,
    document_id: int,
    code_id: int,
    coder: str,
    start: int,
    end: int,
    *,
    memo: str | None = None,
    exemplar: bool = False,
) -> CodingView:
    """Code a passage: the one apply action, whether a key or a command asked for it."""
    with project.transaction() as session:
        return _apply(session, document_id, code_id, coder, (start, end), memo, exemplar)


def _apply(
    session: Session,
    document_id: int,
    code_id: int,
    coder: str,
    span: tuple[int, int],
    memo: str | None = None,
    exemplar: bool = False,
) -> CodingView:
    values = {
        "document_id": document_id,
        "code_id": code_id,
        "coder_id": get_or_create_coder(session, coder).id,
        "start": span[0],
        "end": span[1],
        "memo": memo or None,
        "exemplar": exemplar,
    }
    return coding_views(session, [create_coding(session, coder, values)])[0]


def remove_coding(project: Project, coding_id: int, coder: str) -> None:
    """Remove one of the coder's own codings (the key on a coding under the cursor)."""
    remove_codings(project, [coding_id], coder)


def remove_codings(project: Project, coding_ids: Sequence[int], coder: str) -> None:
    """Remove codings of the coder's own, all or none: the one remove action."""
    with project.transaction() as session:
        for coding_id in coding_ids:
            delete_coding(session, coder, _own_coding(session, coding_id, coder))


def set_exemplar(project: Project, coding_id: int, coder: str, exemplar: bool) -> None:
    with project.transaction() as session:
        coding = _own_coding(session, coding_id, coder)
        if coding.exemplar != exemplar:
            update_coding(session, coder, coding, {"exemplar": exemplar})


def set_coding_memo(project: Project, coding_id: int, coder: str, memo: str) -> None:
    with project.transaction() as session:
        coding = _own_coding(session, coding_id, coder)
        text = memo.strip() or None
        if coding.memo != text:
            update_coding(session, coder, coding, {"memo": text})


def create_code_and_apply(
    project: Project,
    name: str,
    parent_id: int | None,
    document_id: int,
    coder: str,
    start: int,
    end: int,
) -> CodingView:
    """Inductive coding: a new code from the selection, applied to it, in one transaction."""
    with project.transaction() as session:
        count = session.scalar(select(func.count(models.Code.id))) or 0
        code = insert_code(
            session,
            name,
            parent_id,
            coder,
            colour=NEW_CODE_COLOURS[count % len(NEW_CODE_COLOURS)],
            status="candidate",
            keywords=[],
        )
        return _apply(session, document_id, code.id, coder, (start, end))
