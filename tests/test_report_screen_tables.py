"""Report tables as the TUI receives them (``services.reports.screen``), and an export that
refuses to replace a file unless told to (``replace=False``, as the reports screen asks first).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from codebench.services.codebook.edits import add_code
from codebench.services.coding.by_name import Location, apply_code
from codebench.services.project import Project
from codebench.services.reports.data import load_report_data
from codebench.services.reports.export import FilesExist, export_tables
from codebench.services.reports.screen import screen_table
from codebench.services.viewer import Viewer
from helpers.two_interviews import import_two_interviews

EVERYONE = Viewer.everyone()
DOC_A = "Interviewer: Wat speelt er?\n\nRespondent 1: Eén. Twee. Drie.\n\nRespondent 2: Vier.\n"
DOC_B = "I: Vraag?\n\nR: Zeven. Acht.\n"


@pytest.fixture
def study(project: Project, tmp_path: Path) -> Project:
    import_two_interviews(
        project,
        tmp_path,
        DOC_A,
        DOC_B,
        "label,interview,speaker,organisation_type\n"
        "Respondent 1,A,Respondent 1,gemeente\nRespondent 2,A,Respondent 2,gemeente\n"
        "Respondent 3,B,R,provincie\n",
    )
    add_code(project, "G1")
    add_code(project, "a", parent="G1")
    add_code(project, "b", parent="G1")
    apply_code(project, "A", "a", "anna", Location(quote="Twee. Drie."))
    apply_code(project, "A", "b", "anna", Location(quote="Vier."))
    apply_code(project, "B", "a", "anna", Location(quote="Zeven."), exemplar=True)
    return project


def test_themes_on_screen_mark_counts_groups_and_paths(study: Project) -> None:
    table = screen_table(load_report_data(study, viewer=EVERYONE), "themes")
    headers = [column.header for column in table.columns]
    assert headers[0] == "code" and table.columns[0].label and not table.columns[0].count
    assert all(column.count for column in table.columns[1:])
    first, second = table.rows[:2]
    assert (first.cells[0], first.bold, first.about) == ("G1", True, "G1")
    assert (second.cells[0].strip(), second.bold, second.about) == ("a", False, "G1 > a")
    assert second.cells[headers.index("respondents")] == "2"
    assert [(bar.name, bar.path, bar.respondents) for bar in table.bars] == [
        ("a", "G1 > a", 2),
        ("b", "G1 > b", 1),
    ]
    # One coder in the project: the tables count hers and say so (apart from the filters).
    assert table.coders == "anna" and "coders" not in table.filters


def test_quotes_on_screen_know_where_their_passage_starts(study: Project) -> None:
    data = load_report_data(study, viewer=EVERYONE)
    table = screen_table(data, "quotes")
    long = [column for column in table.columns if column.long]
    assert [column.header for column in long] == ["quote"]
    starred = next(row for row in table.rows if row.cells[2].startswith("★"))
    passages = data.passages
    start = int(passages[passages["text"].str.strip() == "Zeven."]["start"].iloc[0])
    assert starred.about == "G1 > a" and starred.place == ("B", start)


def test_an_export_that_would_replace_a_file_writes_nothing_unless_told(
    study: Project, tmp_path: Path
) -> None:
    target = tmp_path / "report.md"
    target.write_text("mine\n", encoding="utf-8")
    with pytest.raises(FilesExist) as refused:
        export_tables(study, target, viewer=EVERYONE, replace=False)
    assert refused.value.paths == [target] and "report.md exists already" in str(refused.value)
    assert target.read_text(encoding="utf-8") == "mine\n"
    several = tmp_path / "tables.csv"
    (tmp_path / "tables-themes.csv").write_text("mine\n", encoding="utf-8")
    with pytest.raises(FilesExist) as csv_refused:
        export_tables(study, several, viewer=EVERYONE, replace=False)
    assert [p.name for p in csv_refused.value.paths] == ["tables-themes.csv"]
    assert export_tables(study, target, viewer=EVERYONE, replace=True) == [target]
    assert target.read_text(encoding="utf-8").startswith("#")
