"""The shapes agreement coefficients take, checked, and a published-example converter.

* ``value_counts``: units x categories, how many coders gave each value to each unit. For a
  code the categories are 0 ("did not apply it") and 1 ("applied it"), so the shape is
  (units, 2). A coder who was not assigned a document or did not finish it simply does not
  count, so rows may sum to fewer than the number of coders.
* ``pairs``: units x 2 (coder A, coder B), values 0/1 (or any category >= 0) and -1 for
  missing. Only for the two-coder statistics.
* A reliability matrix (coders x units, ``np.nan`` for missing, any category values) is
  turned into value counts by :func:`value_counts_from_reliability`, for the published
  multi-category examples.

Malformed input (wrong shape, negative counts) raises ``ValueError``: that is a programming
error, not a property of the data. Alpha (:mod:`.alpha`) and the agreement, kappa and AC1
coefficients (:mod:`.coefficients`) all take their input through these checks.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


def as_counts(value_counts: npt.ArrayLike, name: str = "value_counts") -> IntArray:
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


def as_pairs(pairs: npt.ArrayLike) -> IntArray:
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


def both_coded(pairs: npt.ArrayLike) -> tuple[IntArray, IntArray]:
    """Coder A's and coder B's values on the units both of them coded."""
    arr = as_pairs(pairs)
    both = (arr[:, 0] >= 0) & (arr[:, 1] >= 0)
    return arr[both, 0], arr[both, 1]


def as_weights(weights: npt.ArrayLike | None, units: int) -> FloatArray | None:
    """Per-unit multiplicities (None: each unit once), checked like the counts."""
    if weights is None:
        return None
    w = np.asarray(weights, dtype=np.float64)
    if w.shape != (units,):
        raise ValueError(f"weights must have shape ({units},), got {w.shape}")
    if not np.all(np.isfinite(w)) or (w.size and w.min() < 0):
        raise ValueError("weights must be finite and non-negative")
    return w


def weights_for(value_counts: npt.ArrayLike, weights: npt.ArrayLike | None) -> FloatArray | None:
    """:func:`_weights` for the rows of ``value_counts``."""
    return as_weights(weights, len(np.asarray(value_counts)))


# Mixed-radix keys up to this many slots are counted with one bincount; beyond, np.unique.
_MAX_KEY_SPACE = 1 << 20


def pattern_counts(
    counts: IntArray, weights: FloatArray | None = None
) -> tuple[IntArray, FloatArray]:
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
