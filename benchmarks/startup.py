"""Start-up: the rows run once per suite run, on the demo project (``codebench demo
--summary`` builds it) or on one transcript, each a whole command from process start.

``--version`` and ``--help`` (0.25 s CPU); ``info``, ``code`` and ``codings`` (0.6 s CPU);
the TUI from ``codebench demo`` to its first screen (1.0 s wall, :mod:`benchmarks.terminal`);
``import`` of one 10,000-word Word file into a new project (1.0 s CPU); ``pseudonymise --all``
of the whole demo (17 interviews; 10 s wall, deduce's lists built in the process included). All
within 500 MB.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from benchmarks.budgets import (
    FIRST_SCREEN_WALL,
    MEMORY_MB,
    PSEUDONYMISE_WALL,
    SMALL_COMMAND,
    START,
    Job,
    Run,
    start_row,
)
from benchmarks.child import codebench
from benchmarks.context import Context
from benchmarks.results import Budget, Result


def _bare(option: str) -> Run:
    def run(ctx: Context) -> list[Result]:
        samples = ctx.command(lambda _: [*codebench(), option])
        return [start_row(f"codebench {option}", "—", samples, START)]

    return run


def _on_demo(command: str, *args: str) -> Run:
    def run(ctx: Context) -> list[Result]:
        samples = ctx.command(lambda _: [*codebench(), command, *args, "-p", str(ctx.demo)])
        return [start_row(f"codebench {command}", "demo project", samples, SMALL_COMMAND)]

    return run


def _code(ctx: Context) -> list[Result]:
    """Code a passage coder1 coded, as the benchmark's coder, on a fresh copy each run."""
    passage = ctx.passage

    def argv(folder: Path) -> list[str]:
        where = [passage.document, passage.code, "--sentences", passage.sentences]
        return [*codebench(), "code", *where, "-p", str(folder / "demo.codebench")]

    samples = ctx.command(argv, lambda folder: ctx.copy_into(ctx.demo, folder / "demo.codebench"))
    return [start_row("codebench code", "demo project", samples, SMALL_COMMAND)]


def _demo_screen(ctx: Context) -> list[Result]:
    """``codebench demo`` (already built, copied afresh into its data folder each run) until
    its first transcript is drawn."""
    data = ctx.scratch / "tui-data"
    env = {**ctx.env, "XDG_DATA_HOME": str(data)}

    def prepare(_: Path) -> None:
        shutil.rmtree(data, ignore_errors=True)
        ctx.copy_into(ctx.demo, data / "codebench" / "demo.codebench")

    samples = ctx.paint(lambda _: [*codebench(), "demo"], ctx.demo, prepare, env)
    limit = Budget(FIRST_SCREEN_WALL, "wall", megabytes=MEMORY_MB)
    return [start_row("TUI first screen (codebench demo)", "demo project", samples, limit)]


def _import_one(ctx: Context) -> list[Result]:
    def argv(folder: Path) -> list[str]:
        return [*codebench(), "import", str(ctx.transcript), "-p", str(folder / "new.codebench")]

    samples = ctx.command(argv, ctx.init_project)
    limit = Budget(1.0, megabytes=MEMORY_MB)
    return [start_row("codebench import (one transcript)", "1 .docx, 10,000 words", samples, limit)]


def _pseudonymise(ctx: Context) -> list[Result]:
    """``pseudonymise --all`` on a fresh copy of the demo each run (its key folder beside it)."""

    def argv(folder: Path) -> list[str]:
        project = folder / "demo.codebench"
        return [*codebench(), "pseudonymise", "--all", "-p", str(project)]

    def prepare(folder: Path) -> None:
        shutil.rmtree(folder / "demo.codebench-key", ignore_errors=True)
        ctx.copy_into(ctx.demo, folder / "demo.codebench")

    samples = ctx.command(argv, prepare)
    limit = Budget(PSEUDONYMISE_WALL, "wall", megabytes=MEMORY_MB)
    return [start_row("codebench pseudonymise --all", "demo project", samples, limit)]


STARTUP_JOBS = [
    Job("version", "start-up", _bare("--version")),
    Job("help", "start-up", _bare("--help")),
    Job("info", "start-up", _on_demo("info")),
    Job("code", "start-up", _code),
    Job("codings", "start-up", _on_demo("codings")),
    Job("tui demo", "start-up", _demo_screen),
    Job("import one", "start-up", _import_one),
    Job("pseudonymise", "start-up", _pseudonymise),
]
