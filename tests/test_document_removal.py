"""Documents removed (asked first when coded) and re-imported with --replace, from the command
line as a user types it; undo brings back what either took away."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from codebench.cli import cli

TRANSCRIPT = """\
Interviewer: Hoe begon het project?
Respondent: We begonnen in 2023 met een pilot. Het was spannend.
Interviewer: En wat ging er mis?
Jan: De budgetten waren te krap. Ook de tijd.
Jan: Het was vooral de planning.
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CODEBENCH_PROJECT", raising=False)
    monkeypatch.setenv("CODEBENCH_CODER", "anna")
    return tmp_path


def run(*args: str, expect: int = 0) -> Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == expect, result.output
    return result


@pytest.fixture
def coded(folder: Path) -> Path:
    path = folder / "gesprek.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    run("init", str(folder / "study.codebench"))
    run("import", str(path))
    run("codebook", "add", "Budget")
    run("code", "gesprek", "Budget", "--quote", "De budgetten waren te krap.")
    return path


def _codings() -> str:
    return run("codings", "--format", "csv").output


def test_a_coded_document_is_removed_only_when_confirmed_and_undo_restores_it(
    coded: Path,
) -> None:
    before = (_codings(), run("show", "gesprek").output, run("speakers").output)

    refused = run("documents", "remove", "gesprek", expect=1)
    assert "not removed: gesprek holds 1 coding by anna" in refused.output
    assert _codings() == before[0]

    removed = run("documents", "remove", "gesprek", "--yes")
    assert "Removed gesprek (1 coding" in removed.output
    assert "gesprek" not in run("documents").output
    assert "Budget" not in _codings()

    assert "restored document 'gesprek'" in run("undo").output
    assert (_codings(), run("show", "gesprek").output, run("speakers").output) == before

    run("redo")
    assert "gesprek" not in run("documents").output


def test_an_uncoded_document_is_removed_without_asking(folder: Path) -> None:
    path = folder / "leeg.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    run("init", str(folder / "study.codebench"))
    run("import", str(path))

    run("documents", "remove", "leeg")

    assert "leeg" not in run("documents").output
    run("import", str(path))  # the same file can come in again
    assert "cannot undo: its file was imported again since, as 'leeg'" in (
        run("undo", expect=1).output
    )


def test_replace_with_the_same_text_keeps_the_codings_and_takes_new_roles(coded: Path) -> None:
    assert "already imported as document 'gesprek'" in run("import", str(coded)).output

    result = run("import", str(coded), "--replace", "--interviewer", "Jan")

    assert "re-imported gesprek" in result.output
    assert "Budget" in _codings()
    jan = next(line for line in run("speakers").output.splitlines() if " Jan " in line)
    assert "interviewer" in jan

    run("undo")
    jan = next(line for line in run("speakers").output.splitlines() if " Jan " in line)
    assert "respondent" in jan
    assert "Budget" in _codings()


def test_replace_with_changed_text_is_refused_while_the_document_holds_codings(
    coded: Path,
) -> None:
    before = run("show", "gesprek").output
    coded.write_text(TRANSCRIPT.replace("krap", "klein"), encoding="utf-8")

    refused = run("import", str(coded), "--replace", expect=1)

    assert "gesprek.txt: the text of 'gesprek' has changed since it was imported" in refused.output
    assert "its 1 coding would lose their place" in refused.output
    assert run("show", "gesprek").output == before

    run("uncode", "gesprek", "Budget", "--quote", "De budgetten waren te krap.")
    run("import", str(coded), "--replace")
    assert "te klein" in run("show", "gesprek").output
    assert "gesprek (2)" not in run("documents").output
