"""Running codebench in a child process whose memory is capped, as a hostile file's import.

A regression that reads a bomb into memory should fail the test, not swap the machine: the
child's address space is capped with ``RLIMIT_AS`` at :data:`MEMORY_CAP` (the promise of issue
17: every hostile file is dealt with in under 500 MB), so an allocation beyond it fails there.
The numeric libraries are kept to one thread, since each thread reserves address space of its
own and the cap must not depend on how many cores the machine has.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

MEMORY_CAP = 500 * 2**20

_ONE_THREAD = {
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "MALLOC_ARENA_MAX": "2",
}


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_capped(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``codebench *args`` in a child capped at :data:`MEMORY_CAP`; its exit code and output."""
    return subprocess.run(
        [sys.executable, "-m", "codebench", *map(str, args)],
        env={**os.environ, **_ONE_THREAD},
        preexec_fn=_cap_memory,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def shown(result: subprocess.CompletedProcess[str]) -> str:
    """What a command did, for a failing assertion."""
    return f"exit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"


def error_line(result: subprocess.CompletedProcess[str], path: Path) -> str:
    """The one line refusing ``path`` (it names the file first); fails the test on a traceback
    or when there is no such line."""
    assert "Traceback" not in result.stderr, shown(result)
    found = [
        line
        for line in (*result.stdout.splitlines(), *result.stderr.splitlines())
        if line.startswith(("error: ", "codebench: error: ")) and f" {path}" in line
    ]
    assert len(found) == 1, shown(result)
    return found[0]
