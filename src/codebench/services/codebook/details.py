"""A code's definition as the coding screen's panel shows it, with its memo when it may be read."""

from __future__ import annotations

from dataclasses import dataclass

from codebench.errors import CodebenchError
from codebench.services.codebook.lookup import code_paths
from codebench.services.memos import memo_author, memo_on
from codebench.services.project import Project
from codebench.services.viewer import Viewer
from codebench.storage import models


@dataclass(frozen=True)
class CodeDetails:
    id: int
    path: str
    name: str
    name_en: str | None
    description: str | None
    inclusion: str | None
    exclusion: str | None
    example: str | None
    colour: str | None
    shortcut: str | None
    status: str | None
    keywords: tuple[str, ...]
    memo: str | None


def code_details(project: Project, code_id: int, *, viewer: Viewer) -> CodeDetails:
    """A code's definition, and its memo if the viewer may read it (as
    :func:`~codebench.services.memos.get_memo` decides)."""
    with project.reading() as session:
        code = session.get(models.Code, code_id)
        if code is None:
            raise CodebenchError("that code no longer exists")
        memo = memo_on(session, "code", code_id)
        shown = memo is not None and viewer.sees(memo_author(session, memo))
        return CodeDetails(
            id=code.id,
            path=code_paths(session)[code.id],
            name=code.name,
            name_en=code.name_en,
            description=code.description,
            inclusion=code.inclusion,
            exclusion=code.exclusion,
            example=code.example,
            colour=code.colour,
            shortcut=code.shortcut,
            status=code.status,
            keywords=tuple(code.keywords or ()),
            memo=memo.text if memo is not None and shown else None,
        )
