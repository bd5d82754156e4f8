"""A write that waits too long for another coder's gets one line, and changes nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from codebench.errors import ProjectError
from codebench.services.codebook.edits import add_code
from codebench.services.project import Project, init_project, open_project
from codebench.storage import engine, models


def _codes(project: Project) -> int:
    with project.reading() as session:
        return session.scalar(select(func.count(models.Code.id))) or 0


def test_a_write_blocked_past_the_busy_timeout_is_one_line_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "study.codebench"
    init_project(path).close()
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)
    other_coder = sqlite3.connect(path, isolation_level=None)
    other_coder.execute("BEGIN IMMEDIATE")
    try:
        with open_project(path) as project, pytest.raises(ProjectError) as refused:
            add_code(project, "Budget", actor="anna")
    finally:
        other_coder.execute("ROLLBACK")
        other_coder.close()
    message = str(refused.value)
    assert message.startswith(str(path)) and "busy" in message and "\n" not in message
    with open_project(path) as project:
        assert _codes(project) == 0


def test_reading_goes_on_while_another_coder_writes(tmp_path: Path) -> None:
    path = tmp_path / "study.codebench"
    init_project(path).close()
    other_coder = sqlite3.connect(path, isolation_level=None)
    other_coder.execute("BEGIN IMMEDIATE")
    try:
        with open_project(path) as project:
            assert _codes(project) == 0
    finally:
        other_coder.execute("ROLLBACK")
        other_coder.close()
