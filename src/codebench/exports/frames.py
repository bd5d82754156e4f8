"""One reading of a report frame that every export format shares.

The report tables are pandas frames of several shapes: plain columns (theme frequencies),
row labels in the index (codes by respondent, by attribute, co-occurrence) and MultiIndex
columns (respondent plus attribute levels). Every format needs the same decisions about them:
which leading columns are row labels, what the header rows are, how one header row reads when
the levels are flattened, which rows are groups or totals and which columns are shares. They
are made once here so the CSV, Markdown, JSON, XLSX and DOCX exports cannot drift apart.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

Cell = str | int | float | bool | None

SHARE_COLUMN = "share"
PATH_SEPARATOR = " > "
TOTAL_LABELS = frozenset({"total"})


@dataclass(frozen=True)
class Layout:
    """A frame as rows of plain Python values, with its header rows and emphasis."""

    header: list[list[str]]
    """One list per header row; several rows when the columns are a MultiIndex."""
    levels: list[str]
    """The names of the column levels (empty names kept), one per header row."""
    columns: list[tuple[str, ...]]
    """Every column as its tuple of level values (a 1-tuple for flat columns)."""
    rows: list[list[Cell]]
    label_columns: int
    """How many leading columns are row labels (the frame's index) rather than data."""
    share_columns: frozenset[int]
    """Columns of proportions a reader sees as percentages ("35%")."""
    emphasised_rows: frozenset[int]
    """Rows to set in bold: groups of codes and totals."""
    percent_places: Mapping[int, int] = field(default_factory=dict)
    """Decimals of a share column's percentages where there are any ("73.3%")."""

    def flat_header(self, join: Callable[[tuple[str, ...]], str] | None = None) -> list[str]:
        """One header row: MultiIndex levels joined (by default "Respondent 1 (gemeente, CIO)")."""
        return [(join or default_join)(column) for column in self.columns]


def default_join(column: tuple[str, ...]) -> str:
    """ "Respondent 1 (gemeente, CIO)": the first level, the other non-empty levels after it."""
    first, rest = column[0], [level for level in column[1:] if level]
    return f"{first} ({', '.join(rest)})" if rest else first


def layout(frame: pd.DataFrame, percent: Mapping[str, int] | None = None) -> Layout:
    """Read ``frame`` once: labels, header rows, plain values, shares and emphasised rows.

    Shares are the "share" column and the columns ``percent`` names (with the decimals of
    their percentages: :attr:`ReportTable.percent <codebench.reports.model.ReportTable>`)."""
    labelled, label_columns = _with_labels(frame)
    multi = isinstance(labelled.columns, pd.MultiIndex)
    columns = [
        tuple(_text(level) for level in column) if multi else (_text(column),)
        for column in labelled.columns
    ]
    depth = len(columns[0]) if columns else 1
    levels = [_text(name) for name in labelled.columns.names] if multi else [""]
    header = [[column[i] for column in columns] for i in range(depth)]
    if multi and label_columns:
        # As pandas writes it: the level names in the label column beside each header row
        # ("organisation_type" beside "gemeente"), then a last header row naming the labels
        # ("code"), directly above them.
        for level, row in zip(levels, header, strict=True):
            row[:label_columns] = [level] + [""] * (label_columns - 1)
        header.append(
            [column[0] for column in columns[:label_columns]]
            + [""] * (len(columns) - label_columns)
        )
    rows = [[plain(value) for value in record] for record in labelled.itertuples(index=False)]
    percent = percent or {}
    shares = frozenset(
        i for i, column in enumerate(columns) if column[0] == SHARE_COLUMN or column[0] in percent
    )
    return Layout(
        header=header,
        levels=levels,
        columns=columns,
        rows=rows,
        label_columns=label_columns,
        share_columns=shares,
        emphasised_rows=_emphasised(columns, rows, label_columns),
        percent_places={i: percent[columns[i][0]] for i in shares if columns[i][0] in percent},
    )


def _with_labels(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """The frame with a meaningful index moved into leading columns (a plain 0..n-1 index is
    just row numbers and is dropped)."""
    index = frame.index
    if isinstance(index, pd.RangeIndex) and index.name is None:
        return frame, 0
    names = [name if name is not None else "" for name in index.names]
    renamed = frame.copy()
    renamed.index = index.set_names(names)
    return renamed.reset_index(), index.nlevels


def _emphasised(
    columns: Sequence[tuple[str, ...]], rows: Sequence[Sequence[Cell]], label_columns: int
) -> frozenset[int]:
    """Group rows and totals: what a published table sets in bold."""
    names = [column[0] for column in columns]
    level = names.index("level") if "level" in names else None
    code = names.index("code") if "code" in names[: max(label_columns, 1)] else None
    bold = set()
    for i, row in enumerate(rows):
        first = row[0] if row else None
        if level is not None and row[level] == "group":
            bold.add(i)
        elif code is not None and level is None and label_columns:
            label = row[code]
            if isinstance(label, str) and PATH_SEPARATOR not in label:
                bold.add(i)
        if isinstance(first, str) and first.casefold() in TOTAL_LABELS:
            bold.add(i)
    return frozenset(bold)


def plain(value: Any) -> Cell:
    """A frame value as a plain Python value: numpy numbers unwrapped, missing as None."""
    if value is None:
        return None
    if isinstance(value, bool | str | int):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if hasattr(value, "item"):  # numpy scalars
        return plain(value.item())
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(str(v) for v in value)
    return str(value)


def _text(value: Any) -> str:
    cell = plain(value)
    return "" if cell is None else str(cell)


def format_cell(value: Cell, share: bool = False, places: int = 0) -> str:
    """A value as a reader sees it: shares as "35%" (or with ``places`` decimals, "73.3%"),
    whole floats without ".0", True as yes."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if share and isinstance(value, int | float):
        return f"{value * 100:.{places}f}%"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def is_number(value: Cell) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
