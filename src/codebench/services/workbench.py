"""The coding workbench's actions and views, by id, as the TUI (and its tests) call them.

Every function here is one unit of work. A *viewer* (:mod:`codebench.services.viewer`) is the
coder at the keyboard; with ``blind`` set, only the viewer's own codings and memos are ever
returned, whatever the caller asks, so blind coding does not depend on what a screen hides.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from codebench.errors import CodebenchError
from codebench.services.codebook import insert_code
from codebench.services.codes import code_paths, get_or_create_coder
from codebench.services.coding_ops import create_coding, delete_coding, update_coding
from codebench.services.memos import memo_author, memo_on
from codebench.services.project import Project
from codebench.services.viewer import Viewer, visible
from codebench.storage import models

DEFAULT_COLOUR = "#888888"
NEW_CODE_COLOURS = ("#e07a5f", "#3d85c6", "#81b29a", "#f2cc8f", "#b565a7", "#5fa8d3", "#c9a227")


@dataclass(frozen=True)
class CodingView:
    id: int
    document_id: int
    code_id: int
    code_name: str
    code_path: str
    colour: str
    coder: str
    start: int
    end: int
    exemplar: bool
    memo: str | None
    created_at: datetime


@dataclass(frozen=True)
class DocumentProgress:
    id: int
    name: str
    sentences: int
    coded_sentences: dict[str, int]
    codings: dict[str, int]


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


@dataclass(frozen=True)
class Passage:
    """A coded passage with its context, for retrieval across documents."""

    coding: CodingView
    document: str
    speaker: str | None
    text: str
    before: str
    after: str


def _coding_views(session: Session, codings: list[models.Coding]) -> list[CodingView]:
    paths = code_paths(session)
    codes = {c.id: c for c in session.scalars(select(models.Code))}
    coders = dict(session.execute(select(models.Coder.id, models.Coder.name)).all())
    return [
        CodingView(
            id=c.id,
            document_id=c.document_id,
            code_id=c.code_id,
            code_name=codes[c.code_id].name,
            code_path=paths[c.code_id],
            colour=_colour(codes, c.code_id),
            coder=coders[c.coder_id],
            start=c.start,
            end=c.end,
            exemplar=c.exemplar,
            memo=c.memo,
            created_at=c.created_at,
        )
        for c in codings
    ]


def _colour(codes: dict[int, models.Code], code_id: int | None) -> str:
    """A code's colour, else its nearest coloured ancestor's, else grey."""
    while code_id is not None:
        code = codes[code_id]
        if code.colour:
            return code.colour
        code_id = code.parent_id
    return DEFAULT_COLOUR


def document_codings(project: Project, document_id: int, viewer: Viewer) -> list[CodingView]:
    with project.reading() as session:
        query = visible(
            select(models.Coding)
            .where(models.Coding.document_id == document_id)
            .order_by(models.Coding.start, models.Coding.id),
            viewer,
        )
        return _coding_views(session, list(session.scalars(query)))


def document_progress(
    project: Project, viewer: Viewer, document_id: int | None = None
) -> list[DocumentProgress]:
    """Per document (or just one): sentences, and per coder the sentences they coded and their
    codings. Coded sentences are counted by a sweep over sorted spans, not an overlap join, so
    the cost grows with sentences plus codings rather than their product."""
    with project.reading() as session:
        doc_filter = [models.Document.id == document_id] if document_id is not None else []
        documents = session.execute(
            select(models.Document.id, models.Document.name)
            .where(*doc_filter)
            .order_by(models.Document.name)
        ).all()
        sentence_filter = (
            [models.Sentence.document_id == document_id] if document_id is not None else []
        )
        starts: dict[int, list[int]] = {}
        ends: dict[int, list[int]] = {}
        for doc_id, start, end in session.execute(
            select(models.Sentence.document_id, models.Sentence.start, models.Sentence.end)
            .where(*sentence_filter)
            .order_by(models.Sentence.document_id, models.Sentence.start)
        ).all():
            starts.setdefault(doc_id, []).append(start)
            ends.setdefault(doc_id, []).append(end)
        coding_filter = [models.Coding.document_id == document_id] if document_id else []
        if viewer.blind:
            coding_filter.append(models.Coder.name == viewer.coder)
        spans: dict[tuple[int, str], list[tuple[int, int]]] = {}
        for doc_id, coder, start, end in session.execute(
            select(
                models.Coding.document_id, models.Coder.name, models.Coding.start, models.Coding.end
            )
            .join(models.Coder, models.Coding.coder_id == models.Coder.id)
            .where(*coding_filter)
        ).all():
            spans.setdefault((doc_id, coder), []).append((start, end))
        coded: dict[int, dict[str, int]] = {}
        codings: dict[int, dict[str, int]] = {}
        for (doc_id, coder), found in spans.items():
            codings.setdefault(doc_id, {})[coder] = len(found)
            coded.setdefault(doc_id, {})[coder] = _sentences_covered(
                starts.get(doc_id, []), ends.get(doc_id, []), found
            )
        return [
            DocumentProgress(
                doc_id,
                name,
                len(starts.get(doc_id, [])),
                coded.get(doc_id, {}),
                codings.get(doc_id, {}),
            )
            for doc_id, name in documents
        ]


def _sentences_covered(starts: list[int], ends: list[int], spans: list[tuple[int, int]]) -> int:
    """How many sentences (sorted, non-overlapping) overlap at least one span."""
    covered = 0
    last = -1
    for start, end in sorted(spans):
        first = max(bisect.bisect_right(ends, start), last + 1)
        final = bisect.bisect_left(starts, end) - 1
        if final >= first:
            covered += final - first + 1
            last = final
    return covered


def _own_coding(session: Session, coding_id: int, coder: str) -> models.Coding:
    coding = session.get(models.Coding, coding_id)
    if coding is None:
        raise CodebenchError("that coding no longer exists")
    owner = session.get(models.Coder, coding.coder_id)
    if owner is None or owner.name != coder:
        # Not naming the owner: a blind coder probing coding ids learns nothing of who coded.
        raise CodebenchError("that coding is another coder's; you can change only your own")
    return coding


def apply_code_to_span(
    project: Project, document_id: int, code_id: int, coder: str, start: int, end: int
) -> CodingView:
    with project.transaction() as session:
        coder_row = get_or_create_coder(session, coder)
        values = {
            "document_id": document_id,
            "code_id": code_id,
            "coder_id": coder_row.id,
            "start": start,
            "end": end,
        }
        coding = create_coding(session, coder, values)
        return _coding_views(session, [coding])[0]


def remove_coding(project: Project, coding_id: int, coder: str) -> None:
    with project.transaction() as session:
        delete_coding(session, coder, _own_coding(session, coding_id, coder))


def set_exemplar(project: Project, coding_id: int, coder: str, exemplar: bool) -> None:
    with project.transaction() as session:
        coding = _own_coding(session, coding_id, coder)
        if coding.exemplar != exemplar:
            update_coding(session, coder, coding, {"exemplar": exemplar})


def set_coding_memo(project: Project, coding_id: int, coder: str, memo: str) -> None:
    with project.transaction() as session:
        coding = _own_coding(session, coding_id, coder)
        text = memo.strip() or None
        if coding.memo != text:
            update_coding(session, coder, coding, {"memo": text})


def create_code_and_apply(
    project: Project,
    name: str,
    parent_id: int | None,
    document_id: int,
    coder: str,
    start: int,
    end: int,
) -> CodingView:
    """Inductive coding: a new code from the selection, applied to it, in one transaction."""
    with project.transaction() as session:
        count = session.scalar(select(func.count(models.Code.id))) or 0
        code = insert_code(
            session,
            name,
            parent_id,
            coder,
            colour=NEW_CODE_COLOURS[count % len(NEW_CODE_COLOURS)],
            status="candidate",
            keywords=[],
        )
        coder_row = get_or_create_coder(session, coder)
        values = {
            "document_id": document_id,
            "code_id": code.id,
            "coder_id": coder_row.id,
            "start": start,
            "end": end,
        }
        return _coding_views(session, [create_coding(session, coder, values)])[0]


def code_details(project: Project, code_id: int, *, viewer: Viewer) -> CodeDetails:
    """A code's definition, and its memo if the viewer may read it (see :func:`get_memo`)."""
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


