"""Peers doing the same work on the same corpus, timed side by side with codebench.

- agreement: the ``krippendorff`` package called directly on the matrices ``agree`` builds
  (timed in its own child, see ``operations``);
- code statistics and REFI-QDA import: the ``qualitative-coding`` package's ``qc codes stats``
  and ``qc init -i`` against ``codebench report themes`` and ``codebench import``, both as
  commands, wall clock, start-up included on both sides. ``qc`` is never a dependency: it is
  found through ``CODEBENCH_QC`` (the path of its ``qc`` command, e.g. in a throwaway venv:
  ``python3 -m venv /tmp/qcv && /tmp/qcv/bin/pip install qualitative-coding``) or on PATH.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.clock import Clock, Sample, repeated

QC_ENV = "CODEBENCH_QC"
TIMEOUT = 1800.0
CODEBENCH = [sys.executable, "-m", "codebench"]


@dataclass(frozen=True)
class PeerResult:
    task: str
    size: str
    ours: str
    ours_seconds: float | None
    peer: str
    peer_seconds: float | None
    note: str = ""


def qc_command() -> str | None:
    return os.environ.get(QC_ENV) or shutil.which("qc")


class _Failed(Exception):
    pass


def _wall(command: list[str], cwd: Path) -> Sample:
    """Seconds one command takes; qc's REFI-QDA reader stops in a leftover ``breakpoint()``,
    which PYTHONBREAKPOINT=0 turns off."""
    env = {**os.environ, "PYTHONBREAKPOINT": "0"}
    clock = Clock()
    try:
        done = subprocess.run(
            command, cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT
        )
    except subprocess.TimeoutExpired as exc:
        raise _Failed(f"over {TIMEOUT:.0f} s") from exc
    if done.returncode:
        lines = (done.stderr or done.stdout).strip().splitlines()
        name = "codebench" if command[: len(CODEBENCH)] == CODEBENCH else Path(command[0]).name
        raise _Failed(f"{name} failed: {lines[-1] if lines else done.returncode}")
    return clock.elapsed()


def _median(repeat: int, run: Callable[[int], Sample], failures: list[str]) -> float | None:
    """Median wall clock, or None (and why in ``failures``) if a run fails."""
    try:
        return statistics.median(sample.wall for sample in repeated(repeat, run))
    except _Failed as exc:
        failures.append(str(exc))
        return None


def qc_peers(size: str, project: Path, qdpx: Path, repeat: int, scratch: Path) -> list[PeerResult]:
    """``codebench import`` vs ``qc init -i`` on the size's REFI-QDA export, then
    ``codebench report themes`` vs ``qc codes stats`` on what each holds."""
    imports: list[str] = []
    stats: list[str] = []

    def codebench_import(i: int) -> Sample:
        target = scratch / f"cli{i}.codebench"
        subprocess.run([*CODEBENCH, "init", str(target)], check=True, capture_output=True)
        return _wall([*CODEBENCH, "import", str(qdpx), "-p", str(target)], scratch)

    ours_import = _median(repeat, codebench_import, imports)
    report = [*CODEBENCH, "report", "themes", "-p", str(project)]
    ours_stats = _median(repeat, lambda _: _wall(report, scratch), stats)
    qc = qc_command()
    peer_import = peer_stats = None
    if qc is None:
        imports.append(f"qc not installed (set {QC_ENV})")
        stats.append(imports[-1])
    else:
        folder = scratch / "qc"

        def qc_init(_: int) -> Sample:
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            return _wall([qc, "init", "-i", str(qdpx)], folder)

        peer_import = _median(repeat, qc_init, imports)
        if peer_import is not None:
            command = [qc, "codes", "stats"]
            peer_stats = _median(repeat, lambda _: _wall(command, folder), stats)
    usual = "qc counts coded lines, codebench codings"
    return [
        PeerResult(
            "REFI-QDA import",
            size,
            "codebench import X.qdpx",
            ours_import,
            "qc init -i X.qdpx",
            peer_import,
            "; ".join(imports) or usual,
        ),
        PeerResult(
            "code statistics",
            size,
            "codebench report themes",
            ours_stats,
            "qc codes stats",
            peer_stats,
            "; ".join(stats) or usual,
        ),
    ]


def krippendorff_peer(size: str, agree: float | None, direct: float | None) -> PeerResult:
    return PeerResult(
        "agreement, 2 coders",
        size,
        "agree (whole run)",
        agree,
        "krippendorff.alpha per code",
        direct,
        "same matrices; agree also reads the project and builds them",
    )
