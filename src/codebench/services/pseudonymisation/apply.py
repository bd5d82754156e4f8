"""Applying a plan: the one sanctioned change to a document's text, in one transaction.

Every document's text is replaced span by span, and everything that points into it by offset
(codings, sentences, turns, review decisions, the coding events undo reads) moves through the
document's offset map, so codings stay on the same words, and its words are counted again.
Everything else that may hold a name (speaker and respondent labels, identifying attributes,
memos, document and file names, the event log) is rewritten with the same surrogates. The
key is written, owner-only and beside the project, before the transaction commits: a failed
commit leaves a key with labels nobody uses, never a pseudonymised project without its key.
On SQLite the file is vacuumed afterwards, so no page of the old text lingers in it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from codebench.errors import CodebenchError
from codebench.pseudonymise.known import Known, KnownNames
from codebench.pseudonymise.offsets import OffsetMap, Replacement, replace_spans
from codebench.pseudonymise.surrogates import SurrogateTable
from codebench.pseudonymise.words import spoken_words
from codebench.services.documents.removal import DOCUMENTS
from codebench.services.events import record
from codebench.services.project import Project
from codebench.services.pseudonymisation.keys import read_key, write_key
from codebench.services.pseudonymisation.log import rewrite_log
from codebench.services.pseudonymisation.plan import Finding, Plan, count_categories, text_hash
from codebench.services.pseudonymisation.sources import ACTION
from codebench.storage import models
from codebench.storage.locks import serialise


@dataclass(frozen=True)
class Applied:
    """What a pseudonymisation changed."""

    documents: tuple[str, ...]
    replacements: int
    categories: dict[str, int]
    key: Path
    #: Backup copies beside the project (written before a schema upgrade): they still hold
    #: the text as it was, so the user must remove them or keep them with the key.
    backups: tuple[Path, ...] = ()


def apply_plan(
    project: Project,
    plan: Plan,
    *,
    actor: str,
    rejected: Iterable[tuple[int, int]] = (),
) -> Applied:
    """Make ``plan``'s replacements but the ``rejected`` ones ((document id, start) pairs)."""
    skip = set(rejected)
    accepted = [f for f in plan.findings if (f.document_id, f.start) not in skip]
    table = read_key(plan.key_folder) or SurrogateTable(plan.language)
    for finding in accepted:
        table.record(finding.surrogate, finding.category, finding.text)
    for name in plan.always:
        table.record(name.surrogate, name.category, name.text)
    names = KnownNames(
        (
            Known(form, category, surrogate=label)
            for form, (label, category) in table.forms().items()
        ),
        plan.ordinary,
    )
    with project.transaction() as session:
        serialise(session, DOCUMENTS)
        maps = {}
        for document_id, document, sha in plan.documents:
            mine = [f for f in accepted if f.document_id == document_id]
            maps[document_id] = _replace_text(session, document_id, document, sha, mine)
        _rewrite_free_text(session, names)
        rewrite_log(session, maps, names)
        after = tuple(
            session.scalars(
                select(models.Document.name)
                .where(models.Document.id.in_(maps))
                .order_by(models.Document.name)
            )
        )
        categories = count_categories(accepted)
        record(
            session,
            actor,
            ACTION,
            "project",
            None,
            {"documents": list(after), "replacements": len(accepted), "categories": categories},
        )
        key = write_key(plan.key_folder, table)
    _vacuum(project)
    return Applied(after, len(accepted), categories, key, _backups(project))


def _replace_text(
    session: Session, document_id: int, name: str, sha: str, findings: list[Finding]
) -> OffsetMap:
    """Replace the spans of one document and move every offset that points into it."""
    document = session.get(models.Document, document_id)
    if document is None or text_hash(document.text) != sha:
        raise CodebenchError(f"'{name}' changed since the replacements were found; run again")
    replacements = [Replacement(f.start, f.end, f.surrogate) for f in findings]
    offsets = OffsetMap(replacements)
    document.text = replace_spans(document.text, replacements)
    _move(session, models.Coding, document_id, offsets)
    _move(session, models.Sentence, document_id, offsets)
    _move(session, models.Turn, document_id, offsets, speech=True)
    _move_resolutions(session, document_id, offsets)
    speech = select(models.Turn.speech_start, models.Turn.end).where(
        models.Turn.document_id == document_id
    )
    document.word_count = spoken_words(document.text, session.execute(speech).all())
    return offsets


def _move(
    session: Session, model: Any, document_id: int, offsets: OffsetMap, *, speech: bool = False
) -> None:
    """Move the start and end of every row of ``model`` in one document (one statement)."""
    columns = [model.id, model.start, model.end, *([model.speech_start] if speech else [])]
    rows = session.execute(select(*columns).where(model.document_id == document_id)).all()
    values = []
    for row in rows:
        moved = {"id": row[0], "start": offsets.start(row[1]), "end": offsets.end(row[2])}
        if speech:
            moved["speech_start"] = offsets.start(row[3])
        values.append(moved)
    if values:
        session.execute(update(model), values)


def _move_resolutions(session: Session, document_id: int, offsets: OffsetMap) -> None:
    """Review decisions are unique per unit: deleted and inserted moved, never clashing."""
    table = models.Resolution
    rows = session.scalars(select(table).where(table.document_id == document_id)).all()
    moved = [
        {
            column.key: getattr(row, column.key)
            for column in table.__table__.columns
            if column.key != "id"
        }
        | {"unit_start": offsets.start(row.unit_start), "unit_end": offsets.end(row.unit_end)}
        for row in rows
    ]
    session.execute(delete(table).where(table.document_id == document_id))
    session.add_all(table(**values) for values in moved)
    session.flush()


def _rewrite_free_text(session: Session, names: KnownNames) -> None:
    """Labels, names, attributes and memos: every known form replaced by its surrogate."""
    _rewrite(session, models.Project, "name", names)
    _rewrite(session, models.Document, "name", names, unique=True)
    _rewrite(session, models.Document, "file_name", names)
    _rewrite(session, models.Respondent, "label", names, unique=True)
    _rewrite(session, models.RespondentAttribute, "value", names)
    _rewrite(session, models.Memo, "text", names)
    _rewrite(session, models.Coding, "memo", names)
    speakers = session.scalars(select(models.Speaker)).all()
    labels: dict[tuple[int, str], str] = {}
    for speaker in speakers:
        new = names.replace(speaker.label)
        clash = labels.setdefault((speaker.document_id, new), speaker.label)
        if clash != speaker.label:
            raise CodebenchError(
                f"two speakers of one document would both be called {new!r}; rename one first"
            )
        speaker.label = new
    session.flush()


def _rewrite(
    session: Session, model: Any, column: str, names: KnownNames, *, unique: bool = False
) -> None:
    rows = session.scalars(select(model).where(getattr(model, column).is_not(None))).all()
    seen: set[str] = set()
    for row in rows:
        new = names.replace(getattr(row, column))
        if unique and new in seen:
            raise CodebenchError(
                f"two {model.__tablename__}s would both be called {new!r}; rename one first"
            )
        seen.add(new)
        if new != getattr(row, column):
            setattr(row, column, new)
    session.flush()


def _backups(project: Project) -> tuple[Path, ...]:
    if project.file is None:
        return ()
    return tuple(sorted(project.file.parent.glob(f"{project.file.name}.*.bak")))


def _vacuum(project: Project) -> None:
    """Rebuild a SQLite file so the pages of the old text are gone, and empty its WAL."""
    if project.file is None:
        return
    connection = project.engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute("VACUUM")
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.close()
    finally:
        connection.close()
