"""How long a name may be: the one rule for the names people type or files bring (codes and the
groups on their paths, coders; speakers and attributes keep theirs in their own domains, worded
alike), and how a refusal quotes a name.

Each name is stored in a column of a fixed width (``storage/models.py``), so the limit is that
width, read from the column (:mod:`codebench.services.columns`). A longer name is refused before
anything changes, in one short line: a code name of 100,000 characters was once stored and
echoed whole, and a message quoting a name the user typed quotes only its start.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import InstrumentedAttribute

from codebench.errors import CodebenchError
from codebench.services.columns import width

#: How much of a name a message quotes.
QUOTED = 60


def check_name(kind: str, name: str, column: InstrumentedAttribute[Any]) -> str:
    """``name`` (a ``kind`` name: "code", "group", "coder"), refused if ``column`` cannot hold
    it."""
    limit = width(column)
    if len(name) > limit:
        raise CodebenchError(f"a {kind} name has at most {limit} characters ({quoted(name)})")
    return name


def quoted(name: str) -> str:
    """``name`` in quotes for a message, cut after :data:`QUOTED` characters."""
    return f"'{name}'" if len(name) <= QUOTED else f"'{name[:QUOTED]}…'"
