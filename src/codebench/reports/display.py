"""Report tables narrowed for a screen (terminal or TUI): fewer, shorter columns.

Exports keep every column (a spreadsheet can hide what it does not need); a terminal cannot,
so a registered table narrows itself as its :class:`~codebench.reports.kind.ReportKind` says
(themes show codes indented under their group, quotes lose the columns that repeat). The
agreement table is built from an agreement run rather than report data, so it is not in the
registry; its narrowing is here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pandas as pd

from codebench.reports.model import ReportTable
from codebench.reports.registry import kind_of


def for_screen(table: ReportTable) -> ReportTable:
    if table.frame.empty:
        return table
    kind = kind_of(table)
    narrow = kind.screen if kind is not None else _UNREGISTERED.get(table.name)
    return table if narrow is None else replace(table, frame=narrow(table.frame))


def _agreement_for_screen(frame: pd.DataFrame) -> pd.DataFrame:
    positives = [c for c in frame.columns if c.startswith("positives ")]
    kappa = next(c for c in frame.columns if c.endswith(" kappa"))
    short = pd.DataFrame(
        {
            "code": frame["code"].str.rsplit(" > ", n=1).str[-1],
            "units": frame["units"],
            "positives": frame[positives].astype(str).agg(" / ".join, axis=1),
            "% agree": frame["percent agreement"],
            "pos. agree": frame["positive agreement"],
            "alpha": frame["alpha"],
            "alpha 95% CI": frame["alpha 95% CI"],
            kappa.replace(" kappa", " κ"): frame[kappa],
            "AC1": frame["AC1"],
            "!": frame["warning"].map(lambda w: "few" if isinstance(w, str) else ""),
        }
    )
    return short


_UNREGISTERED: dict[str, Callable[[pd.DataFrame], pd.DataFrame]] = {
    "agreement": _agreement_for_screen
}
