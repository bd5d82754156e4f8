"""Every report table against counts worked out by hand on a small project.

Two interviews: A with an interviewer and Respondents 1 and 2 (gemeente), B with "I" and "R",
where R is linked to Respondent 3 (provincie). Codes: G1 > a, b and G2 > c. Anna codes
(including one interviewer passage and an overlap), Ben codes three times, once inside a
passage Anna coded with the same code (so a union of the two counts that passage once).
"""

from __future__ import annotations

import string
from pathlib import Path

import pandas as pd
import pytest

from codebench.errors import CodebenchError
from codebench.reports import tables
from codebench.reports.kind import ReportOptions
from codebench.reports.model import Filters
from codebench.reports.registry import KINDS, kind_of
from codebench.services.codebook.edits import add_code
from codebench.services.coding.by_name import Location, apply_code
from codebench.services.project import Project
from codebench.services.reports import build as reports
from codebench.services.reports.data import load_report_data
from codebench.services.viewer import Viewer
from helpers.two_interviews import import_two_interviews

EVERYONE = Viewer.everyone()

DOC_A = (
    "Interviewer: Wat speelt er?\n\nRespondent 1: Eén. Twee. Drie.\n\n"
    "Respondent 2: Vier. Vijf.\n\nInterviewer: Zes.\n"
)
DOC_B = "I: Vraag?\n\nR: Zeven. Acht.\n"
CODINGS = [
    ("A", "a", "anna", "Eén.", False),
    ("A", "a", "anna", "Twee. Drie.", False),
    ("A", "b", "anna", "Twee.", False),
    ("A", "a", "anna", "Vier.", False),
    ("A", "c", "anna", "Zes.", False),
    ("B", "c", "anna", "Zeven.", True),
    ("B", "b", "anna", "Acht.", False),
    ("A", "a", "ben", "Vijf.", False),
    ("A", "c", "ben", "Drie.", False),
    ("A", "a", "ben", "Drie.", False),
]


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
    add_code(project, "G2")
    add_code(project, "c", parent="G2")
    for document, code, coder, quote, star in CODINGS:
        apply_code(project, document, code, coder, Location(quote=quote), exemplar=star)
    return project


def rows(frame: object, *columns: str) -> list[tuple[object, ...]]:
    return [tuple(r) for r in frame[list(columns)].itertuples(index=False)]  # type: ignore[index]


def test_theme_frequencies_by_hand(study: Project) -> None:
    table = tables.theme_frequencies(
        load_report_data(study, Filters(coders=("anna",)), viewer=EVERYONE)
    )
    assert rows(
        table.frame, "code", "level", "codings", "documents", "respondents", "interviewer codings"
    ) == [
        ("G1", "group", 5, 2, 3, 0),
        ("a", "code", 3, 1, 2, 0),
        ("b", "code", 2, 2, 2, 0),
        ("G2", "group", 1, 1, 1, 1),
        ("c", "code", 1, 1, 1, 1),
    ]
    assert list(table.frame["share"]) == pytest.approx([1.0, 2 / 3, 2 / 3, 1 / 3, 1 / 3])
    assert table.filters["coders"] == "anna"


def test_without_a_coder_a_report_of_two_coders_is_refused_with_the_choices(
    study: Project,
) -> None:
    """Two coders, no consensus: adding their codings up would count a passage twice, so the
    report names the coders and the choices instead of guessing."""
    with pytest.raises(CodebenchError) as refused:
        load_report_data(study, viewer=EVERYONE)
    message = str(refused.value)
    assert "anna, ben" in message and "--coder NAME" in message and "--coder all" in message
    assert "\n" not in message


def test_all_coders_are_a_union_that_counts_a_passage_once(study: Project) -> None:
    data = load_report_data(study, Filters(coders=("all",)), viewer=EVERYONE)
    both = tables.theme_frequencies(data).frame.set_index("code")
    # a: Anna's Eén., Twee. Drie., Vier. and Ben's Vijf.; Ben's Drie. lies inside Anna's
    # Twee. Drie. and is that passage again: 4, where adding the coders up gave 5.
    assert both.loc["a", "codings"] == 4 and both.loc["a", "respondents"] == 2
    # c: Ben's Drie. (Respondent 1), Anna's Zeven. (Respondent 3), Anna's Zes. (interviewer).
    assert both.loc["c", "codings"] == 2 and both.loc["c", "interviewer codings"] == 1
    assert both.loc["c", "respondents"] == 2
    assert (
        data.filters.describe()["coders"]
        == "all coders: anna + ben (union: a passage counted once)"
    )
    merged = data.passages[data.passages["text"] == "Twee. Drie."]
    assert merged[merged["code_id"] == merged["code_id"].iloc[0]]["coder"].tolist() == [
        "anna + ben"
    ]
    named = load_report_data(study, Filters(coders=("ben", "anna")), viewer=EVERYONE)
    assert named.filters.describe()["coders"] == "ben + anna (union: a passage counted once)"
    assert tables.theme_frequencies(named).frame.set_index("code").loc["a", "codings"] == 4
    with pytest.raises(CodebenchError, match="already names every coder"):
        load_report_data(study, Filters(coders=("all", "anna")), viewer=EVERYONE)


