"""An import that was interrupted (killed, the laptop shut) can simply be run again: the files it
had already stored are skipped with a note, the rest come in, and the run succeeds."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from codebench.cli import cli
from codebench.services.documents.importing import ImportOptions, import_files
from codebench.services.project import init_project

TOPICS = ("de chatbot", "het budget", "de privacy", "het team", "de wethouder", "de burger")


def write_interviews(folder: Path, count: int) -> list[Path]:
    """``count`` short transcripts, each with content of its own."""
    folder.mkdir(exist_ok=True)
    paths = []
    for number in range(count):
        topic = TOPICS[number % len(TOPICS)]
        path = folder / f"gesprek_{number:02}.txt"
        path.write_text(
            f"Interviewer: Wat vond u van {topic} in gesprek {number}?\n"
            f"Respondent {number}: Het ging goed met {topic}. Soms ook niet, eerlijk gezegd.\n"
            "Interviewer: Waarom niet?\n"
            f"Respondent {number}: Omdat er te weinig tijd was. Dat kwam door de planning.\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def documents_in(project_file: Path) -> int:
    with sqlite3.connect(project_file) as connection:
        return int(connection.execute("SELECT count(*) FROM document").fetchone()[0])


def test_running_an_import_again_skips_what_is_in_and_brings_in_the_rest(tmp_path: Path) -> None:
    files = write_interviews(tmp_path / "gesprekken", 5)
    with init_project(tmp_path / "study.codebench") as project:
        import_files(project, files[:2], ImportOptions(language="nl"))

        outcomes = import_files(project, [tmp_path / "gesprekken"], ImportOptions(language="nl"))

    assert [o.skipped for o in outcomes] == ["gesprek_00", "gesprek_01", None, None, None]
    assert [o.error for o in outcomes] == [None] * 5
    assert [o.document.name for o in outcomes if o.document] == [
        "gesprek_02",
        "gesprek_03",
        "gesprek_04",
    ]


def test_the_same_import_run_twice_says_it_skipped_and_succeeds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_interviews(tmp_path / "gesprekken", 3)
    runner = CliRunner()
    assert runner.invoke(cli, ["init", "study.codebench"]).exit_code == 0
    first = runner.invoke(cli, ["import", "gesprekken", "-p", "study.codebench"])
    assert first.exit_code == 0, first.output

    again = runner.invoke(cli, ["import", "gesprekken", "-p", "study.codebench"])

    assert again.exit_code == 0, again.output
    assert "already imported, skipped: 3" in again.output
    assert "already imported as document 'gesprek_01'" in again.output
    assert "0 of 3 files imported" in again.output
    assert "error" not in again.output
    assert documents_in(tmp_path / "study.codebench") == 3


def test_an_import_killed_midway_completes_when_run_again(tmp_path: Path) -> None:
    """Killed at whatever moment the import has stored its first file (or later, if it is
    quicker than the poll), the second run skips exactly what the first stored."""
    count = 30
    write_interviews(tmp_path / "gesprekken", count)
    project_file = tmp_path / "study.codebench"
    init_project(project_file).close()
    command = [sys.executable, "-m", "codebench", "import", "gesprekken", "-p", str(project_file)]
    env = {**os.environ, "CODEBENCH_CODER": "tester"}

    first = subprocess.Popen(
        command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while first.poll() is None and documents_in(project_file) == 0:
        assert time.monotonic() < deadline, "the import stored nothing in two minutes"
        time.sleep(0.02)
    if first.poll() is None:
        os.kill(first.pid, signal.SIGKILL)
    first.wait()
    stored = documents_in(project_file)

    again = subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )

    assert again.returncode == 0, again.stdout + again.stderr
    assert f"already imported, skipped: {stored}" in again.stdout
    assert f"{count - stored} of {count} files imported" in again.stdout
    assert documents_in(project_file) == count
