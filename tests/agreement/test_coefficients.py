"""Agreement coefficients against published worked examples, edge cases and properties.

Each published example types its data in and cites where it comes from; the expected values
are the published ones, compared to 3 decimals.
"""

from __future__ import annotations

import math

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from codebench.agreement.alpha import alpha_binary, bootstrap_alpha, krippendorff_alpha
from codebench.agreement.coefficients import (
    cohen_kappa,
    cohen_kappa_table,
    fleiss_kappa,
    gwet_ac1,
    pairwise_agreement,
    percent_agreement,
    positive_specific_agreement,
)
from codebench.agreement.counts import value_counts_from_reliability

NA = np.nan


def close3(value: float | None, expected: float) -> bool:
    """Equal to the published figure at its 3 printed decimals."""
    return value is not None and round(value, 3) == expected


# ------------------------------------------------------------------ Krippendorff (2011)

# Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
# Communication, University of Pennsylvania, https://repository.upenn.edu/asc_papers/43 .
# Section C, "Nominal data, any number of observers, missing data": observers A-D, 12 units,
# values 1-5, "." = missing; the paper gets alpha = 0.743. The same data (with the lone value
# of unit 12 attributed to another rater, which no coefficient here can see) is Gwet's
# "4 raters, 12 subjects" set, irrCAC.datasets.raw_4raters / R irrCAC cac.raw4raters, and the
# docstring of the krippendorff package reproduces 0.743 from it.
KRIPPENDORFF_NOMINAL = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, NA, NA, NA],  # observer A
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NA, 3],  # observer B
    [NA, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NA],  # observer C
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NA],  # observer D
]

# Same paper, section A, "Binary or dichotomous data, two observers, no missing data":
# 10 units, alpha = 0.095. By hand: n = 20 values, n_0 = 14, n_1 = 6, o_01 = 4 disagreeing
# units, alpha = 1 - 19 * 4 / (14 * 6) = 0.0952. (irrCAC 0.4.4 krippendorff(): 0.09524.)
KRIPPENDORFF_BINARY = [
    [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],  # observer A
    [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],  # observer B
]


def test_krippendorff_2011_nominal_example_via_package_and_value_counts() -> None:
    direct = krippendorff.alpha(
        reliability_data=KRIPPENDORFF_NOMINAL, level_of_measurement="nominal"
    )
    assert round(direct, 3) == 0.743

    counts, categories = value_counts_from_reliability(KRIPPENDORFF_NOMINAL)
    assert categories.tolist() == [1, 2, 3, 4, 5]
    assert counts.shape == (12, 5)
    assert counts[5].tolist() == [1, 1, 1, 1, 0]  # unit 6: four observers, four values
    assert counts[11].tolist() == [0, 0, 1, 0, 0]  # unit 12: one value, not pairable

    assert close3(krippendorff_alpha(counts), 0.743)
    # The closed form (written for 0/1 codes) holds for any number of categories.
    assert close3(alpha_binary(counts), 0.743)
    assert alpha_binary(counts) == pytest.approx(direct, abs=1e-12)


def test_krippendorff_2011_binary_example() -> None:
    counts, _ = value_counts_from_reliability(KRIPPENDORFF_BINARY)
    direct = krippendorff.alpha(
        reliability_data=KRIPPENDORFF_BINARY, level_of_measurement="nominal"
    )
    assert round(direct, 3) == 0.095
    assert close3(krippendorff_alpha(counts), 0.095)
    assert close3(alpha_binary(counts), 0.095)
    assert alpha_binary(counts) == pytest.approx(1 - 19 * 4 / (14 * 6), abs=1e-12)


# ------------------------------------------------------------------------- Cohen (1960)

# Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and
# Psychological Measurement, 20(1), 37-46. Worked example: a 3 x 3 agreement matrix of
# proportions, judge A in rows, judge B in columns, n = 200; Cohen reports p_o = .70,
# p_c = .41, kappa = .492. (Also the example of R psych::cohen.kappa, "cohen reports .492".)
COHEN_PROPORTIONS = [
    [0.44, 0.07, 0.09],  # A's marginal .60
    [0.05, 0.20, 0.05],  # .30
    [0.01, 0.03, 0.06],  # .10
]  # B's marginals .50 .30 .20


def test_cohen_1960_table_of_proportions() -> None:
    p = np.array(COHEN_PROPORTIONS)
    assert round(float(np.trace(p)), 2) == 0.70
    assert round(float(p.sum(axis=1) @ p.sum(axis=0)), 2) == 0.41
    assert close3(cohen_kappa_table(p), 0.492)


def test_cohen_1960_as_counts_and_as_coded_pairs() -> None:
    counts = np.rint(np.array(COHEN_PROPORTIONS) * 200).astype(int)
    assert close3(cohen_kappa_table(counts), 0.492)
    # The same 200 units as (coder A, coder B) pairs, plus two units B never coded.
    a, b = np.divmod(np.repeat(np.arange(9), counts.ravel()), 3)
    pairs = np.column_stack([a, b])
    pairs = np.vstack([pairs, [[0, -1], [2, -1]]])
    assert close3(cohen_kappa(pairs), 0.492)
    assert percent_agreement(pairs) == pytest.approx(0.70)


# ------------------------------------------------------------------------ Fleiss (1971)

# Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological
# Bulletin, 76(5), 378-382, Table 1: 30 patients, 6 psychiatrists each (not the same six),
# 5 diagnoses; kappa = .430. Two independent transcriptions, checked against each other:
# the counts as hand-scraped from the paper (JonasMoss/quadagree, data_raw/fleiss1971.csv),
# columns depression, personality disorder, schizophrenia, neurosis, other ...
FLEISS_COUNTS = [
    [0, 0, 0, 6, 0],
    [0, 3, 0, 0, 3],
    [0, 1, 4, 0, 1],
    [0, 0, 0, 0, 6],
    [0, 3, 0, 3, 0],
    [2, 0, 4, 0, 0],
    [0, 0, 4, 0, 2],
    [2, 0, 3, 1, 0],
    [2, 0, 0, 4, 0],
    [0, 0, 0, 0, 6],
    [1, 0, 0, 5, 0],
    [1, 1, 0, 4, 0],
    [0, 3, 3, 0, 0],
    [1, 0, 0, 5, 0],
    [0, 2, 0, 3, 1],
    [0, 0, 5, 0, 1],
    [3, 0, 0, 1, 2],
    [5, 1, 0, 0, 0],
    [0, 2, 0, 4, 0],
    [1, 0, 2, 0, 3],
    [0, 0, 0, 0, 6],
    [0, 1, 0, 5, 0],
    [0, 2, 0, 1, 3],
    [2, 0, 0, 4, 0],
    [1, 0, 0, 4, 1],
    [0, 5, 0, 1, 0],
    [4, 0, 0, 0, 2],
    [0, 2, 0, 4, 0],
    [1, 0, 5, 0, 0],
    [0, 0, 0, 0, 6],
]
# ... and the raw ratings of the R irr package's `diagnoses` data set (patients in rows,
# raters 1-6 in columns, 1 = depression ... 5 = other).
FLEISS_RAW = [
    [4, 4, 4, 4, 4, 4],
    [2, 2, 2, 5, 5, 5],
    [2, 3, 3, 3, 3, 5],
    [5, 5, 5, 5, 5, 5],
    [2, 2, 2, 4, 4, 4],
    [1, 1, 3, 3, 3, 3],
    [3, 3, 3, 3, 5, 5],
    [1, 1, 3, 3, 3, 4],
    [1, 1, 4, 4, 4, 4],
    [5, 5, 5, 5, 5, 5],
    [1, 4, 4, 4, 4, 4],
    [1, 2, 4, 4, 4, 4],
    [2, 2, 2, 3, 3, 3],
    [1, 4, 4, 4, 4, 4],
    [2, 2, 4, 4, 4, 5],
    [3, 3, 3, 3, 3, 5],
    [1, 1, 1, 4, 5, 5],
    [1, 1, 1, 1, 1, 2],
    [2, 2, 4, 4, 4, 4],
    [1, 3, 3, 5, 5, 5],
    [5, 5, 5, 5, 5, 5],
    [2, 4, 4, 4, 4, 4],
    [2, 2, 4, 5, 5, 5],
    [1, 1, 4, 4, 4, 4],
    [1, 4, 4, 4, 4, 5],
    [2, 2, 2, 2, 2, 4],
    [1, 1, 1, 1, 5, 5],
    [2, 2, 4, 4, 4, 4],
    [1, 3, 3, 3, 3, 3],
    [5, 5, 5, 5, 5, 5],
]


