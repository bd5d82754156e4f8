"""All codes at once equals code by code: the matrices, the pattern counts, the figures and
alpha's bootstrap of an agreement run against the per-code reference functions, and the
counting and the bootstrap in memory that does not grow with units x codes."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from codebench.agreement.alpha import bootstrap_alpha, krippendorff_alpha
from codebench.agreement.analysis import (
    agreement_figures,
    code_matrices,
    code_matrix,
    code_tallies,
    figures_from_tallies,
)
from codebench.agreement.figure import Resampling
from codebench.agreement.measures import ALPHA
from codebench.agreement.tally import Tally, pooled_tally, tally, value_counts
from codebench.agreement.units import UnitSet

Columns = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]
SpansByCode = dict[int, dict[tuple[str, str], list[tuple[int, int]]]]


def random_run(
    seed: int, coders: int, codes: int, documents: int = 3, spans: int = 60
) -> tuple[UnitSet, list[str], SpansByCode, set[tuple[str, str]]]:
    """Documents of 5-30 units with gaps between them, spans of a few units each (repeats and
    overlaps by the same coder included), and some (coder, document) pairs missing."""
    rng = np.random.default_rng(seed)
    names = [f"d{i}" for i in range(documents)]
    document, starts, ends = [], [], []
    for i in range(documents):
        lengths = rng.integers(1, 40, size=int(rng.integers(5, 30)))
        gaps = rng.integers(0, 3, size=len(lengths))
        first = np.cumsum(gaps + np.r_[0, lengths[:-1]])
        document += [i] * len(lengths)
        starts += first.tolist()
        ends += (first + lengths).tolist()
    count = len(starts)
    unit_set = UnitSet.from_columns(
        names,
        np.array(document, dtype=np.int64),
        (
            np.array(starts, dtype=np.int64),
            np.array(ends, dtype=np.int64),
            np.arange(count, dtype=np.int64),
            np.zeros(count, dtype=np.int64),
        ),
        np.zeros(count, dtype=np.int64),
        [None],
    )
    who = [f"c{j}" for j in range(coders)]
    by_code: SpansByCode = {}
    for _ in range(spans):
        code = int(rng.integers(codes))
        name = names[int(rng.integers(documents))]
        _, local_starts, local_ends = unit_set.offsets[name]
        at = int(rng.integers(len(local_starts)))
        start = local_starts[at] + int(rng.integers(0, 5))
        end = local_ends[min(at + int(rng.integers(0, 3)), len(local_ends) - 1)]
        end = max(end - int(rng.integers(0, 5)), start + 1)
        coder = who[int(rng.integers(coders))]
        by_code.setdefault(code, {}).setdefault((coder, name), []).append((start, end))
        if rng.random() < 0.3:  # another coder codes the same passage
            other = who[int(rng.integers(coders))]
            by_code[code].setdefault((other, name), []).append((start, end))
    missing = {(c, d) for c in who for d in names if rng.random() < 0.15}
    return unit_set, who, by_code, missing


def columns(unit_set: UnitSet, coders: list[str], by_code: SpansByCode, codes: int) -> Columns:
    """The spans as code_matrices takes them: (code, coder, start, end) in global offsets."""
    rows = [
        (code, coders.index(coder), start + unit_set.bases[doc], end + unit_set.bases[doc])
        for code, spans in by_code.items()
        for (coder, doc), pairs in spans.items()
        for start, end in pairs
        if code < codes
    ]
    table = np.array(rows, dtype=np.int64).reshape(-1, 4)
    return table[:, 0], table[:, 1], table[:, 2], table[:, 3]


def same_tally(a: Tally, b: Tally) -> bool:
    tables = (a.table is None and b.table is None) or (
        a.table is not None and b.table is not None and np.array_equal(a.table, b.table)
    )
    documents = (a.by_document is None and b.by_document is None) or (
        a.by_document is not None
        and b.by_document is not None
        and np.array_equal(a.by_document, b.by_document)
    )
    same = np.array_equal(a.histogram, b.histogram) and tables and documents
    return same and a.positives == b.positives


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    coders=st.integers(2, 4),
    codes=st.integers(1, 6),
    threshold=st.sampled_from([None, 0.5, 0.3, 1.0]),
)
def test_all_codes_at_once_equal_code_by_code(
    seed: int, coders: int, codes: int, threshold: float | None
) -> None:
    unit_set, who, by_code, missing = random_run(seed, coders, codes)
    spans = columns(unit_set, who, by_code, codes)
    stack = code_matrices(unit_set, who, codes, spans, missing, threshold)
    one_by_one = [
        code_matrix(unit_set, who, by_code.get(code, {}), missing, threshold)
        for code in range(codes)
    ]
    assert np.array_equal(stack, np.stack(one_by_one))
    counted = code_tallies(unit_set, who, codes, spans, missing, threshold)
    assert len(counted) == codes
    for matrix, each in zip(one_by_one, counted, strict=True):
        assert same_tally(each, tally(matrix, who))
    per_document = code_tallies(unit_set, who, codes, spans, missing, threshold, by_document=True)
    for matrix, each in zip(one_by_one, per_document, strict=True):
        assert each.by_document is not None and each.by_document.sum(axis=0).tolist() == (
            each.histogram.tolist()
        )
        assert same_tally(each, tally(matrix, who, unit_set.document))


@pytest.mark.parametrize("coders", [2, 3])
def test_figures_from_all_codes_at_once_equal_the_per_code_functions(coders: int) -> None:
    """Bit for bit, intervals included; alpha also equals the ``krippendorff`` package."""
    codes = 5
    unit_set, who, by_code, missing = random_run(11 + coders, coders, codes, documents=6, spans=400)
    spans = columns(unit_set, who, by_code, codes)
    matrices = {
        f"k{code}": code_matrix(unit_set, who, by_code.get(code, {}), missing, 0.5)
        for code in range(codes)
    }
    counted = code_tallies(unit_set, who, codes, spans, missing, 0.5)
    fast = figures_from_tallies(dict(zip(matrices, counted, strict=True)), who, Resampling(200, 3))
    reference = agreement_figures(matrices, who, 200, 3)
    for ours, theirs in zip([*fast[0], fast[1]], [*reference[0], reference[1]], strict=True):
        assert (ours.code, ours.units) == (theirs.code, theirs.units)
        assert ours.positives == theirs.positives
        assert ours.values == theirs.values
        assert ours.intervals == theirs.intervals
        assert ours.blanks == theirs.blanks
    clustered = code_tallies(unit_set, who, codes, spans, missing, 0.5, by_document=True)
    by_document = figures_from_tallies(
        dict(zip(matrices, clustered, strict=True)), who, Resampling(200, 3, "document")
    )
    reference = agreement_figures(matrices, who, 200, 3, documents=unit_set.document)
    for ours, theirs in zip(
        [*by_document[0], by_document[1]], [*reference[0], reference[1]], strict=True
    ):
        assert ours.values == theirs.values and ours.intervals == theirs.intervals
    defined = 0
    for item, matrix, each in zip(fast[0], matrices.values(), counted, strict=True):
        # The interval as it was drawn before pattern weights: from the expanded rows.
        rows = np.repeat(each.observed, each.observed_weights, axis=0)
        assert item.alpha_ci == (bootstrap_alpha(rows, 200, 3) if item.alpha is not None else None)
        package = krippendorff_alpha(value_counts(matrix))
        assert (item.alpha is None) == (package is None)
        if package is not None:
            defined += 1
            assert item.alpha == pytest.approx(package, rel=1e-9, abs=1e-12)
    assert defined >= 3


@settings(max_examples=100, deadline=None)
@given(
    counts=st.lists(
        st.tuples(st.integers(0, 3), st.integers(0, 3), st.integers(0, 40)), min_size=1, max_size=9
    ),
    seed=st.integers(0, 1000),
)
def test_bootstrap_over_pattern_counts_equals_the_bootstrap_over_units(
    counts: list[tuple[int, int, int]], seed: int
) -> None:
    patterns = np.array([(zeros, ones) for zeros, ones, _ in counts], dtype=np.int64)
    weights = np.array([n for _, _, n in counts], dtype=np.int64)
    units = np.repeat(patterns, weights, axis=0)
    expected = bootstrap_alpha(units, replicates=200, seed=seed)
    assert bootstrap_alpha(patterns, replicates=200, seed=seed, weights=weights) == expected


def test_bootstrap_weights_must_be_whole_units() -> None:
    with pytest.raises(ValueError, match="whole numbers"):
        bootstrap_alpha([[1, 1], [2, 0]], weights=[1.5, 2])


def test_bootstrap_memory_does_not_grow_with_units() -> None:
    """The pooled tally of 30 codes over 10 million units each: drawing 1000 replicates from
    its pattern counts takes under 1 MB, where expanding the 300 million (unit, code) rows, as
    the bootstrap once did, would take gigabytes."""
    histogram = np.zeros(9, dtype=np.int64)
    for zeros, ones, units in ((2, 0, 9_600_000), (1, 1, 150_000), (0, 2, 250_000)):
        histogram[zeros * 3 + ones] = 30 * units
    pooled = Tally(histogram, None, {"a": 0, "b": 0})
    assert ALPHA.interval is not None
    ALPHA.interval(pooled, Resampling(10, 0))  # numpy's first-call allocations aside
    tracemalloc.start()
    try:
        interval = ALPHA.interval(pooled, Resampling(1000, 0))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(interval, tuple) and interval[0] < interval[1]
    assert peak < 1 << 20


def test_counting_memory_grows_with_units_plus_spans_not_units_x_codes() -> None:
    """2,000 codes over 200,000 units: their matrices would take 800 MB of int8; counting
    every code's patterns from the spans takes a few MB, and the pooled tally adds up."""
    units, codes = 200_000, 2_000
    starts = np.arange(units, dtype=np.int64) * 10
    unit_set = UnitSet.from_columns(
        ["d"],
        np.zeros(units, dtype=np.int64),
        (starts, starts + 9, np.arange(units, dtype=np.int64), np.zeros(units, dtype=np.int64)),
        np.zeros(units, dtype=np.int64),
        [None],
    )
    rng = np.random.default_rng(0)
    code = np.repeat(np.arange(codes, dtype=np.int64), 20)
    coder = rng.integers(0, 2, size=len(code))
    at = rng.integers(0, units, size=len(code)) * 10
    spans = (code, coder, at, at + 9)
    tracemalloc.start()
    try:
        counted = code_tallies(unit_set, ["a", "b"], codes, spans, {("b", "d")}, 0.5)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 32 << 20
    total = pooled_tally(counted, ["a", "b"])
    # b is missing throughout: every (unit, code) pair has a's value alone.
    assert total.histogram.sum() == units * codes and total.units == 0
    assert total.positives["b"] == 0 and total.positives["a"] > 0


def test_codes_nobody_applied_anywhere_counted() -> None:
    """No span reaches a unit (or every one is missing data): every code is all (rated, 0)."""
    unit_set, who, by_code, _ = random_run(5, 2, 3)
    spans = columns(unit_set, who, by_code, 3)
    everyone_missing = {(c, d) for c in who for d in unit_set.documents}
    for missing, threshold in ((set(), 2.0), (everyone_missing, 0.5)):
        counted = code_tallies(unit_set, who, 3, spans, missing, threshold)
        matrices = code_matrices(unit_set, who, 3, spans, missing, threshold)
        assert all(same_tally(t, tally(m, who)) for t, m in zip(counted, matrices, strict=True))
        assert all(t.positives == {"c0": 0, "c1": 0} for t in counted)
