"""The definition of one agreement figure: everything every table, screen and export needs.

A figure is computed once per code (and pooled) from a :class:`~codebench.agreement.tally.Tally`
and then only read: the export column and its rounding, the screen header, whether a narrow
screen keeps it, and for which number of coders it is reported all come from here, so adding a
figure is one definition (:mod:`~codebench.agreement.measures`) and one line in the registry
(:mod:`~codebench.agreement.registry`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from codebench.i18n import N_

if TYPE_CHECKING:
    from codebench.agreement.blanks import Blank
    from codebench.agreement.tally import Tally

Interval = tuple[float, float]
RESAMPLED = ("unit", "document")
"""What a bootstrap draws: units one by one, or whole documents with all their units."""


@dataclass(frozen=True)
class Resampling:
    """How intervals are drawn: ``replicates`` (0: no intervals), ``seed``, and what is
    resampled (one of :data:`RESAMPLED`)."""

    replicates: int = 0
    seed: int = 0
    by: str = "unit"


def any_coders(coders: int) -> bool:
    return coders >= 2


@dataclass(frozen=True)
class Figure:
    """One figure of the agreement table.

    ``name`` is how a result is asked for it (``item.alpha``); two figures may share a name
    when they apply to different numbers of coders (Cohen's kappa for two, Fleiss' for more).
    ``interval``, given a tally and how to resample, is the figure's 95% interval or why
    there is none (computed only when replicates are asked for and the figure is defined).
    ``percent`` figures are proportions that screens and report documents show as
    percentages. ``column`` (the export's column, a message: a report file names it in its
    language) and ``header`` (a screen's, in the program's English) name it.
    """

    name: str
    column: str
    header: str
    compute: Callable[[Tally], float | None]
    applies: Callable[[int], bool] = any_coders
    interval: Callable[[Tally, Resampling], Interval | Blank] | None = None
    on_screen: bool = True
    narrow: bool = True
    decimals: int = 3
    percent: bool = False

    @property
    def interval_column(self) -> str:
        return N_("{figure} 95% CI", figure=self.column)