def passages(project: Project, code_id: int, viewer: Viewer, context: int = 160) -> list[Passage]:
    """Every passage coded with ``code_id`` across documents, with text around it."""
    with project.reading() as session:
        codings = list(
            session.scalars(
                visible(
                    select(models.Coding)
                    .join(models.Document, models.Coding.document_id == models.Document.id)
                    .where(models.Coding.code_id == code_id)
                    .order_by(models.Document.name, models.Coding.start),
                    viewer,
                )
            )
        )
        views = _coding_views(session, codings)
        texts: dict[int, tuple[str, str]] = {}
        result = []
        for view in views:
            if view.document_id not in texts:
                doc = session.get(models.Document, view.document_id)
                assert doc is not None
                texts[view.document_id] = (doc.name, doc.text)
            name, text = texts[view.document_id]
            speaker = session.scalar(
                select(models.Speaker.label)
                .join(models.Turn, models.Turn.speaker_id == models.Speaker.id)
                .where(models.Turn.document_id == view.document_id, models.Turn.start <= view.start)
                .order_by(models.Turn.start.desc())
                .limit(1)
            )
            result.append(
                Passage(
                    coding=view,
                    document=name,
                    speaker=speaker,
                    text=text[view.start : view.end],
                    before=text[max(0, view.start - context) : view.start],
                    after=text[view.end : view.end + context],
                )
            )
        return result
