"""The inputs and outputs of every report, as plain pandas frames and small dataclasses.

Reports are computed from four frames that the service layer reads from the project once:
``passages`` (one row per coding, already attributed to a speaker), ``respondents`` (one row
per respondent with their attributes), ``codes`` (the codebook tree) and ``units`` (the sentence
units each coding touches, for co-occurrence). Nothing in ``reports/`` touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


PASSAGE_COLUMNS = (
    "coding_id",
    "document",
    "code_id",
    "coder",
    "start",
    "end",
    "text",
    "speaker",
    "role",
    "respondent",
    "turn",
    "sentence_first",
    "sentence_last",
    "exemplar",
    "memo",
)
CODE_COLUMNS = (
    "code_id",
    "path",
    "name",
    "parent_id",
    "group",
    "depth",
    "order",
    "colour",
    "description",
)


@dataclass(frozen=True)
class Filters:
    """Which codings a report counts. Empty means no restriction.

    Attribute filters with the same name are alternatives (organisation_type=gemeente or
    provincie); different names must all hold.
    """

    coders: tuple[str, ...] = ()
    code: str | None = None
    documents: tuple[str, ...] = ()
    attributes: tuple[tuple[str, str], ...] = ()

    def describe(self) -> dict[str, str]:
        """The filters in words, as written above every exported table."""
        attributes: dict[str, list[str]] = {}
        for name, value in self.attributes:
            attributes.setdefault(name, []).append(value)
        return {
            "coders": ", ".join(self.coders) or "all coders",
            "codes": self.code or "all codes",
            "documents": ", ".join(self.documents) or "all documents",
            "respondents": "; ".join(f"{k} = {' or '.join(v)}" for k, v in attributes.items())
            or "all respondents",
        }


@dataclass(frozen=True)
class ReportData:
    passages: pd.DataFrame
    respondents: pd.DataFrame
    codes: pd.DataFrame
    documents: pd.DataFrame
    filters: Filters = field(default_factory=Filters)
    language: str = "en"


@dataclass(frozen=True)
class ReportTable:
    """One finished table: what it is called, the frame, the filters and notes printed with it."""

    name: str
    title: str
    frame: pd.DataFrame
    filters: dict[str, str]
    notes: tuple[str, ...] = ()
    attribute: str | None = None
    """The respondent attribute the table is broken down by, for its caption in a report."""
