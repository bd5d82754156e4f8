"""What pseudonymisation reads from a project: the documents, and the names it always replaces.

The project's own list is every name the project holds outside the text: respondent labels
that are names, the identifying attributes imported from the CSV (a column called name,
naam, organisation, organisatie, employer, place, e-mail, phone ...), speaker labels that are
names, and the words the user included. Labels that only say a role ("Respondent 5", "R",
"Interviewer") are not names.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebench.errors import CodebenchError
from codebench.pseudonymise.known import Known
from codebench.pseudonymise.model import (
    CATEGORY_NAMES,
    EMAIL,
    ORGANISATION,
    PERSON,
    PHONE,
    PLACE,
    label_language,
)
from codebench.pseudonymise.rules import GENERIC_LABELS
from codebench.services.documents.overview import find_document
from codebench.services.documents.speakers import DOCUMENT_LOCAL_LABELS, INTERVIEWER_LABELS
from codebench.storage import models

#: Attribute columns (as ``attributes import`` names them) whose values identify someone.
IDENTIFYING_ATTRIBUTES = {
    **dict.fromkeys(
        "name naam full_name volledige_naam voornaam achternaam first_name last_name surname "
        "respondent_name naam_respondent".split(),
        PERSON,
    ),
    **dict.fromkeys(
        "organisation organization organisatie organisation_name organisatienaam employer "
        "werkgever company bedrijf".split(),
        ORGANISATION,
    ),
    **dict.fromkeys("place plaats woonplaats city stad residence".split(), PLACE),
    **dict.fromkeys("email e_mail mail emailadres".split(), EMAIL),
    **dict.fromkeys("phone telefoon telefoonnummer tel phone_number".split(), PHONE),
}
ACTION = "pseudonymise"


@dataclass(frozen=True)
class Source:
    """One document as it is read before detection."""

    id: int
    name: str
    text: str
    language: str


def read_documents(session: Session, names: Sequence[str]) -> list[Source]:
    """The documents called ``names`` (all of them when empty), in the order given."""
    if names:
        rows = [find_document(session, name) for name in dict.fromkeys(names)]
    else:
        rows = list(session.scalars(select(models.Document).order_by(models.Document.name)))
    if not rows:
        raise CodebenchError("the project holds no documents to pseudonymise")
    return [Source(d.id, d.name, d.text, d.language) for d in rows]


def removed_documents(session: Session) -> list[Source]:
    """The documents removed from the project whose text the log keeps (for undo): their
    names are found too, so the log can be rewritten without them."""
    present = set(session.scalars(select(models.Document.id)))
    removed = []
    events = session.execute(
        select(models.Event.id, models.Event.entity_id, models.Event.data).where(
            models.Event.entity == "document"
        )
    )
    for event_id, document_id, data in events:
        snapshot = data.get("document") if isinstance(data, dict) else None
        if document_id in present or not isinstance(snapshot, dict):
            continue
        meta = snapshot.get("meta")
        if isinstance(meta, dict) and meta.get("text"):
            name = f"{snapshot.get('name', 'a document')} (removed)"
            removed.append(Source(-event_id, name, meta["text"], meta.get("language") or ""))
    return removed


def project_names(session: Session, include: dict[str, str]) -> list[Known]:
    """The project's own list: names it holds outside the text, and the words included."""
    names = [Known(word, category) for word, category in include.items()]
    labels = [
        *session.scalars(select(models.Respondent.label)),
        *session.scalars(select(models.Speaker.label).distinct()),
    ]
    names += [Known(label.strip(), PERSON) for label in labels if looks_like_name(label)]
    attributes = session.execute(
        select(models.RespondentAttribute.name, models.RespondentAttribute.value)
    ).all()
    for column, value in attributes:
        category = IDENTIFYING_ATTRIBUTES.get(column)
        if category is not None and value.strip():
            names.append(Known(value.strip(), category))
    return names


def looks_like_name(label: str) -> bool:
    """A label that names someone ("Marieke de Boer"), not a role ("Respondent 5", "R")."""
    label = label.strip()
    if not label or "/" in label or any(c.isdigit() for c in label):
        return False
    if DOCUMENT_LOCAL_LABELS.match(label) or INTERVIEWER_LABELS.match(label):
        return False
    words = label.split()
    return words[0][:1].isupper() and not any(w.casefold() in GENERIC_LABELS for w in words)


def parse_include(words: Sequence[str]) -> dict[str, str]:
    """``--include`` words: "Rijkswaterstaat" (a person unless told) or "organisatie:UWV"."""
    included = {}
    for word in words:
        head, sep, rest = word.partition(":")
        category = CATEGORY_NAMES.get(head.strip().casefold()) if sep else None
        if category is not None and rest.strip():
            included[rest.strip()] = category
        elif word.strip():
            included[word.strip()] = PERSON
        else:
            raise CodebenchError("--include needs a word")
    return included


def labels_language(session: Session) -> str:
    """The language of the surrogates: the project's, else that of most of its documents."""
    language = session.scalar(select(models.Project.language))
    if not language:
        counts = Counter(session.scalars(select(models.Document.language)))
        language = counts.most_common(1)[0][0] if counts else None
    return label_language(language)


def was_pseudonymised(session: Session) -> bool:
    """Whether a pseudonymisation was applied to this project before."""
    found = select(models.Event.id).where(models.Event.action == ACTION).limit(1)
    return session.scalar(found) is not None


WHITESPACE = re.compile(r"\s+")


def context(text: str, start: int, end: int, width: int = 40) -> tuple[str, str]:
    """The words before and after a span, on one line, for a reviewer to judge it by."""
    before = WHITESPACE.sub(" ", text[max(0, start - width) : start])
    after = WHITESPACE.sub(" ", text[end : end + width])
    return before, after
