"""The inputs and outputs of every report, as plain pandas frames and small dataclasses.

Reports are computed from four frames that the service layer reads from the project once:
``passages`` (one row per coded passage, already attributed to a speaker, with the sentence
units it touches), ``respondents`` (one row per respondent with their attributes), ``codes``
(the codebook tree) and ``documents``. Nothing in ``reports/`` touches the database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from codebench.i18n import N_
from codebench.i18n.phrase import Phrase

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


ALL_CODERS = "all"
"""``--coder all``: every coder but the consensus, as a union (see :attr:`Filters.union`)."""


@dataclass(frozen=True)
class Filters:
    """Which codings a report counts. Empty means no restriction, except for coders.

    ``coders`` is what was asked (names, :data:`ALL_CODERS`, or nothing for the default)
    until the report services resolve it into the names whose codings count, so that every
    table can say whose codings it rests on. With several coders the codings are joined as a
    union, not summed: overlapping passages of one code count once.

    Attribute filters with the same name are alternatives (organisation_type=gemeente or
    provincie); different names must all hold.
    """

    coders: tuple[str, ...] = ()
    code: str | None = None
    documents: tuple[str, ...] = ()
    attributes: tuple[tuple[str, str], ...] = ()
    every_coder: bool = False
    """Resolved from :data:`ALL_CODERS`: ``coders`` are every coder but the consensus."""

    @property
    def union(self) -> bool:
        """Several coders' codings joined: a passage coded by more than one counts once."""
        return len(self.coders) > 1

    def coders_in_words(self) -> str:
        """Whose codings count, as every table and the command line state it (a phrase the
        report files say in their language, or one coder's name)."""
        if not self.coders:
            return N_("none")
        names = " + ".join(self.coders)
        if not self.union:
            return names
        if self.every_coder:
            return N_("all coders: {names} (union: a passage counted once)", names=names)
        return N_("{names} (union: a passage counted once)", names=names)

    def describe(self) -> dict[str, str]:
        """The filters in words, as written above every exported table."""
        attributes: dict[str, list[str]] = {}
        for name, value in self.attributes:
            attributes.setdefault(name, []).append(value)
        # "organisation_type = gemeente or provincie": the same in every language but for
        # the attribute's name and "or", so no message of the catalog.
        respondents = [
            Phrase(
                "{attribute} = {values}",
                {"attribute": name, "values": Phrase.joined(N_(" or "), values)},
            )
            for name, values in attributes.items()
        ]
        return {
            "coders": self.coders_in_words(),
            "codes": self.code or N_("all codes"),
            "documents": ", ".join(self.documents) or N_("all documents"),
            "respondents": Phrase.joined("; ", respondents)
            if respondents
            else N_("all respondents"),
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
    """One finished table: what it is called, the frame, the filters and notes printed with it.

    The title, the notes and the filters' values are English text (the command line prints
    them as they are); those built from a message are :class:`~codebench.i18n.phrase.Phrase`
    values, which an export says in the report's language. The frame's column names and cells
    are the program's own (CSV and JSON keep them); ``phrases`` names the ones an export says
    in words. The title's fields (the attribute, the unit) fill in the registry's caption.
    """

    name: str
    title: Phrase
    frame: pd.DataFrame
    filters: dict[str, str]
    notes: tuple[str, ...] = ()
    phrases: Mapping[str, Phrase] = field(default_factory=dict)
    """Column names and cell texts of the frame made from a message, by their English text."""
    percent: Mapping[str, int] = field(default_factory=dict)
    """Columns of proportions that a report document shows as percentages, with the decimals
    of the percentage (as the ``share`` column of the theme table, which has none)."""
