"""Percent agreement, Fleiss' kappa, Gwet's AC1 and Krippendorff's alpha as an agreement run
reports them, against irrCAC (Gwet's own package, ported to Python) on 0/1 codes with 2, 3 and
4 coders, missing ratings included.

The expected figures were computed with irrCAC 0.4.4 in a throwaway virtualenv (it pins
scipy==1.12.0 and pandas<3, which would downgrade the project's numpy and pandas, so it is not
a test dependency): ``CAC(pd.DataFrame(matrix.T), categories=[0.0, 1.0], digits=15)`` and its
``fleiss()`` (coefficient and ``pa``), ``gwet()`` and ``krippendorff()``, missing ratings as
NaN. :func:`recompute_with_irrcac` recomputes them; it is run by hand, not collected, since
the test run must not depend on irrCAC being there:

    python3 -m venv irr-venv
    irr-venv/bin/pip install irrCAC pytest hypothesis sqlalchemy krippendorff
    PYTHONPATH=src:tests irr-venv/bin/python tests/agreement/test_irrcac.py
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pytest

from codebench.agreement.alpha import bootstrap_alpha, krippendorff_alpha
from codebench.agreement.analysis import agreement_for
from codebench.agreement.coefficients import fleiss_kappa
from codebench.agreement.tally import MISSING, value_counts

N = None  # a missing rating: the coder was not assigned the document or has not finished it


class Case(NamedTuple):
    ratings: list[list[int | None]]  # coders x units
    percent: float  # irrCAC's pa (fleiss() and gwet() alike)
    fleiss: float
    ac1: float
    alpha: float


CASES = {
    # c1 and c2 code sentence 2, c3 and c4 sentence 3: 4 of the 12 pairs on each split unit
    # agree, (3 + 2 * 4 / 12) / 5 = 11 / 15 (the majority-only count gave 0.667).
    "four coders split 2-2": Case(
        [[0, 1, 0, 0, 0], [0, 1, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 1, 0, 0]],
        0.733333333333333,
        0.166666666666666,
        0.607843137254902,
        0.208333333333333,
    ),
    # By hand: units rated (1, 1, -), (1, 0, 0), (0, 0, 0), (1, -, -). Percent agreement over
    # the three units rated twice: (1 + 2/6 + 1) / 3 = 7/9 (pooling pairs gave 10/14).
    # Category shares over all four units: pi_0 = (0 + 2/3 + 1 + 0) / 4 = 5/12, pi_1 = 7/12;
    # Fleiss: p_e = 25/144 + 49/144 = 37/72, kappa = (7/9 - 37/72) / (35/72) = 19/35;
    # AC1: p_e = 2 * 5/12 * 7/12 = 35/72, AC1 = (56/72 - 35/72) / (37/72) = 21/37.
    "three coders by hand": Case(
        [[1, 1, 0, 1], [1, 0, 0, N], [N, 0, 0, N]],
        0.777777777777778,
        0.542857142857143,
        0.567567567567567,
        0.533333333333333,
    ),
    "two coders, missing": Case(
        [
            [1, 0, 0, 0, 0, 0, 0, 1, 0, 1, N, 0, 0, 0, 0, N],
            [0, 0, N, 1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, N, 0],
        ],
        0.833333333333333,
        0.452991452991453,
        0.760299625468165,
        0.574074074074074,
    ),
    "three coders, missing": Case(
        [
            [1, 0, 0, 1, 1, N, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, N],
            [1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0],
            [N, 0, 0, 1, 0, 0, 0, 0, N, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        ],
        0.888888888888889,
        0.657505285412262,
        0.835532994923858,
        0.6325,
    ),
    "four coders, missing": Case(
        [
            [0, 0, 0, N, 0, 0, 1, N, 0, 0, 0, N, 1, 0, 0, 0, N, 0, 0, N],
            [0, 0, 0, 0, 0, N, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, N],
            [N, 1, 0, 0, N, 0, 1, 0, 0, 0, 0, N, 1, 0, N, 0, N, 1, 0, 0],
            [0, 0, 0, N, 0, 0, 1, N, N, 0, N, N, 1, 0, 0, 0, 0, 0, 1, 0],
        ],
        0.868421052631579,
        0.516587104961025,
        0.819213125127116,
        0.593333333333334,
    ),
    "four coders, complete": Case(
        [
            [1, 1, 0, 1, 0, 0, 0, 1, 1, 0, 1, 1],
            [0, 1, 1, 1, 0, 0, 0, 1, 1, 0, 0, 1],
            [1, 1, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0],
            [1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 0, 0],
        ],
        0.680555555555556,
        0.36,
        0.362218370883882,
        0.373333333333333,
    ),
}


def matrix(ratings: list[list[int | None]]) -> np.ndarray:
    """Coders x units as an agreement run holds them: 1, 0 and MISSING."""
    return np.array([[MISSING if r is None else r for r in row] for row in ratings], np.int8)


@pytest.mark.parametrize("name", CASES)
def test_figures_equal_irrcac(name: str) -> None:
    case = CASES[name]
    ratings = matrix(case.ratings)
    coders = [f"c{i}" for i in range(len(ratings))]
    found = agreement_for(name, ratings, coders)
    assert found.percent_agreement == pytest.approx(case.percent, abs=1e-12)
    assert found.ac1 == pytest.approx(case.ac1, abs=1e-12)
    assert found.alpha == pytest.approx(case.alpha, abs=1e-12)
    # The table reports Fleiss' kappa from three coders on (Cohen's for two): the same
    # coefficient function serves two coders too.
    assert fleiss_kappa(value_counts(ratings)) == pytest.approx(case.fleiss, abs=1e-12)
    if len(coders) > 2:
        assert found.kappa_kind == "Fleiss"
        assert found.kappa == pytest.approx(case.fleiss, abs=1e-12)
    # Alpha's closed form is also the krippendorff package's.
    assert found.alpha == pytest.approx(krippendorff_alpha(value_counts(ratings)), abs=1e-12)


def recompute_with_irrcac(name: str) -> None:
    """Check one case's expected figures against irrCAC itself (see the module docstring)."""
    import pandas as pd
    from irrCAC import raw as irrcac

    case = CASES[name]
    frame = pd.DataFrame(np.array(case.ratings, dtype=float).T)

    def run(method: str) -> dict[str, float]:
        cac = irrcac.CAC(frame, categories=[0.0, 1.0], digits=15)
        est: dict[str, float] = getattr(cac, method)()["est"]
        return est

    fleiss = run("fleiss")
    assert fleiss["pa"] == pytest.approx(case.percent, abs=1e-12)
    assert fleiss["coefficient_value"] == pytest.approx(case.fleiss, abs=1e-12)
    assert run("gwet")["coefficient_value"] == pytest.approx(case.ac1, abs=1e-12)
    assert run("krippendorff")["coefficient_value"] == pytest.approx(case.alpha, abs=1e-12)


