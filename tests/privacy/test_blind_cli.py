"""``--blind`` on the command line: reading commands show only the coder's own codings, and the
commands that compare coders refuse in one line."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from blind_study import OWN_QUOTES, Study, leaks
from click.testing import CliRunner, Result

from codebench.cli import cli


@pytest.fixture
def location(sqlite_study: Study, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(sqlite_study.folder)
    monkeypatch.setenv("CODEBENCH_PROJECT", sqlite_study.project.location)
    monkeypatch.setenv("CODEBENCH_CODER", "coder2")
    monkeypatch.setenv("COLUMNS", "200")
    return sqlite_study.project.location


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize(
    "args",
    [
        ["codings", "--blind", "--format", "csv"],
        ["codings", "--blind", "--coder", "coder2", "--format", "json"],
        ["report", "themes", "--blind"],
        ["report", "quotes", "--blind", "--coder", "coder2", "--format", "md"],
        ["report", "respondents", "--blind", "--format", "csv"],
        ["codebook", "show", "--blind"],
        ["info", "--blind", "--coder", "coder2"],
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_reading_commands_show_only_the_blind_coders_work(location: str, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert leaks(result.output) == []


def test_blind_listings_hold_the_coders_own_work(location: str) -> None:
    listed = run("codings", "--blind", "--format", "csv").output
    assert all(quote in listed for quote in OWN_QUOTES)
    assert "Codings by coder2" in run("info", "--blind").output
    assert "G1  2" in run("codebook", "show", "--blind").output
    sighted = run("codings", "--format", "csv").output
    assert "coder1" in sighted and leaks(sighted)


def test_blind_exports(location: str, tmp_path: Path) -> None:
    assert run("export", str(tmp_path / "r.md"), "--blind").exit_code == 0
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert leaks(text) == [] and OWN_QUOTES[0] in text
    result = run("export", str(tmp_path / "p.qdpx"), "--blind", "--coder", "coder2")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "p.qdpx") as archive:
        assert leaks(archive.read("project.qde").decode("utf-8")) == []


@pytest.mark.parametrize(
    "args",
    [
        ["agree", "--coders", "coder1,coder2", "--blind"],
        ["disagreements", "--coders", "coder1,coder2", "--blind"],
        ["consensus", "start", "--coders", "coder1,coder2", "--blind"],
        ["resolve", "A#2#2", "--coders", "coder1,coder2", "--merge", "--blind"],
        ["export", "r.xlsx", "--agreement", "coder1,coder2", "--blind"],
        ["report", "themes", "--blind", "--coder", "coder1", "--coder", "coder2"],
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_cross_coder_commands_refuse_a_blind_coder(location: str, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 1
    assert result.stderr.startswith("codebench: error: ")
    assert result.stderr.strip().count("\n") == 0
    assert leaks(result.output) == []
