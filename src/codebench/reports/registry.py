"""Every report table, defined once: the services, the CLI, the TUI and the exports read this.

To add a table: write its builder (``ReportData`` in, :class:`ReportTable` out, like those in
:mod:`codebench.reports.tables`), define its :class:`ReportKind` below and register it in
:data:`KINDS`. The ``report`` command, the ``export`` default, the TUI's list, the DOCX caption
and sheet name, and the narrowing for a screen all follow from that definition.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

from codebench.i18n import N_
from codebench.reports.kind import ReportKind
from codebench.reports.model import ReportTable

if TYPE_CHECKING:
    import pandas as pd


def _tables() -> ModuleType:
    """The builders, imported when a table is built: listing the tables by name (the command
    line's help and choices) must not load pandas."""
    from codebench.reports import tables

    return tables


THEME_SCREEN_COLUMNS = [
    "code",
    "respondents",
    "share",
    "documents",
    "codings",
    "interviewer codings",
]
QUOTE_SCREEN_COLUMNS = ["code", "respondent", "quote", "document", "sentences"]


def _themes_on_screen(frame: pd.DataFrame) -> pd.DataFrame:
    """Codes indented under their group, without the path and level columns."""
    frame = frame.copy()
    frame["code"] = [
        name if level == "group" else f"  {name}"
        for name, level in zip(frame["code"], frame["level"], strict=True)
    ]
    return frame[THEME_SCREEN_COLUMNS]


def _quotes_on_screen(frame: pd.DataFrame) -> pd.DataFrame:
    """A star on starred quotes, codes by their own name, without the columns that repeat."""
    frame = frame.copy()
    frame["quote"] = [
        f"★ {quote}" if starred else quote
        for quote, starred in zip(frame["quote"], frame["starred"], strict=True)
    ]
    frame["code"] = frame["code"].str.rsplit(" > ", n=1).str[-1]
    return frame[QUOTE_SCREEN_COLUMNS]


THEMES = ReportKind(
    name="themes",
    table="themes",
    label="Theme frequencies",
    summary="",
    build=lambda data, _options: _tables().theme_frequencies(data),
    menu_position=1,
    caption=N_("Number of respondents per theme"),
    sheet=N_("Themes"),
    screen=_themes_on_screen,
    in_docx=True,
)
ATTRIBUTES = ReportKind(
    name="attributes",
    table="attributes",
    label="Interviews by attribute",
    summary="interviews and respondents per value",
    build=lambda data, options: _tables().attribute_table(data, options.attribute),
    menu_position=4,
    caption=N_("Interviews and respondents by {attribute}"),
    sheet=N_("Participants"),
    uses_attribute=True,
    in_docx=True,
    reads=lambda _options: frozenset(),
)
BY_ATTRIBUTE = ReportKind(
    name="by-attribute",
    table="attribute",
    label="Codes by attribute",
    summary="code x attribute value",
    build=lambda data, options: _tables().code_by_attribute(data, options.attribute),
    menu_position=3,
    caption=N_("Respondents who raised each theme, by {attribute}"),
    sheet=N_("Themes by {attribute}"),
    uses_attribute=True,
    in_docx=True,
)
RESPONDENTS = ReportKind(
    name="respondents",
    table="respondents",
    label="Codes by respondent",
    summary="code x respondent",
    build=lambda data, options: _tables().code_by_respondent(data, options.presence),
    menu_position=5,
    caption=N_("Themes by respondent: {what}"),
    sheet=N_("Themes by respondent"),
)
QUOTES = ReportKind(
    name="quotes",
    table="quotes",
    label="Exemplar quotes",
    summary="exemplar quotes per respondent",
    build=lambda data, _options: _tables().exemplar_quotes(data),
    menu_position=2,
    caption=N_("Exemplar quotes: one per theme and respondent"),
    sheet=N_("Quotes"),
    screen=_quotes_on_screen,
    in_docx=True,
    reads=lambda _options: frozenset({"codings", "text", "sentences"}),
)
COOCCURRENCE = ReportKind(
    name="cooccurrence",
    table="cooccurrence",
    label="Co-occurrence",
    summary="",
    build=lambda data, options: _tables().co_occurrence(data, options.level),
    menu_position=6,
    caption=N_("Co-occurrence of codes in {unit}"),
    sheet=N_("Co-occurrence"),
    reads=lambda options: frozenset(
        {"codings", "sentences"} if options.level == "unit" else {"codings"}
    ),
)

KINDS: tuple[ReportKind, ...] = (
    THEMES,
    ATTRIBUTES,
    BY_ATTRIBUTE,
    RESPONDENTS,
    QUOTES,
    COOCCURRENCE,
)
"""The registered tables, in the order an export writes them."""

NAMES = tuple(kind.name for kind in KINDS)
_BY_NAME = {kind.name: kind for kind in KINDS}
_BY_TABLE = {kind.table: kind for kind in KINDS}


def kind_named(name: str) -> ReportKind | None:
    """The table a user asked for by name, or None when there is no such table."""
    return _BY_NAME.get(name)


def kind_of(table: ReportTable) -> ReportKind | None:
    """The registered kind of a built table; None for tables from elsewhere (agreement)."""
    return _BY_TABLE.get(table.name)
