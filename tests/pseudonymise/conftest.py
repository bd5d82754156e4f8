"""A small study to pseudonymise: the Dutch and English sample interviews as transcripts,
respondent attributes holding names and organisations, codings (one with a memo naming
people) and a document memo; built once, copied fresh for every test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from codebench.services.codebook.edits import add_code
from codebench.services.coding.actions import apply_code_to_span
from codebench.services.documents.importing import ImportOptions, import_files
from codebench.services.documents.respondents import import_attributes
from codebench.services.memos import set_memo
from codebench.services.project import Project, init_project, open_project
from codebench.storage import models

from .samples import sample

CODER = "anna"
ATTRIBUTES = """label,interview,speaker,name,organisation,organisation_type,role
Respondent 1,marieke,Marieke de Boer,Marieke de Boer,Provincie Overijssel,provincie,adviseur
Sarah Whitfield,sarah,Sarah Whitfield,Sarah Whitfield,Kent County Council,county,digital lead
"""
#: Names the attributes hold: each must be gone from the project after pseudonymisation.
ATTRIBUTE_NAMES = (
    "Marieke de Boer",
    "Provincie Overijssel",
    "Sarah Whitfield",
    "Kent County Council",
)
#: Passages coded in the template: (document, first words, last words).
PASSAGES = (
    ("marieke", "Via mijn collega", "meteen interessant"),
    ("marieke", "Dat was Sander Bakker", "06-24681357"),
    ("marieke", "Begin klein", "dag één"),
    ("marieke", "Sander Bakker", "Sander Bakker"),
    ("sarah", "Through my colleague", "straight away"),
    ("sarah", "Start small", "day one"),
)
MEMO = "Marieke de Boer noemt Pieter Jansen uit Zwolle"


@dataclass(frozen=True)
class Study:
    project: Project
    location: Path


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pseudonymise-template")
    for file_name, sample_name in (
        ("marieke.txt", "sample_nl.txt"),
        ("sarah.txt", "sample_en.txt"),
    ):
        (folder / file_name).write_text(sample(sample_name).text, encoding="utf-8")
    (folder / "respondents.csv").write_text(ATTRIBUTES, encoding="utf-8")
    location = folder / "study.codebench"
    with init_project(location, "Studie Marieke de Boer") as project:
        files = [folder / "marieke.txt", folder / "sarah.txt"]
        outcomes = import_files(project, files, ImportOptions(actor="setup"))
        assert all(o.error is None for o in outcomes), outcomes
        import_attributes(project, folder / "respondents.csv", actor="setup")
        code = add_code(project, "Samenwerking", actor="setup")
        texts = document_texts(project)
        ids = document_ids(project)
        for document, first, last in PASSAGES:
            text = texts[document]
            start = text.index(first)
            end = text.index(last, start) + len(last)
            memo = MEMO if first == "Via mijn collega" else None
            apply_code_to_span(project, ids[document], code, CODER, start, end, memo=memo)
        set_memo(project, "document", ids["marieke"], "Zie ook Zwolle en Pieter Jansen", CODER)
    return location


@pytest.fixture
def study(template: Path, tmp_path: Path) -> Iterator[Study]:
    location = tmp_path / "study.codebench"
    shutil.copy(template, location)
    with open_project(location) as project:
        yield Study(project, location)


def document_texts(project: Project) -> dict[str, str]:
    with project.reading() as session:
        return dict(session.execute(select(models.Document.name, models.Document.text)).all())


def document_ids(project: Project) -> dict[str, int]:
    with project.reading() as session:
        return dict(session.execute(select(models.Document.name, models.Document.id)).all())
