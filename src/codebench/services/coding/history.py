"""Undo and redo, read from the event log so that they survive a restart.

A coder's undo and redo stacks are not stored anywhere: they are rebuilt by replaying that
coder's coding events in order. An ordinary change is pushed onto the undo stack and clears
the redo stack; an ``undo`` event pops the undo stack and is itself pushed onto the redo stack;
a ``redo`` event pops the redo stack and is pushed onto the undo stack. Undo and redo both
apply the inverse of the operation on top of their stack and record it as an event of its own,
so the log stays append-only and tells the whole story.

Besides codings, a coder's stack holds the corrections made to documents: speaker edits
(:mod:`codebench.services.documents.speakers`), removals and re-imports
(:mod:`codebench.services.documents.removal`). Each event holds its own ``op``, and the inverse
of an op is again an op (remove <-> restore, replace <-> replace, speakers <-> speakers), so undo
and redo of every kind of change read and write the same log.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebench.errors import CodebenchError
from codebench.services.coding.changes import create_coding, delete_coding, update_coding
from codebench.services.coding.lineage import REDO, UNDO, coding_now, origin
from codebench.services.documents import removal, speakers
from codebench.services.documents.places import Places
from codebench.services.events import record
from codebench.services.project import Project
from codebench.storage import models

UNDOABLE = ("apply_code", "remove_code", "update_coding")
DOCUMENT_UNDOABLE = (
    speakers.EDIT_SPEAKERS,
    removal.REMOVE_DOCUMENT,
    removal.REPLACE_DOCUMENT,
)
CODINGS, SPEAKERS, DOCUMENTS = "codings", "speakers", "documents"


@dataclass(frozen=True)
class HistoryStep:
    """What an undo or redo did, so the screen can say it, show the place and know what to
    read again (``changed``: codings, the speakers of a document, or the documents).

    ``description`` is what this step did now ("removed 'Tempo' from interview_04 sentence
    12"); ``change`` is the coder's change it took back or made again ("applied 'Tempo' to
    interview_04 sentence 12"), which :attr:`message` says."""

    action: str
    document_id: int
    start: int
    end: int
    description: str
    changed: str = CODINGS
    change: str = ""

    @property
    def message(self) -> str:
        """ "Undid: applied 'Tempo' to interview_04 sentence 12" (or "Redid: ...")."""
        done = "Undid" if self.action == UNDO else "Redid"
        return f"{done}: {self.change or self.description}"


def _stacks(session: Session, actor: str) -> tuple[list[models.Event], list[models.Event]]:
    undo: list[models.Event] = []
    redo: list[models.Event] = []
    events = session.scalars(
        select(models.Event)
        .where(
            models.Event.actor == actor,
            models.Event.entity.in_(("coding", "document")),
            models.Event.action.in_((*UNDOABLE, *DOCUMENT_UNDOABLE, UNDO, REDO)),
        )
        .order_by(models.Event.id)
    )
    for event in events:
        if event.action == UNDO:
            if undo:
                undo.pop()
                redo.append(event)
        elif event.action == REDO:
            if redo:
                redo.pop()
                undo.append(event)
        elif "op" in event.data:
            undo.append(event)
            redo.clear()
    return undo, redo


def _place(session: Session, coding: dict[str, Any]) -> str:
    """Where a coding lies, as the transcript numbers it: "interview_04 sentence 12" (or
    "sentences 12-14"); the document's name alone when the span holds no sentence."""
    document_id = coding["document_id"]
    places = Places(session, {document_id})
    name = places.names.get(document_id, "a removed document")
    first, last = places.sentences(document_id, coding["start"], coding["end"])
    if last < first:
        return name
    if first == last:
        return f"{name} sentence {first + 1}"
    return f"{name} sentences {first + 1}-{last + 1}"


def _code_name(session: Session, code_id: object) -> str:
    code = session.get(models.Code, code_id) if code_id is not None else None
    return f"'{code.name}'" if code is not None else "a code"


def _describe(session: Session, op: dict[str, Any], coding: dict[str, Any]) -> str:
    """A coding change in words, with the code's name and the coding's place: "applied
    'Tempo' to interview_04 sentence 12". ``coding`` holds the coding's fields as they are
    after the change (its code, document, start and end)."""
    name = _code_name(session, coding.get("code_id"))
    place = _place(session, coding)
    if op["op"] == "create":
        return f"applied {name} to {place}"
    if op["op"] == "delete":
        return f"removed {name} from {place}"
    before, after = op.get("before", {}), op.get("after", {})
    if "exemplar" in after:
        if after["exemplar"]:
            return f"starred {name} in {place} as exemplar"
        return f"took the exemplar star off {name} in {place}"
    if "memo" in after:
        if not after["memo"]:
            return f"removed the memo on {name} in {place}"
        return f"{'wrote' if not before.get('memo') else 'changed'} the memo on {name} in {place}"
    if "code_id" in after:
        return f"changed {_code_name(session, before.get('code_id'))} to {name} in {place}"
    if "start" in after or "end" in after:
        return f"changed the passage of {name} in {place}"
    return f"changed {name} in {place}"


def _inverse(op: dict[str, Any]) -> dict[str, Any]:
    """The operation that takes ``op`` back (what an undo of it does)."""
    if op["op"] == "update":
        return {"op": "update", "before": op["after"], "after": op["before"]}
    return {"op": "delete" if op["op"] == "create" else "create", "coding": op.get("coding")}


def _invert(session: Session, actor: str, event: models.Event, action: str) -> HistoryStep:
    """Apply the inverse of ``event``'s operation, recorded as an ``action`` event."""
    op = event.data
    link = {"undoes" if action == UNDO else "redoes": event.id}
    if event.entity == "document":
        try:
            return _invert_document(session, actor, event, action, link)
        except CodebenchError as exc:
            raise CodebenchError(f"cannot {action}: {exc}") from exc
    if op["op"] == "delete":
        values = dict(op["coding"])
        extra = {**origin(session, event), **link}
        try:
            created = create_coding(
                session, actor, values, action=action, extra=extra, old_id=event.entity_id
            )
        except CodebenchError as exc:
            raise CodebenchError(f"cannot {action}: {exc}") from exc
        values = {**values, "coding_id": created.id}
    else:
        # The coding the event changed, followed through the undos and redos since.
        coding = coding_now(session, event)
        if coding is None:
            raise CodebenchError(f"cannot {action}: that coding no longer exists")
        if op["op"] == "create":
            values = dict(op["coding"])
            delete_coding(session, actor, coding, action=action, extra=link)
        else:
            update_coding(session, actor, coding, dict(op["before"]), action=action, extra=link)
            values = {
                "document_id": coding.document_id,
                "code_id": coding.code_id,
                "start": coding.start,
                "end": coding.end,
            }
    done = _inverse(op)
    description = _describe(session, done, values)
    # An undo takes back the event's change; a redo makes again the change it now applies.
    change = _describe(session, op, values) if action == UNDO else description
    return HistoryStep(
        action, values["document_id"], values["start"], values["end"], description, CODINGS, change
    )


def undo(project: Project, actor: str) -> HistoryStep:
    """Undo the coder's latest coding change (also one made before a restart)."""
    with project.transaction() as session:
        stack, _ = _stacks(session, actor)
        if not stack:
            raise CodebenchError("nothing to undo")
        return _invert(session, actor, stack[-1], UNDO)


def redo(project: Project, actor: str) -> HistoryStep:
    """Redo the change the coder's latest undo reversed, unless something happened since."""
    with project.transaction() as session:
        _, stack = _stacks(session, actor)
        if not stack:
            raise CodebenchError("nothing to redo")
        return _invert(session, actor, stack[-1], REDO)


def _invert_document(
    session: Session, actor: str, event: models.Event, action: str, link: dict[str, Any]
) -> HistoryStep:
    """The inverse of a speaker edit, a removal, a restore or a re-import of a document."""
    op = event.data
    if op["op"] == speakers.SPEAKERS_OP:
        document_id = op["document_id"]
        speakers.restore_speakers(session, document_id, op["before"])
        data = {**op, "before": op["after"], "after": op["before"], **link}
        record(session, actor, action, "document", document_id, data)
        first = _first_turn_start(session, op["before"])
        said = op["description"]
        return HistoryStep(action, document_id, first, first, said, SPEAKERS, said)
    if op["op"] == removal.REMOVE:
        doc = removal.restore_recorded(session, op["document"], actor, action, link)
        restored, removed = f"restored document '{doc.name}'", f"removed document '{doc.name}'"
        change = removed if action == UNDO else restored
        return HistoryStep(action, doc.id, 0, 0, restored, DOCUMENTS, change)
    if op["op"] == removal.RESTORE:
        document = session.get(models.Document, event.entity_id)
        if document is None:
            raise CodebenchError("that document no longer exists")
        name = document.name
        removal.remove_recorded(session, document, actor, action, link)
        restored, removed = f"restored document '{name}'", f"removed document '{name}'"
        change = restored if action == UNDO else removed
        return HistoryStep(action, event.entity_id or 0, 0, 0, removed, DOCUMENTS, change)
    swapped = removal.swap_structure(session, event, actor, action, link)
    said = f"put back the import of '{swapped.name}'"
    return HistoryStep(action, swapped.id, 0, 0, said, DOCUMENTS, f"re-imported '{swapped.name}'")


def _first_turn_start(session: Session, state: dict[str, Any]) -> int:
    starts = [
        turn.start
        for key in state["turns"]
        if (turn := session.get(models.Turn, int(key))) is not None
    ]
    return min(starts, default=0)
