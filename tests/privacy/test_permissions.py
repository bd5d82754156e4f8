"""Owner-only files: under a permissive umask (0022), everything codebench writes is 0600 and
every folder it makes for the user's data 0700, because all of it holds interview text."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from blind_study import Study
from click.testing import CliRunner
from offline_session import INPUTS, Offline
from sqlalchemy import text

from codebench.cli import cli
from codebench.services.coding.by_name import Location, apply_code
from codebench.services.project import open_project
from codebench.settings import Settings, load_settings, save_settings
from codebench.storage.engine import create_project_file, database_url, make_engine
from codebench.storage.migrate import upgrade


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def permissive_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def test_everything_a_command_line_session_wrote_is_owner_only(offline: Offline) -> None:
    """The project, every report and export format, the REFI-QDA files and the demo."""
    skip = {offline.folder / name for name in INPUTS}
    files = {}
    for path in sorted(offline.folder.rglob("*")):
        if path.is_file() and not any(path == s or s in path.parents for s in skip):
            files[path.relative_to(offline.folder).as_posix()] = oct(mode(path))
    assert {name: m for name, m in files.items() if m != oct(0o600)} == {}
    expected = {"study.codebench", "r.xlsx", "r.docx", "r.md", "r-themes.csv", "r.json"}
    expected |= {"study.qdpx", "codes.qdc", "quotes.md", "home/data/codebench/demo.codebench"}
    assert expected <= set(files)
    assert mode(offline.folder / "home" / "data" / "codebench") == 0o700


def test_the_open_projects_journal_files_are_owner_only(sqlite_study: Study) -> None:
    project = sqlite_study.project
    apply_code(project, "B", "c", "coder2", Location(quote="Echo noemt"))
    with project.engine.connect() as connection:  # keeps the WAL and shared memory open
        connection.execute(text("SELECT 1"))
        for suffix in ("", "-wal", "-shm"):
            path = Path(project.location + suffix)
            assert mode(path) == 0o600, path.name


@pytest.mark.parametrize(
    "args",
    [
        ["export", "out.xlsx", "--coder", "all"],
        ["export", "out.docx", "--coder", "all"],
        ["export", "out.md", "--coder", "all"],
        ["export", "out.csv", "--tables", "themes", "--coder", "all"],
        ["export", "out.json", "--coder", "all"],
        ["export", "out.qdpx"],
        ["report", "themes", "--coder", "all", "--format", "csv", "--output", "out.csv"],
        ["codebook", "export", "out.yaml"],
        ["codebook", "export", "out.json"],
        ["codebook", "export", "out.csv"],
        ["codebook", "export", "out.qdc"],
    ],
    ids=lambda args: " ".join(args),
)
def test_an_export_replacing_a_readable_file_is_owner_only(
    sqlite_study: Study, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    folder = sqlite_study.folder
    monkeypatch.chdir(folder)
    target = folder / next(a for a in args if a.startswith("out."))
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    location = ["--project", sqlite_study.project.location]
    result = CliRunner().invoke(cli, [*args, "--force", *location])
    assert result.exit_code == 0, result.output
    assert target.read_bytes() != b"old" and mode(target) == 0o600


def test_the_backup_before_a_schema_upgrade_is_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "old.codebench"
    create_project_file(path)
    engine = make_engine(database_url(str(path)))
    upgrade(engine, "0001")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO project (id, name, created_at) VALUES (1, 'o', '')"))
    engine.dispose()
    with open_project(path) as project:
        assert project.backup is not None
        assert mode(project.backup) == 0o600
    leftovers = {p.name: mode(p) for p in tmp_path.iterdir() if mode(p) != 0o600}
    assert leftovers == {}


def test_the_settings_file_and_its_folder_are_owner_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "config" / "codebench" / "settings.yaml"
    monkeypatch.setenv("CODEBENCH_SETTINGS", str(path))
    save_settings(Settings(coder="anna"))
    assert (mode(path), mode(path.parent)) == (0o600, 0o700)
    path.chmod(0o644)
    save_settings(Settings(coder="anna", theme="textual-light"))
    assert mode(path) == 0o600 and load_settings().theme == "textual-light"


def test_a_project_in_a_new_folder_is_owner_only(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "study" / "anna.codebench")])
    assert result.exit_code == 0, result.output
    assert mode(tmp_path / "study") == 0o700
    assert mode(tmp_path / "study" / "anna.codebench") == 0o600
