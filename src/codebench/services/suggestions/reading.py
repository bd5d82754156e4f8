"""What the model learns from and suggests for, read from the project.

Units are the sentences outside the interviewer's turns, in document order; a coder's spans are
that coder's codings and nobody else's (blind coding: a coder's model must not learn from
what another coder did). The fingerprint is how the store tells, in three small queries,
whether a coder's codings or the documents' sentences changed since a model was trained.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import func, literal, or_, select
from sqlalchemy.orm import Session

from codebench.errors import CodebenchError
from codebench.services.documents.overview import find_document
from codebench.storage import models
from codebench.suggestions.units import Span, Unit


def units_of(
    session: Session, document_ids: Collection[int] | None = None, *, texts: bool = True
) -> list[Unit]:
    """The sentence units of these documents (all for None), in document and text order;
    without their text (empty) where ``texts`` is False, for what needs only where they are."""
    text = models.Document.text if texts else literal("")
    documents = select(models.Document.id, text.label("text"), models.Document.language)
    if document_ids is not None:
        documents = documents.where(models.Document.id.in_(document_ids))
    found = {row.id: (row.text, row.language) for row in session.execute(documents)}
    query = (
        select(
            models.Sentence.document_id,
            models.Sentence.position,
            models.Sentence.start,
            models.Sentence.end,
        )
        .join(models.Turn, models.Sentence.turn_id == models.Turn.id)
        .outerjoin(models.Speaker, models.Turn.speaker_id == models.Speaker.id)
        .where(or_(models.Speaker.role.is_(None), models.Speaker.role != "interviewer"))
        .order_by(models.Sentence.document_id, models.Sentence.start)
    )
    if document_ids is not None:
        query = query.where(models.Sentence.document_id.in_(document_ids))
    units = []
    for document_id, position, start, end in session.execute(query):
        whole, language = found[document_id]
        units.append(Unit(document_id, position + 1, start, end, whole[start:end], language))
    return units


def document_ids(session: Session) -> set[int]:
    """The ids of the project's documents."""
    return set(session.scalars(select(models.Document.id)))


def spans_of(
    session: Session, coder_id: int, document_ids: Collection[int] | None = None
) -> list[Span]:
    """The coder's codings (of these documents, all for None) as spans."""
    query = select(
        models.Coding.document_id, models.Coding.code_id, models.Coding.start, models.Coding.end
    ).where(models.Coding.coder_id == coder_id)
    if document_ids is not None:
        query = query.where(models.Coding.document_id.in_(document_ids))
    return [Span(*row) for row in session.execute(query)]


def fingerprint(session: Session, coder_id: int) -> list[int]:
    """Changes whenever the coder's codings or any document's sentences change: the number
    and newest id of the coder's codings, the newest event on one of them, the newest event
    on a document (an import, a removal, a re-import)."""
    count, newest = session.execute(
        select(func.count(models.Coding.id), func.max(models.Coding.id)).where(
            models.Coding.coder_id == coder_id
        )
    ).one()
    changed = session.scalar(
        select(func.max(models.Event.id))
        .join(
            models.Coding,
            (models.Event.entity == "coding") & (models.Event.entity_id == models.Coding.id),
        )
        .where(models.Coding.coder_id == coder_id)
    )
    documents = session.scalar(
        select(func.max(models.Event.id)).where(models.Event.entity == "document")
    )
    return [count, newest or 0, changed or 0, documents or 0]


def document_row(session: Session, document: str | int) -> models.Document:
    """The document a caller names (a name the user typed) or holds (an id from a screen)."""
    row = (
        session.get(models.Document, document)
        if isinstance(document, int)
        else find_document(session, document)
    )
    if row is None:
        raise CodebenchError("that document no longer exists")
    return row
