"""Agreement coefficients for one code (or one pooled set of codes), pure numpy.

Input shapes (the units/matrices side builds them):

* ``value_counts``: units x categories, how many coders gave each value to each unit. For a
  code the categories are 0 ("did not apply it") and 1 ("applied it"), so the shape is
  (units, 2). A coder who was not assigned a document or did not finish it simply does not
  count, so rows may sum to fewer than the number of coders.
* ``pairs``: units x 2 (coder A, coder B), values 0/1 (or any category >= 0) and -1 for
  missing. Only for the two-coder statistics.
* A reliability matrix (coders x units, ``np.nan`` for missing, any category values) is
  turned into value counts by :func:`value_counts_from_reliability`, for the published
  multi-category examples.

Every coefficient returns ``None`` when it is undefined (typically 0/0 because nobody varied)
rather than 0 or 1: a code nobody applied has no measurable reliability, and printing 1.0 or
0.0 would invite a wrong reading. Malformed input (wrong shape, negative counts) raises
``ValueError``: that is a programming error, not a property of the data.
"""

from __future__ import annotations

from typing import Any

import krippendorff
import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

__all__ = [
    "alpha_binary",
    "bootstrap_alpha",
    "cohen_kappa",
    "cohen_kappa_table",
    "fleiss_kappa",
    "gwet_ac1",
    "krippendorff_alpha",
    "pairwise_agreement",
    "percent_agreement",
    "positive_specific_agreement",
    "specific_positive_agreement",
    "value_counts_from_reliability",
]

# Chance agreement this close to 1 means every rating fell in one category: kappa is 0/0.
_ONE_TOLERANCE = 1e-12


# --------------------------------------------------------------------------- validation


def _counts(value_counts: npt.ArrayLike, name: str = "value_counts") -> IntArray:
    """A units x categories array of non-negative integer counts, without copying int64 input.

    Float input is accepted when it holds whole numbers (pandas often hands counts over as
    floats); anything else is a caller's mistake and raises.
    """
    arr = np.asarray(value_counts)
    if arr.ndim != 2:
        raise ValueError(f"{name} must be 2-D (units x categories), got shape {arr.shape}")
    if arr.dtype.kind == "f":
        if not np.all(np.isfinite(arr)) or not np.all(arr == np.round(arr)):
            raise ValueError(f"{name} must hold whole numbers")
    elif arr.dtype.kind not in "iub":
        raise ValueError(f"{name} must be numeric, got dtype {arr.dtype}")
    counts = arr.astype(np.int64, copy=False)
    if counts.size and counts.min() < 0:
        raise ValueError(f"{name} must not be negative")
    return counts


def _pairs(pairs: npt.ArrayLike) -> IntArray:
    """A units x 2 integer array, -1 meaning the coder's value is missing."""
    arr = np.asarray(pairs)
    if arr.ndim != 2 or arr.shape[1] != 2:
        raise ValueError(f"pairs must have shape (units, 2), got {arr.shape}")
    if arr.dtype.kind not in "iub":
        raise ValueError(f"pairs must be integers (-1 for missing), got dtype {arr.dtype}")
    out = arr.astype(np.int64, copy=False)
    if out.size and out.min() < -1:
        raise ValueError("pairs may hold categories >= 0 and -1 for missing only")
    return out


def _both_coded(pairs: npt.ArrayLike) -> tuple[IntArray, IntArray]:
    """Coder A's and coder B's values on the units both of them coded."""
    arr = _pairs(pairs)
    both = (arr[:, 0] >= 0) & (arr[:, 1] >= 0)
    return arr[both, 0], arr[both, 1]


def _weights(weights: npt.ArrayLike | None, units: int) -> FloatArray | None:
    """Per-unit multiplicities (None: each unit once), checked like the counts."""
    if weights is None:
        return None
    w = np.asarray(weights, dtype=np.float64)
    if w.shape != (units,):
        raise ValueError(f"weights must have shape ({units},), got {w.shape}")
    if not np.all(np.isfinite(w)) or (w.size and w.min() < 0):
        raise ValueError("weights must be finite and non-negative")
    return w


def _weights_for(value_counts: npt.ArrayLike, weights: npt.ArrayLike | None) -> FloatArray | None:
    """:func:`_weights` for the rows of ``value_counts``."""
    return _weights(weights, len(np.asarray(value_counts)))


# Mixed-radix keys up to this many slots are counted with one bincount; beyond, np.unique.
_MAX_KEY_SPACE = 1 << 20