def test_fleiss_1971_transcriptions_agree() -> None:
    counts, categories = value_counts_from_reliability(np.array(FLEISS_RAW).T)
    assert categories.tolist() == [1, 2, 3, 4, 5]
    assert counts.tolist() == FLEISS_COUNTS


def test_fleiss_1971_kappa() -> None:
    assert close3(fleiss_kappa(FLEISS_COUNTS), 0.430)


def test_fleiss_kappa_with_missing_ratings_is_gwets_generalisation() -> None:
    # Krippendorff's 4 raters x 12 units, missing ratings included: irrCAC 0.4.4
    # CAC(raw_4raters()).fleiss() gives 0.76117 (pa 0.81818, pe 0.23872), as Gwet (2014)
    # generalises Fleiss' kappa to units with fewer ratings.
    counts, _ = value_counts_from_reliability(KRIPPENDORFF_NOMINAL)
    assert fleiss_kappa(counts) == pytest.approx(0.76117, abs=5e-6)
    assert pairwise_agreement(counts) == pytest.approx(0.81818, abs=5e-6)


# --------------------------------------------------------------------------- Gwet's AC1

# Gwet, K. L. (2014). Handbook of Inter-Rater Reliability, 4th ed., Advanced Analytics: the
# 4 raters x 12 subjects data (Krippendorff's example above, missing ratings included),
# AC1 = 0.7754 with missing ratings handled as in Gwet (2008). Checked against irrCAC 0.4.4
# (pip, in a throwaway virtualenv): CAC(raw_4raters()).gwet() gave coefficient_value 0.77544,
# pa 0.81818, pe 0.19032. (Its Fleiss' kappa with Gwet's missing-data handling,
# CAC(...).fleiss(), gave 0.76117, as fleiss_kappa here does: see the test above.)


def test_gwet_handbook_ac1_four_raters_with_missing() -> None:
    counts, _ = value_counts_from_reliability(KRIPPENDORFF_NOMINAL)
    value = gwet_ac1(counts)
    assert close3(value, 0.775)
    assert value == pytest.approx(0.77544, abs=5e-6)


def test_gwet_ac1_two_raters() -> None:
    # Krippendorff's binary data as two raters: p_a = 6/10, pi_1 = 6/20, p_e = 2 * .3 * .7
    # = .42, AC1 = (.6 - .42) / .58 = 0.3103. irrCAC 0.4.4 CAC(...).gwet(): 0.31034.
    counts, _ = value_counts_from_reliability(KRIPPENDORFF_BINARY)
    assert gwet_ac1(counts) == pytest.approx(0.18 / 0.58, abs=1e-12)


def test_gwet_ac1_on_fleiss_data_matches_irrcac() -> None:
    # With every unit rated by 6, p_a is Fleiss' P-bar; only chance agreement differs.
    # irrCAC 0.4.4 on the irr diagnoses data: CAC(raw).gwet() 0.44788 (and .fleiss() 0.43024,
    # Fleiss' published .430).
    assert gwet_ac1(FLEISS_COUNTS) == pytest.approx(0.44788, abs=5e-6)


