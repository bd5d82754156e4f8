"""A small study coded by two coders, each leaving words only they wrote (quotes they alone
coded, coding memos, a document memo, a code memo), so a test can tell whose work came back."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from codebench.services.codebook.edits import add_code
from codebench.services.coding.by_name import Location, apply_code
from codebench.services.memos import set_memo
from codebench.services.project import Project
from codebench.storage import models
from helpers.two_interviews import import_two_interviews

DOC_A = (
    "Interviewer: Hoe begon het?\n\n"
    "Respondent 1: Alfa begon met een hackathon. Bravo wilde de wethouder zelf.\n\n"
    "Respondent 2: Charlie zag vooral risico's. Delta vond het budget te klein.\n"
)
DOC_B = "I: Wat hielp?\n\nR: Echo noemt het vaste team. Foxtrot noemt de leverancier.\n"

#: Passages only coder1 coded, and words only coder1 wrote: none may reach coder2 blind.
SECRET_QUOTES = ("Alfa begon met een hackathon.", "Charlie zag vooral", "Foxtrot noemt")
SECRET_MEMOS = ("memo-van-coder1", "documentmemo-van-coder1", "codememo-van-coder1")
#: coder2's own passages and memos, which coder2 must still see.
OWN_QUOTES = ("Bravo wilde de wethouder zelf.", "Echo noemt het vaste team.")
OWN_MEMOS = ("memo-van-coder2", "documentmemo-van-coder2")

CODINGS = [  # document, code, coder, quote, memo, exemplar
    ("A", "a", "coder1", "Alfa begon met een hackathon.", "memo-van-coder1", True),
    ("A", "c", "coder1", "Charlie zag vooral risico's.", None, False),
    ("B", "b", "coder1", "Foxtrot noemt de leverancier.", None, True),
    ("A", "a", "coder2", "Bravo wilde de wethouder zelf.", "memo-van-coder2", True),
    ("B", "b", "coder2", "Echo noemt het vaste team.", None, False),
]


@dataclass(frozen=True)
class Study:
    project: Project
    doc_a: int
    doc_b: int
    code_a: int
    code_g2: int
    folder: Path  # where the study's input files are, and a test may write its exports


def build_study(project: Project, folder: Path) -> Study:
    import_two_interviews(
        project,
        folder,
        DOC_A,
        DOC_B,
        "label,interview,speaker,organisation_type\n"
        "Respondent 1,A,Respondent 1,gemeente\nRespondent 2,A,Respondent 2,provincie\n"
        "Respondent 3,B,R,gemeente\n",
    )
    add_code(project, "G1")
    code_a = add_code(project, "a", parent="G1")
    add_code(project, "b", parent="G1")
    code_g2 = add_code(project, "G2")
    add_code(project, "c", parent="G2")
    for document, code, coder, quote, memo, star in CODINGS:
        apply_code(project, document, code, coder, Location(quote=quote), memo, star)
    with project.reading() as session:
        ids = dict(session.execute(select(models.Document.name, models.Document.id)).all())
    set_memo(project, "document", ids["A"], "documentmemo-van-coder1", "coder1")
    set_memo(project, "document", ids["B"], "documentmemo-van-coder2", "coder2")
    set_memo(project, "code", code_g2, "codememo-van-coder1", "coder1")
    set_memo(project, "project", None, "projectmemo-van-coder1", "coder1")
    return Study(project, ids["A"], ids["B"], code_a, code_g2, folder)


def leaks(text: str) -> list[str]:
    """coder1's words found in ``text`` (quotes, memos, the name itself)."""
    return [s for s in (*SECRET_QUOTES, *SECRET_MEMOS, "projectmemo-van-coder1") if s in text] + (
        ["coder1"] if "coder1" in text else []
    )
