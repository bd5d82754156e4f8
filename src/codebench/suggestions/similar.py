"""Passages like a given one: cosine similarity on the model's features, across documents.

The query is the passage's sentences taken together (their rows summed); the answer leaves out
those sentences and the ones right beside them, which share the query's context features and
would always come first.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from codebench.suggestions.counts import Matrix
from codebench.suggestions.features import neighbours


def most_similar(
    features: Matrix, documents: Sequence[int], query: Sequence[int], count: int
) -> list[tuple[int, float]]:
    """The ``count`` rows most like the ``query`` rows, with their cosine similarity, best
    first; rows similar in nothing (zero) are left out."""
    if not len(query) or count <= 0:
        return []
    vector = np.asarray(features[list(query)].sum(axis=0)).ravel()
    norm = float(np.linalg.norm(vector))
    if norm == 0:
        return []
    similarity = np.asarray(features @ (vector / norm)).ravel()
    marks = np.zeros(len(similarity))
    marks[list(query)] = 1
    near = np.asarray(neighbours(documents) @ marks).ravel()
    similarity[(marks > 0) | (near > 0)] = 0
    best = np.argsort(-similarity, kind="stable")[:count]
    return [(int(row), float(similarity[row])) for row in best if similarity[row] > 0]
