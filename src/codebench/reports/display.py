"""Report tables narrowed for a screen (terminal or TUI): fewer, shorter columns, fewer quotes.

Exports keep every column (a spreadsheet can hide what it does not need); a terminal cannot,
so a registered table narrows itself as its :class:`~codebench.reports.kind.ReportKind` says
(themes show codes indented under their group, quotes lose the columns that repeat). The
agreement table is not narrowed here: screens show it from the coefficient registry
(:mod:`codebench.agreement.screen`).
"""

from __future__ import annotations

from dataclasses import replace

from codebench.reports.model import ReportTable
from codebench.reports.registry import kind_of


def for_screen(table: ReportTable) -> ReportTable:
    if table.frame.empty:
        return table
    kind = kind_of(table)
    narrow = kind.screen if kind is not None else None
    return table if narrow is None else replace(table, frame=narrow(table.frame))


def first_quotes(table: ReportTable, per_code: int) -> ReportTable:
    """The exemplar quotes table with at most ``per_code`` quotes of each code: the first, so
    starred quotes stay (the table lists them first)."""
    frame = table.frame.groupby("code", sort=False).head(per_code).reset_index(drop=True)
    return replace(table, frame=frame)
