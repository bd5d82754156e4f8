"""The figures the agreement table reports, each defined once over a code's tally.

Every computation is one of the tested functions of :mod:`~codebench.agreement.coefficients`
applied to the tally's pattern counts (or, for Cohen's kappa, its 2 x 2 table): what the tests
check is what ships. A tally holds at most (coders + 1)^2 patterns, so no figure (nor alpha's
bootstrap) costs more time or memory for more units. The order they are reported in is
:mod:`~codebench.agreement.registry`'s.
"""

from __future__ import annotations

from codebench.agreement import alpha
from codebench.agreement import coefficients as coef
from codebench.agreement.blanks import FEW_DOCUMENTS, UNSTABLE, Blank
from codebench.agreement.figure import Figure, Interval, Resampling
from codebench.agreement.tally import Tally
from codebench.i18n import N_


def _prevalence(tally: Tally) -> float | None:
    """Share of the ratings on pairable units that apply the code."""
    total = tally.ratings(0) + tally.ratings(1)
    return tally.ratings(1) / total if total else None


def _percent(tally: Tally) -> float | None:
    """Per unit rated at least twice, the share of its pairs of ratings that agree, averaged
    over those units (Gwet; irrCAC's observed agreement): with two coders the share of units
    both coded alike, with more a 2-2 split counts its 4 agreeing pairs of 12."""
    return coef.pairwise_agreement(tally.patterns, weights=tally.weights)


def _positive(tally: Tally) -> float | None:
    """Uebersax's pairwise form: of all pairs of ratings on one unit whose first said
    "applied", the share where the second did too, pooled over units."""
    return coef.specific_positive_agreement(tally.patterns, weights=tally.weights)


def _alpha(tally: Tally) -> float | None:
    """Alpha in closed form from the pairable patterns, per code and pooled alike; the tests
    hold it equal to the ``krippendorff`` package on the code's units."""
    if not tally.units:
        return None
    return alpha.alpha_binary(tally.observed, weights=tally.observed_weights)


def _alpha_interval(tally: Tally, resampling: Resampling) -> Interval | Blank:
    """The bootstrap over the pairable units, drawn as counts of their patterns, or over the
    documents, drawn with every unit of each (the tally's per-document counts)."""
    replicates, seed = resampling.replicates, resampling.seed
    if resampling.by == "document":
        patterns, units, documents = tally.clustered
        if len(set(documents.tolist())) < 2:
            return FEW_DOCUMENTS
        found = alpha.bootstrap_alpha(
            patterns, replicates=replicates, seed=seed, weights=units, clusters=documents
        )
    else:
        found = alpha.bootstrap_alpha(
            tally.observed, replicates=replicates, seed=seed, weights=tally.observed_weights
        )
    return UNSTABLE if found is None else found


def _cohen(tally: Tally) -> float | None:
    return None if tally.table is None else coef.cohen_kappa_table(tally.table)


def _fleiss(tally: Tally) -> float | None:
    """Over every unit, by Gwet's generalisation to missing ratings (as irrCAC): observed
    agreement on the units rated twice, category shares from every unit rated once."""
    return coef.fleiss_kappa(tally.patterns, weights=tally.weights)


def _ac1(tally: Tally) -> float | None:
    """Undefined, like kappa and alpha, when nobody varied (AC1 itself would say 1.0)."""
    if not (tally.units and tally.ratings(0) and tally.ratings(1)):
        return None
    rated = tally.rated >= 1
    return coef.gwet_ac1(tally.patterns[rated], weights=tally.weights[rated])


PREVALENCE = Figure(
    "prevalence", N_("prevalence"), "prevalence", _prevalence, on_screen=False, percent=True
)
PERCENT_AGREEMENT = Figure(
    "percent_agreement",
    N_("percent agreement"),
    "% agree",
    _percent,
    narrow=False,
    percent=True,
)
POSITIVE_AGREEMENT = Figure(
    "positive_agreement", N_("positive agreement"), "pos. agree", _positive, percent=True
)
ALPHA = Figure("alpha", N_("alpha"), "alpha", _alpha, interval=_alpha_interval)
COHEN_KAPPA = Figure("kappa", N_("Cohen kappa"), "Cohen κ", _cohen, applies=lambda m: m == 2)
FLEISS_KAPPA = Figure("kappa", N_("Fleiss kappa"), "Fleiss κ", _fleiss, applies=lambda m: m > 2)
AC1 = Figure("ac1", N_("AC1"), "AC1", _ac1)
