"""The model as a coder, for agreement: ``--coders anna,model:anna``.

The model's codings are the sentences it codes (its most likely code, where the confidence
reaches its threshold). In a document the coder coded, they come from a model trained without
that document (cross-validation by document, in the evaluation's folds: a handful of models
however many documents, each trained as the coder's own model is): a model asked about the
very sentences it learned from would agree with the coder by memory, not by judgement. In the
other documents they come from the coder's current model: its file where that is current,
else trained from the sentences counted here (the same documents, the same model), so that
the project is read and counted once.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from codebench.errors import CodebenchError
from codebench.services.coders import find_coder
from codebench.services.project import Project
from codebench.services.suggestions import MODEL_CODER
from codebench.services.suggestions.counting import counted_units
from codebench.services.suggestions.reading import document_ids, spans_of
from codebench.services.suggestions.store import stored_model
from codebench.suggestions.evaluation import (
    held_out,
    learned_from,
    model_decisions,
    model_of,
    out_of_fold,
)
from codebench.suggestions.model import learnable_codes
from codebench.suggestions.tokens import release


def model_codings(project: Project, name: str) -> npt.NDArray[np.int64]:
    """The codings of ``model:CODER`` as columns (code id, document id, start, end)."""
    coder = name.removeprefix(MODEL_CODER)
    if not coder:
        raise CodebenchError(f"name the coder whose model codes: {MODEL_CODER}NAME")
    with project.reading() as session:
        spans = spans_of(session, find_coder(session, coder).id)
        units = counted_units(session, document_ids(session), spans)
    release()  # the lemma tables: the models are trained without them
    documents, labels = units.documents, units.labels
    inside = np.isin(documents, list({span.document_id for span in spans}))
    rows = np.flatnonzero(inside)
    codes = learnable_codes([labels[i] for i in rows])
    made = np.zeros((len(documents), len(codes)), dtype=np.bool_)
    if len(np.unique(documents[rows])) >= 2 and codes:
        splits = held_out(documents[rows], [labels[i] for i in rows])
        splits = [(rows[train_rows], rows[test_rows]) for train_rows, test_rows in splits]
        made = out_of_fold(units.counts, documents, labels, codes, splits)[0]
    outside = np.flatnonzero(~inside)
    if len(outside):
        current = stored_model(project, coder) or model_of(
            units.counts, documents, labels, learned_from(documents, labels, rows)
        )
        decided = model_decisions(current, units.counts, documents, outside)
        column = {code: i for i, code in enumerate(codes)}
        for own, code in enumerate(current.codes):
            if code in column:
                made[outside, column[code]] = decided[:, own]
    row, col = np.nonzero(made)
    return np.array(
        [
            np.asarray(codes, dtype=np.int64)[col],
            documents[row],
            units.starts[row],
            units.ends[row],
        ],
        dtype=np.int64,
    ).reshape(4, -1)
