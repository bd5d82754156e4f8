"""A folder imports several files per transaction, each in a savepoint of its own: a file the
project refuses rolls back alone, and a file is reported imported only once it is committed
(so a kill right after the line loses nothing that was reported)."""

from __future__ import annotations

import gc
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy.exc import IntegrityError

from codebench.cli import cli
from codebench.errors import InputError
from codebench.services.documents import importing
from codebench.services.documents.importing import ImportOptions, ImportOutcome, import_files
from codebench.services.project import init_project
from test_import_rerun import documents_in, write_interviews


def _rows(project_file: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(project_file) as connection:
        return connection.execute(sql).fetchall()


def _failing_on(name: str, error: Exception, monkeypatch: pytest.MonkeyPatch) -> None:
    """The import event of document ``name`` fails: its document, speakers, turns and
    sentences are written by then, and must all go."""
    record = importing.record

    def failing(session: Any, actor: str, action: str, kind: str, target: Any, data: Any) -> Any:
        if data.get("file") == f"{name}.txt":
            raise error
        return record(session, actor, action, kind, target, data)

    monkeypatch.setattr(importing, "record", failing)


@pytest.mark.parametrize(
    "error",
    [InputError(Path("x"), "refused"), IntegrityError("INSERT", {}, Exception("refused"))],
    ids=["input", "database"],
)
def test_a_file_refused_in_the_middle_leaves_the_others_imported_and_itself_absent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    write_interviews(tmp_path / "gesprekken", 5)
    project_file = tmp_path / "study.codebench"
    _failing_on("gesprek_02", error, monkeypatch)
    with init_project(project_file) as project:
        outcomes = import_files(project, [tmp_path / "gesprekken"], ImportOptions(language="nl"))

    assert [o.document.name if o.document else None for o in outcomes] == [
        "gesprek_00",
        "gesprek_01",
        None,
        "gesprek_03",
        "gesprek_04",
    ]
    assert outcomes[2].error is not None and "refused" in outcomes[2].error
    names = [row[0] for row in _rows(project_file, "SELECT name FROM document ORDER BY name")]
    assert names == ["gesprek_00", "gesprek_01", "gesprek_03", "gesprek_04"]
    for table in ("speaker", "turn", "sentence"):
        orphans = _rows(
            project_file,
            f"SELECT count(*) FROM {table} WHERE document_id NOT IN (SELECT id FROM document)",
        )
        assert orphans == [(0,)], table
    assert _rows(project_file, "SELECT count(*) FROM turn") == [(16,)]
    events = _rows(project_file, "SELECT count(*) FROM event WHERE action = 'import'")
    assert events == [(4,)]


def test_a_file_is_reported_only_once_it_is_committed(tmp_path: Path) -> None:
    """Another connection sees each document when its outcome is reported."""
    write_interviews(tmp_path / "gesprekken", 6)
    project_file = tmp_path / "study.codebench"
    seen: list[bool] = []

    def report(outcome: ImportOutcome) -> None:
        assert outcome.document is not None
        stored = _rows(
            project_file, f"SELECT count(*) FROM document WHERE name = '{outcome.document.name}'"
        )
        seen.append(stored == [(1,)])

    with init_project(project_file) as project:
        import_files(project, [tmp_path / "gesprekken"], ImportOptions(language="nl"), report)

    assert seen == [True] * 6


def test_a_file_reported_imported_is_in_the_project_when_the_import_is_killed(
    tmp_path: Path,
) -> None:
    count = 40
    write_interviews(tmp_path / "gesprekken", count)
    project_file = tmp_path / "study.codebench"
    init_project(project_file).close()
    command = [sys.executable, "-m", "codebench", "import", "gesprekken", "-p", str(project_file)]
    env = {**os.environ, "CODEBENCH_CODER": "tester", "COLUMNS": "200"}
    child = subprocess.Popen(
        command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    assert child.stdout is not None
    deadline = time.monotonic() + 120
    line = b""
    while not line.startswith(b"imported "):
        assert time.monotonic() < deadline, "the import reported nothing in two minutes"
        line = child.stdout.readline()
        assert line or child.poll() is None, "the import ended without reporting a file"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()

    name = line.split()[1].decode()
    assert name.startswith("gesprek_")
    assert _rows(project_file, f"SELECT count(*) FROM document WHERE name = '{name}'") == [(1,)]
    assert _rows(project_file, "PRAGMA integrity_check") == [("ok",)]
    assert documents_in(project_file) >= 1


def test_the_garbage_collector_is_as_it_was_after_an_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_interviews(tmp_path / "gesprekken", 2)
    before = gc.get_threshold()
    runner = CliRunner()
    assert runner.invoke(cli, ["init", "study.codebench"]).exit_code == 0
    result = runner.invoke(cli, ["import", "gesprekken", "-p", "study.codebench"])

    assert result.exit_code == 0, result.output
    assert "2 of 2 files imported" in result.output
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
