"""Who speaks in a transcript, and the edits that fix it after import.

Respondents are project-wide so that "Respondent 4" is one person in every table. Labels that
only say "someone" ("R", "Speaker 1", "P2") mean a different person in every transcript, so
their respondent is named after the document until the user links them to a person.

Detection is a guess, so every guess can be corrected: rename a label, merge two labels that
are one person, set a label's role, link it to a named respondent, or give a turn (and the
unlabelled turns after it) a speaker. The document's text never changes: a turn keeps its
offsets and its codings, only the speaker it points to changes. Each edit is one transaction
with one event that holds the speakers and turns it touched before and after, so the history
module can undo and redo it like a coding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from codebench.errors import CodebenchError
from codebench.roles import ROLES
from codebench.services.columns import width
from codebench.services.documents.overview import find_document
from codebench.services.documents.respondents import respondent_named
from codebench.services.events import record
from codebench.services.project import Project
from codebench.storage import models
from codebench.storage.locks import serialise

INTERVIEWER_LABELS = re.compile(
    r"^(i|int|interviewer|interviewster|interviewer \d+|onderzoeker|moderator|q|vraag)$",
    re.IGNORECASE,
)
DOCUMENT_LOCAL_LABELS = re.compile(
    r"^(r|b|a|p\d*|respondent|interviewee|geïnterviewde|(speaker|spreker|deelnemer) ?\d*)$",
    re.IGNORECASE,
)
#: The event action of a speaker edit; history undoes it by its ``op``.
EDIT_SPEAKERS = "edit_speakers"
SPEAKERS_OP = "speakers"
MAX_LABEL = width(models.Speaker.label)


def speaker_role(label: str, interviewers: frozenset[str] = frozenset()) -> str:
    """'interviewer' for conventional interviewer labels or those the user named, else
    'respondent'."""
    if label.casefold() in interviewers or INTERVIEWER_LABELS.match(label.strip()):
        return "interviewer"
    return "respondent"


def respondent_label(speaker_label: str, document_name: str) -> str:
    """The project-wide respondent a speaker of a document is, before any CSV says otherwise."""
    if DOCUMENT_LOCAL_LABELS.match(speaker_label.strip()):
        return f"{document_name} / {speaker_label}"
    return speaker_label


def _named_respondent(session: Session, document: models.Document, label: str) -> int:
    """The id of the respondent a speaker label of ``document`` names (see respondent_label)."""
    return respondent_named(session, respondent_label(label, document.name)).id


def _new_speaker(
    session: Session, document: models.Document, label: str, role: str
) -> models.Speaker:
    """A speaker of ``document``; a respondent is linked to the respondent its label names."""
    respondent_id = None
    if role == "respondent":
        respondent_id = _named_respondent(session, document, label)
    speaker = models.Speaker(
        document_id=document.id, label=label, role=role, respondent_id=respondent_id
    )
    session.add(speaker)
    session.flush()
    return speaker


# --- reading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SpeakerRow:
    """One speaker of one document, with how much they say."""

    document: str
    label: str
    role: str
    respondent: str | None
    turns: int
    words: int


def list_speakers(project: Project, document: str | None = None) -> list[SpeakerRow]:
    """Every speaker (of one document, or all), in document order, with turn and word counts."""
    with project.reading() as session:
        query = (
            select(models.Document)
            .order_by(models.Document.name)
            .where(
                *([models.Document.id == find_document(session, document).id] if document else [])
            )
        )
        respondents = dict(
            session.execute(select(models.Respondent.id, models.Respondent.label)).all()
        )
        rows: list[SpeakerRow] = []
        for doc in session.scalars(query):
            rows.extend(_document_speakers(session, doc, respondents))
        return rows


def _document_speakers(
    session: Session, doc: models.Document, respondents: dict[int, str]
) -> list[SpeakerRow]:
    counts: dict[int, list[int]] = {}
    for speaker_id, speech_start, end in session.execute(
        select(models.Turn.speaker_id, models.Turn.speech_start, models.Turn.end).where(
            models.Turn.document_id == doc.id
        )
    ):
        if speaker_id is None:
            continue
        turns_words = counts.setdefault(speaker_id, [0, 0])
        turns_words[0] += 1
        turns_words[1] += len(doc.text[speech_start:end].split())
    return [
        SpeakerRow(
            doc.name,
            speaker.label,
            speaker.role,
            respondents.get(speaker.respondent_id) if speaker.respondent_id else None,
            *counts.get(speaker.id, [0, 0]),
        )
        for speaker in doc.speakers
    ]


# --- edits ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SpeakerChange:
    """What an edit did, to say on screen: the document, a sentence, and the first turn."""

    document_id: int
    document: str
    description: str
    start: int
    turns: int


class _Edit:
    """Records the state of every speaker and turn an edit touches, before and after.

    Call :meth:`speaker` / :meth:`turn` before changing a row; :meth:`finish` reads the rows
    again and writes the event, so the event always matches what was committed.
    """

    def __init__(self, session: Session, document: models.Document) -> None:
        self.session = session
        self.document = document
        self.speakers: dict[int, dict[str, Any] | None] = {}
        self.turns: dict[int, int | None] = {}

    def speaker(self, speaker: models.Speaker) -> None:
        self.speakers.setdefault(speaker.id, _speaker_state(speaker))

    def turn(self, turn: models.Turn) -> None:
        self.turns.setdefault(turn.id, turn.speaker_id)

    def created(self, speaker: models.Speaker) -> None:
        self.speakers.setdefault(speaker.id, None)

    def finish(self, actor: str, description: str) -> SpeakerChange:
        self.session.flush()
        after_speakers = {
            speaker_id: _speaker_state(row)
            if (row := self.session.get(models.Speaker, speaker_id))
            else None
            for speaker_id in self.speakers
        }
        after_turns = {
            turn_id: self.session.get(models.Turn, turn_id).speaker_id  # type: ignore[union-attr]
            for turn_id in self.turns
        }
        data = {
            "op": SPEAKERS_OP,
            "document_id": self.document.id,
            "description": description,
            "before": _state(self.speakers, self.turns),
            "after": _state(after_speakers, after_turns),
        }
        record(self.session, actor, EDIT_SPEAKERS, "document", self.document.id, data)
        starts = [
            self.session.get(models.Turn, turn_id).start  # type: ignore[union-attr]
            for turn_id in self.turns
        ]
        return SpeakerChange(
            self.document.id, self.document.name, description, min(starts, default=0), len(starts)
        )


def _speaker_state(speaker: models.Speaker) -> dict[str, Any]:
    return {"label": speaker.label, "role": speaker.role, "respondent_id": speaker.respondent_id}


def _state(
    speakers: dict[int, dict[str, Any] | None], turns: dict[int, int | None]
) -> dict[str, Any]:
    """JSON keeps only string keys: ids are written as strings."""
    return {
        "speakers": {str(k): v for k, v in speakers.items()},
        "turns": {str(k): v for k, v in turns.items()},
    }


def restore_speakers(session: Session, document_id: int, state: dict[str, Any]) -> None:
    """Put speakers and turns back as ``state`` (one side of an edit event) has them.

    Speakers come first (one the edit deleted comes back with its id), then the turns are
    pointed at them, then speakers the state says did not exist yet are deleted."""
    if session.get(models.Document, document_id) is None:
        raise CodebenchError("that document no longer exists")
    doomed = []
    for key, values in state["speakers"].items():
        speaker = session.get(models.Speaker, int(key))
        if values is None:
            doomed.append(speaker)
        elif speaker is None:
            session.add(models.Speaker(id=int(key), document_id=document_id, **values))
        else:
            for name, value in values.items():
                setattr(speaker, name, value)
    session.flush()
    for key, speaker_id in state["turns"].items():
        turn = session.get(models.Turn, int(key))
        if turn is None:
            raise CodebenchError("that document was imported again since")
        turn.speaker_id = speaker_id
    session.flush()
    for speaker in doomed:
        if speaker is not None:
            session.delete(speaker)
    session.flush()


def _open(session: Session, document: str) -> models.Document:
    doc = find_document(session, document)
    serialise(session, f"speakers:{doc.id}")
    return doc


def _find(session: Session, doc: models.Document, label: str) -> models.Speaker:
    key = " ".join(label.split()).casefold()
    for speaker in doc.speakers:
        if speaker.label.casefold() == key:
            return speaker
    known = ", ".join(s.label for s in doc.speakers) or "none"
    raise CodebenchError(f"no speaker '{label}' in {doc.name} (speakers: {known})")


def _edit_speaker(
    session: Session, document: str, label: str
) -> tuple[models.Document, models.Speaker, _Edit]:
    """The document, its speaker ``label`` and an edit that already holds the speaker and
    every turn it speaks, as the edits of one speaker's name, role or link begin."""
    doc = _open(session, document)
    speaker = _find(session, doc, label)
    edit = _Edit(session, doc)
    edit.speaker(speaker)
    for turn in _turns_of(session, speaker):
        edit.turn(turn)
    return doc, speaker, edit


