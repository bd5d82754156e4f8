"""The codebook as a file: loading one into the project, and exporting the project's.

Loading merges: a code in the file is matched to a project code by GUID, else by path, and
updated; new codes are added; project codes the file lacks are kept (never silently dropped,
since they may carry codings). A load is one transaction with its events in the log.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from codebench.codebook.formats import load_codebook as read_codebook_file
from codebench.codebook.model import Codebook, CodeSpec, iter_codes
from codebench.environment import default_actor
from codebench.errors import CodebenchError
from codebench.services.codebook.lookup import PATH_SEPARATOR, code_paths
from codebench.services.codebook.rules import (
    CODEBOOK,
    EDITABLE,
    check_shortcuts,
    check_sibling_names,
    snapshot,
)
from codebench.services.events import record
from codebench.services.project import Project
from codebench.storage import models
from codebench.storage.locks import serialise


@dataclass(frozen=True)
class LoadResult:
    added: int
    updated: int
    unchanged: int
    kept: tuple[str, ...]


def _apply_spec(code: models.Code, spec: CodeSpec) -> None:
    for name in EDITABLE:
        value = getattr(spec, name)
        setattr(code, name, list(value) if name == "keywords" else value)


def load_codebook_file(project: Project, path: Path, actor: str | None = None) -> LoadResult:
    """Read, validate and merge a codebook file; nothing changes if the file is invalid."""
    return merge_codebook(project, read_codebook_file(path), actor, source=str(path))


def merge_codebook(
    project: Project, codebook: Codebook, actor: str | None = None, source: str = ""
) -> LoadResult:
    """Merge ``codebook`` into the project: by GUID, else by path; refused whole (one line naming
    ``source``) when two of its codes would claim one project code or two codes one name."""
    who = actor or default_actor()
    where = f"{source}: " if source else ""
    added = updated = unchanged = 0
    with project.transaction() as session:
        serialise(session, CODEBOOK)
        by_guid = {c.guid: c for c in session.scalars(select(models.Code))}
        old_paths = code_paths(session)
        paths = {path.casefold(): cid for cid, path in old_paths.items()}
        seen: dict[int, str] = {}
        ids_by_path: dict[tuple[str, ...], int] = {}
        for position, (path, spec) in enumerate(iter_codes(codebook)):
            parent_id = ids_by_path.get(path[:-1]) if len(path) > 1 else None
            code = by_guid.get(spec.guid.lower()) if spec.guid else None
            if code is None:
                match = paths.get(PATH_SEPARATOR.join(path).casefold())
                code = session.get(models.Code, match) if match is not None else None
            if code is not None and code.id in seen:
                raise CodebenchError(
                    f"{where}'{PATH_SEPARATOR.join(path)}' and '{seen[code.id]}' both match "
                    f"the project's code '{old_paths[code.id]}' (by GUID or by path)"
                )
            if code is None:
                code = models.Code(
                    name=spec.name,
                    parent_id=parent_id,
                    position=position,
                    guid=(spec.guid or str(uuid.uuid4())).lower(),
                )
                _apply_spec(code, spec)
                session.add(code)
                session.flush()
                record(session, who, "code_add", "code", code.id, {"after": snapshot(code)})
                added += 1
            else:
                before = snapshot(code)
                code.name, code.parent_id, code.position = spec.name, parent_id, position
                if spec.guid:
                    code.guid = spec.guid.lower()
                _apply_spec(code, spec)
                after = snapshot(code)
                if after != before:
                    session.flush()
                    data = {"before": before, "after": after, "source": source}
                    record(session, who, "code_update", "code", code.id, data)
                    updated += 1
                else:
                    unchanged += 1
            ids_by_path[path] = code.id
            seen[code.id] = PATH_SEPARATOR.join(path)
        session.flush()
        check_sibling_names(session, where)
        check_shortcuts(session, where)
        kept = tuple(sorted(p for cid, p in code_paths(session).items() if cid not in seen))
    return LoadResult(added, updated, unchanged, kept)


def export_codebook(project: Project) -> Codebook:
    """The project's codebook as a file-level structure, in tree order."""
    with project.reading() as session:
        meta = session.scalar(select(models.Project))
        codes = session.scalars(select(models.Code).order_by(models.Code.position, models.Code.id))
        specs: dict[int, CodeSpec] = {}
        roots: list[CodeSpec] = []
        children: dict[int | None, list[tuple[int, CodeSpec]]] = {}
        for code in codes:
            spec = CodeSpec(
                name=code.name,
                **{name: getattr(code, name) for name in EDITABLE if name != "keywords"},
                keywords=list(code.keywords or []),
                guid=code.guid,
                children=[],
            )
            specs[code.id] = spec
            children.setdefault(code.parent_id, []).append((code.id, spec))
        for parent_id, kids in children.items():
            target = roots if parent_id is None else specs[parent_id].children
            target.extend(spec for _, spec in kids)
        return Codebook(
            name=meta.name if meta else "codebook",
            language=meta.language if meta else None,
            description=None,
            codes=roots,
        )
