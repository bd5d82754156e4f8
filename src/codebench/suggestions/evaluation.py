"""How well the model would have suggested a coder's codes, measured as a reviewer would.

Cross-validation by document, never by sentence: sentences of one interview share words,
speakers and topics, so a model tested on sentences of interviews it learned from looks better
than it will on the next interview. Each fold trains on the other documents' sentences and
is scored on its own; the baselines learn from the same training sentences. The learning
curve trains on growing numbers of each fold's training documents: how many coded interviews
the model needs before its suggestions are worth reading.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from codebench.errors import CodebenchError
from codebench.suggestions.baselines import keyword_codes, keywords, most_frequent
from codebench.suggestions.metrics import Score, macro_f1, micro, per_code
from codebench.suggestions.model import (
    Bools,
    Ints,
    decide,
    folds,
    label_matrix,
    learnable_codes,
    train,
)
from codebench.suggestions.tokens import Words

FOLDS = 5
MODEL, MOST_FREQUENT, KEYWORDS = "model", "most frequent code", "keywords"


@dataclass(frozen=True)
class Method:
    """One method's pooled figures over all folds."""

    name: str
    micro: Score
    macro_f1: float


@dataclass(frozen=True)
class CurvePoint:
    """Micro F1 of the model trained on ``documents`` coded documents per fold."""

    documents: int
    sentences: int
    micro_f1: float


@dataclass(frozen=True)
class Evaluation:
    codes: list[int]
    per_code: list[Score]
    """The model's figures, one per code in ``codes``."""
    methods: list[Method]
    curve: list[CurvePoint]
    documents: int
    sentences: int
    folds: int


def evaluate(
    words: Sequence[Words],
    documents: Sequence[int],
    labels: Sequence[set[int]],
    with_curve: bool = True,
) -> Evaluation:
    """Cross-validate the model and the baselines on sentences in document order."""
    groups = np.asarray(documents, dtype=np.int64)
    if len(np.unique(groups)) < 2:
        raise CodebenchError("evaluating needs codings in at least two documents")
    codes = learnable_codes(labels)
    if not codes:
        raise CodebenchError("too few codings to evaluate: no code has two coded sentences")
    truth = label_matrix(labels, codes)
    predicted = {name: np.zeros_like(truth) for name in (MODEL, MOST_FREQUENT, KEYWORDS)}
    splits = folds(groups, FOLDS)
    predicted[MODEL] = out_of_fold(words, documents, labels, codes, splits)
    for train_rows, test_rows in splits:
        predicted[MOST_FREQUENT][test_rows] = most_frequent(truth[train_rows], len(test_rows))
        found = keywords([words[i] for i in train_rows], truth[train_rows])
        predicted[KEYWORDS][test_rows] = keyword_codes([words[i] for i in test_rows], found)
    methods = [
        Method(name, micro(truth, made), macro_f1(per_code(truth, made)))
        for name, made in predicted.items()
    ]
    curve = _curve(words, documents, labels, codes, splits, truth) if with_curve else []
    return Evaluation(
        codes,
        per_code(truth, predicted[MODEL]),
        methods,
        curve,
        len(np.unique(groups)),
        len(words),
        len(splits),
    )


def out_of_fold(
    words: Sequence[Words],
    documents: Sequence[int],
    labels: Sequence[set[int]],
    codes: list[int],
    splits: list[tuple[Ints, Ints]] | None = None,
) -> Bools:
    """What the model codes in each sentence when trained without the sentence's document
    (``splits``: by default :data:`FOLDS` folds by document), in ``codes``' columns."""
    if splits is None:
        splits = folds(np.asarray(documents, dtype=np.int64), FOLDS)
    made = np.zeros((len(words), len(codes)), dtype=np.bool_)
    for train_rows, test_rows in splits:
        made[test_rows] = _model_codes(words, documents, labels, codes, train_rows, test_rows)
    return made


def _model_codes(
    words: Sequence[Words],
    documents: Sequence[int],
    labels: Sequence[set[int]],
    codes: list[int],
    train_rows: Ints,
    test_rows: Ints,
) -> Bools:
    """The model trained on ``train_rows``, deciding for ``test_rows`` (in ``codes``' columns);
    nothing where the training part holds too few codings to learn from."""
    decided = np.zeros((len(test_rows), len(codes)), dtype=np.bool_)
    part_labels = [labels[i] for i in train_rows]
    if not learnable_codes(part_labels):
        return decided
    model = train([words[i] for i in train_rows], [documents[i] for i in train_rows], part_labels)
    test_words = [words[i] for i in test_rows]
    confidences = model.confidences(model.features(test_words, [documents[i] for i in test_rows]))
    made = decide(confidences, model.threshold)
    column = {code: i for i, code in enumerate(codes)}
    for own, code in enumerate(model.codes):
        decided[:, column[code]] = made[:, own]
    return decided


def _curve(
    words: Sequence[Words],
    documents: Sequence[int],
    labels: Sequence[set[int]],
    codes: list[int],
    splits: list[tuple[Ints, Ints]],
    truth: Bools,
) -> list[CurvePoint]:
    """Micro F1 when each fold trains on its first 1, 2, 4, ... training documents (in a
    seeded order), up to all of them."""
    groups = np.asarray(documents, dtype=np.int64)
    rng = np.random.default_rng(0)
    orders = [rng.permutation(np.unique(groups[train_rows])) for train_rows, _ in splits]
    largest = min(len(order) for order in orders)
    sizes = sorted({*(2**k for k in range(largest.bit_length()) if 2**k < largest), largest})
    points = []
    for size in sizes:
        smaller = [
            (train_rows[np.isin(groups[train_rows], order[:size])], test_rows)
            for (train_rows, test_rows), order in zip(splits, orders, strict=True)
        ]
        made = out_of_fold(words, documents, labels, codes, smaller)
        sentences = sum(len(train_rows) for train_rows, _ in smaller) // len(splits)
        points.append(CurvePoint(size, sentences, micro(truth, made).f1))
    return points
