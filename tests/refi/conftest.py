"""A small study with two coders, accents, emoji, memos and respondents, for REFI-QDA tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from codebench.services.codebook.edits import add_code
from codebench.services.coding.by_name import Location, apply_code
from codebench.services.memos import set_memo
from codebench.services.project import Project
from codebench.storage import models
from helpers.refi_study import CODINGS, DOC_A, DOC_B
from helpers.two_interviews import import_two_interviews


@pytest.fixture
def study(sqlite_project: Project, tmp_path: Path) -> Project:
    project = sqlite_project
    import_two_interviews(
        project,
        tmp_path,
        DOC_A,
        DOC_B,
        "label,interview,speaker,organisation_type,rol\n"
        "Respondent 1,A,Respondent 1,gemeente,beleid\n"
        "Respondent 2,A,Respondent 2,gemeente,ict\n"
        "Respondent 3,B,R,provincie,ict\n",
    )
    add_code(project, "G1", description="Groep één", colour="#aa00cc")
    add_code(project, "a", parent="G1", inclusion="Als het goed ging", example="café")
    add_code(project, "b", parent="G1")
    code_g2 = add_code(project, "G2")
    add_code(project, "c", parent="G2")
    for document, code, coder, quote, memo in CODINGS:
        apply_code(project, document, code, coder, Location(quote=quote), memo=memo)
    with project.reading() as session:
        doc_a = session.scalar(select(models.Document.id).where(models.Document.name == "A"))
    set_memo(project, "project", None, "Projectmemo ✓", "anna")
    set_memo(project, "document", doc_a, "Over interview A", "ben")
    set_memo(project, "code", code_g2, "Over G2", "anna")
    return project