def test_the_consensus_is_the_default_and_one_coder_is_named(study: Project) -> None:
    apply_code(study, "B", "b", "consensus", Location(quote="Acht."))
    data = load_report_data(study, viewer=EVERYONE)
    assert data.filters.coders == ("consensus",)
    assert tables.theme_frequencies(data).frame.set_index("code").loc["b", "codings"] == 1
    everyone = load_report_data(study, Filters(coders=("all",)), viewer=EVERYONE)
    assert everyone.filters.coders == ("anna", "ben")  # the consensus restates them


def test_filters_narrow_every_table(study: Project) -> None:
    subtree = tables.theme_frequencies(
        load_report_data(study, Filters(coders=("anna",), code="G2"), viewer=EVERYONE)
    ).frame
    assert list(subtree["code"]) == ["G2", "c"]

    only_b = load_report_data(study, Filters(coders=("anna",), documents=("B",)), viewer=EVERYONE)
    assert len(only_b.respondents) == 1
    frame = tables.theme_frequencies(only_b).frame.set_index("code")
    assert (frame.loc["b", "respondents"], frame.loc["b", "share"]) == (1, 1.0)

    gemeente = load_report_data(
        study,
        Filters(coders=("anna",), attributes=(("organisation_type", "gemeente"),)),
        viewer=EVERYONE,
    )
    frame = tables.theme_frequencies(gemeente).frame.set_index("code")
    assert list(gemeente.respondents.index) == ["Respondent 1", "Respondent 2"]
    assert frame.loc["c", "respondents"] == 0 and frame.loc["c", "interviewer codings"] == 1
    assert frame.loc["b", "respondents"] == 1


def test_code_by_respondent_counts_and_presence(study: Project) -> None:
    data = load_report_data(study, Filters(coders=("anna",)), viewer=EVERYONE)
    counts = tables.code_by_respondent(data).frame
    assert counts.columns.names == ["respondent", "organisation_type"]
    assert list(counts.columns.get_level_values(0)) == [
        "Respondent 1",
        "Respondent 2",
        "Respondent 3",
        "total",
    ]
    assert list(counts.columns.get_level_values(1))[:3] == ["gemeente", "gemeente", "provincie"]
    assert counts.loc["G1 > a"].tolist() == [2, 1, 0, 3]
    assert counts.loc["G1 > b"].tolist() == [1, 0, 1, 2]
    assert counts.loc["G1"].tolist() == [3, 1, 1, 5]
    assert counts.loc["G2 > c"].tolist() == [0, 0, 1, 1]
    presence = tables.code_by_respondent(data, presence=True).frame
    assert presence.loc["G1"].tolist() == [1, 1, 1, 3]


def test_code_by_attribute_and_attribute_table(study: Project) -> None:
    data = load_report_data(study, Filters(coders=("anna",)), viewer=EVERYONE)
    by_type = tables.code_by_attribute(data, "organisation_type").frame
    assert list(by_type.columns) == ["gemeente (n=2)", "provincie (n=1)"]
    assert by_type.loc["G1 > a"].tolist() == [2, 0]
    assert by_type.loc["G1 > b"].tolist() == [1, 1]
    assert by_type.loc["G2 > c"].tolist() == [0, 1]
    table = tables.attribute_table(data, "organisation_type").frame
    assert rows(table, "organisation_type", "interviews", "respondents") == [
        ("gemeente", 1, 2),
        ("provincie", 1, 1),
        ("total", 2, 3),
    ]
    with pytest.raises(ValueError, match="no respondent attribute 'sector'"):
        tables.attribute_table(data, "sector")


def test_exemplar_quotes_prefer_the_star_then_the_documented_rule(study: Project) -> None:
    quotes = tables.exemplar_quotes(
        load_report_data(study, Filters(coders=("anna",)), viewer=EVERYONE)
    ).frame
    assert rows(quotes, "code", "respondent", "quote", "document", "sentences", "starred") == [
        ("G1 > a", "Respondent 1", "Twee. Drie.", "A", "3-4", False),
        ("G1 > a", "Respondent 2", "Vier.", "A", "5", False),
        ("G1 > b", "Respondent 1", "Twee.", "A", "3", False),
        ("G1 > b", "Respondent 3", "Acht.", "B", "3", False),
        ("G2 > c", "Respondent 3", "Zeven.", "B", "2", True),
    ]


