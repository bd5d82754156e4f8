"""How much text a column holds, read from the model so that each width is written once.

Imported names (a REFI-QDA case, a spreadsheet's header or coder) may be longer than the store
holds: some are cut to fit, others refused with the width in the message. Both take the width
from the column itself, so widening a column in ``storage/models.py`` (and its migration) is
the only change needed.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import InstrumentedAttribute


def width(column: InstrumentedAttribute[Any]) -> int:
    """The most characters a string column holds."""
    kind = column.type
    assert isinstance(kind, String) and kind.length is not None, f"{column} has no width"
    return kind.length


def fit(column: InstrumentedAttribute[Any], value: str, room: int = 0) -> str:
    """``value`` cut to the column's width, leaving ``room`` characters for a suffix."""
    return value[: width(column) - room]
