"""The bar chart of themes by number of respondents, as PNG bytes for the DOCX report (the
workbook draws its own, as an Excel chart: :mod:`codebench.exports.xlsx_chart`).

Matplotlib draws it with the Agg canvas directly (no pyplot, so no display, no global state and
no GUI backend is ever touched). Output is deterministic for the same table: fixed width and
dpi, the DejaVu Sans font that ships with matplotlib, and no timestamp or version in the PNG, so
re-exporting an unchanged study gives the same image. The bars follow the table's order (by
group, then by respondents) and carry the group's colour; each group's name is set in bold above
its codes, as in the published tables, so no legend has to be matched by colour.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass

from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from codebench.exports.chart_data import palette, respondents_in_scope
from codebench.exports.labels import words
from codebench.reports.model import ReportTable

WIDTH_INCHES = 6.3  # 16 cm: the text width of an A4 page with 2.5 cm margins
ROW_INCHES = 0.24
DPI = 200
FONT = "DejaVu Sans"
FONT_SIZE = 8
LABEL_WIDTH = 66
"""Characters per line of a code name before it wraps."""


@dataclass(frozen=True)
class _Row:
    label: str
    value: int | None  # None: a group heading, no bar
    group: str


def theme_chart(
    themes: ReportTable,
    colours: Mapping[str, str] | None = None,
    language: str = "en",
) -> bytes:
    """A horizontal bar chart of the codes in ``themes`` (theme_frequencies) as PNG bytes.

    ``colours`` maps group names to colours (the codebook's colours of the top-level codes);
    groups without one take a fixed palette in order.
    """
    rows = _rows(themes)
    if not any(row.value is not None for row in rows):
        raise ValueError("the theme table has no codes to chart")
    fills = palette([row.group for row in rows], colours or {})
    with rc_context(
        {
            "font.family": FONT,
            "font.size": FONT_SIZE,
            "axes.labelsize": FONT_SIZE,
            "svg.hashsalt": "codebench",
        }
    ):
        figure = _draw(rows, fills, _axis_label(themes, language))
        buffer = io.BytesIO()
        FigureCanvasAgg(figure)
        figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def _rows(themes: ReportTable) -> list[_Row]:
    frame = themes.frame
    rows: list[_Row] = []
    current: str | None = None
    for record in frame.itertuples(index=False):
        group, level = str(record.group), str(record.level)
        if level != "code":
            continue
        if group != current:
            rows.append(_Row(group, None, group))
            current = group
        rows.append(_Row(str(record.code), int(record.respondents), group))
    return rows


def _axis_label(themes: ReportTable, language: str) -> str:
    """ "Number of respondents (n = 20)", n read back from a share when the table has one."""
    said = words(language)
    total = respondents_in_scope(themes)
    if total is None:
        return said.gettext("Number of respondents")
    return said.gettext("Number of respondents (n = {total})").format(total=total)


def _draw(rows: list[_Row], fills: Mapping[str, str], x_label: str) -> Figure:
    height = 0.6 + ROW_INCHES * len(rows)
    figure = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI, layout="constrained")
    axes = figure.add_subplot()
    positions = list(range(len(rows)))
    bars = [(i, row) for i, row in zip(positions, rows, strict=True) if row.value is not None]
    axes.barh(
        [i for i, _ in bars],
        [row.value or 0 for _, row in bars],
        color=[fills[row.group] for _, row in bars],
        height=0.7,
        zorder=2,
    )
    largest = max(row.value or 0 for _, row in bars)
    for i, row in bars:
        axes.text(
            (row.value or 0) + largest * 0.01,
            i,
            str(row.value),
            va="center",
            ha="left",
            fontsize=FONT_SIZE - 1,
            color="#333333",
        )
    axes.set_yticks(positions)
    axes.set_yticklabels(
        [textwrap.fill(row.label, LABEL_WIDTH) for row in rows], fontsize=FONT_SIZE
    )
    for tick, row in zip(axes.get_yticklabels(), rows, strict=True):
        if row.value is None:
            tick.set_fontweight("bold")
            tick.set_color(fills[row.group])
    axes.tick_params(axis="y", length=0)
    axes.set_ylim(len(rows) - 0.4, -0.6)  # first row on top, as in the table
    axes.set_xlim(0, largest * 1.08 + 0.5)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlabel(x_label)
    axes.grid(axis="x", color="#dddddd", linewidth=0.6, zorder=0)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    return figure