def test_co_occurrence_by_unit_turn_and_overlap(study: Project) -> None:
    data = load_report_data(study, Filters(coders=("anna",)), viewer=EVERYONE)
    unit = tables.co_occurrence(data, "unit").frame
    assert (unit.at["G1 > a", "G1 > a"], unit.at["G1 > b", "G1 > b"]) == (4, 2)
    assert (unit.at["G1 > a", "G1 > b"], unit.at["G1 > b", "G1 > a"]) == (1, 1)
    assert unit.at["G2 > c", "G2 > c"] == 2 and unit.at["G1 > a", "G2 > c"] == 0
    turn = tables.co_occurrence(data, "turn").frame
    assert (turn.at["G1 > a", "G1 > b"], turn.at["G1 > b", "G2 > c"]) == (1, 1)
    assert turn.at["G1 > a", "G1 > a"] == 2
    overlap = tables.co_occurrence(data, "overlap").frame
    assert overlap.at["G1 > a", "G1 > b"] == 1 and overlap.at["G1 > a", "G1 > a"] == 3


def test_unknown_filters_are_errors(study: Project) -> None:
    with pytest.raises(CodebenchError, match="no coder named zed"):
        load_report_data(study, Filters(coders=("zed",)), viewer=EVERYONE)
    with pytest.raises(CodebenchError, match="no document named C"):
        load_report_data(study, Filters(coders=("anna",), documents=("C",)), viewer=EVERYONE)
    with pytest.raises(CodebenchError, match="no respondent attribute 'sector'"):
        load_report_data(
            study, Filters(coders=("anna",), attributes=(("sector", "x"),)), viewer=EVERYONE
        )


def test_cli_report_formats(study: Project, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from codebench.cli import cli

    runner = CliRunner()
    location = study.location
    result = runner.invoke(
        cli, ["report", "attributes", "--by", "organisation_type", "-p", location]
    )
    assert result.exit_code == 0, result.output
    assert "gemeente" in result.output and "total" in result.output
    result = runner.invoke(
        cli, ["report", "themes", "--coder", "anna", "--format", "csv", "-p", location]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("group,code,path,level,codings")
    assert any(line.startswith("G1,a,G1 > a,code,3,1,2,") for line in lines)
    assert result.stderr.strip() == "Coders: anna"  # a CSV holds data only
    result = runner.invoke(
        cli,
        [
            "report",
            "quotes",
            "--coder",
            "anna",
            "--format",
            "md",
            "--where",
            "organisation_type=provincie",
            "-p",
            location,
        ],
    )
    assert "Zeven." in result.output and "Twee. Drie." not in result.output
    result = runner.invoke(
        cli,
        ["report", "quotes", "--coder", "anna", "--format", "csv", "--limit", "1", "-p", location],
    )
    codes = [line.split(",")[1] for line in result.stdout.splitlines()[1:]]
    assert sorted(codes) == ["G1 > a", "G1 > b", "G2 > c"]  # one quote of each code
    result = runner.invoke(cli, ["report", "quotes", "--coder", "anna", "-p", location])
    assert result.output.startswith("Exemplar quotes\nCoders: anna\n")
    assert "G1 > a  (2 respondents)" in result.output and "★ “Zeven.”" in result.output
    out = tmp_path / "themes.json"
    result = runner.invoke(
        cli,
        ["report", "themes", "--coder", "all", "--format", "json", "-o", str(out), "-p", location],
    )
    assert result.exit_code == 0 and out.stat().st_mode & 0o777 == 0o600
    assert "(coders: all coders: anna + ben (union" in result.output
    assert '"coders": "all coders: anna + ben' in out.read_text(encoding="utf-8")
    result = runner.invoke(cli, ["report", "themes", "--coder", "zed", "-p", location])
    assert result.exit_code == 1 and "no coder named zed" in result.stderr
    result = runner.invoke(cli, ["report", "themes", "-p", location])
    assert result.exit_code == 1 and "--coder all" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_every_registered_table_is_built_listed_and_worded_once(study: Project) -> None:
    data = load_report_data(study, Filters(coders=("all",)), viewer=EVERYONE)
    for kind in KINDS:
        table = reports.table_from(data, kind.name)
        assert kind_of(table) is kind, kind.name
        # Caption and sheet name are filled in with the title's fields: they must need no other.
        wanted = {f for _, f, _, _ in string.Formatter().parse(kind.caption + kind.sheet) if f}
        assert kind.caption and kind.sheet and wanted <= set(table.title.fields), kind.name
    for field in ("name", "table", "label", "menu_position", "caption", "sheet"):
        assert len({getattr(kind, field) for kind in KINDS}) == len(KINDS), field
    with pytest.raises(CodebenchError, match="no report 'nope'"):
        reports.table_from(data, "nope")


def test_each_table_reads_only_what_it_shows_and_builds_the_same(study: Project) -> None:
    """A command reads what its table declares (no texts for themes, no codings for Tabel 1);
    the table is the same as from everything read, as the TUI and exports read it."""
    everything = load_report_data(study, Filters(coders=("all",)), viewer=EVERYONE)
    for kind in KINDS:
        for level in ("unit", "turn", "overlap"):
            options = ReportOptions("organisation_type", False, level)
            narrow = load_report_data(
                study, Filters(coders=("all",)), viewer=EVERYONE, reads=kind.reads(options)
            )
            built = kind.build(narrow, options).frame
            pd.testing.assert_frame_equal(built, kind.build(everything, options).frame)