# --------------------------------------------------------------- two-coder statistics


def test_percent_and_positive_specific_agreement() -> None:
    pairs = np.array(KRIPPENDORFF_BINARY).T
    # a = 1 (unit 2), b + c = 4 (units 1, 3, 6, 9): 2 / (2 + 4).
    assert positive_specific_agreement(pairs) == pytest.approx(1 / 3)
    assert percent_agreement(pairs) == pytest.approx(0.6)
    # Missing values (-1) leave the unit out of both.
    with_missing = np.vstack([pairs, [[1, -1], [-1, 1], [-1, -1]]])
    assert positive_specific_agreement(with_missing) == pytest.approx(1 / 3)
    assert percent_agreement(with_missing) == pytest.approx(0.6)


def test_positive_specific_agreement_rejects_non_binary() -> None:
    with pytest.raises(ValueError):
        positive_specific_agreement([[0, 2]])


def test_cohen_kappa_accepts_int8_matrix_transpose() -> None:
    matrix = np.array(KRIPPENDORFF_BINARY, dtype=np.int8)
    # Cohen's kappa for these data (Scott's pi / alpha differ through the marginals).
    assert cohen_kappa(matrix.T) == pytest.approx((0.6 - 0.56) / 0.44)


# ------------------------------------------------------------------------ edge cases


def test_no_variation_is_undefined_never_0_or_1() -> None:
    nobody = np.array([[3, 0]] * 20)  # three coders, nobody applied the code
    everybody = np.array([[0, 2]] * 5)
    for counts in (nobody, everybody):
        assert krippendorff_alpha(counts) is None
        assert alpha_binary(counts) is None
        assert bootstrap_alpha(counts, replicates=50) is None
        assert fleiss_kappa(counts) is None
    pairs = np.zeros((20, 2), dtype=int)
    assert cohen_kappa(pairs) is None
    assert positive_specific_agreement(pairs) is None
    assert cohen_kappa_table([[1.0, 0.0], [0.0, 0.0]]) is None
    # Agreement that is not chance-corrected is defined: they did agree on every unit.
    assert percent_agreement(pairs) == 1.0
    # AC1's chance agreement is 0 here, so AC1 is 1 by its formula (documented choice).
    assert gwet_ac1(nobody) == 1.0


def test_all_missing() -> None:
    empty_counts = np.zeros((10, 2), dtype=int)
    assert krippendorff_alpha(empty_counts) is None
    assert alpha_binary(empty_counts) is None
    assert bootstrap_alpha(empty_counts, replicates=20) is None
    assert gwet_ac1(empty_counts) is None
    assert fleiss_kappa(empty_counts) is None
    missing = np.full((10, 2), -1)
    assert cohen_kappa(missing) is None
    assert percent_agreement(missing) is None
    assert positive_specific_agreement(missing) is None
    # Only one coder per unit: nothing to pair.
    singles = np.array([[1, 0], [0, 1], [1, 0]])
    assert krippendorff_alpha(singles) is None
    assert alpha_binary(singles) is None
    assert gwet_ac1(singles) is None
    # No units at all.
    nothing = np.zeros((0, 2), dtype=int)
    assert krippendorff_alpha(nothing) is None
    assert alpha_binary(nothing) is None
    assert bootstrap_alpha(nothing) is None
    assert fleiss_kappa(nothing) is None
    assert gwet_ac1(nothing) is None
    assert cohen_kappa(np.zeros((0, 2), dtype=int)) is None


def test_single_unit() -> None:
    split = np.array([[1, 1]])  # one coder said 0, one said 1
    assert krippendorff_alpha(split) == pytest.approx(0.0)
    assert alpha_binary(split) == pytest.approx(0.0)
    assert cohen_kappa([[0, 1]]) == pytest.approx(0.0)
    agreed = np.array([[0, 2]])
    assert krippendorff_alpha(agreed) is None
    assert alpha_binary(agreed) is None
    assert cohen_kappa([[1, 1]]) is None
    assert fleiss_kappa(agreed) is None


