"""Every figure the agreement table reports, in the order it reports them.

The per-code and pooled results, the export columns and their rounding, the terminal's and
the TUI's table all iterate this tuple. To add a figure: define it in
:mod:`~codebench.agreement.measures` (or a module of its own) and add it here.
"""

from __future__ import annotations

from codebench.agreement.figure import Figure
from codebench.agreement.measures import (
    AC1,
    ALPHA,
    COHEN_KAPPA,
    FLEISS_KAPPA,
    PERCENT_AGREEMENT,
    POSITIVE_AGREEMENT,
    PREVALENCE,
)

FIGURES: tuple[Figure, ...] = (
    PREVALENCE,
    PERCENT_AGREEMENT,
    POSITIVE_AGREEMENT,
    ALPHA,
    COHEN_KAPPA,
    FLEISS_KAPPA,
    AC1,
)


def figures_for(coders: int) -> tuple[Figure, ...]:
    """The figures reported when comparing this many coders."""
    return tuple(figure for figure in FIGURES if figure.applies(coders))
