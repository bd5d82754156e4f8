"""Codings, and where they fall, read for reports as whole columns.

A report over 100 000 codings must read them in a fraction of a second, so the big reads
(codings, turns, sentences) go through the database driver's own cursor as plain tuples
(SQLAlchemy builds and binds the statement; making a row object per row would cost more
than the query), and each coding is placed in its turn and its sentences by sorted search
over whole columns, not one at a time. Only what a report uses is read: the sentences and
the documents' texts (the largest reads) only for the tables that show them.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from codebench.reports.passages import CODING_COLUMNS, union_of_coders
from codebench.storage import models

_SHIFT = np.int64(1 << 32)
"""Document ids and offsets in one sortable key (offsets stay far below 2**32)."""
SPEAKER_COLUMNS = ("turn", "speaker", "role", "respondent")


def raw_rows(session: Session, query: Select[*tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """A query's rows as the driver returns them (tuples, values untyped by SQLAlchemy)."""
    connection = session.connection()
    compiled = query.compile(
        dialect=connection.dialect, compile_kwargs={"render_postcompile": True}
    )
    params = compiled.params
    arguments: Any = (
        [params[name] for name in compiled.positiontup or ()] if compiled.positional else params
    )
    cursor = connection.connection.cursor()
    try:
        cursor.execute(str(compiled), arguments)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _integers(session: Session, query: Select[*tuple[Any, ...]], width: int) -> np.ndarray:
    return np.array(raw_rows(session, query), dtype=np.int64).reshape(-1, width)


def _keys(documents: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    return documents.astype(np.int64) * _SHIFT + offsets.astype(np.int64)


def read_codings(
    session: Session,
    coders: Collection[str],
    documents: Collection[int] | None,
    codes: Collection[int],
    union: bool,
) -> pd.DataFrame:
    """The codings of ``coders`` (:data:`CODING_COLUMNS`) in ``documents`` (None: all) and
    ``codes``, joined into a union when ``union``, in document order."""
    every = dict(session.execute(select(models.Coder.id, models.Coder.name)).all())
    names = {coder_id: name for coder_id, name in every.items() if name in set(coders)}
    query = select(
        models.Coding.id,
        models.Coding.document_id,
        models.Coding.code_id,
        models.Coding.coder_id,
        models.Coding.start,
        models.Coding.end,
        models.Coding.exemplar,
    )
    if len(names) < len(every):  # reading every coder's, a scan beats the coder index
        query = query.where(models.Coding.coder_id.in_(names))
    if documents is not None:
        query = query.where(models.Coding.document_id.in_(documents))
    found = _integers(session, query, len(CODING_COLUMNS))
    found = found[np.isin(found[:, 2], np.fromiter(codes, dtype=np.int64))]
    codings = pd.DataFrame(found, columns=list(CODING_COLUMNS))
    if union:
        codings = union_of_coders(codings, names)
    else:
        codings["coder"] = codings["coder"].map(names).astype(object)
    codings["exemplar"] = codings["exemplar"].astype(bool)
    order = np.lexsort(
        (codings["coding_id"].to_numpy(), codings["start"].to_numpy(), codings["document_id"])
    )
    return codings.iloc[order].reset_index(drop=True)


def place_in_turns(
    session: Session, codings: pd.DataFrame, documents: Collection[int] | None
) -> pd.DataFrame:
    """Per coding, the turn that holds its start, who speaks there (label and role) and the
    respondent they are (:data:`SPEAKER_COLUMNS`); all None before a document's first turn."""
    query = select(
        models.Turn.document_id,
        models.Turn.start,
        models.Turn.id,
        func.coalesce(models.Turn.speaker_id, 0),
    ).order_by(models.Turn.document_id, models.Turn.start)
    if documents is not None:
        query = query.where(models.Turn.document_id.in_(documents))
    # A first row no coding belongs to (document -1), so every search lands on a row.
    turns = np.vstack([np.array([[-1, 0, 0, 0]]), _integers(session, query, 4)])
    coding_documents = codings["document_id"].to_numpy(dtype=np.int64)
    found = (
        np.searchsorted(
            _keys(turns[:, 0], turns[:, 1]),
            _keys(coding_documents, codings["start"].to_numpy(dtype=np.int64)),
            side="right",
        )
        - 1
    )
    inside = turns[found, 0] == coding_documents
    turn = turns[np.where(inside, found, 0)]
    speaker = _speakers(session).reindex(turn[:, 3])
    return pd.DataFrame(
        {
            "turn": turn[:, 2].astype(object),
            "speaker": speaker["label"].to_numpy(),
            "role": speaker["role"].to_numpy(),
            "respondent": speaker["respondent"].to_numpy(),
        },
        columns=list(SPEAKER_COLUMNS),
    ).where(pd.Series(inside), None)


def _speakers(session: Session) -> pd.DataFrame:
    """Every speaker by id (0: none) with label, role and the respondent they are."""
    rows = session.execute(
        select(
            models.Speaker.id, models.Speaker.label, models.Speaker.role, models.Respondent.label
        ).outerjoin(models.Respondent, models.Speaker.respondent_id == models.Respondent.id)
    ).all()
    frame = pd.DataFrame(
        [(0, None, None, None), *rows], columns=["id", "label", "role", "respondent"]
    )
    return frame.set_index("id").astype(object)


def sentence_numbers(
    session: Session, codings: pd.DataFrame, documents: Collection[int] | None
) -> tuple[np.ndarray, np.ndarray]:
    """Per coding, the first and last sentence it overlaps, numbered from 1 in its document
    (a span between two sentences gets the one after it as both)."""
    query = select(models.Sentence.document_id, models.Sentence.start, models.Sentence.end)
    if documents is not None:
        query = query.where(models.Sentence.document_id.in_(documents))
    found = _integers(
        session, query.order_by(models.Sentence.document_id, models.Sentence.start), 3
    )
    document, start, end = found[:, 0], found[:, 1], found[:, 2]
    coding_document = codings["document_id"].to_numpy(dtype=np.int64)
    before = np.searchsorted(document, coding_document, side="left")
    coding_start = _keys(coding_document, codings["start"].to_numpy(dtype=np.int64))
    coding_end = _keys(coding_document, codings["end"].to_numpy(dtype=np.int64))
    first = np.searchsorted(_keys(document, end), coding_start, side="right") - before
    last = np.searchsorted(_keys(document, start), coding_end, side="left") - 1 - before
    return first + 1, np.maximum(first, last) + 1


def passage_texts(session: Session, codings: pd.DataFrame) -> list[str]:
    """Each coding's text, sliced from its document's (read once per document)."""
    wanted = {int(document) for document in codings["document_id"]}
    texts = dict(
        session.execute(
            select(models.Document.id, models.Document.text).where(models.Document.id.in_(wanted))
        ).all()
    )
    return [
        texts[document][start:end]
        for document, start, end in zip(
            codings["document_id"].tolist(),
            codings["start"].tolist(),
            codings["end"].tolist(),
            strict=True,
        )
    ]
