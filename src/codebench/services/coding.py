"""Applying and removing codes: the actions the TUI, the CLI and scripts all go through.

A passage is located by an exact quote, by sentence numbers (as ``codebench show`` prints
them) or by offsets; each action is one transaction and one event in the log, committed
before the caller reports it done.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebench.errors import CodebenchError
from codebench.services.codes import code_paths, find_code, find_coder, get_or_create_coder
from codebench.services.coding_ops import create_coding, delete_coding
from codebench.services.overview import find_document
from codebench.services.project import Project
from codebench.services.viewer import Viewer, visible
from codebench.storage import models


@dataclass(frozen=True)
class Location:
    """Where a passage is: exactly one of quote, sentences (first, last) or (start, end)."""

    quote: str | None = None
    occurrence: int | None = None
    sentences: tuple[int, int] | None = None
    span: tuple[int, int] | None = None


@dataclass(frozen=True)
class CodingRow:
    id: int
    document: str
    code: str
    coder: str
    start: int
    end: int
    text: str
    speaker: str | None
    sentences: tuple[int, int] | None
    time: float | None
    memo: str | None
    exemplar: bool
    created_at: datetime


def locate(session: Session, document: models.Document, where: Location) -> tuple[int, int]:
    """The (start, end) offsets a location names in a document, or a one-line error."""
    if where.quote is not None:
        return _locate_quote(document, where.quote, where.occurrence)
    if where.sentences is not None:
        first, last = where.sentences
        if first > last:
            raise CodebenchError(f"sentence range {first}-{last} runs backwards")
        rows = session.execute(
            select(models.Sentence.position, models.Sentence.start, models.Sentence.end)
            .where(
                models.Sentence.document_id == document.id,
                models.Sentence.position.between(first - 1, last - 1),
            )
            .order_by(models.Sentence.position)
        ).all()
        if len(rows) != last - first + 1:
            total = session.scalar(
                select(models.Sentence.position)
                .where(models.Sentence.document_id == document.id)
                .order_by(models.Sentence.position.desc())
                .limit(1)
            )
            raise CodebenchError(
                f"{document.name} has sentences 1-{(total or -1) + 1}; "
                f"{first}-{last} is out of range"
            )
        return rows[0].start, rows[-1].end
    if where.span is not None:
        start, end = where.span
        if not 0 <= start < end <= len(document.text):
            raise CodebenchError(
                f"offsets {start}-{end} are outside {document.name} (0-{len(document.text)})"
            )
        return start, end
    raise CodebenchError("say where: a quote, a sentence range or start and end offsets")


def _locate_quote(document: models.Document, quote: str, occurrence: int | None) -> tuple[int, int]:
    if not quote.strip():
        raise CodebenchError("the quote is empty")
    hits = []
    at = document.text.find(quote)
    while at != -1:
        hits.append(at)
        at = document.text.find(quote, at + 1)
    if not hits:
        raise CodebenchError(f"quote not found in {document.name}: '{_short(quote)}'")
    if occurrence is None and len(hits) > 1:
        raise CodebenchError(
            f"quote found {len(hits)} times in {document.name}; choose one with --occurrence"
        )
    index = (occurrence or 1) - 1
    if not 0 <= index < len(hits):
        raise CodebenchError(f"quote found {len(hits)} times in {document.name}, not {occurrence}")
    return hits[index], hits[index] + len(quote)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def apply_code(
    project: Project,
    document: str,
    code: str,
    coder: str,
    where: Location,
    memo: str | None = None,
    exemplar: bool = False,
) -> int:
    """Code a passage; returns the new coding's id once it is committed."""
    with project.transaction() as session:
        doc = find_document(session, document)
        code_row = find_code(session, code)
        coder_row = get_or_create_coder(session, coder)
        start, end = locate(session, doc, where)
        values = {
            "document_id": doc.id,
            "code_id": code_row.id,
            "coder_id": coder_row.id,
            "start": start,
            "end": end,
            "memo": memo or None,
            "exemplar": exemplar,
        }
        return create_coding(session, coder, values).id


