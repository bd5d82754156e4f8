"""Finding codes the way users name them: a path ("Knelpunten > Budget") or a name."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebench.errors import CodebenchError
from codebench.services.names import quoted
from codebench.storage import models

PATH_SEPARATOR = " > "


def code_paths(session: Session) -> dict[int, str]:
    """Every code's full path, computed from the whole (small) tree in one query."""
    rows = {
        code_id: (name, parent)
        for code_id, name, parent in session.execute(
            select(models.Code.id, models.Code.name, models.Code.parent_id)
        ).all()
    }
    paths: dict[int, str] = {}

    def path_of(code_id: int) -> str:
        if code_id not in paths:
            name, parent = rows[code_id]
            paths[code_id] = name if parent is None else path_of(parent) + PATH_SEPARATOR + name
        return paths[code_id]

    for code_id in rows:
        path_of(code_id)
    return paths


def subtree_ids(session: Session, code_id: int) -> set[int]:
    """``code_id`` and every code below it (a group's passages are its sub-codes' too)."""
    children: dict[int | None, list[int]] = {}
    for child, parent in session.execute(select(models.Code.id, models.Code.parent_id)).all():
        children.setdefault(parent, []).append(child)
    found = {code_id}
    stack = [code_id]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def find_code(session: Session, ref: str) -> models.Code:
    """A code by its full path, or by a name that only one code has (case-insensitive)."""
    wanted = PATH_SEPARATOR.join(part.strip() for part in ref.split(">")).casefold()
    paths = code_paths(session)
    by_path = [cid for cid, path in paths.items() if path.casefold() == wanted]
    if not by_path:
        by_path = [
            cid
            for cid, path in paths.items()
            if path.rsplit(PATH_SEPARATOR, 1)[-1].casefold() == wanted
        ]
    if len(by_path) == 1:
        code = session.get(models.Code, by_path[0])
        assert code is not None
        return code
    if not by_path:
        raise CodebenchError(
            f"no code {quoted(ref)} in the codebook (see 'codebench codebook show')"
        )
    options = "; ".join(sorted(paths[cid] for cid in by_path))
    raise CodebenchError(f"{quoted(ref)} names several codes ({options}); give the full path")
