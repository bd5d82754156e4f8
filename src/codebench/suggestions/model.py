"""The suggestion model: one linear classifier per code, with calibrated confidences.

Training (scikit-learn, loaded only here):

1. one linear SVM per code that has at least :data:`MIN_POSITIVES` example sentences
   (one-vs-rest, so a sentence can take several codes), classes weighted to balance;
2. cross-validated decision values, grouped by document, to fit one Platt curve for all codes
   (a code has a dozen examples in a small study: too few for a curve of its own) and the
   confidence at which the model "codes" a sentence: the one that maximised micro F1 there
   (on the held-out sentences only);
3. the SVMs again on everything.

A large project is held to seconds, not minutes: each code learns from at most
:data:`MAX_POSITIVES` of its sentences and three times as many others (at least
:data:`MIN_NEGATIVES`), sampled; balanced class weights make a sample's answer the same in
expectation. Above :data:`LARGE` sentences the calibration holds out one third of the documents
once instead of going round three folds: its curve has two parameters, fitted on thousands of
sentences either way. Predicting needs no scikit-learn: a sparse product and the curve.
"""

from __future__ import annotations

import warnings
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from codebench.errors import CodebenchError
from codebench.suggestions.counts import Matrix
from codebench.suggestions.features import FeatureSpace, Floats
from codebench.suggestions.tokens import Words

MIN_POSITIVES = 2
"""Sentences a code needs before the model suggests it."""
FOLDS = 3
"""Folds of the cross-validation that calibrates the confidences."""
LARGE = 20_000
"""Sentences from which the calibration holds out one fold only."""
MAX_POSITIVES = 1_000
MAX_SENTENCES = 40_000
"""Sentences a model learns from at most (see
:func:`~codebench.suggestions.units.training_documents`): a coder's hundredth interview
teaches the model little its first fifty did not, and a project of 100,000 codings trains in
seconds and a few hundred megabytes."""
NEGATIVES_PER_POSITIVE = 3
MIN_NEGATIVES = 2_000
C = 0.5
"""The SVMs' regularisation: chosen by cross-validation on the demo (0.25 to 1 differ little)."""
THRESHOLDS = np.round(np.arange(0.05, 0.951, 0.025), 3)

Bools = npt.NDArray[np.bool_]
Ints = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Model:
    """A trained model: its features, one weight row per code, and its calibration."""

    space: FeatureSpace
    codes: list[int]
    weights: Floats
    """codes x features"""
    intercepts: Floats
    slope: float
    offset: float
    threshold: float
    """The confidence from which the model counts a code as applied."""

    def features(self, words: Sequence[Words], documents: Sequence[int]) -> Matrix:
        return self.space.transform(words, documents)

    def confidences(self, features: Matrix) -> Floats:
        """sentences x codes: the calibrated chance that the coder applies each code."""
        scores = np.asarray(features @ self.weights.T) + self.intercepts
        return _sigmoid(self.slope * scores + self.offset)


def label_matrix(labels: Sequence[Collection[int]], codes: Sequence[int]) -> Bools:
    """sentences x codes: which codes each sentence took."""
    column = {code: i for i, code in enumerate(codes)}
    matrix = np.zeros((len(labels), len(codes)), dtype=np.bool_)
    for row, found in enumerate(labels):
        for code in found:
            if code in column:
                matrix[row, column[code]] = True
    return matrix


def learnable_codes(labels: Sequence[Collection[int]]) -> list[int]:
    """The codes with at least :data:`MIN_POSITIVES` sentences, in id order."""
    counts: dict[int, int] = {}
    for found in labels:
        for code in found:
            counts[code] = counts.get(code, 0) + 1
    return sorted(code for code, n in counts.items() if n >= MIN_POSITIVES)


def train(
    words: Sequence[Words],
    documents: Sequence[int],
    labels: Sequence[Collection[int]],
    seed: int = 0,
) -> Model:
    """A model from sentences (in document order), their documents and their codes."""
    space, features = FeatureSpace.fit_transform(words, documents)
    return fit_model(space, features, documents, labels, seed)


def fit_model(
    space: FeatureSpace,
    features: Matrix,
    documents: Sequence[int],
    labels: Sequence[Collection[int]],
    seed: int = 0,
) -> Model:
    """A model from sentences already in ``space`` (the words need not be held meanwhile)."""
    codes = learnable_codes(labels)
    if not codes:
        raise CodebenchError(
            f"too few codings to learn from: no code has {MIN_POSITIVES} coded sentences yet"
        )
    truth = label_matrix(labels, codes)
    groups = np.asarray(documents, dtype=np.int64)
    scores = np.full(truth.shape, -1.0, dtype=np.float32)
    splits = folds(groups, FOLDS)
    splits = splits[:1] if len(documents) > LARGE else splits
    for train_rows, test_rows in splits:
        weights, intercepts, trained = fit_codes(features, truth[train_rows], seed, train_rows)
        fold_scores = np.asarray(features[test_rows] @ weights.T) + intercepts
        scores[np.ix_(test_rows, trained)] = fold_scores[:, trained]
    tested = np.sort(np.concatenate([test_rows for _, test_rows in splits]))
    scores, held_out = scores[tested], truth[tested]
    slope, offset = platt(scores, held_out, seed)
    threshold = best_threshold(_sigmoid(slope * scores + offset), held_out)
    weights, intercepts, _ = fit_codes(features, truth, seed)
    return Model(space, codes, weights, intercepts, slope, offset, threshold)


