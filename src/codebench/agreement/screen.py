"""The agreement table as a screen shows it: the registry's figures as short text.

Exports keep every figure rounded to its decimals; a screen shows the figures that are marked
for screens, to two decimals of that rounded value (a percent figure as a percentage of it,
73.3%; so a screen never disagrees with the export it was printed beside), an interval as
"low–high", an undefined figure as the mark of its reason ("(b)", explained in the notes), and
drops on a narrow screen what the registry marks as wide-only. Nothing here knows a figure by
name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from codebench.agreement.analysis import CodeAgreement
    from codebench.agreement.figure import Figure, Interval
    from codebench.agreement.model import AgreementResult

INTERVAL_HEADER = "95% CI"


@dataclass(frozen=True)
class ScreenColumn:
    header: str
    narrow: bool  # kept on a narrow screen


@dataclass(frozen=True)
class ScreenRow:
    code: str | None  # None: all codes pooled
    warned: bool  # too few positive units for a stable figure
    cells: tuple[str, ...]  # one per column, after the code


@dataclass(frozen=True)
class ScreenTable:
    columns: tuple[ScreenColumn, ...]
    rows: tuple[ScreenRow, ...]


def two(value: float) -> str:
    """Two decimals, without a minus sign on what rounds to zero."""
    text = f"{value:.2f}"
    return "0.00" if text == "-0.00" else text


def _value(figure: Figure, value: float) -> str:
    rounded = round(value, figure.decimals)
    if figure.percent:
        return f"{rounded * 100:.{max(figure.decimals - 2, 0)}f}%"
    return two(rounded)


def _interval(interval: Interval | None, places: int) -> str:
    if interval is None:
        return ""
    low, high = (two(round(end, places)) for end in interval)
    return f"{low}–{high}"


def screen_table(result: AgreementResult) -> ScreenTable:
    """Positives per coder, then every figure marked for screens (and its interval)."""
    figures = [f for f in result.pooled.figures if f.on_screen]
    columns = [ScreenColumn("positives", True)]
    for figure in figures:
        columns.append(ScreenColumn(figure.header, figure.narrow))
        if figure.interval is not None:
            columns.append(ScreenColumn(INTERVAL_HEADER, False))
    coders = result.options.coders

    def row(item: CodeAgreement, code: str | None) -> ScreenRow:
        cells = [" / ".join(str(item.positives.get(c, 0)) for c in coders)]
        for figure in figures:
            value = item.values[figure.name]
            cells.append(
                item.blanks[figure.column].cell if value is None else _value(figure, value)
            )
            if figure.interval is not None:
                why = item.blanks.get(figure.interval_column)
                interval = _interval(item.intervals.get(figure.name), figure.decimals)
                cells.append(why.cell if why else interval)
        return ScreenRow(code, code is not None and bool(item.warning), tuple(cells))

    rows = [row(item, item.code) for item in result.codes]
    rows.append(row(result.pooled, None))
    return ScreenTable(tuple(columns), tuple(rows))