def test_bootstrap_over_documents_draws_whole_documents() -> None:
    """Replicate by replicate, the interval is that of drawing documents with replacement
    and computing alpha on all their units (the krippendorff package as the reference)."""
    rng = np.random.default_rng(5)
    documents = []
    for d in range(7):
        units = rng.integers(3, 12)
        first = (rng.random(units) < 0.2 + 0.08 * d).astype(int)
        second = np.where(rng.random(units) < 0.8, first, 1 - first)
        documents.append(np.stack([2 - first - second, first + second], axis=1))
    counts = np.concatenate(documents)
    clusters = np.repeat(np.arange(len(documents)), [len(d) for d in documents])
    found = bootstrap_alpha(counts, replicates=300, seed=9, clusters=clusters)

    picks = np.random.default_rng(9).integers(0, 7, size=(300, 7))  # 7 documents a replicate
    alphas = []
    for drawn in picks:
        units = np.concatenate([documents[d] for d in drawn])
        value = krippendorff_alpha(units)
        alphas.append(np.nan if value is None else value)
    values = np.array(alphas)
    defined = values[np.isfinite(values)]
    assert len(defined) >= 0.975 * len(values)
    expected = tuple(np.quantile(defined, [0.025, 0.975]))
    assert found == pytest.approx(expected, abs=1e-9)
    # Each document's distinct patterns weighted by their units, as a tally holds them, give
    # the same interval as the units themselves.
    rows = [np.unique(d, axis=0, return_counts=True) for d in documents]
    patterns = np.concatenate([r[0] for r in rows])
    weights = np.concatenate([r[1] for r in rows])
    owner = np.repeat(np.arange(len(rows)), [len(r[0]) for r in rows])
    assert bootstrap_alpha(patterns, 300, 9, weights=weights, clusters=owner) == pytest.approx(
        found, abs=1e-12
    )


def test_bootstrap_over_documents_needs_two() -> None:
    counts = np.tile([[2, 0], [1, 1], [0, 2]], (2, 1))
    assert bootstrap_alpha(counts, 100, 0, clusters=[0] * 6) is None
    assert bootstrap_alpha(counts, 100, 0, clusters=[0, 0, 0, 1, 1, 1]) is not None


if __name__ == "__main__":
    for case_name in CASES:
        recompute_with_irrcac(case_name)
        print(f"{case_name}: irrCAC agrees")
