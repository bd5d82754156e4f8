"""The words exports write themselves, in the language of the interviews.

A report on Dutch interviews is written in Dutch, so the words the DOCX and the chart add
(headings, captions, column headers, the filter summary) follow the data's language, as do the
quotation marks: Dutch „…” and English “…”. Languages without their own entry read English.
Words that come from the project itself (code names, attribute values) are never translated.
"""

from __future__ import annotations

from collections.abc import Mapping

from codebench.reports.model import ReportTable

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "report_title": "Thematic analysis",
        "table": "Table",
        "figure": "Figure",
        "selection": "Selection",
        "participants": "Participants",
        "overview": "Overview of themes",
        "themes_caption": "Number of respondents per theme",
        "chart_caption": "Themes by number of respondents",
        "raised_by": "Raised by {n} of {total} respondents ({share}).",
        "no_quotes": "No quotes from respondents in this selection.",
        "further": "Further tables",
        "x_axis": "Number of respondents",
        "attributes_caption": "Interviews and respondents by {attribute}",
        "attribute_caption": "Respondents who raised each theme, by {attribute}",
        "respondents_caption": "Themes by respondent",
        "cooccurrence_caption": "Co-occurrence of codes",
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
        "themes_caption": "Aantal respondenten per thema",
        "chart_caption": "Thema's naar aantal respondenten",
        "raised_by": "Genoemd door {n} van de {total} respondenten ({share}).",
        "no_quotes": "Geen citaten van respondenten in deze selectie.",
        "further": "Aanvullende tabellen",
        "x_axis": "Aantal respondenten",
        "attributes_caption": "Aantal interviews en respondenten per {attribute}",
        "attribute_caption": "Respondenten die een thema noemden, per {attribute}",
        "respondents_caption": "Thema's per respondent",
        "cooccurrence_caption": "Samen voorkomen van codes",
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

_NOTES_NL = {
    "attributes": ("Een interview telt mee bij elke waarde die zijn respondenten hebben.",),
    "respondents": ("De rij van een groep telt alle codes eronder.",),
}
_COOCCURRENCE_NL = {
    "sentence units": "zinnen",
    "turns": "spreekbeurten",
    "overlapping passages": "overlappende passages",
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
    """A known table's notes in ``language``; otherwise the table's own (English) notes."""
    if _base(language) != "nl":
        return table.notes
    if table.name in _NOTES_NL:
        return _NOTES_NL[table.name]
    if table.name == "cooccurrence" and "(" in table.title:
        unit = _COOCCURRENCE_NL.get(table.title.rsplit("(", 1)[1].rstrip(")"))
        if unit:
            return (f"Op de diagonaal: {unit} met die code; daarbuiten: {unit} met beide codes.",)
    return table.notes


def value(text: str, language: str) -> str:
    """A filter value ("all coders") in ``language``; anything else unchanged."""
    return _COLUMNS[_base(language)].get(text, text)


def caption(table: ReportTable, language: str) -> str:
    """A caption for a known report table in ``language``; otherwise the table's own title."""
    said = words(language)
    attribute = _attribute(table)
    if table.name == "themes":
        return said["themes_caption"]
    if table.name in ("attributes", "by-attribute") and attribute:
        return said[f"{table.name}_caption"].format(attribute=attribute)
    if table.name in ("respondents", "cooccurrence"):
        return said[f"{table.name}_caption"]
    return table.title


def _attribute(table: ReportTable) -> str | None:
    """The attribute a table is about: the first column of the attributes table, or the
    words after "by" in the title of codes by attribute."""
    if table.name == "attributes" and len(table.frame.columns):
        return str(table.frame.columns[0]).replace("_", " ")
    if table.name == "by-attribute" and " by " in table.title:
        return table.title.split(" by ", 1)[1].split(" (")[0].replace("_", " ")
    return None
