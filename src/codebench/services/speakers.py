"""Who a speaker label is: the interviewer or a respondent, and which respondent (case).

Respondents are project-wide so that "Respondent 4" is one person in every table. Labels that
only say "someone" ("R", "Speaker 1", "P2") mean a different person in every transcript, so
their respondent is named after the document until an attributes CSV links them to a person.
"""

from __future__ import annotations

import re

INTERVIEWER_LABELS = re.compile(
    r"^(i|int|interviewer|interviewster|interviewer \d+|onderzoeker|moderator|q|vraag)$",
    re.IGNORECASE,
)
DOCUMENT_LOCAL_LABELS = re.compile(
    r"^(r|b|a|p\d*|respondent|interviewee|geïnterviewde|(speaker|spreker|deelnemer) ?\d*)$",
    re.IGNORECASE,
)


def speaker_role(label: str, interviewers: frozenset[str] = frozenset()) -> str:
    """'interviewer' for conventional interviewer labels or those the user named, else
    'respondent'."""
    if label.casefold() in interviewers or INTERVIEWER_LABELS.match(label.strip()):
        return "interviewer"
    return "respondent"


def respondent_label(speaker_label: str, document_name: str) -> str:
    """The project-wide respondent a speaker of a document is, before any CSV says otherwise."""
    if DOCUMENT_LOCAL_LABELS.match(speaker_label.strip()):
        return f"{document_name} / {speaker_label}"
    return speaker_label
