"""Report tables narrowed for a screen (terminal or TUI): fewer, shorter columns.

Exports keep every column (a spreadsheet can hide what it does not need); a terminal cannot,
so themes show codes indented under their group, and quotes lose the columns that repeat.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from codebench.reports.model import ReportTable

THEME_COLUMNS = ["code", "respondents", "share", "documents", "codings", "interviewer codings"]
QUOTE_COLUMNS = ["code", "respondent", "quote", "document", "sentences"]


def for_screen(table: ReportTable) -> ReportTable:
    frame = table.frame
    if table.name == "themes" and not frame.empty:
        frame = frame.copy()
        frame["code"] = [
            name if level == "group" else f"  {name}"
            for name, level in zip(frame["code"], frame["level"], strict=True)
        ]
        frame = frame[THEME_COLUMNS]
    elif table.name == "quotes" and not frame.empty:
        frame = frame.copy()
        frame["quote"] = [
            f"★ {quote}" if starred else quote
            for quote, starred in zip(frame["quote"], frame["starred"], strict=True)
        ]
        frame["code"] = frame["code"].str.rsplit(" > ", n=1).str[-1]
        frame = frame[QUOTE_COLUMNS]
    elif table.name == "agreement" and not frame.empty:
        frame = _agreement_for_screen(frame)
    return replace(table, frame=frame)


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
