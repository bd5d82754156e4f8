"""What the model must beat to be worth showing: two rules anyone could write down.

* the most frequent code: every sentence gets the code the coder applied most;
* keywords: each code's most distinctive lemmas in the training sentences (the share of a
  lemma's sentences that took the code, among lemmas seen there at least twice); a sentence
  gets the code whose keywords it holds weigh most, or none when it holds none.

Keywords read the lemmas from the sentences' counts (:class:`~.counts.Counts`, whose lemma
terms also hold bigrams: ``unigrams`` marks the single lemmas), as sparse products.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]

from codebench.suggestions.counts import Matrix
from codebench.suggestions.model import Bools

KEYWORDS = 10
"""Keywords per code."""


def most_frequent(truth: Bools, test_rows: int) -> Bools:
    """``test_rows`` sentences, each given the column most often true in ``truth``."""
    predicted = np.zeros((test_rows, truth.shape[1]), dtype=np.bool_)
    if truth.any():
        predicted[:, int(truth.sum(axis=0).argmax())] = True
    return predicted


def keywords(lemmas: Matrix, unigrams: Bools, truth: Bools) -> Matrix:
    """Per column of ``truth`` (codes of the training sentences whose lemma counts are
    ``lemmas``): its keywords and how distinctive each is, as lemma terms x codes."""
    present = _present(lemmas, unigrams)
    seen = np.bincount(present.indices, minlength=present.shape[1])
    with_code = (present.T @ sp.csr_matrix(truth, dtype=np.float32)).tocsc()
    with_code.sort_indices()
    rows, columns, weights = [], [], []
    for column in range(truth.shape[1]):
        span = slice(with_code.indptr[column], with_code.indptr[column + 1])
        terms, counts = with_code.indices[span], with_code.data[span]
        often = counts >= 2
        terms, share = terms[often], counts[often] / (seen[terms[often]] + 1)
        best = np.argsort(-share, kind="stable")[:KEYWORDS]
        rows += terms[best].tolist()
        columns += [column] * len(best)
        weights += share[best].tolist()
    shape = (present.shape[1], truth.shape[1])
    return sp.csr_matrix((np.asarray(weights, dtype=np.float32), (rows, columns)), shape=shape)


def keyword_codes(lemmas: Matrix, unigrams: Bools, found: Matrix) -> Bools:
    """Each sentence's code by keywords (see the module's docstring); ``lemmas``: the
    sentences' lemma counts, ``found``: what :func:`keywords` found."""
    weights = np.asarray((_present(lemmas, unigrams) @ found).todense())
    predicted = np.zeros(weights.shape, dtype=np.bool_)
    if weights.size:
        best = weights.argmax(axis=1)
        rows = np.arange(len(weights))
        predicted[rows, best] = weights[rows, best] > 0
    return predicted


def _present(lemmas: Matrix, unigrams: Bools) -> Matrix:
    """Ones where a sentence holds a single lemma (bigrams left out)."""
    present = lemmas.copy()
    present.data = unigrams[present.indices].astype(np.float32)
    present.eliminate_zeros()
    return present
