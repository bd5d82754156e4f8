"""Why a cell of the agreement table is empty: each undefined figure says which case it is.

A figure is left empty rather than printed as 0 or 1 when it is undefined, and a reader needs
to know why: a code nobody applied is a different finding from documents nobody else coded.
Every blank names one of these reasons; a screen shows its mark in the cell, an export a
column that names it, and the notes explain each reason that occurs once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from codebench.i18n import N_
from codebench.i18n.phrase import Phrase

if TYPE_CHECKING:
    from codebench.agreement.tally import Tally


@dataclass(frozen=True)
class Blank:
    """One reason a figure is undefined: ``mark`` in a screen's cell, ``label`` in an
    export's column, ``meaning`` in the notes (both messages, which a report file says in its
    language)."""

    mark: str
    label: Phrase
    meaning: Phrase

    @property
    def cell(self) -> str:
        return f"({self.mark})"


NO_PAIRS = Blank(
    "a",
    N_("no unit rated twice"),
    N_(
        "no unit was rated by two of the coders (the others were not assigned its document "
        "or have not finished it), so nothing can be compared"
    ),
)
NEVER_APPLIED = Blank(
    "b",
    N_("nobody applied the code"),
    N_(
        "no variation: nobody applied the code on a unit two coders rated, so "
        "chance-corrected figures and positive agreement are 0/0"
    ),
)
ALWAYS_APPLIED = Blank(
    "c",
    N_("applied everywhere"),
    N_(
        "no variation: every coder applied the code to every unit they rated, so "
        "chance-corrected figures are 0/0"
    ),
)
UNSTABLE = Blank(
    "d",
    N_("too many empty resamples"),
    N_(
        "too many bootstrap resamples (over 2.5%) had no variation (too few positive units), "
        "so their percentiles would not make a 95% CI"
    ),
)
FEW_DOCUMENTS = Blank(
    "e",
    N_("one document"),
    N_("a bootstrap over documents needs at least two documents to resample"),
)
BLANKS = (NO_PAIRS, NEVER_APPLIED, ALWAYS_APPLIED, UNSTABLE, FEW_DOCUMENTS)


def undefined(tally: Tally) -> Blank:
    """Why a figure of this tally is undefined.

    Every figure codebench reports is defined once two coders rated a unit and their
    ratings vary (percent agreement even without variation), so an undefined figure is one
    of three cases: nothing to compare, nobody applied the code, or everybody did.
    """
    if not tally.units:
        return NO_PAIRS
    return NEVER_APPLIED if not tally.ratings(1) else ALWAYS_APPLIED
