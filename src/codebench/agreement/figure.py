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

if TYPE_CHECKING:
    from codebench.agreement.tally import Tally

Interval = tuple[float, float]


def any_coders(coders: int) -> bool:
    return coders >= 2


@dataclass(frozen=True)
class Figure:
    """One figure of the agreement table.

    ``name`` is how a result is asked for it (``item.alpha``); two figures may share a name
    when they apply to different numbers of coders (Cohen's kappa for two, Fleiss' for more).
    ``interval``, given a tally, a number of bootstrap replicates and a seed, is the figure's
    95% interval (computed only when replicates are asked for and the figure is defined).
    """

    name: str
    column: str
    header: str
    compute: Callable[[Tally], float | None]
    applies: Callable[[int], bool] = any_coders
    interval: Callable[[Tally, int, int], Interval | None] | None = None
    on_screen: bool = True
    narrow: bool = True
    decimals: int = 3

    @property
    def interval_column(self) -> str:
        return f"{self.column} 95% CI"
