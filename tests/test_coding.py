"""Coding from the command line: code, uncode, codings, and codings from a CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import select

from codebench.cli import cli
from codebench.errors import InputError
from codebench.resources import data_path
from codebench.services.coding.spreadsheet import import_codings
from codebench.services.project import open_project
from codebench.storage import models

TRANSCRIPT = (
    "Interviewer: Hoe begon het?\n\n"
    "Respondent 1: Met een hackathon. Iedereen deed mee 😀. Met een hackathon begint alles.\n\n"
    "Interviewer: En toen?\n\n"
    "Respondent 1: Toen kwam de jurist. Die had zorgen over privacy.\n"
)
BUDGET = "Knelpunten > De afwezigheid van budget, bronnen of andere middelen"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CODEBENCH_PROJECT", raising=False)
    runner = CliRunner()
    runner.invoke(cli, ["init", "study.codebench"], catch_exceptions=False)
    (tmp_path / "int.txt").write_text(TRANSCRIPT, encoding="utf-8")
    runner.invoke(cli, ["import", "int.txt"], catch_exceptions=False)
    codebook = data_path("codebooks") / "genai-overheid.yaml"
    runner.invoke(cli, ["codebook", "load", str(codebook)], catch_exceptions=False)
    return tmp_path


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def codings_json(*args: str) -> list[dict[str, object]]:
    result = run("codings", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)  # type: ignore[no-any-return]


def test_code_by_quote_sentences_and_offsets(folder: Path) -> None:
    privacy = "Succesfactoren > Stapsgewijs aandacht voor privacy, security en ethische aspecten"
    assert (
        run(
            "code",
            "int",
            privacy,
            "--quote",
            "Die had zorgen over privacy.",
            "--coder",
            "anna",
            "--memo",
            "jurist",
            "--exemplar",
        ).exit_code
        == 0
    )
    assert (
        run(
            "code", "int", "Druk om GenAI te gebruiken", "--sentences", "2-3", "--coder", "ben"
        ).exit_code
        == 0
    )
    start = TRANSCRIPT.index("Toen kwam")
    assert (
        run(
            "code",
            "int",
            BUDGET,
            "--start",
            str(start),
            "--end",
            str(start + 20),
            "--coder",
            "anna",
        ).exit_code
        == 0
    )

    rows = codings_json()
    by_coder = {(r["coder"], r["text"]) for r in rows}
    assert by_coder == {
        ("anna", "Die had zorgen over privacy."),
        ("ben", "Met een hackathon. Iedereen deed mee 😀."),
        ("anna", "Toen kwam de jurist."),
    }
    starred = next(r for r in rows if r["exemplar"])
    assert (starred["memo"], starred["speaker"], starred["sentences"]) == (
        "jurist",
        "Respondent 1",
        "7-7",
    )
    assert [r["text"] for r in codings_json("--coder", "ben")] == [
        "Met een hackathon. Iedereen deed mee 😀."
    ]
    table = run("codings", "--code", privacy).output
    assert "★" in table and "1 codings" in table
    csv_rows = list(csv.DictReader(io.StringIO(run("codings", "--format", "csv").output)))
    assert len(csv_rows) == 3 and csv_rows[0]["document"] == "int"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--quote", "niet in de tekst"], "quote not found in int"),
        (["--quote", "Met een hackathon"], "found 2 times in int; choose one with --occurrence"),
        (["--quote", "Met een hackathon", "--occurrence", "3"], "found 2 times in int, not 3"),
        (["--sentences", "5-99"], "int has sentences 1-7; 5-99 is out of range"),
        (["--start", "10", "--end", "9999"], "outside int"),
        (["--quote", "x", "--sentences", "1"], "give exactly one of"),
        ([], "give exactly one of"),
    ],
)
def test_code_errors_are_one_line_and_change_nothing(
    folder: Path, args: list[str], message: str
) -> None:
    result = run("code", "int", BUDGET, "--coder", "anna", *args)
    assert result.exit_code == 1
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert codings_json() == []


def test_occurrence_picks_the_second_match_and_uncode_removes(folder: Path) -> None:
    assert (
        run(
            "code",
            "int",
            BUDGET,
            "--quote",
            "Met een hackathon",
            "--occurrence",
            "2",
            "--coder",
            "anna",
        ).exit_code
        == 0
    )
    [row] = codings_json()
    assert row["start"] == TRANSCRIPT.index("Met een hackathon begint")
    result = run("uncode", "int", BUDGET, "--sentences", "4", "--coder", "anna")
    assert result.exit_code == 0 and "Removed 1 coding" in result.output
    assert codings_json() == []
    assert run("uncode", "int", BUDGET, "--sentences", "4", "--coder", "anna").exit_code == 1
    with open_project(folder / "study.codebench") as project, project.reading() as session:
        actions = session.scalars(select(models.Event.action).order_by(models.Event.id)).all()
    assert actions[-2:] == ["apply_code", "remove_code"]


def test_codings_csv_with_a_missing_quote_names_the_line(folder: Path) -> None:
    (folder / "c.csv").write_text(
        "document,code,coder,quote,exemplar\n"
        f'int,"{BUDGET}",anna,Toen kwam de jurist.,1\n'
        f'int,"{BUDGET}",anna,Dit staat er niet.,0\n',
        encoding="utf-8",
    )
    with (
        open_project(folder / "study.codebench") as project,
        pytest.raises(InputError, match=r"c\.csv:3: quote not found in int"),
    ):
        import_codings(project, folder / "c.csv")
    assert codings_json() == []


def test_codings_of_a_group_list_its_codes_codings_too(folder: Path) -> None:
    privacy = "Succesfactoren > Stapsgewijs aandacht voor privacy, security en ethische aspecten"
    for code, quote in (
        (privacy, "Die had zorgen over privacy."),
        (BUDGET, "Toen kwam de jurist."),
    ):
        assert run("code", "int", code, "--quote", quote, "--coder", "anna").exit_code == 0
    assert [row["code"] for row in codings_json("--code", "Succesfactoren")] == [privacy]
    assert [row["code"] for row in codings_json("--code", "Knelpunten")] == [BUDGET]
    assert [row["code"] for row in codings_json("--code", privacy)] == [privacy]
