"""What every codebook change checks and logs: the fields a researcher edits, the lock that
serialises changes, a code's logged state, and the rules no change may break (two siblings of
one name, one shortcut on two codes). Loading a file and editing a code both hold to them.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from codebench.codebook.model import FIELDS
from codebench.errors import CodebenchError
from codebench.services.codebook.lookup import PATH_SEPARATOR, code_paths
from codebench.services.names import check_name
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


def path_parts(name: str) -> list[str]:
    """A new code's name as the parts of a path: ``'Knelpunten > Tempo'`` is the code ``Tempo``
    in the group ``Knelpunten``; a plain name is a path of one part.

    ``>`` separates the groups of a path wherever codebench reads one
    (:func:`~codebench.services.codebook.lookup.find_code`), so no code's name may hold it: a
    name that would is read as a path. An empty part (``'Knelpunten >'``) is refused, and so is
    a part longer than a code's name may be (:func:`~codebench.services.names.check_name`).
    """
    parts = [part.strip() for part in name.split(">")]
    if not parts[-1] and len(parts) == 1:
        raise CodebenchError("a code needs a name")
    for group in parts[:-1]:
        check_name("group", group, models.Code.name)
    check_name("code", parts[-1], models.Code.name)
    if not all(parts):
        shown = PATH_SEPARATOR.join(parts).strip()
        raise CodebenchError(
            f"'{shown}' has an empty part: '>' separates the groups of a code path "
            "(write 'Group > Code')"
        )
    return parts


def plain_name(name: str) -> str:
    """A new name for an existing code (a rename): a name, never a path, since renaming does
    not move a code."""
    parts = path_parts(name)
    if len(parts) > 1:
        raise CodebenchError(
            f"a code's name cannot hold '>' (it separates the groups of a path): "
            f"to put the code in '{PATH_SEPARATOR.join(parts[:-1])}', move it there"
        )
    return parts[0]


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
