"""Speakers corrected after import: rename, merge, role, link, a turn's speaker, --alternate.

Each edit changes what the reports attribute to whom, keeps codings on their text, and is
taken back by undo (and made again by redo), on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from codebench.errors import CodebenchError
from codebench.services.codebook.edits import add_code
from codebench.services.coding.by_name import Location, apply_code, list_codings
from codebench.services.coding.history import redo, undo
from codebench.services.documents.importing import ImportOptions, import_file
from codebench.services.documents.overview import document_view, list_document_names
from codebench.services.documents.speakers import (
    link_speaker,
    list_speakers,
    merge_speakers,
    rename_speaker,
    set_speaker_role,
    set_turn_speaker,
)
from codebench.services.project import Project
from codebench.services.reports.build import build_report
from codebench.services.viewer import Viewer

ANNA = "anna"
EVERYONE = Viewer(ANNA)

LABELLED = """\
Interviewer: Hoe begon het project?
Respondent: We begonnen in 2023 met een pilot. Het was spannend.
Interviewer: En wat ging er mis?
Respondent: De budgetten waren te krap. Ook de tijd.
Jan: Mag ik iets toevoegen?
Jan: Het was vooral de planning.
"""

UNLABELLED = """\
Hoe begon het project?

We begonnen in 2023 met een pilot. Het was spannend.

En wat ging er mis?

