"""CSV, Markdown and JSON of one report table: what a reader or a script finds in them."""

from __future__ import annotations

import csv
import json
import stat
from pathlib import Path

from codebench.exports.frames import layout
from codebench.exports.labels import words
from codebench.exports.tabular import to_csv, to_json, to_markdown
from codebench.reports import tables
from codebench.reports.model import ReportData, ReportTable


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_markdown_has_title_filters_pipe_table_percentages_and_notes(themes: ReportTable) -> None:
    text = to_markdown(themes)
    lines = text.splitlines()
    assert lines[0] == "## Theme frequencies"
    assert "- coders: coder1" in lines
    assert "- respondents: all respondents" in lines
    header = next(line for line in lines if line.startswith("| group"))
    assert header.split(" | ")[1:3] == ["code", "path"]
    rule = lines[lines.index(header) + 1]
    assert "---:" in rule  # numbers right-aligned
    budget = next(line for line in lines if "| Budget |" in line)
    cells = [cell.strip() for cell in budget.strip("|").split("|")]
    assert cells[-2:] == ["75%", "1"]  # share as a percentage; the interviewer's own column
    assert "*4 respondents in scope; share = respondents / 4.*" in lines


def test_markdown_and_csv_of_a_report_are_in_its_language(tmp_path: Path, data: ReportData) -> None:
    nl = words("nl")
    text = to_markdown(tables.theme_frequencies(data), said=nl)
    lines = text.splitlines()
    assert lines[0] == "## Aantal respondenten per thema"
    assert "- Codeurs: coder1" in lines
    assert "- Respondenten: alle respondenten" in lines
    assert lines[lines.index("- Respondenten: alle respondenten") + 2].startswith(
        "| Groep | Thema | Pad | Niveau | Coderingen | Interviews | Respondenten | Aandeel |"
    )
    assert "| Succesfactoren | Succesfactoren | Succesfactoren | groep |" in text
    assert "*4 respondenten in de selectie; aandeel = respondenten / 4.*" in lines
    matrix = to_markdown(tables.code_by_respondent(data), said=nl)
    header = next(line for line in matrix.splitlines() if line.startswith("| Thema"))
    assert header.rstrip(" |").endswith("Totaal")
    path = to_csv(tables.attribute_table(data, "organisation_type"), tmp_path / "t.csv", nl)
    rows = list(csv.reader(path.open(encoding="utf-8")))
    assert rows[0] == ["Type organisatie", "Interviews", "Respondenten"]
    assert rows[-1] == ["Totaal", "3", "4"]


def test_markdown_stacks_multiindex_levels_and_escapes_pipes(data: ReportData) -> None:
    text = to_markdown(tables.code_by_respondent(data))
    header = next(line for line in text.splitlines() if line.startswith("| code"))
    assert "Respondent 2<br>provincie" in header
    assert header.rstrip(" |").endswith("total")
    frame = tables.theme_frequencies(data).frame.copy()
    frame.loc[0, "code"] = "a | b"
    odd = ReportTable("themes", "T", frame, {})
    assert "a \\| b" in to_markdown(odd)


def test_csv_keeps_numbers_and_flattens_levels(tmp_path: Path, data: ReportData) -> None:
    path = to_csv(tables.theme_frequencies(data), tmp_path / "themes.csv")
    assert mode(path) == 0o600
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    budget = next(row for row in rows if row["code"] == "Budget")
    assert budget["share"] == "0.75"
    assert budget["respondents"] == "3"
    matrix = to_csv(tables.code_by_respondent(data), tmp_path / "matrix.csv")
    with matrix.open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert header[0] == "code"
    assert "Respondent 10 (agentschap)" in header
    # Natural order: Respondent 2 before Respondent 10.
    assert header.index("Respondent 2 (provincie)") < header.index("Respondent 10 (agentschap)")


def test_json_has_records_title_filters_notes_and_levels(data: ReportData) -> None:
    themes = json.loads(to_json(tables.theme_frequencies(data)))
    assert themes["title"] == "Theme frequencies"
    assert themes["filters"]["codes"] == "all codes"
    assert themes["notes"]
    budget = next(r for r in themes["records"] if r["code"] == "Budget")
    assert budget["share"] == 0.75 and budget["codings"] == 3
    matrix = json.loads(to_json(tables.code_by_respondent(data)))
    assert matrix["columns"][:2] == ["code", "Respondent 1"]
    assert matrix["column_levels"]["Respondent 10"]["organisation_type"] == "agentschap"
    first = matrix["records"][0]
    assert first["code"] == "Succesfactoren" and first["total"] == 4


def test_layout_reads_index_levels_and_group_rows(data: ReportData) -> None:
    shape = layout(tables.code_by_respondent(data).frame)
    assert shape.label_columns == 1
    # Level names beside the header rows, then the row labels' name above them.
    assert [row[0] for row in shape.header] == ["respondent", "organisation_type", "code"]
    assert shape.header[0][1] == "Respondent 1"
    assert shape.emphasised_rows == {0, 3}  # the two groups
    themes = layout(tables.theme_frequencies(data).frame)
    assert themes.label_columns == 0
    assert themes.share_columns == {7}
    totals = layout(tables.attribute_table(data, "organisation_type").frame)
    assert totals.emphasised_rows == {3}
