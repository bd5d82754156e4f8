"""The words exports write themselves, in the report's language, from the gettext catalogs.

A report on Dutch interviews is written in Dutch (or in the language ``--lang`` chose), so
every word an export adds goes through the catalog of :mod:`codebench.i18n`: headings,
captions, column headers, level names, the filter summary, notes, sheet names, the chart's
titles, and the quotation marks (Dutch „…”, English “…”). Words that come from the project
itself (code names, attribute values, respondent labels, quotes) are never translated; the
names of a few common respondent attributes ("organisation_type") are, since a report shows
them as words.

A report table's caption is defined in the registry (:mod:`codebench.reports.registry`, its
English caption is the message); its title, notes and filter summary are built in English by
:mod:`codebench.reports` and translated by :mod:`codebench.exports.phrases`.
"""

from __future__ import annotations

import gettext as gettext_module
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from codebench.exports.phrases import translate
from codebench.i18n import N_, SOURCE_LANGUAGE, base_language, report_language, translations
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

_SHEETS = {
    "themes": N_("Themes"),
    "attributes": N_("Participants"),
    "attribute": N_("Themes by {attribute}"),
    "respondents": N_("Themes by respondent"),
    "quotes": N_("Quotes"),
    "cooccurrence": N_("Co-occurrence"),
}
"""Short names of the registered tables for a workbook's tabs (Excel allows 31 characters)."""

_REGISTRY_CAPTIONS = (
    N_("Number of respondents per theme"),
    N_("Interviews and respondents by {attribute}"),
    N_("Respondents who raised each theme, by {attribute}"),
    N_("Themes by respondent"),
    N_("Co-occurrence of codes"),
)
"""The registry's English captions, marked here for the catalog until the registry marks
them itself (a test checks that every registered caption has its translation)."""

_FILTERS = {
    "coders": N_("Coders"),
    "codes": N_("Codes"),
    "documents": N_("Documents"),
    "respondents": N_("Respondents"),
}
"""The filters a table states, as the selection names them."""


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

    def filter_name(self, name: str) -> str:
        """The name of a filter ("coders") as the selection lists it."""
        known = _FILTERS.get(name)
        return self.gettext(known) if known else self.column(name)

    def filter_value(self, name: str, text: str) -> str:
        """A filter's value: the respondents filter ("organisation_type = gemeente or
        provincie") with the attribute and "or" in words; any other through the phrases."""
        if name == "respondents" and " = " in text:
            parts = []
            for part in text.split("; "):
                attribute, _, values = part.partition(" = ")
                alternatives = self.gettext(" or ").join(values.split(" or "))
                parts.append(f"{self.attribute(attribute)} = {alternatives}")
            return "; ".join(parts)
        return self.phrase(text)

    def filters(self, filters: Mapping[str, str]) -> list[tuple[str, str]]:
        """A table's filter summary as (name, value) pairs in words."""
        return [
            (self.filter_name(name), self.filter_value(name, text))
            for name, text in filters.items()
        ]

    def phrase(self, text: str) -> str:
        """A sentence a report table carries (a note, a title) in this language."""
        return translate(text, self.gettext)

    def caption(self, table: ReportTable) -> str:
        """A registered table's caption, otherwise its title, in this language."""
        kind = kind_of(table)
        template = kind.captions.get(SOURCE_LANGUAGE) if kind is not None else None
        if template is None:
            return self.phrase(table.title)
        return self.gettext(template).format(attribute=self.attribute(table.attribute or ""))

    def sheet_name(self, table: ReportTable) -> str:
        """A short name for the table's sheet (its caption for a table not registered)."""
        short = _SHEETS.get(table.name)
        if short is None:
            return self.caption(table)
        return self.gettext(short).format(attribute=self.attribute(table.attribute or ""))

    def notes(self, table: ReportTable) -> tuple[str, ...]:
        return tuple(self.phrase(note) for note in table.notes)


@cache
def words(language: str) -> Words:
    """The words of a report in ``language`` ("nl", "nl-NL", "en" ...)."""
    base = base_language(language)
    return Words(base, translations(base))


def report_words(interviews: str) -> Words:
    """The words of a report on interviews in ``interviews``, or in the language chosen for
    this export (:func:`codebench.i18n.chosen_language`)."""
    return words(report_language(interviews))
