"""The header of ``results.md``: how the suite was run, on what, and how each figure is taken."""

from __future__ import annotations

import os
import platform
import shlex
import subprocess
import sys
from datetime import datetime
from importlib import metadata
from pathlib import Path

from benchmarks.child import ROOT
from benchmarks.peers import QC_ENV

HOW = """\
How each figure is taken:

- **Whole commands** run as a user runs them (the `codebench` script beside the interpreter),
  one process per run, timed from just before the process is spawned until it is reaped:
  *wall* is that time, *CPU* the child's user + system time and *peak MB* its peak resident
  memory, both from `os.wait4`; a small launcher (`benchmarks/launch.py`) spawns it, so the
  suite's own memory does not count in its peak. Start-up, imports and exit are included.
  Medians of the runs (fewer than asked once an operation has taken two minutes); peak MB is
  the highest run's.
- **TUI first screen**: the command runs in a 120x40 pseudo-terminal; the clock stops when
  the frame that draws the first words of the transcript the TUI opens (only the transcript
  pane shows them; escape sequences stripped) has been written out. The child is then killed:
  CPU and peak MB cover the launch to the paint. Nothing in codebench is hooked.
- **Peers** are timed the same way on the same input: bare spaCy (`spacy.blank(lang)` and a
  sentencizer, `benchmarks/spacy_peer.py`) over the text codebench stored for the same
  transcripts; `qc` (qualitative-coding) on the same REFI-QDA export; `krippendorff.alpha` in
  process on the reliability matrices codebench's agreement service builds. *ratio* is
  codebench's median over the peer's, on the budget's clock.
- **In process** rows time a call after the imports, in a child of their own (their peak is
  that child's), to show what the whole command adds.
- **Budgets** are those of the issue, medians on this 2-core machine: CPU time from process
  start unless marked wall. The medium size (200 transcripts of 10,000 words, ~100,000 codings)
  is the budget point; a larger size is held to the budget scaled linearly with its work.
- **Verdict**: *holds* when every part of the budget holds; otherwise NO and which part.
"""


def _git() -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return "not a git checkout"
    return commit + (" with uncommitted changes" if git("status", "--porcelain", "src") else "")


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.2f} (5 min: {five:.2f})"


def header(
    argv: list[str], started: datetime, load_at_start: str, minutes: float, qc: str | None
) -> str:
    versions = ", ".join(
        f"{name} {_version(name)}" for name in ("codebench", "spacy", "krippendorff", "textual")
    )
    command = shlex.join(["python", "-m", "benchmarks", *argv])
    return "\n".join(
        [
            "# Benchmark results",
            "",
            f"Written by `{command}`, started {started:%Y-%m-%d %H:%M}, in {minutes:.0f} min.",
            "",
            f"- Machine: {_cpu_model()}, {os.cpu_count()} logical cores, "
            f"{platform.system()} {platform.release()}; load average {load_at_start} at the "
            f"start, {load()} at the end (other processes share the cores: wall time well "
            "above CPU time means a run waited).",
            f"- Python {platform.python_version()} ({Path(sys.executable).name}); {versions}; "
            f"source at {_git()}.",
            f"- qc: {qc or f'not used (set {QC_ENV} to its qc command)'}.",
            "",
            HOW,
        ]
    )
