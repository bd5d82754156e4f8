"""The suggestion model's parts without a project: labels, features, the file format, the
evaluation's folds and similar passages."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pytest

from codebench.errors import CodebenchError
from codebench.suggestions.codec import dumps, loads
from codebench.suggestions.counts import Counts, char_grams
from codebench.suggestions.evaluation import evaluate
from codebench.suggestions.features import FeatureSpace
from codebench.suggestions.model import decide, folds, train
from codebench.suggestions.similar import most_similar
from codebench.suggestions.tokens import tokenize
from codebench.suggestions.units import Span, Unit, uncovered, unit_labels

SENTENCES = [
    "Het budget was te klein.",
    "We kregen geen geld.",
    "De privacy van burgers telt.",
    "Persoonsgegevens blijven binnen.",
    "Het budget werd gekort.",
    "Het geld was op.",
    "De privacy werd bewaakt.",
    "Gegevens worden beschermd.",
]


def _units(texts: list[str], per_document: int = 2) -> list[Unit]:
    units, offset = [], 0
    for index, text in enumerate(texts):
        units.append(
            Unit(
                index // per_document,
                index % per_document + 1,
                offset,
                offset + len(text),
                text,
                "nl",
            )
        )
        offset += len(text) + 1
    return units


def test_a_coding_labels_the_units_it_covers_by_half_of_the_shorter() -> None:
    units = [Unit(1, 1, 0, 10, "a" * 10, "nl"), Unit(1, 2, 11, 31, "b" * 20, "nl")]
    spans = [Span(1, 7, 0, 14), Span(1, 8, 25, 40), Span(2, 9, 0, 10)]
    # 7 covers all of unit 1 and 3 of unit 2's 20; 8 covers 6 of unit 2 but the span is 15 long.
    assert unit_labels(units, spans) == [(7,), ()]
    assert unit_labels(units, [Span(1, 8, 20, 31)]) == [(), (8,)]
    assert uncovered(units, spans) == []
    assert uncovered(units, [Span(1, 7, 0, 5)]) == [1]


def test_character_ngrams_are_those_of_the_padded_word() -> None:
    assert char_grams("ai") == [" ai "]
    assert char_grams("data") == [" dat", "data", "ata "]


def test_neighbouring_sentences_share_lemma_features_but_not_across_documents() -> None:
    units = _units(SENTENCES)
    words = tokenize([u.text for u in units], [u.language for u in units])
    space, features = FeatureSpace.fit_transform(words, [u.document_id for u in units])
    assert np.allclose(
        space.transform(words, [u.document_id for u in units]).toarray(), features.toarray()
    )
    assert features.shape == (len(units), space.width)
    norms = np.sqrt(np.asarray(features.multiply(features).sum(axis=1)).ravel())
    assert np.allclose(norms, 1, atol=1e-5)
    similarity = (features @ features.T).toarray()
    assert similarity[0, 1] > similarity[1, 2]  # same document vs the next document


def test_the_model_file_round_trips_without_pickle() -> None:
    units = _units(SENTENCES)
    words = tokenize([u.text for u in units], [u.language for u in units])
    labels = [{1} if i % 4 < 2 else {2} for i in range(len(units))]
    model = train(words, [u.document_id for u in units], labels)
    data = dumps(model, {"coder": "anna"})
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert all(name.endswith(".npy") for name in archive.namelist())
    loaded = loads(data)
    assert loaded is not None
    again, meta = loaded
    assert meta["coder"] == "anna" and again.codes == model.codes == [1, 2]
    features = model.features(words, [u.document_id for u in units])
    assert np.allclose(again.confidences(features), model.confidences(features))
    assert loads(b"not a model") is None


def test_decide_takes_the_best_code_from_the_threshold() -> None:
    confidences = np.array([[0.2, 0.7], [0.3, 0.1], [0.6, 0.6]], dtype=np.float32)
    assert decide(confidences, 0.5).tolist() == [[False, True], [False, False], [True, False]]


def test_folds_keep_documents_whole_and_cut_a_single_document_in_blocks() -> None:
    groups = np.array([1, 1, 2, 2, 3, 3, 4])
    for train_rows, test_rows in folds(groups, 3):
        assert not set(groups[train_rows]) & set(groups[test_rows])
    single = folds(np.zeros(9, dtype=np.int64), 3)
    assert sorted(test.tolist() for _, test in single) == [[0, 1, 2], [3, 4, 5], [6, 7, 8]]


def test_too_few_codings_are_refused_in_one_line() -> None:
    units = _units(SENTENCES)
    words = tokenize([u.text for u in units], [u.language for u in units])
    with pytest.raises(CodebenchError, match="too few codings"):
        train(words, [u.document_id for u in units], [{1}] + [set()] * (len(units) - 1))
    with pytest.raises(CodebenchError, match="two documents"):
        evaluate(Counts.of(words), [0] * len(units), [{1}] * len(units))


def test_similar_passages_leave_out_the_query_and_its_neighbours() -> None:
    units = _units(SENTENCES, per_document=4)
    words = tokenize([u.text for u in units], [u.language for u in units])
    documents = [u.document_id for u in units]
    features = FeatureSpace.fit_transform(words, documents)[1]
    found = most_similar(features, documents, [0], 3)
    rows = [row for row, _ in found]
    assert 0 not in rows and 1 not in rows
    assert rows[0] == 4  # "Het budget werd gekort." is most like "Het budget was te klein."
    assert [score for _, score in found] == sorted((s for _, s in found), reverse=True)
