"""The project's codebook: loading a file into it, exporting it, and editing it code by code.

Loading merges: a code in the file is matched to a project code by GUID, else by path, and
updated; new codes are added; project codes the file lacks are kept (never silently dropped,
since they may carry codings). Every change is one transaction with its events in the log.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from codebench.codebook.formats import load_codebook as read_codebook_file
from codebench.codebook.model import FIELDS, STATUSES, Codebook, CodeSpec, iter_codes
from codebench.errors import CodebenchError
from codebench.services.codebook.lookup import PATH_SEPARATOR, code_paths, find_code
from codebench.services.coding.changes import delete_coding
from codebench.services.events import default_actor, record
from codebench.services.project import Project
from codebench.services.viewer import Viewer, refuse_others_codings
from codebench.storage import models
from codebench.storage.locks import serialise

# Everything a researcher edits about a code; name, place and GUID are handled separately.
EDITABLE = tuple(f for f in FIELDS if f not in ("name", "guid", "children"))
# One lock for every codebook change: names and places are checked across codes.
CODEBOOK = "codebook"


@dataclass(frozen=True)
class LoadResult:
    added: int
    updated: int
    unchanged: int
    kept: tuple[str, ...]


def _snapshot(code: models.Code) -> dict[str, object]:
    return {
        "name": code.name,
        "parent_id": code.parent_id,
        "position": code.position,
        "guid": code.guid,
        **{name: getattr(code, name) for name in EDITABLE},
    }


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
                record(session, who, "code_add", "code", code.id, {"after": _snapshot(code)})
                added += 1
            else:
                before = _snapshot(code)
                code.name, code.parent_id, code.position = spec.name, parent_id, position
                if spec.guid:
                    code.guid = spec.guid.lower()
                _apply_spec(code, spec)
                after = _snapshot(code)
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
        _check_sibling_names(session, where)
        _check_shortcuts(session, where)
        kept = tuple(sorted(p for cid, p in code_paths(session).items() if cid not in seen))
    return LoadResult(added, updated, unchanged, kept)


def _check_sibling_names(session: Session, where: str = "") -> None:
    """A merge may move or rename a code next to one the file lacks: never two of one name."""
    names: dict[tuple[int | None, str], int] = {}
    for code_id, parent_id, name in session.execute(
        select(models.Code.id, models.Code.parent_id, models.Code.name)
    ):
        if names.setdefault((parent_id, name.casefold()), code_id) != code_id:
            path = code_paths(session)[code_id]
            raise CodebenchError(f"{where}two codes would be named '{path}'")


def _check_shortcuts(session: Session, where: str = "") -> None:
    rows = session.execute(
        select(models.Code.shortcut, func.count(models.Code.id))
        .where(models.Code.shortcut.is_not(None))
        .group_by(models.Code.shortcut)
        .having(func.count(models.Code.id) > 1)
    ).all()
    if rows:
        raise CodebenchError(f"{where}shortcut '{rows[0][0]}' would be used by {rows[0][1]} codes")


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


def _siblings_named(session: Session, parent_id: int | None, name: str) -> int | None:
    return session.scalar(
        select(models.Code.id).where(
            models.Code.parent_id.is_(None)
            if parent_id is None
            else models.Code.parent_id == parent_id,
            func.lower(models.Code.name) == name.casefold(),
        )
    )


def insert_code(
    session: Session, name: str, parent_id: int | None, actor: str, **attributes: object
) -> models.Code:
    """Add a code inside the caller's transaction: the one place that checks the name, places
    the code last, gives it a GUID and logs it (the editor and inductive coding both use it)."""
    name = name.strip()
    if not name:
        raise CodebenchError("a code needs a name")
    serialise(session, CODEBOOK)
    unknown = set(attributes) - set(EDITABLE)
    if unknown:
        raise CodebenchError(f"unknown code field(s): {', '.join(sorted(unknown))}")
    if _siblings_named(session, parent_id, name) is not None:
        raise CodebenchError(f"a code '{name}' already exists there")
    position = session.scalar(select(func.coalesce(func.max(models.Code.position), -1))) or 0
    code = models.Code(
        name=name, parent_id=parent_id, position=position + 1, guid=str(uuid.uuid4())
    )
    for key, value in attributes.items():
        setattr(code, key, value)
    session.add(code)
    session.flush()
    _check_shortcuts(session)
    record(session, actor, "code_add", "code", code.id, {"after": _snapshot(code)})
    return code


def add_code(
    project: Project,
    name: str,
    parent: str | None = None,
    actor: str | None = None,
    **attributes: object,
) -> int:
    """Add a code (under ``parent`` if given); returns its id."""
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
        before = _snapshot(code)
        for name, value in changes.items():
            setattr(code, name, value if value != "" else None)
        session.flush()
        _check_shortcuts(session)
        after = _snapshot(code)
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
    new_name = new_name.strip()
    if not new_name:
        raise CodebenchError("a code needs a name")
    with project.transaction() as session:
        serialise(session, CODEBOOK)
        code = find_code(session, ref)
        clash = _siblings_named(session, code.parent_id, new_name)
        if clash is not None and clash != code.id:
            raise CodebenchError(f"a code '{new_name}' already exists there")
        before = _snapshot(code)
        code.name = new_name
        record(
            session,
            actor or default_actor(),
            "code_rename",
            "code",
            code.id,
            {"before": before, "after": _snapshot(code)},
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
        clash = _siblings_named(session, parent_id, code.name)
        if clash is not None and clash != code.id:
            raise CodebenchError(f"a code '{code.name}' already exists there")
        before = _snapshot(code)
        code.parent_id = parent_id
        record(
            session,
            actor or default_actor(),
            "code_move",
            "code",
            code.id,
            {"before": before, "after": _snapshot(code)},
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
        before = _snapshot(src)
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
        record(session, who, "code_delete", "code", code.id, {"before": _snapshot(code)})
        session.delete(code)
        return len(codings)
