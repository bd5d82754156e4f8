"""What every codebook change checks and logs: the fields a researcher edits, the lock that
serialises changes, a code's logged state, and the rules no change may break (two siblings of
one name, one shortcut on two codes). Loading a file and editing a code both hold to them.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from codebench.codebook.model import FIELDS
from codebench.errors import CodebenchError
from codebench.services.codebook.lookup import code_paths
from codebench.storage import models

# Everything a researcher edits about a code; name, place and GUID are handled separately.
EDITABLE = tuple(f for f in FIELDS if f not in ("name", "guid", "children"))
# One lock for every codebook change: names and places are checked across codes.
CODEBOOK = "codebook"


def snapshot(code: models.Code) -> dict[str, object]:
    return {
        "name": code.name,
        "parent_id": code.parent_id,
        "position": code.position,
        "guid": code.guid,
        **{name: getattr(code, name) for name in EDITABLE},
    }


def check_sibling_names(session: Session, where: str = "") -> None:
    """A merge may move or rename a code next to one the file lacks: never two of one name."""
    names: dict[tuple[int | None, str], int] = {}
    for code_id, parent_id, name in session.execute(
        select(models.Code.id, models.Code.parent_id, models.Code.name)
    ):
        if names.setdefault((parent_id, name.casefold()), code_id) != code_id:
            path = code_paths(session)[code_id]
            raise CodebenchError(f"{where}two codes would be named '{path}'")


def check_shortcuts(session: Session, where: str = "") -> None:
    rows = session.execute(
        select(models.Code.shortcut, func.count(models.Code.id))
        .where(models.Code.shortcut.is_not(None))
        .group_by(models.Code.shortcut)
        .having(func.count(models.Code.id) > 1)
    ).all()
    if rows:
        raise CodebenchError(f"{where}shortcut '{rows[0][0]}' would be used by {rows[0][1]} codes")


def siblings_named(session: Session, parent_id: int | None, name: str) -> int | None:
    return session.scalar(
        select(models.Code.id).where(
            models.Code.parent_id.is_(None)
            if parent_id is None
            else models.Code.parent_id == parent_id,
            func.lower(models.Code.name) == name.casefold(),
        )
    )
