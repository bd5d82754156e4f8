"""What a job needs to measure its rows: the cache, a scratch folder, the children's
environment, the inputs (built on first use), and the ways to time a command.

In a dry run nothing is built or run: each command that would be timed is printed instead,
with placeholders for the inputs that do not exist yet.
"""

from __future__ import annotations

import shlex
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from benchmarks.child import CommandFailed, child_env, codebench, run_command
from benchmarks.clock import Sample, repeated
from benchmarks.corpus import Size
from benchmarks.inputs import (
    Passage,
    corpus_folder,
    demo_passage,
    demo_project,
    first_words,
    one_transcript,
    spacy_lines,
)
from benchmarks.projects import project_file, qdpx_file
from benchmarks.results import Peer
from benchmarks.terminal import COLUMNS, ROWS, first_paint

Argv = Callable[[Path], list[str]]
"""A command line, given the folder of the run (fresh for each run, deleted after it)."""
Prepare = Callable[[Path], None]


@dataclass
class Context:
    work: Path
    scratch: Path
    repeat: int
    dry_run: bool = False
    qc: str | None = None
    """The ``qc`` command of qualitative-coding, when it is to be run as a peer."""
    size: Size | None = None
    _markers: dict[Path, str] = field(default_factory=dict)

    def for_size(self, size: Size) -> Context:
        return Context(self.work, self.scratch, self.repeat, self.dry_run, self.qc, size)

    @property
    def env(self) -> dict[str, str]:
        return child_env(self.scratch)

    @property
    def sized(self) -> Size:
        if self.size is None:
            raise RuntimeError("a job per size was run without a size")
        return self.size

    # -- inputs, built on first use (placeholders in a dry run) ----------------------------

    @cached_property
    def demo(self) -> Path:
        """The demo project, built once per suite run (its build is not what is timed)."""
        return Path("DEMO.codebench") if self.dry_run else demo_project(self.scratch, self.env)

    @cached_property
    def passage(self) -> Passage:
        if self.dry_run:
            return Passage("DOCUMENT", "CODE", "N-M")
        return demo_passage(self.demo, self.env, self.scratch)

    @cached_property
    def transcript(self) -> Path:
        return Path("TRANSCRIPT.docx") if self.dry_run else one_transcript(self.work)

    @cached_property
    def corpus(self) -> Path:
        return Path("CORPUS/") if self.dry_run else corpus_folder(self.sized, self.work)

    @cached_property
    def lines(self) -> Path:
        return Path("LINES/") if self.dry_run else spacy_lines(self.sized, self.work)

    @property
    def project(self) -> Path:
        return project_file(self.sized, self.work)

    @property
    def qdpx(self) -> Path:
        return qdpx_file(self.sized, self.work)

    def marker(self, project: Path) -> str:
        if project not in self._markers:
            self._markers[project] = first_words(project)
        return self._markers[project]

    def ensure_qdpx(self) -> Path:
        """The size's REFI-QDA export, made untimed if the export row did not run."""
        if not self.dry_run and not self.qdpx.exists():
            run_command([*codebench(), "export", str(self.qdpx), "-p", str(self.project)], self.env)
        return self.qdpx

    # -- timing ----------------------------------------------------------------------------

    def _repeat(
        self, argv: Argv, measure: Callable[[Path], Sample], prepare: Prepare | None, how: str = ""
    ) -> list[Sample]:
        if self.dry_run:
            print(f"    {shlex.join(argv(Path('RUN')))}{how}", flush=True)
            return []

        def run(_: int) -> Sample:
            folder = Path(tempfile.mkdtemp(prefix="run", dir=self.scratch))
            try:
                if prepare is not None:
                    prepare(folder)
                return measure(folder)
            finally:
                shutil.rmtree(folder, ignore_errors=True)

        return repeated(self.repeat, run)

    def command(
        self,
        argv: Argv,
        prepare: Prepare | None = None,
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
    ) -> list[Sample]:
        """The command from process start to its exit, ``repeat`` times (fewer past LONG)."""

        def measure(folder: Path) -> Sample:
            return run_command(argv(folder), env or self.env, cwd=cwd or folder)

        return self._repeat(argv, measure, prepare)

    def paint(
        self,
        argv: Argv,
        project: Path,
        prepare: Prepare | None = None,
        env: dict[str, str] | None = None,
    ) -> list[Sample]:
        """A TUI from launch to the paint of ``project``'s first transcript lines."""

        def measure(folder: Path) -> Sample:
            return first_paint(argv(folder), self.marker(project), env or self.env, cwd=folder)

        how = f"  (in a {COLUMNS}x{ROWS} terminal, until {project.name}'s first words are drawn)"
        return self._repeat(argv, measure, prepare, how)

    def peer(
        self,
        name: str,
        argv: Argv,
        prepare: Prepare | None = None,
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
    ) -> Peer:
        """A peer's command timed as ours are; a failure is noted, not raised."""
        try:
            return Peer(name, self.command(argv, prepare, env, cwd))
        except CommandFailed as failed:
            return Peer(name, [], f"failed: {failed}")

    def init_project(self, folder: Path) -> None:
        """An empty project in ``folder`` (untimed), for the commands that import."""
        run_command([*codebench(), "init", str(folder / "new.codebench")], self.env, cwd=folder)

    def copy_into(self, source: Path, target: Path) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
