"""Whole commands timed from process start, as a user waits for them.

The clock starts just before the command is spawned and stops when it has been reaped; CPU
(user + system) and peak resident memory are the command's own, from the ``rusage`` that
``os.wait4`` returns for it (which also counts any children it waited for). The interpreter's
start-up, every import and the exit are all included, which is the point. The command is
spawned by :mod:`benchmarks.launch`, a small process of its own, so that its peak memory is not
the suite's (see there).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import IO

from benchmarks.clock import Sample

ROOT = Path(__file__).resolve().parent.parent
LAUNCH = Path(__file__).resolve().with_name("launch.py")
TIMEOUT = 1800.0
CODER = "benchmark"
#: Variables of the caller's shell that would change what a command does or how Textual draws.
DROPPED = ("CODEBENCH_PROJECT", "CODEBENCH_CODER", "CODEBENCH_SETTINGS", "COLUMNS", "LINES")


class CommandFailed(Exception):
    """A command exited non-zero or ran over its time; the message says which and why."""


def codebench() -> list[str]:
    """The ``codebench`` script installed beside this interpreter (what a user runs), else
    ``python -m codebench``; never a shim on PATH, which would add its own start-up."""
    script = Path(sys.executable).with_name("codebench")
    return [str(script)] if script.exists() else [sys.executable, "-m", "codebench"]


def child_env(scratch: Path) -> dict[str, str]:
    """The caller's environment, less what would steer codebench, with settings of its own
    (no theme, no remembered coder) and the benchmarks importable."""
    env = {k: v for k, v in os.environ.items() if k not in DROPPED and not k.startswith("TEXTUAL")}
    env["CODEBENCH_SETTINGS"] = str(scratch / "settings.yaml")
    env["CODEBENCH_CODER"] = CODER
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


class Launched:
    """A command started through ``launch.py``: its pid, and its figures once it has ended."""

    def __init__(
        self,
        argv: list[str],
        env: Mapping[str, str],
        cwd: Path,
        streams: tuple[int | IO[bytes], int | IO[bytes], int | IO[bytes]],
    ) -> None:
        read, write = os.pipe()
        try:
            self._launcher = subprocess.Popen(
                [sys.executable, "-I", "-S", str(LAUNCH), str(write), *argv],
                cwd=cwd,
                env=dict(env),
                stdin=streams[0],
                stdout=streams[1],
                stderr=streams[2],
                pass_fds=(write,),
            )
        finally:
            os.close(write)
        self._report = os.fdopen(read, "rb")
        self.name = " ".join(Path(arg).name for arg in argv[:3])
        first = self._report.readline().split()
        if len(first) != 2:
            self._launcher.wait()
            self._report.close()
            raise CommandFailed(f"{self.name}: could not be started")
        self.pid, self.started = int(first[0]), float(first[1])
        """The monotonic clock (``time.monotonic``) just before the spawn."""

    def kill(self) -> None:
        """Kill the command and whatever it started (its session's process group)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.pid, signal.SIGKILL)

    def wait(self, timeout: float = TIMEOUT) -> tuple[int, Sample]:
        """Its exit code and its wall, CPU and peak MB; killed past ``timeout`` seconds."""
        over = False
        try:
            self._launcher.wait(timeout)
        except subprocess.TimeoutExpired:
            over = True
            self.kill()
            self._launcher.wait()
        line = self._report.readline().split()
        self._report.close()
        if over or len(line) != 4:
            raise CommandFailed(f"{self.name}: " + (f"over {timeout:.0f} s" if over else "lost"))
        status, wall, cpu, rss = int(line[0]), float(line[1]), float(line[2]), int(line[3])
        return os.waitstatus_to_exitcode(status), Sample(wall, cpu, rss / 1024)  # KiB on Linux


def _last_line(path: Path) -> str:
    lines = path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    return lines[-1] if lines else ""


def run_command(
    argv: list[str],
    env: Mapping[str, str],
    cwd: Path = ROOT,
    timeout: float = TIMEOUT,
    stdout: Path | None = None,
) -> Sample:
    """Run ``argv`` to its end and return its wall seconds, CPU seconds and peak MB.

    Its output goes to ``stdout`` (default: nowhere) and its errors to a temporary file, so it
    never waits on a pipe; raises :class:`CommandFailed` on a non-zero exit or a timeout."""
    with tempfile.TemporaryDirectory() as folder, contextlib.ExitStack() as files:
        err_path = Path(folder) / "stderr"
        err = files.enter_context(open(err_path, "wb"))
        out = files.enter_context(open(stdout, "wb")) if stdout else subprocess.DEVNULL
        command = Launched(argv, env, cwd, (subprocess.DEVNULL, out, err))
        code, sample = command.wait(timeout)
        if code:
            err.close()
            raise CommandFailed(f"{command.name}: {_last_line(err_path) or f'exit {code}'}")
    return sample
