"""The evaluation's folds: a fixed number of them however many documents (not a model per
document), fewer for a coder with many sentences, and no sentence ever judged by a model that
learned from its document, in ``suggest --evaluate`` and in ``model:CODER`` alike."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import codebench.suggestions.evaluation as evaluation
from codebench.services.project import open_project
from codebench.services.suggestions.model_coder import model_codings
from codebench.suggestions.counts import Counts
from codebench.suggestions.evaluation import FOLDS, evaluate, held_out, out_of_fold
from codebench.suggestions.model import MAX_SENTENCES, train
from codebench.suggestions.tokens import Words

BUDGET, PRIVACY = 1, 2
OWN = 100
"""Document d's own code is OWN + d: only its own sentences carry it."""
DOCUMENTS = 24


def _study(documents: int) -> tuple[list[Words], list[int], list[tuple[int, ...]]]:
    """Per document: two budget sentences, two privacy sentences, and two sentences with a
    word no other document holds, coded with a code no other document has."""
    words, owners, labels = [], [], []
    for d in range(documents):
        for words_of, codes in (
            (("het", "budget", "was", "klein"), (BUDGET,)),
            (("geen", "geld", "budget"), (BUDGET,)),
            (("de", "privacy", "telt"), (PRIVACY,)),
            (("gegevens", "privacy", "beschermd"), (PRIVACY,)),
            (("het", f"eigen{d}", "woord"), (OWN + d,)),
            (("weer", f"eigen{d}", "woord"), (OWN + d,)),
        ):
            words.append(Words(words_of, words_of))
            owners.append(d)
            labels.append(codes)
    return words, owners, labels


def _count_trainings(monkeypatch: pytest.MonkeyPatch) -> list[set[int]]:
    """Every model the evaluation trains, as the documents it learned from."""
    trained: list[set[int]] = []
    real = evaluation.model_of

    def spy(counts, documents, labels, rows):  # type: ignore[no-untyped-def]
        trained.append(set(documents[rows].tolist()))
        return real(counts, documents, labels, rows)

    monkeypatch.setattr(evaluation, "model_of", spy)
    return trained


def test_evaluation_trains_a_model_per_fold_not_per_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    words, documents, labels = _study(DOCUMENTS)
    trained = _count_trainings(monkeypatch)
    found = evaluate(Counts.of(words), documents, labels, with_curve=False)
    assert (found.folds, found.documents) == (FOLDS, DOCUMENTS)
    assert found.models == len(trained) == FOLDS < DOCUMENTS
    trained.clear()
    curved = evaluate(Counts.of(words), documents, labels)
    points = len(curved.curve) - 1  # the last point is the evaluation itself, not trained again
    assert curved.models == len(trained) == FOLDS + points * curved.curve_folds


def test_a_coder_with_many_sentences_gets_three_folds_each_cut_as_the_model_is() -> None:
    per_document = 600
    for documents, wanted in ((50, FOLDS), (200, 3)):
        owners = np.repeat(np.arange(documents), per_document)
        labels = [(1,) if i % 7 == 0 else () for i in range(len(owners))]
        splits = held_out(owners, labels)
        assert len(splits) == wanted
        tested = np.sort(np.concatenate([test for _, test in splits]))
        assert tested.tolist() == list(range(len(owners)))  # every sentence judged once
        for train_rows, test_rows in splits:
            assert not set(owners[train_rows]) & set(owners[test_rows])
            assert len(train_rows) <= MAX_SENTENCES


def test_no_sentence_is_judged_by_a_model_that_learned_its_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    words, documents, labels = _study(DOCUMENTS)
    counts = Counts.of(words)
    # A model that saw a document learns its own code from its own word ...
    seen = train(words, documents, labels)
    confidences = seen.confidences(seen.features(words, documents))
    own = [i for i, found in enumerate(labels) if found[0] >= OWN]
    assert all(seen.codes[int(np.argmax(confidences[i]))] == labels[i][0] for i in own)
    # ... which no held-out model can: none of them saw it.
    trained = _count_trainings(monkeypatch)
    owners = np.asarray(documents)
    splits = held_out(owners, labels)
    codes = sorted({code for found in labels for code in found})
    made, _ = out_of_fold(counts, owners, labels, codes, splits)
    assert not made[:, [codes.index(OWN + d) for d in range(DOCUMENTS)]].any()
    assert made[:, codes.index(BUDGET)].any()
    for learned, (_, test_rows) in zip(trained, splits, strict=True):
        assert not learned & set(owners[test_rows].tolist())


def test_the_model_as_a_coder_never_judges_a_document_it_learned_from(
    study: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Models are kept alive here, so that no two of them can share an id().
    learned: dict[int, tuple[object, set[int]]] = {}
    judged: list[tuple[int, set[int]]] = []
    real_model_of, real_decisions = evaluation.model_of, evaluation.model_decisions

    def model_of(counts, documents, labels, rows):  # type: ignore[no-untyped-def]
        model = real_model_of(counts, documents, labels, rows)
        learned[id(model)] = (model, set(documents[rows].tolist()))
        return model

    def decisions(model, counts, documents, rows):  # type: ignore[no-untyped-def]
        judged.append((id(model), set(documents[rows].tolist())))
        return real_decisions(model, counts, documents, rows)

    monkeypatch.setattr(evaluation, "model_of", model_of)
    monkeypatch.setattr(evaluation, "model_decisions", decisions)
    import codebench.services.suggestions.model_coder as model_coder

    monkeypatch.setattr(model_coder, "model_of", model_of)
    monkeypatch.setattr(model_coder, "model_decisions", decisions)
    with open_project(study) as project:
        found = model_codings(project, "model:anna")
    assert found.shape[1] > 0
    # Five coded interviews, one fold each, and interview 6 (uncoded) by the current model.
    assert len(judged) == len(learned) == 6
    for model, documents in judged:
        assert documents and not documents & learned[model][1]
