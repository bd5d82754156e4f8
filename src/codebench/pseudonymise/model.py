"""What a detector reports and what a replacement looks like: the words the package shares.

A detection is a span of one text (Unicode code points, end exclusive) with a category; the
categories are fixed so that surrogates read the same in every project ("[PERSOON-3]").
"""

from __future__ import annotations

from dataclasses import dataclass

PERSON = "person"
PLACE = "place"
ORGANISATION = "organisation"
DATE = "date"
PHONE = "phone"
EMAIL = "email"
URL = "url"
ID = "id"
CATEGORIES = (PERSON, PLACE, ORGANISATION, DATE, PHONE, EMAIL, URL, ID)

#: The word a surrogate carries per category, by the language of the project's labels.
LABEL_WORDS = {
    "nl": {
        PERSON: "PERSOON",
        PLACE: "LOCATIE",
        ORGANISATION: "ORGANISATIE",
        DATE: "DATUM",
        PHONE: "TELEFOON",
        EMAIL: "EMAIL",
        URL: "URL",
        ID: "ID",
    },
    "en": {
        PERSON: "PERSON",
        PLACE: "PLACE",
        ORGANISATION: "ORGANISATION",
        DATE: "DATE",
        PHONE: "PHONE",
        EMAIL: "EMAIL",
        URL: "URL",
        ID: "ID",
    },
}

#: Category names a user may type ("organisatie:Rijkswaterstaat"), in either language.
CATEGORY_NAMES = {
    **{category: category for category in CATEGORIES},
    **{
        word.casefold(): category
        for words in LABEL_WORDS.values()
        for category, word in words.items()
    },
    "organization": ORGANISATION,
    "naam": PERSON,
    "name": PERSON,
    "plaats": PLACE,
}

#: Which detector found a span; when spans overlap the longer wins, then the higher rank.
SOURCE_RANK = {"custom": 3, "rule": 2, "deduce": 1}


@dataclass(frozen=True, order=True)
class Detection:
    """One span of a text to be replaced, with its category and the detector that found it."""

    start: int
    end: int
    category: str
    source: str
    text: str
    #: The entity a partial mention stands for ("De Boer" for "Marieke de Boer"); else "".
    canonical: str = ""


def label_language(language: str | None) -> str:
    """The vocabulary of the surrogates: Dutch for Dutch projects, English for the rest."""
    return "nl" if (language or "").casefold().startswith("nl") else "en"


def normalise(text: str) -> str:
    """The form two mentions of one entity share: case and spacing do not matter."""
    return " ".join(text.split()).casefold()
