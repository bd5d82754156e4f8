"""Reading what reports need from the project, once per report, as pandas frames.

Each coding is attributed here to the speaker of the turn that holds its start: a respondent's
passage counts for that respondent (in a two-participant interview the two count apart), and
an interviewer's passage is marked as such so reports can show it apart and never credit it to
a respondent. Filters are applied here, so every report sees the same selection; so is blind
mode, which narrows the coders to the viewer before anything is read.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from codebench.errors import CodebenchError
from codebench.reports.model import CODE_COLUMNS, PASSAGE_COLUMNS, Filters, ReportData
from codebench.reports.tables import natural_key
from codebench.services.codebook.lookup import find_code
from codebench.services.codebook.tree import codebook_tree
from codebench.services.documents.places import Places
from codebench.services.project import Project
from codebench.services.viewer import Viewer
from codebench.storage import models


def _codes_frame(
    project: Project, session: Session, subtree: str | None, viewer: Viewer
) -> pd.DataFrame:
    nodes = codebook_tree(project, viewer=viewer)
    parents: dict[int, int | None] = {}
    groups: dict[int, str] = {}
    stack: list[tuple[int, str]] = []
    for node in nodes:
        del stack[node.depth :]
        parents[node.id] = stack[-1][0] if stack else None
        groups[node.id] = stack[0][1] if stack else node.name
        stack.append((node.id, node.name))
    keep = {node.id for node in nodes}
    if subtree is not None:
        root = find_code(session, subtree)
        keep = {root.id}
        for node in nodes:
            if parents[node.id] in keep:
                keep.add(node.id)
    rows = [
        (n.id, n.path, n.name, parents[n.id], groups[n.id], n.depth, i, n.colour, n.description)
        for i, n in enumerate(nodes)
        if n.id in keep
    ]
    return pd.DataFrame(rows, columns=list(CODE_COLUMNS))


def _respondents_frame(session: Session) -> pd.DataFrame:
    labels = dict(session.execute(select(models.Respondent.id, models.Respondent.label)).all())
    attributes: dict[str, dict[str, str]] = defaultdict(dict)
    for respondent_id, name, value in session.execute(
        select(
            models.RespondentAttribute.respondent_id,
            models.RespondentAttribute.name,
            models.RespondentAttribute.value,
        )
    ).all():
        attributes[labels[respondent_id]][name] = value
    documents: dict[str, set[str]] = defaultdict(set)
    for label, document in session.execute(
        select(models.Respondent.label, models.Document.name)
        .join(models.Speaker, models.Speaker.respondent_id == models.Respondent.id)
        .join(models.Document, models.Speaker.document_id == models.Document.id)
    ).all():
        documents[label].add(document)
    rows = [
        {"respondent": label, "documents": tuple(sorted(documents[label])), **attributes[label]}
        for label in labels.values()
    ]
    frame = pd.DataFrame(rows, columns=None if rows else ["respondent", "documents"])
    return frame.set_index("respondent").sort_index(key=natural_key_index)


def natural_key_index(index: pd.Index) -> pd.Index:
    return pd.Index([natural_key(str(v)) for v in index])


def _passages(
    session: Session, code_ids: set[int], documents: set[int] | None, coders: tuple[str, ...]
) -> list[tuple[Any, ...]]:
    query = (
        select(
            models.Coding.id,
            models.Coding.document_id,
            models.Coding.code_id,
            models.Coder.name,
            models.Coding.start,
            models.Coding.end,
            models.Coding.exemplar,
            models.Coding.memo,
        )
        .join(models.Coder, models.Coding.coder_id == models.Coder.id)
        .order_by(models.Coding.document_id, models.Coding.start, models.Coding.id)
    )
    if coders:
        query = query.where(models.Coder.name.in_(coders))
    if documents is not None:
        query = query.where(models.Coding.document_id.in_(documents))
    return [row for row in session.execute(query).all() if row[2] in code_ids]


def load_report_data(
    project: Project, filters: Filters | None = None, *, viewer: Viewer
) -> ReportData:
    """Everything a report needs, with the filters applied.

    A blind viewer's data holds their own codings only (the coder filter becomes them, so every
    table says so); asking a blind viewer for another coder's codings is refused.
    """
    filters = filters or Filters()
    if viewer.blind:
        filters = replace(filters, coders=viewer.coders(filters.coders))
    with project.reading() as session:
        codes = _codes_frame(project, session, filters.code, viewer)
        respondents = _respondents_frame(session)
        documents = pd.DataFrame(
            session.execute(
                select(models.Document.id, models.Document.name).order_by(models.Document.name)
            ).all(),
            columns=["document_id", "document"],
        )
        if filters.documents:
            unknown = set(filters.documents) - set(documents["document"])
            if unknown:
                raise CodebenchError(f"no document named {', '.join(sorted(unknown))}")
            documents = documents[documents["document"].isin(filters.documents)]
        respondents = _filter_respondents(respondents, filters.attributes)
        in_scope = set(documents["document"])
        if filters.attributes:
            in_scope &= {d for docs in respondents["documents"] for d in docs}
            documents = documents[documents["document"].isin(in_scope)]
        respondents = respondents[
            respondents["documents"].map(lambda docs: bool(set(docs) & in_scope))
        ]
        if filters.coders:
            known = set(session.scalars(select(models.Coder.name)))
            # A blind coder who has not coded yet gets empty tables, not an error.
            unknown = set(filters.coders) - known - ({viewer.coder} if viewer.blind else set())
            if unknown:
                raise CodebenchError(f"no coder named {', '.join(sorted(unknown))}")
        document_ids = set(documents["document_id"])
        rows = _passages(session, set(codes["code_id"]), document_ids, filters.coders)
        places = Places(session, document_ids)
        language = session.scalar(select(models.Document.language).limit(1)) or "en"
    allowed = set(respondents.index)
    records = []
    for coding_id, doc_id, code_id, coder, start, end, exemplar, memo in rows:
        turn = places.turn(doc_id, start)
        turn_id, speaker, role, respondent = (
            (turn.id, turn.speaker, turn.role, turn.respondent) if turn else (None,) * 4
        )
        first, last = places.sentences(doc_id, start, end)
        if role != "interviewer" and respondent not in allowed:
            continue
        records.append(
            (
                coding_id,
                places.names[doc_id],
                code_id,
                coder,
                start,
                end,
                places.texts[doc_id][start:end],
                speaker,
                role or "other",
                respondent if role == "respondent" else None,
                turn_id,
                first + 1,
                max(first, last) + 1,
                bool(exemplar),
                memo,
            )
        )
    passages = pd.DataFrame(records, columns=list(PASSAGE_COLUMNS))
    return ReportData(passages, respondents, codes, documents, filters, language)


def _filter_respondents(
    respondents: pd.DataFrame, attributes: tuple[tuple[str, str], ...]
) -> pd.DataFrame:
    wanted: dict[str, set[str]] = defaultdict(set)
    for name, value in attributes:
        if name not in respondents.columns:
            known = ", ".join(c for c in respondents.columns if c != "documents") or "none"
            raise CodebenchError(f"no respondent attribute '{name}' (known: {known})")
        wanted[name].add(value)
    mask = pd.Series(True, index=respondents.index)
    for name, values in wanted.items():
        mask &= respondents[name].isin(values)
    return respondents[mask]
