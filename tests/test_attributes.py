"""Respondent attributes from CSV: by label, linking generic speakers, all-or-nothing errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from codebench.errors import InputError
from codebench.services.documents.importing import ImportOptions, import_file
from codebench.services.documents.overview import project_summary
from codebench.services.documents.respondents import import_attributes
from codebench.services.project import Project
from codebench.services.viewer import Viewer
from codebench.storage import models


@pytest.fixture
def two_interviews(project: Project, tmp_path: Path) -> Project:
    (tmp_path / "interview_01.txt").write_text(
        "Interviewer: Wie bent u?\n\nRespondent 1: Adviseur.\n\nRespondent 2: Jurist.\n"
        "\nRespondent 1: En verder niets.\n",
        encoding="utf-8",
    )
    (tmp_path / "interview_02.txt").write_text(
        "I: Wie bent u?\n\nR: Beleidsmedewerker bij de provincie.\n\nI: Dank u.\n\nR: Graag.\n",
        encoding="utf-8",
    )
    for name in ("interview_01.txt", "interview_02.txt"):
        import_file(project, tmp_path / name, ImportOptions())
    return project


def _attributes(project: Project) -> dict[str, dict[str, str]]:
    with project.reading() as session:
        rows = session.execute(
            select(
                models.Respondent.label,
                models.RespondentAttribute.name,
                models.RespondentAttribute.value,
            ).join(models.RespondentAttribute)
        ).all()
    result: dict[str, dict[str, str]] = {}
    for label, name, value in rows:
        result.setdefault(label, {})[name] = value
    return result


def test_attributes_by_label_and_linked_speaker(two_interviews: Project, tmp_path: Path) -> None:
    csv_file = tmp_path / "respondents.csv"
    csv_file.write_text(
        "label,interview,speaker,Organisation type,role\n"
        "Respondent 1,interview_01,Respondent 1,gemeente,adviseur\n"
        "Respondent 2,,,gemeente,jurist\n"
        "Respondent 3,interview_02,R,provincie,beleidsmedewerker\n",
        encoding="utf-8",
    )
    result = import_attributes(two_interviews, csv_file)

    assert result.respondents == 3
    assert result.attributes == ("organisation_type", "role")
    assert result.linked_speakers == 1
    assert _attributes(two_interviews) == {
        "Respondent 1": {"organisation_type": "gemeente", "role": "adviseur"},
        "Respondent 2": {"organisation_type": "gemeente", "role": "jurist"},
        "Respondent 3": {"organisation_type": "provincie", "role": "beleidsmedewerker"},
    }
    summary = project_summary(two_interviews, viewer=Viewer.everyone())
    # The placeholder "interview_02 / R" gave way to Respondent 3.
    assert summary.respondents == 3
    assert summary.respondent_attributes["organisation_type"] == {"gemeente": 2, "provincie": 1}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("label,role\nRespondent 1,a\nRespondent 9,b\n", r":3: unknown respondent 'Respondent 9'"),
        ("name,role\nRespondent 1,a\n", r":1: no 'label' column"),
        (
            "label,interview,speaker,role\nRespondent 1,interview_77,X,a\n",
            r":2: unknown interview 'interview_77'",
        ),
        (
            "label,interview,speaker,role\nRespondent 5,interview_02,Q,a\n",
            r":2: no speaker 'Q' in interview 'interview_02'",
        ),
        ("label,role\nRespondent 1,a,extra\n", r":2: expected 2 columns, found 3"),
        ("label,role\n", r": no respondent rows"),
    ],
)
def test_bad_csv_names_file_and_line_and_changes_nothing(
    two_interviews: Project, tmp_path: Path, content: str, message: str
) -> None:
    csv_file = tmp_path / "respondents.csv"
    csv_file.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=r"respondents\.csv" + message):
        import_attributes(two_interviews, csv_file)
    assert _attributes(two_interviews) == {}
    with two_interviews.reading() as session:
        assert (
            session.scalar(
                select(models.Event.id).where(models.Event.action == "import_attributes")
            )
            is None
        )
