"""The words exports write themselves, in the language of the interviews.

A report on Dutch interviews is written in Dutch, so the words the DOCX and the chart add
(headings, captions, column headers, the filter summary) follow the data's language, as do the
quotation marks: Dutch „…” and English “…”. Languages without their own entry read English.
Words that come from the project itself (code names, attribute values) are never translated.
A report table's own caption and notes are part of its definition
(:mod:`codebench.reports.registry`); this module looks them up.
"""

from __future__ import annotations

from collections.abc import Mapping

from codebench.reports.model import ReportTable
from codebench.reports.registry import kind_of

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "report_title": "Thematic analysis",
        "table": "Table",
        "figure": "Figure",
        "selection": "Selection",
        "participants": "Participants",
        "overview": "Overview of themes",
        "chart_caption": "Themes by number of respondents",
        "raised_by": "Raised by {n} of {total} respondents ({share}).",
        "no_quotes": "No quotes from respondents in this selection.",
        "further": "Further tables",
        "x_axis": "Number of respondents",
        "themes_note": "Share: the part of the {total} respondents in the selection who raised "
        "the theme. Passages spoken by an interviewer are not counted.",
    },
    "nl": {
        "report_title": "Thematische analyse",
        "table": "Tabel",
        "figure": "Figuur",
        "selection": "Selectie",
        "participants": "Deelnemers",
        "overview": "Overzicht van de thema's",
        "chart_caption": "Thema's naar aantal respondenten",
        "raised_by": "Genoemd door {n} van de {total} respondenten ({share}).",
        "no_quotes": "Geen citaten van respondenten in deze selectie.",
        "further": "Aanvullende tabellen",
        "x_axis": "Aantal respondenten",
        "themes_note": "Aandeel: het deel van de {total} respondenten in de selectie dat het "
        "thema noemde. Passages van de interviewer zijn niet meegeteld.",
    },
}

_COLUMNS: dict[str, dict[str, str]] = {
    "en": {
        "code": "Theme",
        "group": "Group",
        "respondents": "Respondents",
        "respondent": "Respondent",
        "share": "Share",
        "documents": "Interviews",
        "interviews": "Interviews",
        "codings": "Codings",
        "interviewer codings": "Interviewer codings",
        "total": "Total",
        "coders": "Coders",
        "codes": "Codes",
    },
    "nl": {
        "code": "Thema",
        "group": "Groep",
        "respondents": "Respondenten",
        "respondent": "Respondent",
        "share": "Aandeel",
        "documents": "Interviews",
        "interviews": "Interviews",
        "codings": "Coderingen",
        "interviewer codings": "Coderingen interviewer",
        "total": "Totaal",
        "coders": "Codeurs",
        "codes": "Codes",
        "all coders": "alle codeurs",
        "all codes": "alle codes",
        "all documents": "alle documenten",
        "all respondents": "alle respondenten",
    },
}

_FILTERS: dict[str, dict[str, str]] = {
    "en": {
        "coders": "Coders",
        "codes": "Codes",
        "documents": "Documents",
        "respondents": "Respondents",
    },
    "nl": {
        "coders": "Codeurs",
        "codes": "Codes",
        "documents": "Documenten",
        "respondents": "Respondenten",
    },
}

_QUOTE_MARKS = {"nl": ("„", "”"), "en": ("“", "”")}


def _base(language: str) -> str:
    base = language.split("-")[0].split("_")[0].casefold()
    return base if base in _WORDS else "en"


def words(language: str) -> Mapping[str, str]:
    """The fixed words of a report in ``language`` ("nl", "nl-NL", "en" ...)."""
    return _WORDS[_base(language)]


def quote_marks(language: str) -> tuple[str, str]:
    """Opening and closing quotation marks: „…” in Dutch, “…” in English."""
    return _QUOTE_MARKS[_base(language)]


def column(name: str, language: str) -> str:
    """A column header or filter word in ``language``; unknown names are tidied, not
    translated ("organisation_type" becomes "Organisation type")."""
    known = _COLUMNS[_base(language)].get(name.casefold())
    if known is not None:
        return known
    tidy = name.replace("_", " ").strip()
    return tidy[:1].upper() + tidy[1:]


def filter_name(name: str, language: str) -> str:
    """The name of a filter ("coders") as a heading word in ``language``."""
    return _FILTERS[_base(language)].get(name, column(name, language))


def notes(table: ReportTable, language: str) -> tuple[str, ...]:
    """A registered table's notes in ``language``; otherwise the table's own (English) notes."""
    kind = kind_of(table)
    translate = kind.notes.get(_base(language)) if kind is not None else None
    return table.notes if translate is None else translate(table)


def value(text: str, language: str) -> str:
    """A filter value ("all coders") in ``language``; anything else unchanged."""
    return _COLUMNS[_base(language)].get(text, text)


def caption(table: ReportTable, language: str) -> str:
    """A registered table's caption in ``language``; otherwise the table's own title."""
    kind = kind_of(table)
    template = kind.captions.get(_base(language)) if kind is not None else None
    if template is None:
        return table.title
    return template.format(attribute=(table.attribute or "").replace("_", " "))
