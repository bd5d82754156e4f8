"""A demo build that is killed leaves nothing half-built behind for later runs to open."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from codebench.cli import cli
from codebench.services.project import init_project


def demo_command(data_home: Path) -> list[str]:
    return [sys.executable, "-m", "codebench", "demo", "--summary"]


def environment(data_home: Path) -> dict[str, str]:
    return {**os.environ, "XDG_DATA_HOME": str(data_home)}


def test_killing_the_build_leaves_no_demo_and_the_next_run_builds_it_whole(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "codebench"
    build = subprocess.Popen(
        demo_command(tmp_path), env=environment(tmp_path), stdout=subprocess.PIPE, text=True
    )
    assert build.stdout is not None
    assert "Building the demo project" in build.stdout.readline()
    deadline = time.monotonic() + 60
    while not list(folder.glob("demo.codebench.building-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)  # well into the import
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert not (folder / "demo.codebench").exists()

    again = subprocess.run(
        demo_command(tmp_path), env=environment(tmp_path), capture_output=True, text=True
    )
    assert again.returncode == 0, again.stderr
    assert "coder1" in again.stdout and "coder2" in again.stdout
    assert [p.name for p in folder.iterdir() if p.name.startswith("demo")] == ["demo.codebench"]


def test_a_half_built_demo_from_before_is_named_with_the_way_out(
    tmp_path: Path, monkeypatch: object
) -> None:
    folder = tmp_path / "codebench"
    folder.mkdir()
    init_project(folder / "demo.codebench").close()  # documents and codings never came
    env = {"XDG_DATA_HOME": str(tmp_path)}
    result = CliRunner().invoke(cli, ["demo", "--summary"], env=env)
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert "incomplete" in result.output and "codebench demo --reset" in result.output
    rebuilt = CliRunner().invoke(cli, ["demo", "--summary", "--reset"], env=env)
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "coder2" in rebuilt.output