def test_bad_input_raises() -> None:
    with pytest.raises(ValueError):
        alpha_binary([1, 2, 3])
    with pytest.raises(ValueError):
        alpha_binary([[1, -1]])
    with pytest.raises(ValueError):
        alpha_binary([[1, 1]], weights=[1, 2])
    with pytest.raises(ValueError):
        cohen_kappa([[0, 1, 1]])
    with pytest.raises(ValueError):
        cohen_kappa_table([[1, 2, 3]])
    with pytest.raises(ValueError):
        bootstrap_alpha([[1, 1]], replicates=0)
    with pytest.raises(ValueError):
        bootstrap_alpha([[1, 1]], level=1.5)


# ------------------------------------------------------------------------- bootstrap


def simulated_code(units: int, coders: int, seed: int) -> np.ndarray:
    """A realistic code: 20% prevalence, each coder wrong 10% of the time, 5% missing."""
    rng = np.random.default_rng(seed)
    truth = rng.random(units) < 0.2
    flips = rng.random((coders, units)) < 0.1
    said = truth[None, :] ^ flips
    present = rng.random((coders, units)) >= 0.05
    return np.stack([((~said) & present).sum(axis=0), (said & present).sum(axis=0)], axis=1)


def test_bootstrap_is_reproducible_and_contains_the_estimate() -> None:
    counts = simulated_code(2000, 3, seed=7)
    point = alpha_binary(counts)
    assert point is not None
    assert point == pytest.approx(krippendorff_alpha(counts))
    first = bootstrap_alpha(counts, replicates=1000, seed=42)
    again = bootstrap_alpha(counts, replicates=1000, seed=42)
    other = bootstrap_alpha(counts, replicates=1000, seed=43)
    assert first is not None and other is not None
    assert first == again
    assert first != other
    low, high = first
    assert low < point < high
    assert high - low < 0.1  # 2000 units: a tight interval
    narrow = bootstrap_alpha(counts, replicates=1000, seed=42, level=0.5)
    assert narrow is not None
    assert low < narrow[0] < narrow[1] < high


def test_bootstrap_none_when_too_many_replicates_undefined() -> None:
    # One positive unit in 1000: about e^-1 = 37% of resamples miss it and have no
    # variation, far more than the 2.5% tail the 95% interval could absorb.
    counts = np.array([[2, 0]] * 999 + [[1, 1]])
    assert alpha_binary(counts) is not None
    assert bootstrap_alpha(counts, replicates=500) is None


def test_bootstrap_on_100000_units_runs() -> None:
    # Not a timing gate (see the benchmark suite); the weights are R x patterns, not R x N.
    counts = simulated_code(100_000, 2, seed=1)
    interval = bootstrap_alpha(counts, replicates=1000, seed=0)
    point = alpha_binary(counts)
    assert interval is not None and point is not None
    assert interval[0] < point < interval[1]


# ------------------------------------------------------------------------ properties


@st.composite
def value_count_arrays(draw: st.DrawFn, columns: int = 2) -> np.ndarray:
    units = draw(st.integers(min_value=1, max_value=40))
    counts: np.ndarray = draw(
        arrays(np.int64, (units, columns), elements=st.integers(min_value=0, max_value=4))
    )
    return counts


def same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


@settings(max_examples=300, deadline=None)
@given(value_count_arrays())
def test_alpha_binary_equals_the_package(counts: np.ndarray) -> None:
    assert same(alpha_binary(counts), krippendorff_alpha(counts))


@settings(max_examples=100, deadline=None)
@given(value_count_arrays(columns=4))
def test_closed_form_equals_the_package_for_more_categories(counts: np.ndarray) -> None:
    assert same(alpha_binary(counts), krippendorff_alpha(counts))


