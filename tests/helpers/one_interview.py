"""One short Dutch interview with one code, "Druk": the start of the workbench tests that code,
undo and redo by hand, and where its sentences lie."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from codebench.services.codebook.edits import add_code
from codebench.services.documents.importing import ImportOptions, import_file
from codebench.services.project import Project
from codebench.storage import models

TEXT = (
    "Interviewer: Waarom GenAI?\n\n"
    "Respondent 1: Iedereen wilde het. De wethouder duwde. Er was geen geld.\n"
)


def one_interview(project: Project, folder: Path) -> tuple[Project, int, int]:
    """Import :data:`TEXT` as doc.txt and add the code; the project, document id and code id."""
    (folder / "doc.txt").write_text(TEXT, encoding="utf-8")
    import_file(project, folder / "doc.txt", ImportOptions())
    code_id = add_code(project, "Druk", colour="#aa3355")
    with project.reading() as session:
        doc_id = session.scalar(select(models.Document.id))
    assert doc_id is not None
    return project, doc_id, code_id


def span(sentence: str) -> tuple[int, int]:
    """Where ``sentence`` lies in :data:`TEXT`."""
    start = TEXT.index(sentence)
    return start, start + len(sentence)
