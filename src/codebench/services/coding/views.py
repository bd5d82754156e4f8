"""The coding workbench's views: a document's codings, coding progress, and retrieval by code.

What the TUI shows of codings, by id, as plain data. A *viewer*
(:mod:`codebench.services.viewer`) is the coder at the keyboard; with ``blind`` set, only the
viewer's own codings are ever returned, whatever the caller asks, so blind coding does not
depend on what a screen hides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebench.services.codebook.lookup import code_paths, subtree_ids
from codebench.services.documents.places import Places, Sentences, sentences_of
from codebench.services.project import Project
from codebench.services.viewer import Viewer, visible
from codebench.storage import models

DEFAULT_COLOUR = "#888888"


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
    """A document as the document list shows it: who was interviewed (the respondents its
    speakers are, and their organisations), its sentences, and per coder the sentences coded
    and the codings made."""

    id: int
    name: str
    sentences: int
    coded_sentences: dict[str, int]
    codings: dict[str, int]
    respondents: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()


def _is_organisation(attribute: str) -> bool:
    """A respondent attribute naming their organisation (organisation_type, organisatie ...)."""
    return attribute.casefold().startswith(("organi", "org_", "org "))


@dataclass(frozen=True)
class Passage:
    """A coding in its place: the document, the turn's speaker and time, the sentences it
    overlaps (numbered from 1), its text and the text around it (empty when not asked for).
    The one shape of a coding with its context, for the CLI's listing and the TUI's retrieval."""

    coding: CodingView
    document: str
    speaker: str | None
    sentences: tuple[int, int] | None
    time: float | None
    text: str
    before: str = ""
    after: str = ""


def coded_passages(
    session: Session, codings: list[models.Coding], context: int = 0
) -> list[Passage]:
    """Codings the caller has read (for its viewer) placed in their documents, with ``context``
    code points of text either side."""
    places = Places(session, {coding.document_id for coding in codings})
    result = []
    for view in coding_views(session, codings):
        text = places.texts[view.document_id]
        turn = places.turn(view.document_id, view.start)
        first, last = places.sentences(view.document_id, view.start, view.end)
        result.append(
            Passage(
                coding=view,
                document=places.names[view.document_id],
                speaker=turn.speaker if turn else None,
                sentences=(first + 1, last + 1) if first <= last else None,
                time=turn.time if turn else None,
                text=text[view.start : view.end],
                before=text[max(0, view.start - context) : view.start] if context else "",
                after=text[view.end : view.end + context] if context else "",
            )
        )
    return result


def coding_views(session: Session, codings: list[models.Coding]) -> list[CodingView]:
    """Codings the caller has read (for its viewer) as views: code path, colour, coder."""
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


def document_codings(
    project: Project,
    document_id: int,
    viewer: Viewer,
    coders: Sequence[str] | None = None,
) -> list[CodingView]:
    """A document's codings that ``viewer`` may see; with ``coders``, only theirs (a blind
    viewer asking for anyone else's is refused, not shown nothing: :meth:`Viewer.coders`)."""
    with project.reading() as session:
        query = visible(
            select(models.Coding)
            .where(models.Coding.document_id == document_id)
            .order_by(models.Coding.start, models.Coding.id),
            viewer,
        )
        if coders is not None:
            wanted = select(models.Coder.id).where(models.Coder.name.in_(viewer.coders(coders)))
            query = query.where(models.Coding.coder_id.in_(wanted))
        return coding_views(session, list(session.scalars(query)))


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
        sentences = sentences_of(session, None if document_id is None else [document_id])
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
            coded.setdefault(doc_id, {})[coder] = sentences.get(doc_id, Sentences()).covered(found)
        respondents, organisations = _interviewed(session, document_id)
        return [
            DocumentProgress(
                doc_id,
                name,
                len(sentences.get(doc_id, Sentences())),
                coded.get(doc_id, {}),
                codings.get(doc_id, {}),
                tuple(respondents.get(doc_id, {})),
                tuple(organisations.get(doc_id, {})),
            )
            for doc_id, name in documents
        ]


def _interviewed(
    session: Session, document_id: int | None
) -> tuple[dict[int, dict[str, None]], dict[int, dict[str, None]]]:
    """Per document, the respondents its speakers are and their organisations (each once, in
    the order the speakers were found)."""
    doc_filter = [models.Speaker.document_id == document_id] if document_id is not None else []
    rows = session.execute(
        select(models.Speaker.document_id, models.Respondent.id, models.Respondent.label)
        .join(models.Respondent, models.Speaker.respondent_id == models.Respondent.id)
        .where(*doc_filter)
        .order_by(models.Speaker.document_id, models.Speaker.id)
    ).all()
    wanted = {respondent_id for _, respondent_id, _ in rows}
    organisation: dict[int, str] = {}
    for respondent_id, attribute, value in session.execute(
        select(
            models.RespondentAttribute.respondent_id,
            models.RespondentAttribute.name,
            models.RespondentAttribute.value,
        )
        .where(models.RespondentAttribute.respondent_id.in_(wanted))
        .order_by(models.RespondentAttribute.name)
    ).all():
        if _is_organisation(attribute) and value.strip():
            organisation.setdefault(respondent_id, value.strip())
    respondents: dict[int, dict[str, None]] = {}
    organisations: dict[int, dict[str, None]] = {}
    for doc_id, respondent_id, label in rows:
        respondents.setdefault(doc_id, {})[label] = None
        if respondent_id in organisation:
            organisations.setdefault(doc_id, {})[organisation[respondent_id]] = None
    return respondents, organisations


def passages(
    project: Project, code_id: int, viewer: Viewer, context: int = 160, *, subcodes: bool = True
) -> list[Passage]:
    """Every passage coded with ``code_id`` across documents, with text around it; with
    ``subcodes`` (the default) also those coded with a code below it, so a group retrieves what
    the codebook tree counts for it (:func:`~codebench.services.codebook.tree.codebook_tree`'s
    ``total``). Only what ``viewer`` may see."""
    with project.reading() as session:
        codes = subtree_ids(session, code_id) if subcodes else {code_id}
        codings = session.scalars(
            visible(
                select(models.Coding)
                .join(models.Document, models.Coding.document_id == models.Document.id)
                .where(models.Coding.code_id.in_(codes))
                .order_by(models.Document.name, models.Coding.start, models.Coding.id),
                viewer,
            )
        )
        return coded_passages(session, list(codings), context)