def _clean_label(label: str) -> str:
    cleaned = " ".join(label.split())
    if not cleaned:
        raise CodebenchError("a speaker needs a name")
    if len(cleaned) > MAX_LABEL:
        raise CodebenchError(f"a speaker name has at most {MAX_LABEL} characters")
    return cleaned


def _turns_of(session: Session, speaker: models.Speaker) -> list[models.Turn]:
    return list(
        session.scalars(
            select(models.Turn)
            .where(models.Turn.speaker_id == speaker.id)
            .order_by(models.Turn.position)
        )
    )


def _follow_label(
    session: Session, doc: models.Document, speaker: models.Speaker, old: str
) -> None:
    """After a rename, a respondent that was named after the old label follows the new one.

    Only the automatic link moves ("interview_04 / Speaker 1" or "Danny Silvers" named after
    the label); a respondent the user linked, or shared with other speakers, stays."""
    if speaker.role != "respondent" or speaker.respondent_id is None:
        return
    current = session.get(models.Respondent, speaker.respondent_id)
    if current is None or current.label != respondent_label(old, doc.name):
        return
    shared = session.scalar(
        select(func.count(models.Speaker.id)).where(
            models.Speaker.respondent_id == current.id, models.Speaker.id != speaker.id
        )
    )
    if not shared:
        speaker.respondent_id = _named_respondent(session, doc, speaker.label)