def _patterns(counts: IntArray, weights: FloatArray | None = None) -> tuple[IntArray, FloatArray]:
    """The distinct rows of ``counts`` and the mass of each: its frequency, or summed weights.

    Every statistic here is a sum (or mean) over units of a function of the unit's row, and a
    code's rows take few distinct values (at most (coders + 1)^2 for a 0/1 code), so working
    on the distinct rows makes the cost of the real arithmetic independent of the corpus size.
    A row is keyed by reading its counts as digits in base (max + 1) and counted with
    ``np.bincount``, which is a single linear pass; wide or huge counts fall back to the
    sort-based ``np.unique``.
    """
    n, k = counts.shape
    if n == 0:
        return counts[:0], np.zeros(0, dtype=np.float64)
    base = int(counts.max()) + 1
    if base**k <= _MAX_KEY_SPACE:
        radix = base ** np.arange(k, dtype=np.int64)
        key = counts[:, 0] * radix[0]
        for j in range(1, k):
            key = key + counts[:, j] * radix[j]
        mass = np.bincount(key, weights=weights, minlength=base**k).astype(np.float64)
        present = np.flatnonzero(mass)
        patterns = (present[:, None] // radix[None, :]) % base
        return patterns.astype(np.int64), mass[present]
    patterns, inverse = np.unique(counts, axis=0, return_inverse=True)
    totals = np.bincount(inverse.ravel(), weights=weights, minlength=len(patterns))
    return patterns.astype(np.int64), totals.astype(np.float64)


# ------------------------------------------------------------------- reliability matrix


def value_counts_from_reliability(
    reliability_data: npt.ArrayLike,
) -> tuple[IntArray, npt.NDArray[Any]]:
    """Units x categories counts, and the sorted categories, from a coders x units matrix.

    Missing is ``np.nan`` (or ``None`` for non-numeric data). This is the bridge from the way
    the published examples print their data to the value-counts form every function here
    takes; the column order of the counts is the order of the returned categories.
    """
    arr = np.asarray(reliability_data)
    if arr.ndim != 2:
        raise ValueError(f"reliability data must be 2-D (coders x units), got {arr.shape}")
    if arr.dtype.kind in "iubf":
        values = arr.astype(np.float64)
        present = ~np.isnan(values)
        categories: npt.NDArray[Any] = np.unique(values[present])
    else:
        flat = arr.astype(object).ravel()
        mask = [not (v is None or (isinstance(v, float) and np.isnan(v))) for v in flat]
        present = np.array(mask, dtype=bool).reshape(arr.shape)
        values = arr.astype(object)
        categories = np.array(sorted(set(values[present].tolist())), dtype=object)
    n_units = arr.shape[1]
    unit_index = np.broadcast_to(np.arange(n_units), arr.shape)[present]
    codes = np.searchsorted(categories, values[present])
    k = len(categories)
    flat_counts = np.bincount(unit_index * k + codes, minlength=n_units * k)
    return flat_counts.reshape(n_units, k).astype(np.int64), categories


# ---------------------------------------------------------------- Krippendorff's alpha


def krippendorff_alpha(value_counts: npt.ArrayLike) -> float | None:
    """Nominal Krippendorff's alpha via the ``krippendorff`` package.

    Takes (units, k) value counts for any k, so the same call serves a 0/1 code and the
    multi-category published examples. Units with fewer than two values cannot be paired
    and contribute nothing to alpha; they are dropped before the call, which keeps the
    package's per-unit (units x k x k) work down on sparse data. The package raises when no
    unit is pairable or the value domain has one value, and returns nan when nobody varied;
    both are "undefined" and come back as ``None``.
    """
    counts = _counts(value_counts)
    pairable = counts[counts.sum(axis=1) >= 2]
    if len(pairable) == 0 or counts.shape[1] < 2:
        return None
    try:
        with np.errstate(divide="ignore", invalid="ignore"):
            result = float(
                krippendorff.alpha(value_counts=pairable, level_of_measurement="nominal")
            )
    except ValueError:
        return None
    return result if np.isfinite(result) else None


def _nominal_stats(counts: IntArray) -> FloatArray:
    """Per-unit sufficient statistics of nominal alpha: units x (k + 1).

    Columns 0..k-1 are the unit's pairable values per category (n_uc, zero for a unit with
    fewer than two values) and column k is the unit's disagreement mass
    sum_c n_uc (m_u - n_uc) / (m_u - 1), i.e. the off-diagonal row sum of its contribution to
    the coincidence matrix. Alpha depends on the data only through the column sums of this
    array, and those are linear in unit multiplicities; that is what makes weighted units and
    a bootstrap as a matrix product possible. Integer numerators keep the disagreement exact
    (no n - sum o_cc cancellation when a code is rare).
    """
    m = counts.sum(axis=1)
    pairable = m >= 2
    values = np.where(pairable[:, None], counts, 0).astype(np.float64)
    numerator = (counts * (m[:, None] - counts)).sum(axis=1).astype(np.float64)
    disagreement = np.divide(
        numerator, m - 1, out=np.zeros(len(m), dtype=np.float64), where=pairable
    )
    return np.column_stack([values, disagreement])


def _alpha_from_sums(sums: FloatArray) -> FloatArray:
    """Alpha for each row of summed statistics (see :func:`_nominal_stats`); nan if undefined.

    alpha = 1 - (n - 1) * D_o / D_e with D_o the summed disagreement and
    D_e = sum_c n_c (n - n_c) the expected disagreement numerator (Krippendorff 2011). D_e is
    0 exactly when all pairable values are the same (or there are fewer than two), which is
    the undefined case.
    """
    n_c = sums[:, :-1]
    observed = sums[:, -1]
    n = n_c.sum(axis=1)
    expected = (n_c * (n[:, None] - n_c)).sum(axis=1)
    out = np.full(len(sums), np.nan)
    defined = expected > 0
    out[defined] = 1.0 - (n[defined] - 1.0) * observed[defined] / expected[defined]
    return out


def alpha_binary(value_counts: npt.ArrayLike, weights: npt.ArrayLike | None = None) -> float | None:
    """Nominal alpha in closed form from the coincidence matrix, optionally with unit weights.

    Meant for (units, 2) counts of a code (0 = not applied, 1 = applied), where it reduces to
    alpha = 1 - (n - 1) * o_01 / (n_0 * n_1); the same closed form holds for any number of
    columns, and the tests check it against the ``krippendorff`` package either way. It
    works on the distinct count rows (:func:`_patterns`) and a few sums, so it is the fast
    path for large corpora: 30 codes x 100,000 units take about 15 ms, against about 0.4 s
    for :func:`krippendorff_alpha`, whose package builds a k x k matrix per unit.

    ``weights`` are per-unit multiplicities: weight 2 counts a unit twice, 0 leaves it out.
    A bootstrap replicate is therefore just a weight vector over the units.
    """
    counts = _counts(value_counts)
    if counts.shape[1] < 2:
        return None
    patterns, mass = _patterns(counts, _weights(weights, len(counts)))
    sums = mass @ _nominal_stats(patterns)
    value = float(_alpha_from_sums(sums[None, :])[0])
    return value if np.isfinite(value) else None


def bootstrap_alpha(
    value_counts: npt.ArrayLike,
    replicates: int = 1000,
    seed: int = 0,
    level: float = 0.95,
) -> tuple[float, float] | None:
    """Percentile bootstrap interval for nominal alpha, resampling units with replacement.

    Vectorised: a replicate is a weight vector (how often each unit was drawn) and alpha is
    linear in the weights through :func:`_nominal_stats`, so all replicates are one matrix
    product. Units with identical value counts are interchangeable, so instead of an R x N
    weight matrix we draw R x K weights over the K distinct count patterns from
    ``Generator.multinomial(N, pattern_frequency / N)``: exactly the distribution of summing
    the per-unit multinomial(N, 1/N) weights within each pattern, at a cost independent of N
    (K is at most (coders + 1)^2 for a code). Same seed, same interval.

    Undefined replicates (a resample with no variation, e.g. none of a rare code's positive
    units drawn) have no place in the ordering. We return ``None`` when the point estimate is
    undefined or when more than one tail's worth, (1 - level) / 2, of the replicates is
    undefined, because then the missing replicates could by themselves account for a whole
    tail and the interval would be arbitrary; otherwise the percentiles are taken over the
    defined replicates.
    """
    if replicates < 1:
        raise ValueError("replicates must be at least 1")
    if not 0.0 < level < 1.0:
        raise ValueError("level must be between 0 and 1")
    counts = _counts(value_counts)
    if counts.shape[1] < 2 or len(counts) == 0:
        return None
    # Units that cannot be paired still take part in the draw, each as its own pattern with
    # zero statistics.
    patterns, frequency = _patterns(counts)
    stats = _nominal_stats(patterns)
    point = _alpha_from_sums((frequency @ stats)[None, :])
    if not np.isfinite(point[0]):
        return None
    rng = np.random.default_rng(seed)
    n_units = len(counts)
    weights = rng.multinomial(n_units, frequency / n_units, size=replicates)
    alphas = _alpha_from_sums(weights.astype(np.float64) @ stats)
    defined = alphas[np.isfinite(alphas)]
    tail = (1.0 - level) / 2.0
    if len(alphas) - len(defined) > tail * len(alphas) or len(defined) == 0:
        return None
    low, high = np.quantile(defined, [tail, 1.0 - tail])
    return float(low), float(high)


# ------------------------------------------------------------------ two-coder statistics


def _pair_counts(pairs: npt.ArrayLike, categories: int = 1) -> IntArray:
    """The units both coders coded as value counts: units x categories (at least
    ``categories``), two values a row."""
    a, b = _both_coded(pairs)
    k = max(int(max(a.max(), b.max())) + 1 if len(a) else 0, categories)
    rows = np.arange(len(a)) * k
    flat = np.bincount(rows + a, minlength=len(a) * k) + np.bincount(rows + b, minlength=len(a) * k)
    return flat.reshape(len(a), k)


def percent_agreement(pairs: npt.ArrayLike) -> float | None:
    """Share of units both coders coded on which they gave the same value.

    Not chance-corrected, but the figure people read first; ``None`` only when no unit was
    coded by both (with no variation it is simply 1.0, which is true). The two-coder case of
    :func:`pairwise_agreement`.
    """
    return pairwise_agreement(_pair_counts(pairs))


def positive_specific_agreement(pairs: npt.ArrayLike) -> float | None:
    """2a / (2a + b + c) for a 0/1 code: agreement on the units where anyone applied it.

    a = both applied, b and c = only one did. It ignores the (usually huge) number of units
    neither coder touched, which is why qualitative coding reports it next to kappa and
    alpha. ``None`` when neither coder ever applied the code on a commonly coded unit. The
    two-coder case of :func:`specific_positive_agreement`.
    """
    counts = _pair_counts(pairs, categories=2)
    if counts.shape[1] > 2:
        raise ValueError("positive specific agreement needs 0/1 values")
    return specific_positive_agreement(counts)


def pairwise_agreement(
    value_counts: npt.ArrayLike, weights: npt.ArrayLike | None = None
) -> float | None:
    """Share of agreeing pairs of ratings over units rated at least twice, any number of coders.

    A unit rated by m coders holds m (m - 1) ordered pairs of ratings, of which
    sum_c n_c (n_c - 1) agree; both are summed over units before dividing, so a unit weighs
    by its number of pairs. With two coders this is percent agreement. ``None`` when no unit
    was rated twice. ``weights`` are per-row multiplicities (pattern counts).
    """
    patterns, mass = _patterns(_counts(value_counts), _weights_for(value_counts, weights))
    rated = patterns.sum(axis=1)
    pairs = float(mass @ (rated * (rated - 1)))
    if not pairs:
        return None
    return float(mass @ (patterns * (patterns - 1)).sum(axis=1)) / pairs


def specific_positive_agreement(
    value_counts: npt.ArrayLike, weights: npt.ArrayLike | None = None
) -> float | None:
    """Of the pairs of ratings on one unit where the first said 1, the share where both did.

    For (units, 2) counts of a code: sum n_1 (n_1 - 1) / sum n_1 (m - 1) over units, the
    many-coder form of 2a / (2a + b + c) (Uebersax). ``None`` when nobody applied the code on
    a unit someone else also rated. ``weights`` are per-row multiplicities (pattern counts).
    """
    counts = _counts(value_counts)
    if counts.shape[1] != 2:
        raise ValueError("specific positive agreement needs (units, 2) counts of a 0/1 code")
    patterns, mass = _patterns(counts, _weights_for(counts, weights))
    ones, rated = patterns[:, 1], patterns.sum(axis=1)
    with_positive = float(mass @ (ones * (rated - 1)))
    if not with_positive:
        return None
    return float(mass @ (ones * (ones - 1))) / with_positive


def cohen_kappa_table(table: npt.ArrayLike) -> float | None:
    """Cohen's (1960) kappa from a k x k contingency table of counts or proportions.

    Rows are coder A's categories, columns coder B's. kappa = (p_o - p_c) / (1 - p_c) with
    p_c from the two coders' own marginals. ``None`` when the table is empty or p_c is 1
    (both coders used one and the same category throughout: 0/0).
    """
    t = np.asarray(table, dtype=np.float64)
    if t.ndim != 2 or t.shape[0] != t.shape[1]:
        raise ValueError(f"table must be square, got shape {t.shape}")
    if not np.all(np.isfinite(t)) or (t.size and t.min() < 0):
        raise ValueError("table must be finite and non-negative")
    total = t.sum()
    if total <= 0:
        return None
    p = t / total
    observed = float(np.trace(p))
    chance = float(p.sum(axis=1) @ p.sum(axis=0))
    if 1.0 - chance <= _ONE_TOLERANCE:
        return None
    return (observed - chance) / (1.0 - chance)


def cohen_kappa(pairs: npt.ArrayLike) -> float | None:
    """Cohen's kappa for two coders on the units both coded (categories >= 0, -1 missing).

    A unit one coder did not code (not assigned, not finished) is left out; a unit one coder
    coded 0 and the other 1 is a disagreement, as the brief requires.
    """
    a, b = _both_coded(pairs)
    if len(a) == 0:
        return None
    k = int(max(a.max(), b.max())) + 1
    table = np.bincount(a * k + b, minlength=k * k).reshape(k, k)
    return cohen_kappa_table(table)


# ------------------------------------------------------------------ many-rater statistics


def fleiss_kappa(counts: npt.ArrayLike, weights: npt.ArrayLike | None = None) -> float | None:
    """Fleiss' (1971) kappa from a units x categories count matrix, same raters per unit.

    Fleiss' formulas assume every unit has the same number n of ratings; with unequal
    numbers they are not Fleiss' kappa any more, so that raises and the caller drops units
    with missing raters first. ``None`` when undefined: no units, n < 2, or every rating in
    one category (chance agreement 1). ``weights`` are per-row multiplicities, so a caller
    holding pattern counts need not repeat each pattern.
    """
    c = _counts(counts, "counts")
    w = _weights(weights, len(c))
    if len(c) == 0 or (w is not None and w.sum() <= 0):
        return None
    raters = c.sum(axis=1)
    n = int(raters[0])
    if not np.all(raters == n):
        raise ValueError("fleiss_kappa needs the same number of ratings on every unit")
    if n < 2:
        return None
    patterns, frequency = _patterns(c, w)
    units = frequency.sum()
    cf = patterns.astype(np.float64)
    per_pattern = ((cf * cf).sum(axis=1) - n) / (n * (n - 1))
    observed = float(frequency @ per_pattern / units)
    p = frequency @ cf / (units * n)
    chance = float(p @ p)
    if 1.0 - chance <= _ONE_TOLERANCE:
        return None
    return (observed - chance) / (1.0 - chance)


def gwet_ac1(counts: npt.ArrayLike, weights: npt.ArrayLike | None = None) -> float | None:
    """Gwet's AC1 from a units x categories count matrix, any number of raters per unit.

    Follows Gwet (2008) and the Handbook of Inter-Rater Reliability (4th ed., 2014) for
    unequal numbers of raters, as irrCAC does: units nobody rated are dropped; observed
    agreement p_a averages sum_k r_ik (r_ik - 1) / (r_i (r_i - 1)) over the units with at least
    two ratings; the category propensities pi_k average r_ik / r_i over all units with at
    least one rating; chance agreement is p_e = sum_k pi_k (1 - pi_k) / (q - 1) with q the
    number of columns (so pass all categories of the scale, 2 for a code, even unused ones).

    Unlike kappa and alpha, AC1 is defined when nobody varied: p_e is then 0 and AC1 = 1.0
    (p_e <= 1/q < 1 always). It is returned as 1.0 because that is the coefficient's value;
    callers that want "undefined" for codes without variation should test for it themselves.
    ``None`` when fewer than two categories, or no unit has two ratings. ``weights`` are
    per-row multiplicities, as for :func:`fleiss_kappa`.
    """
    c = _counts(counts, "counts")
    q = c.shape[1]
    if q < 2:
        return None
    patterns, frequency = _patterns(c, _weights(weights, len(c)))
    present = frequency > 0
    patterns, frequency = patterns[present], frequency[present]
    raters = patterns.sum(axis=1).astype(np.float64)
    rated = raters >= 1
    multiple = raters >= 2
    if not np.any(multiple):
        return None
    cm = patterns[multiple].astype(np.float64)
    rm = raters[multiple]
    fm = frequency[multiple]
    observed = float(fm @ ((cm * (cm - 1)).sum(axis=1) / (rm * (rm - 1))) / fm.sum())
    fr = frequency[rated]
    pi = fr @ (patterns[rated] / raters[rated][:, None]) / fr.sum()
    chance = float((pi * (1.0 - pi)).sum() / (q - 1))
    return (observed - chance) / (1.0 - chance)
