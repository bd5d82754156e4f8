"""Output files: never replaced without --force, and a missing folder or a folder given as the
file is one line and a non-zero exit, before any work is done."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from codebench.cli import cli

TRANSCRIPT = "Interviewer: Hoe ging het?\n\nRespondent 1: Het ging goed. Echt goed.\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CODEBENCH_PROJECT", raising=False)
    assert run("init", "study.codebench").exit_code == 0
    (tmp_path / "int.txt").write_text(TRANSCRIPT, encoding="utf-8")
    assert run("import", "int.txt", "--language", "nl").exit_code == 0
    assert run("codebook", "add", "Succes").exit_code == 0
    assert run("code", "int", "Succes", "--quote", "Het ging goed.", "--coder", "a").exit_code == 0
    return tmp_path


WRITES = {
    "xlsx report": ["export", "{}.xlsx", "--coder", "a"],
    "docx report": ["export", "{}.docx", "--coder", "a"],
    "csv tables": ["export", "{}.csv", "--coder", "a"],
    "qdpx project": ["export", "{}.qdpx"],
    "codebook": ["codebook", "export", "{}.yaml"],
    "qdc codebook": ["codebook", "export", "{}.qdc"],
    "one report table": ["report", "themes", "--format", "csv", "-o", "{}.csv"],
}


def command(kind: str, stem: str) -> list[str]:
    return [arg.format(stem) for arg in WRITES[kind]]


@pytest.mark.parametrize("kind", WRITES)
def test_an_existing_file_is_kept_unless_forced(kind: str, folder: Path) -> None:
    first = run(*command(kind, "out"))
    assert first.exit_code == 0, first.output
    written = sorted(p for p in folder.iterdir() if p.name.startswith("out"))
    before = {p: p.read_bytes() for p in written}
    again = run(*command(kind, "out"))
    assert again.exit_code == 1
    assert again.output.count("\n") == 1 and "exists; add --force" in again.output
    assert {p: p.read_bytes() for p in written} == before
    assert run(*command(kind, "out"), "--force").exit_code == 0


@pytest.mark.parametrize("kind", WRITES)
def test_a_missing_folder_or_a_folder_is_one_line(kind: str, folder: Path) -> None:
    missing = run(*command(kind, "nodir/out"))
    assert missing.exit_code == 1
    assert missing.output.count("\n") == 1 and "no such folder nodir" in missing.output
    target = next(a for a in command(kind, "taken") if a.startswith("taken."))
    (folder / target).mkdir()
    is_folder = run(*command(kind, "taken"))
    assert is_folder.exit_code == 1
    assert is_folder.output.count("\n") == 1 and "is a folder" in is_folder.output


def test_init_makes_every_new_folder_owner_only(tmp_path: Path) -> None:
    assert run("init", str(tmp_path / "a" / "b" / "x.codebench")).exit_code == 0
    for folder in (tmp_path / "a", tmp_path / "a" / "b"):
        assert folder.stat().st_mode & 0o777 == 0o700
