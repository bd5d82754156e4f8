"""The model as a coder, for agreement: ``--coders anna,model:anna``.

The model's codings are the sentences it codes (its most likely code, where the confidence
reaches its threshold). In a document the coder coded, they come from a model trained without
that document (cross-validation by document): a model asked about the very sentences it learned
from would agree with the coder by memory, not by judgement. In the other documents they come
from the coder's current model.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from codebench.errors import CodebenchError
from codebench.services.coders import find_coder
from codebench.services.project import Project
from codebench.services.suggestions import MODEL_CODER
from codebench.services.suggestions.reading import spans_of, units_of
from codebench.services.suggestions.store import current_model
from codebench.suggestions.evaluation import out_of_fold
from codebench.suggestions.model import decide, learnable_codes
from codebench.suggestions.tokens import tokenize
from codebench.suggestions.units import unit_labels


def model_codings(project: Project, name: str) -> npt.NDArray[np.int64]:
    """The codings of ``model:CODER`` as columns (code id, document id, start, end)."""
    coder = name.removeprefix(MODEL_CODER)
    if not coder:
        raise CodebenchError(f"name the coder whose model codes: {MODEL_CODER}NAME")
    with project.reading() as session:
        spans = spans_of(session, find_coder(session, coder).id)
        units = units_of(session)
    coded = {span.document_id for span in spans}
    words = tokenize([u.text for u in units], [u.language for u in units])
    documents = [u.document_id for u in units]
    inside = np.fromiter((d in coded for d in documents), dtype=np.bool_, count=len(units))
    rows = np.flatnonzero(inside)
    labels = unit_labels([units[i] for i in rows], spans)
    codes = learnable_codes(labels)
    made = np.zeros((len(units), len(codes)), dtype=np.bool_)
    if len({documents[i] for i in rows}) >= 2 and codes:
        made[rows] = out_of_fold(
            [words[i] for i in rows], [documents[i] for i in rows], labels, codes
        )
    outside = np.flatnonzero(~inside)
    if len(outside):
        model = current_model(project, coder).model
        column = {code: i for i, code in enumerate(codes)}
        confidences = model.confidences(model.features(words, documents)[outside])
        decided = decide(confidences, model.threshold)
        for own, code in enumerate(model.codes):
            if code in column:
                made[outside, column[code]] = decided[:, own]
    row, col = np.nonzero(made)
    return np.array(
        [
            [codes[c] for c in col.tolist()],
            [documents[r] for r in row.tolist()],
            [units[r].start for r in row.tolist()],
            [units[r].end for r in row.tolist()],
        ],
        dtype=np.int64,
    ).reshape(4, -1)
