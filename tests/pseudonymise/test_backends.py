"""Pseudonymisation on both backends: a PostgreSQL project has no file to stand beside, so its
key goes to the user's data folder, one folder per project (two projects in one database, in
schemas of their own, never share a key)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from codebench.services.codebook.edits import add_code
from codebench.services.coding.actions import apply_code_to_span
from codebench.services.documents.importing import ImportOptions, import_files
from codebench.services.documents.respondents import import_attributes
from codebench.services.project import Project
from codebench.services.pseudonymisation import pseudonymise_documents
from codebench.services.pseudonymisation.keys import key_folder, read_key
from codebench.storage import models

from .conftest import ATTRIBUTES
from .samples import sample


def _texts(project: Project) -> dict[str, str]:
    with project.reading() as session:
        return dict(session.execute(select(models.Document.name, models.Document.text)).all())


def test_pseudonymising_keeps_codings_on_their_words_on_each_backend(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    (tmp_path / "marieke.txt").write_text(sample("sample_nl.txt").text, encoding="utf-8")
    marieke_only = "".join(ATTRIBUTES.splitlines(keepends=True)[:2])
    (tmp_path / "respondents.csv").write_text(marieke_only, encoding="utf-8")
    import_files(project, [tmp_path / "marieke.txt"], ImportOptions(actor="setup"))
    import_attributes(project, tmp_path / "respondents.csv", actor="setup")
    code = add_code(project, "Samenwerking", actor="setup")
    text = _texts(project)["marieke"]
    start = text.index("Begin klein")
    end = text.index("dag één", start) + len("dag één")
    with project.reading() as session:
        document_id = session.scalars(select(models.Document.id)).one()
    apply_code_to_span(project, document_id, code, "anna", start, end)

    pseudonymise_documents(project, actor="setup")

    [after] = _texts(project).values()  # its name ("marieke") is a name too, and replaced
    assert "Marieke de Boer" not in after and "Sander Bakker" not in after
    with project.reading() as session:
        coding = session.scalars(select(models.Coding)).one()
    assert after[coding.start : coding.end].startswith("Begin klein")
    assert after[coding.start : coding.end].endswith("dag één")
    folder = key_folder(project)
    key = read_key(folder)
    assert key is not None and "Marieke de Boer" in str(key.to_json())
    assert folder.stat().st_mode & 0o777 == 0o700
    if project.file is None:
        assert folder.is_relative_to(tmp_path / "data")


def test_two_projects_in_one_database_keep_their_keys_apart() -> None:
    base = "postgresql+psycopg://coder:secret@db.example/study"
    first = Project(f"{base}?options=-csearch_path%3Dteam_a")
    second = Project(f"{base}?options=-csearch_path%3Dteam_b")
    try:
        assert key_folder(first) != key_folder(second)
        assert "secret" not in str(key_folder(first))
    finally:
        first.engine.dispose()
        second.engine.dispose()
