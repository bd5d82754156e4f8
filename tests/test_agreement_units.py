"""The unit rule, worked by hand: |s ∩ u| / min(|s|, |u|) >= θ decides "applied"."""

from __future__ import annotations

import numpy as np

from codebench.agreement.analysis import MISSING, UnitSet, code_matrix
from codebench.agreement.disagreements import find_disagreements, substitution_table
from codebench.agreement.units import Unit, applied_mask, overlap_ratio

# Three sentences: [0, 40), [41, 80), [81, 120).
STARTS, ENDS = [0, 41, 81], [40, 80, 120]


def test_a_phrase_inside_a_sentence_counts_for_that_sentence() -> None:
    assert overlap_ratio((10, 20), (0, 40)) == 1.0
    assert applied_mask(STARTS, ENDS, [(10, 20)], 0.5).tolist() == [True, False, False]


def test_a_span_over_several_sentences_counts_for_each() -> None:
    assert applied_mask(STARTS, ENDS, [(0, 120)], 0.5).tolist() == [True, True, True]


def test_a_small_overrun_into_the_next_sentence_does_not_count() -> None:
    # The span covers sentence 1 and 4 of sentence 2's 39 characters: 4/39 < 0.5.
    assert overlap_ratio((0, 45), (41, 80)) == 4 / 39
    assert applied_mask(STARTS, ENDS, [(0, 45)], 0.5).tolist() == [True, False, False]
    # With "any overlap" it does.
    assert applied_mask(STARTS, ENDS, [(0, 45)], None).tolist() == [True, True, False]


def test_a_span_straddling_two_sentences_counts_where_it_covers_enough() -> None:
    # (60, 100): 20 of sentence 2's 39 characters (0.51), 19 of sentence 3's 39 (0.49).
    assert applied_mask(STARTS, ENDS, [(60, 100)], 0.5).tolist() == [False, True, False]
    assert applied_mask(STARTS, ENDS, [(60, 100)], 0.45).tolist() == [False, True, True]


UNITS = [Unit("d", i + 1, s, e, i) for i, (s, e) in enumerate(zip(STARTS, ENDS, strict=True))]


def test_matrix_has_missing_data_only_for_unfinished_documents() -> None:
    unit_set = UnitSet.build(UNITS)
    spans = {("anna", "d"): [(0, 40)]}
    matrix = code_matrix(unit_set, ["anna", "ben"], spans, set(), 0.5)
    assert matrix.tolist() == [[1, 0, 0], [0, 0, 0]]
    missing = code_matrix(unit_set, ["anna", "ben"], spans, {("ben", "d")}, 0.5)
    assert missing.tolist() == [[1, 0, 0], [MISSING] * 3]


def test_disagreement_kinds() -> None:
    unit_set = UnitSet.build(UNITS)
    coders = ["anna", "ben"]
    spans = {
        1: {("anna", "d"): [(0, 40), (41, 80), (81, 120)], ("ben", "d"): [(0, 30), (35, 45)]},
        2: {("ben", "d"): [(81, 120)]},
    }
    matrices = {
        code: code_matrix(unit_set, coders, by_coder, set(), 0.5)
        for code, by_coder in spans.items()
    }
    found = find_disagreements(unit_set, coders, matrices, spans)
    kinds = [(d.unit.number, d.code_id, d.kind, d.substitute) for d in found]
    assert kinds == [
        (1, 1, "boundary", None),
        (2, 1, "below threshold", None),
        (3, 1, "substitution", 2),
        (3, 2, "substitution", 1),
    ]
    assert substitution_table(found) == {(1, 2): 1, (2, 1): 1}
    views = {v.coder: v for v in found[1].coders}
    assert views["ben"].span == (35, 45) and views["ben"].applied is False
    assert np.isclose(views["ben"].ratio, 4 / 10)


def test_pooled_figures_equal_those_of_the_concatenated_matrices() -> None:
    from codebench.agreement.analysis import agreement_for, pooled

    rng = np.random.default_rng(5)
    for coders in (["a", "b"], ["a", "b", "c"]):
        matrices = [
            rng.choice([-1, 0, 0, 0, 1], size=(len(coders), 200)).astype(np.int8) for _ in range(4)
        ]
        joined = agreement_for("all", np.concatenate(matrices, axis=1), coders)
        summed = pooled(matrices, coders)
        for field in (
            "units",
            "prevalence",
            "percent_agreement",
            "positive_agreement",
            "alpha",
            "kappa",
            "ac1",
        ):
            assert np.isclose(getattr(summed, field), getattr(joined, field)), field
        assert summed.positives == joined.positives
