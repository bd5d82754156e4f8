"""Coding by the names a user types: the command line's and scripts' way to the actions.

A document is named, a code given by its path or a unique name, and a passage located by an
exact quote, by sentence numbers (as ``codebench show`` prints them) or by offsets. The names
are looked up first; applying and removing then go through the same actions the TUI's keys
call (:mod:`codebench.services.coding.actions`), each one transaction and one event per coding,
committed before the caller reports it done.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebench.errors import CodebenchError
from codebench.services.codebook.lookup import find_code, subtree_ids
from codebench.services.coders import find_coder
from codebench.services.coding.actions import apply_code_to_span, remove_codings
from codebench.services.coding.views import Passage, coded_passages
from codebench.services.documents.overview import find_document
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


class Target(NamedTuple):
    """A passage by id: the document, the code, and the span's offsets."""

    document_id: int
    code_id: int
    start: int
    end: int


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


def find_target(project: Project, document: str, code: str, where: Location) -> Target:
    """The ids and offsets a document's name, a code's path and a location stand for."""
    with project.reading() as session:
        doc = find_document(session, document)
        code_id = find_code(session, code).id
        return Target(doc.id, code_id, *locate(session, doc, where))


def apply_code(
    project: Project,
    document: str,
    code: str,
    coder: str,
    where: Location,
    memo: str | None = None,
    exemplar: bool = False,
) -> int:
    """Code a passage named as a user names it; returns the new coding's id once committed."""
    target = find_target(project, document, code, where)
    view = apply_code_to_span(
        project,
        target.document_id,
        target.code_id,
        coder,
        target.start,
        target.end,
        memo=memo,
        exemplar=exemplar,
    )
    return view.id


def remove_code(project: Project, document: str, code: str, coder: str, where: Location) -> int:
    """Remove the coder's codings of ``code`` that overlap the passage; returns how many."""
    target = find_target(project, document, code, where)
    with project.reading() as session:
        coder_id = find_coder(session, coder).id
        found = list(
            session.scalars(
                select(models.Coding.id).where(
                    models.Coding.document_id == target.document_id,
                    models.Coding.code_id == target.code_id,
                    models.Coding.coder_id == coder_id,
                    models.Coding.start < target.end,
                    models.Coding.end > target.start,
                )
            )
        )
        if not found:
            name = session.scalar(select(models.Code.name).where(models.Code.id == target.code_id))
            raise CodebenchError(f"{coder} has no '{name}' coding on that passage")
    remove_codings(project, found, coder)
    return len(found)


def list_codings(
    project: Project,
    coder: str | None = None,
    code: str | None = None,
    document: str | None = None,
    *,
    viewer: Viewer,
) -> list[Passage]:
    """Codings with their text, speaker and place, ordered by document and position (a blind
    viewer's own only; asking a blind viewer for another ``coder`` is refused)."""
    if coder is not None:
        viewer.coders([coder])
    with project.reading() as session:
        query = visible(
            select(models.Coding)
            .join(models.Document, models.Coding.document_id == models.Document.id)
            .order_by(models.Document.name, models.Coding.start, models.Coding.id),
            viewer,
        )
        if coder is not None:
            query = query.where(models.Coding.coder_id == find_coder(session, coder).id)
        if code is not None:
            below = subtree_ids(session, find_code(session, code).id)  # a group: its codes too
            query = query.where(models.Coding.code_id.in_(below))
        if document is not None:
            query = query.where(models.Coding.document_id == find_document(session, document).id)
        return coded_passages(session, list(session.scalars(query)))