def remove_code(project: Project, document: str, code: str, coder: str, where: Location) -> int:
    """Remove the coder's codings of ``code`` that overlap the passage; returns how many."""
    with project.transaction() as session:
        doc = find_document(session, document)
        code_row = find_code(session, code)
        coder_row = find_coder(session, coder)
        start, end = locate(session, doc, where)
        codings = session.scalars(
            select(models.Coding).where(
                models.Coding.document_id == doc.id,
                models.Coding.code_id == code_row.id,
                models.Coding.coder_id == coder_row.id,
                models.Coding.start < end,
                models.Coding.end > start,
            )
        ).all()
        if not codings:
            raise CodebenchError(f"{coder} has no '{code_row.name}' coding on that passage")
        for coding in codings:
            delete_coding(session, coder, coding)
        return len(codings)


def list_codings(
    project: Project,
    coder: str | None = None,
    code: str | None = None,
    document: str | None = None,
    *,
    viewer: Viewer,
) -> list[CodingRow]:
    """Codings with their text, speaker and place, ordered by document and position (a blind
    viewer's own only; asking a blind viewer for another ``coder`` is refused)."""
    if coder is not None:
        viewer.coders([coder])
    with project.reading() as session:
        query = visible(
            select(models.Coding, models.Document.name, models.Coder.name)
            .join(models.Document, models.Coding.document_id == models.Document.id)
            .join(models.Coder, models.Coding.coder_id == models.Coder.id)
            .order_by(models.Document.name, models.Coding.start, models.Coding.id),
            viewer,
        )
        if coder is not None:
            query = query.where(models.Coding.coder_id == find_coder(session, coder).id)
        if code is not None:
            query = query.where(models.Coding.code_id == find_code(session, code).id)
        if document is not None:
            query = query.where(models.Coding.document_id == find_document(session, document).id)
        paths = code_paths(session)
        places = _Places(session)
        rows = []
        for coding, doc_name, coder_name in session.execute(query).all():
            speaker, time, sentences = places.where(coding.document_id, coding.start, coding.end)
            rows.append(
                CodingRow(
                    id=coding.id,
                    document=doc_name,
                    code=paths[coding.code_id],
                    coder=coder_name,
                    start=coding.start,
                    end=coding.end,
                    text=places.text(coding.document_id)[coding.start : coding.end],
                    speaker=speaker,
                    sentences=sentences,
                    time=time,
                    memo=coding.memo,
                    exemplar=coding.exemplar,
                    created_at=coding.created_at,
                )
            )
        return rows


class _Places:
    """Per-document turn and sentence offsets, loaded once, to place many codings quickly."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._texts: dict[int, str] = {}
        self._turns: dict[int, tuple[list[int], list[tuple[str | None, float | None]]]] = {}
        self._sentences: dict[int, tuple[list[int], list[int]]] = {}

    def text(self, document_id: int) -> str:
        if document_id not in self._texts:
            text = self._session.scalar(
                select(models.Document.text).where(models.Document.id == document_id)
            )
            self._texts[document_id] = text or ""
        return self._texts[document_id]

    def where(
        self, document_id: int, start: int, end: int
    ) -> tuple[str | None, float | None, tuple[int, int] | None]:
        if document_id not in self._turns:
            rows = self._session.execute(
                select(models.Turn.start, models.Speaker.label, models.Turn.time_start)
                .outerjoin(models.Speaker, models.Turn.speaker_id == models.Speaker.id)
                .where(models.Turn.document_id == document_id)
                .order_by(models.Turn.start)
            ).all()
            self._turns[document_id] = ([r[0] for r in rows], [(r[1], r[2]) for r in rows])
            spans = self._session.execute(
                select(models.Sentence.start, models.Sentence.end)
                .where(models.Sentence.document_id == document_id)
                .order_by(models.Sentence.position)
            ).all()
            self._sentences[document_id] = ([s[0] for s in spans], [s[1] for s in spans])
        starts, info = self._turns[document_id]
        turn = bisect.bisect_right(starts, start) - 1
        speaker, time = info[turn] if turn >= 0 else (None, None)
        sent_starts, sent_ends = self._sentences[document_id]
        first = bisect.bisect_right(sent_ends, start)
        last = bisect.bisect_left(sent_starts, end) - 1
        sentences = (first + 1, last + 1) if first <= last else None
        return speaker, time, sentences
