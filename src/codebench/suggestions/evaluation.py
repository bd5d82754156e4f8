"""How well the model would have suggested a coder's codes, measured as a reviewer would.

Cross-validation by document, never by sentence: sentences of one interview share words,
speakers and topics, so a model tested on sentences of interviews it learned from looks better
than it will on the next interview. There are :data:`FOLDS` folds however many documents the
coder coded, not one per document: each trains on the other folds' documents, cut as the
coder's own model is cut (at most :data:`~.model.MAX_SENTENCES` sentences, see
:func:`~.units.training_documents`), and is scored on its own. So the figures measure the model
the coder gets, and an evaluation costs :data:`FOLDS` trainings and the learning curve's,
each no more than the model's own (:data:`CAPPED_FOLDS` where fewer folds lose nothing). The
baselines learn from the same training sentences.

The sentences are counted once (:mod:`.counts`); each fold fits its vocabulary from the counts
of its training sentences alone, so no test sentence shapes the features either.

The learning curve trains on the first 1, 2, 4, ... of each fold's training documents (in a
seeded order): how many coded interviews the model needs before its suggestions are worth
reading. Its last point, all of them, is the evaluation itself, not trained again. Above
:data:`~.model.LARGE` training sentences it goes round the first fold only, and at 1, 4,
16, ... documents: the fold's test documents hold thousands of sentences, and the curve's
small models are the dear ones (below LARGE each calibrates itself on three folds of its
own). At the medium benchmark size (200 interviews, 100,000 codings) that makes three folds
and four curve models, seven in all, where one model per document would be two hundred.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from codebench.errors import CodebenchError
from codebench.suggestions.baselines import keyword_codes, keywords, most_frequent
from codebench.suggestions.counts import CHUNK, Counts
from codebench.suggestions.features import FeatureSpace
from codebench.suggestions.metrics import Score, macro_f1, micro, per_code
from codebench.suggestions.model import (
    LARGE,
    MAX_POSITIVES,
    MAX_SENTENCES,
    Bools,
    Ints,
    Model,
    decide,
    fit_model,
    folds,
    label_matrix,
    learnable_codes,
)
from codebench.suggestions.units import training_documents

FOLDS = 5
CAPPED_FOLDS = 3
"""Folds where even two thirds of the coder's sentences fill the model's cap
(:data:`~.model.MAX_SENTENCES`): each fold learns from as many sentences as with five, so two
more folds would only train two more models."""
MODEL, MOST_FREQUENT, KEYWORDS = "model", "most frequent code", "keywords"

Split = tuple[Ints, Ints]
"""A fold's training rows and test rows."""


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
    curve_folds: int
    """The folds the learning curve went round (all, or the first for a large project)."""
    models: int
    """Models trained for these figures: one per fold, and the curve's."""


def evaluate(
    counts: Counts,
    documents: Sequence[int] | Ints,
    labels: Sequence[Collection[int]],
    with_curve: bool = True,
) -> Evaluation:
    """Cross-validate the model and the baselines on sentences in document order (``counts``
    and ``labels``: theirs, ``documents``: each one's document)."""
    groups = np.asarray(documents, dtype=np.int64)
    if len(np.unique(groups)) < 2:
        raise CodebenchError("evaluating needs codings in at least two documents")
    codes = learnable_codes(labels)
    if not codes:
        raise CodebenchError("too few codings to evaluate: no code has two coded sentences")
    truth = label_matrix(labels, codes)
    splits = held_out(groups, labels)
    made, models = out_of_fold(counts, groups, labels, codes, splits)
    predicted = {MODEL: made, MOST_FREQUENT: np.zeros_like(truth), KEYWORDS: np.zeros_like(truth)}
    unigrams = np.fromiter(
        (" " not in term for term in counts.lemma_terms), np.bool_, len(counts.lemma_terms)
    )
    for train_rows, test_rows in splits:
        predicted[MOST_FREQUENT][test_rows] = most_frequent(truth[train_rows], len(test_rows))
        found = keywords(counts.lemmas[train_rows], unigrams, truth[train_rows])
        predicted[KEYWORDS][test_rows] = keyword_codes(counts.lemmas[test_rows], unigrams, found)
    methods = [
        Method(name, micro(truth, found), macro_f1(per_code(truth, found)))
        for name, found in predicted.items()
    ]
    curve: list[CurvePoint] = []
    curve_folds = 0
    if with_curve:
        curve, curve_folds, trained = _curve(counts, groups, labels, codes, splits, truth, made)
        models += trained
    return Evaluation(
        codes,
        per_code(truth, made),
        methods,
        curve,
        len(np.unique(groups)),
        len(groups),
        len(splits),
        curve_folds,
        models,
    )


def held_out(documents: Ints, labels: Sequence[Collection[int]]) -> list[Split]:
    """:data:`FOLDS` folds (:data:`CAPPED_FOLDS` for many sentences) that keep each document
    whole (``documents`` and ``labels``: per sentence), each fold's training documents cut as
    the coder's model cuts theirs."""
    filled = len(documents) * (CAPPED_FOLDS - 1) // CAPPED_FOLDS >= MAX_SENTENCES
    return [
        (learned_from(documents, labels, train_rows), test_rows)
        for train_rows, test_rows in folds(documents, CAPPED_FOLDS if filled else FOLDS)
    ]


