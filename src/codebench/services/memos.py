"""Memos on the project, a document or a code: free text a coder writes while coding.

A memo is where a coder explains their coding, so blind mode covers memos too: a blind viewer
reads only a memo they wrote last and cannot overwrite one they were never shown.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebench.errors import CodebenchError
from codebench.services.coders import get_or_create_coder
from codebench.services.events import record
from codebench.services.project import Project
from codebench.services.viewer import Viewer
from codebench.storage import models
from codebench.storage.locks import serialise


def memo_on(session: Session, target_type: str, target_id: int | None) -> models.Memo | None:
    return session.scalar(
        select(models.Memo).where(
            models.Memo.target_type == target_type, models.Memo.target_id == target_id
        )
    )


def memo_author(session: Session, memo: models.Memo) -> str | None:
    """Who last wrote the memo (None if unknown, e.g. imported without a user)."""
    coder = session.get(models.Coder, memo.coder_id) if memo.coder_id is not None else None
    return coder.name if coder is not None else None


def get_memo(project: Project, target_type: str, target_id: int | None, *, viewer: Viewer) -> str:
    """The memo on the project, a document or a code. A blind viewer reads only a memo they
    wrote last: a memo is where a coder explains their coding, so another's would unblind."""
    with project.reading() as session:
        memo = memo_on(session, target_type, target_id)
        if memo is None or not viewer.sees(memo_author(session, memo)):
            return ""
        return memo.text


def set_memo(
    project: Project,
    target_type: str,
    target_id: int | None,
    text: str,
    coder: str,
    *,
    blind: bool = False,
) -> None:
    """Write the memo on the project, a document or a code (empty text deletes it).

    A ``blind`` coder cannot see a memo another coder wrote (:func:`get_memo`), so changing it
    is refused rather than silently overwriting words they were never shown.
    """
    with project.transaction() as session:
        serialise(session, f"memo:{target_type}:{target_id}")
        memo = memo_on(session, target_type, target_id)
        if memo is not None and blind and memo_author(session, memo) != coder:
            raise CodebenchError(
                f"another coder wrote the memo on this {target_type}; "
                "it cannot be changed while coding blind"
            )
        before = memo.text if memo else None
        text = text.strip()
        if (before or "") == text:
            return
        coder_id = get_or_create_coder(session, coder).id
        if memo is None:
            session.add(
                models.Memo(
                    target_type=target_type, target_id=target_id, text=text, coder_id=coder_id
                )
            )
        elif text:
            memo.text, memo.coder_id, memo.updated_at = text, coder_id, models.utcnow()
        else:
            session.delete(memo)
        session.flush()
        record(session, coder, "memo", target_type, target_id, {"before": before, "after": text})
