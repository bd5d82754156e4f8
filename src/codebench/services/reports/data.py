"""Reading what reports need from the project, once per report, as pandas frames.

Each coding is attributed here to the speaker of the turn that holds its start: a respondent's
passage counts for that respondent (in a two-participant interview the two count apart), and
an interviewer's passage is marked as such so reports can show it apart and never credit it to
a respondent. Filters are applied here, so every report sees the same selection; so is the
choice of coders (:mod:`.coders`: one coder, the consensus, or a union that counts a passage
once) and blind mode, which narrows the coders to the viewer before anything is read.

A report reads only what its tables use (:data:`READS`): the passages' text and sentence
numbers cost most (every document's text, every sentence), and most tables need neither. The
reading itself, in whole columns, is :mod:`.reading`'s.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

import numpy as np
import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from codebench.errors import CodebenchError
from codebench.reports.model import CODE_COLUMNS, PASSAGE_COLUMNS, Filters, ReportData
from codebench.reports.tables import natural_key
from codebench.services.codebook.lookup import find_code
from codebench.services.codebook.tree import codebook_tree
from codebench.services.project import Project
from codebench.services.reports.coders import resolve_coders
from codebench.services.reports.reading import (
    passage_texts,
    place_in_turns,
    read_codings,
    sentence_numbers,
)
from codebench.services.viewer import Viewer
from codebench.storage import models

READS = frozenset({"codings", "text", "sentences"})
"""What a report may read: the codings (of the coders chosen), their text, their sentence
numbers. Without "codings" no coder needs choosing and the passages are empty."""


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


def load_report_data(
    project: Project,
    filters: Filters | None = None,
    *,
    viewer: Viewer,
    reads: Collection[str] = READS,
) -> ReportData:
    """Everything a report needs, with the filters applied and the coders chosen.

    ``reads`` names what the tables will use (:data:`READS`); what is not read is left empty
    (no passages; text "", sentence numbers 0). A blind viewer's data holds their own codings
    only (the coder filter becomes them, so every table says so); asking a blind viewer for
    another coder's codings is refused.
    """
    filters = filters or Filters()
    with project.reading() as session:
        if "codings" in reads:
            filters = resolve_coders(session, filters, viewer)
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
        chosen = set(documents["document_id"]) if filters.documents or filters.attributes else None
        passages = (
            _passages(session, filters, reads, chosen, codes, documents, respondents)
            if "codings" in reads
            else pd.DataFrame(columns=list(PASSAGE_COLUMNS))
        )
        language = session.scalar(select(models.Document.language).limit(1)) or "en"
    return ReportData(passages, respondents, codes, documents, filters, language)


def _passages(
    session: Session,
    filters: Filters,
    reads: Collection[str],
    chosen: Collection[int] | None,
    codes: pd.DataFrame,
    documents: pd.DataFrame,
    respondents: pd.DataFrame,
) -> pd.DataFrame:
    """The chosen coders' passages in ``chosen`` documents (None: all), each attributed to
    its speaker; a respondent's only when the respondent is in scope."""
    codings = read_codings(session, filters.coders, chosen, set(codes["code_id"]), filters.union)
    speakers = place_in_turns(session, codings, chosen)
    sentences = (
        sentence_numbers(session, codings, chosen)
        if "sentences" in reads
        else (np.zeros(len(codings), dtype=np.int64),) * 2
    )
    texts = passage_texts(session, codings) if "text" in reads else [""] * len(codings)
    names = dict(zip(documents["document_id"], documents["document"], strict=True))
    role = speakers["role"]
    passages = pd.DataFrame(
        {
            "coding_id": codings["coding_id"],
            "document": codings["document_id"].map(names),
            "code_id": codings["code_id"],
            "coder": codings["coder"],
            "start": codings["start"],
            "end": codings["end"],
            "text": texts,
            "speaker": speakers["speaker"],
            "role": role.fillna("other"),
            "respondent": speakers["respondent"].where(role == "respondent", None),
            "turn": speakers["turn"],
            "sentence_first": sentences[0],
            "sentence_last": sentences[1],
            "exemplar": codings["exemplar"],
        },
        columns=list(PASSAGE_COLUMNS),
    )
    keep = (role == "interviewer") | speakers["respondent"].isin(set(respondents.index))
    return passages[keep.to_numpy()].reset_index(drop=True)


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
