"""Agreement coefficients for one code (or one pooled set of codes), pure numpy.

Percent and positive agreement (two coders, and pairwise for any number), Cohen's and
Fleiss' kappa and Gwet's AC1. The input shapes are described and checked in :mod:`.counts`;
Krippendorff's alpha lives in :mod:`.alpha`.

Every coefficient returns ``None`` when it is undefined (typically 0/0 because nobody varied)
rather than 0 or 1: a code nobody applied has no measurable reliability, and printing 1.0 or
0.0 would invite a wrong reading. Malformed input (wrong shape, negative counts) raises
``ValueError``: that is a programming error, not a property of the data.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from codebench.agreement.counts import (
    FloatArray,
    IntArray,
    as_counts,
    as_weights,
    both_coded,
    pattern_counts,
    weights_for,
)

__all__ = [
    "cohen_kappa",
    "cohen_kappa_table",
    "fleiss_kappa",
    "gwet_ac1",
    "pairwise_agreement",
    "percent_agreement",
    "positive_specific_agreement",
    "specific_positive_agreement",
]

# Chance agreement this close to 1 means every rating fell in one category: kappa is 0/0.
_ONE_TOLERANCE = 1e-12


# ------------------------------------------------------------------ two-coder statistics


def _pair_counts(pairs: npt.ArrayLike, categories: int = 1) -> IntArray:
    """The units both coders coded as value counts: units x categories (at least
    ``categories``), two values a row."""
    a, b = both_coded(pairs)
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
    """Observed agreement for any number of coders: per unit, the share of its pairs of
    ratings that agree, averaged over the units rated at least twice.

    A unit rated by m_u coders holds m_u (m_u - 1) ordered pairs of ratings, of which
    sum_c n_uc (n_uc - 1) agree; their ratio is averaged over units, each unit weighing the
    same (Gwet 2014, ch. 2; irrCAC's ``pa``; the observed agreement inside AC1 and Fleiss'
    kappa). Four coders who split 2-2 on a unit agree on 4 of its 12 pairs, not on the 2 of
    the majority's only. With two coders this is the share of units both coded on which they
    agree; with missing ratings a unit rated by two coders weighs as much as one rated by
    five (pooling the pairs instead would weigh it by its number of pairs). ``None`` when no
    unit was rated twice. ``weights`` are per-row multiplicities (pattern counts).
    """
    patterns, mass = pattern_counts(as_counts(value_counts), weights_for(value_counts, weights))
    rated = patterns.sum(axis=1)
    multiple = rated >= 2
    units = float(mass[multiple].sum())
    if not units:
        return None
    cm, rm = patterns[multiple].astype(np.float64), rated[multiple].astype(np.float64)
    per_unit = (cm * (cm - 1)).sum(axis=1) / (rm * (rm - 1))
    return float(mass[multiple] @ per_unit) / units


def specific_positive_agreement(
    value_counts: npt.ArrayLike, weights: npt.ArrayLike | None = None
) -> float | None:
    """Of the pairs of ratings on one unit where the first said 1, the share where both did.

    For (units, 2) counts of a code: sum n_1 (n_1 - 1) / sum n_1 (m - 1) over units, the
    many-coder form of 2a / (2a + b + c) (Uebersax). ``None`` when nobody applied the code on
    a unit someone else also rated. ``weights`` are per-row multiplicities (pattern counts).
    """
    counts = as_counts(value_counts)
    if counts.shape[1] != 2:
        raise ValueError("specific positive agreement needs (units, 2) counts of a 0/1 code")
    patterns, mass = pattern_counts(counts, weights_for(counts, weights))
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
    a, b = both_coded(pairs)
    if len(a) == 0:
        return None
    k = int(max(a.max(), b.max())) + 1
    table = np.bincount(a * k + b, minlength=k * k).reshape(k, k)
    return cohen_kappa_table(table)


# ------------------------------------------------------------------ many-rater statistics


def fleiss_kappa(counts: npt.ArrayLike, weights: npt.ArrayLike | None = None) -> float | None:
    """Fleiss' (1971) kappa from a units x categories count matrix, generalised by Gwet to
    units with different numbers of ratings (missing data), as irrCAC's ``fleiss``.

    Units nobody rated are dropped. Observed agreement p_a is :func:`pairwise_agreement`
    (the per-unit share of agreeing pairs, averaged over the units rated at least twice); the
    category shares pi_k average r_uk / r_u over every unit rated at least once, and chance
    agreement is p_e = sum_k pi_k^2 (Gwet 2014, Handbook of Inter-Rater Reliability, 4th ed.,
    sec. 2.5; Fleiss' own formulas where every unit has as many ratings). ``None`` when
    undefined: no unit rated twice, or every rating in one category (p_e = 1: 0/0).
    ``weights`` are per-row multiplicities, so a caller holding pattern counts need not repeat
    each pattern.
    """
    c = as_counts(counts, "counts")
    observed = pairwise_agreement(c, weights)
    if observed is None:
        return None
    pi = _category_shares(c, weights)
    chance = float(pi @ pi)
    if 1.0 - chance <= _ONE_TOLERANCE:
        return None
    return (observed - chance) / (1.0 - chance)


def _category_shares(counts: IntArray, weights: npt.ArrayLike | None) -> FloatArray:
    """pi_k, the share of category k in a unit's ratings averaged over every unit rated at
    least once: the chance-agreement input of Gwet's Fleiss' kappa and of AC1."""
    patterns, frequency = pattern_counts(counts, as_weights(weights, len(counts)))
    raters = patterns.sum(axis=1).astype(np.float64)
    rated = (raters >= 1) & (frequency > 0)
    fr = frequency[rated]
    shares: FloatArray = fr @ (patterns[rated] / raters[rated][:, None]) / fr.sum()
    return shares


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
    c = as_counts(counts, "counts")
    q = c.shape[1]
    observed = pairwise_agreement(c, weights) if q >= 2 else None
    if observed is None:
        return None
    pi = _category_shares(c, weights)
    chance = float((pi * (1.0 - pi)).sum() / (q - 1))
    return (observed - chance) / (1.0 - chance)
