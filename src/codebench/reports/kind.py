"""What one report table is, everywhere it appears: the shape of an entry in the registry.

A report table shows up in the ``report`` command, the ``export`` default, the TUI's list of
tables, report files (with a caption and a sheet name in the report's language), and on a
narrow screen. One :class:`ReportKind` says all of that, so adding a table cannot leave one of
those places behind (the entries themselves are in :mod:`codebench.reports.registry`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


from codebench.reports.model import ReportData, ReportTable


@dataclass(frozen=True)
class ReportOptions:
    """The choices a table may take besides the data; each table reads the ones it needs."""

    attribute: str = ""
    """The respondent attribute, already chosen, for tables with ``uses_attribute``."""
    presence: bool = False
    level: str = "unit"


def _codings(_options: ReportOptions) -> frozenset[str]:
    return frozenset({"codings"})


@dataclass(frozen=True)
class ReportKind:
    """One report table: how it is built, named, listed, exported and worded."""

    name: str
    """What a user types: ``codebench report NAME``, ``codebench export --tables NAME``."""
    table: str
    """The name of the :class:`ReportTable` it builds (CSV file names, the JSON "name")."""
    label: str
    """Its entry in the TUI's list of tables."""
    summary: str
    """A few words for the ``report`` command's help ("code x respondent"); may be empty."""
    build: Callable[[ReportData, ReportOptions], ReportTable]
    menu_position: int
    """Where it sits in the TUI's list (exports keep the registry's order)."""
    caption: str
    """Its caption in a report file (a message of the catalog, ``N_``), filled in with the
    fields of the built table's title ("{attribute}", "{unit}")."""
    sheet: str
    """Its sheet's name in a workbook (a message too, filled in alike): short, as Excel allows
    31 characters."""
    screen: Callable[[pd.DataFrame], pd.DataFrame] | None = None
    """Fewer, shorter columns for a terminal (a non-empty frame in, a frame out)."""
    uses_attribute: bool = False
    """Needs a respondent attribute: left out of a default export when there is none."""
    exported: bool = True
    """In a default export to a workbook or text files."""
    in_docx: bool = False
    """In a default DOCX report."""
    reads: Callable[[ReportOptions], frozenset[str]] = _codings
    """What it needs read: "codings" (who coded what where, for the coders chosen), their
    "text", their "sentences"; a command that prints one table reads no more (the texts and
    sentences cost most to read; a table that counts no codings needs no coder chosen)."""
