"""Disagreements as a reader goes through them on a terminal: unit by unit, each unit's text
once, and what each coder did in a few words.

A unit often carries several disagreements (a substitution is two: one per code), and a
coder's span is often the unit itself; printing the unit's text for every disagreement and
every coder's span beside it showed the same sentence two or three times. Here the text is
given once per unit and each coder's side is "applied", "applied to “…”" (only the part of
the unit they coded, when it is less than the unit), an overlap too small to count, "–" or
"missing". The rows of :func:`~codebench.agreement.tables.disagreement_rows` (CSV and JSON)
keep every field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from codebench.agreement.disagreements import CoderView, Disagreement
from codebench.agreement.units import Unit

Row = Mapping[str, Any]
Entry = tuple[Disagreement, Row]
"""One disagreement and its row (key, kind, code names, resolution)."""


@dataclass(frozen=True)
class ListedUnit:
    """One unit, its text and the disagreements on it, in the listing's order."""

    unit: Unit
    text: str
    entries: tuple[Entry, ...]

    @property
    def heading(self) -> str:
        who = f" · {self.unit.speaker}" if self.unit.speaker else ""
        return f"{self.unit.document} #{self.unit.number}{who}"


def by_unit(entries: Sequence[Entry], texts: Mapping[str, str]) -> list[ListedUnit]:
    """The entries grouped by unit, keeping their order (disagreements come sorted by
    document and unit, so a unit's are next to each other); ``texts`` by document."""
    units: list[ListedUnit] = []
    for item, row in entries:
        if units and units[-1].unit == item.unit:
            last = units[-1]
            units[-1] = ListedUnit(last.unit, last.text, (*last.entries, (item, row)))
        else:
            text = texts[item.unit.document][item.unit.start : item.unit.end]
            units.append(ListedUnit(item.unit, text, ((item, row),)))
    return units


def coder_cell(view: CoderView, unit: Unit, text: str) -> str:
    """What one coder did on ``unit`` for the disagreement's code, quoting only the part of
    the unit they coded when it is less than all of it (``text``: the document's)."""
    if view.applied is None:
        return "missing"
    if view.applied:
        if view.span is None:
            return "applied"
        start, end = max(view.span[0], unit.start), min(view.span[1], unit.end)
        return (
            "applied"
            if (start, end) == (unit.start, unit.end)
            else f"applied to “{text[start:end]}”"
        )
    return f"{view.ratio:.0%} overlap, too little" if view.ratio > 0 else "–"


def code_cell(row: Row) -> str:
    """The code, and for a substitution the code applied instead."""
    return f"{row['code']} (instead: {row['instead']})" if row["instead"] else str(row["code"])