def learned_from(documents: Ints, labels: Sequence[Collection[int]], rows: Ints) -> Ints:
    """Those of ``rows`` the coder's model would learn from, were they all it had
    (:func:`~.units.training_documents`)."""
    kept = training_documents(
        documents[rows].tolist(), [labels[i] for i in rows], MAX_POSITIVES, MAX_SENTENCES
    )
    return rows[np.isin(documents[rows], list(kept))]


def model_of(
    counts: Counts, documents: Ints, labels: Sequence[Collection[int]], rows: Ints
) -> Model:
    """A model trained on the sentences ``rows`` of ``counts`` alone, its features dropped
    once it is trained."""
    space, features = FeatureSpace.fit(counts, documents, rows)
    return fit_model(space, features, documents[rows].tolist(), [labels[i] for i in rows])


def out_of_fold(
    counts: Counts,
    documents: Ints,
    labels: Sequence[Collection[int]],
    codes: list[int],
    splits: list[Split],
) -> tuple[Bools, int]:
    """What the model codes in each fold's test sentences, trained on its training sentences
    alone (in ``codes``' columns, nothing in rows no fold tests), and the models trained (a
    fold whose training sentences hold too few codings trains none)."""
    made = np.zeros((counts.sentences, len(codes)), dtype=np.bool_)
    trained = 0
    for train_rows, test_rows in splits:
        decided = _model_codes(counts, documents, labels, codes, train_rows, test_rows)
        if decided is not None:
            made[test_rows] = decided
            trained += 1
    return made, trained


def _model_codes(
    counts: Counts,
    documents: Ints,
    labels: Sequence[Collection[int]],
    codes: list[int],
    train_rows: Ints,
    test_rows: Ints,
) -> Bools | None:
    """The model trained on ``train_rows``, deciding for ``test_rows`` (in ``codes``' columns);
    None where the training part holds too few codings to learn from."""
    if not learnable_codes([labels[i] for i in train_rows]):
        return None
    model = model_of(counts, documents, labels, train_rows)
    made = model_decisions(model, counts, documents, test_rows)
    decided = np.zeros((len(test_rows), len(codes)), dtype=np.bool_)
    column = {code: i for i, code in enumerate(codes)}
    for own, code in enumerate(model.codes):
        decided[:, column[code]] = made[:, own]
    return decided


def model_decisions(model: Model, counts: Counts, documents: Ints, rows: Ints) -> Bools:
    """What ``model`` codes in the sentences ``rows`` of ``counts`` (whole documents in
    document order; ``documents``: each counted sentence's), in its codes' columns; in
    pieces of whole documents of about :data:`~.counts.CHUNK` sentences: a fold's test
    sentences are a third of a large project, as features as big as a model's training."""
    made = np.zeros((len(rows), len(model.codes)), dtype=np.bool_)
    starts = np.flatnonzero(np.diff(documents[rows])) + 1
    cuts = [0, *_cuts(starts.tolist()), len(rows)]
    pieces = [slice(first, last) for first, last in pairwise(cuts)]
    found = model.space.transform_counts(counts, documents, (rows[p] for p in pieces))
    for piece, features in zip(pieces, found, strict=True):
        made[piece] = decide(model.confidences(features), model.threshold)
    return made


def _cuts(starts: list[int]) -> list[int]:
    """Where to cut rows whose documents begin at ``starts`` (the first's, at 0, left out)
    into pieces of whole documents, each closed once it holds :data:`~.counts.CHUNK` rows."""
    cuts, first = [], 0
    for start in starts:
        if start - first >= CHUNK:
            cuts.append(start)
            first = start
    return cuts


def _curve(
    counts: Counts,
    documents: Ints,
    labels: Sequence[Collection[int]],
    codes: list[int],
    splits: list[Split],
    truth: Bools,
    made: Bools,
) -> tuple[list[CurvePoint], int, int]:
    """The learning curve (see the module's docstring; ``made``: the evaluation's own
    predictions, its last point), the folds it went round and the models it trained."""
    step = 2
    if any(len(train_rows) > LARGE for train_rows, _ in splits):
        splits, step = splits[:1], 4
    tested = np.concatenate([test_rows for _, test_rows in splits])
    rng = np.random.default_rng(0)
    orders = [rng.permutation(np.unique(documents[train_rows])) for train_rows, _ in splits]
    fewest = min(len(order) for order in orders)
    points = []
    models = 0
    for size in (step**k for k in range(fewest.bit_length()) if step**k < fewest):
        smaller = [
            (train_rows[np.isin(documents[train_rows], order[:size])], test_rows)
            for (train_rows, test_rows), order in zip(splits, orders, strict=True)
        ]
        found, trained = out_of_fold(counts, documents, labels, codes, smaller)
        models += trained
        points.append(_point(size, smaller, truth[tested], found[tested]))
    every = round(float(np.mean([len(order) for order in orders])))
    points.append(_point(every, splits, truth[tested], made[tested]))
    return points, len(splits), models


def _point(documents: int, splits: list[Split], truth: Bools, made: Bools) -> CurvePoint:
    sentences = sum(len(train_rows) for train_rows, _ in splits) // len(splits)
    return CurvePoint(documents, sentences, micro(truth, made).f1)
