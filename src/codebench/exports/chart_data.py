"""What the report's figure and the workbook's chart both draw from: a colour per group and
the number of respondents the theme table's shares are of.

Apart from :mod:`codebench.exports.chart` so that writing a workbook, whose chart Excel draws,
never loads matplotlib.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from codebench.reports.model import ReportTable

FALLBACK_COLOURS = ("#4c72b0", "#3d8c52", "#c44e52", "#8172b3", "#937860", "#da8bc3")


def group_colours(codes: pd.DataFrame) -> dict[str, str]:
    """The codebook's colours of the top-level codes (the groups), by name."""
    return {
        str(row.name): str(row.colour)
        for row in codes[codes["depth"] == 0].itertuples()
        if isinstance(row.colour, str) and row.colour
    }


def palette(groups: list[str], colours: Mapping[str, str]) -> dict[str, str]:
    """A colour per group: its own from ``colours``, else the next of a fixed palette."""
    fills: dict[str, str] = {}
    fallback = iter(FALLBACK_COLOURS * (len(groups) // len(FALLBACK_COLOURS) + 1))
    for group in dict.fromkeys(groups):
        fills[group] = colours.get(group) or next(fallback)
    return fills


def respondents_in_scope(themes: ReportTable) -> int | None:
    """The number of respondents a theme table's shares are of, when it has a share."""
    frame = themes.frame
    if "share" not in frame.columns:
        return None
    known = frame[frame["share"] > 0]
    if not len(known):
        return None
    return round(float(known["respondents"].iloc[0]) / float(known["share"].iloc[0]))
