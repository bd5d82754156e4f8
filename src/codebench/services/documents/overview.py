"""Read-only views of a project: the summary, the document list, and one transcript laid out.

These are what `codebench info`, `documents` and `show` print, and what the TUI shows; they
return plain data so that neither surface runs a query of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session, joinedload

from codebench.errors import ProjectError
from codebench.services.project import Project
from codebench.services.viewer import Viewer, visible
from codebench.storage import models


@dataclass(frozen=True)
class ProjectSummary:
    name: str
    location: str
    documents: int
    words: int
    respondents: int
    interviewers: int
    speakers: int
    turns: int
    sentences: int
    codes: int
    code_groups: int
    codings_by_coder: dict[str, int]
    respondent_attributes: dict[str, dict[str, int]]


@dataclass(frozen=True)
class DocumentRow:
    name: str
    file_name: str
    source_format: str
    language: str
    words: int
    turns: int
    sentences: int
    speakers: tuple[str, ...]
    imported_at: datetime


@dataclass(frozen=True)
class SentenceView:
    number: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TurnView:
    speaker: str | None
    role: str | None
    time_start: float | None
    start: int
    speech_start: int
    end: int
    sentences: list[SentenceView]


@dataclass(frozen=True)
class DocumentView:
    name: str
    language: str
    text: str
    turns: list[TurnView]


def _count(session: Session, column: InstrumentedAttribute[int]) -> int:
    return session.scalar(select(func.count(column))) or 0


def project_summary(project: Project, *, viewer: Viewer) -> ProjectSummary:
    """The project in numbers; a blind viewer's coding count is their own only."""
    with project.reading() as session:
        meta = session.scalar(select(models.Project))
        name = meta.name if meta else "?"
        roles = dict(
            session.execute(
                select(models.Speaker.role, func.count(models.Speaker.id)).group_by(
                    models.Speaker.role
                )
            ).all()
        )
        codings = dict(
            session.execute(
                visible(
                    select(models.Coder.name, func.count(models.Coding.id))
                    .join(models.Coding, models.Coding.coder_id == models.Coder.id)
                    .group_by(models.Coder.name)
                    .order_by(models.Coder.name),
                    viewer,
                )
            ).all()
        )
        attributes: dict[str, dict[str, int]] = {}
        rows = session.execute(
            select(
                models.RespondentAttribute.name,
                models.RespondentAttribute.value,
                func.count(models.RespondentAttribute.respondent_id),
            )
            .group_by(models.RespondentAttribute.name, models.RespondentAttribute.value)
            .order_by(models.RespondentAttribute.name, models.RespondentAttribute.value)
        ).all()
        for attr, value, n in rows:
            attributes.setdefault(attr, {})[value] = n
        return ProjectSummary(
            name=name,
            location=project.display_location,
            documents=_count(session, models.Document.id),
            words=session.scalar(select(func.coalesce(func.sum(models.Document.word_count), 0)))
            or 0,
            respondents=session.scalar(
                select(func.count(func.distinct(models.Speaker.respondent_id)))
            )
            or 0,
            interviewers=session.scalar(
                select(func.count(func.distinct(models.Speaker.label))).where(
                    models.Speaker.role == "interviewer"
                )
            )
            or 0,
            speakers=sum(roles.values()),
            turns=_count(session, models.Turn.id),
            sentences=_count(session, models.Sentence.id),
            codes=_count(session, models.Code.id),
            code_groups=session.scalar(
                select(func.count(func.distinct(models.Code.parent_id))).where(
                    models.Code.parent_id.is_not(None)
                )
            )
            or 0,
            codings_by_coder=codings,
            respondent_attributes=attributes,
        )


def list_documents(project: Project) -> list[DocumentRow]:
    with project.reading() as session:
        turns = dict(
            session.execute(
                select(models.Turn.document_id, func.count(models.Turn.id)).group_by(
                    models.Turn.document_id
                )
            ).all()
        )
        sentences = dict(
            session.execute(
                select(models.Sentence.document_id, func.count(models.Sentence.id)).group_by(
                    models.Sentence.document_id
                )
            ).all()
        )
        speakers: dict[int, list[str]] = {}
        for doc_id, label in session.execute(
            select(models.Speaker.document_id, models.Speaker.label).order_by(models.Speaker.id)
        ).all():
            speakers.setdefault(doc_id, []).append(label)
        documents = session.execute(
            select(
                models.Document.id,
                models.Document.name,
                models.Document.file_name,
                models.Document.source_format,
                models.Document.language,
                models.Document.word_count,
                models.Document.imported_at,
            ).order_by(models.Document.name)
        ).all()
        return [
            DocumentRow(
                name=name,
                file_name=file_name,
                source_format=fmt,
                language=lang,
                words=words,
                turns=turns.get(doc_id, 0),
                sentences=sentences.get(doc_id, 0),
                speakers=tuple(speakers.get(doc_id, ())),
                imported_at=imported_at,
            )
            for doc_id, name, file_name, fmt, lang, words, imported_at in documents
        ]


def list_document_names(project: Project) -> list[tuple[int, str]]:
    with project.reading() as session:
        return [
            (doc_id, name)
            for doc_id, name in session.execute(
                select(models.Document.id, models.Document.name).order_by(models.Document.name)
            ).all()
        ]


def project_name(project: Project) -> str:
    with project.reading() as session:
        return session.scalar(select(models.Project.name)) or "codebench"


def list_coders(project: Project) -> list[str]:
    with project.reading() as session:
        return list(session.scalars(select(models.Coder.name).order_by(models.Coder.name)))


def find_document(session: Session, name: str) -> models.Document:
    """A document by its name (or, failing that, a unique name prefix or its file name)."""
    document = session.scalar(select(models.Document).where(models.Document.name == name))
    if document is not None:
        return document
    candidates = session.scalars(
        select(models.Document).where(
            (models.Document.name.startswith(name, autoescape=True))
            | (models.Document.file_name == name)
        )
    ).all()
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise ProjectError(f"no document named '{name}' (see 'codebench documents')")
    names = ", ".join(sorted(d.name for d in candidates))
    raise ProjectError(f"'{name}' matches several documents: {names}")


def document_view(project: Project, name: str) -> DocumentView:
    """A transcript as turns of numbered sentences (numbers count from 1 per document)."""
    with project.reading() as session:
        document = find_document(session, name)
        text = document.text
        by_turn: dict[int, list[SentenceView]] = {}
        for turn_id, position, start, end in session.execute(
            select(
                models.Sentence.turn_id,
                models.Sentence.position,
                models.Sentence.start,
                models.Sentence.end,
            )
            .where(models.Sentence.document_id == document.id)
            .order_by(models.Sentence.position)
        ).all():
            by_turn.setdefault(turn_id, []).append(
                SentenceView(position + 1, start, end, text[start:end])
            )
        turns = [
            TurnView(
                speaker=turn.speaker.label if turn.speaker else None,
                role=turn.speaker.role if turn.speaker else None,
                time_start=turn.time_start,
                start=turn.start,
                speech_start=turn.speech_start,
                end=turn.end,
                sentences=by_turn.get(turn.id, []),
            )
            for turn in session.scalars(
                select(models.Turn)
                .where(models.Turn.document_id == document.id)
                .options(joinedload(models.Turn.speaker))
                .order_by(models.Turn.position)
            )
        ]
        return DocumentView(document.name, document.language, text, turns)