@settings(max_examples=100, deadline=None)
@given(value_count_arrays(), st.data())
def test_weights_are_unit_multiplicities(counts: np.ndarray, data: st.DataObject) -> None:
    weights = np.array(
        data.draw(
            st.lists(
                st.integers(min_value=0, max_value=3), min_size=len(counts), max_size=len(counts)
            )
        )
    )
    repeated = np.repeat(counts, weights, axis=0)
    assert same(alpha_binary(counts, weights), alpha_binary(repeated))
    assert same(alpha_binary(counts, np.ones(len(counts))), alpha_binary(counts))


def test_wide_or_large_counts_take_the_sorting_path() -> None:
    # Counts this large (or many categories) exceed the bincount key space and go through
    # np.unique instead; the results must not depend on the path.
    rng = np.random.default_rng(3)
    large = rng.integers(0, 2000, size=(300, 2))
    assert same(alpha_binary(large), krippendorff_alpha(large))
    weights = rng.integers(0, 3, size=300)
    assert same(alpha_binary(large, weights), alpha_binary(np.repeat(large, weights, axis=0)))
    wide = rng.integers(0, 3, size=(200, 15))
    assert same(alpha_binary(wide), krippendorff_alpha(wide))
    assert same(gwet_ac1(large), naive_ac1(large))
    assert same(gwet_ac1(wide), naive_ac1(wide))


def naive_ac1(counts: np.ndarray) -> float | None:
    """Gwet's AC1 unit by unit, straight from the formulas, as a reference."""
    q = counts.shape[1]
    rated = [row.astype(float) for row in counts if row.sum() >= 1]
    multiple = [row for row in rated if row.sum() >= 2]
    if q < 2 or not multiple:
        return None
    pa = float(np.mean([(r * (r - 1)).sum() / (r.sum() * (r.sum() - 1)) for r in multiple]))
    pi = np.mean([r / r.sum() for r in rated], axis=0)
    pe = float((pi * (1 - pi)).sum() / (q - 1))
    return (pa - pe) / (1 - pe)


@settings(max_examples=200, deadline=None)
@given(st.one_of(value_count_arrays(), value_count_arrays(columns=3)))
def test_gwet_ac1_equals_unit_by_unit_reference(counts: np.ndarray) -> None:
    assert same(gwet_ac1(counts), naive_ac1(counts))


def test_pairwise_agreement_counts_every_agreeing_pair_when_four_coders_split_two_two() -> None:
    # Five sentences, four coders: c1 and c2 code sentence 2, c3 and c4 code sentence 3. Of
    # the 60 ordered pairs of ratings, 3 x 12 agree on the uncoded sentences and 2 x 4 on the
    # split ones: 44 / 60, irrCAC's observed agreement (the majority-only count gave 0.667).
    counts = [[4, 0], [2, 2], [2, 2], [4, 0], [4, 0]]
    assert pairwise_agreement(counts) == pytest.approx(44 / 60)


def naive_fleiss(counts: np.ndarray) -> tuple[float | None, float | None]:
    """Percent agreement and Fleiss' kappa unit by unit, straight from Gwet's formulas for
    missing ratings (as irrCAC's ``fleiss``), as a reference."""
    rated = [row.astype(float) for row in counts if row.sum() >= 1]
    multiple = [row for row in rated if row.sum() >= 2]
    if not multiple:
        return None, None
    pa = float(np.mean([(r * (r - 1)).sum() / (r.sum() * (r.sum() - 1)) for r in multiple]))
    pi = np.mean([r / r.sum() for r in rated], axis=0)
    pe = float((pi * pi).sum())
    return pa, (None if 1 - pe <= 1e-12 else (pa - pe) / (1 - pe))


@settings(max_examples=200, deadline=None)
@given(st.one_of(value_count_arrays(), value_count_arrays(columns=3)))
def test_percent_agreement_and_fleiss_equal_unit_by_unit_reference(counts: np.ndarray) -> None:
    pa, kappa = naive_fleiss(counts)
    assert same(pairwise_agreement(counts), pa)
    assert same(fleiss_kappa(counts), kappa)
