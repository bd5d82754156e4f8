"""The words exports write themselves, in the report's language, from the gettext catalogs.

A report on Dutch interviews is written in Dutch (or in the language ``--lang`` chose), so
every word an export adds goes through the catalog of :mod:`codebench.i18n`: headings,
captions, column headers, level names, the filter summary, notes, sheet names, the chart's
titles, and the quotation marks (Dutch „…”, English “…”). Words that come from the project
itself (code names, attribute values, respondent labels, quotes) are never translated; the
names of a few common respondent attributes ("organisation_type") are, since a report shows
them as words.

A registered table's caption and sheet name are messages of the registry
(:mod:`codebench.reports.registry`), filled in with the fields of the table's title; a table
from elsewhere (agreement) is captioned by its title. Titles, notes, filter values and the
cells a table names in ``phrases`` are built by :mod:`codebench.reports` and
:mod:`codebench.agreement` as :class:`~codebench.i18n.phrase.Phrase` values: message and
fields, said here from the catalog (:meth:`Words.say`).
"""

from __future__ import annotations

import gettext as gettext_module
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from codebench.i18n import N_, base_language, report_language, translations
from codebench.i18n.phrase import Field, Phrase
from codebench.reports.model import ReportTable
from codebench.reports.registry import kind_of

_COLUMNS = {
    "code": N_("Theme"),
    "group": N_("Group"),
    "path": N_("Path"),
    "level": N_("Level"),
    "codings": N_("Codings"),
    "documents": N_("Interviews"),
    "interviews": N_("Interviews"),
    "respondents": N_("Respondents"),
    "respondent": N_("Respondent"),
    "share": N_("Share"),
    "interviewer codings": N_("Interviewer codings"),
    "total": N_("Total"),
    "quote": N_("Quote"),
    "document": N_("Interview"),
    "sentences": N_("Sentences"),
    "speaker": N_("Speaker"),
    "coder": N_("Coder"),
    "coders": N_("Coders"),
    "codes": N_("Codes"),
    "starred": N_("Starred"),
}
"""Column names of the report frames, as a header shows them."""

_ATTRIBUTES = {
    "organisation_type": N_("organisation type"),
    "organization_type": N_("organisation type"),
    "role": N_("role"),
    "gender": N_("gender"),
    "age": N_("age"),
    "region": N_("region"),
}
"""Respondent attributes common enough to name in the report's language (lower case, as they
read inside a caption: "per type organisatie")."""

_LEVELS = {"group": N_("group"), "code": N_("theme")}
"""The values of a theme table's "level" column."""

_FILTERS = {
    "coders": N_("Coders"),
    "codes": N_("Codes"),
    "documents": N_("Documents"),
    "respondents": N_("Respondents"),
    "unit": N_("Unit"),
    "speakers": N_("Speakers"),
    "threshold": N_("Threshold"),
    "bootstrap": N_("Bootstrap"),
}
"""The filters a table states (the agreement table's too), as the selection names them."""


@dataclass(frozen=True)
class Words:
    """The catalog of one language and the lookups exports need from it."""

    language: str
    """"nl" or "en": the catalog's language, not the interviews' tag ("nl-NL")."""
    catalog: gettext_module.NullTranslations

    def gettext(self, message: str) -> str:
        return self.catalog.gettext(message)

    def pgettext(self, context: str, message: str) -> str:
        return self.catalog.pgettext(context, message)

    @property
    def quote_marks(self) -> tuple[str, str]:
        """Opening and closing quotation marks: „…” in Dutch, “…” in English."""
        return (
            self.pgettext("quotation mark", "“"),
            self.pgettext("quotation mark", "”"),
        )

    @property
    def inner_quote_marks(self) -> tuple[str, str]:
        """The marks of a quote inside a quote: ‚…’ in Dutch, ‘…’ in English."""
        return (
            self.pgettext("inner quotation mark", "‘"),
            self.pgettext("inner quotation mark", "’"),
        )

    def column(self, name: str) -> str:
        """A column name as a header ("respondents" -> "Respondenten"); a respondent
        attribute's name tidied ("organisation_type" -> "Type organisatie"); anything else
        (attribute values, code names) as it is."""
        known = _COLUMNS.get(name.casefold())
        if known is not None:
            return self.gettext(known)
        if "_" in name or name.casefold() in _ATTRIBUTES:
            tidy = self.attribute(name)
            return tidy[:1].upper() + tidy[1:]
        return name

    def attribute(self, name: str) -> str:
        """A respondent attribute's name in running text ("type organisatie")."""
        known = _ATTRIBUTES.get(name.casefold())
        return self.gettext(known) if known else name.replace("_", " ").strip()

    def level(self, value: str) -> str:
        """A theme table's level ("group", "code") in words."""
        known = _LEVELS.get(value)
        return self.gettext(known) if known else value

    def yes(self, value: bool) -> str:
        return self.gettext("yes") if value else ""

    def decimal(self, text: str) -> str:
        """A number as text with the language's decimal mark ("0,82" in Dutch)."""
        return text.replace(".", self.pgettext("decimal mark", "."))

    def number(self, text: str) -> str:
        """A number as English writes it ("1,234.5") with the language's marks ("1.234,5")."""
        marks: dict[str, str | int | None] = {
            ",": self.pgettext("thousands separator", ","),
            ".": self.decimal("."),
        }
        return text.translate(str.maketrans(marks))

    def say(self, text: str) -> str:
        """A text a table carries in this language: a phrase from the catalog, with its
        attribute's name in words; any other text (a name) as it is."""
        if not isinstance(text, Phrase):
            return text
        return text.translated(self.gettext, self.number, {"attribute": self.attribute})

    def filter_name(self, name: str) -> str:
        """The name of a filter ("coders") as the selection lists it."""
        known = _FILTERS.get(name)
        return self.gettext(known) if known else self.column(name)

    def filters(self, filters: Mapping[str, str]) -> list[tuple[str, str]]:
        """A table's filter summary as (name, value) pairs in words."""
        return [(self.filter_name(name), self.say(text)) for name, text in filters.items()]

    def caption(self, table: ReportTable) -> str:
        """A registered table's caption, otherwise its title, in this language."""
        kind = kind_of(table)
        if kind is None:
            return self.say(table.title)
        return self.say(Phrase(kind.caption, _fields(table.title)))

    def sheet_name(self, table: ReportTable) -> str:
        """A short name for the table's sheet (its caption for a table not registered)."""
        kind = kind_of(table)
        if kind is None:
            return self.caption(table)
        return self.say(Phrase(kind.sheet, _fields(table.title)))

    def notes(self, table: ReportTable) -> tuple[str, ...]:
        return tuple(self.say(note) for note in table.notes)


def _fields(title: str) -> Mapping[str, Field]:
    """The fields of a title built from a message (a title given as plain text has none)."""
    return title.fields if isinstance(title, Phrase) else {}


@cache
def words(language: str) -> Words:
    """The words of a report in ``language`` ("nl", "nl-NL", "en" ...)."""
    base = base_language(language)
    return Words(base, translations(base))


def report_words(interviews: str) -> Words:
    """The words of a report on interviews in ``interviews``, or in the language chosen for
    this export (:func:`codebench.i18n.chosen_language`)."""
    return words(report_language(interviews))
