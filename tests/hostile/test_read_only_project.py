"""A project the user may read but not write still answers every reading command."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from codebench.cli import cli


def test_info_reads_a_project_without_write_permission(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "shared.codebench"
    assert CliRunner().invoke(cli, ["init", str(project)]).exit_code == 0
    real_access = os.access

    def no_writing(path: object, mode: int, **kwargs: object) -> bool:
        """os.access as for a user with read permission only (tests run as root, for whom
        chmod 0400 changes nothing)."""
        if mode & os.W_OK and Path(str(path)) == project:
            return False
        return real_access(path, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", no_writing)
    result = CliRunner().invoke(cli, ["info", "--project", str(project)])
    assert result.exit_code == 0, result.output
    assert "shared" in result.output
