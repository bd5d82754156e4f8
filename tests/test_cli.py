"""The command line as a user types it: init, import, attributes, info, documents, show."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from codebench.cli import cli
from helpers.docx_files import write_docx

INTERVIEW = [
    ("Interviewer", "Wat doet uw team met generatieve AI?"),
    ("Respondent 1", "We bouwen een chatbot voor vragen over afval. Dat gaat best goed."),
    ("Interviewer", "Wat hielp daarbij?"),
    ("Respondent 1", "Een wethouder die erin gelooft. En een klein, vast team."),
]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CODEBENCH_PROJECT", raising=False)
    return tmp_path


def run(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(cli, list(args), catch_exceptions=False)


def test_init_import_info_documents_show(runner: CliRunner, folder: Path) -> None:
    write_docx(folder / "interview_01.docx", INTERVIEW)
    (folder / "notes").mkdir()
    (folder / "notes" / "interview_02.txt").write_text(
        "I: Hoe begon het?\n\nR: Met een hackathon. Iedereen deed mee.\n", encoding="utf-8"
    )

    result = run(runner, "init")
    assert result.exit_code == 0, result.output
    assert (folder / f"{folder.name}.codebench").exists()

    result = run(runner, "import", "interview_01.docx", "notes")
    assert result.exit_code == 0, result.output
    assert "imported interview_01 (Word, nl)" in result.output
    assert "imported interview_02 (plain text, nl)" in result.output
    assert "2 of 2 files imported" in result.output

    result = run(runner, "info")
    assert result.exit_code == 0
    for expected in ("Documents", "Respondents", "Turns", "Sentences"):
        assert expected in result.output
    assert "Codings" in result.output

    result = run(runner, "documents")
    assert "interview_01" in result.output and "interview_02" in result.output

    result = run(runner, "show", "interview_01")
    assert result.exit_code == 0
    lines = [line.strip() for line in result.output.splitlines()]
    assert "Respondent 1" in lines
    assert "[2] We bouwen een chatbot voor vragen over afval." in lines
    assert "[3] Dat gaat best goed." in lines


def test_project_option_and_environment_variable(
    runner: CliRunner, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = folder / "elsewhere" / "study.codebench"
    assert run(runner, "init", str(target)).exit_code == 0
    write_docx(folder / "a.docx", INTERVIEW)
    assert run(runner, "import", "--project", str(target), "a.docx").exit_code == 0
    monkeypatch.setenv("CODEBENCH_PROJECT", str(target))
    assert "a" in run(runner, "documents").output


def test_no_project_in_folder_is_a_one_line_error(runner: CliRunner, folder: Path) -> None:
    result = runner.invoke(cli, ["info"])
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0
    assert "no .codebench project here" in result.stderr


def test_two_projects_in_folder_must_be_chosen(runner: CliRunner, folder: Path) -> None:
    run(runner, "init", "a.codebench")
    run(runner, "init", "b.codebench")
    result = runner.invoke(cli, ["info"])
    assert result.exit_code == 1
    assert "several projects here (a.codebench, b.codebench)" in result.stderr


def test_speaker_map_and_interviewer_options(runner: CliRunner, folder: Path) -> None:
    (folder / "x.txt").write_text(
        "Anna: Wat doet u?\n\nBen: Ik maak beleid.\n\nAnna: Sinds wanneer?\n\nBen: Al jaren.\n",
        encoding="utf-8",
    )
    run(runner, "init")
    result = run(
        runner, "import", "x.txt", "--speaker-map", "Ben=Respondent 7", "--interviewer", "anna"
    )
    assert result.exit_code == 0, result.output
    assert "speakers: Anna, Respondent 7" in result.output
    info = run(runner, "info").output
    assert re.search(r"Interviewer labels\s+1\b", info)
    assert re.search(r"Respondents\s+1\b", info)


def test_bad_files_fail_alone_with_one_line_each(runner: CliRunner, folder: Path) -> None:
    run(runner, "init")
    write_docx(folder / "good.docx", INTERVIEW)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "broken.docx").write_bytes(b"not a zip at all")
    (folder / "bad.vtt").write_text("WEBVTT\n\n00:00:0x.000 --> 00:00:05.000\nHallo\n")

    result = runner.invoke(
        cli, ["import", "good.docx", "empty.txt", "binary.txt", "broken.docx", "bad.vtt"]
    )

    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 4
    assert any("empty.txt" in e and "empty" in e for e in errors)
    assert any("binary.txt" in e and "binary" in e for e in errors)
    assert any("broken.docx" in e and "not a valid .docx" in e for e in errors)
    assert any("bad.vtt:" in e for e in errors)
    assert "1 of 5 files imported" in result.output
    assert "good" in run(runner, "documents").output


def test_reimport_skips_a_file_already_in_the_project(runner: CliRunner, folder: Path) -> None:
    run(runner, "init")
    write_docx(folder / "a.docx", INTERVIEW)
    run(runner, "import", "a.docx")
    result = runner.invoke(cli, ["import", "a.docx"])
    assert result.exit_code == 0
    assert "already imported as document 'a'" in result.output
    assert "already imported, skipped: 1" in result.output


def test_unreadable_path(runner: CliRunner, folder: Path) -> None:
    run(runner, "init")
    (folder / "secret.docx").symlink_to(folder / "gone" / "secret.docx")
    result = runner.invoke(cli, ["import", "secret.docx"])
    assert result.exit_code == 1
    assert "error: secret.docx: cannot read file" in result.output


def test_missing_path_is_reported(runner: CliRunner, folder: Path) -> None:
    run(runner, "init")
    result = runner.invoke(cli, ["import", "nope.docx"])
    assert result.exit_code == 1
    assert "nope.docx" in result.output


def test_help_on_every_command(runner: CliRunner) -> None:
    for args in (
        [],
        ["init"],
        ["import"],
        ["attributes"],
        ["attributes", "import"],
        ["info"],
        ["documents"],
        ["show"],
        ["demo"],
    ):
        result = runner.invoke(cli, [*args, "--help"])
        assert result.exit_code == 0, args
        assert "Usage:" in result.output