def rename_speaker(
    project: Project, document: str, label: str, new_label: str, *, actor: str
) -> SpeakerChange:
    """Call a speaker of a document by another name (to join two labels, merge them)."""
    new = _clean_label(new_label)
    with project.transaction() as session:
        doc, speaker, edit = _edit_speaker(session, document, label)
        clash = next(
            (s for s in doc.speakers if s.label.casefold() == new.casefold() and s is not speaker),
            None,
        )
        if clash is not None:
            raise CodebenchError(
                f"{doc.name} already has a speaker '{clash.label}': merge the two instead"
            )
        old = speaker.label
        speaker.label = new
        _follow_label(session, doc, speaker, old)
        return edit.finish(actor, f"renamed speaker '{old}' to '{new}' in {doc.name}")


def merge_speakers(
    project: Project, document: str, label: str, into: str, *, actor: str
) -> SpeakerChange:
    """Two labels of a document are one person: ``label``'s turns become ``into``'s."""
    with project.transaction() as session:
        doc = _open(session, document)
        source, target = _find(session, doc, label), _find(session, doc, into)
        if source is target:
            raise CodebenchError(f"'{label}' and '{into}' are the same speaker")
        edit = _Edit(session, doc)
        edit.speaker(source)
        for turn in _turns_of(session, source):
            edit.turn(turn)
            turn.speaker_id = target.id
        session.flush()
        session.delete(source)
        return edit.finish(
            actor, f"merged speaker '{source.label}' into '{target.label}' in {doc.name}"
        )


def set_speaker_role(
    project: Project, document: str, label: str, role: str, *, actor: str
) -> SpeakerChange:
    """Say a speaker is the interviewer, a respondent or someone else (an interpreter, ...).

    Interviewers and others are no respondent, so reports per respondent leave them out; a
    speaker who becomes a respondent is linked to the respondent its label names."""
    if role not in ROLES:
        raise CodebenchError(f"unknown role '{role}' (roles: {', '.join(ROLES)})")
    with project.transaction() as session:
        doc, speaker, edit = _edit_speaker(session, document, label)
        speaker.role = role
        if role == "respondent" and speaker.respondent_id is None:
            speaker.respondent_id = _named_respondent(session, doc, speaker.label)
        elif role != "respondent":
            speaker.respondent_id = None
        return edit.finish(actor, f"made '{speaker.label}' {_article(role)} {role} in {doc.name}")


def link_speaker(
    project: Project, document: str, label: str, respondent: str, *, actor: str
) -> SpeakerChange:
    """Say which respondent (a person across documents, with attributes) a speaker is."""
    name = _clean_label(respondent)
    with project.transaction() as session:
        doc, speaker, edit = _edit_speaker(session, document, label)
        speaker.respondent_id = respondent_named(session, name).id
        speaker.role = "respondent"
        return edit.finish(actor, f"linked '{speaker.label}' in {doc.name} to respondent '{name}'")


def set_turn_speaker(
    project: Project,
    document_id: int,
    turn_start: int,
    label: str,
    *,
    actor: str,
    following: bool = True,
) -> SpeakerChange:
    """Give the turn at offset ``turn_start`` a speaker, a known one or a new one.

    With ``following``, the turns after it that have no speaker get it too, up to the next
    turn that has one: the usual fix for a stretch of unlabelled speech."""
    new = _clean_label(label)
    with project.transaction() as session:
        doc = session.get(models.Document, document_id)
        if doc is None:
            raise CodebenchError("the document no longer exists")
        serialise(session, f"speakers:{doc.id}")
        turns = list(
            session.scalars(
                select(models.Turn)
                .where(models.Turn.document_id == doc.id)
                .order_by(models.Turn.position)
            )
        )
        index = next((i for i, t in enumerate(turns) if t.start <= turn_start <= t.end), None)
        if index is None:
            raise CodebenchError(f"no turn at offset {turn_start} in {doc.name}")
        edit = _Edit(session, doc)
        speaker = next((s for s in doc.speakers if s.label.casefold() == new.casefold()), None)
        if speaker is None:
            speaker = _new_speaker(session, doc, new, speaker_role(new))
            edit.created(speaker)
        chosen = [turns[index]]
        if following:
            for turn in turns[index + 1 :]:
                if turn.speaker_id is not None:
                    break
                chosen.append(turn)
        for turn in chosen:
            edit.turn(turn)
            turn.speaker_id = speaker.id
        count = f"{len(chosen)} turns" if len(chosen) > 1 else "a turn"
        return edit.finish(actor, f"gave {count} in {doc.name} to '{speaker.label}'")


def _article(role: str) -> str:
    return "an" if role[0] in "aeiou" else "a"