De budgetten waren te krap. Ook de tijd.
"""


@pytest.fixture
def labelled(project: Project, tmp_path: Path) -> str:
    path = tmp_path / "gesprek.txt"
    path.write_text(LABELLED, encoding="utf-8")
    name = import_file(project, path, ImportOptions()).name
    add_code(project, "Budget", actor=ANNA)
    add_code(project, "Planning", actor=ANNA)
    apply_code(project, name, "Budget", ANNA, Location(quote="De budgetten waren te krap."))
    apply_code(project, name, "Planning", ANNA, Location(quote="Het was vooral de planning."))
    return name


def _speakers(project: Project, name: str) -> dict[str, tuple[str, str | None, int]]:
    return {
        row.label: (row.role, row.respondent, row.turns) for row in list_speakers(project, name)
    }


def _respondent_columns(project: Project) -> list[str]:
    frame = build_report(project, "respondents", viewer=EVERYONE).frame
    names = [column[0] if isinstance(column, tuple) else column for column in frame.columns]
    return [str(name) for name in names if name not in ("code", "total")]


def _coded_speakers(project: Project) -> dict[str, str | None]:
    return {row.coding.code_path: row.speaker for row in list_codings(project, viewer=EVERYONE)}


def test_merge_moves_the_turns_and_the_codings_and_undo_brings_the_label_back(
    project: Project, labelled: str
) -> None:
    before = _speakers(project, labelled)
    assert before["Jan"] == ("respondent", "Jan", 2)
    assert "Jan" in _respondent_columns(project)
    text_before = document_view(project, labelled).text

    merge_speakers(project, labelled, "jan", "Respondent", actor=ANNA)

    after = _speakers(project, labelled)
    assert "Jan" not in after
    assert after["Respondent"][2] == 4
    assert _coded_speakers(project) == {"Budget": "Respondent", "Planning": "Respondent"}
    assert _respondent_columns(project) == [f"{labelled} / Respondent"]
    assert document_view(project, labelled).text == text_before  # the text never changes

    step = undo(project, ANNA)
    assert step.changed == "speakers"
    assert _speakers(project, labelled) == before
    assert _coded_speakers(project)["Planning"] == "Jan"
    redo(project, ANNA)
    assert "Jan" not in _speakers(project, labelled)


def test_an_interviewer_detected_as_respondent_leaves_the_reports_when_fixed(
    project: Project, labelled: str
) -> None:
    set_speaker_role(project, labelled, "Jan", "interviewer", actor=ANNA)

    assert _speakers(project, labelled)["Jan"] == ("interviewer", None, 2)
    assert "Jan" not in _respondent_columns(project)

    undo(project, ANNA)
    assert "Jan" in _respondent_columns(project)


def test_rename_follows_the_automatic_respondent_and_link_names_a_person(
    project: Project, labelled: str
) -> None:
    rename_speaker(project, labelled, "Respondent", "Anna de Vries", actor=ANNA)
    assert _speakers(project, labelled)["Anna de Vries"] == ("respondent", "Anna de Vries", 2)
    assert _coded_speakers(project)["Budget"] == "Anna de Vries"

    link_speaker(project, labelled, "Jan", "Respondent 5", actor=ANNA)
    assert _speakers(project, labelled)["Jan"][1] == "Respondent 5"
    assert sorted(_respondent_columns(project)) == ["Anna de Vries", "Respondent 5"]

    undo(project, ANNA)
    undo(project, ANNA)
    assert _speakers(project, labelled)["Respondent"][1] == f"{labelled} / Respondent"


def test_refusals_name_the_problem_and_change_nothing(project: Project, labelled: str) -> None:
    before = _speakers(project, labelled)
    with pytest.raises(CodebenchError, match="no speaker 'Piet' in gesprek"):
        rename_speaker(project, labelled, "Piet", "Jan", actor=ANNA)
    with pytest.raises(CodebenchError, match="already has a speaker 'Jan': merge"):
        rename_speaker(project, labelled, "Respondent", "jan", actor=ANNA)
    with pytest.raises(CodebenchError, match="unknown role"):
        set_speaker_role(project, labelled, "Jan", "chair", actor=ANNA)
    with pytest.raises(CodebenchError, match="same speaker"):
        merge_speakers(project, labelled, "Jan", "JAN", actor=ANNA)
    assert _speakers(project, labelled) == before


def test_unlabelled_paragraphs_get_a_speaker_from_a_turn_onwards(
    project: Project, tmp_path: Path
) -> None:
    path = tmp_path / "los.txt"
    path.write_text(UNLABELLED, encoding="utf-8")
    name = import_file(project, path, ImportOptions()).name
    turns = document_view(project, name).turns
    assert [t.speaker for t in turns] == [None] * 4

    document_id = dict((n, i) for i, n in list_document_names(project))[name]

    set_turn_speaker(project, document_id, turns[1].start, "Respondent", actor=ANNA)
    assert [t.speaker for t in document_view(project, name).turns] == [None, *["Respondent"] * 3]

    change = set_turn_speaker(project, document_id, turns[2].start, "Interviewer", actor=ANNA)
    assert change.turns == 1  # the turn after it has a speaker now: it stays
    set_turn_speaker(project, document_id, turns[0].start, "interviewer", actor=ANNA)
    view = document_view(project, name)
    assert [t.speaker for t in view.turns] == [
        "Interviewer",
        "Respondent",
        "Interviewer",
        "Respondent",
    ]
    assert [t.role for t in view.turns] == ["interviewer", "respondent"] * 2

    for _ in range(3):
        undo(project, ANNA)
    assert [t.speaker for t in document_view(project, name).turns] == [None] * 4
    assert list_speakers(project, name) == []


def test_alternate_gives_unlabelled_paragraphs_speakers_in_turn(
    project: Project, tmp_path: Path
) -> None:
    path = tmp_path / "los.txt"
    path.write_text(UNLABELLED, encoding="utf-8")
    options = ImportOptions(alternate=("Interviewer", "Respondent"))

    doc = import_file(project, path, options)

    assert doc.speakers == ("Interviewer", "Respondent")
    view = document_view(project, doc.name)
    assert [t.speaker for t in view.turns] == ["Interviewer", "Respondent"] * 2
    assert view.text[view.turns[1].speech_start : view.turns[1].end].startswith("We begonnen")


def test_alternate_gives_repeated_paragraphs_speakers_in_turn_too(
    project: Project, tmp_path: Path
) -> None:
    path = tmp_path / "kort.txt"
    path.write_text("Ja.\n\nJa.\n\nGoed.\n\nDank je.\n", encoding="utf-8")

    doc = import_file(project, path, ImportOptions(alternate=("I", "R")))

    assert [t.speaker for t in document_view(project, doc.name).turns] == ["I", "R"] * 2
