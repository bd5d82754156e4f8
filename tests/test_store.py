"""The project store on a real SQLite file and on the real PostgreSQL server."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from sqlalchemy import select, text

from codebench.errors import InputError, ProjectError
from codebench.services.documents.importing import ImportOptions, import_file
from codebench.services.documents.overview import document_view, project_summary
from codebench.services.project import Project, init_project, open_project
from codebench.services.viewer import Viewer
from codebench.storage import models
from helpers.docx_files import write_docx

EVERYONE = Viewer.everyone()

DUTCH_INTERVIEW = [
    "Interview 3 – gemeente",
    ("Interviewer", "Welkom! Wat doet u precies bij de gemeente?"),
    ("Respondent 1", "Ik ben adviseur 😀 bij team Innovatie. We testen een chatbot."),
    ("Respondent 2", "En ik coördineer de pilots. Het café-overleg helpt ons écht."),
    ("Interviewer", "Wat hielp het meest?"),
    ("Respondent 1", "De wethouder steunde ons. Dat gaf ruimte om te experimenteren."),
]


def test_import_stores_text_speakers_turns_and_sentences(project: Project, tmp_path: Path) -> None:
    path = write_docx(tmp_path / "interview_03.docx", DUTCH_INTERVIEW)

    doc = import_file(project, path, ImportOptions(actor="tester"))

    assert doc.name == "interview_03"
    assert doc.language == "nl"
    assert doc.speakers == ("Interviewer", "Respondent 1", "Respondent 2")
    view = document_view(project, "interview_03")
    speech = [(t.speaker, view.text[t.speech_start : t.end]) for t in view.turns]
    assert speech[2] == (
        "Respondent 1",
        "Ik ben adviseur 😀 bij team Innovatie. We testen een chatbot.",
    )
    # Offsets are code points: the emoji counts as one character.
    sentences = [s.text for t in view.turns for s in t.sentences]
    assert "We testen een chatbot." in sentences
    assert "Het café-overleg helpt ons écht." in sentences
    for turn in view.turns:
        for sentence in turn.sentences:
            assert turn.speech_start <= sentence.start < sentence.end <= turn.end
            assert view.text[sentence.start : sentence.end] == sentence.text
    # Labels are in the text but never inside a turn's speech.
    assert view.text[view.turns[1].start : view.turns[1].speech_start] == "Interviewer: "

    summary = project_summary(project, viewer=EVERYONE)
    assert (summary.documents, summary.respondents, summary.interviewers) == (1, 2, 1)
    assert summary.turns == 6
    with project.reading() as session:
        event = session.scalars(select(models.Event)).one()
        assert (event.actor, event.action, event.entity) == ("tester", "import", "document")


def test_reimporting_the_same_file_is_refused(project: Project, tmp_path: Path) -> None:
    path = write_docx(tmp_path / "a.docx", DUTCH_INTERVIEW)
    import_file(project, path, ImportOptions())
    copy = tmp_path / "copy-of-a.docx"
    copy.write_bytes(path.read_bytes())

    with pytest.raises(InputError, match="already imported as document 'a'"):
        import_file(project, copy, ImportOptions())
    assert project_summary(project, viewer=EVERYONE).documents == 1


def test_same_name_different_content_gets_a_distinct_name(project: Project, tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    first = write_docx(tmp_path / "one" / "int.docx", DUTCH_INTERVIEW)
    second = write_docx(tmp_path / "two" / "int.docx", DUTCH_INTERVIEW[:3])
    names = [import_file(project, p, ImportOptions()).name for p in (first, second)]
    assert names == ["int", "int (2)"]


def test_a_failing_file_leaves_the_project_unchanged(project: Project, tmp_path: Path) -> None:
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(InputError, match=r"broken\.docx"):
        import_file(project, bad, ImportOptions())
    with project.reading() as session:
        assert session.scalar(select(models.Document.id)) is None
        assert session.scalar(select(models.Event.id)) is None


def test_sqlite_file_is_private_and_configured(sqlite_location: str) -> None:
    with init_project(sqlite_location) as project:
        with project.transaction() as session:
            session.add(models.Coder(name="anna"))
        path = Path(sqlite_location)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        wal = path.with_name(path.name + "-wal")
        assert not wal.exists() or stat.S_IMODE(wal.stat().st_mode) == 0o600
        with project.engine.connect() as conn:
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 30000


def test_foreign_keys_are_enforced(project: Project) -> None:
    with pytest.raises(Exception, match=r"(?i)foreign key"), project.transaction() as session:
        session.add(models.Speaker(document_id=999, label="x", role="respondent"))
        session.flush()


def test_open_refuses_missing_and_foreign_files(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="no such project file"):
        open_project(tmp_path / "nope.codebench")
    other = tmp_path / "notes.codebench"
    other.write_text("just some notes")
    with pytest.raises(ProjectError, match="not a codebench project"):
        open_project(other)


def test_init_refuses_an_existing_file(sqlite_location: str) -> None:
    init_project(sqlite_location).close()
    with pytest.raises(ProjectError, match="already exists"):
        init_project(sqlite_location)


def test_init_refuses_a_non_empty_postgres_database(pg_location: str) -> None:
    init_project(pg_location).close()
    with pytest.raises(ProjectError, match="not empty"):
        init_project(pg_location)
    with open_project(pg_location) as project:
        assert project_summary(project, viewer=EVERYONE).documents == 0
