"""The seed study's tables of themes: per group of codes, each theme with the number of
respondents who raised it and one exemplar quote.

The study reports its success factors and bottlenecks as a table per group (Tabel 3, Tabel 4)
and then quotes respondents per theme. Both the DOCX report and the workbook show that table,
so it is read here once from the finished theme and quote tables: the themes in the theme
table's order (most respondents first), the quote the first one listed for the theme (a
starred exemplar when there is one, see :func:`~codebench.exports.docx_quotes.quotes_by_code`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from codebench.exports.docx_quotes import quotes_by_code
from codebench.exports.frames import PATH_SEPARATOR


@dataclass(frozen=True)
class Theme:
    """One theme of a group, as its row in the group's table."""

    path: str
    name: str
    depth: int
    """1 for a code directly under the group, 2 below that, ..."""
    respondents: int
    share: float
    quote: dict[str, Any] | None
    """The exemplar (a row of the quote table), or None when no respondent raised it."""


@dataclass(frozen=True)
class Group:
    name: str
    path: str
    respondents: int
    share: float
    themes: tuple[Theme, ...]


def groups(themes: pd.DataFrame, quotes: pd.DataFrame) -> list[Group]:
    """The groups of ``themes`` (a theme_frequencies frame) that have codes below them, each
    with its themes and their exemplar from ``quotes`` (an exemplar_quotes frame)."""
    by_code = quotes_by_code(quotes)
    result: list[Group] = []
    paths = themes["path"].astype(str)
    tops = themes[~paths.str.contains(PATH_SEPARATOR, regex=False)]
    for top in tops.itertuples(index=False):
        prefix = f"{top.path}{PATH_SEPARATOR}"
        below = themes[paths.str.startswith(prefix)]
        if below.empty:
            continue
        lines = tuple(
            Theme(
                path=str(row.path),
                name=str(row.code),
                depth=str(row.path).count(PATH_SEPARATOR),
                respondents=int(row.respondents),
                share=float(row.share),
                quote=next(iter(by_code.get(str(row.path), [])), None),
            )
            for row in below.itertuples(index=False)
        )
        result.append(
            Group(str(top.code), str(top.path), int(top.respondents), float(top.share), lines)
        )
    return result