def folds(groups: Ints, wanted: int) -> list[tuple[Ints, Ints]]:
    """Train and test rows that keep each group (document) whole; with fewer groups than
    ``wanted`` a single document is cut into consecutive blocks instead (better than no
    calibration at all for a coder who has coded one interview)."""
    distinct = np.unique(groups)
    if len(distinct) < 2:
        groups = np.arange(len(groups)) * wanted // max(len(groups), 1)
        distinct = np.unique(groups)
    count = min(wanted, len(distinct))
    order = np.random.default_rng(0).permutation(distinct)
    fold_of = {int(group): i % count for i, group in enumerate(order)}
    assigned = np.fromiter((fold_of[int(g)] for g in groups), dtype=np.int64, count=len(groups))
    return [(np.flatnonzero(assigned != k), np.flatnonzero(assigned == k)) for k in range(count)]


def fit_codes(
    features: Matrix, truth: Bools, seed: int, rows: Ints | None = None
) -> tuple[Floats, Floats, Ints]:
    """One SVM per column of ``truth`` (the codes of ``features``' rows ``rows``, all for
    None: a calibration fold's rows are picked, not copied) that has a positive and a
    negative row; the weights (zero for the others), intercepts, and the columns trained."""
    from sklearn.exceptions import ConvergenceWarning  # type: ignore[import-untyped]
    from sklearn.svm import LinearSVC  # type: ignore[import-untyped]

    rng = np.random.default_rng(seed)
    weights = np.zeros((truth.shape[1], features.shape[1]), dtype=np.float32)
    intercepts = np.full(truth.shape[1], -1.0, dtype=np.float32)
    trained: list[int] = []
    if not features.shape[1]:  # a handful of sentences sharing no word: nothing to learn yet
        return weights, intercepts, np.asarray(trained, dtype=np.int64)
    for column in range(truth.shape[1]):
        positive = np.flatnonzero(truth[:, column])
        negative = np.flatnonzero(~truth[:, column])
        if not len(positive) or not len(negative):
            continue
        if len(positive) > MAX_POSITIVES:
            positive = np.sort(rng.choice(positive, MAX_POSITIVES, replace=False))
        keep = max(MIN_NEGATIVES, NEGATIVES_PER_POSITIVE * len(positive))
        if len(negative) > keep:
            negative = np.sort(rng.choice(negative, keep, replace=False))
        chosen = np.concatenate([positive, negative])
        target = np.concatenate([np.ones(len(positive)), np.zeros(len(negative))])
        svm = LinearSVC(C=C, class_weight="balanced", dual="auto", random_state=seed)
        with warnings.catch_warnings():
            # A code its examples do not separate is still scored, if less well.
            warnings.simplefilter("ignore", ConvergenceWarning)
            svm.fit(features[chosen if rows is None else rows[chosen]], target)
        weights[column] = svm.coef_[0]
        intercepts[column] = svm.intercept_[0]
        trained.append(column)
    return weights, intercepts, np.asarray(trained, dtype=np.int64)


def platt(scores: Floats, truth: Bools, seed: int) -> tuple[float, float]:
    """One logistic curve from decision values to the chance of the code (Platt scaling),
    fitted on every sentence and code at once (a sample of a million at most)."""
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    values, targets = scores.ravel(), truth.ravel()
    if len(values) > 1_000_000:
        sample = np.random.default_rng(seed).choice(len(values), 1_000_000, replace=False)
        values, targets = values[sample], targets[sample]
    if targets.all() or not targets.any():
        return 1.0, 0.0
    curve: Any = LogisticRegression(C=1e4).fit(values.reshape(-1, 1), targets)
    return float(curve.coef_[0, 0]), float(curve.intercept_[0])


def decide(confidences: Floats, threshold: float) -> Bools:
    """Each sentence's most likely code, where its confidence reaches ``threshold``: what the
    model "codes" (the coders of the demo give a sentence one code in 99 cases of 100)."""
    chosen = np.zeros(confidences.shape, dtype=np.bool_)
    if confidences.size:
        best = confidences.argmax(axis=1)
        rows = np.arange(len(confidences))
        chosen[rows, best] = confidences[rows, best] >= threshold
    return chosen


def best_threshold(confidences: Floats, truth: Bools) -> float:
    """The threshold of :func:`decide` with the best micro F1 on these (held-out) sentences."""
    if not confidences.size:
        return 0.5
    best = confidences.argmax(axis=1)
    rows = np.arange(len(confidences))
    top = confidences[rows, best]
    hit = truth[rows, best]
    positives = truth.sum()
    scores = []
    for threshold in THRESHOLDS:
        chosen = top >= threshold
        correct = (chosen & hit).sum()
        scores.append(2 * correct / max(chosen.sum() + positives, 1))
    return float(THRESHOLDS[int(np.argmax(scores))])


def _sigmoid(values: npt.NDArray[Any]) -> Floats:
    result: Floats = (1 / (1 + np.exp(-np.clip(values, -30, 30)))).astype(np.float32)
    return result
