"""Nothing a transcript, a file or a name holds can drive the terminal: escape sequences and
bidirectional overrides are printed as visible escapes, markup as the text it is."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from codebench.cli import cli

CLEAR = "\x1b[2J"
RETITLE = "\x1b]0;pwned\x07"
OVERRIDE = "\u202e"
POP = "\u202c"
CODE = f"Tempo{CLEAR}{RETITLE} [bold]vet[/bold]"
TRANSCRIPT = f"Interviewer: Hoe ging het?\n\nRespondent 1: Het ging {OVERRIDE}goed{POP}. Echt.\n"


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CODEBENCH_PROJECT", raising=False)
    run("init", "study.codebench")
    (tmp_path / f"int{OVERRIDE}.txt").write_text(TRANSCRIPT, encoding="utf-8")
    run("import", f"int{OVERRIDE}.txt", "--language", "nl")
    run("codebook", "add", CODE)
    run("code", f"int{OVERRIDE}", CODE, "--quote", "Echt.", "--coder", "anna")
    return tmp_path


@pytest.mark.parametrize(
    "args",
    [
        ["codebook", "show"],
        ["show", "int\u202e"],
        ["codings"],
        ["documents"],
        ["code", "int\u202e", CODE, "--quote", "Hoe ging het?", "--coder", "anna"],
    ],
)
def test_output_holds_no_control_or_bidi_character(args: list[str], folder: Path) -> None:
    shown = run(*args).output
    assert "\x1b" not in shown and "\x07" not in shown and OVERRIDE not in shown
    assert "\\u202e" in shown or "\\x1b" in shown


def test_markup_in_a_name_is_printed_as_typed(folder: Path) -> None:
    assert "[bold]vet[/bold]" in run("codebook", "show").output


def test_an_error_naming_such_a_name_is_one_clean_line(folder: Path) -> None:
    result = CliRunner().invoke(cli, ["code", "int\u202e", "Nope" + CLEAR, "--quote", "Echt."])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "\x1b" not in result.output
